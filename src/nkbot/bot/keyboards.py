"""Inline keyboards and their callback data, which is checked on the way back in.

Callback data is `kind|value`, at most 64 bytes: `a|<entry id>` shows an entry, `c|<category>`
lists a topic (`c|` the topics), `t|<page>` a timeline page, `u|<ref>` / `d|<ref>` a vote on
the answer logged as `ref`, `l|<lang>` a language choice (`l|auto`: the question's),
`e|<YYYYMMDD>-<YYYYMMDD>-<page>` a page of the events in a span, `g|<chart>` a chart, `s|<entry
id>` every source of an entry. Anything
else, or an id that no longer exists, is answered as an outdated button: data can be old or
forged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from nkbot.engine import Result
from nkbot.engine.model import Intent, KnowledgeBase, Span, pick
from nkbot.engine.render import page_events, pages

_DATA = re.compile(r"^(a|c|t|u|d|l|e|g|s)\|([a-z0-9-]{0,60})$")
_EVENTS = re.compile(r"^(\d{8})-(\d{8})-(\d{1,3})$")
LABEL_MAX = 60
SHORT_LABEL_MAX = 32  # two entry buttons share a row under an answer
TIMELINE_PAGE = 8


@dataclass(frozen=True, slots=True)
class Callback:
    kind: str  # "a" entry, "c" category (empty: all), "t" timeline page, "u"/"d" vote up/down
    value: str


def parse_callback(data: str | None) -> Callback | None:
    match = _DATA.match(data or "")
    return Callback(match.group(1), match.group(2)) if match else None


def _label(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entry_button(intent: Intent, lang: str, prefix: str = "", limit: int = LABEL_MAX) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        _label(prefix + pick(intent.title, lang), limit), callback_data=f"a|{intent.id}"
    )


def entries_keyboard(intents: list[Intent], lang: str) -> InlineKeyboardMarkup | None:
    if not intents:
        return None
    return InlineKeyboardMarkup([[entry_button(i, lang)] for i in intents])


def answer_keyboard(
    kb: KnowledgeBase,
    entries: list[Intent],
    lang: str,
    ref: str | None,
    chart: str | None = None,
    sources: tuple[str, int] | None = None,
) -> InlineKeyboardMarkup | None:
    """Two rows at most under an answer: up to two other entries (runners-up, related), then the
    chart, every source (`sources`: entry id and count) and 👍 / 👎 when the question was logged."""
    rows = [[entry_button(i, lang, limit=SHORT_LABEL_MAX) for i in entries[:2]]] if entries else []
    tools = (
        [InlineKeyboardButton(kb.message("chart_button", lang), callback_data=f"g|{chart}")] if chart else []
    )
    if sources is not None:
        intent_id, count = sources
        label = kb.message("btn_all_sources", lang).format(count=count)
        tools.append(InlineKeyboardButton(label, callback_data=f"s|{intent_id}"))
    if ref:
        tools.append(InlineKeyboardButton(kb.message("btn_helpful", lang), callback_data=f"u|{ref}"))
        tools.append(InlineKeyboardButton(kb.message("btn_not_helpful", lang), callback_data=f"d|{ref}"))
    if tools:
        rows.append(tools)
    return InlineKeyboardMarkup(rows) if rows else None


def topics_button(kb: KnowledgeBase, lang: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(kb.message("btn_topics", lang), callback_data="c|")


def topics_keyboard(kb: KnowledgeBase, lang: str) -> InlineKeyboardMarkup:
    rows = []
    for c in kb.categories:
        count = sum(1 for i in kb.intents if i.category == c.id)
        if count:
            rows.append([InlineKeyboardButton(f"{pick(c.title, lang)} ({count})", callback_data=f"c|{c.id}")])
    rows.append([InlineKeyboardButton(kb.message("btn_timeline", lang), callback_data="t|1")])
    return InlineKeyboardMarkup(rows)


def category_keyboard(kb: KnowledgeBase, category: str, lang: str) -> InlineKeyboardMarkup:
    rows = [[entry_button(i, lang)] for i in kb.intents if i.category == category]
    rows.append([InlineKeyboardButton(kb.message("btn_back", lang), callback_data="c|")])
    return InlineKeyboardMarkup(rows)


def timeline_pages(kb: KnowledgeBase) -> int:
    return max(1, -(-len(kb.timeline()) // TIMELINE_PAGE))


def timeline_keyboard(kb: KnowledgeBase, page: int, lang: str) -> InlineKeyboardMarkup:
    events = kb.timeline()[(page - 1) * TIMELINE_PAGE : page * TIMELINE_PAGE]
    rows = [
        [entry_button(i, lang, prefix=f"{i.when.text.split('/')[0]} · " if i.when else "")] for i in events
    ]
    nav = []
    if page > 1:
        nav.append(InlineKeyboardButton(kb.message("btn_previous", lang), callback_data=f"t|{page - 1}"))
    if page < timeline_pages(kb):
        nav.append(InlineKeyboardButton(kb.message("btn_next", lang), callback_data=f"t|{page + 1}"))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def events_value(span: Span, page: int) -> str:
    return f"{span.start:%Y%m%d}-{span.end:%Y%m%d}-{page}"


def parse_events(value: str) -> tuple[Span, int] | None:
    """The span and page of an `e|` button; None when the data is malformed."""
    match = _EVENTS.match(value)
    if not match:
        return None
    try:
        start = datetime.strptime(match.group(1), "%Y%m%d").date()
        end = datetime.strptime(match.group(2), "%Y%m%d").date()
    except ValueError:
        return None
    if end < start:
        return None
    return Span(start, end, f"{start.isoformat()}/{end.isoformat()}"), int(match.group(3))


def events_keyboard(kb: KnowledgeBase, result: Result, page: int) -> InlineKeyboardMarkup | None:
    """The events of this page as buttons that open them, and the way to the other pages."""
    lang = result.lang
    shown = page_events(result.events, page) if result.events else tuple(s.intent for s in result.suggestions)
    rows = [[entry_button(i, lang)] for i in shown]
    nav = []
    if result.span is not None and page > 0:
        value = events_value(result.span, page - 1)
        nav.append(InlineKeyboardButton(kb.message("btn_previous", lang), callback_data=f"e|{value}"))
    if result.span is not None and page + 1 < pages(len(result.events)):
        value = events_value(result.span, page + 1)
        nav.append(InlineKeyboardButton(kb.message("btn_next", lang), callback_data=f"e|{value}"))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


def charts_keyboard(kb: KnowledgeBase, names: list[str], lang: str) -> InlineKeyboardMarkup:
    """One button per chart (`g|<chart>`)."""
    label = kb.message("chart_button", lang)
    rows = [[InlineKeyboardButton(f"{label}: {name}", callback_data=f"g|{name}")] for name in names]
    return InlineKeyboardMarkup(rows)


def language_keyboard(kb: KnowledgeBase, lang: str) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(kb.message("language_name", code), callback_data=f"l|{code}")]
        for code in kb.languages
    ]
    rows.append([InlineKeyboardButton(kb.message("btn_language_auto", lang), callback_data="l|auto")])
    return InlineKeyboardMarkup(rows)
