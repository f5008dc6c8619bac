"""The knowledge base as typed, immutable values: what the loader produces and the engine reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkbot.engine.normalize import Normalizer

DEFAULT_LANG = "en"
SCOPE = "scope"  # the category of knowledge/scope.yaml's topics: recognised, answered as out of scope
EVENTS = "timeline"  # the category of wars and events: first among entries that begin the same day

# A text in several languages, keyed by language code ("en", "ru").
LangText = dict[str, str]
LangList = dict[str, tuple[str, ...]]


def pick(texts: LangText, lang: str) -> str:
    """The text in `lang`, falling back to English so a missing translation never shows blank."""
    return texts.get(lang) or texts.get(DEFAULT_LANG) or next(iter(texts.values()), "")


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str
    publisher: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A date or interval with day precision; reduced-precision dates cover their whole year/month."""

    start: date
    end: date
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True, slots=True)
class Fact:
    """One precise question an entry answers in a sentence or two ("who signed it?")."""

    id: str  # "entry-id/fact-id": unique across the base, stable for logs and buttons
    questions: LangList
    answer: LangText
    sources: tuple[Source, ...]
    present: bool = False  # states where things stand now: preferred by present-tense questions
    line: int = 0


@dataclass(frozen=True, slots=True)
class Intent:
    id: str
    title: LangText
    category: str
    questions: LangList
    keywords: LangList
    short: LangText
    answer: LangText
    sources: tuple[Source, ...]
    related: tuple[str, ...] = ()
    when: Span | None = None
    # the time an entry's figures cover, where it is no event of the timeline (the armies'
    # strength in 1993–1994): "and in the 2020 war?" moves to the entry of its category for then
    period: Span | None = None
    reviewed: str = ""
    # what a follow-up pointing back at the entry is about, when its title is not ("where things
    # stand now" -> "nagorno karabakh conflict"): English words carried instead of the title
    subject: str = ""
    file: str = ""
    line: int = 0
    facts: tuple[Fact, ...] = ()

    @property
    def time(self) -> Span | None:
        """The time the entry is about: its date as an event, else the period its figures cover."""
        return self.when or self.period

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def linked(self, other: Intent) -> bool:
        """Whether either entry lists the other as related."""
        return other.id in self.related or self.id in other.related


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: LangText


@dataclass(frozen=True, slots=True)
class Translit:
    """How a language is typed in Latin letters ("kto takoi"): see nkbot.engine.translit."""

    markers: frozenset[str] = frozenset()  # common words that say a Latin text is this language
    words: dict[str, str] = field(default_factory=dict)  # words spelt otherwise: "shas" -> «щас»
    letters: dict[str, str] = field(default_factory=dict)  # Latin letters -> this script's: "sh" -> «ш»


@dataclass(frozen=True, slots=True)
class Language:
    """Normalisation data for one language (see knowledge/language.yaml)."""

    variants: dict[str, str] = field(default_factory=dict)  # variant -> canonical
    stopwords: frozenset[str] = frozenset()
    year_words: tuple[str, ...] = ()  # words a two-digit year follows: "in 92" is 1992
    year_names: tuple[str, ...] = ()  # words naming a year: "в 20 году" is 2020 too
    year_endings: tuple[str, ...] = ()  # endings a year takes: "в 94-м" is 1994
    decade_endings: tuple[str, ...] = ()  # endings a decade takes: "в 90-х" is the 1990s
    fillers: tuple[str, ...] = ()  # words dropped before phrases are read: "is the war actually over"
    translit: Translit | None = None  # the language typed in Latin letters ("kto takoi")


@dataclass(frozen=True, slots=True)
class Month:
    name: str  # as written alone: "September", "сентябрь"
    day: str  # as written after a day number: "September", "сентября"
    forms: tuple[str, ...] = ()  # other forms users type: "sep", "сентябре"


