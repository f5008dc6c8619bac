"""The last line of defence: log with context, apologise to the user, keep running."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from nkbot.bot.services import services

log = logging.getLogger("nkbot.bot")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    where = ""
    if isinstance(update, Update):
        chat = update.effective_chat
        where = f" (update {update.update_id}, chat type {chat.type if chat else '-'})"
    log.error("error while handling an update%s", where, exc_info=context.error)
    if not isinstance(update, Update):
        return
    message = update.effective_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    try:
        svc = services(context)
        user = update.effective_user
        text = svc.engine.kb.message(
            "tg_error", svc.engine.language("", None, user.language_code if user else None)
        )
        await message.get_bot().send_message(message.chat_id, escape(text))
    except Exception:  # the apology itself failed (network down): the log line above is enough
        log.warning("could not tell the user about the error", exc_info=True)
