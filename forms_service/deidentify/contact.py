"""Contact details other than phone numbers (phones.py): e-mail addresses, also written to dodge a
parser ("anna at gmail punkt com", "anna(at)telia.se", "anna [snabel-a] telia punkt se",
"sofia . strand @ gmail . com") but not an organisation's shared mailbox
("registrator@regionjh.se"), URLs (except the bare home pages of public services, such as
"1177.se" or "polisen.se") and IP addresses. Social-media handles are in handles.py."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from itertools import pairwise

from . import harmless, lexicon
from .findings import Finding, finding
from .windows import cue_windows, digit_runs, matches_at, matches_at_cues, matches_at_found

# ---------------------------------------------------------------------------------------------
# E-mail, URL, social handles, IP addresses

# The signs people write instead of "@" and ".", with or without brackets and spaces.
# Norwegian "krøllalfa … punktum" and Finnish "ät … piste" too.
_AT = (
    r"(?:\s?@{1,2}\s?|\s?[(\[{<]\s?(?:at|snabel-?a|snabel|krøllalfa|ät|@)\s?[)\]}>]\s?"
    r"|\s(?:at|snabel-?a|snabel\sa|snabela|krøllalfa|ät)\s)"
)
_DOT = (
    r"(?:\s?\.\s?|\s?[(\[{<]\s?(?:punkt|punktum|dot|prick|piste)\s?[)\]}>]\s?"
    r"|\s(?:punkt|punktum|dot|prick|piste)\s)"
)
TLD = (
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
# Up to 63 dots: "k.n.o.l.l.e.99@live.se" has a dot after every letter (the address's name part
# is at most 64 characters).
_LOCAL = rf"[\w%+\-]{{1,64}}+(?:{_DOT}[\w%+\-]{{1,64}}+){{0,63}}"
# What must follow the first word of an address: an @ or a dot (or one written as a word), or
# "på gmail": checked once at each word before the costlier alternatives are tried.
_MAYBE_EMAIL = (
    r"(?=[\w%+\-]++(?:\s?[@.(\[{<]|\s(?:at|snabel|punkt|dot|prick))"
    r"|[\w%+\-.]++\s[(\[]?(?:på|at|hos)\s)"
)
_EMAIL = re.compile(
    rf"(?<![\w.%+\-]){_MAYBE_EMAIL}(?:"
    rf"{_LOCAL}{_AT}[\w\-]{{1,63}}+(?:{_DOT}[\w\-]{{1,63}}+){{0,6}}{_DOT}{TLD}(?![\w])"
    # "emma.j på gmail", "jocke1980 (på hotmail)": a provider's name is enough without the
    # domain, after a user name that has a dot, an underscore or a digit in it (not a word:
    # "svarar på mail").
    rf"|(?:[\w%+\-]{{1,64}}(?:[._][\w%+\-]{{1,64}})+|(?=[a-zåäö_%+\-]*\d)[\w%+\-]{{3,64}})"
    rf"\s[(\[]?(?:på|at|hos)\s{_PROVIDER}(?![\w])"
    rf"|{_LOCAL}{_AT}{_PROVIDER}(?![\w]))",
    re.IGNORECASE,
)
# The top-level domains a web address without "www." or "https://" is recognised by.
_URL_TLDS = (
    "se|nu|com|net|org|info|io|eu|me|dk|no|fi|de|uk|ly|be|link|gg|tv|app|xyz|online|site|page"
    # link-in-bio and other services on country domains: "linktr.ee/…", "wykop.pl/…"
    "|ee|pl|ru|ua|tr|ir|so|fr|es|it|nl|at|ch|us|ca|au|co|biz|is"
)
# A word followed by a dot, or a scheme, is checked before the alternatives are tried.
_URL = re.compile(
    r"(?<![\w@/.])(?=[A-Za-z0-9\-]++\.|(?:https?|ftp)://)"
    r"(?:(?:https?|ftp)://[^\s<>\"]{1,2000}|www\.[^\s<>\"]{1,2000}|"
    rf"(?:[A-Za-z0-9\-]{{1,63}}+\.){{1,8}}(?:{_URL_TLDS})"
    r"(?:/[^\s<>\"]{0,2000})?)(?![\w@])",
    re.IGNORECASE,
)


_IPV4 = re.compile(
    r"(?=\d)(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.[\n ]?){3}"
    r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?![\d]|\.\d)"
)
_IPV6_CANDIDATE = re.compile(
    r"(?=[0-9A-Fa-f]{0,4}:)(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


def strip_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"”":
        end -= 1
    return end


# Where an e-mail address may be (tried only where _AT_ANCHORS match): the e-mail pattern runs
# only in a window around these.
_AT_SIGN = re.compile(
    rf"(?=[@aAsSpPdDhHkKäÄ])(?:@|(?<![\w])(?:at|snabel-?a|snabel|punkt|dot|krøllalfa|ät)(?![\w])"
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
        r"krøllalfa",
        r"ät(?<![\w]ät)(?![\w])",
        rf"på(?<=[\s(\[]på)\s{_PROVIDER}(?![\w])",
        rf"hos(?<=[\s(\[]hos)\s{_PROVIDER}(?![\w])",
    )
)
# A public service's home page or one of its topic pages ("regionjh.se/vald",
# "www.nck.uu.se/kunskapsbanken"): one path part of letters, no digits, no query.
_PUBLIC_SITE = re.compile(
    r"(?i)(?:https?://)?(?:www\.)?(?P<domain>[\w.\-]+?)(?:/[a-zåäö\-]{2,40})?/?"
)


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
    for match in matches_at_cues(_PROVIDER_FIRST, text, _PROVIDER_FIRST_CUES):
        yield finding("email", match.start(), match.end())
    yield from _letter_spaced_email(text)


# An address written with a space after every character: "a n n a . l u n d @ r e g i o n j h
# . s e". Looked for only around " @ ", and judged with its spaces removed.
_LETTER_SPACED = re.compile(r"(?:(?<!\S)\S ){2,64}@(?: \S(?!\S)){4,128}")


def _letter_spaced_email(text: str) -> Iterator[Finding]:
    position = text.find(" @ ")
    while position >= 0:
        start = max(0, position - 128)
        for match in _LETTER_SPACED.finditer(text, start, position + 260):
            joined = match.group().replace(" ", "")
            if _EMAIL.fullmatch(joined) and not _function_mailbox(joined):
                yield finding("email", match.start(), match.end())
        position = text.find(" @ ", position + 3)


# The provider named before the user name: "outlook-adressen maja_f_1992", "gmail: tobbe.l77".
_PROVIDER_FIRST_CUES = ("gmail", "hotmail", "outlook", "icloud", "yahoo", "proton")
_PROVIDER_FIRST = re.compile(
    r"(?i:(?:gmail|hotmail|outlook|icloud|yahoo|protonmail|proton)"
    r"(?:-?(?:adress|adressen|konto|kontot|mejl|mejlen|mail|mailen))?)"
    r"(?:\s{1,2}(?:är|heter|=)|\s?[:=])?\s{1,2}[\"'”“(]?"
    r"(?P<user>(?=[^\W\d]{2})(?=[\w.]*[\d_.])[\w.]{3,40}[\w])(?![\w@])"
)


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
    "funktionsbrevlada", "funktionsbrevlåda", "och", "med", "soc", "ifo", "vinr", "vnr", "vald",
    "våld", "kvinnofrid", "heder", "hedersvald", "barnahus", "brottsoffer", "ekb", "lss",
    "hemtjanst", "hemtjänst", "aldreomsorg", "äldreomsorg", "akuten", "kurator", "kuratorer",
    "overformyndaren", "överförmyndaren", "overformyndare", "överförmyndare",
    "overformyndarnamnden", "överförmyndarnämnden",
}  # fmt: skip
# A mailbox at one of these belongs to a private person, whatever its name.
_CONSUMER_DOMAINS = re.compile(rf"(?i){_PROVIDER}|swipnet")
_SPLIT_LOCAL = re.compile(r"[._\-+]")


def _function_mailbox(address: str) -> bool:
    """A shared mailbox of an organisation ("registrator@regionjh.se", "kvinnofrid@krokom.se"):
    an ordinary @ address whose name part is only role words or dictionary words, none of them
    a name, at a domain that is not a consumer e-mail provider. It identifies no one."""
    local, at, domain = address.partition("@")
    if not at or any(c.isdigit() for c in local) or not domain:
        return False
    label = domain.split(".")[0].casefold()
    if _CONSUMER_DOMAINS.match(label) or _named_after_a_person(label):
        return False
    parts = [p.casefold() for p in _SPLIT_LOCAL.split(local) if p]
    return bool(parts) and all(_role_word(p) for p in parts)


def _named_after_a_person(label: str) -> bool:
    """ "lindqvistjuridik": a small firm's domain that begins with a name is that person's."""
    return any(lexicon.is_listed_name(label[:cut]) for cut in range(4, min(len(label), 14) + 1))


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
    rf"(?=[:wW.])(?:://|www\.|\.(?:{_URL_TLDS})(?![^\W_]))",
    re.IGNORECASE,
)


_URL_ANCHORS = (
    re.compile(rf"\.(?:{_URL_TLDS})(?![^\W_])"),
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
    for start, end in cue_windows(text, _DEFANGED_URL_MARKERS, 70, 10):
        for match in _DEFANGED_URL.finditer(text, start, end + 2000):
            if match.start() >= end:
                break
            yield finding("url", match.start(), match.end())


_DEFANGED_URL_MARKERS = ("hxxp", " punkt ", " dot ", "[.]", "(.)")


# A link written so that it does not work: "hxxps://www.facebook.com/annika.h", "facebook punkt
# com/jonte.b.3", "facebook[.]com/…".
_DEFANGED_URL = re.compile(
    r"(?i:hxxps?://[^\s<>\"]{3,2000}"
    r"|(?<![\w.])[a-z0-9\-]{2,63}(?:\s(?:punkt|dot)\s|\[\.\]|\(\.\))"
    r"(?:se|com|nu|net|org|info|io|eu|me|no|dk|fi)/[^\s<>\"]{2,2000})"
)


def _urls_in(text: str, start: int, end: int) -> Iterator[Finding]:
    for match in _URL.finditer(text, start, end):
        end = strip_trailing_punctuation(text, match.start(), match.end())
        # "t.ex" or "bl.a" are not domains: the domain pattern needs a known top-level domain.
        if not _public_site(text[match.start() : end]) and not _in_a_domain(text, match.start()):
            yield finding("url", match.start(), end)


def _in_a_domain(text: str, start: int) -> bool:
    """Is the host at `start` the end of an e-mail address's domain ("jamtland.se" in
    "info@advokat-jamtland.se")? The address is the e-mail rule's to judge."""
    position = start
    while position and (text[position - 1].isalnum() or text[position - 1] in ".-_"):
        position -= 1
    return position > 0 and text[position - 1] == "@"


