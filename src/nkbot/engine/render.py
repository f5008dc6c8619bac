"""Plain-text rendering of results; every answer ends with its sources."""

from __future__ import annotations

from nkbot.engine.engine import MAX_QUESTION_CHARS, Reason, Result, Status
from nkbot.engine.model import Intent, KnowledgeBase, Source, pick


def source_line(source: Source) -> str:
    extra = ", ".join(x for x in (source.publisher, source.date) if x)
    label = f"{source.title} ({extra})" if extra else source.title
    return f"{label}: {source.url}"


def render_answer(kb: KnowledgeBase, intent: Intent, lang: str) -> str:
    lines = [pick(intent.title, lang), "", pick(intent.answer, lang), "", kb.message("sources_heading", lang)]
    lines += [f"- {source_line(s)}" for s in intent.sources]
    return "\n".join(lines)


def render_fallback(kb: KnowledgeBase, result: Result) -> str:
    """The message for a question that got no answer: why, and where to go from here."""
    lang = result.lang
    if result.reason is Reason.EMPTY:
        return kb.message("empty", lang)
    if result.reason is Reason.TOO_LONG:
        return kb.message("too_long", lang).format(
            length=len(result.question.strip()), limit=MAX_QUESTION_CHARS
        )
    return f"{kb.message('unknown', lang)}\n{kb.message('topics_hint', lang)}"


def render_suggestions(kb: KnowledgeBase, result: Result) -> str:
    lines = [kb.message("did_you_mean", result.lang)]
    for n, s in enumerate(result.suggestions, 1):
        lines.append(f"{n}. {pick(s.intent.title, result.lang)}: {pick(s.intent.short, result.lang)}")
    return "\n".join(lines)


def render_result(kb: KnowledgeBase, result: Result) -> str:
    if result.status is Status.ANSWERED and result.intent is not None:
        return render_answer(kb, result.intent, result.lang)
    if result.status is Status.AMBIGUOUS:
        return render_suggestions(kb, result)
    return render_fallback(kb, result)
