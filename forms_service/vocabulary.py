"""The fixed vocabulary of Operation Norrsken: parties, municipalities, kinds, statuses.

Each list holds (stored value, Swedish label) pairs. Stored values are short ASCII keys that never
change; labels are what users see. Forms, templates and statistics all read from here, so a label is
changed in one place. Sources: the agreement (överenskommelsen), avsnitt 2, 5, 7 and 12.
"""

from __future__ import annotations

MUNICIPALITIES: list[tuple[str, str]] = [
    ("berg", "Bergs kommun"),
    ("bracke", "Bräcke kommun"),
    ("harjedalen", "Härjedalens kommun"),
    ("krokom", "Krokoms kommun"),
    ("ragunda", "Ragunda kommun"),
    ("stromsund", "Strömsunds kommun"),
    ("are", "Åre kommun"),
    ("ostersund", "Östersunds kommun"),
]

# The ten parties to the agreement (avsnitt 2).
PARTIES: list[tuple[str, str]] = [
    ("polisen", "Polisen, Polisområde Jämtland"),
    ("region", "Region Jämtland Härjedalen"),
    *MUNICIPALITIES,
]

ORGANISATIONS: list[tuple[str, str]] = [*PARTIES, ("annan", "Annan aktör")]

BASES: list[tuple[str, str]] = [
    ("samtycke", "Med samtycke"),
    ("avidentifierat", "Avidentifierat"),
]

# Avsnitt 12: "planerande, konsulterande, akuta eller uppföljande".
KINDS: list[tuple[str, str]] = [
    ("planerande", "Planerande"),
    ("konsulterande", "Konsulterande"),
    ("akut", "Akut"),
    ("uppfoljande", "Uppföljande"),
]

# Avsnitt 5: the three purposes of a samråd.
PURPOSES: list[tuple[str, str]] = [
    ("behov", "Klarlägga behov och vem som ansvarar för dem"),
    ("risk", "Få en bredare bild för att bedöma risken för fortsatt våld"),
    ("konsultation", "Konsultation i en specifik fråga"),
]

# Avsnitt 7, footnote 1.
VIOLENCE_FORMS: list[tuple[str, str]] = [
    ("psykiskt", "Psykiskt våld"),
    ("fysiskt", "Fysiskt våld"),
    ("sexuellt", "Sexuellt våld"),
    ("materiellt", "Materiellt våld"),
    ("ekonomiskt", "Ekonomiskt våld"),
    ("latent", "Latent våld"),
    ("forsummelse", "Försummelse"),
]

# Avsnitt 7: the target group.
CONTEXTS: list[tuple[str, str]] = [
    ("mans_vald", "Mäns våld mot kvinnor"),
    ("heder", "Hedersrelaterat våld och förtryck"),
    ("samkonade", "Våld i samkönade relationer"),
    ("kvinnors_vald", "Kvinnors våld mot män"),
    ("prostitution", "Prostitution eller människohandel för sexuella ändamål"),
    ("annat", "Annat sammanhang"),
]

YES_NO_UNKNOWN: list[tuple[str, str]] = [("ja", "Ja"), ("nej", "Nej"), ("vet_ej", "Vet ej")]
YES_NO: list[tuple[str, str]] = [("ja", "Ja"), ("nej", "Nej")]

RISK_METHODS: list[tuple[str, str]] = [
    ("", "Ingen angiven"),
    ("freda", "FREDA"),
    ("sara", "SARA / SARA:SV / SARA:PV"),
    ("patriark", "PATRIARK"),
    ("sam", "SAM"),
    ("check10", "Check-10"),
    ("annan", "Annan metod"),
]

PARTICIPATION: list[tuple[str, str]] = [
    ("plats", "På plats i Östersund"),
    ("telefon", "Per telefon"),
    ("video", "Per video"),
]

