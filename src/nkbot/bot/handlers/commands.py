"""/start, /help, /topics, /timeline, /chart, /sources, /about, /language: the bot's menu."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from nkbot.bot import keyboards
from nkbot.bot.handlers.charts import send_chart
from nkbot.bot.handlers.replies import language, send_entry, send_parts
from nkbot.bot.services import Services, services
from nkbot.engine.model import KnowledgeBase, pick

PUBLISHERS_SHOWN = 12


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    lang = language(context, update.effective_user)
    kb = svc.engine.kb
    if context.args:  # deep link: t.me/<bot>?start=<entry id>
        intent = kb.intent(context.args[0].strip().lower())
        if intent is not None:
            await send_entry(message, svc, intent, lang)
            return
    examples = svc.examples(lang)
    text = escape(kb.message("tg_welcome", lang))
    if examples:
        text += "\n\n" + escape(kb.message("tg_examples_heading", lang))
    rows = [[InlineKeyboardButton(q, callback_data=f"a|{iid}")] for q, iid in examples]
    rows.append([keyboards.topics_button(kb, lang)])
    await send_parts(message, [text], InlineKeyboardMarkup(rows), quote=False)


Build = Callable[[Services, str], tuple[str, InlineKeyboardMarkup | None]]


async def _reply(update: Update, context: ContextTypes.DEFAULT_TYPE, build: Build) -> None:
    """Send what `build(services, language)` makes (HTML text, keyboard) in reply to a command."""
    message = update.effective_message
    if message is None:
        return
    text, markup = build(services(context), language(context, update.effective_user))
    await send_parts(message, [text], markup, quote=False)


def _text(key: str) -> Build:
    """A command that answers with one of the bot's texts."""
    return lambda svc, lang: (
        escape(svc.engine.kb.message(key, lang).format(bot=svc.bot_username or "nkbot")),
        None,
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _reply(update, context, _text("tg_help"))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _reply(update, context, _text("tg_about"))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _reply(update, context, _text("tg_unknown_command"))


async def topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    def build(svc: Services, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
        kb = svc.engine.kb
        return escape(kb.message("tg_topics_heading", lang)), keyboards.topics_keyboard(kb, lang)

    await _reply(update, context, build)


def timeline_text(kb: KnowledgeBase, page: int, lang: str) -> str:
    pages = keyboards.timeline_pages(kb)
    return escape(kb.message("tg_timeline_heading", lang).format(page=page, pages=pages))


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    def build(svc: Services, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
        kb = svc.engine.kb
        return timeline_text(kb, 1, lang), keyboards.timeline_keyboard(kb, 1, lang)

    await _reply(update, context, build)


def sources_text(kb: KnowledgeBase, lang: str) -> str:
    cited = {s.id: s for i in kb.intents for s in i.sources}
    publishers = Counter(s.publisher for s in cited.values() if s.publisher)
    lines = [escape(kb.message("tg_sources_intro", lang).format(count=len(cited)))]
    lines += [f"• {escape(name)}: {n}" for name, n in publishers.most_common(PUBLISHERS_SHOWN)]
    lines += ["", escape(kb.message("tg_sources_outro", lang))]
    return "\n".join(lines)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _reply(update, context, lambda svc, lang: (sources_text(svc.engine.kb, lang), None))


def category_title(kb: KnowledgeBase, category: str, lang: str) -> str | None:
    found = next((c for c in kb.categories if c.id == category), None)
    return pick(found.title, lang) if found else None


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user

    def build(svc: Services, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
        kb = svc.engine.kb
        chosen = svc.chosen_language.get(user.id) if user else None
        current = kb.message("language_name", chosen) if chosen else kb.message("btn_language_auto", lang)
        text = escape(kb.message("tg_language_prompt", lang).format(current=current))
        return text, keyboards.language_keyboard(kb, lang)

    await _reply(update, context, build)


async def chart_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/chart NAME sends the picture; without a (known) name, the charts as buttons."""
    message = update.effective_message
    name = (context.args[0] if context.args else "").strip().lower()
    svc = services(context)
    if message is not None and name in svc.live.charts.names():
        await send_chart(message, svc, name, language(context, update.effective_user))
        return

    def build(svc: Services, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
        kb, names = svc.engine.kb, svc.live.charts.names()
        if name:
            text = kb.message("chart_unknown", lang).format(name=name[:40], names=", ".join(names))
        else:
            text = kb.message("chart_usage", lang).format(names=" | ".join(names))
        return escape(text), keyboards.charts_keyboard(kb, names, lang)

    await _reply(update, context, build)
