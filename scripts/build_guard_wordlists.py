"""Builds the de-identification guard's generated word lists from maintained public data.

Run by hand when a source is updated (the outputs are committed; the service never needs these
tools at run time):

    apt-get install hunspell-sv hunspell-tools         # the Swedish dictionary and `unmunch`
    python3 -m venv /tmp/wl && /tmp/wl/bin/pip install faker wordfreq babel
    /tmp/wl/bin/python scripts/build_guard_wordlists.py

Writes into forms_service/deidentify/data/:

* `swedish_words.txt` — ordinary Swedish words: every inflected form of the lower-case entries of
  the Swedish hunspell dictionary (Debian `hunspell-sv`, LGPL-3.0; proper nouns are capitalised
  there, so "anna" is not a word but "björn" is), kept only when the form is attested in
  wordfreq's Swedish frequency list (used only to drop rare forms; wordfreq data CC BY-SA 4.0).
* `generated_first_names.txt`, `generated_surnames.txt` — first names and surnames from the
  person providers of Faker (MIT licence) for every locale written in Latin script, and the
  Cyrillic ones (uk_UA, ru_RU, bg_BG) transliterated to Latin the way Swedish authorities write
  them. Arabic, Persian, Thai and other scripts are not transliterated here (too many spellings):
  `first_names.txt` and `surnames.txt` hold hand-written lists for them.
* `countries.txt` — country and territory names in Swedish, from the Unicode CLDR via Babel
  (BSD licence / Unicode licence).
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "forms_service" / "deidentify" / "data"
HUNSPELL = Path("/usr/share/hunspell")

# Swedish transliteration of Cyrillic as used by Skatteverket/Migrationsverket (close to ICAO).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "je", "ё": "jo",
    "ж": "zj", "з": "z", "и": "i", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch",
    "ц": "ts", "ч": "tj", "ш": "sj", "щ": "sjtj", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "ju", "я": "ja", "'": "",
}  # fmt: skip
# The same names as English-language sources write them (Olga/Olha, Yulia/Julia …).
_CYRILLIC_EN = {
    **_CYRILLIC,
    "г": "h", "є": "ye", "ж": "zh", "и": "y", "ї": "yi", "й": "y", "х": "kh", "ч": "ch",
    "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya",
}  # fmt: skip


def _header(lines: list[str]) -> str:
    return "".join(f"# {line}\n" for line in lines)


def swedish_words() -> list[str]:
    import wordfreq

    # A fixed command on the Debian package's own files: no untrusted input reaches it.
    forms = subprocess.run(  # noqa: S603
        ["unmunch", str(HUNSPELL / "sv_SE.dic"), str(HUNSPELL / "sv_SE.aff")],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    attested = wordfreq.get_frequency_dict("sv", wordlist="large")
    kept = {f for f in forms if f[:1].islower() and f in attested and len(f) > 1}
    # Most frequent first: the guard uses a word's rank ("bor" is common, "ask" is not).
    return sorted(kept, key=lambda f: (-attested[f], f))


def _latin(name: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") or c in "-' " for c in name)


def _transliterate(name: str, table: dict[str, str]) -> str:
    out = "".join(table.get(c, c) for c in name.casefold())
    return out[:1].upper() + out[1:]


def faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        cyrillic = module.name in {"uk_UA", "ru_RU", "bg_BG"}
        for attribute in dir(provider):
            if not attribute.startswith(("first_names", "last_names")):
                continue
            value = getattr(provider, attribute)
            if not isinstance(value, list | tuple | set | frozenset | dict):
                continue
            target = first if attribute.startswith("first") else last
            for name in value:
                if not isinstance(name, str):
                    continue
                for part in name.replace("-", " ").split():
                    if cyrillic:
                        target.add(_transliterate(part, _CYRILLIC))
                        target.add(_transliterate(part, _CYRILLIC_EN))
                    elif _latin(part) and len(part) > 1:
                        target.add(part)
    return first, last


def countries() -> list[str]:
    from babel import Locale

    names = set()
    for code, name in Locale("sv").territories.items():
        if code.isalpha():  # skip numeric region codes ("150" is Europe)
            names.add(name)
    return sorted(names)


def main() -> None:
    words = swedish_words()
    (DATA / "swedish_words.txt").write_text(
        _header(
            [
                "Ordinary Swedish words (all inflected forms), one a line. GENERATED by",
                "scripts/build_guard_wordlists.py: the lower-case entries of the Swedish hunspell",
                "dictionary (Debian hunspell-sv, Göran Andersson, LGPL-3.0), expanded with unmunch",
                "and kept when attested in wordfreq's Swedish list (data CC BY-SA 4.0, R. Speer),",
                "most frequent first.",
            ]
        )
        + "\n".join(words)
        + "\n",
        encoding="utf-8",
    )
    first, last = faker_names()
    for filename, names, what in [
        ("generated_first_names.txt", first, "First names"),
        ("generated_surnames.txt", last, "Surnames"),
    ]:
        (DATA / filename).write_text(
            _header(
                [
                    f"{what} from Faker's person providers (MIT licence, joke2k/faker), every",
                    "Latin-script locale, Cyrillic ones transliterated. GENERATED by",
                    "scripts/build_guard_wordlists.py; add names by hand to the files without",
                    "'generated_' in their name.",
                ]
            )
            + "\n".join(sorted(names, key=str.casefold))
            + "\n",
            encoding="utf-8",
        )
    (DATA / "countries.txt").write_text(
        _header(
            [
                "Countries and territories in Swedish, from the Unicode CLDR via Babel.",
                "GENERATED by scripts/build_guard_wordlists.py.",
            ]
        )
        + "\n".join(countries())
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(words)} words, {len(first)} first names, {len(last)} surnames")


if __name__ == "__main__":
    main()
