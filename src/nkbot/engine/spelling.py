"""Misspelt words put right before normalisation: "праиграла" -> "проиграла", "populaton" -> "population".

Why before, and not on the matcher's stems: Russian stems are cut to a short prefix, so a slip in
the first letters ("праигр", "окупир") leaves a stem too far from the right one to be found, and a
slip in a word that language.yaml folds ("праиграла" is no variant of "итог") is never folded;
an English slip changes the stem ("populaton" is no "popul..."). The whole word, compared with
the words the knowledge and language.yaml use, is one slip away. English is held to the careful
texts (answers, titles), since the phrasings carry slips of their own, and to longer words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from nkbot.engine.normalize import is_cyrillic

SLIP_RATIO = 10  # a stored slip's right word is used at least this often in the careful texts
AKANYE_MOST = 4  # "а" for "о": the places of a word tried at most (2**4 spellings)
MIN_LEN = 6  # shorter words are one slip from too many others ("долму", "дому", "lease", "least")
SWAPPED_FROM = 4  # English words this long are put right when two neighbouring letters are swapped
MIN_USES_ENGLISH = 3  # an English word is put right only to a word the careful texts use this often
SCRIPT = is_cyrillic  # the script of the speller over all the knowledge's texts


def is_latin(word: str) -> bool:
    return word.isascii()


class Speller:
    """The knowledge's own words, by first letter and length; unknown words mapped to the nearest."""

    def __init__(
        self,
        words: Iterable[str],
        script: Callable[[str], bool] = SCRIPT,
        min_len: int = MIN_LEN,
        min_uses: int = 1,
        inflected: Callable[[str], bool] | None = None,
        slips: Iterable[str] = (),
        swapped_from: int = 0,
        phrased: Iterable[str] = (),
    ) -> None:
        """`inflected`: whether an unknown word is a form of a known one ("looking" of "look"), left as is;
        `slips`: words of the texts that are slips themselves (see `stored_slips`), put right too;
        `swapped_from`: words this long but shorter than `min_len` are put right only when two
        neighbouring letters are swapped ("mnay", "taht"), the slip least likely to make another word;
        a word `phrased` (the phrasings use it) only to a word used SLIP_RATIO times: "frist" is
        "first", a slip the phrasings carry, "suing" no slip of "using", used five times."""
        counts = Counter(w for w in words if script(w) and w.isalpha())
        self.known = frozenset(counts) - frozenset(slips)
        self._script = script
        self._min_len = min_len
        self._swapped_from = swapped_from or min_len
        self._phrased = frozenset(phrased)
        self._inflected = inflected
        counts = Counter({w: c for w, c in counts.items() if c >= min_uses})
        self._counts = counts
        pools: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in counts:
            if len(word) >= min_len - 1:
                pools[word[0], len(word)].append(word)
        self._pools = dict(pools)
        self._cache: dict[str, str] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def correct(self, folded: str) -> str:
        """`folded`: text as Normalizer.fold leaves it (lower case, words and single spaces)."""
        words = folded.split()
        fixed = [self._word(w) for w in words]
        return folded if fixed == words else " ".join(fixed)

    def _word(self, word: str) -> str:
        if (
            len(word) < self._swapped_from
            or word in self.known
            or not self._script(word)
            or not word.isalpha()
        ):
            return word
        found = self._cache.get(word)
        if found is None:
            if len(word) < self._min_len:
                found = self._swapped(word)
                if word in self._phrased and self._counts.get(found, 0) < SLIP_RATIO:
                    found = word  # "suing", a word of the phrasings, is no slip of the rarer "using"
            elif self._inflected is not None and self._inflected(word):
                found = word
            else:
                found = self._nearest(word)
            if len(self._cache) < 50_000:
                self._cache[word] = found
        return found

    def _swapped(self, word: str) -> str:
        """The most used known word with two neighbouring letters of `word` swapped, else `word`."""
        swaps = {word[:k] + word[k + 1] + word[k] + word[k + 2 :] for k in range(len(word) - 1)}
        return self._most_used(swaps) or word

    def _nearest(self, word: str) -> str:
        """The most used known word one slip away (stored phrasings carry typos too: "нахоится"
        is known, but "находится" is the word meant), else one "а" written for "о" in more places
        ("дагавор", "гаварили": Russian spelt as it sounds)."""
        best = self._one_slip(word)
        if best == word and "а" in word:
            best = self._most_used(_as_spelt(word)) or best
        return best

    def _most_used(self, spellings: set[str]) -> str | None:
        """The known word among `spellings` used most often, if any is known."""
        found = sorted(w for w in spellings if w in self._counts)  # ties: the same one on every run
        return max(found, key=self._counts.__getitem__) if found else None

    def _one_slip(self, word: str) -> str:
        best, uses = word, 0
        for length in range(len(word) - 1, len(word) + 2):
            for known, _, _ in process.extract(
                word, self._pools.get((word[0], length), ()), scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                count = self._counts[known]
                if count > uses or (count == uses and known < best):  # ties: the same one on every run
                    best, uses = known, count
        return best


def _as_spelt(word: str, most: int = AKANYE_MOST) -> set[str]:
    """`word` with "о" for "а" in some of its places (at most `most` "а" considered)."""
    places = [k for k, ch in enumerate(word) if ch == "а"][:most]
    found = set()
    for mask in range(1, 1 << len(places)):
        letters = list(word)
        for bit, k in enumerate(places):
            if mask >> bit & 1:
                letters[k] = "о"
        found.add("".join(letters))
    return found


def stored_slips(
    every: Iterable[str],
    careful: Iterable[str],
    stem: Callable[[str], str],
    script: Callable[[str], bool] = SCRIPT,
) -> frozenset[str]:
    """Slips the phrasings carry on purpose ("конфлит"), to be put right in questions as well.

    Left as known words, they match only the phrasing that holds them, weighed as rare as a name:
    "кто начал карабахский конфлит" went to the overview, whose phrasing has the slip. A word is
    taken for a slip when it is used once, by the phrasings only, a word one slip away with
    another stem is used SLIP_RATIO times by the careful texts (answers, titles), and every word
    sharing its stem is such a slip too: slips of one word share a stem ("карбаахе", "карбааха"),
    while the forms of a word do with a form the answers use ("минные", "оказался") or with one
    that is no slip ("полиции", "полицией" are no "позиции").
    """
    used = Counter(w for w in every if script(w) and w.isalpha())
    right = Counter(w for w in careful if script(w) and w.isalpha())
    pool = [w for w, count in right.items() if count >= SLIP_RATIO and len(w) >= MIN_LEN - 1]
    family: dict[str, list[str]] = defaultdict(list)
    for word in used:
        family[stem(word)].append(word)

    def rare(word: str) -> bool:
        return used[word] == 1 and word not in right and len(word) >= MIN_LEN

    def near_another(word: str) -> bool:
        near = process.extract(word, pool, scorer=OSA.distance, score_cutoff=1, limit=None)
        return any(stem(w) != stem(word) for w, _, _ in near)

    # a family is slips all together or not at all: the costly search runs only for families
    # whose every word is rare
    slips = set()
    for words in family.values():
        if all(rare(w) for w in words) and all(near_another(w) for w in words):
            slips.update(words)
    return frozenset(slips)
