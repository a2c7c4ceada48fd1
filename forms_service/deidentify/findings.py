"""What the guard reports: the kinds, their severity, the messages shown next to the field, and
the `Finding` record itself."""

from __future__ import annotations

from typing import NamedTuple

BLOCK = "block"
WARN = "warn"

MESSAGES: dict[str, str] = {
    "personnummer": "Ta bort personnumret. Personnummer får aldrig skrivas i tjänsten.",
    "samordningsnummer": "Ta bort samordningsnumret. Det identifierar personen lika säkert som "
    "ett personnummer.",
    "phone": "Ta bort telefonnumret. Dina egna kontaktuppgifter skriver du i fälten om dig.",
    "email": "Ta bort e-postadressen. Dina egna kontaktuppgifter skriver du i fälten om dig.",
    "address": "Ta bort adressen. Ange högst vilken kommun det gäller.",
    "postcode": "Ta bort postnumret. Ange högst vilken kommun det gäller.",
    "registration_number": "Ta bort registreringsnumret. Skriv hellre till exempel "
    "”personens bil”.",
    "url": "Ta bort länken. En adress till en webbsida eller ett konto kan leda till personen.",
    "social_handle": "Ta bort användarnamnet. Ett konto i sociala medier kan leda till personen.",
    "ip_address": "Ta bort IP-adressen.",
    "account_number": "Ta bort konto-, bankgiro- eller plusgironumret.",
    "id_document": "Ta bort numret. Numret på ett pass, LMA-kort, körkort eller id-kort "
    "identifierar personen lika säkert som ett personnummer.",
    "unchecked": "Texten kunde inte kontrolleras. Korta eller förenkla texten och försök igen.",
    "name": "Det här kan vara ett namn. Ta bort det, eller bekräfta att det inte är namnet på en "
    "person (till exempel en plats eller en organisation).",
    "date": "Ett exakt datum kan göra personen lätt att känna igen. Skriv hellre ungefär när, "
    "till exempel ”i början av mars”, eller bekräfta att datumet behövs.",
    "age": "En exakt ålder kan identifiera personen. Skriv hellre ett åldersspann, till exempel "
    "”30–40 år”, eller bekräfta att åldern behövs.",
    "workplace": "Namnet på en skola eller arbetsplats kan identifiera personen på en liten ort. "
    "Skriv hellre vilken sorts verksamhet det är, eller bekräfta att namnet behövs.",
    "personnummer_like": "Det här ser ut som ett felskrivet personnummer. Ta bort det om det "
    "är ett personnummer, eller bekräfta att det är något annat.",
}

SEVERITY: dict[str, str] = {
    kind: (WARN if kind in {"name", "date", "age", "workplace", "personnummer_like"} else BLOCK)
    for kind in MESSAGES
}

# When two candidates overlap, the one whose kind comes first here wins (after block beats warn).
PRECEDENCE = [
    "unchecked",
    "personnummer",
    "samordningsnummer",
    "id_document",
    "email",
    "url",
    "account_number",
    "ip_address",
    "phone",
    "registration_number",
    "address",
    "postcode",
    "social_handle",
    "personnummer_like",
    "date",
    "age",
    "workplace",
    "name",
]
RANK = {kind: index for index, kind in enumerate(PRECEDENCE)}

KIND_LABELS: dict[str, str] = {
    "personnummer": "Personnummer",
    "samordningsnummer": "Samordningsnummer",
    "phone": "Telefonnummer",
    "email": "E-postadress",
    "address": "Adress",
    "postcode": "Postnummer",
    "registration_number": "Registreringsnummer",
    "url": "Webbadress",
    "social_handle": "Användarnamn",
    "ip_address": "IP-adress",
    "account_number": "Kontonummer",
    "id_document": "Nummer på id-handling",
    "unchecked": "Okontrollerad text",
    "name": "Möjligt namn",
    "date": "Exakt datum",
    "age": "Exakt ålder",
    "workplace": "Skola eller arbetsplats",
    "personnummer_like": "Möjligt personnummer",
}


class Finding(NamedTuple):
    """Something in the text that may identify a person: `text[start:end]` is what was found.
    A named tuple, not a dataclass: a scan of a long text makes tens of thousands of them, and
    a tuple is made three times as fast as a frozen dataclass."""

    kind: str
    severity: str
    start: int
    end: int
    message: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def finding(kind: str, start: int, end: int) -> Finding:
    return Finding(kind, SEVERITY[kind], start, end, MESSAGES[kind])