def _public_site(url: str) -> bool:
    """The home page or a topic page of a public service ("1177.se", "www.polisen.se",
    "ostersund.se/vald"): a link with digits or deeper into a site (a news item about an event,
    a staff page), or to any other site, can lead to a person and is blocked."""
    match = _PUBLIC_SITE.fullmatch(url)
    if match is None:
        return False
    domain = match["domain"].casefold()
    sites = lexicon.word_set("public_sites.txt")
    return any(domain == site or domain.endswith("." + site) for site in sites)


def found_all(text: str, part: str) -> list[int]:
    """Every position where `part` starts, in order."""
    found, position = [], text.find(part)
    while position >= 0:
        found.append(position)
        position = text.find(part, position + 1)
    return found


def _ipv6_positions(text: str) -> list[int]:
    """Where an IPv6 address can start: up to four hexadecimal digits before a colon that has
    another colon at most five characters after it."""
    colons = found_all(text, ":")
    pairs = [c for c, d in pairwise(colons) if d - c <= 5]
    return sorted({c - k for c in pairs for k in range(5) if c >= k})


# An IPv4 address written so that it is not a link: "85[.]229[.]14[.]7", "94 . 234 . 19 . 201".
_DEFANGED_DOTS = ("[.]", "(.)", " . ", "[dot]", "(dot)", "[punkt]", " punkt ")
_DEFANGED_DOT = r"(?:\s?(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)|\[punkt\])\s?|\s\.\s|\spunkt\s|\.)"
_IPV4_DEFANGED = re.compile(rf"(?<![\d.])\d{{1,3}}(?:{_DEFANGED_DOT}\d{{1,3}}){{3}}(?![\d]|\.\d)")
# Commas for dots, soon after a word for an address ("adressen var 185,213,44,20"): without the
# cue four numbers with commas are a list.
_IPV4_COMMAS = re.compile(r"(?<![\d,.])[1-9]\d{1,2}(?:,\d{1,3}){3}(?![\d]|[,.]\d)")
_IP_CUES = ("ip", "adress")


