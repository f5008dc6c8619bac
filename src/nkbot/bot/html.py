"""Telegram HTML rendering: every user-visible fragment escaped, sources as links, 4,096-char parts."""

from __future__ import annotations

from html import escape

from nkbot.engine import Result
from nkbot.engine.model import Intent, KnowledgeBase, Source, pick
from nkbot.engine.render import (
    Reply,
    events_footer,
    events_heading,
    page_events,
    source_note,
    span_label,
)

MESSAGE_LIMIT = 4096


def source_html(source: Source) -> str:
    extra = source_note(source)
    link = f'<a href="{escape(source.url, quote=True)}">{escape(source.title)}</a>'
    return f"• {link} ({escape(extra)})" if extra else f"• {link}"


def answer_html(kb: KnowledgeBase, reply: Reply, lang: str, details: bool = True) -> str:
    """The precise answer first, the entry's detail folded in an expandable quote, then at most
    three sources. A reply too long for one message loses the fold, so it can be split."""
    head = [f"<b>{escape(reply.title)}</b>", escape(reply.answer)]
    sources = [f"<b>{escape(kb.message('sources_heading', lang))}</b>"]
    sources += [source_html(s) for s in reply.sources]
    detail = escape(reply.details) if details else ""
    if detail:
        folded = "\n".join([*head, f"<blockquote expandable>{detail}</blockquote>", *sources])
        if len(folded.encode("utf-16-le")) // 2 <= MESSAGE_LIMIT:
            return folded
        return "\n".join([*head, "", detail, "", *sources])
    return "\n".join([*head, "", *sources])


def sources_html(kb: KnowledgeBase, intent: Intent, lang: str, sources: tuple[Source, ...]) -> str:
    """Every source of an entry (the "All sources" button)."""
    lines = [f"<b>{escape(pick(intent.title, lang))}</b>", escape(kb.message("sources_heading", lang))]
    return "\n".join(lines + [source_html(s) for s in sources])


def suggestions_html(kb: KnowledgeBase, result: Result) -> str:
    lines = [escape(kb.message("tg_did_you_mean", result.lang))]
    for s in result.suggestions:
        title, short = pick(s.intent.title, result.lang), pick(s.intent.short, result.lang)
        lines.append(f"• <b>{escape(title)}</b>: {escape(short)}")
    return "\n".join(lines)


def event_html(kb: KnowledgeBase, intent: Intent, lang: str) -> str:
    when = span_label(kb, intent.when, lang) if intent.when else ""
    source = intent.sources[0]
    link = f'<a href="{escape(source.url, quote=True)}">{escape(source.title)}</a>'
    return "\n".join(
        [
            f"<b>{escape(when)}</b>: {escape(pick(intent.title, lang))}",
            escape(pick(intent.short, lang)),
            f"{escape(kb.message('events_source', lang))}: {link}",
        ]
    )


def events_html(kb: KnowledgeBase, result: Result, page: int) -> str:
    """One page of a date question's answer: each event dated, summed up and cited."""
    lang = result.lang
    if not result.events:
        lines = [escape(events_heading(kb, result))]
        if result.suggestions:
            lines += ["", escape(kb.message("nearest_events", lang))]
            lines += [event_html(kb, s.intent, lang) for s in result.suggestions]
        return "\n".join(lines)
    lines = [f"<b>{escape(events_heading(kb, result))}</b>"]
    for intent in page_events(result.events, page):
        lines += ["", event_html(kb, intent, lang)]
    footer = events_footer(kb, result, page)
    return "\n".join([*lines, "", escape(footer)] if footer else lines)


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut at line breaks (never inside a tag or an entity); the answers keep tags within a line.

    The limit is counted in UTF-16 code units, as Telegram counts, on the HTML text (an upper
    bound of the visible length).
    """

    def size(s: str) -> int:
        return len(s.encode("utf-16-le")) // 2

    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        pieces = [line]
        if size(line) > limit:  # a paragraph longer than a message: cut at spaces
            pieces, piece = [], ""
            for word in line.split(" "):
                if piece and size(piece) + 1 + size(word) > limit:
                    pieces.append(piece)
                    piece = word
                else:
                    piece = f"{piece} {word}" if piece else word
            pieces.append(piece)
        for piece in pieces:
            candidate = f"{current}\n{piece}" if current else piece
            if size(candidate) <= limit:
                current = candidate
            else:
                if current.strip():
                    parts.append(current.strip("\n"))
                current = piece
    if current.strip():
        parts.append(current.strip("\n"))
    return parts or [""]
