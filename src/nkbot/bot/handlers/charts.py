"""Sending a chart: a picture drawn from the knowledge, as a photo with a cited caption."""

from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import Message, ReplyParameters
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError

from nkbot.bot.handlers.replies import send_parts
from nkbot.bot.services import Services

log = logging.getLogger("nkbot.charts")
CAPTION_LIMIT = 1024  # Telegram counts the caption's visible characters


def caption_html(svc: Services, name: str, lang: str) -> str:
    """Title and sources as links; sources that would pass Telegram's limit are left to /sources."""
    title, sources = svc.live.charts.caption_parts(name, lang)
    kb = svc.engine.kb
    lines = [f"<b>{escape(title)}</b>", escape(kb.message("sources_heading", lang))]
    visible = len(title) + len(lines[1]) + 2
    for n, (label, url) in enumerate(sources, 1):
        item = f"[{n}] {label}"
        if visible + len(item) + 1 > CAPTION_LIMIT - 2:
            lines.append("…")
            break
        visible += len(item) + 1
        lines.append(f'[{n}] <a href="{escape(url, quote=True)}">{escape(label)}</a>')
    return "\n".join(lines)


async def send_chart(message: Message, svc: Services, name: str, lang: str) -> None:
    """Render (in a thread, once per knowledge version and language) and send; Telegram keeps
    the uploaded file, so later sends of the same picture pass its file_id only."""
    charts = svc.live.charts
    key = (svc.live.version, name, lang)
    bot = message.get_bot()
    quote = message.chat.type != ChatType.PRIVATE
    thread = message.message_thread_id if message.is_topic_message else None
    try:
        photo: str | bytes | None = svc.chart_files.get(key)
        if photo is None:
            await bot.send_chat_action(message.chat_id, ChatAction.UPLOAD_PHOTO, message_thread_id=thread)
            photo = await asyncio.to_thread(charts.png, name, lang)
        sent = await bot.send_photo(
            message.chat_id,
            photo,
            caption=caption_html(svc, name, lang),
            reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True)
            if quote
            else None,
            message_thread_id=thread,
        )
    except (TelegramError, OSError, ValueError, RuntimeError):
        log.exception("chart %r (%s) could not be sent", name, lang)
        await send_parts(message, [escape(svc.engine.kb.message("chart_failed", lang))], None, quote)
        return
    if sent.photo:
        svc.chart_files[key] = sent.photo[-1].file_id
