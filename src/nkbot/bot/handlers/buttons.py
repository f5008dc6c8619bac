"""Inline-keyboard presses: open an entry, browse topics, page the timeline."""

from __future__ import annotations

import contextlib
import time
from html import escape

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from nkbot.bot import keyboards
from nkbot.bot.handlers.charts import send_chart
from nkbot.bot.handlers.commands import category_title, timeline_text
from nkbot.bot.handlers.replies import language, send_entry, send_parts
from nkbot.bot.html import events_html, sources_html, split_message
from nkbot.bot.services import Services, services
from nkbot.engine.render import in_language_first, pages
from nkbot.querylog import Feedback


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    svc = services(context)
    kb = svc.engine.kb
    message = query.message if query.message is not None and query.message.is_accessible else None
    lang = language(context, query.from_user)
    data = keyboards.parse_callback(query.data)
    outdated = kb.message("tg_outdated_button", lang)
    if data is None or message is None:
        await query.answer(outdated)
        return
    if data.kind == "l":
        await _choose_language(query, svc, data.value)
        return
    if data.kind in ("u", "d"):
        await _vote(query, svc, data.value, 1 if data.kind == "u" else -1, lang)
        return
    if data.kind in ("a", "s"):  # an entry, or every source of it
        intent = kb.intent(data.value)
        if intent is None:
            await query.answer(outdated)
            return
        await query.answer()
        if data.kind == "s":
            text = sources_html(kb, intent, lang, in_language_first(intent.sources, lang))
            await send_parts(message, split_message(text), None, quote=False)  # type: ignore[arg-type]
            return
        key = (message.chat.id, query.from_user.id)
        conversations = svc.conversations
        conversations.put(key, svc.engine.chose(intent, lang, conversations.now(), conversations.get(key)))
        await send_entry(message, svc, intent, lang)  # type: ignore[arg-type]
        return
    if data.kind == "g":
        if data.value not in svc.live.charts.names():
            await query.answer(outdated)
            return
        await query.answer()
        await send_chart(message, svc, data.value, lang)  # type: ignore[arg-type]
        return
    if data.kind == "e":
        parsed = keyboards.parse_events(data.value)
        result = svc.engine.events(parsed[0], lang) if parsed is not None else None
        if parsed is None or result is None or not 0 <= parsed[1] < pages(len(result.events)):
            await query.answer(outdated)
            return
        text, markup = events_html(kb, result, parsed[1]), keyboards.events_keyboard(kb, result, parsed[1])
        await query.answer()
        with contextlib.suppress(BadRequest):  # the same page again: "message is not modified"
            await query.edit_message_text(split_message(text)[0], reply_markup=markup)
        return
    if data.kind == "c":
        if not data.value:
            text, markup = escape(kb.message("tg_topics_heading", lang)), keyboards.topics_keyboard(kb, lang)
        else:
            title = category_title(kb, data.value, lang)
            if title is None:
                await query.answer(outdated)
                return
            text = escape(kb.message("tg_topic_heading", lang).format(topic=title))
            markup = keyboards.category_keyboard(kb, data.value, lang)
    else:
        page = int(data.value) if data.value.isdigit() else 0
        if not 1 <= page <= keyboards.timeline_pages(kb):
            await query.answer(outdated)
            return
        text, markup = timeline_text(kb, page, lang), keyboards.timeline_keyboard(kb, page, lang)
    await query.answer()
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # pressing the button that shows the same page again
        if "not modified" not in str(exc).lower():
            raise


async def _vote(query: CallbackQuery, svc: Services, ref: str, vote: int, lang: str) -> None:
    """Store a 👍/👎 once per user and answer; the same user pressing again changes nothing."""
    kb = svc.engine.kb
    if svc.log is None or not ref or not svc.may_vote(ref, query.from_user.id):
        await query.answer(kb.message("tg_outdated_button", lang))
        return
    key = svc.log.user_key(query.from_user.id)
    if (ref, key) not in svc.votes:
        svc.votes.add((ref, key))
        svc.log.feedback(Feedback(time.time(), ref, key, vote))
    await query.answer(kb.message("tg_thanks_feedback", lang))


async def _choose_language(query: CallbackQuery, svc: Services, choice: str) -> None:
    kb = svc.engine.kb
    user_id = query.from_user.id
    if choice == "auto":
        svc.chosen_language.pop(user_id, None)
        lang, key = svc.engine.language("", None, query.from_user.language_code), "tg_language_auto"
    elif choice in kb.languages:
        svc.chosen_language[user_id] = lang = choice
        key = "tg_language_set"
    else:
        await query.answer(kb.message("tg_outdated_button", svc.engine.language("")))
        return
    await query.answer()
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(escape(kb.message(key, lang)))