INFORMATION_KINDS: list[tuple[str, str]] = [
    ("vald", "Uppgifter om våldet och våldsutsattheten"),
    ("risk", "Riskbedömningar"),
    ("halsa", "Uppgifter om hälsa och vård"),
    ("socialtjanst", "Socialtjänstens bedömningar och insatser"),
    ("polis", "Polisanmälan, utredning och skyddsåtgärder"),
    ("boende", "Boende och skydd"),
    ("barn", "Uppgifter om barn i hushållet"),
    ("ekonomi", "Ekonomi och försörjning"),
]

CONSENT_METHODS: list[tuple[str, str]] = [
    ("skriftligt", "Skriftligt på samtyckesblanketten"),
    ("muntligt", "Muntligt och dokumenterat i egen journal eller akt"),
]

# Request statuses (DESIGN.md, "Flows").
STATUSES: list[tuple[str, str]] = [
    ("ny", "Ny"),
    ("under_bedomning", "Under bedömning"),
    ("komplettering", "Behöver komplettering"),
    ("planerad", "Planerad"),
    ("genomford", "Genomförd"),
    ("avslutad", "Avslutad"),
    ("avbojd", "Avböjd"),
    ("aterkallad", "Återkallad"),
]

# What the submitter sees on the status page, in plain Swedish.
STATUS_EXPLANATIONS: dict[str, str] = {
    "ny": "Förfrågan har kommit in och väntar på att samordnaren ska bedöma den.",
    "under_bedomning": "Samordnaren bedömer förfrågan och vilka som ska delta.",
    "komplettering": "Samordnaren behöver mer information. Läs meddelandet nedan.",
    "planerad": "Ärendet är planerat till ett samråd. Tiden står nedan.",
    "genomford": "Samrådet har hållits.",
    "avslutad": "Ärendet är avslutat.",
    "avbojd": "Samordnaren har bedömt att ärendet inte ska tas upp i samråd.",
    "aterkallad": "Du har återkallat förfrågan.",
}

# Why the coordinator declined a request; categories only, for the annual statistics.
DECLINE_REASONS: list[tuple[str, str]] = [
    ("malgrupp", "Utanför målgruppen"),
    ("annan_samverkan", "Hanteras bättre i annan samverkan"),
    ("ofullstandig", "Förfrågan är ofullständig"),
    ("samtycke", "Samtycke saknas eller räcker inte"),
    ("annat", "Annat skäl"),
]

FINISHED_STATUSES = frozenset({"avslutad", "avbojd", "aterkallad"})
# What the coordinator's queue shows unless filtered: everything not finished, in status order.
OPEN_STATUSES = ["ny", "under_bedomning", "komplettering", "planerad", "genomford"]
WITHDRAWABLE_STATUSES = frozenset({"ny", "under_bedomning", "komplettering", "planerad"})


# The agreement's nine goals (avsnitt 6), in our words, with the statistics tables that speak to
# each (their keys in statistics.py). The annual report is organised by them.
GOALS: list[tuple[str, list[str]]] = [
    ("1. Samplanerat och samordnat stöd och skydd", ["grund", "utfall"]),
    ("2. Skydd och stöd utifrån bedömd risk för fortsatt våld", ["riskbedomning"]),
    ("3. Skyndsam bedömning av psykosocialt stöd och behandling", ["sort"]),
    ("4. Stöd att knyta kontakter med nya enheter och professioner", ["inbjudna"]),
    ("5. God information om vilket stöd parterna kan ge", []),
    ("6. Fler anmäler brott och medverkar i utredningen", ["polisanmalan"]),
    ("7. Stöd som bygger på lag, bästa kunskap och beprövad erfarenhet", []),
    ("8. Ökad kunskap om de andra parternas roll och ansvar", ["part"]),
    ("9. Ökad trygghet i att förhålla sig till sekretessen", ["samtycken"]),
]


def label(choices: list[tuple[str, str]], value: str | None) -> str:
    """The Swedish label for a stored value, or the value itself if unknown."""
    return dict(choices).get(value or "", value or "")


def labels(choices: list[tuple[str, str]], values: list[str] | None) -> list[str]:
    mapping = dict(choices)
    return [mapping.get(value, value) for value in values or []]
