"""The fixed vocabulary of Operation Norrsken: parties, municipalities, kinds, statuses.

Each vocabulary is a `Term` enum: a `StrEnum` whose members are the stored values (short ASCII
keys that never change, so a member compares equal to what the database holds) and carry their
Swedish label. Code names members (`Status.DECLINED`), never the bare string, so a typo is an
error instead of a silent bug. The `(value, label)` lists below (`STATUSES`, `KINDS` …) are derived
from the enums for forms, templates and statistics, so a label is changed in one place.
Sources: the agreement (överenskommelsen), avsnitt 2, 5, 7 and 12.
"""

from __future__ import annotations

from enum import StrEnum


class Term(StrEnum):
    """A stored key with its Swedish label: `Kind.ACUTE == "akut"`, `Kind.ACUTE.label == "Akut"`."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Municipality(Term):
    BERG = "berg", "Bergs kommun"
    BRACKE = "bracke", "Bräcke kommun"
    HARJEDALEN = "harjedalen", "Härjedalens kommun"
    KROKOM = "krokom", "Krokoms kommun"
    RAGUNDA = "ragunda", "Ragunda kommun"
    STROMSUND = "stromsund", "Strömsunds kommun"
    ARE = "are", "Åre kommun"
    OSTERSUND = "ostersund", "Östersunds kommun"


# The ten parties to the agreement (avsnitt 2): the police, the region and the municipalities.
Party = Term(
    "Party",
    [
        ("POLICE", ("polisen", "Polisen, Polisområde Jämtland")),
        ("REGION", ("region", "Region Jämtland Härjedalen")),
        *[(member.name, (member.value, member.label)) for member in Municipality],
    ],
)

# Who sent a request or keeps a signed consent: a party, or another organisation named in text.
OTHER_ORGANISATION = "annan"


class Basis(Term):
    CONSENT = "samtycke", "Med samtycke"
    DEIDENTIFIED = "avidentifierat", "Avidentifierat"


class Kind(Term):
    """Avsnitt 12: "planerande, konsulterande, akuta eller uppföljande"."""

    PLANNING = "planerande", "Planerande"
    CONSULTING = "konsulterande", "Konsulterande"
    ACUTE = "akut", "Akut"
    FOLLOW_UP = "uppfoljande", "Uppföljande"


# What each kind of samråd is for, shown as a hint under each choice (the site explains them too).
KIND_HINTS: dict[str, str] = {
    Kind.PLANNING: "Ni behöver planera stöd och skydd tillsammans, till exempel inför en flytt.",
    Kind.CONSULTING: "Du vill rådgöra med de andra parterna i en viss fråga.",
    Kind.ACUTE: "Det kan inte vänta till nästa ordinarie samråd. Vid omedelbar fara: ring 112.",
    Kind.FOLLOW_UP: "Ärendet har varit uppe i samråd tidigare och ska följas upp.",
}


class Purpose(Term):
    """Avsnitt 5: the three purposes of a samråd."""

    NEEDS = "behov", "Klarlägga behov och vem som ansvarar för dem"
    RISK = "risk", "Få en bredare bild för att bedöma risken för fortsatt våld"
    CONSULTATION = "konsultation", "Konsultation i en specifik fråga"


class ViolenceForm(Term):
    """Avsnitt 7, footnote 1."""

    PSYCHOLOGICAL = "psykiskt", "Psykiskt våld"
    PHYSICAL = "fysiskt", "Fysiskt våld"
    SEXUAL = "sexuellt", "Sexuellt våld"
    MATERIAL = "materiellt", "Materiellt våld"
    ECONOMIC = "ekonomiskt", "Ekonomiskt våld"
    LATENT = "latent", "Latent våld"
    NEGLECT = "forsummelse", "Försummelse"


class Context(Term):
    """Avsnitt 7: the target group."""

    MENS_VIOLENCE = "mans_vald", "Mäns våld mot kvinnor"
    HONOUR = "heder", "Hedersrelaterat våld och förtryck"
    SAME_SEX = "samkonade", "Våld i samkönade relationer"
    WOMENS_VIOLENCE = "kvinnors_vald", "Kvinnors våld mot män"
    PROSTITUTION = "prostitution", "Prostitution eller människohandel för sexuella ändamål"
    OTHER = "annat", "Annat sammanhang"


class Answer(Term):
    YES = "ja", "Ja"
    NO = "nej", "Nej"
    UNKNOWN = "vet_ej", "Vet ej"


class RiskMethod(Term):
    NONE = "", "Ingen angiven"
    FREDA = "freda", "FREDA"
    SARA = "sara", "SARA / SARA:SV / SARA:PV"
    PATRIARK = "patriark", "PATRIARK"
    SAM = "sam", "SAM"
    CHECK10 = "check10", "Check-10"
    OTHER = "annan", "Annan metod"


class Participation(Term):
    """How the professional takes part; "{place}" is the configured MEETING_PLACE."""

    ON_SITE = "plats", "På plats i {place}"
    PHONE = "telefon", "Per telefon"
    VIDEO = "video", "Per video"


class InformationKind(Term):
    VIOLENCE = "vald", "Uppgifter om våldet och våldsutsattheten"
    RISK = "risk", "Riskbedömningar"
    HEALTH = "halsa", "Uppgifter om hälsa och vård"
    SOCIAL_SERVICES = "socialtjanst", "Socialtjänstens bedömningar och insatser"
    POLICE = "polis", "Polisanmälan, utredning och skyddsåtgärder"
    HOUSING = "boende", "Boende och skydd"
    CHILDREN = "barn", "Uppgifter om barn i hushållet"
    ECONOMY = "ekonomi", "Ekonomi och försörjning"


class ConsentMethod(Term):
    WRITTEN = "skriftligt", "Skriftligt på samtyckesblanketten"
    ORAL = "muntligt", "Muntligt och dokumenterat i egen journal eller akt"


class Status(Term):
    """A request's status (the allowed changes are in workflow.py)."""

    NEW = "ny", "Ny"
    ASSESSING = "under_bedomning", "Under bedömning"
    NEEDS_INFO = "komplettering", "Behöver komplettering"
    PLANNED = "planerad", "Planerad"
    HELD = "genomford", "Genomförd"
    CLOSED = "avslutad", "Avslutad"
    DECLINED = "avbojd", "Avböjd"
    WITHDRAWN = "aterkallad", "Återkallad"


