"""Receiving updates by webhook: a small aiohttp server that checks the secret token and the size
of a request before it reads the body.

python-telegram-bot's own webhook server (tornado) reads whole bodies, up to 100 MB each, before
looking at the secret: ten such requests took the process from 67 MB to 1 GB. Telegram's updates
are a few kilobytes, so anything over MAX_BODY is refused unread.
"""

from __future__ import annotations

import hmac
import json
import logging

from aiohttp import web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger("nkbot.bot")

MAX_BODY = 1024 * 1024  # bytes; a long message with its entities is well under 64 KB
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_app(application: Application, path: str, secret: str) -> web.Application:  # type: ignore[type-arg]
    """The aiohttp application that puts each verified update on the bot's update queue."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=403)  # before a byte of the body is read
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=413)
        try:
            data = json.loads(await request.read())  # aiohttp stops at client_max_size too
            update = Update.de_json(data, application.bot)
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("webhook: a request that is not an update (%s)", type(exc).__name__)
            return web.Response(status=400)
        inbox = application.bot_data["nkbot"].inbox
        if inbox is not None and not await inbox.journal([update]):
            return web.Response(status=200)  # delivered again: already journaled, not handled twice
        await application.update_queue.put(update)  # on disk before Telegram hears 200
        return web.Response(status=200)

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post("/" + path.strip("/"), receive)
    return app
