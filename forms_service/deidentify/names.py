"""Personal names (warn). A word is warned about when it is likely to name a person:

* a listed first name or surname (lexicon.py) that is not also an ordinary Swedish word, in any
  case and position ("Fatima", "erik", "FATIMA"), and its genitive ("Eriks");
* a listed name that is also a word (Björn, Per, Liv, Maj) when written with a capital in the
  middle of a sentence, after a kinship or role word ("mamma Maj", "sonen ask"), or as the
  subject at the start of a sentence ("Björn har …", but not "Per telefon …", "Hans bror …");
* a capitalised word that is neither an ordinary Swedish word nor a place, organisation, law,
  holiday, car make or medicine: mid-sentence always, at a sentence start when it acts as a
  subject or is followed by another name ("Tesfay har …", "Kanokwan Saetang …");
* in capitals: a listed name ("RANIA HADDAD"), police style "SURNAME, FIRST NAME", and any word
  that is not an ordinary word in a text written all in capitals;
* words with letters Swedish does not use (Sámi "Máret", Polish "Łukasz") or in other scripts;
* initials ("A.L.", "E.L:s", "K. Sundberg", "(K.)");
* the name an e-mail client shows before an address ("Björn" <b.jonsson@…>);
* the word after a surname or first name that was found ("Liv Berg", "Hans Olsson").

Adjacent name words become one finding, so one confirmation covers "Britt-Marie Olofsson".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from itertools import accumulate, compress, count

from . import lexicon, name_context, name_shapes, name_spread
from .cues import CUES, FUNCTION_WORDS, NAMING_CUES, SIGN_OFFS, SUBJECT_VERBS
from .findings import Finding, finding
from .name_words import Profile, at_a_glance, profile_of

_TOKEN = re.compile(r"[^\W\d_]+(?:[\-'’][^\W\d_]+)*(?::[a-zåäö]{1,3}(?![\w]))?")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_SENTENCE_END = set('.!?:;•\n\r\t"“”(|') | {"-", "–", "—", "*", "•", ">"}
_SWEDISH_LETTERS = set("abcdefghijklmnopqrstuvwxyzåäöéèüàABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÈÜÀ")


class Tokens:
    """The words of a text and where each starts. One split of the text gives both: the words
    and the stretches between them, whose lengths summed in C give every word's offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _TOKEN_SPLIT.split(text)  # [gap, word, gap, word, …, gap]
        self.words: list[str] = parts[1::2]
        # Every other running total is the start of a word (a list sliced is quicker than
        # islice over the totals).
        self.starts: list[int] = list(accumulate(map(len, parts)))[0:-1:2]

    @cached_property
    def distinct(self) -> set[str]:
        return set(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def end(self, index: int) -> int:
        return self.starts[index] + len(self.words[index])

    def at_start(self, index: int) -> bool:
        return _at_sentence_start(self.text, self.starts[index])


def _at_sentence_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \u00a0":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _mostly_capitals(text: str, start: int) -> bool:
    """Is the sentence around `start` written in capitals (police and journal extracts)?"""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - 200, 0)
    ends = [x for x in (text.find("\n", start), text.find(". ", start)) if x >= 0]
    right = min([*ends, start + 200])
    letters = list(filter(str.isalpha, text[left:right]))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _after_cue(text: str, tokens: Tokens, index: int) -> bool:
    if index == 0 or tokens.words[index - 1].lower() not in CUES:
        return False
    if index >= 2 and tokens.words[index - 2].lower() == "så":
        return False  # "så kallad 'sextortion'": so-called, no one's name
    between = text[tokens.end(index - 1) : tokens.starts[index]]
    return between.strip(" \u00a0,:(\"'”“„") == ""  # "kallas ”Kalle Snus”" too