class DeclineReason(Term):
    """Why the coordinator declined a request; categories only, for the annual statistics."""

    TARGET_GROUP = "malgrupp", "Utanför målgruppen"
    OTHER_COOPERATION = "annan_samverkan", "Hanteras bättre i annan samverkan"
    INCOMPLETE = "ofullstandig", "Förfrågan är ofullständig"
    NO_CONSENT = "samtycke", "Samtycke saknas eller räcker inte"
    OTHER = "annat", "Annat skäl"


class EventKind(StrEnum):
    """What a request event records (RequestEvent.kind)."""

    STATUS = "status"
    MESSAGE = "message"  # shown to the submitter on the status page
    REPLY = "reply"  # the submitter's answer to a komplettering, shown to both
    NOTE = "note"  # internal, coordinators only


# The actor recorded for what the professional who sent a request does (withdrawing it).
SUBMITTER = "inlamnare"

MUNICIPALITIES = Municipality.choices()
PARTIES = Party.choices()
ORGANISATIONS = [*PARTIES, (OTHER_ORGANISATION, "Annan aktör")]
BASES = Basis.choices()
KINDS = Kind.choices()
PURPOSES = Purpose.choices()
VIOLENCE_FORMS = ViolenceForm.choices()
CONTEXTS = Context.choices()
YES_NO_UNKNOWN = Answer.choices()
YES_NO = [(Answer.YES.value, Answer.YES.label), (Answer.NO.value, Answer.NO.label)]
RISK_METHODS = RiskMethod.choices()
INFORMATION_KINDS = InformationKind.choices()
CONSENT_METHODS = ConsentMethod.choices()
STATUSES = Status.choices()
DECLINE_REASONS = DeclineReason.choices()


def participation_choices(place: str) -> list[tuple[str, str]]:
    """The participation choices with the configured meeting place in the on-site label."""
    return [(member.value, member.label.format(place=place)) for member in Participation]


# What the submitter sees on the status page, in plain Swedish.
STATUS_EXPLANATIONS: dict[str, str] = {
    Status.NEW: "Förfrågan har kommit in och väntar på att samordnaren ska bedöma den.",
    Status.ASSESSING: "Samordnaren bedömer förfrågan och vilka som ska delta.",
    Status.NEEDS_INFO: "Samordnaren behöver mer information. Läs meddelandet nedan.",
    Status.PLANNED: "Ärendet är planerat till ett samråd. Tiden står nedan.",
    Status.HELD: "Samrådet har hållits.",
    Status.CLOSED: "Ärendet är avslutat.",
    Status.DECLINED: "Samordnaren har bedömt att ärendet inte ska tas upp i samråd. Motiveringen "
    "står i meddelandet nedan.",
    Status.WITHDRAWN: "Du har återkallat förfrågan.",
}

FINISHED_STATUSES = frozenset({Status.CLOSED, Status.DECLINED, Status.WITHDRAWN})
WITHDRAWABLE_STATUSES = frozenset({Status.NEW, Status.ASSESSING, Status.NEEDS_INFO, Status.PLANNED})
# What the coordinator's queue shows unless filtered: everything not finished, in status order.
OPEN_STATUSES = [Status.NEW, Status.ASSESSING, Status.NEEDS_INFO, Status.PLANNED, Status.HELD]

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
