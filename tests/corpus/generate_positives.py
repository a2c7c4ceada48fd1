"""Writes tests/corpus/positives.jsonl: labelled identifiers in Swedish sentences.

Each line is {"kind": …, "text": …, "start": …, "end": …}: `text[start:end]` is the identifier the
guard must find. The generator is seeded, so running it again gives the same file; it is committed
so that the corpus is reviewable as data.
Run: `.venv/bin/python tests/corpus/generate_positives.py`.

Every personnummer here is made up (random date, computed check digit); phone numbers are random
digits in valid Swedish and foreign number ranges; e-mail and web addresses use made-up names.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).with_name("positives.jsonl")
rng = random.Random(20261122)

SENTENCES = [
    "Kvinnan uppger {x} som kontaktuppgift.",
    "Enligt journalen: {x}. Hon vill ha stöd.",
    "{x} har nämnts i tidigare kontakter med socialtjänsten.",
    "Uppgiften ({x}) finns i polisens anmälan.",
    "Hon bad oss notera {x} inför samrådet",
    "Mannen har uppgett {x}, men det är osäkert.",
    "Se även {x}\nÖvrigt: oro för barnen.",
    "Bakgrund – {x} – och fortsatt hot i hemmet.",
    "{x}",
    "Enligt Region Jämtland Härjedalen gäller {x}; kontakt tas vidare.",
]


def embed(kind: str, value: str, templates=SENTENCES) -> dict:
    template = rng.choice(templates)
    start = template.index("{x}")
    text = template.replace("{x}", value)
    return {"kind": kind, "text": text, "start": start, "end": start + len(value)}


def luhn_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def random_birth_date() -> date:
    return date(1935, 1, 1) + timedelta(days=rng.randrange(0, 365 * 70))


def personnummer_writings(birth: date, day_offset: int, valid: bool) -> list[str]:
    yy, mm, dd = f"{birth.year % 100:02d}", f"{birth.month:02d}", f"{birth.day + day_offset:02d}"
    serial = f"{rng.randrange(0, 1000):03d}"
    check = luhn_digit(yy + mm + dd + serial)
    if not valid:
        check = str((int(check) + rng.randrange(1, 10)) % 10)
    tail = serial + check
    century = str(birth.year // 100)
    plus_or_dash = "+" if birth.year < 1926 else "-"
    return [
        f"{yy}{mm}{dd}-{tail}",
        f"{yy}{mm}{dd}{tail}",
        f"{century}{yy}{mm}{dd}-{tail}",
        f"{century}{yy}{mm}{dd}{tail}",
        f"{yy}{mm}{dd} {tail}",
        f"{century}{yy}{mm}{dd} - {tail}",
        f"{yy}{mm}{dd}\u2013{tail}",
        f"{yy}{mm}{dd}{plus_or_dash}{tail}",
    ]


def personnummer_samples(kind: str, count: int, day_offset: int, valid: bool) -> list[dict]:
    samples = []
    pnr_templates = [
        "Hennes personnummer är {x}.",
        "pnr {x}",
        "Personen ({x}) är känd sedan tidigare.",
        "{x} har sökt hjälp på akuten.",
        "Samordningsnr/personnr: {x}, saknar folkbokföring.",
        *SENTENCES,
    ]
    while len(samples) < count:
        writings = personnummer_writings(random_birth_date(), day_offset, valid)
        samples.append(embed(kind, rng.choice(writings), pnr_templates))
    return samples


def swedish_phone_numbers() -> list[str]:
    mobile = f"07{rng.choice('02369')}{rng.randrange(1000000, 9999999)}"
    a, b = mobile[:3], mobile[3:]
    landline_063 = f"{rng.randrange(100000, 999999)}"
    stockholm = f"{rng.randrange(1000000, 9999999)}"
    small_area = rng.choice(["0647", "0680", "0670", "0693", "0640", "0687", "0696", "0643"])
    small = f"{rng.randrange(10000, 99999)}"
    return [
        f"{a}-{b[:3]} {b[3:5]} {b[5:]}",
        mobile,
        f"+46 {a[1:]} {b[:3]} {b[3:5]} {b[5:]}",
        f"+46{a[1:]}{b}",
        f"0046 {a[1:]} {b[:3]} {b[3:5]} {b[5:]}",
        f"{a} {b[:3]} {b[3:5]} {b[5:]}",
        f"{a}-{b}",
        f"063-{landline_063[:2]} {landline_063[2:4]} {landline_063[4:]}",
        f"063-{landline_063}",
        f"063 {landline_063[:3]} {landline_063[3:]}",
        f"08-{stockholm[:3]} {stockholm[3:6]} {stockholm[6:]}",
        f"08-{stockholm}",
        f"{small_area}-{small[:3]} {small[3:]}",
        f"{small_area}-{small}",
        f"+46 (0){a[1:]}-{b}",
    ]


FOREIGN_PHONES = [
    "+47 912 34 567",
    "+47 41 23 45 67",
    "+358 40 123 4567",
    "+44 20 7946 0958",
    "+44 7700 900123",
    "+49 30 12345678",
    "+49 151 23456789",
    "+1 202 555 0143",
    "+90 532 123 45 67",
    "+48 512 345 678",
    "+252 61 5123456",
    "+964 770 123 4567",
    "+45 20 12 34 56",
    "+33 6 12 34 56 78",
]


def phone_samples(count: int) -> list[dict]:
    templates = [
        "Hon nås på {x} dagtid.",
        "Mannen ringer från {x} flera gånger per dag.",
        "Tel: {x}",
        "ring {x} efter kl. 16",
        "Numret {x} har skickat hotfulla sms.",
        *SENTENCES,
    ]
    samples = [embed("phone", number, templates) for number in FOREIGN_PHONES]
    while len(samples) < count:
        samples.append(embed("phone", rng.choice(swedish_phone_numbers()), templates))
    return samples


FIRST = ["anna", "karin", "mohammed", "sara", "johan", "lena", "erik", "fatima", "maria", "per"]
LAST = ["svensson", "andersson", "ali", "nilsson", "hassan", "berg", "lind", "nguyen", "olsson"]
DOMAINS = [
    "example.se",
    "exempel.nu",
    "hotmail.com",
    "gmail.com",
    "outlook.se",
    "telia.com",
    "icloud.com",
    "live.se",
    "yahoo.co.uk",
    "bredband.net",
    "jmail.org",
    "posteo.de",
]


def email_samples(count: int) -> list[dict]:
    samples = []
    while len(samples) < count:
        first, last, domain = rng.choice(FIRST), rng.choice(LAST), rng.choice(DOMAINS)
        local = rng.choice(
            [
                f"{first}.{last}",
                f"{first}{rng.randrange(60, 99)}",
                f"{first[0]}{last}",
                f"{first}_{last}{rng.randrange(1, 9)}",
                f"{first}-{last}",
                f"{first}+samrad",
            ]
        )
        value = rng.choice(
            [
                f"{local}@{domain}",
                f"{local.upper()}@{domain.upper()}",
                f"{local} @ {domain}".replace(" @ ", "@"),
                f"{local}(at){domain}",
            ]
        )
        samples.append(embed("email", value, ["Mejla {x} om tiden.", "E-post: {x}", *SENTENCES]))
    return samples


STREETS = [
    "Storgatan",
    "Rådhusgatan",
    "Kyrkvägen",
    "Prästgatan",
    "Köpmangatan",
    "Skolvägen",
    "Fjällvägen",
    "Tullgatan",
    "Hamngatan",
    "Björkvägen",
    "Norra Långgatan",
    "Åsvägen",
    "Krondikesvägen",
    "Odhnersgatan",
    "Stortorget",
    "Tallstigen",
    "Sjöbacken",
    "Kvarngränd",
    "Gamla Landsvägen",
    "Östra Ringvägen",
    "Lillåvägen",
    "Hallstaplan",
    "Strandvägen",
    "Blomstervägen",
    "Ringvägen",
    "Bangårdsgatan",
    "storgatan",
    "Myrvägen",
    "Körfältsvägen",
]


def address_samples(count: int) -> list[dict]:
    samples = []
    while len(samples) < count:
        street, number = rng.choice(STREETS), rng.randrange(1, 140)
        value = rng.choice(
            [
                f"{street} {number}",
                f"{street} {number} B",
                f"{street} {number}B",
                f"{street} {number}, lgh {rng.randrange(1001, 1404)}",
                f"{street} {number} lgh {rng.randrange(1001, 1404)}",
                f"c/o {rng.choice(['Svensson', 'Ali', 'Berg', 'Nilsson'])}",
                f"lägenhet {rng.randrange(1001, 1404)}",
                f"Box {rng.randrange(10, 900)}",
                f"{street} {number} a",
            ]
        )
        templates = [
            "Hon bor på {x} med barnen.",
            "Adress: {x}",
            "flyttat till {x} i Brunflo",
            *SENTENCES,
        ]
        samples.append(embed("address", value, templates))
    return samples


POSTCODES = [
    "831 30",
    "831 32",
    "831 40",
    "832 41",
    "833 35",
    "835 32",
    "837 51",
    "840 60",
    "842 31",
    "843 31",
    "845 51",
    "846 72",
    "830 02",
    "836 93",
    "844 31",
]
TOWNS = ["Östersund", "Frösön", "Krokom", "Åre", "Järpen", "Sveg", "Bräcke", "Strömsund", "Hede"]


def postcode_samples(count: int) -> list[dict]:
    samples = []
    while len(samples) < count:
        code, town = rng.choice(POSTCODES), rng.choice(TOWNS)
        value = rng.choice(
            [
                code,
                f"SE-{code}",
                f"{code} {town}",
                f"{code.replace(' ', '')} {town}",
                f"S-{code.replace(' ', '')}",
                f"SE {code}",
                f"{code}  {town.upper()}",
            ]
        )
        templates = ["Postadress {x}.", "skrivs till {x}", "Hon är skriven på {x}.", *SENTENCES]
        samples.append(embed("postcode", value, templates))
    return samples


PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"


def plate_samples(count: int) -> list[dict]:
    samples = []
    while len(samples) < count:
        letters = "".join(rng.choice(PLATE_LETTERS) for _ in range(3))
        if letters in {"BUP", "HVB", "LVU", "LVM", "LSS", "OSL", "SOL", "BRB", "SFS", "TMV"}:
            continue
        digits = f"{rng.randrange(0, 100):02d}"
        last = rng.choice([str(rng.randrange(10)), rng.choice("ABCDEFGHJKLMNPRSTUWXYZ")])
        value = rng.choice(
            [f"{letters} {digits}{last}", f"{letters}{digits}{last}", f"{letters}-{digits}{last}"]
        )
        templates = [
            "Mannen kör en bil med reg.nr {x}.",
            "Bilen ({x}) syns ofta utanför.",
            "Registreringsnummer {x}",
            *SENTENCES,
        ]
        samples.append(embed("registration_number", value, templates))
    return samples


def url_samples(count: int) -> list[dict]:
    values = [
        "https://www.facebook.com/anna.svensson.7",
        "http://example.se/profil?id=123",
        "www.instagram.com/karin_ostersund",
        "facebook.com/mohammed.ali.99",
        "https://twitter.com/per_berg",
        "www.blocket.se/annons/jamtland/12345",
        "https://tiktok.com/@lena.n",
        "exempel.nu/sida",
        "https://www.youtube.com/watch?v=abc123",
        "http://192.0.2.10/kamera",
        "https://snapchat.com/add/sara_k",
        "linkedin.com/in/johan-nilsson",
        "HTTPS://WWW.EXAMPLE.COM/BILD.JPG",
        "https://drive.google.com/file/d/1AbC/view",
        "ftp://files.example.org/hot.txt",
        "www.flashback.org/t123456",
    ]
    templates = ["Han har lagt ut bilder på {x}.", "Länk: {x}", "Se {x} för hotet.", *SENTENCES]
    return [embed("url", rng.choice(values), templates) for _ in range(count)]


def ip_samples(count: int) -> list[dict]:
    samples = []
    while len(samples) < count:
        value = rng.choice(
            [
                ".".join(
                    str(n)
                    for n in (
                        rng.randrange(1, 224),
                        rng.randrange(256),
                        rng.randrange(256),
                        rng.randrange(1, 255),
                    )
                ),
                f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                f"2001:db8:{rng.randrange(65535):x}::{rng.randrange(65535):x}",
                f"fe80::{rng.randrange(65535):x}:{rng.randrange(65535):x}:{rng.randrange(65535):x}",
            ]
        )
        templates = ["Inloggningen kom från IP {x}.", "IP-adress: {x}", *SENTENCES]
        samples.append(embed("ip_address", value, templates))
    return samples


def iban() -> str:
    bban = f"{rng.randrange(1000, 9999)}{rng.randrange(10**15, 10**16)}"
    numeric = "".join(str(int(c, 36)) for c in bban + "SE00")
    check = 98 - int(numeric) % 97
    compact = f"SE{check:02d}{bban}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def account_samples(count: int) -> list[dict]:
    samples = []
    while len(samples) < count:
        clearing = rng.randrange(1100, 9960)
        account = f"{rng.randrange(10**8, 10**10)}"
        value = rng.choice(
            [
                iban(),
                iban().replace(" ", ""),
                f"BG {rng.randrange(100, 9999)}-{rng.randrange(1000, 9999)}",
                f"bankgiro {rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
                "PG "
                + " ".join(str(rng.randrange(10, 99)) for _ in range(3))
                + f"-{rng.randrange(10)}",
                f"plusgiro {rng.randrange(1000, 99999)}-{rng.randrange(10)}",
                f"{clearing}-{rng.randrange(10)}, {account[:3]} {account[3:6]} {account[6:]}",
                f"{clearing}-{account}",
                f"{clearing} {account}",
                f"kontonummer {clearing} {account[:2]} {account[2:]}",
                f"clearing {clearing}, konto {account}",
                f"Konto: {account}",
            ]
        )
        templates = [
            "Pengarna fördes över till {x}.",
            "Han kräver insättning på {x}.",
            "Kontouppgift: {x}",
            *SENTENCES,
        ]
        samples.append(embed("account_number", value, templates))
    return samples


KNOWN_NAMES = [
    "Anna",
    "Mohammed",
    "Karin",
    "Johan",
    "Fatima",
    "Erik",
    "Lena",
    "Ahmed",
    "Maria",
    "Svensson",
    "Nilsson",
    "Hassan",
    "Amina",
    "Sara",
    "Jonsson",
    "Nguyen",
    "Olga",
    "Mustafa",
    "Ingrid",
    "Persson",
    "Zainab",
    "Tomasz",
    "Elif",
    "Kjell",
    "Malin",
]
UNLISTED_NAMES = [
    "Tommy",
    "Jessika",
    "Rickard",
    "Ylva",
    "Fredrika",
    "Dejan",
    "Amra",
    "Sölve",
    "Greta",
    "Harriet",
    "Conny",
    "Tuva",
    "Jörgen",
    "Ragnhild",
    "Birger",
    "Oddny",
    "Valdemar",
    "Ilona",
    "Kasper",
    "Milla",
    "Nikolina",
    "Samira",
    "Lejla",
]


def name_samples(count: int) -> list[dict]:
    mid_sentence = [
        "Kvinnan bor med sambon {x} sedan några år.",
        "Hon har berättat för {x} på hälsocentralen.",
        "Enligt grannen {x} har bråken ökat.",
        "Barnens pappa, {x}, har kontaktförbud.",
        "Hon vill inte att {x} ska få veta något.",
        "Mötet med {x} blev inställt.",
        "Dottern {x} går i skolan i orten.",
    ]
    sentence_start = [
        "{x} berättar att hon är rädd.",
        "{x} har tidigare varit i skyddat boende.",
        "Hej! {x} vill ha stöd.",
    ]
    full_names = [
        f"{a} {b}"
        for a in ["Anna", "Erik", "Fatima", "Tommy"]
        for b in ["Svensson", "Hassan", "Lind", "Nilsson"]
    ]
    samples = []
    while len(samples) < count:
        roll = rng.random()
        if roll < 0.45:
            samples.append(embed("name", rng.choice(KNOWN_NAMES), mid_sentence))
        elif roll < 0.7:
            samples.append(embed("name", rng.choice(UNLISTED_NAMES), mid_sentence))
        elif roll < 0.85:
            samples.append(embed("name", rng.choice(KNOWN_NAMES), sentence_start))
        elif roll < 0.93:
            samples.append(embed("name", rng.choice(full_names), mid_sentence))
        else:
            samples.append(embed("name", rng.choice(KNOWN_NAMES).lower(), mid_sentence))
    return samples


MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def date_samples(count: int) -> list[dict]:
    samples = []
    while len(samples) < count:
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        month_name = MONTHS[day.month - 1]
        value = rng.choice(
            [
                f"{day.day} {month_name}",
                f"{day.day} {month_name} {day.year}",
                f"{day.day}:e {month_name}",
                f"{day.isoformat()}",
                f"{day.day}/{day.month}",
                f"{day.day}/{day.month}-{day.year % 100:02d}",
                f"{day.day}.{day.month}.{day.year}",
                f"{day.year}{day.month:02d}{day.day:02d}",
                f"{day.day} {month_name[:3]}",
                f"{day.day} {month_name.capitalize()} {day.year}",
            ]
        )
        templates = [
            "Händelsen inträffade {x} i hemmet.",
            "Polisanmälan gjordes {x}.",
            "Hon sökte vård den {x} efter misshandeln.",
            *SENTENCES,
        ]
        samples.append(embed("date", value, templates))
    return samples


def main() -> None:
    samples = (
        personnummer_samples("personnummer", 60, 0, True)
        + personnummer_samples("samordningsnummer", 30, 60, True)
        + personnummer_samples("personnummer_like", 25, 0, False)
        + phone_samples(60)
        + email_samples(30)
        + address_samples(40)
        + postcode_samples(30)
        + plate_samples(30)
        + url_samples(25)
        + ip_samples(20)
        + account_samples(40)
        + name_samples(60)
        + date_samples(40)
    )
    with OUT.open("w", encoding="utf-8") as handle:
        for sample in samples:
            handle.write(json.dumps(sample, ensure_ascii=False) + "\n")
    print(f"{len(samples)} samples written to {OUT}")


if __name__ == "__main__":
    main()