# A version or a section numbered like an address: "version 4.12.0.3", "avsnitt 5.3.2.1".
_SECTION_BEFORE = re.compile(
    r"(?<![\wåäö])(?i:version|ver|v|avsnitt|kapitel|kap|punkt|paragraf|bilaga|steg|release|build|firmware"
    r"|uppdatering|iOS|android|app)\.?[ \u00a0]?$"
)


def _numbered_section(text: str, start: int) -> bool:
    return _SECTION_BEFORE.search(text, max(0, start - 14), start) is not None


def _this_machine(dotted: str) -> bool:
    """127.0.0.1 (any loopback address) and 0.0.0.0 name the machine itself, never a person's
    connection. A private address (192.168.…) can still lead to a home network: blocked."""
    address = ipaddress.IPv4Address(re.sub(r"\s", "", dotted))
    return address.is_loopback or address.is_unspecified


def find_ip_addresses(text: str) -> Iterator[Finding]:
    # An IPv4 address starts with a run of one to three digits, which its first octet takes
    # whole (a dot must follow it): the pattern is tried only at such runs.
    starts = [
        start for start, end in digit_runs(text) if end - start <= 3 and text[end : end + 1] == "."
    ]
    for match in matches_at(_IPV4, text, starts):
        if not _numbered_section(text, match.start()) and not _this_machine(match.group()):
            yield finding("ip_address", match.start(), match.end())
    for window_start, window_end in cue_windows(text, _DEFANGED_DOTS, 20, 20):
        for match in _IPV4_DEFANGED.finditer(text, window_start, window_end):
            octets = re.findall(r"\d+", match.group())
            if all(int(octet) <= 255 for octet in octets):
                yield finding("ip_address", match.start(), match.end())
    for window_start, window_end in cue_windows(text, _IP_CUES, 0, 40):
        for match in _IPV4_COMMAS.finditer(text, window_start, window_end):
            quantity = harmless.QUANTITY_AFTER.match(text, match.end())  # "12,5,3,4 procent"
            if not quantity and all(int(octet) <= 255 for octet in match.group().split(",")):
                yield finding("ip_address", match.start(), match.end())
    if "::" in text or text.count(":") >= 3:
        for match in matches_at(_IPV6_CANDIDATE, text, _ipv6_positions(text)):
            try:
                address = ipaddress.IPv6Address(match.group())
            except ValueError:
                continue
            if not (address.is_loopback or address.is_unspecified):
                yield finding("ip_address", match.start(), match.end())
