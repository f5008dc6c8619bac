"""The answer engine: question in, typed result out. Pure and synchronous; no I/O after loading."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from nkbot.engine.kinds import asked_kinds
from nkbot.engine.loader import load_or_raise
from nkbot.engine.matcher import Matcher, Scored
from nkbot.engine.model import DEFAULT_LANG, SCOPE, Fact, Intent, KnowledgeBase, Span, Words, pick
from nkbot.engine.normalize import stem
from nkbot.engine.offices import Offices
from nkbot.engine.spelling import MIN_USES_ENGLISH, SCRIPT, SWAPPED_FROM, Speller, is_latin, stored_slips
from nkbot.engine.translit import Transliterator

if TYPE_CHECKING:
    from nkbot.engine.followup import Context, Dialogue

T = TypeVar("T")
MAX_QUESTION_CHARS = 500
RANKING_CACHE = 8192  # rankings kept for repeated questions (first in, first out; about 1 kB each)
CANDIDATES = 10  # entries ranked per question: enough for inline results and suggestions
ALTERNATIVES = 2  # runners-up offered as buttons under an answer
NEAR = 10.0  # ... when they score within this of the answer (or within the margin, if wider)
FOREIGN_IDF = 3.0  # a word this rare in an out-of-scope topic's phrasings names that topic ("georgia")
PRESENT_FACT = 0.6  # a related entry's present fact explains this share of a question about now
NAMED_SLOTS = ("place", "person")  # names of these weigh more in a question than other words
VIEW = "position"  # the kind of question asking a side's view: a yes/no answer may still open it
PARTY = "party"  # the slot of the sides (conversation.yaml): a fact naming another side is not asked


class Status(StrEnum):
    ANSWERED = "answered"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"


class Reason(StrEnum):
    """Why a question got no answer, beyond "nothing matched"."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_MATCH = "no_match"
    NO_EVENTS = "no_events"  # a date question, and the timeline has nothing then
    OUT_OF_SCOPE = "out_of_scope"  # recognised, not this bot's subject: a greeting, another war


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score cut-offs (0..100), calibrated with `nkbot eval` on the maintainers' question set."""

    answer: float = 34.0  # the best candidate answers alone from this score ...
    margin: float = 8.0  # ... when it leads the runner-up by this much
    suggest: float = 32.0  # below this nothing is offered: "I don't know"
    max_suggestions: int = 4


# Russian questions score differently (richer inflection, question words kept as tokens): their
# cut-offs are calibrated separately, with `nkbot eval eval/ru --calibrate`.
LANGUAGE_THRESHOLDS = {"ru": Thresholds(answer=36.0, margin=6.0, suggest=24.0)}


@dataclass(frozen=True, slots=True)
class Result:
    question: str
    normalized: str
    status: Status
    intent: Intent | None
    score: float
    suggestions: tuple[Scored, ...]
    lang: str
    reason: Reason | None = None
    events: tuple[Intent, ...] = ()  # a date question's answer: the timeline entries in `span`
    span: Span | None = None
    followup: str | None = None  # how the conversation resolved it: swap, carry, next, previous
    understood: str | None = None  # the question as rewritten from the conversation
    fact: Fact | None = None  # the precise question of `intent` that was asked, if one was
    scope: Intent | None = None  # for OUT_OF_SCOPE: the scope.yaml topic; its answer is the reply


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]+")
_LATIN_WORD_ANY = re.compile("[A-Za-z]+")
_LATIN_WORD = re.compile("[a-z]+")
_OPENING_WORD = re.compile(r"(\w+)\s*[,:.]\s+")


def detect_language(text: str) -> str | None:
    """'ru' or 'en' when the words clearly say so, else the letters; None for digits, emoji or an
    even mix. Words first: Russian speakers type names in Latin letters ("trump route tripp это то
    же самое?"), and a long name outweighs the short Russian words around it."""
    cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
    if cyrillic and latin:  # both scripts (rare): count words, letters only to break a tie
        words = len(_CYRILLIC_WORD.findall(text)), len(_LATIN_WORD_ANY.findall(text))
        if words[0] != words[1]:
            cyrillic, latin = words
    if cyrillic > latin:
        return "ru"
    if latin > cyrillic:
        return "en"
    return None