def _next_is(text: str, tokens: Tokens, index: int) -> str:
    """What follows the token: "verb", "name-like", "paren", "comma", or ""."""
    end = tokens.end(index)
    rest = text[end : end + 3]
    if rest.startswith((" (", "(")):
        return "paren"
    if rest.startswith((",", " = ")):
        return "comma"  # "Kenta = Kenneth Östlund": a nickname set equal to a name
    if index + 1 >= len(tokens):
        return ""
    between = text[end : tokens.starts[index + 1]]
    if between.strip(" \u00a0") != "":
        return ""
    following = profile_of(tokens.words[index + 1])
    if following.folded in SUBJECT_VERBS:
        return "verb"
    if following.folded in _IDENTIFIER_CUES and tokens.words[index].casefold() not in _POSSESSIVES:
        return "verb"  # "Linnea pnr 021020-…": whose number follows says who it is ("Hans tel")
    if following.folded == "här" and not text[tokens.end(index + 1) :][:2].strip(" .!,:"):
        return "verb"  # "björn här." at the start of a message: the writer says who it is
    if following.shape in ("cap", "upper") and not following.ordinary:
        return "name-like"
    if following.folded == "och" and index + 2 < len(tokens):
        after = profile_of(tokens.words[index + 2])
        if after.shape == "cap" and after.listed:
            return "name-like"
    # "Saga från kvinnojouren kan …": where someone is from says who it is, as a verb would.
    if (
        following.folded == "från"  # not "Skuld hos Kronofogden"
        and index + 2 < len(tokens)
        and lexicon.is_organisation(tokens.words[index + 2])
    ):
        return "verb"
    return ""


def _is_name(text: str, tokens: Tokens, index: int) -> bool:
    word = tokens.words[index]
    if len(word) < 2:
        return False
    profile = profile_of(word)
    if "-" in word and name_context.name_and_kin(word):
        return True  # "Lisa-mamman", "Erik-pappan": who someone is, in one word
    end = tokens.starts[index] + len(word)
    if text[end : end + 1] == "-" and text[end + 1 : end + 2] in (" ", "\u00a0"):
        return False  # "RUT- och ROT-avdrag", "Björn- och älgjakt": the first part of a compound
    if profile.other_script:
        return not profile.non_name  # a unit such as "µmol" is on the list
    if name_context.short_weekday(text, tokens, index):
        return False  # "Tor/fre: socialjouren har beredskap", "mån–tors 08.00–09.00"
    cue = _after_cue(text, tokens, index)
    if profile.shape == "mixed":  # "McDonald"; "AnnLu" after "sign" (not "BBIC-utredning")
        camel = word.isalpha() and word[1].islower()
        return (profile.listed or (cue and camel)) and not profile.non_name
    if profile.shape == "upper":
        return _is_name_in_capitals(text, tokens, index, cue)
    if profile.shape == "lower":
        return _is_name_in_lower_case(text, tokens, index, profile, cue)
    return _is_capitalised_name(text, tokens, index, profile, cue)


def _is_name_in_lower_case(
    text: str, tokens: Tokens, index: int, profile: Profile, cue: bool
) -> bool:
    folded, listed, ordinary, rare = profile.folded, profile.listed, profile.ordinary, profile.rare
    naming = cue and tokens.words[index - 1].lower() in NAMING_CUES
    after = text[tokens.end(index) : tokens.end(index) + 1]
    if naming and (listed or not ordinary) and after not in (".", ":", "/", "@"):
        # "mannen heter bo" (not "heter egentligen", "heter enl. …", "heter snap:…")
        return folded not in FUNCTION_WORDS and not profile.non_name
    if profile.non_name or folded in FUNCTION_WORDS or folded in SUBJECT_VERBS:
        return False
    if len(folded) <= 3 and _ABBREVIATED.match(text, tokens.end(index)):
        return False  # "ek. bistånd", "st. läkare": an abbreviation in lower case
    if cue:  # "sambon tesfay", "sonen ask", but not "mamman bor"
        return not ordinary or (listed and rare)
    if listed and rare and tokens.at_start(index) and _next_is(text, tokens, index) == "verb":
        return True  # "linnea sms:ade …" in a text written without capitals
    return len(folded) >= 4 and listed and not ordinary


