"""Misspelt words put right before normalisation: "праиграла" -> "проиграла", "окупировала" -> "оккупировала".

Why before, and not on the matcher's stems: Russian stems are cut to a short prefix, so a slip in
the first letters ("праигр", "окупир") leaves a stem too far from the right one to be found, and a
slip in a word that language.yaml folds ("праиграла" is no variant of "итог") is never folded.
The whole word, compared with the words the knowledge and language.yaml use, is one slip away.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from nkbot.engine.normalize import is_cyrillic

MIN_LEN = 6  # shorter words are one slip from too many others ("долму", "дому")
SCRIPT = is_cyrillic  # English typos are left to the matcher: "looking" is no slip of "looting"


class Speller:
    """The knowledge's own words, by first letter and length; unknown words mapped to the nearest."""

    def __init__(self, words: Iterable[str]) -> None:
        counts = Counter(w for w in words if SCRIPT(w) and w.isalpha())
        self.known = frozenset(counts)
        self._counts = counts
        pools: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in counts:
            if len(word) >= MIN_LEN - 1:
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
        if len(word) < MIN_LEN or word in self.known or not SCRIPT(word) or not word.isalpha():
            return word
        found = self._cache.get(word)
        if found is None:
            found = self._nearest(word)
            if len(self._cache) < 50_000:
                self._cache[word] = found
        return found

    def _nearest(self, word: str) -> str:
        """The most used known word one slip away (stored phrasings carry typos too: "нахоится"
        is known, but "находится" is the word meant)."""
        best, uses = word, 0
        for length in range(len(word) - 1, len(word) + 2):
            for known, _, _ in process.extract(
                word, self._pools.get((word[0], length), ()), scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                if self._counts[known] > uses:
                    best, uses = known, self._counts[known]
        return best