def _texts(kb: KnowledgeBase, typed: bool = True) -> Iterator[str]:
    """Every text whose words a question may use: the entries, language.yaml, conversation.yaml.
    Without `typed`, only the entries' answers and titles and language.yaml, not the phrasings
    and names written as users type them ("armenain"): the words an English slip is put right to."""
    for intent in (*kb.intents, *kb.scope):
        for texts in (intent.title, intent.short, intent.answer):
            yield from texts.values()
        for lists in (intent.questions, intent.keywords) if typed else ():
            for items in lists.values():
                yield from items
        for fact in intent.facts:
            yield from fact.answer.values()
            for items in fact.questions.values() if typed else ():
                yield from items
    for language in kb.languages.values():
        yield from language.variants
        yield from language.variants.values()
        yield from language.stopwords
    if not typed:
        return  # conversation.yaml lists names as people type them too ("heidar")
    for words in kb.conversation.words.values():
        for name in Words.__dataclass_fields__:
            value = getattr(words, name)
            if isinstance(value, tuple):
                yield from (v for v in value if isinstance(v, str))
            elif isinstance(value, dict):
                yield from (v for vs in value.values() for v in (vs if isinstance(vs, tuple) else (vs,)))
        for month in words.months:
            yield from (month.name, month.day, *month.forms)
    for entity in kb.conversation.entities:
        for items in entity.names.values():
            yield from items


def _keep(cache: dict[str, T], key: str, value: T) -> None:
    """Remember a value in a bounded cache, forgetting the oldest first (RANKING_CACHE entries)."""
    if len(cache) >= RANKING_CACHE:
        cache.pop(next(iter(cache)))
    cache[key] = value