@dataclass(frozen=True, slots=True)
class Words:
    """One language's conversation words (knowledge/conversation.yaml)."""

    lead: tuple[str, ...] = ()
    reference: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    successor: tuple[str, ...] = ()  # "who came after him", "после него": the next holder of an office
    predecessor: tuple[str, ...] = ()  # "before him", "а до него"
    # "his counterpart", "его визави": the other side's holder of the office
    counterpart: tuple[str, ...] = ()
    timeline: tuple[str, ...] = ()
    chronology: tuple[str, ...] = ()  # "key dates", "хронология": the whole timeline, when no date is named
    scope: tuple[str, ...] = ()
    range: tuple[str, ...] = ()
    present: tuple[str, ...] = ()  # words of a question about now: "still", "today", "сейчас"
    relations: tuple[str, ...] = ()  # "after", "before", "до": a question placed relative to an event
    then: tuple[str, ...] = ()  # "then", "at the time", "тогда": the time in context, not now
    existential: tuple[str, ...] = ()  # "are there any ...": a reference word pointing at nothing
    personal: tuple[str, ...] = ()  # "he", "his", "его": reference words pointing back at a person
    kin: tuple[str, ...] = ()  # "father", "отец": with "his", another person than the one in context
    addressee: tuple[str, ...] = ()  # "you", «ты»: small talk with them asks about the bot, not the subject
    define: tuple[str, ...] = ()  # "что такое", "what is a": what a thing is, a question of its own
    identify: tuple[str, ...] = ()  # "what is", "who is": before an entry's own name alone, asks about it
    human: tuple[str, ...] = ()  # "he", "she": personal words that never stand for a thing (Russian "он" may)
    human_cues: tuple[str, ...] = ()  # "где", "жив": with a personal word, it stands for a person
    introduced: tuple[str, ...] = ()  # "thing": after "this", it introduces a subject ("this tripp thing")
    named: tuple[str, ...] = ()  # "he", "он": after a person the question names, that person
    things: tuple[str, ...] = ()  # "it", "это": reference words for a thing, never for people
    objects: tuple[str, ...] = ()  # "it", "them": after their verb, so the word before is no name
    earlier: tuple[str, ...] = ()  # "before", "до": right before a holder's name, the one before him
    later: tuple[str, ...] = ()  # "after", "после": ... the one after him
    # "yes", "да": an answer's first word for a yes/no question, dropped when another kind is asked
    polar: tuple[str, ...] = ()
    polar_questions: tuple[str, ...] = ()  # "did", "is": a question opening so asks yes or no
    sources: tuple[str, ...] = ()  # "source?", «пруфы?»: the answer before, shown again with its sources
    first: tuple[str, ...] = ()  # "first", «первый»: of an office, its first holder
    last: tuple[str, ...] = ()  # "last", «последний»: of an office, its last holder
    asks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind of question -> its words
    months: tuple[Month, ...] = ()
    dates: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing a follow-up can swap or carry over: an event, a party, a place."""

    id: str
    slot: str  # "time" | "party" | "place" | ...: names in one slot replace each other
    names: LangList
    intent: str | None = None  # for events: the entry whose `when` dates it


@dataclass(frozen=True, slots=True)
class ConversationData:
    words: dict[str, Words] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    offices: tuple[Office, ...] = ()


@dataclass(frozen=True, slots=True)
class Holder:
    intent: str  # the entry of the person
    start: date
    end: date | None  # None: holds it still


@dataclass(frozen=True, slots=True)
class Office:
    """An office and its holders in order: "who was president of Azerbaijan in 1993", "who came
    after him"."""

    id: str
    names: LangList  # how questions name it: "president of azerbaijan", "президент азербайджана"
    holders: tuple[Holder, ...]
    # the other sides' offices, the first "his counterpart" ("his azerbaijani counterpart"); the
    # others answer only when their side is named ("and in karabakh?" after Armenia's leader)
    counterparts: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    intents: tuple[Intent, ...]
    categories: tuple[Category, ...]
    sources: dict[str, Source]
    messages: dict[str, LangText]
    characters: dict[str, str]
    languages: dict[str, Language]
    conversation: ConversationData = field(default_factory=ConversationData)
    scope: tuple[Intent, ...] = ()  # greetings, other wars, the 1915 genocide: `answer` is the reply
    _by_id: dict[str, Intent] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.intents})

    def intent(self, intent_id: str) -> Intent | None:
        return self._by_id.get(intent_id)

    def intents_of(self, ids: Iterable[str]) -> list[Intent]:
        """The entries with these ids, in order; ids no longer in the base are skipped."""
        return [i for i in (self._by_id.get(x) for x in ids) if i is not None]

    @cached_property
    def normalizer(self) -> Normalizer:
        """One normaliser per knowledge base: validation and the index then share its cache."""
        from nkbot.engine.normalize import Normalizer

        return Normalizer(
            self.characters,
            {k: v for lang in self.languages.values() for k, v in lang.variants.items()},
            [w for lang in self.languages.values() for w in lang.stopwords],
            [w for lang in self.languages.values() for w in lang.year_words],
            [w for lang in self.languages.values() for w in lang.year_names],
            [w for lang in self.languages.values() for w in lang.year_endings],
            [w for lang in self.languages.values() for w in lang.decade_endings],
            [w for lang in self.languages.values() for w in lang.fillers],
        )

    def message(self, key: str, lang: str = DEFAULT_LANG) -> str:
        texts = self.messages.get(key)
        if texts is None:
            raise KeyError(f"knowledge/messages.yaml has no message {key!r}")
        return pick(texts, lang)

    def timeline(self) -> list[Intent]:
        """Entries that carry a date, oldest first; of those beginning the same day, the events
        first (the 2020 war before the shelling of Stepanakert and the court cases it began)."""
        dated = [i for i in self.intents if i.when is not None]
        return sorted(
            dated, key=lambda i: (i.when.start, i.category != EVENTS, i.when.end) if i.when else (date.min,)
        )
