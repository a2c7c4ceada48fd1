"""Social-media handles (block): "@lisa_k04" on any platform, a Discord tag ("nattuggla#4821"),
a Reddit user ("u/ostersundsgubben"), and a user name without "@" named by its platform ("snap:
lisa_k04", "han heter jonte.ostersund på insta", "hon finns på snap som ”Ripan”") or shaped like
one in the sentence after a platform's name ("Snapchat – bellabus98", "BosseTheBoss").
Not a handle: the domain of an e-mail address, a platform's own parts ("Facebook: Marketplace"),
abbreviations, files and case numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import lexicon
from .contact import TLD, found_all, strip_trailing_punctuation
from .cues import FUNCTION_WORDS
from .findings import Finding, finding
from .windows import cue_windows, matches_at

_SOCIAL_HANDLE = re.compile(
    r"(?<![@.])@{1,2}[^\W@][\w.]{1,29}(?![\w@])"
    # A space after the "@" to dodge a filter, when the rest is shaped like a user name (a
    # digit, a dot or an underscore in it): "@ tove.93", not "vi ses @ kyrkan".
    r"|(?<![@.\w])@[ \u00a0](?=[^\W\d][\w]*[\d._])[^\W\d][\w.]{2,29}(?![\w@])"
)
# A handle written without "@", named by its platform: "snap: lisa_k04", "användarnamnet
# fjallbruden88", "han heter jonte.ostersund på insta".
_PLATFORMS = (
    r"snap|snapchat|snapchatt|insta|instagram|tiktok|tik\s?tok|kik|discord|twitter|telegram"
    r"|facebook|fb|messenger|youtube|twitch|reddit|threads|linkedin|onlyfans|skype|yubo|tinder|badoo"
    r"|happypancake|snapp|flashback|familjeliv|bereal|pinterest|kick|playstation|tradera|blocket"
    r"|epic|ig|sc|tt|minecraft|fortnite|roblox"
)
_NAMED_HANDLE = re.compile(
    rf"(?i:(?<![\w])(?:{_PLATFORMS}|användarnamn|användarnamnet|username|nick|nicket|nickname"
    r"|alias|aliaset|aliasen|kallar sig|id|under namnet|med namnet"
    r"|profilnamn|profilnamnet|kontonamn|kontonamnet|snapnamn|snapnamnet|instanamn|instanamnet"
    r"|tiktoknamn|tiktoknamnet|gamertag|steam|psn|xbox|säljarnamn|säljarnamnet)"
    r"(?:-?(?:konto|kontot|namn|namnet|kanal|kanalen))?(?![\w])\s{0,2}"
    # Not glued by a hyphen: "för Snap-streaksen" is a compound word.
    r"(?:är|heter|som|:|=|-|–|—|,)?\s{0,2}[\"'”“(]?)(?<=[\s:=–—\"'”“(])"
    # The next cue word is not the handle: "Tradera (säljarnamn: pixelpelle)".
    r"(?!(?i:säljarnamn|användarnamn|nick|nicket|alias|aliaset|profilnamn|kontonamn"
    r"|under[ \u00a0]namnet|med[ \u00a0]namnet)(?![\w]))"
    # A hyphen only between letters or digits: "Snap: emir-bgc".
    r"(?P<handle>[^\W\d](?:[\w.]|-(?=\w)){2,29})"
    # A lookahead, so that "henne på Snapchat (nannis_k04)" still finds the handle after it.
    rf"|(?<![#@\w])(?P<before>[^\W\d][\w.]{{2,29}})"
    rf"(?=[\"'”“)]?\s(?i:på|on)\s(?i:{_PLATFORMS})(?![\w]))"
)
_PLATFORM_NAME = re.compile(rf"(?i:{_PLATFORMS}|xbox|psn|steam)")
# A user name by its shape (an underscore, an inner dot, letters then digits: "kungen_i_krokom",
# "nattfjaril.88", "bellabus98"), looked for in the sentence after a platform's name.
_HANDLE_SHAPED = re.compile(
    r"(?<![\w@#./])(?=[^\W\d])(?:\w*_[\w.]*|[^\W\d]{2,}\.[\w]+(?:\.[\w]+)*|[^\W\d]\.\w+\.\w+"
    r"|[^\W\d]{3,}\d{1,4}|(?=[^\W_]*\d)[^\W_]{5,24}"
    # CamelCase: "BosseTheBoss" (not a platform's or a product's own name: "YouTube").
    r"|[A-ZÅÄÖ][a-zåäö]+[A-ZÅÄÖ][A-Za-zåäöÅÄÖ0-9]+)(?![\w@])"
)
# A made-up lower-case word named as what someone is on a platform: "följer henne som jmtprepper",
# "på Minecraft-servern heter han 'jmtbulle'".
_AS_HANDLE = re.compile(
    r"(?<![\wåäö])(?:som|heter|kallas)(?:[ \u00a0](?:han|hon|hen))?[ \u00a0][\"'”“]?"
    r"(?P<handle>[a-zåäö][a-zåäö0-9]{4,29})(?![\wåäö@]|\.\w)"
)
# An account's display name with a number, named as the account: "från ett nytt konto, Rosa
# Blomma 88, och ber …".
_DISPLAY_NAME = re.compile(
    r"(?i:konto|kontot|profil|profilen|namnet|visningsnamn|visningsnamnet)[,:]?[ \u00a0][\"'”“]?"
    r"(?P<name>[A-ZÅÄÖ][a-zåäö]+(?:[ \u00a0][A-ZÅÄÖ][a-zåäö]+){0,2}[ \u00a0]\d{2,4})(?![\d])"
)
# A Reddit user: "u/ostersundsgubben".
_REDDIT_USER = re.compile(r"(?<![\w/])u/[A-Za-z0-9_\-]{3,20}(?![\w\-])")
_CAMEL_CASE_NAMES = {
    "youtube", "tiktok", "whatsapp", "linkedin", "facetime", "iphone", "ipad", "macbook",
    "powerpoint", "playstation", "onlyfans", "happypancake", "snapchat", "bankid", "airtag",
    "mcdonalds", "bereal", "gmail", "hotmail", "icloud", "onedrive", "teams", "skype",
    "takecare", "procapita", "lifecare", "netcare", "timecare", "medcontrol", "javascript",
    "powerbi", "sharepoint", "microsoft", "openai", "chatgpt", "airbnb", "paypal",
}  # fmt: skip


# Words after which a capitalised word is the handle itself: "under aliaset Gäddedegubben".
_NAMING_WORDS = ("heter", "är", "namn", "namnet", "alias", "aliaset", "aliasen", "kallar sig", "id",
                 "nicket", "nickname", "användarnamn", "användarnamnet", "username", "säljarnamn",
                 "säljarnamnet")  # fmt: skip


def find_social_handles(text: str) -> Iterator[Finding]:
    for match in matches_at(_REDDIT_USER, text, found_all(text, "u/")):
        yield finding("social_handle", match.start(), match.end())
    if "@" in text:
        for match in matches_at(_SOCIAL_HANDLE, text, found_all(text, "@")):
            end = strip_trailing_punctuation(text, match.start(), match.end())
            masked = set(text[match.start() + 1 : end].casefold()) <= set("x.")  # "x@x.x"
            if (
                end - match.start() > 2
                and not masked
                and text[match.start() + 1 : end].casefold() not in _MENTIONS
                and not _domain_of_an_address(text, match.start(), end)
                and not _inside_a_word(text, match.start(), end)
            ):
                yield finding("social_handle", match.start(), end)
                yield from _handles_listed_after(text, end)
    if "#" in text:
        for match in matches_at(_DISCORD_TAG, text, _words_before_hash(text)):
            yield finding("social_handle", match.start(), match.end())
    yield from _underscored(text)
    windows = cue_windows(text, _HANDLE_CUES, 40, 80)
    for start, end in windows:
        for match in _DISPLAY_NAME.finditer(text, start, end):
            yield finding("social_handle", match.start("name"), match.end("name"))
        for match in _AS_HANDLE.finditer(text, start, end):
            word = match["handle"]
            if not (
                lexicon.is_ordinary(word)
                or word in FUNCTION_WORDS
                or lexicon.is_non_name(word)
                or lexicon.is_listed_name(word)  # "heter joanna": a name, which names.py warns of
            ):
                yield finding("social_handle", match.start("handle"), match.end("handle"))
        for match in _HANDLE_SHAPED.finditer(text, start, end):
            word = match.group().rstrip(".")
            if _shaped_like_a_handle(word):
                yield finding("social_handle", match.start(), match.start() + len(word))
    for window_start, window_end in windows:
        for match in _NAMED_HANDLE.finditer(text, window_start, window_end):
            part = "handle" if match["handle"] else "before"
            if text[match.end(part) : match.end(part) + 1].isalnum():
                continue  # the word goes on past the longest user name: not a whole one
            start = match.start(part)
            end = strip_trailing_punctuation(text, start, match.end(part))
            if part == "before" and text[start:end] in lexicon.swedish_words():
                continue  # "för 'försäljning' på Blocket": a word in lower case, no user name
            if _PLATFORM_NAME.fullmatch(text[start:end].split("-")[0]):
                continue  # "steam, xbox live och psn": another platform; "snap-namnet är …"
            cue = text[match.start() : start].rstrip()
            if cue.endswith(",") and text[end : end + 1] != ",":
                continue  # after a comma only set off by another: "en Snapchat, emilraskk, och"
            named = text[start - 1 : start] in "\"(“”'" or (
                part == "handle" and (cue[-1:] in ":=" or cue.casefold().endswith(_NAMING_WORDS))
            )
            quoted = text[start - 1 : start] in "\"“”'" and text[end : end + 1] in "\"“”'"
            if (quoted and text[start:end].casefold() not in FUNCTION_WORDS) or _looks_like_handle(
                text[start:end], named
            ):
                yield finding("social_handle", start, end)


_DOMAIN = re.compile(rf"@[\w\-]+(?:\.[\w\-]+)*\.{TLD}", re.IGNORECASE)


def _domain_of_an_address(text: str, start: int, end: int) -> bool:
    """ "@krokom.se" in "registrator@krokom.se" is the domain of an e-mail address (which the
    e-mail rule judges), not a handle; "insta@tobbe_jmt" is a handle."""
    if start == 0 or not text[start - 1].isalnum():
        return False
    domain = _DOMAIN.match(text, start)  # may run on past the handle: "@advokat-jamtland.se"
    return domain is not None and domain.end() >= end


# What Discord and Slack notify with an "@", no one's name: "pingade @here".
_MENTIONS = frozenset({"everyone", "here", "channel", "all"})
# A user name without "@" listed after one with it: "@h4nnes.back, @hannes_real_acc och
# hannes.3rd" (shaped like a user name: a dot, an underscore or a digit in it).
_LISTED_HANDLE = re.compile(
    r"[ \u00a0]*(?:,|och|samt|eller|/)[ \u00a0]*(?P<handle>[^\W\d][\w.]{2,29})"
)


def _handles_listed_after(text: str, end: int) -> Iterator[Finding]:
    while (listed := _LISTED_HANDLE.match(text, end)) is not None:
        handle_end = strip_trailing_punctuation(text, listed.start("handle"), listed.end("handle"))
        word = text[listed.start("handle") : handle_end]
        if "_" not in word and "." not in word[1:] and not any(c.isdigit() for c in word):
            return
        yield finding("social_handle", listed.start("handle"), handle_end)
        end = listed.end()


_PLATFORM_BEFORE = re.compile(rf"(?i:(?:{_PLATFORMS})[:\-]?)$")


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """ "Sagemcom F@st 5670": an "@" inside a product's name, glued to a word that is no
    platform's ("insta@tobbe_jmt" is a handle) and followed by no user name's shape."""
    if start == 0 or not text[start - 1].isalnum():
        return False
    if _PLATFORM_BEFORE.search(text, max(0, start - 20), start):
        return False
    return not _looks_like_handle(text[start + 1 : end])


# A user name with an underscore between letters ("saga_fjallet", "sofia_ahmed_95"): prose and
# case numbers never write one, so it is a handle wherever it stands (not a file: "rapport_1.pdf").
_FILE_AFTER = re.compile(
    r"[\w.\-]{0,80}\.(?:pdf|docx?|xlsx?|jpe?g|png|txt|csv|zip|mp4|heic|odt|rtf)(?![\w])", re.I
)


_LOG_LEVEL_BEFORE = re.compile(r"(?:INFO|WARN|WARNING|ERROR|DEBUG|NOTICE|TRACE|FATAL)[ \t]{1,3}$")


def _underscored(text: str) -> Iterator[Finding]:
    last_end = -1
    for position in found_all(text, "_"):
        if position < last_end:
            continue
        start = position
        while start and (text[start - 1].isalnum() or text[start - 1] in "._"):
            start -= 1
        end = position + 1
        while end < len(text) and (text[end].isalnum() or text[end] in "._"):
            end += 1
        word = text[start:end].strip("._")
        start = text.index(word, start) if word else start
        last_end = end
        letters = sum(c.isalpha() for c in word)
        if letters < 3 or "_" not in word or (start and text[start - 1] in "@/=&?#"):
            continue
        if word.replace("_", "").isupper():
            continue  # a code in capitals ("SARA_SV"), not a user name
        if _LOG_LEVEL_BEFORE.search(text, max(0, start - 12), start):
            continue  # an event in a log line: "00:02:47 WARN new_device_added"
        if _FILE_AFTER.match(text, start):
            continue  # a file name: "samtyckesblankett_2025-03-14.pdf"
        if (
            text[start - 1 : start] == '"'
            and text[start + len(word) : start + len(word) + 2] == '":'
        ):
            continue  # a key in a pasted export: {"andel_akuta": "26 %"}
        yield finding("social_handle", start, start + len(word))


def _words_before_hash(text: str) -> list[int]:
    """Where a word that a "#" and four digits follow can start (at most 32 characters back)."""
    starts = set()
    for position in found_all(text, "#"):
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


# Every cue costs a search through the whole text, so the list holds the platforms Swedish case
# texts name (and "@handles" are found on any platform). A cue that is part of common words
# would open windows everywhere: "kick" is in "skicka", "id:" in "tid:", "insta" in
# "installerat" and "kik" in "kika", so those two are cues only with what ends them.
_HANDLE_CUES = ("snap", "instagram", "insta ", "insta:", "insta-", "insta.", "insta,", "insta)",
                "instan ", "insta\n", "tiktok", "tik tok", "kik ", "kik:", "kik-", "kik.", "kik,",
                "discord", "twitter", "telegram",
                "bereal", "pinterest", "playstation", "kallar sig", " id:",
                "facebook", "fb", "messenger", "youtube", "twitch", "reddit", "threads", "linkedin",
                "onlyfans", "skype",
                "yubo", "tinder", "badoo", "happypancake", "flashback", "familjeliv",
                "användarnamn", "username", "nick", "alias", "profilnamn", "kontonamn",
                "gamertag", "steam", "psn", "xbox", "tradera", "blocket", "säljarnamn", "epic-",
                "minecraft", "fortnite", "roblox", "spelnamn",
                "epic ", " ig ", "ig:", " sc ", "sc:", " tt ", "tt:")  # fmt: skip
# A Discord tag with its four-digit discriminator: "nattuggla#4821".
# Since 2023 Discord shows a migrated user name with "#0": "noobhunter#0".
_DISCORD_TAG = re.compile(r"(?<![\w#])[^\W\d][\w.]{1,31}#(?:\d{4}|0)(?![\w])")


# Abbreviations with a dot that a handle's shape would take ("kl.9", "resp.o").
_ABBREVIATIONS = {
    "kl",
    "ca",
    "bl",
    "resp",
    "mm",
    "osv",
    "dvs",
    "el",
    "fr",
    "tel",
    "nr",
    "tex",
    "ev",
}


def _shaped_like_a_handle(word: str) -> bool:
    """Not an abbreviation ("t.ex", "bl.a"), a file, a web address, a case number, a product."""
    head = word.split(".")[0]
    dotted_twice = word.count(".") >= 2 and any(c.isdigit() for c in word)  # "j.0lsson.98"
    short_head = len(head) < 3 or head.casefold() in _ABBREVIATIONS
    if len(word) < 4 or ("." in word and short_head and not dotted_twice):
        return False
    if word.casefold() in _CAMEL_CASE_NAMES or lexicon.is_non_name(word):
        return False
    if re.fullmatch(r"[A-Za-z]{1,2}\d{3,}", word):
        return False  # a case number's letter and digits ("k342118" in "5000-k342118-26")
    if re.search(r"\.(?:se|com|nu|org|net|pdf|docx?|jpe?g|png)$", word, re.IGNORECASE):
        return False
    return not (word[:1].isupper() and word[1:].isdigit())


# What a platform calls its own parts ("Facebook: Marketplace", "insta: Stories").
_PLATFORM_WORDS = {
    "marketplace", "messenger", "story", "stories", "reels", "live", "chat", "dm", "inbox",
    "feed", "profile", "profil", "profilen", "gruppen", "grupp", "sidan", "flödet", "kontot",
    "meddelanden", "direktmeddelanden", "spotlight", "snapmap", "snap map", "shorts", "link",
    "länk", "länken",
}  # fmt: skip


def _looks_like_handle(word: str, named: bool = False) -> bool:
    """A user name, not a word: "lisa_k04", "jonte.ostersund", "fjallbruden88"; after a colon
    or in quotes ("snap: Fjallrosen", "heter ”Nattugglan” på insta") a capitalised one too."""
    if len(word) < 3 or word.endswith("."):
        return False
    if "." in word[1:] and word.split(".")[0].casefold() in _ABBREVIATIONS:
        return False
    if "_" in word or "." in word[1:] or (any(c.isdigit() for c in word) and word[0].isalpha()):
        return True
    folded = word.casefold()
    if lexicon.is_non_name(word) or folded in _PLATFORM_WORDS:
        return False
    if named:
        # Named by its platform, a made-up compound is a handle too ("Norrskenstjej"); a
        # dictionary word is not ("Snapchat: Bilder skickas på natten").
        # A listed name is a name ("under namnet Roger"), which names.py warns of.
        return (
            folded not in lexicon.swedish_words()
            and folded not in FUNCTION_WORDS
            and not lexicon.is_listed_name(folded)
        )
    return word.islower() and not lexicon.is_ordinary(folded)
