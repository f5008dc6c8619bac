"""Who held an office when: "who was president of Azerbaijan in 1993" is answered from the dates
in knowledge/conversation.yaml, not from word overlap, where the country's name weighs little
(it is in every entry) and the year points at whoever the entries date to it."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date

from nkbot.engine.model import Holder, Intent, KnowledgeBase, Office, Span

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
MOST_HOLDERS = 2  # a period with more holders than this has no one answer
EXTRA_WORDS = 0  # words besides office, year and question words ("... said about the exodus": not asked)


class Offices:
    def __init__(self, kb: KnowledgeBase, present: tuple[str, ...], asks: list[str]) -> None:
        """`present`: the engine's padded, normalised words for now; `asks`: its normalised
        question words ("how many", "qwho"), neither of which makes a question ask more."""
        norm = kb.normalizer
        self.kb = kb
        self.normalizer = norm
        named = {
            f" {norm.normalize(name)} ": office
            for office in kb.conversation.offices
            for names in office.names.values()
            for name in names
        }
        self._names = sorted(named.items(), key=lambda pair: -len(pair[0]))  # longest first
        self._by_id = {office.id: office for office in kb.conversation.offices}
        # the words of each office's names: the side it is of ("azerbaijan" in "president of azerbaijan")
        self._office_words: dict[str, set[str]] = {office.id: set() for office in kb.conversation.offices}
        for name, office in named.items():
            self._office_words[office.id].update(norm.content_tokens(name.strip()))
        self._side_words = set().union(*self._office_words.values())  # any office's
        # by first word: a question is checked against the names starting with one of its words
        self._starting: dict[str, list[int]] = {}
        for k, (name, _) in enumerate(self._names):
            self._starting.setdefault(name.split()[0], []).append(k)
        self._present = present
        self._ignored = {t for p in (*present, *asks) for t in norm.content_tokens(p.strip())}
        # "the first president of artsakh", "the last one": an office's first or last holder
        words = kb.conversation.words.values()
        self._first = {t for w in words for p in w.first for t in norm.content_tokens(norm.normalize(p))}
        self._last = {t for w in words for p in w.last for t in norm.content_tokens(norm.normalize(p))}
        self._ordinal_starts = tuple(sorted(self._first | self._last))
        # the words naming an office's holders: "is aliyev still running azerbaijan" asks no more
        # than who runs it now
        naming = {
            e.id: {t for names in e.names.values() for name in names for t in norm.content_tokens(name)}
            for e in kb.conversation.entities
        }
        self._holder_words = {
            office.id: {t for h in office.holders for t in naming.get(h.intent, ())}
            for office in kb.conversation.offices
        }
        # events that date a question: "during the 2020 war", "во время первой войны"
        dated = [(e, kb.intent(e.intent)) for e in kb.conversation.entities if e.intent]
        events = {
            f" {norm.normalize(name)} ": intent.when
            for entity, intent in dated
            if intent is not None and intent.when is not None
            for names in entity.names.values()
            for name in names
        }
        self._events = sorted(events.items(), key=lambda pair: -len(pair[0]))

    def named(self, normalized: str) -> str | None:
        """The longest office name in a question ("president of azerbaijan"), if any."""
        found = self._find(normalized)
        return found[0] if found is not None else None

    def _find(self, normalized: str) -> tuple[str, Office] | None:
        found = self._find_in(normalized)
        if found is not None:
            return found
        # "azerbaijans first president": the ordinal inside the office's name (a cheap look at the
        # words' beginnings first: this runs for every question)
        words = normalized.split()
        if any(t.startswith(self._ordinal_starts) for t in words):
            kept = [t for t in words if self.asks_last([t]) is None]
            if len(kept) < len(words):
                found = self._find_in(" ".join(kept))
        return found

    def _find_in(self, normalized: str) -> tuple[str, Office] | None:
        padded = f" {normalized} "
        names = self._names
        starting = self._starting
        hits = [k for tok in set(normalized.split()) for k in starting.get(tok, ()) if names[k][0] in padded]
        return names[min(hits)] if hits else None  # the longest name in the question

    def holder(self, normalized: str, within: Span | None = None) -> Intent | None:
        """The holder of the office a question names, in the one year or event it names, else in
        `within` (the time a conversation is at: "who led azerbaijan then?"), else now; None when
        the question asks more than who held it, or nobody in the knowledge held it then."""
        found = self._find(normalized)
        if found is None:
            return None
        phrase, office = found
        padded = f" {normalized} "
        if phrase in padded:
            rest = padded.replace(phrase, " ", 1)
        else:  # found around an ordinal: "artsakhs first leader"
            named = set(phrase.split())
            rest = " " + " ".join(t for t in normalized.split() if t not in named) + " "
        event = next(((name, when) for name, when in self._events if name in rest), None)
        if event is not None:
            rest = rest.replace(event[0], " ", 1)
        tokens = self.normalizer.content_tokens(rest)
        years = [int(t) for t in tokens if _YEAR.match(t)]
        holders = self._holder_words[office.id]
        ordinal = [t for t in tokens if t in self._first or t in self._last]
        last = self._last_of(ordinal)
        extra = [
            t
            for t in tokens
            if not _YEAR.match(t) and t not in self._ignored and t not in holders and t not in ordinal
        ]
        if len(extra) > EXTRA_WORDS or len(years) + (event is not None) + (last is not None) > 1:
            return None
        if last is not None:  # "самый" alone is no ordinal, but no other word either
            return self._extreme(office, last)
        if years:
            holder = _longest_in(office, date(years[0], 1, 1), date(years[0], 12, 31))
        elif event is not None:
            holder = _longest_in(office, event[1].start, event[1].end)
        elif within is not None:
            holder = _longest_in(office, within.start, within.end)
        elif any(p in padded for p in self._present):
            holder = next((h for h in office.holders if h.end is None), None)
        else:
            return None
        return self.kb.intent(holder.intent) if holder is not None else None

    def extreme_after(self, last: bool, before: str, intent_id: str | None) -> Intent | None:
        """An office's first or `last` holder, asked by an ordinal alone ("and the last?", «а
        последним») after a question naming the office (`before`, normalised) or after one of its
        holders (`intent_id`)."""
        found = self._find(before)
        office = found[1] if found is not None else None
        if office is None:
            office = next(
                (o for o in self.kb.conversation.offices if any(h.intent == intent_id for h in o.holders)),
                None,
            )
        return self._extreme(office, last) if office is not None else None

    def asks_last(self, words: Sequence[str]) -> bool | None:
        """Whether words that are only an ordinal ask for the last (True) or the first (False)
        holder; None if they are anything else ("самый" alone is neither)."""
        tokens = self.normalizer.content_tokens(" ".join(words))
        if not tokens or any(t not in self._first and t not in self._last for t in tokens):
            return None
        return self._last_of(tokens)

    def _last_of(self, ordinal: Collection[str]) -> bool | None:
        """Whether ordinal words (content tokens) ask for the last holder or the first; a word of
        both lists ("самый") says neither: «самым первым» is the first."""
        kinds = {t in self._last for t in ordinal if (t in self._first) != (t in self._last)}
        return kinds.pop() if len(kinds) == 1 else None

    def _extreme(self, office: Office, last: bool) -> Intent | None:
        """An office's first holder, or its last (one still in office is the last so far)."""
        if not office.holders:
            return None
        return self.kb.intent(office.holders[-1 if last else 0].intent)

    def tenure(self, intent_id: str | None) -> Span | None:
        """When `intent_id` held the first office listed that has them (open-ended if still held,
        as in `counterpart`: no clock is read): "who led azerbaijan then?" after Kocharyan."""
        for office in self.kb.conversation.offices:
            held = next((h for h in office.holders if h.intent == intent_id), None)
            if held is not None:
                end = held.end or date.max
                return Span(held.start, end, f"{held.start.isoformat()}/{end.isoformat()}")
        return None

    def counterpart(
        self, intent_id: str | None, side: Collection[str] = (), within: Span | None = None
    ) -> Intent | None:
        """The other side's holder of the office `intent_id` held, for the longest part of that
        tenure ("his azerbaijani counterpart" after Mirzoyan: Bayramov; after Kocharyan: Heydar
        Aliyev): the first office listed that names a counterpart. With `side`, the first of its
        counterparts whose names hold one of those words ("and on the azerbaijani side?" after
        Mirzoyan; "and in karabakh?" after Pashinyan: Artsakh's president; not "and the armenian
        side?"). With `within` (the time a conversation is at), the holder of that part of the
        tenure: after Aliyev in the 2020 war, Artsakh's president of 2020, not of 2003–2025."""
        for office in self.kb.conversation.offices:
            held = next((h for h in office.holders if h.intent == intent_id), None)
            others = [self._by_id[c] for c in office.counterparts if c in self._by_id]
            if held is None or not others:
                continue
            if side:
                others = [o for o in others if not self._office_words[o.id].isdisjoint(side)]
                if not others:
                    return None
            first, last = held.start, held.end or date.max  # in office: to this day
            if within is not None and within.start <= last and first <= within.end:
                first, last = max(first, within.start), min(last, within.end)
            holder = _longest_in(others[0], first, last)
            if holder is None and within is None and held.end is None:  # in office still: today's
                holder = next((h for h in others[0].holders if h.end is None), None)
            return self.kb.intent(holder.intent) if holder is not None else None
        return None

    def side_words(self, tokens: Collection[str]) -> bool:
        """Whether every word is one the offices are named with ("karabakh", "президентом"): what
        is left of "and in karabakh?" names no subject but a side."""
        return bool(tokens) and all(t in self._side_words for t in tokens)

    def neighbour(self, intent_id: str | None, step: int, asked: str = "") -> Intent | None:
        """The next (+1) or previous (-1) holder of an office `intent_id` held: the office the
        question before named (`asked`, normalised: "who came after him" after the first president
        of Artsakh is Artsakh's second), else the first office listed that has one."""
        named = self._find(asked) if asked else None
        offices = self.kb.conversation.offices
        if named is not None:
            offices = (named[1], *(o for o in offices if o is not named[1]))
        for office in offices:
            ids = [h.intent for h in office.holders]
            if intent_id in ids:
                k = ids.index(intent_id) + step
                if 0 <= k < len(ids):
                    return self.kb.intent(ids[k])
        return None


def _longest_in(office: Office, first: date, last: date) -> Holder | None:
    """The holder in office for the most days from `first` to `last` (1993: Heydar Aliyev, from
    June; the 2020 war: Ilham Aliyev); None when more than two held it then (the first war had
    three presidents of Azerbaijan: no one of them is the answer)."""
    overlaps = [
        (min(h.end or last, last) - max(h.start, first)).days + 1 for h in office.holders
    ]  # days in office
    if sum(1 for days in overlaps if days > 0) > MOST_HOLDERS:
        return None
    days, best = max(zip(overlaps, office.holders, strict=True), key=lambda pair: pair[0])
    return best if days > 0 else None
