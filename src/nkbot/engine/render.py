"""Plain-text rendering of results; every answer ends with its sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nkbot.engine.engine import MAX_QUESTION_CHARS, Reason, Result, Status
from nkbot.engine.model import DEFAULT_LANG, Fact, Intent, KnowledgeBase, Source, Span, Words, pick
from nkbot.engine.normalize import is_cyrillic
from nkbot.engine.timeline import date_label

EVENTS_PER_PAGE = 6  # events of a date question shown at once: a phone screen or two
SOURCES_SHOWN = 3  # sources under a reply before the user asks for all of them
LEAD_MIN = 60  # a lead sentence shorter than this takes the next sentence along

# A sentence ends at . ! ? or … (and any closing quote or bracket) before a capital, a digit or an
# opening quote; not after an initial ("J. Smith", "U.S.") or a short abbreviation ("St.", "г.").
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"')\]]*\s+(?=[«\"(\dA-ZА-ЯЁ])")
_ABBREVIATIONS = "|".join(
    (
        "approx|incl|Gen|Col|Lt|Maj|Sgt|Capt|Jr|Sr|St|Dr|Mr|Ms|Mrs|No|vs|etc|resp",
        "азерб|арм|англ|ул|им|см|гг|вв|тыс|ст",
    )
)
# an initial is one letter: "it.", "UN." and "Mi-24." end sentences
_ABBREVIATION = re.compile(rf"\b(?:\w|{_ABBREVIATIONS})\.$")


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer as a user first sees it, and what waits behind a tap.

    `answer` is the precise answer (the fact asked, or the entry's lead sentence); `details` the
    rest of the entry; `sources` the few shown with the answer, `all_sources` the entry's.
    """

    title: str
    answer: str
    details: str
    sources: tuple[Source, ...]
    all_sources: tuple[Source, ...]


def split_lead(text: str) -> tuple[str, str]:
    """The opening sentence (with the next when it is very short) and the rest of the text."""
    paragraph, _, later = text.partition("\n")
    cut = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(paragraph[: match.start()]):
            continue
        cut = match.start()
        if cut >= LEAD_MIN:
            break
    else:
        cut = len(paragraph)
    if cut < LEAD_MIN:
        cut = len(paragraph)
    lead = paragraph[:cut].strip()
    rest = paragraph[cut:].strip()
    rest = f"{rest}\n{later}".strip()
    return lead, rest


def in_language_first(sources: tuple[Source, ...], lang: str) -> tuple[Source, ...]:
    """Sources in the reader's language first (a Russian title marks a Russian source), order kept."""

    def other(source: Source) -> bool:
        return is_cyrillic(source.title) != (lang == "ru")

    return tuple(sorted(sources, key=other))


def reply_for(intent: Intent, lang: str, fact: Fact | None = None) -> Reply:
    answer = pick(intent.answer, lang)
    all_sources = in_language_first(intent.sources, lang)
    if fact is not None:
        return Reply(
            pick(intent.title, lang),
            pick(fact.answer, lang),
            answer,
            in_language_first(fact.sources, lang)[:SOURCES_SHOWN],
            all_sources,
        )
    lead, rest = split_lead(answer)
    return Reply(pick(intent.title, lang), lead, rest, all_sources[:SOURCES_SHOWN], all_sources)


def source_note(source: Source) -> str:
    """Publisher and date, to follow the title in parentheses: a publisher's own parenthesis
    ("The Business Standard (Reuters)") is flattened, as nested brackets read badly on a phone."""
    publisher = source.publisher
    if publisher and publisher.endswith(")") and " (" in publisher:
        publisher = publisher[:-1].replace(" (", ", ", 1)
    return ", ".join(x for x in (publisher, source.date) if x)


def source_label(source: Source) -> str:
    extra = source_note(source)
    return f"{source.title} ({extra})" if extra else source.title


def source_line(source: Source) -> str:
    return f"{source_label(source)}: {source.url}"


def visible_text(reply: Reply) -> str:
    """What a reader sees before expanding anything (links shown as their labels): for measuring."""
    return "\n".join([reply.title, reply.answer, *(source_label(s) for s in reply.sources)])


def _plain(kb: KnowledgeBase, title: str, body: str, sources: tuple[Source, ...], lang: str) -> str:
    lines = [title, "", body, "", kb.message("sources_heading", lang)]
    return "\n".join(lines + [f"- {source_line(s)}" for s in sources])


def render_reply(kb: KnowledgeBase, reply: Reply, lang: str) -> str:
    """The first-seen reply in plain text: the precise answer, then its sources."""
    return _plain(kb, reply.title, reply.answer, reply.sources, lang)


