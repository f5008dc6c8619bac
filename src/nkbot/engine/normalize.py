"""Text normalisation: makes equal what users mean as equal (case, accents, spelling variants)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

_GLUED = re.compile(r"\b(\d+)([^\W\d_]{4,})\b")  # a word of four letters or more (not "90х", "2nd")
_NON_WORD = re.compile(r"[^\w]+|_+")
_YEAR_ABBREV = re.compile(r"'(\d{2})\b")
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–—/]\s*(\d{2})\b")
_POSSESSIVE = re.compile(r"(\w)'s\b")
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f](?=\d{3}\b)")


def _century(two_digits: str) -> str:
    return ("19" if int(two_digits) >= 30 else "20") + two_digits


def _two_digit_year(words: list[str], names: list[str]) -> re.Pattern[str] | None:
    """ "in 92" -> "in 1992": two digits after one of `words` are a year when they can only be one
    (85-99, the conflict's years); 00-26 only at the end of the question ("and in 16?") or
    before a word for year, since "in 20 minutes" is no year. Two digits before a word for year
    are one too ("перемирие 94 года"). Runs on folded text: words and single spaces."""
    if not words:
        return None
    after = "|".join(re.escape(w) for w in sorted(set(words) - {""}, key=len, reverse=True))
    named = "|".join(re.escape(w) for w in sorted(set(names) - {""}, key=len, reverse=True))
    year = r"8[5-9]|9\d|[01]\d|2[0-6]"
    before_name = rf"|\b()({year})(?= (?:{named})\b)" if named else ""
    this_century = rf"(?:[01]\d|2[0-6])(?=$| (?:{named})\b)" if named else r"(?:[01]\d|2[0-6])$"
    # "the 99.89 %" folds to "the 99 89": two digits followed by more digits are no year
    return re.compile(rf"\b({after}) (8[5-9]|9\d|{this_century})\b(?! \d){before_name}")


def _with_century(match: re.Match[str]) -> str:
    word, digits = (match.group(1), match.group(2)) if match.group(2) else (None, match.group(4))
    return f"{word} {_century(digits)}" if word else _century(digits)


def _ending(years: list[str], decades: list[str]) -> re.Pattern[str] | None:
    """A year or decade with a case ending, typed on or after a hyphen (folded to a space): "94 м",
    "2020м", "90х", "1990 е". Runs on folded text: words and single spaces."""
    years, decades = sorted(set(years) - {""}, key=len), sorted(set(decades) - {""}, key=len)
    if not years and not decades:
        return None
    year = "|".join(re.escape(w) for w in reversed(years)) or r"(?!)"
    decade = "|".join(re.escape(w) for w in reversed(decades)) or r"(?!)"
    return re.compile(rf"\b(?:((?:19|20)?\d0) ?(?:{decade})|((?:19|20)?\d\d) ?(?:{year}))\b")


def _without_ending(match: re.Match[str]) -> str:
    """ "90 х" -> "1990s" (the decade token the matcher reads), "94 м" -> "1994". Two digits of a
    decade are of the 1900s but for "00" and "10": "в 20-х" is the 1920s (the NKAO's decade)."""
    decade, year = match.group(1), match.group(2)
    if decade is not None:
        return (("20" if decade in ("00", "10") else "19") + decade if len(decade) == 2 else decade) + "s"
    return _century(year) if len(year) == 2 else year


def _expand_range(match: re.Match[str]) -> str:
    start, end = match.group(1), match.group(2)
    return f"{start} {start[:2]}{end}"


class Normalizer:
    """Folds text to a canonical form; built once from knowledge/language.yaml data."""

    def __init__(
        self,
        characters: Mapping[str, str],
        variants: Mapping[str, str],
        stopwords: Iterable[str],
        year_words: Iterable[str] = (),
        year_names: Iterable[str] = (),
        year_endings: Iterable[str] = (),
        decade_endings: Iterable[str] = (),
        fillers: Iterable[str] = (),
    ) -> None:
        """`year_words`: words after which two digits are a year ("in 92", "в 93"); `year_names`:
        words that make two digits of this century a year ("в 20 году"); `year_endings` and
        `decade_endings`: case endings typed onto a year or a decade ("в 94-м", "в 90-х");
        `fillers`: words that say nothing and are dropped, so that "is the war actually over"
        reads as the phrase "is the war over" (but "really?" alone stays a question)."""
        self._char_table = str.maketrans(dict(characters))
        self._single: dict[str, str] = {}
        multi: dict[str, str] = {}
        for variant, canonical in variants.items():
            v = self.fold(variant)
            c = self.fold(canonical)
            if not v or v == c:
                continue
            (multi if " " in v else self._single)[v] = c
        self._multi = multi
        self._multi_re = (
            re.compile(r"\b(" + "|".join(re.escape(v) for v in sorted(multi, key=len, reverse=True)) + r")\b")
            if multi
            else None
        )
        self._two_digit_year = _two_digit_year(
            [self.fold(w) for w in year_words], [self.fold(w) for w in year_names]
        )
        self._ending = _ending([self.fold(w) for w in year_endings], [self.fold(w) for w in decade_endings])
        self._fillers = frozenset(self.fold(w) for w in fillers) - {""}
        self._cache: dict[str, str] = {}
        self.stopwords = frozenset(self.normalize(w) for w in stopwords) - {""}

    def fold(self, text: str) -> str:
        """Case, accents, punctuation and years, without spelling variants."""
        text = unicodedata.normalize("NFKC", text).casefold().translate(self._char_table)
        text = _strip_accents(text)
        text = _THOUSANDS.sub("", text)
        text = _ISO_DATE.sub(r"\3 \2 \1", text)  # 2020-11-10 -> 10 11 2020, as people write it
        text = _YEAR_RANGE.sub(_expand_range, text)
        text = _YEAR_ABBREV.sub(lambda m: _century(m.group(1)), text)
        text = _POSSESSIVE.sub(r"\1", text).replace("'", "")
        text = _GLUED.sub(r"\1 \2", text)  # "44дневная", "44days": a number typed onto its word
        return " ".join(_NON_WORD.sub(" ", text).split())

    def normalize(self, text: str) -> str:
        found = self._cache.get(text)
        if found is None:
            found = self._normalize(text)
            if len(self._cache) < 200_000:  # the knowledge's own texts, and then some questions
                self._cache[text] = found
        return found

    def _normalize(self, text: str) -> str:
        text = self.fold(text)
        if self._ending is not None:
            text = self._ending.sub(_without_ending, text)
        if self._two_digit_year is not None:
            text = self._two_digit_year.sub(_with_century, text)
        if self._fillers:
            words = text.split()
            kept = [w for w in words if w not in self._fillers]
            text = " ".join(kept) if len(kept) > 1 else text
        if self._multi_re is not None:
            text = self._multi_re.sub(lambda m: self._multi[m.group(1)], text)
        single = self._single
        return " ".join(single.get(tok, tok) for tok in text.split())

    def content_tokens(self, normalized: str) -> list[str]:
        """Tokens that carry meaning, stemmed: stop words dropped, order kept, no duplicates."""
        seen: dict[str, None] = {}
        for tok in normalized.split():
            if tok not in self.stopwords:
                seen.setdefault(stem(tok), None)
        return list(seen)


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_DOUBLED = re.compile(r"([bgmnprt])\1$")  # a consonant doubled before -ed / -ing
_RUSSIAN = snowballstemmer.stemmer("russian")
RUSSIAN_STEM_MAX = 6  # Snowball stems names unevenly (карабах -> караб, карабаха -> карабах): cut to a prefix


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


_PARKED = "\ue000"


def _strip_accents(text: str) -> str:
    """Drop accents from Latin letters (Şuşa -> susa) but keep Cyrillic letters whole (й stays й)."""
    if text.isascii():
        return text
    # NFKD would split й into и + breve: park it on a private-use character meanwhile
    protected = text.replace(_PARKED, "").replace("й", _PARKED)
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", protected))
    return unicodedata.normalize("NFC", stripped).replace(_PARKED, "й")


def is_cyrillic(token: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in token)


@lru_cache(maxsize=100_000)
def stem(token: str) -> str:
    """Word endings off, so inflected forms meet: "killed"/"kills" -> "kill", "войны"/"войне" -> "войн".

    English: a light suffix stripper, deliberately timid (irregular forms such as fled/flee are
    variants in knowledge/language.yaml). Russian: Snowball, then a short prefix, because Russian
    inflects names too (Карабах, Карабаха, Карабахе).
    """
    if is_cyrillic(token):
        if len(token) <= 3 or not token.isalpha():
            return token
        return str(_RUSSIAN.stemWord(token))[:RUSSIAN_STEM_MAX]
    if len(token) <= 4 or not token.isascii() or not token.isalpha():
        return token
    for suffix, replacement in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            if suffix == "s" and token.endswith(("ss", "us", "is")):
                return token
            token = token[: len(token) - len(suffix)] + replacement
            # "stopped", "planned" -> "stop", "plan" (not "kill", "pass", "buzz": their own double letter)
            if suffix in ("ed", "ing") and _DOUBLED.search(token):
                token = token[:-1]
            break
    token = token[:-1] if token.endswith("e") and len(token) > 4 else token
    return token[:-2] + "is" if token.endswith("iz") else token  # recognize / recognise