class Engine:
    def __init__(
        self,
        kb: KnowledgeBase,
        thresholds: Thresholds | None = None,
        language_thresholds: dict[str, Thresholds] | None = None,
    ) -> None:
        self.kb = kb
        self.thresholds = thresholds or Thresholds()
        self.language_thresholds = LANGUAGE_THRESHOLDS if language_thresholds is None else language_thresholds
        self.normalizer = kb.normalizer
        self._ranked: dict[str, list[Scored]] = {}
        self._normalized: dict[str, str] = {}  # questions as asked -> as read: repeated ones are common
        self._spelt: dict[str, str] = {}  # questions as asked -> in their own letters ("kto" -> «кто»)
        norm = self.normalizer
        asks = asked_kinds(kb, norm)
        relations = [w for words in kb.conversation.words.values() for w in words.relations]
        names = [
            name
            for e in kb.conversation.entities
            if e.slot in NAMED_SLOTS
            for in_language in e.names.values()
            for name in in_language
        ]
        sides = [
            name
            for e in kb.conversation.entities
            if e.slot == PARTY
            for in_language in e.names.values()
            for name in in_language
            if " " not in name
        ]
        self.matcher = Matcher(kb.intents + kb.scope, norm, asks, relations, names, sides)
        talk = [
            (f" {norm.normalize(p)} ", topic)
            for topic in kb.scope
            for phrases in topic.questions.values()
            for p in phrases
            if not norm.content_tokens(norm.normalize(p))
        ]
        self._scope_phrases = frozenset(
            norm.normalize(p) for topic in kb.scope for phrases in topic.questions.values() for p in phrases
        )
        # Small talk ("hi", "thx bye") is all stop words: found as a phrase, longest first.
        self._small_talk = sorted(talk, key=lambda pair: -len(pair[0]))
        self._present = tuple(
            f" {phrase} "
            for words in kb.conversation.words.values()
            for phrase in {self.normalizer.normalize(p) for p in words.present}
            if phrase
        )
        # the one-word phrases of now, looked up by word ("today"): a set, not a scan of all of them
        self._now_words = frozenset(p.strip() for p in self._present if " " not in p.strip())
        self.offices = Offices(kb, self._present, [p for phrases in asks.values() for p in phrases])
        # entry id -> its related entries stating where things stand, when it states nothing of now
        self._present_related: dict[str, tuple[Intent, ...]] = {
            i.id: tuple(r for r in kb.intents_of(i.related) if any(f.present for f in r.facts))
            for i in kb.intents
            if not any(f.present for f in i.facts)
        }
        every: list[str] = []  # every text's words in the speller's script (Cyrillic) ...
        typed: set[str] = set()  # ... and the others' English words, phrasings included
        for text in _texts(kb):
            if SCRIPT(text):
                every.extend(norm.fold(text).split())
            else:  # plain letters are enough to tell "suing" (and far cheaper than folding)
                typed.update(_LATIN_WORD.findall(text.lower()))
        careful: list[str] = []  # the careful texts' words in the speller's script (Cyrillic) ...
        curated: list[str] = []  # ... and in the others (English)
        for text in _texts(kb, typed=False):
            (careful if SCRIPT(text) else curated).extend(norm.fold(text).split())
        # out-of-scope phrases are words typed on purpose, no slips: "poland" is no "polad"
        curated.extend(
            w for i in kb.scope for qs in i.questions.values() for q in qs for w in norm.fold(q).split()
        )
        self.speller = Speller(every, slips=stored_slips(every, careful, stem))
        # a form of a known word extends it or is extended by it ("looking", "armenians"); a shared
        # stem alone is no proof ("proces" and "proceed" both stem to "proc": "process" is meant)
        by_stem: dict[str, set[str]] = {}
        for w in curated:
            by_stem.setdefault(stem(w), set()).add(w)

        def inflected(word: str) -> bool:
            return any(word.startswith(k) or k.startswith(word) for k in by_stem.get(stem(word), ()))

        self.english = Speller(
            curated,
            script=is_latin,
            min_uses=MIN_USES_ENGLISH,
            inflected=inflected,
            swapped_from=SWAPPED_FROM,
            phrased=typed,  # "suing", a word of the phrasings, is no slip of "using"
        )
        self.transliterators = [Transliterator(x.translit) for x in kb.languages.values() if x.translit]

    @classmethod
    def from_directory(cls, root: Path, thresholds: Thresholds | None = None) -> Engine:
        return cls(load_or_raise(root), thresholds)

    def spelt(self, question: str) -> str:
        """The question in its language's own letters: Russian typed in Latin ones read in Cyrillic."""
        found = self._spelt.get(question)
        if found is None:
            read = (reader.read(question) for reader in self.transliterators)
            found = next((text for text in read if text is not None), question)
            _keep(self._spelt, question, found)
        return found

    def language(self, question: str, preferred: str | None = None, fallback: str | None = None) -> str:
        """The answer language: the one chosen, else the question's, else the user's, else English."""
        for lang in (preferred, detect_language(self.spelt(question)), (fallback or "")[:2].lower()):
            if lang and lang in self.kb.languages:
                return lang
        return DEFAULT_LANG

    def answer(self, question: str, lang: str | None = None) -> Result:
        """Answer in `lang`, or in the language of the question when `lang` is None."""
        lang = self.language(question, lang)
        text = self.spelt(question).strip()  # spelt once and kept: the language read it already
        if len(text) > MAX_QUESTION_CHARS:
            return Result(question, "", Status.UNKNOWN, None, 0.0, (), lang, Reason.TOO_LONG)
        normalized = self.normalize(text)
        if not normalized:
            return Result(question, "", Status.UNKNOWN, None, 0.0, (), lang, Reason.EMPTY)
        return self.resolve(question, normalized, lang)

    def normalize(self, question: str) -> str:
        """A question as the matcher reads it: misspelt words put right, then normalised."""
        found = self._normalized.get(question)
        if found is None:
            folded = self.normalizer.fold(question)
            corrected = self.english.correct(self.speller.correct(folded))
            found = self.normalizer.normalize(corrected if corrected != folded else question)
            _keep(self._normalized, question, found)
        return found

    def resolve(self, question: str, normalized: str, lang: str) -> Result:
        """The outcome for a normalised question (as asked, or as rewritten from a conversation):
        an office and a date are looked up ("who was president of azerbaijan in 1993"), anything
        else is ranked and decided."""
        holder = self.offices.holder(normalized)
        if holder is not None:
            return Result(question, normalized, Status.ANSWERED, holder, 100.0, (), lang)
        ranked = self.ranking(normalized)[: self.thresholds.max_suggestions + 1]
        beside = any(s.intent.category == SCOPE for s in ranked[1:])  # an outside topic in the running
        if beside and ranked[0].intent.category != SCOPE and self.asks_now(normalized):
            # "whats the population of armenia now": "now" brings no question into the bot's scope
            # (it only prefers the entries stating where things stand)
            timeless = self._timeless(normalized)
            if timeless and timeless != normalized:
                alone = self.decide(question, timeless, self.ranking(timeless)[: len(ranked)], lang)
                if alone.reason is Reason.OUT_OF_SCOPE and not self.chatter(alone):
                    return replace(alone, normalized=normalized)
        return self.decide(question, normalized, ranked, lang)

    def _timeless(self, normalized: str) -> str:
        """A question with its words of the present taken out."""
        padded = f" {normalized} "
        for phrase in self._present:
            padded = padded.replace(phrase, " ")
        return " ".join(padded.split())

    def ranking(self, normalized: str, limit: int = CANDIDATES) -> list[Scored]:
        """The best `limit` entries for a normalised question, best first.

        Popular questions repeat, so the last few thousand rankings of CANDIDATES are kept;
        answers and inline results share them. A deeper look (a follow-up weighing an entry just
        below them) is ranked afresh.
        """
        if limit != CANDIDATES:
            return self.matcher.match(normalized, limit=limit, present=self.asks_now(normalized))
        ranked = self._ranked.get(normalized)
        if ranked is None:
            ranked = self.matcher.match(normalized, limit=CANDIDATES, present=self.asks_now(normalized))
            _keep(self._ranked, normalized, ranked)
        return ranked

    def small_talk(self, normalized: str) -> Intent | None:
        """The scope topic of a question made only of small talk ("hi", "thanks", "who are you") and
        words the knowledge does not know ("спасибо за инфу, бро", "thanks mate"), or of the present
        ("how are you today": not where things stand today)."""
        now = self._now_words
        if any(t not in now and self.matcher.lookup(t) for t in self.normalizer.content_tokens(normalized)):
            return None
        padded = f" {normalized} "
        for phrase, topic in self._small_talk:
            if phrase in padded:
                # "how many got it": a question word besides "got it" asks something of the subject
                # (unless a shorter phrase takes it in: "who are you, a bot?" beside "are you a bot")
                rest = padded.replace(phrase, " ", 1).strip()
                if not (rest and self.matcher.asked(rest)):
                    return topic
        return None

    def chatter(self, result: Result) -> bool:
        """Whether a question was answered as small talk: a scope topic some of whose phrases are
        only stop words (greetings, thanks, what the bot is)."""
        return result.scope is not None and any(topic is result.scope for _, topic in self._small_talk)

    def scope_phrase(self, normalized: str) -> bool:
        """Whether the question is one of scope.yaml's own phrasings ("пока", "capital of armenia")."""
        return normalized in self._scope_phrases

    def names_a_side(self, normalized: str) -> bool:
        """Whether the question names the region or a side ("azerbaijan", "карабахской")."""
        regional = self.dialogue.words.regional
        return any(regional(t) for t in self.normalizer.content_tokens(normalized))

    def asks_now(self, normalized: str) -> bool:
        """Whether the question is about the present ("still", "today", "сейчас")."""
        padded = f" {normalized} "
        return any(phrase in padded for phrase in self._present)

    def clear_caches(self) -> None:
        """Forget cached rankings and typo look-ups (benchmarks measure the cold path)."""
        self._ranked.clear()
        self._normalized.clear()
        self._spelt.clear()
        self.matcher.lookup.cache_clear()
        self.speller.clear_cache()
        self.english.clear_cache()

    def thresholds_for(self, lang: str) -> Thresholds:
        return self.language_thresholds.get(lang, self.thresholds)

    def decide(
        self,
        question: str,
        normalized: str,
        ranked: list[Scored],
        lang: str,
        thresholds: Thresholds | None = None,
    ) -> Result:
        """The outcome for a ranking, with the language's thresholds unless others are given."""
        t = thresholds or self.thresholds_for(lang)
        words = self.normalizer.content_tokens(normalized) if ranked else []
        # "how are you today": small talk, whatever entries the word of now ranks
        topic = self.small_talk(normalized) if self._now_words.issuperset(words) else None
        if topic is None and ranked and ranked[0].intent.category == SCOPE and ranked[0].score >= t.suggest:
            # another war, the 1915 genocide: not the nearest Karabakh entry, unless one is as near
            # ("did israel help azerbaijan" is about its arms, not the war in Gaza)
            inside = next((s for s in ranked if s.intent.category != SCOPE), None)
            near = inside is not None and ranked[0].score - inside.score < t.margin
            if not (near and self.names_a_side(normalized)):
                topic = ranked[0].intent
        if topic is not None:
            top = ranked[0].score if ranked else 0.0
            return Result(
                question, normalized, Status.UNKNOWN, None, top, (), lang, Reason.OUT_OF_SCOPE, scope=topic
            )
        scope = next((s for s in ranked if s.intent.category == SCOPE and s.score >= t.suggest), None)
        ranked = [s for s in ranked if s.intent.category != SCOPE]
        if scope is not None and ranked and self._foreign(normalized, scope.intent, ranked[0].intent):
            # "is georgia joining the eu": a country the answer never speaks of makes it another topic
            return Result(
                question,
                normalized,
                Status.UNKNOWN,
                None,
                scope.score,
                (),
                lang,
                Reason.OUT_OF_SCOPE,
                scope=scope.intent,
            )
        if not ranked or ranked[0].score < t.suggest:
            top = ranked[0].score if ranked else 0.0
            return Result(question, normalized, Status.UNKNOWN, None, top, (), lang, Reason.NO_MATCH)
        best = ranked[0]
        rivals = [s for s in ranked[1:] if best.score - s.score < t.margin]
        if rivals and self.asks_now(normalized) and any(f.present for f in best.intent.facts):
            # "is there a ceasefire now": an entry that says nothing of now is no rival to where things stand
            rivals = [s for s in rivals if any(f.present for f in s.intent.facts)]
        if best.score >= t.answer and all(best.intent.linked(r.intent) for r in rivals):
            # Close runners-up are offered as buttons under the answer (related ones are anyway).
            others = tuple(
                r for r in ranked[1:] if r.score >= t.suggest and best.score - r.score < max(t.margin, NEAR)
            )[:ALTERNATIVES]
            now = self.today(best.intent, normalized, {s.intent.id for s in ranked})
            if now is not None:
                best = Scored(now[0], best.score, now[1])
            return Result(
                question, normalized, Status.ANSWERED, best.intent, best.score, others, lang, fact=best.fact
            )
        close = tuple(s for s in ranked if s.score >= t.suggest)[: t.max_suggestions]
        return Result(question, normalized, Status.AMBIGUOUS, None, best.score, close, lang)

    def _foreign(self, normalized: str, scope: Intent, best: Intent) -> bool:
        """Whether the question names a rare word of an out-of-scope topic's own phrasings that the
        best entry never uses: Georgia's politics, not the EU's role in Karabakh."""
        m = self.matcher
        mine, theirs = m.bag(best), m.bag(scope)
        words = self.normalizer.content_tokens(normalized)
        return any(
            theirs.get(w, 0.0) >= 1.0 and w not in mine and m.idf.get(w, 0.0) >= FOREIGN_IDF for w in words
        )

    def today(
        self, intent: Intent, normalized: str, among: Collection[str] | None = None
    ) -> tuple[Intent, Fact] | None:
        """ "минская группа ещё существует?": asked about now, an entry that states nothing about
        now gives way to the related entry whose present fact the question asks (its dissolution).
        `among`: the ids of the entries the question's own words rank, when known (far cheaper)."""
        related = self._present_related.get(intent.id)
        if related and among is not None:
            related = tuple(r for r in related if r.id in among)
        if not related or not self.asks_now(normalized):
            return None
        best: tuple[float, Intent, Fact] | None = None
        for later in related:
            fact, score = self.matcher.fact_for(later, normalized)
            if (
                fact is not None
                and fact.present
                and score >= PRESENT_FACT
                and (best is None or score > best[0])
            ):
                best = (score, later, fact)
        return best[1:] if best is not None else None

    def candidates(self, question: str, limit: int = CANDIDATES) -> list[Scored]:
        """Entries worth offering for a question (inline results), best first."""
        text = question.strip()[:MAX_QUESTION_CHARS]
        normalized = self.normalize(text)
        if not normalized:
            return []
        floor = self.thresholds_for(self.language(text)).suggest
        ranked = [s for s in self.ranking(normalized) if s.intent.category != SCOPE]
        return [s for s in ranked[:limit] if s.score >= floor]

    @cached_property
    def dialogue(self) -> Dialogue:
        from nkbot.engine.followup import Dialogue

        return Dialogue(self)

    def respond(
        self, question: str, context: Context | None = None, lang: str | None = None, now: float = 0.0
    ) -> tuple[Result, Context | None]:
        """Answer a question in a conversation: date questions list the events then, and
        follow-ups ("and in 2016?", "who signed it?", "what happened next?") are read against
        `context`, the value the previous turn returned. `now` is the caller's clock in seconds;
        a context idle for longer than followup.CONTEXT_SECONDS is ignored."""
        result, context = self.dialogue.respond(question, context, lang, now)
        return self._worded(result), context

    def _worded(self, result: Result) -> Result:
        """A fact written for a yes/no question opens "No, ..." or "Да: ..."; asked why, when or how
        many, the reply starts after that word ("why isn't it signed?": "As of June 2026, ...")."""
        fact, lang = result.fact, result.lang
        if fact is None or self.matcher.asked(result.normalized) in ("", VIEW):
            return result
        words = self.kb.conversation.words.get(lang)
        text = pick(fact.answer, lang)
        opening = _OPENING_WORD.match(text)
        if words is None or opening is None or opening.group(1).lower() not in words.polar:
            return result
        first = next((t for t in result.normalized.split() if t not in words.lead), "")
        if first in words.polar_questions:
            return result  # "were people still killed then?" asks yes or no, whatever word follows
        rest = text[opening.end() :]
        worded = replace(fact, answer={**fact.answer, lang: rest[:1].upper() + rest[1:]})
        return replace(result, fact=worded)

    def events(self, span: Span, lang: str) -> Result:
        """The answer to a date question on `span`: its events in order (pages of it are re-made
        from the span alone)."""
        return self.dialogue.events("", "", span, lang)

    def chose(self, intent: Intent, lang: str, now: float = 0.0, context: Context | None = None) -> Context:
        """The context after the user picked an entry (a button, a number): it is the subject now."""
        return self.dialogue.context_for(intent, lang, now, context)

    def get(self, intent_id: str) -> Intent | None:
        return self.kb.intent(intent_id)
