"""Contact details other than phone numbers (phones.py): e-mail addresses, also written to dodge a
parser ("anna at gmail punkt com", "anna(at)telia.se", "anna [snabel-a] telia punkt se",
"sofia . strand @ gmail . com") but not an organisation's shared mailbox
("registrator@regionjh.se"), URLs (except the bare home pages of public services, such as
"1177.se" or "polisen.se"), social-media handles and IP addresses."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from itertools import pairwise

from . import lexicon
from .cues import FUNCTION_WORDS
from .findings import Finding, finding
from .windows import cue_windows, digit_runs, matches_at, matches_at_found

# ---------------------------------------------------------------------------------------------
# E-mail, URL, social handles, IP addresses

# The signs people write instead of "@" and ".", with or without brackets and spaces.
_AT = (
    r"(?:\s?@{1,2}\s?|\s?[(\[{<]\s?(?:at|snabel-?a|snabel|@)\s?[)\]}>]\s?"
    r"|\s(?:at|snabel-?a|snabel\sa|snabela)\s)"
)
_DOT = r"(?:\s?\.\s?|\s?[(\[{<]\s?(?:punkt|dot|prick)\s?[)\]}>]\s?|\s(?:punkt|dot|prick)\s)"
_TLD = (
    r"(?:se|nu|com|net|org|info|io|eu|me|dk|no|fi|de|uk|co|biz|is|ee|pl|ru|ua|tr|ir|so|fr|es|it|"
    r"nl|be|at|ch|us|ca|au|app|online|xyz)"
)
_PROVIDER = (
    r"(?:gmail|googlemail|hotmail|outlook|live|msn|icloud|me|mac|yahoo|ymail|aol|protonmail|"
    r"proton|telia|tele2|telenor|comhem|bredband|bredband2|spray|passagen|bahnhof|mail|gmx|"
    r"yandex|tutanota|tuta)"
)
# Possessive runs ("{1,64}+"): what follows a run (a dot, an @ or a space) never starts with a
# character of the run, so giving characters back could never match, only cost time.
_LOCAL = rf"[\w%+\-]{{1,64}}+(?:{_DOT}[\w%+\-]{{1,64}}+){{0,4}}"
# What must follow the first word of an address: an @ or a dot (or one written as a word), or
# "på gmail": checked once at each word before the costlier alternatives are tried.
_MAYBE_EMAIL = (
    r"(?=[\w%+\-]++(?:\s?[@.(\[{<]|\s(?:at|snabel|punkt|dot|prick))"
    r"|[\w%+\-.]++\s[(\[]?(?:på|at|hos)\s)"
)
_EMAIL = re.compile(
    rf"(?<![\w.%+\-]){_MAYBE_EMAIL}(?:"
    rf"{_LOCAL}{_AT}[\w\-]{{1,63}}+(?:{_DOT}[\w\-]{{1,63}}+){{0,6}}{_DOT}{_TLD}(?![\w])"
    # "emma.j på gmail", "jocke1980 (på hotmail)": a provider's name is enough without the
    # domain, after a user name that has a dot, an underscore or a digit in it (not a word:
    # "svarar på mail").
    rf"|(?:[\w%+\-]{{1,64}}(?:[._][\w%+\-]{{1,64}})+|(?=[a-zåäö_%+\-]*\d)[\w%+\-]{{3,64}})"
    rf"\s[(\[]?(?:på|at|hos)\s{_PROVIDER}(?![\w])"
    rf"|{_LOCAL}{_AT}{_PROVIDER}(?![\w]))",
    re.IGNORECASE,
)
# A word followed by a dot, or a scheme, is checked before the alternatives are tried.
_URL = re.compile(
    r"(?<![\w@/.])(?=[A-Za-z0-9\-]++\.|(?:https?|ftp)://)"
    r"(?:(?:https?|ftp)://[^\s<>\"]{1,2000}|www\.[^\s<>\"]{1,2000}|"
    r"(?:[A-Za-z0-9\-]{1,63}+\.){1,8}(?:se|nu|com|net|org|info|io|eu|me|dk|no|fi|de|uk|ly|be)"
    r"(?:/[^\s<>\"]{0,2000})?)(?![\w@])",
    re.IGNORECASE,
)
_SOCIAL_HANDLE = re.compile(r"(?<![@.])@{1,2}[^\W@][\w.]{1,29}(?![\w@])")
# A handle written without "@", named by its platform: "snap: lisa_k04", "användarnamnet
# fjallbruden88", "han heter jonte.ostersund på insta".
_PLATFORMS = (
    r"snap|snapchat|snapchatt|insta|instagram|ig|tiktok|tik\s?tok|kik|discord|twitter|telegram"
    r"|facebook|fb|messenger|youtube|twitch|reddit|threads|linkedin|onlyfans|skype|signal|wickr"
    r"|yubo|bereal|vsco|pinterest|tumblr|bluesky|mastodon|vk|tinder|badoo|happypancake|hinge"
    r"|bumble|grindr|roblox|minecraft|fortnite|spotify|wattpad|snapp|flashback|familjeliv"
)
_NAMED_HANDLE = re.compile(
    rf"(?i:(?<![\w])(?:{_PLATFORMS}|användarnamn|användarnamnet|username|nick|nicket|alias"
    r"|profilnamn|profilnamnet|kontonamn|kontonamnet|snapnamn|snapnamnet|instanamn|instanamnet"
    r"|tiktoknamn|tiktoknamnet|gamertag|steam|psn|xbox)"
    r"(?:-?(?:konto|kontot|namn|namnet|kanal|kanalen))?(?![\w])\s{0,2}"
    r"(?:är|heter|som|:|=|-|–|—)?\s{0,2}[\"'”“(]?)(?<=[\s:=\-–—\"'”“(])"
    r"(?P<handle>[^\W\d][\w.]{2,29})"
    # A lookahead, so that "henne på Snapchat (nannis_k04)" still finds the handle after it.
    rf"|(?P<before>[^\W\d][\w.]{{2,29}})(?=[\"'”“)]?\s(?i:på|on)\s(?i:{_PLATFORMS})(?![\w]))"
)
# A user name by its shape (an underscore, an inner dot, letters then digits: "kungen_i_krokom",
# "nattfjaril.88", "bellabus98"), looked for in the sentence after a platform's name.
_HANDLE_SHAPED = re.compile(
    r"(?<![\w@#.])(?=[^\W\d])(?:[\w]+_[\w.]+|[^\W\d]{2,}\.[\w]{2,}(?:\.[\w]+)*"
    r"|[^\W\d]{3,}\d{1,4})(?![\w@])"
)
_IPV4 = re.compile(
    r"(?=\d)(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?![\d]|\.\d)"
)
_IPV6_CANDIDATE = re.compile(
    r"(?=[0-9A-Fa-f]{0,4}:)(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


def _strip_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"”":
        end -= 1
    return end


# Where an e-mail address may be (tried only where _AT_ANCHORS match): the e-mail pattern runs
# only in a window around these.
_AT_SIGN = re.compile(
    rf"(?=[@aAsSpPdDhH])(?:@|(?<![\w])(?:at|snabel-?a|snabel|punkt|dot)(?![\w])"
    rf"|(?<=[\s(\[])(?:på|hos)\s{_PROVIDER}(?![\w]))",
    re.IGNORECASE,
)
# Where _AT_SIGN can match, found in the case-folded text (see windows.matches_at_found).
_AT_ANCHORS = tuple(
    re.compile(anchor)
    for anchor in (
        "@",
        r"at(?<![\w]at)(?![\w])",
        r"snabel(?<![\w]snabel)",
        r"punkt(?<![\w]punkt)(?![\w])",
        r"dot(?<![\w]dot)(?![\w])",
        rf"på(?<=[\s(\[]på)\s{_PROVIDER}(?![\w])",
        rf"hos(?<=[\s(\[]hos)\s{_PROVIDER}(?![\w])",
    )
)
_PUBLIC_SITE = re.compile(r"(?i)(?:https?://)?(?:www\.)?(?P<domain>[\w.\-]+?)/?")


def find_email(text: str) -> Iterator[Finding]:
    """E-mail addresses, searched only near each @ (or "(at)"): long texts with few addresses
    stay cheap. Nearby windows are merged so that no character is scanned twice."""
    windows: list[list[int]] = []
    for at in matches_at_found(_AT_SIGN, text, _AT_ANCHORS):
        start, end = max(0, at.start() - 200), at.end() + 200
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        for match in _EMAIL.finditer(text, start, min(end, len(text))):
            if not _function_mailbox(match.group()):
                yield finding("email", match.start(), match.end())


# What an organisation names a shared mailbox after (also as written without å, ä, ö).
_ROLE_WORDS = {
    "registrator", "registratur", "diarium", "kansli", "info", "kontakt", "kontaktcenter",
    "kundtjanst", "kundtjänst", "vaxel", "växel", "support", "noreply", "no-reply", "post",
    "postmottagning", "mottagning", "mottagningen", "socialtjanst", "socialtjansten",
    "socialtjänst", "socialtjänsten", "socialjour", "socialjouren", "individ", "familj",
    "familjeomsorg", "familjeomsorgen", "familjeratt", "familjeratten", "familjerätt",
    "familjerätten", "bistand", "bistånd", "ekonomiskt", "vuxenenheten", "barnochfamilj",
    "elevhalsa", "elevhälsa", "kommun", "kommunen", "region", "polisen", "samordnare",
    "samordning", "samrad", "samråd", "norrsken", "kvinnojour", "kvinnojouren", "jour",
    "jouren", "brottsofferjour", "brottsofferjouren", "hr", "ekonomi", "webmaster", "admin",
    "funktionsbrevlada", "funktionsbrevlåda", "och", "med", "soc", "ifo",
}  # fmt: skip
# A mailbox at one of these belongs to a private person, whatever its name.
_CONSUMER_DOMAINS = re.compile(rf"(?i){_PROVIDER}|yahoo|msn|live|spray|swipnet|passagen")
_SPLIT_LOCAL = re.compile(r"[._\-+]")


def _function_mailbox(address: str) -> bool:
    """A shared mailbox of an organisation ("registrator@regionjh.se", "kvinnofrid@krokom.se"):
    an ordinary @ address whose name part is only role words or dictionary words, none of them
    a name, at a domain that is not a consumer e-mail provider. It identifies no one."""
    local, at, domain = address.partition("@")
    if not at or any(c.isdigit() for c in local) or not domain:
        return False
    if _CONSUMER_DOMAINS.match(domain.split(".")[0]):
        return False
    parts = [p.casefold() for p in _SPLIT_LOCAL.split(local) if p]
    return bool(parts) and all(_role_word(p) for p in parts)


def _role_word(part: str) -> bool:
    if part in _ROLE_WORDS:
        return True
    return (
        len(part) > 3
        and lexicon.is_ordinary(part)
        and not lexicon.is_listed_name(part)
        and not lexicon.looks_like_surname(part)
    )


# Where a URL may be (tried only where _URL_ANCHORS match): the URL pattern runs only around
# these.
_URL_ANCHOR = re.compile(
    r"(?=[:wW.])(?:://|www\.|\.(?:se|nu|com|net|org|info|io|eu|me|dk|no|fi|de|uk|ly|be)"
    r"(?![^\W_]))",
    re.IGNORECASE,
)


_URL_ANCHORS = (
    re.compile(r"\.(?:se|nu|com|net|org|info|io|eu|me|dk|no|fi|de|uk|ly|be)(?![^\W_])"),
    re.compile("://"),
    re.compile(r"www\."),
)


def _url_windows(text: str) -> list[tuple[int, int]]:
    windows: list[list[int]] = []
    for anchor in matches_at_found(_URL_ANCHOR, text, _URL_ANCHORS):
        start, end = max(0, anchor.start() - 600), anchor.end() + 2100
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(start, min(end, len(text))) for start, end in windows]


def find_urls(text: str) -> Iterator[Finding]:
    for start, end in _url_windows(text):
        yield from _urls_in(text, start, end)


def _urls_in(text: str, start: int, end: int) -> Iterator[Finding]:
    for match in _URL.finditer(text, start, end):
        end = _strip_trailing_punctuation(text, match.start(), match.end())
        # "t.ex" or "bl.a" are not domains: the domain pattern needs a known top-level domain.
        if not _public_site(text[match.start() : end]):
            yield finding("url", match.start(), end)


def _public_site(url: str) -> bool:
    """The bare home page of a public service ("1177.se", "www.polisen.se"): a link deeper into
    a site, or to any other site, can lead to a person and is blocked."""
    match = _PUBLIC_SITE.fullmatch(url)
    if match is None:
        return False
    domain = match["domain"].casefold()
    sites = lexicon.word_set("public_sites.txt")
    return any(domain == site or domain.endswith("." + site) for site in sites)


def find_social_handles(text: str) -> Iterator[Finding]:
    if "@" in text:
        for match in matches_at(_SOCIAL_HANDLE, text, _found_all(text, "@")):
            end = _strip_trailing_punctuation(text, match.start(), match.end())
            if end - match.start() > 2 and not _domain_of_an_address(text, match.start(), end):
                yield finding("social_handle", match.start(), end)
    if "#" in text:
        for match in matches_at(_DISCORD_TAG, text, _words_before_hash(text)):
            yield finding("social_handle", match.start(), match.end())
    for start, end in cue_windows(text, _HANDLE_CUES, 0, 60):
        for match in _HANDLE_SHAPED.finditer(text, start, end):
            if _shaped_like_a_handle(match.group()):
                yield finding("social_handle", match.start(), match.end())
    for start, end in cue_windows(text, _HANDLE_CUES, 40, 80):
        for match in _NAMED_HANDLE.finditer(text, start, end):
            part = "handle" if match["handle"] else "before"
            start = match.start(part)
            end = _strip_trailing_punctuation(text, start, match.end(part))
            cue = text[match.start() : start].rstrip()
            named = text[start - 1 : start] in "\"(“”'" or (
                part == "handle"
                and (cue[-1:] in ":=" or cue.casefold().endswith(("heter", "är", "namn", "namnet")))
            )
            quoted = text[start - 1 : start] in "\"“”'" and text[end : end + 1] in "\"“”'"
            if (quoted and text[start:end].casefold() not in FUNCTION_WORDS) or _looks_like_handle(
                text[start:end], named
            ):
                yield finding("social_handle", start, end)


_DOMAIN = re.compile(rf"@[\w\-]+(?:\.[\w\-]+)*\.{_TLD}", re.IGNORECASE)


def _domain_of_an_address(text: str, start: int, end: int) -> bool:
    """ "@krokom.se" in "registrator@krokom.se" is the domain of an e-mail address (which the
    e-mail rule judges), not a handle; "insta@tobbe_jmt" is a handle."""
    return start > 0 and text[start - 1].isalnum() and bool(_DOMAIN.fullmatch(text, start, end))


def _words_before_hash(text: str) -> list[int]:
    """Where a word that a "#" and four digits follow can start (at most 32 characters back)."""
    starts = set()
    for position in _found_all(text, "#"):
        word_start = position
        while (
            word_start
            and position - word_start < 32
            and (text[word_start - 1].isalnum() or text[word_start - 1] in "._")
        ):
            word_start -= 1
        if word_start < position:
            starts.add(word_start)
    return sorted(starts)


_HANDLE_CUES = ("snap", "insta", "ig", "tiktok", "flashback", "familjeliv", "tik tok", "kik",
                "discord", "twitter", "telegram", "facebook", "fb", "messenger", "youtube",
                "twitch", "reddit",
                "threads", "linkedin", "onlyfans", "skype", "signal", "wickr", "yubo", "bereal",
                "vsco", "pinterest", "tumblr", "bluesky", "mastodon", "vk", "tinder", "badoo",
                "happypancake", "hinge", "bumble", "grindr", "roblox", "minecraft", "fortnite",
                "spotify", "wattpad", "användarnamn", "username", "nick", "alias", "profilnamn",
                "kontonamn", "gamertag", "steam", "psn", "xbox")  # fmt: skip
# A Discord tag with its four-digit discriminator: "nattuggla#4821".
_DISCORD_TAG = re.compile(r"(?<![\w#])[^\W\d][\w.]{1,31}#\d{4}(?![\w])")


def _shaped_like_a_handle(word: str) -> bool:
    """Not an abbreviation ("t.ex", "bl.a"), a file, a web address or a case number."""
    if word.endswith(".") or ("." in word and len(word.split(".")[0]) < 3):
        return False
    if re.search(r"\.(?:se|com|nu|org|net|pdf|docx?|jpe?g|png)$", word, re.IGNORECASE):
        return False
    return not (word[:1].isupper() and word[1:].isdigit())


# What a platform calls its own parts ("Facebook: Marketplace", "insta: Stories").
_PLATFORM_WORDS = {
    "marketplace", "messenger", "story", "stories", "reels", "live", "chat", "dm", "inbox",
    "feed", "profile", "profil", "profilen", "gruppen", "grupp", "sidan", "flödet", "kontot",
    "meddelanden", "direktmeddelanden", "spotlight", "snapmap", "snap map", "shorts",
}  # fmt: skip


def _looks_like_handle(word: str, named: bool = False) -> bool:
    """A user name, not a word: "lisa_k04", "jonte.ostersund", "fjallbruden88"; after a colon
    or in quotes ("snap: Fjallrosen", "heter ”Nattugglan” på insta") a capitalised one too."""
    if len(word) < 3 or word.endswith("."):
        return False
    if "_" in word or "." in word[1:] or (any(c.isdigit() for c in word) and word[0].isalpha()):
        return True
    folded = word.casefold()
    if lexicon.is_non_name(word) or folded in _PLATFORM_WORDS:
        return False
    if named:
        # Named by its platform, a made-up compound is a handle too ("Norrskenstjej"); a
        # dictionary word is not ("Snapchat: Bilder skickas på natten").
        return folded not in lexicon.swedish_words() and folded not in FUNCTION_WORDS
    return word.islower() and not lexicon.is_ordinary(folded)


def _found_all(text: str, part: str) -> list[int]:
    """Every position where `part` starts, in order."""
    found, position = [], text.find(part)
    while position >= 0:
        found.append(position)
        position = text.find(part, position + 1)
    return found


def _ipv6_positions(text: str) -> list[int]:
    """Where an IPv6 address can start: up to four hexadecimal digits before a colon that has
    another colon at most five characters after it."""
    colons = _found_all(text, ":")
    pairs = [c for c, d in pairwise(colons) if d - c <= 5]
    return sorted({c - k for c in pairs for k in range(5) if c >= k})


def find_ip_addresses(text: str) -> Iterator[Finding]:
    # An IPv4 address starts with a run of one to three digits, which its first octet takes
    # whole (a dot must follow it): the pattern is tried only at such runs.
    starts = [
        start for start, end in digit_runs(text) if end - start <= 3 and text[end : end + 1] == "."
    ]
    for match in matches_at(_IPV4, text, starts):
        yield finding("ip_address", match.start(), match.end())
    if "::" in text or text.count(":") >= 3:
        for match in matches_at(_IPV6_CANDIDATE, text, _ipv6_positions(text)):
            try:
                ipaddress.IPv6Address(match.group())
            except ValueError:
                continue
            yield finding("ip_address", match.start(), match.end())
