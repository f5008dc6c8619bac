"""Russian typed in Latin letters ("kto takoi bako saakyan"), read in Cyrillic.

People without a Cyrillic keyboard write Russian in Latin letters. The index knows Russian words
in Cyrillic only, so such a question is spelt in Cyrillic before it is read, when one of its words
is a common Russian word in Latin letters (knowledge/language.yaml, `translit`). Names come out
close enough ("kocharyan" -> «кочарян») for the speller to put the rest right.
"""

from __future__ import annotations

import re

from nkbot.engine.model import Translit

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[a-z]+")
# "i" or "y" after a vowel, before a consonant or at the end, is «й»: "takoi", "voina", "takoy"
_SHORT_I = re.compile(r"(?<=[aeiouy])[iy](?=[^aeiouy]|$)")


class Transliterator:
    def __init__(self, data: Translit) -> None:
        self.markers = data.markers
        self.words = data.words
        self.letters = data.letters
        longest = sorted(data.letters, key=len, reverse=True)
        self._letter = re.compile("|".join(re.escape(s) for s in longest)) if longest else None

    def read(self, text: str) -> str | None:
        """The text spelt in Cyrillic if it is Russian in Latin letters, else None."""
        if self._letter is None or _CYRILLIC.search(text):
            return None
        folded = text.casefold()
        if not any(w in self.markers for w in _WORD.findall(folded)):
            return None
        return _WORD.sub(lambda m: self._word(m.group(0)), folded)

    def _word(self, word: str) -> str:
        spelt = self.words.get(word)
        if spelt is not None:
            return spelt
        assert self._letter is not None
        return self._letter.sub(lambda m: self.letters[m.group(0)], _SHORT_I.sub("j", word))
