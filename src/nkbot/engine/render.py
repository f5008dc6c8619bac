"""Plain-text rendering of results; every answer ends with its sources."""

from __future__ import annotations

from nkbot.engine.engine import MAX_QUESTION_CHARS, Reason, Result, Status
from nkbot.engine.model import DEFAULT_LANG, Intent, KnowledgeBase, Source, Span, Words, pick
from nkbot.engine.timeline import date_label

EVENTS_PER_PAGE = 6  # events of a date question shown at once: a phone screen or two


def source_line(source: Source) -> str:
    extra = ", ".join(x for x in (source.publisher, source.date) if x)
    label = f"{source.title} ({extra})" if extra else source.title
    return f"{label}: {source.url}"


def render_answer(kb: KnowledgeBase, intent: Intent, lang: str) -> str:
    lines = [pick(intent.title, lang), "", pick(intent.answer, lang), "", kb.message("sources_heading", lang)]
    lines += [f"- {source_line(s)}" for s in intent.sources]
    return "\n".join(lines)


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
    return kb.message("events_heading", result.lang).format(span=span, count=len(result.events))


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
        return render_answer(kb, result.intent, result.lang)
    if result.status is Status.AMBIGUOUS:
        return render_suggestions(kb, result)
    return render_fallback(kb, result)
