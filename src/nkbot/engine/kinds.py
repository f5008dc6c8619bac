"""The kind of thing a question asks ("when", "how many", "who"), read from its first question word.

One reading for the matcher (a phrasing asking another kind counts less) and for the knowledge
check (two phrasings with the same words but different kinds, "who started it" and "when did it
start", are two questions, not a collision).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from nkbot.engine.model import KnowledgeBase
from nkbot.engine.normalize import Normalizer


def asked_kinds(kb: KnowledgeBase, normalizer: Normalizer) -> dict[str, list[str]]:
    """conversation.yaml's question words of every language, normalised, by kind."""
    asks: dict[str, list[str]] = {}
    for words in kb.conversation.words.values():
        for kind, phrases in words.asks.items():
            asks.setdefault(kind, []).extend(normalizer.normalize(p) for p in phrases)
    return asks


class QuestionKinds:
    """Question words indexed by their first word, so a question is read in one pass."""

    def __init__(self, asks: Mapping[str, Iterable[str]]) -> None:
        """`asks`: the kinds of question and their words, normalised."""
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for kind, phrases in asks.items():
            for phrase in phrases:
                words = tuple(phrase.split())
                if words:
                    self._by_first[words[0]].append((words, kind))

    @property
    def known(self) -> bool:
        """Whether any question words were given (conversation.yaml may be missing)."""
        return bool(self._by_first)

    def of(self, normalized: str) -> str:
        """The kind a normalised question asks, or "": the first question word decides."""
        tokens = normalized.split()
        for at, token in enumerate(tokens):
            for phrase, kind in self._by_first.get(token, ()):
                if tuple(tokens[at : at + len(phrase)]) == phrase:
                    return kind
        return ""