def _is_capitalised_name(
    text: str, tokens: Tokens, index: int, profile: Profile, cue: bool
) -> bool:
    # What the word names decides only when the rules would warn, so it is looked at last.
    return _capitalised_by_its_context(text, tokens, index, profile, cue) and not (
        name_context.named_shelter(text, tokens, index)
        or name_context.names_a_sameby(text, tokens, index)
        or name_context.names_a_room(tokens, index)
        or name_context.regnal(text, tokens, index)
        or name_context.names_a_street(tokens, index)
    )  # "Kvinnojouren Embla", "Njaarke sameby", "Chimärens konferensrum", "Gustav III"


def _capitalised_by_its_context(
    text: str, tokens: Tokens, index: int, profile: Profile, cue: bool
) -> bool:
    folded, listed, ordinary, rare = profile.folded, profile.listed, profile.ordinary, profile.rare
    if cue and folded not in FUNCTION_WORDS and not lexicon.is_organisation(folded):
        # "kurator Anna", "sonen (Erik)"; but "kurator, Familjeenheten Krokom" signs an office.
        spaced = text[tokens.end(index - 1) : tokens.starts[index]].strip(" \u00a0") == ""
        if listed:
            return True  # "mamma Maj" too, though Maj is a month
        naming = tokens.words[index - 1].lower() in NAMING_CUES
        if (
            naming
            and name_context.quoted(text, tokens, index)
            and not name_context.a_thing_named(tokens, index)
        ):
            return True  # 'kallas "Lillen"': a nickname in quotes, though an ordinary word
        return not profile.non_name and (spaced or not ordinary)
    if not listed and folded.endswith(_NATURE_ENDINGS):
        return False  # "strax norr om Ösjön"
    if name_context.alone_in_parentheses(text, tokens, index) and (
        listed
        or (not (ordinary or profile.non_name) and name_context.after_a_number(text, tokens, index))
    ):
        return True  # "kvinnojouren (Britt)", "0733-41 87 02 (Sabiha)": who someone is
    if profile.non_name:
        return False
    if profile.foreign:
        return True
    if not tokens.at_start(index):
        return listed or not ordinary or profile.surname_like
    if listed and index and tokens.words[index - 1].lower() in SIGN_OFFS:
        return True  # "Hälsn. Lotta", "Mvh\nStig": who signs
    if folded in FUNCTION_WORDS:
        return False
    following = _next_is(text, tokens, index)
    if listed and not ordinary:
        return True
    if listed and rare and name_context.alone_after_a_label(text, tokens, index):
        return True  # "Handläggare på FK: Lena."
    if folded.endswith("s") and lexicon.is_listed_name(folded[:-1]) and _next_is_kin(tokens, index):
        return rare  # "Pers bror …", but "Hans bror …" is "his brother"
    if listed:
        expected = ("verb", "name-like", "paren", "comma") if rare else ("verb", "name-like")
        return following in expected
    if ordinary:
        return False
    return following in ("verb", "name-like", "paren", "comma")


_IDENTIFIER_CUES = frozenset({"pnr", "personnr", "personnummer", "tel", "tfn", "mobil", "mobilnr"})
_POSSESSIVES = frozenset({"hans", "hennes", "deras", "dess", "min", "din", "sin", "mitt", "ditt"})
_ABBREVIATED = re.compile(r"\.[ \u00a0][a-zåäö]")
# A lake, tarn, river or mountain by its ending ("Ösjön", "Storån" is too short to tell): no
# personal name ends so.
_NATURE_ENDINGS = ("sjön", "tjärnen", "tjärn", "älven", "fjället", "vattnet", "myren")


def _next_is_kin(tokens: Tokens, index: int) -> bool:
    """ "Pers bror …": a genitive name before a kinship word."""
    return index + 1 < len(tokens) and tokens.words[index + 1].casefold() in CUES