def render_details(kb: KnowledgeBase, reply: Reply, lang: str) -> str:
    """What /more shows after an answer: the rest of the entry and every source."""
    return _plain(kb, reply.title, reply.details or reply.answer, reply.all_sources, lang)


def render_answer(kb: KnowledgeBase, intent: Intent, lang: str, fact: Fact | None = None) -> str:
    return render_reply(kb, reply_for(intent, lang, fact), lang)


def words_for(kb: KnowledgeBase, lang: str) -> Words:
    words = kb.conversation.words
    return words.get(lang) or words.get(DEFAULT_LANG) or Words()


def span_label(kb: KnowledgeBase, span: Span, lang: str) -> str:
    return date_label(span, words_for(kb, lang))


def pages(count: int) -> int:
    return max(1, -(-count // EVENTS_PER_PAGE))


def page_events(events: tuple[Intent, ...], page: int) -> tuple[Intent, ...]:
    return events[page * EVENTS_PER_PAGE : (page + 1) * EVENTS_PER_PAGE]


def render_event(kb: KnowledgeBase, intent: Intent, lang: str, number: int | None = None) -> str:
    """One item of a timeline answer: date, title, the key fact, and its source."""
    when = span_label(kb, intent.when, lang) if intent.when else ""
    source = intent.sources[0]
    label = f"{number}. " if number is not None else ""
    return "\n".join(
        [
            f"{label}{when}: {pick(intent.title, lang)}",
            f"  {pick(intent.short, lang)}",
            f"  {kb.message('events_source', lang)}: {source_line(source)}",
        ]
    )


def events_heading(kb: KnowledgeBase, result: Result) -> str:
    """ "Events in 1992 (6):", or for a span without events "The fact base has no events dated …"."""
    assert result.span is not None
    span = span_label(kb, result.span, result.lang)
    if not result.events:
        return kb.message("no_events", result.lang).format(span=span)
    key = "events_heading_day" if result.span.start == result.span.end else "events_heading"
    return kb.message(key, result.lang).format(span=span, count=len(result.events))


def events_footer(kb: KnowledgeBase, result: Result, page: int) -> str | None:
    """ "Events 7–12 of 20." when the answer has more than one page."""
    count = len(result.events)
    if pages(count) <= 1:
        return None
    first = page * EVENTS_PER_PAGE + 1
    last = min(count, first + EVENTS_PER_PAGE - 1)
    return kb.message("events_page", result.lang).format(first=first, last=last, count=count)


def render_events(kb: KnowledgeBase, result: Result, page: int = 0) -> str:
    """A date question's answer, one page of it; the footer says which page when there are more."""
    lines = [events_heading(kb, result)]
    for n, intent in enumerate(page_events(result.events, page), page * EVENTS_PER_PAGE + 1):
        lines += ["", render_event(kb, intent, result.lang, n)]
    footer = events_footer(kb, result, page)
    return "\n".join([*lines, "", footer] if footer else lines)


def render_fallback(kb: KnowledgeBase, result: Result) -> str:
    """The message for a question that got no answer: why, and where to go from here."""
    lang = result.lang
    if result.reason is Reason.EMPTY:
        return kb.message("empty", lang)
    if result.reason is Reason.TOO_LONG:
        return kb.message("too_long", lang).format(
            length=len(result.question.strip()), limit=MAX_QUESTION_CHARS
        )
    if result.reason is Reason.OUT_OF_SCOPE and result.scope is not None:
        lines = [pick(result.scope.answer, lang)]
        related = kb.intents_of(result.scope.related)
        lines += [f"- {pick(i.title, lang)} (/show {i.id})" for i in related]
        return "\n".join(lines)
    if result.reason is Reason.NO_EVENTS and result.span is not None:
        lines = [events_heading(kb, result)]
        if result.suggestions:
            lines += ["", kb.message("nearest_events", lang)]
            lines += [render_event(kb, s.intent, lang) for s in result.suggestions]
        return "\n".join(lines)
    return f"{kb.message('unknown', lang)}\n{kb.message('topics_hint', lang)}"


def render_suggestions(kb: KnowledgeBase, result: Result) -> str:
    lines = [kb.message("did_you_mean", result.lang)]
    for n, s in enumerate(result.suggestions, 1):
        lines.append(f"{n}. {pick(s.intent.title, result.lang)}: {pick(s.intent.short, result.lang)}")
    return "\n".join(lines)


def render_result(kb: KnowledgeBase, result: Result, page: int = 0) -> str:
    if result.events:
        return render_events(kb, result, page)
    if result.status is Status.ANSWERED and result.intent is not None:
        return render_answer(kb, result.intent, result.lang, result.fact)
    if result.status is Status.AMBIGUOUS:
        return render_suggestions(kb, result)
    return render_fallback(kb, result)
