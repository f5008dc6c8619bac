"""Text that is a question: every text in private chats; in groups only what is addressed to us."""

from __future__ import annotations

import re
import time
from html import escape

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from nkbot.bot.handlers.replies import language, send_parts, send_result
from nkbot.bot.services import Services, services
from nkbot.querylog.records import new_ref


def addressed_text(message: Message, bot_id: int, username: str) -> str | None:
    """The question in a group message meant for the bot (mention or reply to it), else None."""
    text = message.text or ""
    mentioned = False
    handle = f"@{username}".lower()
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        by_name = entity.type == MessageEntity.MENTION and value.lower() == handle
        by_id = (
            entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot_id
        )
        mentioned = mentioned or by_name or by_id
    replied = message.reply_to_message is not None and (
        message.reply_to_message.from_user is not None and message.reply_to_message.from_user.id == bot_id
    )
    if not (mentioned or replied):
        return None
    if username:
        text = re.sub(re.escape(handle), " ", text, flags=re.IGNORECASE)
    return text.strip()


async def _answer(
    message: Message, context: ContextTypes.DEFAULT_TYPE, question: str, interface: str, update_id: int
) -> None:
    started = time.perf_counter()
    svc = services(context)
    user = message.from_user
    lang = language(context, user, question)
    key = (message.chat.id, user.id if user is not None else None)
    result, follow = svc.engine.respond(question, svc.conversations.get(key), lang, svc.conversations.now())
    svc.conversations.put(key, follow)
    ref = new_ref()
    if user is not None:
        svc.answered(ref, user.id)
    await send_result(message, svc, result, ref)
    code = user.language_code if user is not None else None
    svc.record(interface, message.chat.type, user.id if user else None, code, result, started, ref, update_id)


def counts_against_limit(update: Update, svc: Services) -> bool:
    """Everything a user sends the bot counts, but not group chatter the bot ignores anyway."""
    message = update.message
    if message is None or message.chat.type == ChatType.PRIVATE:
        return True
    if message.text is not None and message.text.startswith("/"):
        return True
    return (
        message.text is not None
        and addressed_text(message, message.get_bot().id, svc.bot_username) is not None
    )


async def rate_limited(update: Update, svc: Services) -> None:
    """The one notice a flooding user gets per window (sent by the intake, not a handler)."""
    message = update.effective_message
    if message is None:
        return
    lang = svc.language_of(update.effective_user, message.text or "")
    text = escape(svc.engine.kb.message("tg_rate_limited", lang))
    await send_parts(message, [text], None, quote=message.chat.type != ChatType.PRIVATE)


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    await _answer(message, context, message.text, "private", update.update_id)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    svc = services(context)
    question = addressed_text(message, context.bot.id, svc.bot_username)
    if question is None:
        return  # chatter between people: stay silent
    await _answer(message, context, question, "group", update.update_id)


async def private_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice: say what the bot can read instead of staying mute."""
    message = update.effective_message
    if message is None:
        return
    kb = services(context).engine.kb
    text = kb.message("tg_non_text", language(context, update.effective_user))
    await send_parts(message, [escape(text)], None, quote=False)