def _is_name_in_capitals(text: str, tokens: Tokens, index: int, cue: bool) -> bool:
    word = tokens.words[index]
    profile = profile_of(word)
    if profile.non_name or len(word) < 3:
        return False
    if profile.listed and (not profile.ordinary or cue):
        return True
    if (cue or not profile.ordinary) and name_context.surname_first(text, tokens, index):
        return True  # "VITTNE: GRANSKOG, VIKING", "691276-6877 GURBANOV, ELCHIN"
    if profile.foreign and not profile.ordinary:
        return True
    return not profile.ordinary and _mostly_capitals(text, tokens.starts[index])


def _candidates(tokens: Tokens) -> list[int]:
    """The words worth a closer look: those not passed over at a glance, and every word right
    after a cue word ("sambon erik"). Decided once per distinct word, then picked out in C."""
    words, distinct = tokens.words, tokens.distinct
    never = {word for word in distinct if _never_a_name(word)}
    look = {word for word in distinct if not at_a_glance(word)} - never
    cues = {word for word in distinct if word.lower() in CUES}
    indices = set(compress(count(), map(look.__contains__, words)))
    after_cue = compress(count(1), map(cues.__contains__, words[:-1]))
    indices.update(
        index
        for index in after_cue
        if words[index] not in never or words[index - 1].lower() in NAMING_CUES
    )
    return sorted(indices)


def _never_a_name(word: str) -> bool:
    """A word that no context makes a name (so it need not be looked at): a place, an
    organisation … that is no listed name ("Jämtland", "Region"), or, in lower case, a function
    word, a verb after a subject or an ordinary word ("har", "finns", "i"). Words that begin a
    listed phrase are looked at, so that the phrase protects the words after them."""
    if word.lower() in lexicon.phrase_starts():
        return False
    profile = profile_of(word)
    if profile.non_name and not profile.listed:
        return True
    if profile.shape != "lower":
        return False
    folded = profile.folded
    common = profile.ordinary and not (profile.listed and profile.rare)
    return folded in FUNCTION_WORDS or folded in SUBJECT_VERBS or common


def find_names(text: str) -> Iterator[Finding]:
    tokens = Tokens(text)
    phrases = lexicon.non_name_phrases()
    phrase_starts = lexicon.phrase_starts()
    flagged: dict[int, bool] = {}
    protected: set[int] = set()
    protected_until = -1
    after_title = name_context.title_words_at(tokens)
    for index in _candidates(tokens):
        start = tokens.starts[index]
        if start < protected_until:
            protected.add(index)
            continue
        if tokens.words[index].lower() in phrase_starts:
            phrase = phrases.match(text, start)
            if phrase:
                protected_until = phrase.end()
                protected.add(index)
                continue
        if index - 1 in after_title:
            title_end = name_context.quoted_title_end(text, tokens, index)
            if title_end is not None:  # 'låten "Jealous Guy"': a title, not a person
                protected_until = title_end
                protected.add(index)
                continue
        if _is_name(text, tokens, index):
            flagged[index] = True
    name_spread.repeat(tokens, flagged, protected)
    before = set(flagged)
    name_spread.to_neighbours(text, tokens, flagged, protected)
    found_by_neighbours = {i for i in flagged if i not in before}
    name_spread.repeat_found_by_neighbours(tokens, found_by_neighbours, protected, flagged)
    name_shapes.initials_before_names(text, tokens, flagged)
    name_shapes.spellings_in_parentheses(text, tokens, flagged)
    spans = [(tokens.starts[i], tokens.end(i)) for i in sorted(flagged)]
    spans += list(name_shapes.initials(text))
    spans += list(name_shapes.display_names(text))
    spans += list(name_shapes.device_owners(text))
    yield from (
        finding("name", start, end) for start, end in name_shapes.merge(text, sorted(spans))
    )
