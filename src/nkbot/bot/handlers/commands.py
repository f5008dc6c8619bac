"""/start, /help, /topics, /timeline, /sources, /about: the bot's menu."""

from __future__ import annotations

from collections import Counter
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from nkbot.bot import keyboards
from nkbot.bot.handlers.replies import language, send_entry, send_parts
from nkbot.bot.services import services
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


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    lang = language(context, update.effective_user)
    text = svc.engine.kb.message("tg_help", lang).format(bot=svc.bot_username or "nkbot")
    await send_parts(message, [escape(text)], None, quote=False)


async def topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    kb = services(context).engine.kb
    lang = language(context, update.effective_user)
    await send_parts(
        message,
        [escape(kb.message("tg_topics_heading", lang))],
        keyboards.topics_keyboard(kb, lang),
        quote=False,
    )


def timeline_text(kb: KnowledgeBase, page: int, lang: str) -> str:
    return escape(
        kb.message("tg_timeline_heading", lang).format(page=page, pages=keyboards.timeline_pages(kb))
    )


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    kb = services(context).engine.kb
    lang = language(context, update.effective_user)
    await send_parts(
        message, [timeline_text(kb, 1, lang)], keyboards.timeline_keyboard(kb, 1, lang), quote=False
    )


def sources_text(kb: KnowledgeBase, lang: str) -> str:
    cited = {s.id: s for i in kb.intents for s in i.sources}
    publishers = Counter(s.publisher for s in cited.values() if s.publisher)
    lines = [escape(kb.message("tg_sources_intro", lang).format(count=len(cited)))]
    lines += [f"• {escape(name)}: {n}" for name, n in publishers.most_common(PUBLISHERS_SHOWN)]
    lines += ["", escape(kb.message("tg_sources_outro", lang))]
    return "\n".join(lines)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    kb = services(context).engine.kb
    await send_parts(message, [sources_text(kb, language(context, update.effective_user))], None, quote=False)


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    kb = services(context).engine.kb
    await send_parts(
        message, [escape(kb.message("tg_about", language(context, update.effective_user)))], None, quote=False
    )


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    kb = services(context).engine.kb
    await send_parts(
        message,
        [escape(kb.message("tg_unknown_command", language(context, update.effective_user)))],
        None,
        quote=False,
    )


def category_title(kb: KnowledgeBase, category: str, lang: str) -> str | None:
    found = next((c for c in kb.categories if c.id == category), None)
    return pick(found.title, lang) if found else None


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    kb = svc.engine.kb
    user = update.effective_user
    lang = language(context, user)
    chosen = svc.chosen_language.get(user.id) if user else None
    current = {"en": "English", "ru": "Русский"}.get(chosen or "", kb.message("btn_language_auto", lang))
    text = escape(kb.message("tg_language_prompt", lang).format(current=current))
    await send_parts(message, [text], keyboards.language_keyboard(kb, lang), quote=False)
