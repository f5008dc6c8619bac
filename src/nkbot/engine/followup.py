"""Follow-up questions: a question read against the conversation so far.

The engine stays pure: the caller keeps a `Context` per conversation and hands it back with the
next question. A follow-up is resolved by rewriting it into a full question and matching that:

- swap: "and in the first war?" after "how many died in the 2020 war?" puts the new event in
  place of the old one in the question before;
- carry: "who signed the ceasefire?" leaves out which war; the one in context is added, and the
  rewritten question wins only if it answers and stays on the subject;
- step: "what happened next?" / "and before that?" walks the timeline from the last subject.

Anything that cannot be resolved is answered as a fresh question.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from nkbot.engine.datequery import DateQuery, date_query
from nkbot.engine.dates import parse_span
from nkbot.engine.engine import Engine, Reason, Result, Status
from nkbot.engine.matcher import RERANK_TOP, WHY, Scored
from nkbot.engine.model import SCOPE, Fact, Intent, KnowledgeBase, Span, pick
from nkbot.engine.normalize import Normalizer, stem
from nkbot.engine.timeline import events_in, following, neighbour, preceding

CONTEXT_SECONDS = 600.0  # a conversation idle this long is over: the next question starts afresh
CARRY_TURNS = 3  # a name not repeated for this many turns is no longer carried over
GENERIC_IDF = 2.0  # a word this common (idf at most this: in ~25 entries) names no subject: "died"
NAMED_IDF = 3.0  # a word this rare (in ~7 entries at most) names a thing: "шушинская", "churches"
OWN_NAME_IDF = 4.0  # a word this rare (in two entries at most) is one thing's own name: "kazan", "nobel"
ELLIPTICAL_WORDS = 2  # more such words make a question of its own: "who started the karabakh conflict"
OWN_MARGIN = 15.0  # a lead follow-up keeps the context only if its own words rank that entry near their best
STAY_MARGIN = 20.0  # a pointing-back follow-up keeps its entry unless another ranks this much higher,
OWN_LEAD = 5.0  # ... or the follow-up's own words rank the other this much higher ("who won?": the outcome)
OWN_TOP = 10.0  # ... and near their best: "how many died" alone asks the overall toll, not the other one
SIDED_ALONE = 85.0  # a side and words its own entry answers this surely ask that, not the subject in context
SURE_ALONE = 95.0  # a question about now its own words answer this surely is no swap into the one before
CONTEXT_TIE = 12.0  # a question's own words this close between entries: the one in context answers
OWN_SCOPE = 80.0  # out of scope this surely, a question with words of its own is no follow-up
EXACT = 100.0  # a phrase scoring this is one of the entry's own names or phrasings
DATE = "date:"  # entity id prefix of dates named in questions: "date:1992", "date:2023-09"
OVERVIEW = "overview"  # the category of entries about the conflict as a whole
BROAD = frozenset({OVERVIEW, "parties", "contested"})  # categories about the whole conflict
NEAR_YEARS = 1  # a linked entry this close in time is on the subject in context: the 1991 referendum
SIDE_SHARE = 0.4  # a fact gives a side's view when this share of its phrasings ask that side's view
OWN_SUPPORT = 3  # an unsure full question is read in context only if its own words rank the answer this high
REF_FACT = 0.5  # ... or this share, when they point back ("it") at an entry other words pull away from
REF_LEAD = 0.25  # ... unless a fact of the entry found explains it this much better ("who dissolved it")
STATED = 0.6  # ... or this share, when nothing is named: the entry in context states what is asked
STEP_AGREES = 3  # "then" and words of its own steps if the step's entry is among their best this many
LISTED_TOLL_SPAN = timedelta(days=62)  # events listed for at most this long: a toll asked next is theirs
OWN_TOLL = 0.2  # ... or this share, when a count of a period is asked: the event in context states its own
EXPLAINED = 0.3  # a fact of the entry in context explaining this share of a follow-up answers it,
EXPLAINED_LEAD = 0.1  # ... if this much better than any fact of the entry the question found alone
FACT_MIN = 0.4  # a follow-up's own words explain this share of one of the entry's fact phrasings
RELATED_LEAD = 0.2  # a name swapped in gives way to a related entry whose fact explains this much more
SWAPPED_ASKS = ("count", "who")  # the kinds of question a side named with them swaps into the one before
POSITION = "position"  # the kind of question asking a side's view (conversation.yaml `asks`)
WHO = "who"  # the kind of question asking for a person or a party
PEOPLE = "people"  # the category of entries about one person (knowledge/categories.yaml)
PLACES = "places"  # the category of entries about one town or district
SUCCESSOR, PREDECESSOR = "successor", "predecessor"  # steps along an office's holders
AGAIN_MIN = 0.3  # a fact explaining this share of a question answered again is the one it asks,
AGAIN_MARGIN = 0.1  # ... if it explains this much more than the fact shown: "since when" after who holds it
COUNTERPART = "counterpart"  # a step across to the other side's holder of the office


@dataclass(frozen=True, slots=True)
class Mention:
    """A named thing in a question: an event, a year, a party, a place."""

    entity: str  # entity id from conversation.yaml, or "year-1992"
    slot: str  # names in one slot replace each other: "time", "party", "place"
    phrase: str  # its normalised words
    age: int = 0  # turns since the user last named it


@dataclass(frozen=True, slots=True)
class Context:
    """What a conversation is about; given back to the engine with the next question."""

    question: str  # the last question as understood (normalised, after any rewriting)
    intent: str | None  # the entry last answered
    span: Span | None  # the dates of the last date question
    mentions: tuple[Mention, ...]
    lang: str
    at: float  # the caller's clock (seconds) at the last turn
    walking: bool = False  # the entry was reached by "what happened next?": the next step follows on
    office: bool = False  # the person was reached by "who came before him?": "and before that?" goes on
    fact: str | None = None  # the fact last answered: "source?" shows it again, with its sources
    declined: str = ""  # the question before, normalised, if it was out of scope: "capital of armenia?"

    def alive(self, now: float, ttl: float = CONTEXT_SECONDS) -> bool:
        return 0.0 <= now - self.at <= ttl

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "intent": self.intent,
            "span": self.span.text if self.span else None,
            "mentions": [[m.entity, m.slot, m.phrase, m.age] for m in self.mentions],
            "lang": self.lang,
            "at": self.at,
            "walking": self.walking,
            "office": self.office,
            "fact": self.fact,
            "declined": self.declined,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Context:
        """Inverse of to_json; raises ValueError/KeyError/TypeError on a malformed value."""
        span = data.get("span")
        return cls(
            str(data["question"]),
            None if data.get("intent") is None else str(data["intent"]),
            parse_span(span) if span else None,
            tuple(Mention(str(e), str(s), str(p), int(a)) for e, s, p, a in data.get("mentions", [])),
            str(data.get("lang", "en")),
            float(data.get("at", 0.0)),
            bool(data.get("walking", False)),
            bool(data.get("office", False)),
            None if data.get("fact") is None else str(data["fact"]),
            str(data.get("declined") or ""),
        )


@dataclass(slots=True)
class Reading:
    """How the words of one question relate it to the conversation."""

    tokens: list[str]
    lead: int = 0  # tokens of a leading "and" / "what about"
    reference: bool = False  # "it", "that", "there"
    personal: bool = False  # "he", "his", "его": pointing back at a person
    human: bool = False  # "he", "she": a person for sure (Russian "его" may be a town or a treaty)
    nowhere: bool = False  # "there" in an opening "are there ...", pointing at nothing
    then: set[int] = field(default_factory=set)  # tokens of "then", "at the time": the time in context
    step: str | None = None  # "next" | "previous" | "successor" | "predecessor" | "counterpart"
    inside: bool = False  # the step is read inside the question ("who was president before him")
    anchored: bool = False  # the step phrase ends in a word that takes an object: "what happened after"
    mentions: list[tuple[int, int, Mention]] = field(default_factory=list)  # (start, end, mention)
    dates: DateQuery | None = None
    remainder: list[str] = field(default_factory=list)  # content words explained by none of the above
    stopwords: int = 0

    def slots(self) -> set[str]:
        return {m.slot for _, _, m in self.mentions}


def _phrases(normalizer: Normalizer, items: object) -> set[tuple[str, ...]]:
    out = set()
    for item in items if isinstance(items, tuple | list) else ():
        tokens = tuple(normalizer.normalize(str(item)).split())
        if tokens:
            out.add(tokens)
    return out


def _longest(tokens: list[str], start: int, phrases: Collection[tuple[str, ...]], longest: int) -> int:
    """Length of the longest phrase at `start`, 0 if none."""
    for k in range(min(longest, len(tokens) - start), 0, -1):
        if tuple(tokens[start : start + k]) in phrases:
            return k
    return 0


class Vocabulary:
    """knowledge/conversation.yaml compiled into normalised token phrases (all languages at once:
    a Russian follow-up to an English question still reads)."""

    def __init__(self, kb: KnowledgeBase, idf: Mapping[str, float], relations: Collection[str]) -> None:
        """`idf`: the matcher's word weights, telling rare words (names) from common ones;
        `relations`: its stemmed words placing a question in time ("after", "до")."""
        norm = kb.normalizer
        self.normalizer = norm
        self.idf = idf
        self.relations = relations
        # the words of people's names (their titles before the brackets): a name is never a common
        # word, however many answers mention the person ("мирзоян это кто" after the initialling)
        self.person_names = {
            t
            for intent in kb.intents
            if intent.category == PEOPLE
            for title in intent.title.values()
            for t in norm.content_tokens(norm.normalize(title.split("(")[0]))
            if idf.get(t, 0.0) > GENERIC_IDF  # not "karabakh" in "Vladimir Putin's role in the Karabakh ..."
        }
        words = kb.conversation.words.values()
        self.lead = set().union(*(_phrases(norm, w.lead) for w in words))
        self.reference = set().union(*(_phrases(norm, w.reference) for w in words))
        self.steps = {
            "next": set().union(*(_phrases(norm, w.next) for w in words)),
            "previous": set().union(*(_phrases(norm, w.previous) for w in words)),
            SUCCESSOR: set().union(*(_phrases(norm, w.successor) for w in words)),
            PREDECESSOR: set().union(*(_phrases(norm, w.predecessor) for w in words)),
            COUNTERPART: set().union(*(_phrases(norm, w.counterpart) for w in words)),
        }
        self.then = set().union(*(_phrases(norm, w.then) for w in words))
        self.existential = set().union(*(_phrases(norm, w.existential) for w in words))
        self.personal = set().union(*(_phrases(norm, w.personal) for w in words))
        self.human = set().union(*(_phrases(norm, w.human) for w in words))
        # read wherever they stand: a counterpart, and a holder before or after "him" ("who was
        # president before him": "president" before the step leaves no doubt whose)
        self.anywhere = {p: COUNTERPART for p in self.steps[COUNTERPART]}
        for step in (SUCCESSOR, PREDECESSOR):
            self.anywhere.update((p, step) for p in self.steps[step] if any((t,) in self.personal for t in p))
        self.anywhere_longest = max((len(p) for p in self.anywhere), default=1)
        self.human_cues = {t for w in words for p in _phrases(norm, w.human_cues) for t in p}
        self.introduced = {t for w in words for p in _phrases(norm, w.introduced) for t in p}
        self.named = set().union(*(_phrases(norm, w.named) for w in words))
        self.objects = set().union(*(_phrases(norm, w.objects) for w in words))
        self.things = set().union(*(_phrases(norm, w.things) for w in words))
        self.earlier = set().union(*(_phrases(norm, w.earlier) for w in words))
        self.later = set().union(*(_phrases(norm, w.later) for w in words))
        self.define = set().union(*(_phrases(norm, w.define) for w in words))
        self.identify = set().union(*(_phrases(norm, w.identify) for w in words))
        self.sources = set().union(*(_phrases(norm, w.sources) for w in words))
        self.kin = {t for w in words for p in _phrases(norm, w.kin) for t in p}
        self.addressee = {t for w in words for p in _phrases(norm, w.addressee) for t in p}
        self.present = {
            t for w in words for p in _phrases(norm, w.present) for t in norm.content_tokens(" ".join(p))
        }
        self.asked = {t for w in words for ps in w.asks.values() for p in _phrases(norm, ps) for t in p}
        self.views = {t for w in words for p in _phrases(norm, w.asks.get(POSITION, ())) for t in p}
        self.timeline = {stem(t) for w in words for p in _phrases(norm, w.timeline) for t in p}
        # a stop word asks for events only as a phrase of its own ("было"): "on", a word of "going
        # on", is none in "and on the azeri side?"
        self.timeline_alone = {stem(p[0]) for w in words for p in _phrases(norm, w.timeline) if len(p) == 1}
        self.chronology = set().union(*(_phrases(norm, w.chronology) for w in words))
        self.scope = {stem(t) for w in words for p in _phrases(norm, w.scope) for t in p}
        self.joiners = frozenset(t for w in words for p in _phrases(norm, w.range) for t in p)
        self.months: dict[str, int] = {}
        for w in words:
            for n, month in enumerate(w.months, 1):
                for form in (month.name, month.day, *month.forms):
                    folded = norm.normalize(form)
                    if folded and " " not in folded:
                        self.months.setdefault(folded, n)
        self.entities: dict[tuple[str, ...], tuple[str, str]] = {}
        for entity in kb.conversation.entities:
            for names in entity.names.values():
                for phrase in _phrases(norm, names):
                    self.entities.setdefault(phrase, (entity.id, entity.slot))
        self.entity_phrases = set(self.entities)
        self.names: dict[str, dict[str, str]] = {
            e.id: {lang: norm.normalize(names[0]) for lang, names in e.names.items() if names}
            for e in kb.conversation.entities
        }
        self.intent_of = {e.id: e.intent for e in kb.conversation.entities if e.intent}
        every = [
            *self.lead,
            *self.reference,
            *self.then,
            *self.existential,
            *self.entities,
            *(p for ps in self.steps.values() for p in ps),
        ]
        self.longest = max((len(p) for p in every), default=1)
        self.longest_define = max((len(p) for p in self.define), default=1)
        self.longest_identify = max((len(p) for p in self.identify), default=1)

    def relation(self, token: str) -> bool:
        """Whether a word places a question in time relative to something ("after", «до»)."""
        return stem(token) in self.relations

    def read(self, normalized: str) -> Reading:
        tokens = normalized.split()
        r = Reading(tokens)
        taken: set[int] = set()
        stopwords = self.normalizer.stopwords
        for i in range(len(tokens)):  # "what happened next", "and then", "before that" opening it
            for step, phrases in self.steps.items():
                k = _longest(tokens, i, phrases, self.longest)
                if k and r.step is None:
                    r.step = step
                    r.anchored = self.relation(tokens[i + k - 1])
                    taken.update(range(i, i + k))
            if r.step is not None or (
                tokens[i] not in stopwords
                and tokens[i] not in self.asked  # "а кто после него": "кто" is "qwho", no stop word
                and (tokens[i],) not in self.lead
                and (tokens[i],) not in self.reference
            ):
                break  # "fighting right after the elections" asks about the fighting
        for i in range(len(tokens)) if r.step is None else ():  # "and his armenian counterpart?"
            k = _longest(tokens, i, self.anywhere.keys(), self.anywhere_longest)
            if k:
                r.step = self.anywhere[tuple(tokens[i : i + k])]
                r.inside = r.step != COUNTERPART  # read inside the question, not opening it
                taken.update(range(i, i + k))
                break
        if 0 not in taken:
            r.lead = _longest(tokens, 0, self.lead, self.longest)
            taken.update(range(r.lead))
        i = 0
        while i < len(tokens):
            k = _longest(tokens, i, self.entity_phrases, self.longest) if i not in taken else 0
            # "in the first war": "first war", reaching further, wins over "in the first"
            if k and any(
                j + _longest(tokens, j, self.entity_phrases, self.longest) > i + k
                for j in range(i + 1, i + k)
            ):
                k = 0
            if k:
                entity, slot = self.entities[tuple(tokens[i : i + k])]
                r.mentions.append((i, i + k, Mention(entity, slot, " ".join(tokens[i : i + k]))))
                taken.update(range(i, i + k))
                i += k
                continue
            i += 1
        # dates among the words not taken by an event name ("2020 war" is an event, not a year)
        masked = [t if k not in taken else "\0" for k, t in enumerate(tokens)]
        r.dates = date_query(masked, self.months, self.joiners)
        for atom in r.dates.atoms if r.dates else ():
            phrase = " ".join(tokens[atom.start : atom.end])
            r.mentions.append((atom.start, atom.end, Mention(f"{DATE}{atom.span.text}", "time", phrase)))
        r.mentions.sort(key=lambda m: m[0])
        r.then = {
            k for i in range(len(tokens)) for k in range(i, i + _longest(tokens, i, self.then, self.longest))
        }
        used = taken | (set(r.dates.used) if r.dates else set())
        # "are there any armenians left": opening a question, "there" points at nothing ("who was
        # there" does; so does "was there no food?", unanswerable alone: see Dialogue.respond)
        nowhere = set(range(_longest(tokens, 0, self.existential, self.longest)))
        for k, t in enumerate(tokens):
            if k in used:
                continue
            if (t,) in self.reference and k in nowhere:
                r.nowhere = True
            elif (
                (t,) in self.reference
                and not r.reference
                and (t,) not in self.human
                and self._named_before(r, k)
            ):
                # "the churches in karabakh after azerbaijan took it": it is karabakh (but "he" in
                # "what sentence did he get" is no sentence)
                r.stopwords += 1
            elif (t,) in self.named and any(start < k and m.slot == "person" for start, _, m in r.mentions):
                r.stopwords += 1  # "and pashinyan, is he still pm?": he is pashinyan
            elif (t,) in self.reference and r.remainder and k > 0 and self.relation(tokens[k - 1]):
                # "was there any peace attempt before that": a time to look back from, asked with
                # words of its own, not the subject in context that "that" would carry
                r.stopwords += 1
            elif (t,) in self.things and not self.introduced.isdisjoint(tokens[k + 1 :]):
                r.stopwords += 1  # "whats this western azerbaijan thing": it brings its own subject
            elif (t,) in self.reference:
                r.reference = True
                r.personal = r.personal or (t,) in self.personal
                r.human = r.human or (t,) in self.human
            elif t in stopwords and stem(t) not in self.timeline_alone:  # "что было в ..."
                r.stopwords += 1
            else:
                r.remainder.append(t)
        # «а он где щас» after the dissolution of Artsakh: «он» with «где» is a person, not a thing
        r.human = r.human or (r.personal and not self.human_cues.isdisjoint(tokens))
        if (
            not (r.reference or r.mentions or r.dates)
            and len(r.remainder) == 1
            and r.remainder[0] in self.human_cues
            and r.remainder[0] not in self.asked  # «где?» alone asks where the subject in context is
        ):
            # «жив ещё?» after Mutalibov: Russian leaves out the «он» its verb speaks of
            r.reference = r.personal = r.human = True
        return r

    def _named_before(self, r: Reading, k: int) -> bool:
        """A place, an event, the region or a rare word named before token k: what "it" there may
        stand for (not a side or a person: "when did armenia hand it over" hands over the place in
        context)."""
        sides = {i for start, end, m in r.mentions if m.slot == "party" for i in range(start, end)}
        if any(start < k and m.slot not in ("party", "person") for start, _, m in r.mentions):
            return True
        # (not the verb "it" follows: "why did armenia block it" blocks the subject in context)
        verb = k - 1 if (r.tokens[k],) in self.objects else k
        stop = self.normalizer.stopwords  # "на него покушение": a preposition names nothing, rare as it is
        before = [
            stem(w)
            for i, w in enumerate(r.tokens[:verb])
            if i not in sides and w not in self.asked and w not in stop
        ]
        # "шушинская декларация это что": a rare word names the thing "это" stands for
        return any(
            self.regional(t) or self.idf.get(t, 0.0) > NAMED_IDF or t in self.person_names for t in before
        )

    def regional(self, stemmed: str) -> bool:
        """Whether a stemmed word names the region or the conflict ("karabakh", "карабахской").
        Snowball stems names unevenly ("карабах" -> "караб", "карабахской" -> "караба"): a prefix."""
        return stemmed in self.scope or any(stemmed.startswith(w) for w in self.scope if len(w) >= 5)

    def timeline_only(self, r: Reading) -> bool:
        """A date question asking for events and nothing narrower: "what happened in 1992"."""
        if r.dates is None or r.step is not None or r.reference:  # "what happened there in 1992"
            return False
        if any(m.slot != "time" and stem(m.phrase.split()[-1]) not in self.scope for _, _, m in r.mentions):
            return False
        if any(m.slot == "time" and not m.entity.startswith(DATE) for _, _, m in r.mentions):
            return False
        return all(stem(t) in self.timeline or stem(t) in self.scope for t in r.remainder)

    def asks_chronology(self, r: Reading) -> bool:
        """The whole timeline asked, no date or subject named: "key dates", «хронология конфликта»."""
        if r.dates is not None or r.step is not None or r.reference or r.lead:
            return False
        if any(stem(m.phrase.split()[-1]) not in self.scope for _, _, m in r.mentions):
            return False
        asked = tuple(t for t in r.remainder if stem(t) not in self.scope)
        return asked in self.chronology

    def asks_events(self, r: Reading) -> bool:
        """Says so in words ("what happened", "events"), not just a bare date ("and in 2016?")."""
        return any(stem(t) in self.timeline for t in r.remainder)


def _answered(
    result: Result, intent: Intent, score: float, fact: Fact | None, suggestions: tuple[Scored, ...] = ()
) -> Result:
    """A result answered by another entry than it found (the one in context, a linked one), its
    question as read kept."""
    return replace(
        result,
        status=Status.ANSWERED,
        intent=intent,
        score=score,
        fact=fact,
        suggestions=suggestions,
        reason=None,
    )


def _near(one: Intent, other: Intent, years: int = NEAR_YEARS) -> bool:
    """Whether two dated entries lie within `years` years of each other (undated: never)."""
    a, b = one.time, other.time
    if a is None or b is None:
        return False
    return a.start.year - years <= b.end.year and b.start.year - years <= a.end.year


def _age(mentions: tuple[Mention, ...] | list[Mention]) -> tuple[Mention, ...]:
    return tuple(replace(m, age=m.age + 1) for m in mentions if m.age + 1 <= CARRY_TURNS)


class Dialogue:
    """Resolves questions against a Context; owned by the Engine, shares its matcher."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.kb = engine.kb
        self.words = Vocabulary(engine.kb, engine.matcher.idf, engine.matcher.relations)
        self._timeline = engine.kb.timeline()
        # the whole conflict, for "key dates": from the first dated entry to the last
        ends = [i.when.end for i in self._timeline if i.when is not None]
        first = self._timeline[0].when if self._timeline else None
        self._whole: Span | None = None
        if first is not None:
            self._whole = Span(first.start, max(ends), f"{first.start.year}/{max(ends).year}")
        # category -> its entries with a `period`: each period's toll, the armies' strength then
        self._periodic_in: dict[str, list[Intent]] = {}
        for intent in engine.kb.intents:
            if intent.period is not None:
                self._periodic_in.setdefault(intent.category, []).append(intent)
        # fact id -> its phrasings, normalised and read: the sides and places they name
        self._phrasings_of: dict[str, tuple[tuple[str, Reading], ...]] = {}
        # entry id -> the one person an entry not about a person is linked to, when there is just one
        self._sole_people: dict[str, Intent] = {}
        for intent in engine.kb.intents:
            people = [p for p in engine.kb.intents if p.category == PEOPLE and p.linked(intent)]
            if intent.category != PEOPLE and len(people) == 1:
                self._sole_people[intent.id] = people[0]

    # -- the turn ------------------------------------------------------------------------------

    def respond(
        self, question: str, context: Context | None, lang: str | None, now: float
    ) -> tuple[Result, Context | None]:
        result, after = self._respond(question, context, lang, now)
        ctx = context if context is not None and context.alive(now) else None
        return self._not_again(result, after, ctx)

    def _not_again(
        self, result: Result, after: Context | None, ctx: Context | None
    ) -> tuple[Result, Context | None]:
        """A question answered with the very reply just shown asks something it did not say: "who
        ended it?" after how long the blockade lasted. Another fact of the entry asking that kind of
        thing answers, if its phrasings explain the question well enough."""
        intent = result.intent
        if (
            ctx is None
            or intent is None
            or result.status is not Status.ANSWERED
            or result.followup == "sources"
            or ctx.intent != intent.id
        ):
            return result, after
        matcher = self.engine.matcher
        if result.fact is None and ctx.fact is not None:
            # «а база в гюмри?» after whether Armenia left the CSTO: the entry's own title, asked
            # of the entry just shown, asks for the one fact of it its words explain, not its lead
            fact, score = matcher.fact_for(intent, result.normalized, skip=ctx.fact)
            if fact is None or score < STATED:
                return result, after
            return replace(result, fact=fact), replace(after, fact=fact.id) if after is not None else after
        if ctx.fact != (result.fact.id if result.fact is not None else None):
            return result, after
        own = self.engine.normalize(result.question)
        asked = matcher.asked(own)
        if not asked or (ctx.fact is not None and matcher.fact_kinds.get(ctx.fact) == asked):
            return result, after  # asked again what it said: "how many were there" after the count
        fact, score = matcher.fact_for(intent, result.normalized, skip=ctx.fact)
        if fact is None or score < AGAIN_MIN or matcher.fact_kinds.get(fact.id) != asked:
            # only a why: a figure or a date may already be in the reply shown ("what share came
            # from turkey" after the drones, whose reply gives the share)
            return self._linked_why(result, after, asked) if asked == WHY else (result, after)
        shown = matcher.fact_for(intent, result.normalized, only=ctx.fact)[1] if ctx.fact else 0.0
        if score < shown + AGAIN_MARGIN:
            return result, after  # what was shown explains it better: "в честь кого назвали" after the names
        other = replace(result, fact=fact)
        return other, replace(after, fact=fact.id) if after is not None else after

    def _linked_why(self, result: Result, after: Context | None, asked: str) -> tuple[Result, Context | None]:
        """No fact of the entry says why; the question's own answer does, in an entry linked to
        it: «почему азербайджан выиграл» after who won the 2020 war is the war's why."""
        intent = result.intent
        fresh = self.engine.answer(result.question, result.lang)
        found = fresh.intent
        if (
            intent is None
            or found is None
            or fresh.fact is None
            or fresh.status is not Status.ANSWERED
            or not found.linked(intent)
            or self.engine.matcher.fact_kinds.get(fresh.fact.id) != asked
        ):
            return result, after
        other = replace(result, intent=found, fact=fresh.fact, score=fresh.score)
        return other, replace(after, intent=found.id, fact=fresh.fact.id) if after is not None else after

    def _respond(
        self, question: str, context: Context | None, lang: str | None, now: float
    ) -> tuple[Result, Context | None]:
        engine = self.engine
        lang = engine.language(question, lang)
        fresh = engine.answer(question, lang)
        if fresh.reason is not None and fresh.normalized == "":  # empty or too long
            return fresh, context
        ctx = context if context is not None and context.alive(now) else None
        reading = self.words.read(fresh.normalized)
        shown = self._shown_again(question, fresh, reading, ctx, lang, now)
        if shown is not None:
            return shown
        if reading.nowhere and not reading.mentions and fresh.status is not Status.ANSWERED:
            reading.reference = True  # "was there no food?": unanswerable alone, so "there" is the subject
        if ctx is not None and ctx.declined:
            narrowed = self._narrowed(question, fresh, reading, ctx, lang, now)
            if narrowed is not None:
                return narrowed
        if fresh.reason is Reason.OUT_OF_SCOPE:  # "thanks", "and in ukraine?": not a follow-up
            # "how many people live there", «россия против неё?» (a side and "it")
            pointing = reading.reference and all(m.slot == "party" for _, _, m in reading.mentions)
            if engine.small_talk(fresh.normalized) is not None:
                return fresh, context
            if ctx is None:  # nothing alive before it: a conversation that starts declined
                return fresh, self._declined(fresh, None, lang, now)
            addressed = any(t in self.words.addressee for t in reading.tokens)  # "а ты кто?": the bot
            if (
                engine.chatter(fresh)
                and (addressed or not (reading.reference or reading.lead))
                and len(reading.tokens) > 1
            ):
                return fresh, context  # "ладно пока, спасибо за инфу" (not "is it real?", "кто?")
            if engine.scope_phrase(fresh.normalized) and not (reading.reference or reading.lead):
                return fresh, context  # "пока" (bye): a scope topic's own phrase, pointing at nothing
            linked = self._linked_name(fresh, reading, ctx)
            if linked is not None:
                return linked, self._after(linked, reading, reading, ctx, lang, now)
            # "а израиль?", "israel too?" after the arms suppliers: alone another conflict, here a
            # name the entry in context is asked with
            spoken = self._spoken_of(fresh.normalized, reading, ctx)
            if not (
                pointing
                or spoken
                or (self._elliptical(reading) and not self._scope_own(fresh, reading))
                or self._viewpoint(fresh.normalized, reading)
            ):
                return fresh, self._declined(fresh, ctx, lang, now)
            # "сколько их было?", "how many people live there" name nothing of their own: whatever
            # a neighbouring subject's phrasing they resemble, they ask about the subject in context
            followed = self._follow(
                question,
                replace(fresh, status=Status.UNKNOWN, reason=Reason.NO_MATCH),
                reading,
                ctx,
                lang,
                now,
            )
            if (
                followed is None
                or followed[0].intent is None
                or not self._on_subject(followed[0].intent, ctx)
            ):
                return fresh, context  # read with the context, it must stay on the subject
            return followed
        beside = self._beside_named(question, fresh.normalized, reading, ctx, lang, now)
        if beside is not None:
            return beside
        stepped = self._ordinal(question, fresh.normalized, reading, ctx, lang, now) or self._step(
            question, fresh.normalized, reading, ctx, lang, now
        )
        if stepped is not None:
            return stepped
        if (
            reading.step is not None
            and not reading.remainder
            and not reading.mentions
            and reading.dates is None
        ):
            # "what happened next?" with nothing to go on: not a question for the matcher
            unknown = Result(question, fresh.normalized, Status.UNKNOWN, None, 0.0, (), lang, Reason.NO_MATCH)
            return unknown, context
        if self._whole is not None and self.words.asks_chronology(reading):
            return self._events(question, fresh.normalized, reading, self._whole, lang, now)
        dated = self.words.timeline_only(reading) and reading.dates is not None
        if dated:  # "what happened to the armenians in 1915": a year a scope topic is named by
            ranked = engine.ranking(fresh.normalized)
            top = ranked[0] if ranked else None
            if (
                top is not None
                and top.intent.category == SCOPE
                and top.score >= engine.thresholds_for(lang).answer
            ):
                declined = Result(
                    question,
                    fresh.normalized,
                    Status.UNKNOWN,
                    None,
                    top.score,
                    (),
                    lang,
                    Reason.OUT_OF_SCOPE,
                    scope=top.intent,
                )
                return declined, context
        if dated and (ctx is None or ctx.span is not None or self.words.asks_events(reading)):
            assert reading.dates is not None
            return self._events(question, fresh.normalized, reading, reading.dates.span, lang, now)
        if ctx is not None:  # "and in 2016?" after a question on the 2020 war swaps the year in
            followed = (
                self._across(question, fresh, reading, ctx, lang, now)
                or self._then(question, fresh, reading, ctx, lang, now)
                or self._follow(question, fresh, reading, ctx, lang, now)
            )
            if followed is not None:
                here = self._explained_here(followed[0], fresh.normalized, reading, ctx)
                if here is not None:
                    followed = here, self._after(here, reading, reading, ctx, lang, now)
                return self._persons_word(followed[0], fresh.normalized, reading, ctx, lang, now) or followed
            fresh = (
                self._toll_at(fresh, reading, ctx)
                or self._now_here(fresh, reading, ctx)
                or self._stated_here(fresh, reading, ctx)
                or self._tie_to_context(fresh, reading, ctx, lang)
            )
            fresh = self._explained_here(fresh, fresh.normalized, reading, ctx) or fresh
            said = self._persons_word(fresh, fresh.normalized, reading, ctx, lang, now)
            if said is not None:
                return said
        if dated and reading.dates is not None:
            return self._events(question, fresh.normalized, reading, reading.dates.span, lang, now)
        return fresh, self._after(fresh, reading, reading, ctx, lang, now)

    def _found_as_asked(self, found: Result, r: Reading, kind_asked: str) -> bool:
        """ "когда?" after the Bishkek Protocol: a bare question word asked with the entry's name
        already found the fact of its kind (the signing, not the ceasefire it led to)."""
        return (
            bool(kind_asked)
            and found.fact is not None
            and not r.mentions
            and self.engine.matcher.fact_kinds.get(found.fact.id) == kind_asked
            and not self._asking(r)
        )

    def _declined(self, fresh: Result, context: Context | None, lang: str, now: float) -> Context:
        """The conversation as it was, remembering the question just declined: "and of karabakh?"
        may narrow it to what the bot covers."""
        if context is None:
            return Context("", None, None, (), lang, now, declined=fresh.normalized)
        return replace(context, declined=fresh.normalized)

    def _narrowed(
        self, question: str, fresh: Result, r: Reading, ctx: Context, lang: str, now: float
    ) -> tuple[Result, Context | None] | None:
        """ "capital of armenia?" (out of scope), then "and of karabakh?": the question declined,
        asked of the name that takes the place of its own, if that is answered."""
        content = self._content(r)
        if not r.lead or r.dates is not None or not 0 < len(content) <= ELLIPTICAL_WORDS:
            return None
        if any(t in self.words.asked for t in content):
            return None  # "and how many died there?" asks a question of its own
        before = self.words.read(ctx.declined)
        if len(before.mentions) != 1:
            return None
        start, end, _ = before.mentions[0]
        tokens = before.tokens
        rewritten = " ".join([*tokens[:start], *content, *tokens[end:]])
        found = self.engine.resolve(question, rewritten, lang)
        if found.status is not Status.ANSWERED or found.intent is None:
            return None  # still out of scope (decide never answers with a scope topic), or unsure
        result = replace(found, followup="swap", understood=rewritten)
        return result, self._after(result, self.words.read(rewritten), r, ctx, lang, now)

    def _shown_again(
        self, question: str, fresh: Result, r: Reading, ctx: Context | None, lang: str, now: float
    ) -> tuple[Result, Context | None] | None:
        """ "source?", «а источник?», "proof?": the answer before, again, with its sources."""
        if ctx is None or tuple(r.tokens[r.lead :]) not in self.words.sources:
            return None
        intent = self._current(ctx)
        if intent is None:
            return None
        fact = next((f for f in intent.facts if f.id == ctx.fact), None)
        again = Result(
            question,
            fresh.normalized,
            Status.ANSWERED,
            intent,
            100.0,
            (),
            lang,
            fact=fact,
            followup="sources",
        )
        return again, replace(ctx, at=now)

    # -- the three kinds of follow-up ----------------------------------------------------------

    def _step(
        self, question: str, normalized: str, r: Reading, ctx: Context | None, lang: str, now: float
    ) -> tuple[Result, Context] | None:
        """ "What happened next?" from the subject in context, or from one named: "after Bishkek"."""
        if r.step is None:
            return None
        anchor_id: str | None = None
        anchor: Span | None = None
        subject = ctx.intent if ctx is not None else None  # whose successor or predecessor
        named = [t for t in r.remainder if stem(t) not in self.words.timeline and t not in self.words.asked]
        own = any(not self.words.regional(stem(t)) for t in named) or any(
            m.age == 0 and not m.entity.startswith(DATE) for _, _, m in r.mentions
        )
        if own and not r.anchored and not r.inside and r.step in ("next", "previous"):
            # "а потом сталин карабах отдал?", "ok then what was operation ring", «а что потом в баку
            # было»: "then" takes no object, so the words after it are a question of their own, not
            # the point to step from ("what happened after that in karabakh" still steps)
            target = self._stepped_to(normalized, r, ctx)
            if target is None:
                r.step = None
                return None
            # «после этого война началась?» after the Tovuz clashes: its words find the step's entry
            return self._stepped(question, normalized, target, r.step, lang, now, ctx)
        dated_only = all(m.entity.startswith(DATE) for _, _, m in r.mentions)
        if r.dates is not None and not named and dated_only and r.step in ("next", "previous"):
            return None  # "а потом что было в январе 1990": the date asked, not the step from the subject
        if named or any(m.age == 0 for _, _, m in r.mentions):
            probe = self.engine.answer(" ".join(named + [m.phrase for _, _, m in r.mentions]), lang)
            subject = probe.intent.id if probe.intent is not None else None
            if r.inside and probe.intent is not None and probe.intent.category == PEOPLE:
                return None  # "and ghukasyan before him?": the one named is the holder asked about
            if probe.intent is not None and probe.intent.when is not None:
                anchor_id, anchor = probe.intent.id, probe.intent.when
            elif r.dates is not None:
                anchor = r.dates.span
        elif ctx is not None:
            anchor_id, anchor = self._anchor(ctx)
        events = any(stem(t) in self.words.timeline for t in r.tokens)  # "what happened next": events
        if ctx is not None and ctx.office and not named and not events and r.step in ("next", "previous"):
            r.step = SUCCESSOR if r.step == "next" else PREDECESSOR  # walking an office: "and before that?"
        if r.step == COUNTERPART:  # "and his azerbaijani counterpart?" after Mirzoyan: Bayramov
            within = self._time_of(ctx)
            other = self.engine.offices.counterpart(subject, within=within)
            if other is None and ctx is not None:
                other = self.engine.offices.counterpart(ctx.intent, within=within)
            if other is None:
                r.step = None
                return None
            return self._held(question, normalized, other, lang, now, ctx, COUNTERPART)
        if r.step in (SUCCESSOR, PREDECESSOR):
            step = 1 if r.step == SUCCESSOR else -1
            asked = ctx.question if ctx is not None else ""
            holder = self.engine.offices.neighbour(subject, step, asked)
            if holder is None and ctx is not None:  # "а после него кто президентом стал": no name in it
                holder = self.engine.offices.neighbour(ctx.intent, step, asked)
            if holder is not None:
                return self._held(question, normalized, holder, lang, now, ctx, r.step)
            r.step = "next" if r.step == SUCCESSOR else "previous"  # not a person: the events around it
        if anchor is None:
            return None
        found: Intent | None = None
        if ctx is not None and ctx.walking and anchor_id is not None and anchor_id == ctx.intent:
            # walking the timeline: the entry beside the last one, even inside a long period
            found = neighbour(self._timeline, anchor_id, 1 if r.step == "next" else -1)
        else:
            found = self._reached(r.step, anchor, anchor_id)
        if found is None:
            return None
        return self._stepped(question, normalized, found, r.step, lang, now, ctx)

    def _reached(self, step: str, anchor: Span, anchor_id: str | None) -> Intent | None:
        """The entry a step reaches from a subject: what came once it was over, or before it began."""
        if step == "next":
            return following(self._timeline, anchor, anchor_id)
        return preceding(self._timeline, anchor, anchor_id)

    def _stepped(
        self,
        question: str,
        normalized: str,
        found: Intent,
        step: str,
        lang: str,
        now: float,
        ctx: Context | None,
    ) -> tuple[Result, Context]:
        """The answer of a step along the timeline, and the context that walks on from it."""
        result = Result(question, normalized, Status.ANSWERED, found, 100.0, (), lang, followup=step)
        return result, replace(self.context_for(found, lang, now, ctx), walking=True)

    def _stepped_to(self, normalized: str, r: Reading, ctx: Context | None) -> Intent | None:
        """The entry a step from the subject in context reaches, if the question's own words rank
        it among their best, with or without the step's words: "then" with words of its own is a
        step only when they agree."""
        if ctx is None:
            return None
        anchor_id, anchor = self._anchor(ctx)
        if anchor is None or r.step is None:
            return None
        found = self._reached(r.step, anchor, anchor_id)
        top = self.engine.ranking(normalized)[:STEP_AGREES]
        if r.remainder:  # «после этого война началась?»: the step's words say nothing of the war
            top += self.engine.ranking(" ".join(r.remainder))[:STEP_AGREES]
        return found if found is not None and any(s.intent is found for s in top) else None

    def _ordinal(
        self, question: str, normalized: str, r: Reading, ctx: Context | None, lang: str, now: float
    ) -> tuple[Result, Context] | None:
        """ "and the last?", «а последним» after the first president of Karabakh: the office's last
        holder (the question before named the office, or the person answered held it)."""
        if ctx is None or r.mentions or r.dates is not None or r.step is not None:
            return None
        offices = self.engine.offices
        last = offices.asks_last(r.remainder)
        holder = offices.extreme_after(last, ctx.question, ctx.intent) if last is not None else None
        if holder is None:
            return None
        return self._held(question, normalized, holder, lang, now, ctx, SUCCESSOR if last else PREDECESSOR)

    def _beside_named(
        self, question: str, normalized: str, r: Reading, ctx: Context | None, lang: str, now: float
    ) -> tuple[Result, Context] | None:
        """ "Who was president before elchibey", «кто был президентом до эльчибея»: "who" asked of
        the holder of an office just before or after the one named (whose own name the words find)."""
        if self.engine.matcher.asked(normalized) != WHO:
            return None
        for start, _, m in r.mentions:
            before = tuple(r.tokens[start - 1 : start]) if start else ()
            step = -1 if before in self.words.earlier else 1 if before in self.words.later else 0
            holder = self.engine.offices.neighbour(m.entity, step) if step and m.slot == "person" else None
            if holder is not None:
                return self._held(
                    question, normalized, holder, lang, now, ctx, PREDECESSOR if step < 0 else SUCCESSOR
                )
        return None

    def _held(
        self,
        question: str,
        normalized: str,
        holder: Intent,
        lang: str,
        now: float,
        ctx: Context | None,
        kind: str,
    ) -> tuple[Result, Context]:
        """A holder of an office found by a step: along the office ("who came before him?"), the
        context walks it on ("and before that?"); across it ("his counterpart"), it does not."""
        held = Result(question, normalized, Status.ANSWERED, holder, 100.0, (), lang, followup=kind)
        context = self.context_for(holder, lang, now, ctx)
        if kind in (SUCCESSOR, PREDECESSOR):
            return held, replace(context, office=True)
        time = self._times(ctx)
        if time:  # across, the conversation stays at its time: "and in karabakh?" then is of 2020 too
            context = replace(
                context, mentions=(*time[:1], *(m for m in context.mentions if m.slot != "time"))
            )
        return held, context

    def _times(self, ctx: Context | None) -> list[Mention]:
        """The times a conversation names, the one it is at first ("during the 2020 war")."""
        return [m for m in ctx.mentions if m.slot == "time"] if ctx is not None else []

    def _time_of(self, ctx: Context | None) -> Span | None:
        """The time a conversation is at."""
        times = self._times(ctx)
        return self._span_of(times[0])[1] if times else None

    def _anchor(self, ctx: Context) -> tuple[str | None, Span | None]:
        intent = self._current(ctx)
        if intent is not None and intent.when is not None:
            return intent.id, intent.when
        if ctx.span is not None:
            return None, ctx.span
        times = self._times(ctx)
        return self._span_of(times[0]) if times else (None, None)

    def _span_of(self, m: Mention) -> tuple[str | None, Span | None]:
        if m.entity.startswith(DATE):
            return None, parse_span(m.entity.removeprefix(DATE))
        intent = self.kb.intent(self.words.intent_of.get(m.entity, ""))
        return (intent.id, intent.when) if intent is not None and intent.when else (None, None)

    def _follow(
        self, question: str, fresh: Result, r: Reading, ctx: Context, lang: str, now: float
    ) -> tuple[Result, Context | None] | None:
        current = self._current(ctx)
        if current is not None and r.reference and not self._says_anything(fresh.normalized, r):
            # "is that true?", "это правда?": nothing asked but the answer again (not the whole
            # conflict that where things stand carries as its subject)
            again = Result(
                question, fresh.normalized, Status.ANSWERED, current, 100.0, (), lang, followup="carry"
            )
            # "они ещё там?" after the peacekeepers sent in 2020: their withdrawal
            called = " ".join(self._name(m, lang) for m in ctx.mentions) or self._subject_words(current)
            again = self._as_of_now(again, f"{fresh.normalized} {called}")
            return again, self._after(again, r, r, ctx, lang, now)
        own = [m for _, _, m in r.mentions]
        elliptical = self._elliptical(r)
        # "кто виноват?" after Khojaly: alone, a question about the whole conflict; here, about Khojaly
        generic = self._generic(fresh, r)
        viewpoint = self._viewpoint(fresh.normalized, r)
        # "azerbaijani side?", "what did armenia do": a side and nothing else asks the question
        # before of that side (not "what was the nkr": a side that is an entry's own subject)
        sided = (
            r.slots() == {"party"}
            and r.dates is None
            and not r.reference
            and not any(self._titled(m.phrase) for m in own)
        )
        # "а азербайджанцев сколько?", "а за армян кто": a side and "how many" or "who" swap the side
        # in, as "а азербайджанцев?" does (not "why": a side's reasons are its view)
        asking = [t for t in r.remainder if t in self.words.asked]
        kind_asked = self.engine.matcher.asked(fresh.normalized)
        counted = kind_asked in SWAPPED_ASKS and len(r.remainder) == 1
        bare = not r.remainder or (r.slots() == {"party"} and asking == r.remainder and counted)
        swap = bool(own) and bare and (r.lead > 0 or r.stopwords > 0 or r.reference or sided)
        swap = swap and not viewpoint and not self._defines(r)  # "а что такое трипп": TRIPP itself
        # "is khojavend the same as martuni": one thing named twice asks about its names
        swap = swap and len(own) == len({m.entity for m in own})
        stand_in: Intent | None = None  # the one person "he" stands for after an event
        person: Intent | None = None  # the person "he" or "his" points back to
        of_person: Intent | None = None  # the person in context a question without a subject asks about
        titled_person = False  # a person's own words carried: "since 2003" there is not an office's date
        kept = False  # unsure, kept on the entry in context that "он" points at
        dated_it: Intent | None = None  # what "it" names when only a year was carried
        # a name already in context is no other one to swap in: "where is khojaly exactly" after it
        known = {m.entity for m in ctx.mentions if m.slot != "party"}  # a side may be asked again
        other = {m.slot for m in own if m.entity not in known} & {m.slot for m in ctx.mentions}
        # "what is artsakh" after "why is france pro armenia", "who is aliyev" after Pashinyan's
        # stance: an entry's own name asked with nothing but "what is" is asked alone, not swapped
        # into the question before (looked up only when nothing else decides)
        if swap and (r.lead or sided or (other and (r.reference or not self._identifies(r)))):
            rewritten = self._swap(ctx, own, placed=any(self.words.relation(t) for t in r.tokens))
            if asking and self.engine.matcher.asked(rewritten) != kind_asked:
                rewritten = " ".join([rewritten, *asking])  # "а за армян кто" after what they numbered
            kind = "swap"
        elif r.remainder or r.reference or r.lead or (r.stopwords and elliptical) or viewpoint:  # "when?"
            carried = [m for m in ctx.mentions if m.slot not in r.slots()]
            if self.engine.asks_now(fresh.normalized):  # "а щас война есть?" after the 2020 toll: not 2020
                carried = [m for m in carried if m.slot != "time"]
            extra = [self._name(m, lang) for m in carried]
            intent = current
            # "are there any armenians left": too short to be answered alone, so it asks of the subject
            too_short = fresh.status is not Status.ANSWERED and len(self._content(r)) <= ELLIPTICAL_WORDS
            asked_back = r.lead > 0 or r.reference or elliptical or too_short or generic or viewpoint
            # "who signed it?": it = the entry before; not "and who signed the 2020 ceasefire?", its own event
            # "how did he die?" after a person: that person, whatever else the conversation named
            kin = any(t in self.words.kin for t in r.tokens)  # "and his father?": another person
            # "where is he now?" after the dissolution of Artsakh: the one person linked to it
            stand_in = self._sole_person(intent) if r.human and not kin and not r.mentions else None
            intent = stand_in or intent
            if r.personal and intent is not None and intent.category == PEOPLE:
                person = intent
            # asked of the person in context: "he", or no subject of its own ("how long is the sentence")
            subjectless = elliptical or fresh.status is not Status.ANSWERED
            if intent is not None and intent.category == PEOPLE and not kin and not r.mentions:
                of_person = intent if person is not None or subjectless else None
            # "why?", "when?": nothing but a question word asks about the entry answered, whatever was named
            bare = (
                (len(r.tokens) <= 2 or not r.remainder)  # "how many exactly": only question words
                and not r.reference
                and (not r.lead or bool(r.remainder))  # "and why?" as "why?"; not a bare "а сейчас"
                and all(t in self.words.asked for t in r.remainder)
                and not r.mentions
                and r.dates is None
            )
            titled = not carried or person is not None or bare or viewpoint
            # "what did he say about khojaly": his name is enough beside a subject of the question's own
            if person is not None and r.mentions and any(m.entity == person.id for m in carried):
                titled = False
            if (
                intent is not None
                and titled
                and asked_back
                and (r.slots() <= {"party"} or person is not None)
            ):
                titled_person = intent.category == PEOPLE
                # "and his father?" after Ilham Aliyev: his name, not his title, finds the kin
                named = self.words.names.get(intent.id, {}) if kin and titled_person else {}
                # "why not?" after "did they sign the treaty?", answered by a fact: why not that
                asked_again = bare and kind_asked == WHY and ctx.fact is not None and intent is current
                subject = ctx.question if asked_again else self._subject_words(intent)
                extra.append(named.get(lang) or named.get("en") or subject)
                if r.reference and intent.when is not None and "time" not in r.slots() and not intent.subject:
                    extra.append(str(intent.when.start.year))  # "who led Azerbaijan then?"
            if not extra:
                return None
            rewritten = " ".join([fresh.normalized, *extra])
            kind = "carry"
            if (
                intent is not None
                and carried
                and len(extra) == len(carried)
                and all(m.slot == "time" for m in carried)
                and r.slots() <= {"party"}
                and fresh.score < SURE_ALONE
                and self._names_thing(r, skip=r.then)
            ):
                dated_it = intent
        else:
            return None
        second = self.words.read(rewritten)
        if self.words.timeline_only(second) and second.dates is not None:
            if ctx.span is not None:  # "what happened in 1992" -> "and in 1993?"
                return self._events(question, rewritten, second, second.dates.span, lang, now)
            return None
        if kind == "carry" and titled_person:  # "since when?" after Ilham Aliyev: not who held it in 2003
            ranked = self.engine.ranking(rewritten)[: self.engine.thresholds.max_suggestions + 1]
            found = self.engine.decide(question, rewritten, ranked, lang)
        else:
            found = self.engine.resolve(question, rewritten, lang)  # "and azerbaijan's?": an office too
        if dated_it is not None and (found.intent is None or not self._on_subject(found.intent, ctx)):
            # "who ordered it" after "operation ring in 1991": "it" is the operation, not the year
            titled_it = f"{rewritten} {self._subject_words(dated_it)}"
            again = self.engine.resolve(question, titled_it, lang)
            if again.status is Status.ANSWERED and again.intent is dated_it:
                found, rewritten, second = again, titled_it, self.words.read(titled_it)
        if kind == "swap" and current is not None and self._split_by_period(current):
            found = self._of_period(found, current, own, rewritten) or found
        if (
            kind == "swap"
            and found.status is not Status.ANSWERED
            and fresh.status is Status.ANSWERED
            and fresh.score >= SURE_ALONE
            and self.engine.asks_now(fresh.normalized)
        ):
            return None  # «а миротворцы там ещё есть» after visiting: where things stand, sure alone
        if viewpoint and found.status is not Status.ANSWERED:
            # "а что говорит армения" after who is right: the subject it carried is the whole
            # conflict, which several entries answer; the side's view is the entry's own
            found = self._side_view(found, ctx, fresh, r) or found
        # "а пашинян?" after "алиев диктатор?": another fact of the same entry is the swapped one's
        other_fact = found.fact is not None and ctx.fact is not None and found.fact.id != ctx.fact
        if kind == "swap" and current is not None and found.intent is current and not other_fact:
            found = self._swapped_in(found, current, own, rewritten) or found
        if of_person is not None and found.intent is not of_person:
            # "what sentence did he get?" after Harutyunyan: his own entry states it, so it answers
            # rather than the trial of all the leaders its words rank first
            fact, score = self.engine.matcher.fact_for(of_person, fresh.normalized)
            if fact is not None and score >= FACT_MIN:
                result = _answered(found, of_person, found.score, fact)
                result = replace(result, followup=kind, understood=rewritten)
                return result, self._after(result, second, r, ctx, lang, now)
        unsure = fresh.status is not Status.ANSWERED and (r.reference or r.lead)  # not "бако саакян кто это"
        stood_in = stand_in is not None and found.intent is stand_in  # not pulled back to the event
        if kind == "carry" and r.dates is None and not r.mentions and (elliptical or unsure):
            found = (None if stood_in else self._stay(found, ctx, lang, fresh.normalized)) or found
            # unsure among the entries the names carried find, "он" is the one in context ("зачем он был
            # нужен" after the capture of Lachin); "it" too, if one of those it was unsure of
            offered = any(s.intent is current for s in found.suggestions)
            kept = found.status is Status.AMBIGUOUS and self._one_pointed(r, offered) and not stood_in
            if kept and current is not None:
                fact, score = self.engine.matcher.fact_for(current, fresh.normalized)
                # "how much did it cost" after a town: "it" is asked in words the entry uses
                asked = score >= FACT_MIN or self._speaks_of(current, fresh.normalized)
                kept = r.personal or asked
                if kept:
                    found = _answered(found, current, found.score, fact if score >= FACT_MIN else None)
        marked = r.lead > 0 or r.reference or kind == "swap"
        answered = found.status is Status.ANSWERED and found.intent is not None
        if answered and found.intent == fresh.intent and fresh.status is Status.ANSWERED and kind != "swap":
            # "when did it begin" after Operation Goranboy: "it" is the entry in context, whose name
            # the names carried over (Azerbaijan, the first war) left out
            back = self._named_back(question, rewritten, fresh, r, current, elliptical, lang)
            if back is None:
                return None  # the question needed no context: answered as asked, it starts a new subject
            found, rewritten = back
        if answered:
            assert found.intent is not None
            present = self.engine.asks_now(fresh.normalized) and not r.reference  # not "is it still valid?"
            if present and not any(f.present for f in found.intent.facts):
                return None  # "азербайджан сейчас бомбит армению?" after the 1918 war: now, not that war
            if fresh.status is Status.ANSWERED and not self._context_wins(
                found.intent, fresh, r, ctx, kind, elliptical, generic
            ):
                return None
            if kind == "carry" and not r.lead and not r.reference and r.dates is not None:
                return None  # "how many armenians lived in karabakh in 1989": its own date, no carry
            # "пашинян сейчас в тюрьме?" after Khojaly names its own person: not carried to Khojaly
            unsure_named = fresh.status is Status.AMBIGUOUS and bool(r.slots() - {"party", "time"})
            if (
                kind == "carry"
                and (fresh.status is Status.UNKNOWN or unsure_named)
                and not marked
                and not elliptical
            ):
                # "whats the population of yerevan" after the Soviet years: a full question the
                # knowledge cannot answer alone is not made one about the subject in context,
                # unless its own words rank that answer too
                alone = self.engine.ranking(fresh.normalized)[:OWN_SUPPORT]
                if not any(s.intent is found.intent for s in alone):
                    return None
        elif found.status is not Status.AMBIGUOUS or not (
            kind == "swap" or (marked and fresh.status is not Status.ANSWERED)
        ):
            return None  # "and lachin?" still means lachin in the question before, even if unsure
        # "who initialled it?", and "by how much?" after Pashinyan's win, "and the other leaders?"
        # after Vardanyan: asked of a linked entry when the one in context never speaks of it
        if kind == "carry" and answered and found.intent is current and not kept:
            found = self._linked_asked(found, fresh, ctx, lang) or found
        if (
            kind == "carry"
            and current is not None
            and found.intent is current
            and not self._found_as_asked(found, r, kind_asked)
        ):
            matcher = self.engine.matcher
            fact, score = matcher.fact_for(current, fresh.normalized)
            if fact is not None and score >= FACT_MIN:
                found = replace(found, fact=fact)
            elif kind_asked and not self._asking(r) and not r.mentions:
                # "how many?" after "did armenia hand over the maps": how many of what was just asked
                fact, score = matcher.fact_for(current, f"{ctx.question} {fresh.normalized}")
                if fact is not None and score >= FACT_MIN and matcher.fact_kinds.get(fact.id) == kind_asked:
                    found = replace(found, fact=fact)
        if viewpoint or (kind == "swap" and r.slots() == {"party"}):
            found = self._side_view(found, ctx, fresh, r, strict=not viewpoint) or found
        if kind == "carry" and current is not None and found.intent is not current:
            found = self._its_fact(found, fresh, r, current, ctx) or found
        found = self._as_of_now(found, fresh.normalized)  # "is it signed yet" after the treaty's text
        result = replace(found, followup=kind, understood=rewritten)
        return result, self._after(result, second, r, ctx, lang, now)

    def _named_back(
        self,
        question: str,
        rewritten: str,
        fresh: Result,
        r: Reading,
        current: Intent | None,
        elliptical: bool,
        lang: str,
    ) -> tuple[Result, str] | None:
        """The entry in context, when a question pointing back at it ("it") with no subject of its
        own finds it once its name is said too."""
        if current is None or fresh.intent is current or not (r.reference and elliptical):
            return None
        if not self._names_thing(r):
            return None  # "can they go back" after the exodus may ask of the people who left
        named = f"{rewritten} {self._subject_words(current)}"
        found = self.engine.resolve(question, named, lang)
        return (found, named) if found.status is Status.ANSWERED and found.intent is current else None

    def _swapped_in(self, found: Result, current: Intent, own: list[Mention], asked: str) -> Result | None:
        """ "А джебраил?" after Fuzuli's airport: the question before, asked of Jabrayil, still finds
        Fuzuli (no other district has an airport phrasing), but a swap never answers the place it
        swapped out: the one named in its place does, with its own fact if it has one."""
        named = {m.entity: self.kb.intent(self.words.intent_of.get(m.entity, m.entity)) for m in own}
        entries = {i.id: i for i in named.values() if i is not None and i is not current}
        if len(entries) != 1:
            return None
        (intent,) = entries.values()
        fact, score = self.engine.matcher.fact_for(intent, asked)
        # "and the first war?" after who won the whole conflict: the first war's outcome, a related
        # entry whose fact the question asks far better than any of the war's own
        for later in self.kb.intents_of(intent.related):
            other, better = self.engine.matcher.fact_for(later, asked)
            if other is not None and better >= score + RELATED_LEAD and later is not current:
                intent, fact, score = later, other, better
        return _answered(found, intent, found.score, fact if score >= FACT_MIN else None)

    def _as_of_now(self, found: Result, asked: str) -> Result:
        """Asked about now, the answer found gives way to the present fact of a related entry
        (Engine.today), if it states nothing about now itself."""
        later = self.engine.today(found.intent, asked) if found.intent is not None else None
        return _answered(found, later[0], found.score, later[1]) if later is not None else found

    def _its_fact(
        self, found: Result, fresh: Result, r: Reading, current: Intent, ctx: Context
    ) -> Result | None:
        """ "Why was it so important?" after the 2020 battle of Shusha: "it" points back, nothing is
        named but a side, and one of the entry's own facts is asked in these words, so that fact
        answers, not the town that the name carried over finds ("who was guarding it before" after
        the Lachin corridor: who controlled it, not the peacekeepers' withdrawal)."""
        if not r.reference or r.human or not r.slots() <= {"party"} or r.dates is not None:
            return None
        fact, score = self.engine.matcher.fact_for(current, fresh.normalized)
        if fact is None or score < REF_FACT or self._side_flipped(fact, r, ctx):
            return None
        theirs = self.engine.matcher.fact_for(found.intent, fresh.normalized)[1] if found.intent else 0.0
        if theirs > score + REF_LEAD:
            return None  # "who dissolved it" after Artsakh: the dissolution's signatories explain it better
        return _answered(found, current, found.score, fact)

    def _side_flipped(self, fact: Fact, r: Reading, ctx: Context) -> bool:
        """The fact just shown, asked again of the other side: «а армяне её когда захватили» after
        "when did Azerbaijan take Shusha" asks about the other side's deed, not that one again (but
        «а азербайджан сколько признал» after the toll: a count states each side's figure)."""
        if fact.id != ctx.fact or self.engine.matcher.asked(" ".join(r.tokens)) in SWAPPED_ASKS:
            return False
        asked = {m.entity for _, _, m in r.mentions if m.slot == "party"}
        before = {m.entity for m in ctx.mentions if m.slot == "party"}
        return bool(asked) and bool(before) and not asked & before

    def _split_by_period(self, intent: Intent) -> bool:
        """An entry with a `period`, or the overview of a category whose entries have one (the count
        over all periods beside each period's toll)."""
        if intent.period is not None:
            return True
        return len(self._periodic_in.get(intent.category, ())) >= 2

    def _of_period(self, found: Result, current: Intent, own: list[Mention], asked: str) -> Result | None:
        """ "And in the first war?" after the armies' strength before 2020: the entry of the same
        category whose `period` the time named covers most (not the war itself, nor its toll)."""
        spans = [span for m in own if m.slot == "time" for _, span in [self._span_of(m)] if span is not None]
        if not spans:
            return None
        span = spans[0]

        def covered(intent: Intent) -> int:
            period = intent.period
            assert period is not None
            return (min(period.end, span.end) - max(period.start, span.start)).days

        siblings = self._periodic_in.get(current.category, [])
        best = max(siblings, key=covered, default=None)
        if best is None or best is current or best is found.intent or covered(best) < 0:
            return None
        fact, score = self.engine.matcher.fact_for(best, asked)
        return _answered(found, best, 100.0, fact if score >= FACT_MIN else None)

    def _persons_word(
        self, found: Result, asked: str, r: Reading, ctx: Context, lang: str, now: float
    ) -> tuple[Result, Context | None] | None:
        """ "Why did pashinyan agree to that?", "what does pashinyan say?": one person named, asked
        about the entry in context ("that", not "he") or for their word on it, after an entry not
        about a person. The entry answers, not the biography or the "did you mean" `found`."""
        current = self._current(ctx)
        if found.intent is not None and found.intent.category != PEOPLE:
            return None  # read with the context, it found another entry: "а пашинян что сказал про это"
        if current is None or current.category == PEOPLE or r.dates is not None or r.step is not None:
            return None
        if len(r.mentions) != 1 or r.slots() != {"person"}:
            return None
        pointing = r.reference and not r.human
        if not pointing and not (self.engine.matcher.asked(asked) == POSITION and self._common_words_only(r)):
            return None
        mine = next((s for s in self._asked_of(current, asked) if s.intent is current), None)
        said = _answered(found, current, mine.score if mine else EXACT, mine.fact if mine else None)
        said = replace(said, normalized=asked, followup="carry", understood=asked)
        return said, self._after(said, r, r, ctx, lang, now)

    def _one_pointed(self, r: Reading, things: bool) -> bool:
        """Whether a question points back with "he" («он», «его») or, if `things`, "it": one person
        or thing, not "they" (the people of an entry, maybe), "there" or "that time"."""
        if any((t,) in self.words.personal for t in r.tokens):
            return True
        return things and self._names_thing(r, skip=r.then)

    def _names_thing(self, r: Reading, skip: Collection[int] = ()) -> bool:
        """Whether a word standing for a thing ("it", "это") is in the question, outside `skip`."""
        return any(_longest(r.tokens, k, self.words.things, 2) for k in range(len(r.tokens)) if k not in skip)

    def _says_anything(self, normalized: str, r: Reading) -> bool:
        """Whether a question has words of its own: a name, a date, a step, a content word or a
        question word ("when?"); "is that true?" has none."""
        if r.mentions or r.dates is not None or r.step is not None or r.lead:
            return True
        return bool(self._content(r)) or bool(self.engine.matcher.asked(normalized))

    def _stay(self, found: Result, ctx: Context, lang: str, asked: str) -> Result | None:
        """A follow-up with no subject of its own ("who did it?", "when?") stays on the entry in
        context when its rewritten words rank that entry nearly as high as the best, whether they
        answer that best or are unsure: "it" is the Khojaly massacre, not the town of Khojaly its
        name was carried from. Unless the words it was `asked` with rank the entry found higher
        than that one ("who won?": the outcome)."""
        current = self._current(ctx)
        if current is None or found.intent is current:
            return None
        if self.engine.offices.holder(found.normalized) is not None:
            return None  # an office looked up by its dates: "and azerbaijan's?"
        ranked = self.engine.ranking(found.normalized)
        rival = found.intent or (ranked[0].intent if ranked else None)  # unsure: the best candidate
        if rival is None:
            return None
        titled: list[Scored] | None = None  # the words asked of the entry itself, once needed
        mine = next((s for s in ranked if s.intent is current), None)
        if mine is None or ranked[0].score - mine.score >= STAY_MARGIN:
            # the names carried may belong to the question before ("the first war" of "the biggest
            # offensive in the first war"): asked of the entry itself, "when did it begin?"
            if self.engine.asks_now(asked):  # "are they still there?": now, not then
                return None
            titled = self._asked_of(current, asked)
            if not titled or titled[0].intent is not current:
                return None
            mine = titled[0]
        if mine.score < self.engine.thresholds_for(lang).answer:
            return None
        if self._answers_kind(found, mine, asked):
            return None  # "how many were there?": the entry found states the count, the one in context not
        if not self._speaks_of(mine.intent, asked) and self._speaks_of(rival, asked):
            return None  # "and the casualties?" after who won: the entry in context has no toll
        # as deep as the matcher ranks: an entry just below the usual candidates still counts
        own = {s.intent.id: s.score for s in self.engine.ranking(asked, limit=RERANK_TOP)}
        near_top = own.get(rival.id, 0.0) >= max(own.values(), default=0.0) - OWN_TOP
        if near_top and own.get(rival.id, 0.0) > own.get(current.id, 0.0) + OWN_LEAD:
            return None  # "who won?" after the 2020 war: its own words ask for the outcome
        others = tuple(s for s in ranked[:3] if s.intent is not mine.intent)
        # its fact is the one the question asks of it: "how many died" its toll
        titled = self._asked_of(current, asked) if titled is None else titled
        mine = next((s for s in titled[:1] if s.intent is current), mine)
        return _answered(found, mine.intent, mine.score, mine.fact, others)

    def _sole_person(self, intent: Intent | None) -> Intent | None:
        """The one person an entry that is not about a person is linked to, if there is just one:
        "he" after the dissolution of Artsakh is Shahramanyan, who signed it."""
        return self._sole_people.get(intent.id) if intent is not None else None

    def _current(self, ctx: Context) -> Intent | None:
        """The entry the conversation is about (None if the knowledge no longer has it)."""
        return self.kb.intent(ctx.intent) if ctx.intent else None

    def _subject_words(self, intent: Intent) -> str:
        """What a follow-up carries to name the entry: its `subject`, else its English title."""
        return self.kb.normalizer.normalize(intent.subject or pick(intent.title, "en"))

    def _asked_of(self, intent: Intent, asked: str) -> list[Scored]:
        """The ranking of a follow-up's own words asked of the entry itself ("when?" + its name)."""
        return self.engine.ranking(f"{asked} {self._subject_words(intent)}")

    def _scope_own(self, fresh: Result, r: Reading) -> bool:
        """ "whats the population of yerevan": common as its words are, they make a question out of
        scope on their own (not "кто?", which names nothing)."""
        return bool(self._asking(r)) and fresh.score >= OWN_SCOPE

    def _spoken_of(self, normalized: str, r: Reading, ctx: Context) -> bool:
        """A word or two and nothing else, each one the entry in context is asked with."""
        current = self._current(ctx)
        words = self._asking(r)
        return (
            current is not None
            and 0 < len(words) <= ELLIPTICAL_WORDS
            and self._speaks_of(current, normalized)
        )

    def _linked_name(self, fresh: Result, r: Reading, ctx: Context) -> Result | None:
        """ "And israel?" after Turkey's drones, "how many afghans?" after the foreign fighters:
        alone another conflict, here a name that the entry in context, or one linked to it, is asked
        with (the arms suppliers'), ranked first of the entries by the question's own words: that
        entry answers, with the fact those words ask."""
        current = self._current(ctx)
        if current is None or r.mentions or not 0 < len(self._asking(r)) <= ELLIPTICAL_WORDS:
            return None
        ranked = [s for s in self.engine.ranking(fresh.normalized) if s.intent.category != SCOPE]
        if not ranked:
            return None
        top = ranked[0]
        # the entry in context itself ("how many afghans?" after the foreign fighters), or, after
        # "and ...", one linked to it
        if top.intent is not current and not (r.lead and top.intent.linked(current)):
            return None
        if not self._speaks_of(top.intent, fresh.normalized):
            return None
        return replace(_answered(fresh, top.intent, top.score, top.fact), scope=None)

    def _speaks_of(self, intent: Intent, asked: str) -> bool:
        """Whether the entry's questions use every content word asked ("casualties", "signed")."""
        matcher = self.engine.matcher
        bag = matcher.bag(intent)
        words = [t for t in self.kb.normalizer.content_tokens(asked) if t not in self.words.asked]
        return all(bag.get(matcher.folds.get(t, t), 0.0) >= 1.0 for t in words)

    def _linked_asked(self, found: Result, fresh: Result, ctx: Context, lang: str) -> Result | None:
        """ "Who initialled it?" after the summit, "was there a vote?" after the declaration of
        independence, "by how much?" after Pashinyan's win: the entry in context never speaks of
        it, a linked one among those the question's own words rank does, so it is asked there
        (the one nearest in time, if several)."""
        current = self._current(ctx)
        own = self.engine.ranking(fresh.normalized)
        if current is None or not own or own[0].intent is current:
            return None
        linked = [s for s in own if s.intent.linked(current) and s.intent.category not in (SCOPE, PEOPLE)]
        if not linked:
            return None
        # "was there a referendum" after the 1991 declaration: the one of its time, not of 2026
        # (unless the best is of no time: "а это геноцид был или нет" after Maraga is the genocide
        # question, not the Khojaly massacre's fact of two months before)
        best = linked[0].intent
        timeless = best.time is None and best.category != PLACES
        top = linked[0] if timeless else next((s for s in linked if _near(s.intent, current)), linked[0])
        if self._speaks_of(current, fresh.normalized) or not self._speaks_of(top.intent, fresh.normalized):
            return None
        if top.score < self.engine.thresholds_for(lang).suggest:
            return None
        # its fact read with the subject in context: "were any killed" after the peacekeepers is
        # the offensive's fact on the peacekeepers killed, not its overall toll
        fact, score = self.engine.matcher.fact_for(top.intent, found.normalized)
        if fact is None or score < STATED:
            fact = top.fact
        return replace(found, intent=top.intent, score=top.score, fact=fact, suggestions=())

    def _stated_here(self, fresh: Result, r: Reading, ctx: Context) -> Result | None:
        """ "за что пожизненное" after Arayik Harutyunyan: a question naming nothing of its own,
        asked in the words of one of the facts of the entry in context (his sentence), is answered
        with that fact, not with the entry its words rank first alone (the trials of all leaders).
        Pointing back, it may say "and" or name what the context named: «и почему она была так
        важна» after the battle of Shusha is that battle's fact, not the town's entry."""
        current = self._current(ctx)
        known = {m.entity for m in ctx.mentions}
        pointing = r.reference and all(m.entity in known or m.slot == "party" for _, _, m in r.mentions)
        named = not r.slots() <= {"party"}  # a side is no subject: "потери азербайджана сколько"
        if current is None or fresh.intent is current or r.dates is not None:
            return None
        if not pointing and (named or r.lead):
            return None
        if fresh.score >= EXACT or self._names_region(r):
            return None  # "what was the trilateral statement": one of another entry's own phrasings
        fact, score = self.engine.matcher.fact_for(current, fresh.normalized)
        if fact is None or score < STATED:
            return None
        if self.engine.asks_now(fresh.normalized) and not fact.present:
            return None  # "is the road open now" after the blockade: where the road stands today
        return _answered(fresh, current, fresh.score, fact)

    def _explained_here(self, found: Result, asked: str, r: Reading, ctx: Context) -> Result | None:
        """ "was there a church there" after Jabrayil, "what did the echr say" after the occupation
        question: one of the entry in context's facts explains the question clearly better than
        any fact of the entry found (the heritage overview, the court cases), so the question is
        about the subject in context; so is one the matcher was unsure of. Not a step along the
        timeline or an office: those name their own subject."""
        current = self._current(ctx)
        if current is None or found.intent is current or r.step is not None:
            return None
        answered = found.status is Status.ANSWERED and found.intent is not None
        if not answered and found.status is not Status.AMBIGUOUS:
            return None
        known = {m.entity for m in ctx.mentions}
        places = {m.entity for _, _, m in r.mentions if m.slot == "place" and m.entity not in known}
        if (
            not r.reference
            and r.dates is None
            and any(m.slot == "time" and m.entity not in known for _, _, m in r.mentions)
        ):
            return None  # a war or era not named before: "how many in the first war" after the deadliest
        if r.dates is not None and not answered:
            return None  # "and in soviet times": unsure, the time named may be another entry's
        if self.engine.offices.named(asked) is not None:
            return None
        matcher = self.engine.matcher
        fact, score = matcher.fact_for(current, asked)
        if fact is None or score < EXPLAINED or (answered and self._side_flipped(fact, r, ctx)):
            return None
        if places and (r.lead or not places <= self._places_of(fact)):
            # "а мартуни когда сдали" after Hadrut: Martuni's; not Baku's rallies after Tovuz, which
            # one of its facts names ("а лачин?" swaps the place in, whatever the facts name)
            return None
        if answered and not self._before_context(found, r, current):
            assert found.intent is not None
            _, theirs = matcher.fact_for(found.intent, asked)
            if score < theirs + EXPLAINED_LEAD:
                return None
        return _answered(found, current, found.score, fact)

    def _before_context(self, found: Result, r: Reading, current: Intent) -> bool:
        """ "what happened in baku after that" after Tovuz (2020): Baku's 1990 pogrom, over before
        the event in context began, cannot be what came after it."""
        was, now = found.intent.when if found.intent else None, current.when
        later = any((t,) in self.words.later for t in r.tokens)
        return later and was is not None and now is not None and was.end < now.start

    def _places_of(self, fact: Fact) -> frozenset[str]:
        """The places a fact's own phrasings name: "baku rally after the tovuz deaths"."""
        return frozenset(
            m.entity for _, read in self._phrasings(fact) for _, _, m in read.mentions if m.slot == "place"
        )

    def _phrasings(self, fact: Fact) -> tuple[tuple[str, Reading], ...]:
        """A fact's phrasings in both languages, normalised and read once."""
        found = self._phrasings_of.get(fact.id)
        if found is None:
            texts = (self.kb.normalizer.normalize(q) for qs in fact.questions.values() for q in qs)
            found = tuple((text, self.words.read(text)) for text in texts)
            self._phrasings_of[fact.id] = found
        return found

    def _toll_at(self, fresh: Result, r: Reading, ctx: Context) -> Result | None:
        """ "Death toll both sides" after the September 2022 clashes: answered alone by one of the
        entries that split a count by period (the 2020 toll) or the count over all periods, and
        naming no time of its own, it asks about the time in context: the event's own toll if it
        states one, else the entry whose period covers that time."""
        current = self._current(ctx)
        unsure = fresh.status is Status.AMBIGUOUS and bool(fresh.suggestions)
        found = fresh.suggestions[0].intent if unsure else fresh.intent  # "death toll both sides": which war?
        if found is None or not (unsure or fresh.status is Status.ANSWERED):
            return None
        if r.dates is not None or not r.slots() <= {"party"} or r.step is not None:
            return None
        siblings = self._periodic_in.get(found.category, [])
        if current is None and ctx.span is not None and len(siblings) >= 2:  # a count split by period
            return self._toll_listed(fresh, ctx.span)  # after "what happened in september 2023"
        if current is None:
            return None
        if len(siblings) < 2 or current in siblings or current is found:
            return None
        if found not in siblings and (found.when is not None or self._names_region(r)):
            return None  # an event of its own ("the Barda strike"), or a total asked of the whole region
        if self.engine.asks_now(fresh.normalized):
            return None  # "how many are still missing": a count of now, not of a time before
        span = self._time_of(ctx) or current.time
        if span is None:
            return None
        period = found.period
        within = period is not None and period.overlaps(span)
        if period is not None and within and (span.end - span.start) * 2 >= period.end - period.start:
            return None  # "how many soldiers did armenia lose" after the 2020 war: that war's toll
        matcher = self.engine.matcher
        fact, score = matcher.fact_for(current, fresh.normalized)
        kind = matcher.asked(fresh.normalized)
        if fact is not None and score >= OWN_TOLL and (not kind or kind == matcher.fact_kinds.get(fact.id)):
            return _answered(fresh, current, fresh.score, fact)  # Black January's toll, not the first war's
        if within:
            return None
        covering = [i for i in siblings if i.period is not None and i.period.overlaps(span)]
        if len(covering) != 1 or covering[0] is found:
            return None
        fact, score = self.engine.matcher.fact_for(covering[0], fresh.normalized)
        return _answered(fresh, covering[0], fresh.score, fact if score >= FACT_MIN else None)

    def _now_here(self, fresh: Result, r: Reading, ctx: Context) -> Result | None:
        """ "Is it still blocked?" after the Lachin corridor: "it" with a word of now is the entry in
        context as it stands today, when that entry states it and the answer alone (the blockade,
        a thing of the past) does not."""
        current = self._current(ctx)
        found = fresh.intent
        if current is None or found is None or found is current or not r.reference or r.mentions:
            return None
        if not self.engine.asks_now(fresh.normalized) or any(f.present for f in found.facts):
            return None
        present = [f for f in current.facts if f.present]
        if len(present) != 1:
            return None
        return _answered(fresh, current, fresh.score, present[0])

    def _toll_listed(self, fresh: Result, span: Span) -> Result | None:
        """ "How many soldiers died" after the events of a span were listed: the toll one of them
        states when it is the only one that does (the September 2023 offensive's), rather than the
        count over all periods."""
        if span.end - span.start > LISTED_TOLL_SPAN:
            return None  # "how many died in the ceasefire years" after 1994 to 2020: the period's count
        matcher = self.engine.matcher
        kind = matcher.asked(fresh.normalized)
        tolls: list[tuple[Intent, Fact]] = []
        for event in events_in(self._timeline, span):
            fact, score = matcher.fact_for(event, fresh.normalized)
            if fact is not None and score >= FACT_MIN and kind == matcher.fact_kinds.get(fact.id):
                tolls.append((event, fact))
        if len(tolls) != 1:
            return None  # none, or several events of a year with a toll each: the period's count
        event, fact = tolls[0]
        return _answered(fresh, event, fresh.score, fact)

    def _tie_to_context(self, fresh: Result, r: Reading, ctx: Context, lang: str) -> Result:
        """A question its own words leave nearly tied ("how many seats": Kocharyan's bloc, the
        2026 election) is about the entry in context when that is one of the tied, or, unsure
        alone, about the one tied entry on the subject in context. Not "and" with a place the
        conversation has not named: "а мартуни когда сдали" after Hadrut asks about Martuni."""
        current = self._current(ctx)
        if current is None or fresh.intent is current or fresh.status is Status.UNKNOWN:
            return fresh
        if self._by_name(fresh):
            return fresh  # "who was monte melkonian" after the volunteers: a person asked by name
        known = {m.entity for m in ctx.mentions}
        if (
            fresh.status is Status.ANSWERED
            and r.lead
            and any(m.slot == "place" and m.entity not in known for _, _, m in r.mentions)
        ):
            return fresh
        ranked = self.engine.ranking(fresh.normalized)
        if not ranked:
            return fresh
        floor = self.engine.thresholds_for(lang).answer
        mine = next((s for s in ranked if s.intent is current), None)
        if mine is None or ranked[0].score - mine.score >= CONTEXT_TIE:
            # "who signed the ceasefire?" after the 2020 war, unsure between the 2020 and 1994
            # ceasefires: the one on the war in context (the best-ranked of several only if it
            # leads the question's own ranking)
            tied = [s for s in ranked if ranked[0].score - s.score < CONTEXT_TIE and s.score >= floor]
            near = [s for s in tied if self._on_subject(s.intent, ctx)]
            if fresh.status is not Status.AMBIGUOUS or not near:
                return fresh
            # "скока территории потеряли" after the 2020 war: its outcome, not the April 2016 war
            # merely linked to it
            timely = [s for s in near if _near(s.intent, current, years=0)]
            if len(timely) == 1:
                near = timely
            elif len(near) > 1 and near[0] is not ranked[0]:
                return fresh
            mine = near[0]
        if mine.score < floor:
            return fresh
        return _answered(fresh, mine.intent, mine.score, mine.fact)

    def _side_view(
        self, found: Result, ctx: Context, fresh: Result, r: Reading, strict: bool = False
    ) -> Result | None:
        """A side's view of the entry in context, when one of its facts gives it: "what does
        azerbaijan say?" after "who started the war" is Azerbaijan's account, read against the
        entry's title (its `subject`, "the conflict", would reach the overview)."""
        current = self._current(ctx)
        if current is None or not current.facts:
            return None
        title = self.kb.normalizer.normalize(pick(current.title, "en"))
        mine = next(
            (s for s in self.engine.ranking(f"{fresh.normalized} {title}") if s.intent is current), None
        )
        if mine is None:
            return None
        sides = frozenset(m.entity for _, _, m in r.mentions)
        fact = next((f for f in current.facts if self._speaks_for(f) == sides), None)
        if strict and (fact is None or found.intent is current):
            return None  # "and azerbaijan?" after Armenia's view: only to the other side's view of it
        if fact is None and len(sides) == 1 and mine.fact is None:
            # "what does armenia say about it" after Khojaly: the fact some of whose phrasings ask
            # Armenia's view (who is to blame), not the entry's lead again
            (side,) = sides
            votes = [(self._speakers(f)[side], k) for k, f in enumerate(current.facts)]
            count, k = max(votes, key=lambda v: (v[0], -v[1]))
            fact = current.facts[k] if count else None
        fact = fact or mine.fact
        return _answered(found, current, mine.score, fact)

    def _speaks_for(self, fact: Fact) -> frozenset[str]:
        """The side whose view a fact gives: the side named first in its phrasings that ask a view
        ("what does azerbaijan say about the armenians leaving"), when enough of them do; else none."""
        speakers = self._speakers(fact)
        side, count = speakers.most_common(1)[0] if speakers else ("", 0)
        phrasings = sum(len(qs) for qs in fact.questions.values())
        return frozenset({side}) if count >= SIDE_SHARE * phrasings else frozenset()

    def _speakers(self, fact: Fact) -> Counter[str]:
        """How many of a fact's phrasings ask each side's view ("armenian position on khojaly")."""
        found = Counter[str]()
        for normalized, read in self._phrasings(fact):
            parties = [m.entity for _, _, m in read.mentions if m.slot == "party"]
            if parties and self._views(normalized):
                found[parties[0]] += 1
        return found

    def _views(self, normalized: str) -> bool:
        """Whether a question has a word asking a view ("say", "position", "считает"), anywhere in it."""
        return any(t in self.words.views for t in normalized.split())

    def _states_kind(self, intent: Intent, normalized: str) -> bool:
        """Whether the entry has a fact of the kind the question asks ("кто" a who), or it asks none."""
        matcher = self.engine.matcher
        kind = matcher.asked(normalized)
        return not kind or any(matcher.fact_kinds.get(f.id) == kind for f in intent.facts)

    def _answers_kind(self, found: Result, other: Scored, asked: str) -> bool:
        """Whether `found` answers with a fact of the kind asked ("how many") and `other`'s entry has
        none, or none the words `asked` reach («скок погибло» after the April war: its one count is
        how many days it lasted). A dated entry's lead tells when it happened."""
        matcher = self.engine.matcher
        kind = matcher.asked(found.normalized)
        if (
            not kind
            or found.intent is None
            or found.fact is None
            or matcher.fact_kinds.get(found.fact.id) != kind
        ):
            return False
        if kind == "when" and other.intent.when is not None:
            return False
        if all(matcher.fact_kinds.get(f.id) != kind for f in other.intent.facts):
            return True
        fact, score = matcher.fact_for(other.intent, asked)
        if fact is not None and score >= FACT_MIN and matcher.fact_kinds.get(fact.id) == kind:
            return False
        _, theirs = matcher.fact_for(found.intent, asked)  # not «кто это сделал»: no words of either
        return theirs >= FACT_MIN and theirs > score

    def _across(
        self, question: str, fresh: Result, r: Reading, ctx: Context, lang: str, now: float
    ) -> tuple[Result, Context | None] | None:
        """ "And on the azerbaijani side?", «а в азербайджане кто?» after Armenia's foreign minister:
        only the other side is named, so its holder of the office answers, as "his counterpart" does."""
        current = self._current(ctx)
        if current is None or current.category != PEOPLE or r.dates is not None or r.reference:
            return None
        offices = self.engine.offices
        if any(offices.asks_last([t]) is not None for t in r.remainder):
            return None  # "and azerbaijans first president?": its first holder, not the one then
        if len(r.mentions) == 1 and r.slots() == {"party"} and self._common_words_only(r):
            words = self.kb.normalizer.content_tokens(r.mentions[0][2].phrase)
        elif not r.mentions and r.lead:  # "and in karabakh?", «а в карабахе кто был президентом»
            words = self._asking(r)
            if not offices.side_words(words):
                return None
        else:
            return None
        other = offices.counterpart(current.id, side=words, within=self._time_of(ctx))
        if other is None:
            return None
        held, context = self._held(question, fresh.normalized, other, lang, now, ctx, COUNTERPART)
        if r.mentions:
            # "and armenia?" after Azerbaijan's president: Armenia's leader is its prime minister,
            # whose fact on who is president (Khachaturyan, a ceremonial post) the question asks
            asked = self._swap(ctx, [m for _, _, m in r.mentions])
            matcher = self.engine.matcher
            if matcher.asked(asked):  # not after a bare "aliyev", which asked nothing
                fact, score = matcher.fact_for(other, asked)
                if fact is not None and score >= FACT_MIN:
                    held = replace(held, fact=fact)
        return held, context

    def _then(
        self, question: str, fresh: Result, r: Reading, ctx: Context, lang: str, now: float
    ) -> tuple[Result, Context | None] | None:
        """ "Who led Azerbaijan then?": an office asked of the time in context. The question names
        its own party, so it is no elliptical follow-up, but its time is the conversation's."""
        if not r.then or "time" in r.slots():
            return None
        times = self._times(ctx)
        intent = self._current(ctx)
        span = self._time_of(ctx)
        if span is None and intent is not None:
            span = intent.when
        if span is None and intent is not None and intent.category == PEOPLE:
            span = self.engine.offices.tenure(intent.id)  # "who led azerbaijan then?" after Kocharyan
        if span is None:
            return None
        asked = " ".join(t for k, t in enumerate(r.tokens) if k not in r.then)
        when = times[0] if times else Mention(f"{DATE}{span.text}", "time", str(span.start.year))
        rewritten = f"{asked} {self._name(when, lang)}"
        holder = self.engine.offices.holder(asked, within=span)
        if holder is not None:
            result = Result(
                question,
                rewritten,
                Status.ANSWERED,
                holder,
                100.0,
                (),
                lang,
                followup="carry",
                understood=rewritten,
            )
        else:
            # "миротворцы тогда были?" after the years of relative calm: its own subject at the time in
            # context, answered by an entry of that time
            found = self.engine.resolve(question, rewritten, lang)
            timely = found.intent
            dated = timely.time if timely is not None else None
            if (
                found.status is not Status.ANSWERED
                or timely is None
                or timely is fresh.intent
                or dated is None
            ):
                return None
            if not dated.overlaps(span) or timely.period is not None:
                return None  # a count split by period is the toll's to find (_toll_at)
            result = replace(found, followup="carry", understood=rewritten)
        after = self._after(result, self.words.read(rewritten), r, ctx, lang, now)
        assert after is not None
        kept = tuple(m for m in after.mentions if m.slot != "time")
        return result, replace(after, mentions=(replace(when, age=when.age + 1), *kept))  # still that time

    def _context_wins(
        self,
        found: Intent,
        fresh: Result,
        r: Reading,
        ctx: Context,
        kind: str,
        elliptical: bool,
        generic: bool,
    ) -> bool:
        """Whether the answer read with the context beats the one the question gets on its own.

        Context only fills gaps: a question that names its own subject (a party, place, event or
        date: "is azerbaijan the aggressor" after a biography) and is answered on its own words is
        answered as asked, even with "it" or "это" in it; only an elliptical "and ...?" /
        "what about ...?" swaps its names into the question before.
        """
        if generic and self._broad(ctx) and not r.reference:
            return False  # "а кто прав?" after the parties: the whole conflict's question, as asked
        if self._named_elsewhere(found, fresh):
            return False  # "and the domes?" after the battle for Shusha: the cathedral's, as asked
        if kind != "swap" and not r.lead and found is not fresh.intent and self._by_name(fresh):
            return False  # "who is monte melkonian" after the volunteers he was one of
        if self._viewpoint(fresh.normalized, r) and all(t in self.words.views for t in r.remainder):
            return True  # "а что говорит армения": a side and its view only, of the subject in context
        # "what happened there in 92": the place in context
        pointing = r.reference and len(r.mentions) <= 1
        # "сколько армян погибло?" after the April war: its toll (an office named is a question of its
        # own: "who is the president of azerbaijan")
        sided = self._party_only(r) and self.engine.offices.named(fresh.normalized) is None
        named = r.mentions or r.dates is not None
        if kind != "swap" and not r.lead and not pointing and not sided and named:
            return False
        # a question about the whole conflict alone ("кто виноват?") asks about the subject in context
        if kind == "carry" and (elliptical or sided or generic):
            if self._now_only(r) and not any(f.present for f in found.facts):
                return False  # "а сейчас?" after a past event: where things stand, not the event again
            # "кто виноват?" after the refugees' housing: no one to blame there, so the conflict's
            if generic and not r.reference and not self._states_kind(found, fresh.normalized):
                return False
            if self._own_fact_linked(found, fresh, ctx):
                return False
            if (
                sided
                and not (elliptical or generic or r.reference or r.lead)
                and fresh.status is Status.ANSWERED
                and fresh.score >= SIDED_ALONE
            ):
                # "how many armenians are still missing" after Khojaly's names: the missing, which
                # the town's facts never speak of (not "how many armenians died" after a battle)
                _, score = self.engine.matcher.fact_for(found, fresh.normalized)
                if score < FACT_MIN:
                    return False
            if r.reference and self._unnamed_place(fresh, r, ctx):
                return True  # "when did azerbaijan take it back" after Kalbajar in 1993: not Fuzuli
            return self._on_subject(found, ctx)  # "how many died?" after Sumgait: Sumgait's toll
        own = self.engine.ranking(fresh.normalized)
        floor = own[0].score - OWN_MARGIN if own else 0.0
        own_words = {s.intent.id for s in own if s.score >= floor}
        if kind == "carry" and not r.reference and found.id not in own_words:
            return False  # its own words point elsewhere: "seven districts", "and pashinyan?"
        marked = r.lead > 0 or r.reference or kind == "swap"
        if not marked and fresh.intent is not found and fresh.score >= EXACT:
            return False  # "is the peace treaty signed" after Aliyev: one of the treaty's own phrasings
        return marked or self._on_subject(found, ctx)  # unmarked: a full question, unless on subject

    def _unnamed_place(self, fresh: Result, r: Reading, ctx: Context) -> bool:
        """The question alone finds a place it never names, nor the conversation: "it" cannot be
        that place."""
        own = fresh.intent
        if own is None or own.category != PLACES or own is self._current(ctx):
            return False
        named = {self.words.intent_of.get(m.entity, m.entity) for _, _, m in r.mentions}
        named |= {self.words.intent_of.get(m.entity, m.entity) for m in ctx.mentions}
        return own.id not in named

    @staticmethod
    def _by_name(fresh: Result) -> bool:
        """A person's entry found by one of its own phrasings or names: asked by name, not a tie."""
        return fresh.intent is not None and fresh.intent.category == PEOPLE and fresh.score >= EXACT

    def _own_fact_linked(self, found: Intent, fresh: Result, ctx: Context) -> bool:
        """The question's own words answer it with a fact of an entry linked to the one in context,
        while the names carried over pull it to a third: "which side had more" after the first war's
        refugees is the refugees on both sides, not the war's sides. Or back to the one in context,
        when it has no fact of the kind asked: "where do they live now" after the exodus called
        ethnic cleansing is where the refugees live. Not an overview's fact, which every war links
        to: "who won" after the 2020 war is that war's outcome."""
        current, own = self._current(ctx), fresh.intent
        if current is None or own is None or fresh.fact is None or fresh.status is not Status.ANSWERED:
            return False
        if own is found or own.category == OVERVIEW:
            return False
        if found is current and self._states_kind(current, fresh.normalized):
            return False
        return own.linked(current)

    def _named_elsewhere(self, found: Intent, fresh: Result) -> bool:
        """A rare word of the question that its own answer is asked with and the entry read in
        context never even mentions: "muslim" after Iran's role, «нобелевку» after the treaty's text."""
        own = fresh.intent
        if own is None or own is found:
            return False
        matcher = self.engine.matcher
        theirs, mine = matcher.bag(own), matcher.bag(found)
        for t in self.kb.normalizer.content_tokens(fresh.normalized):
            t = matcher.folds.get(t, t)
            rare = matcher.idf.get(t, 0.0) >= OWN_NAME_IDF
            if rare and theirs.get(t, 0.0) >= 1.0 and matcher.states(own, t) and t not in mine:
                return True
        return False

    def _viewpoint(self, normalized: str, r: Reading) -> bool:
        """ "What does azerbaijan say (about it)?", "что говорит баку?": a side's view, of nothing
        named but the side: the subject in context, as that side sees it."""
        if not r.mentions or r.slots() != {"party"} or r.dates is not None:
            return False
        return self.engine.matcher.asked(normalized) == POSITION and self._common_words_only(r)

    def _party_only(self, r: Reading) -> bool:
        """ "how many armenians died?": one side named, and otherwise only words common to many
        entries (not the region: "карабах это армения или азербайджан" is a question of its own)."""
        if len(r.mentions) != 1 or r.slots() != {"party"} or r.dates is not None or self._names_region(r):
            return False
        if any(self._titled(m.phrase) for _, _, m in r.mentions):
            return False  # "is artsakh still a thing": the republic, a subject of its own
        if self._identifies(r):
            return False  # "what is western azerbaijan": the side's name is part of an entry's own
        return self._common_words_only(r)

    def _titled(self, phrase: str) -> bool:
        """Whether a name alone is an entry's own name ("artsakh": the republic; "nkao")."""
        ranked = self.engine.ranking(phrase)
        return bool(ranked) and ranked[0].score >= EXACT and ranked[0].intent.category != SCOPE

    def _generic(self, fresh: Result, r: Reading) -> bool:
        """Answered alone with an entry about the whole conflict ("кто виноват?"), naming nothing
        itself, not even the conflict ("кто начал карабахский конфликт" is its own question)."""
        if fresh.intent is None or not fresh.intent.subject or r.mentions:
            return False
        return not self._names_region(r)

    def _broad(self, ctx: Context) -> bool:
        """The entry in context is about the conflict as a whole (its parties, overview, a contested
        question): "а кто прав?" after it is the whole conflict's question too."""
        current = self._current(ctx)
        return current is not None and current.category in BROAD

    def _names_region(self, r: Reading) -> bool:
        """ "how big is nagorno karabakh": the region itself is its subject, common as its name is."""
        return any(self.words.regional(t) for t in self._content(r))

    def _content(self, r: Reading) -> list[str]:
        """The content words of a question's remainder, stemmed."""
        return self.kb.normalizer.content_tokens(" ".join(r.remainder))

    def _asking(self, r: Reading) -> list[str]:
        """The content words besides the question words: what a question asks about."""
        return [t for t in self._content(r) if t not in self.words.asked]

    def _now_only(self, r: Reading) -> bool:
        """ "and now?", "а сейчас?": no word but the present (which may open it: «а сейчас что там»)."""
        content = self._content(r)
        opened = any(stem(t) in self.words.present for t in r.tokens[: r.lead])
        return (bool(content) or opened) and all(t in self.words.present for t in content)

    def _elliptical(self, r: Reading) -> bool:
        """A question whose words name no subject of their own ("how many died?", "when?",
        "who signed?"): every word is common to many entries, and no name or date is given.
        Asking what a thing is ("что такое нкао") names it, however common its word."""
        if r.mentions or r.dates is not None:
            return False
        if not r.reference and (self._defines(r) or self._identifies(r)):
            return False
        return self._common_words_only(r) and not self._names_region(r) and not self._named_together(r)

    def _defines(self, r: Reading) -> bool:
        """Whether the question asks what a thing is ("что такое нкао", "а что такое трипп")."""
        longest = self.words.longest_define  # after a lead, or overlapping one ("а что" + "что такое")
        return any(_longest(r.tokens, k, self.words.define, longest) for k in range(r.lead + 1))

    def _identifies(self, r: Reading) -> bool:
        """Whether the question is "what is" or "who is" and an entry's own name, nothing else
        ("what is nkao", "who is aliyev")."""
        k = _longest(r.tokens, 0, self.words.identify, self.words.longest_identify)
        if k == 0 or (not r.mentions and self.engine.matcher.asked(" ".join(r.tokens))):
            return False  # "what are the casualties", "who is to blame": a kind of thing, no name
        rest = [t for t in r.tokens[k:] if t not in self.kb.normalizer.stopwords]
        return bool(rest) and self._titled(" ".join(rest))

    def _named_together(self, r: Reading) -> bool:
        """Common words that together are an entry's own name ("what about the peace treaty"):
        each alone names nothing, the pair names one subject. Not when the question points back
        ("is that in the peace treaty?")."""
        if r.reference:
            return False
        stop = self.kb.normalizer.stopwords
        words = [t for t in r.remainder if t not in stop and stem(t) not in self.words.asked]
        return len(words) >= 2 and self._titled(" ".join(words))

    def _common_words_only(self, r: Reading) -> bool:
        """At most ELLIPTICAL_WORDS words besides question words and "now", each common to many
        entries ("died", "signed")."""
        idf = self.engine.matcher.idf
        words = [t for t in self._content(r) if t not in self.words.asked and t not in self.words.present]
        # one word alone with a question word ("кто участвовал?") names no subject unless it is rare
        limit = NAMED_IDF if len(words) == 1 else GENERIC_IDF
        names = self.words.person_names
        common = all(idf.get(t, GENERIC_IDF + 1) <= limit and t not in names for t in words)
        return len(words) <= ELLIPTICAL_WORDS and common

    def _swap(self, ctx: Context, new: list[Mention], placed: bool = False) -> str:
        """The question before with the new names in place of the old ones of their slot. A time
        swapped in without a word placing it ("and in the 90s?" after "armies before 2020") drops
        the old one's: the new time is asked about, not the time before it."""
        old = self.words.read(ctx.question)
        slots = {m.slot for m in new}
        out: list[str] = []
        done: set[str] = set()
        skip: set[int] = set()
        dropped: set[int] = set()  # "before" in "armies before 2020", for "and in the 90s?"
        for start, end, m in old.mentions:
            if m.slot not in slots:
                continue
            skip.update(range(start, end))
            if m.slot == "time" and not placed:
                before = start - 1  # "before the 2020 war": past "the"
                while before > 0 and old.tokens[before] in self.words.normalizer.stopwords:
                    before -= 1
                if before >= 0 and self.words.relation(old.tokens[before]):
                    dropped.add(before)
        for k, tok in enumerate(old.tokens):
            if k in dropped:
                continue
            if k not in skip:
                out.append(tok)
                continue
            slot = next(m.slot for s, e, m in old.mentions if s <= k < e)
            if slot not in done:
                out.extend(self._name(m, ctx.lang) for m in new if m.slot == slot)
                done.add(slot)
        out.extend(self._name(m, ctx.lang) for m in new if m.slot not in done)
        return " ".join(out)

    def _name(self, m: Mention, lang: str) -> str:
        """The fullest name of a thing, for a rewritten question: "90s war" -> "first karabakh war"."""
        names = self.words.names.get(m.entity)
        return (names.get(lang) or names.get("en") or m.phrase) if names else m.phrase

    def _on_subject(self, intent: Intent, ctx: Context) -> bool:
        """Whether an entry is about what the conversation is about: the same entry, a linked
        one, or an event in the time in context."""
        current = self._current(ctx)
        if current is not None and (intent.id == current.id or intent.linked(current)):
            return True
        spans = [self._span_of(m)[1] for m in self._times(ctx)]
        if intent.when is not None and any(span is not None and intent.when.overlaps(span) for span in spans):
            return True
        # "скока погибло" after "что было в апреле 2016": the toll of the span asked
        dated = intent.time
        return ctx.span is not None and dated is not None and dated.overlaps(ctx.span)

    # -- answers and the context they leave ----------------------------------------------------

    def _events(
        self, question: str, normalized: str, r: Reading, span: Span, lang: str, now: float
    ) -> tuple[Result, Context]:
        result = self.events(question, normalized, span, lang)
        mentions = tuple(m for _, _, m in r.mentions)
        return result, Context(normalized, None, span, mentions, lang, now)

    def events(self, question: str, normalized: str, span: Span, lang: str) -> Result:
        """The events in a span; when there are none, the nearest before and after instead."""
        events = tuple(events_in(self._timeline, span))
        starting = [i for i in events if i.when is not None and i.when.start == span.start]
        if span.start == span.end and len(starting) == 1:  # "what happened on 19 September 2023"
            return Result(question, normalized, Status.ANSWERED, starting[0], 100.0, (), lang)
        if events:
            return Result(
                question, normalized, Status.ANSWERED, None, 100.0, (), lang, events=events, span=span
            )
        near = [
            i for i in (preceding(self._timeline, span), following(self._timeline, span)) if i is not None
        ]
        suggestions = tuple(Scored(i, 0.0) for i in near)
        return Result(
            question, normalized, Status.UNKNOWN, None, 0.0, suggestions, lang, Reason.NO_EVENTS, span=span
        )

    def _after(
        self, result: Result, understood: Reading, own: Reading, ctx: Context | None, lang: str, now: float
    ) -> Context | None:
        """The context a turn leaves: what it was about, names carried over one turn older."""
        if result.status is Status.UNKNOWN:
            return None if ctx is None else replace(ctx, mentions=_age(ctx.mentions), at=now)
        named = {m.entity for _, _, m in own.mentions}
        before = {m.entity: m.age for m in ctx.mentions} if ctx is not None else {}
        mentions = []
        person = result.intent is not None and result.intent.category == PEOPLE
        for _, _, m in understood.mentions:
            if person and m.slot == "time" and m.entity not in named and m.entity not in before:
                continue  # "since 2003" carried with Aliyev's title is his tenure, not the talk's time
            age = 0 if m.entity in named else before.get(m.entity, -1) + 1
            if age <= CARRY_TURNS:
                mentions.append(replace(m, age=age))
        intent = result.intent.id if result.intent is not None else (ctx.intent if ctx else None)
        question = result.normalized
        if ctx is not None and own.reference and not own.human and not own.mentions and intent == ctx.intent:
            # "когда её взяли" after "шуша 2020", answered alone on the same entry: "её" is the place
            # in context, written out for a name swapped in next ("нет, я про первую войну")
            places = [self._name(m, lang) for m in ctx.mentions if m.slot == "place"]
            question = " ".join([question, *places])
        fact = result.fact.id if result.fact is not None else None
        return Context(question, intent, None, tuple(mentions), lang, now, fact=fact)

    def context_for(self, intent: Intent, lang: str, now: float, ctx: Context | None = None) -> Context:
        """The context after showing an entry by choice (a button, a number): it is the subject."""
        title = self.kb.normalizer.normalize(pick(intent.title, "en"))
        mentions = tuple(m for _, _, m in self.words.read(title).mentions)
        if intent.category == PEOPLE:  # "since 2018" in Pashinyan's title is his tenure, not the talk's time
            mentions = tuple(m for m in mentions if m.slot != "time")
        slots = {m.slot for m in mentions}
        kept = _age([m for m in ctx.mentions if m.slot not in slots]) if ctx is not None else ()
        return Context(title, intent.id, None, mentions + kept, lang, now)
