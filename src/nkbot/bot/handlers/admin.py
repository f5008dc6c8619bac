"""Maintainers' commands, for the user ids in NKBOT_ADMIN_IDS only: /stats and /reload.

Everyone else gets exactly what an unknown command gets, so the commands do not advertise
themselves.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from html import escape

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from nkbot.bot.handlers.commands import unknown_command
from nkbot.bot.handlers.replies import language, send_parts
from nkbot.bot.html import split_message
from nkbot.bot.services import Services, services
from nkbot.querylog import stats

PROBLEMS_SHOWN = 15
log = logging.getLogger("nkbot.bot")


async def _reply_privately(update: Update, context: ContextTypes.DEFAULT_TYPE, parts: list[str]) -> None:
    """Admin replies hold other users' questions: they go to the admin's private chat, never to
    the group the command was typed in (where the bot says nothing)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if message.chat.type == ChatType.PRIVATE:
        await send_parts(message, parts, None, quote=False)
        return
    try:
        for part in parts:
            await context.bot.send_message(user.id, part)
    except TelegramError as exc:  # the admin never opened a private chat with the bot
        log.warning("admin reply could not be sent privately: %s", exc)


async def _refuse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when the sender is not an admin (and has been answered as for any unknown command)."""
    user = update.effective_user
    if services(context).is_admin(user.id if user else None):
        return False
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        await unknown_command(update, context)
    return True


def stats_text(svc: Services, since: float | None = None) -> str:
    if svc.log is None:
        return escape(svc.engine.kb.message("tg_stats_empty", "en"))
    with contextlib.closing(sqlite3.connect(f"file:{svc.log.path}?mode=ro", uri=True, timeout=5)) as conn:
        report = stats.compute(conn, since=since, limit=5)
    return f"<pre>{escape(stats.render_text(report))}</pre>"


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or await _refuse(update, context):
        return
    svc = services(context)
    text = await asyncio.to_thread(stats_text, svc)
    parts = split_message(text, 4000)
    if len(parts) > 1:  # keep <pre> balanced in every part
        parts = [p if p.startswith("<pre>") else "<pre>" + p for p in parts]
        parts = [p if p.endswith("</pre>") else p + "</pre>" for p in parts]
    await _reply_privately(update, context, parts)


def reload_text(svc: Services, ok: bool, problems: list[object], lang: str) -> str:
    kb = svc.engine.kb
    errors = [p for p in problems if getattr(p, "severity", "") == "error"]
    warnings = len(problems) - len(errors)
    if ok:
        return escape(
            kb.message("tg_reload_ok", lang).format(
                version=svc.live.version, entries=len(kb.intents), warnings=warnings
            )
        )
    head = kb.message("tg_reload_refused", lang).format(errors=len(errors), version=svc.live.version)
    listed = "\n".join(f"• {p}" for p in errors[:PROBLEMS_SHOWN])
    return escape(f"{head}\n{listed}")


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or await _refuse(update, context):
        return
    svc = services(context)
    ok, problems = await asyncio.to_thread(svc.live.reload)
    text = reload_text(svc, ok, list(problems), language(context, update.effective_user))
    await _reply_privately(update, context, split_message(text))
