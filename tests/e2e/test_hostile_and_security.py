"""Odd and hostile input through the real bot; secrets stay secret; the webhook checks its token."""

from __future__ import annotations

import contextlib
import io
import logging
import socket
import sqlite3
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from nkbot.bot.app import build_application, post_init, post_shutdown
from nkbot.bot.logs import setup_logging
from nkbot.bot.webhook import webhook_app
from nkbot.engine import Engine

from ..botapi import BotAPIServer, Fault
from .conftest import bot_settings, running_bot

USER, GROUP = 1101, -1001101


async def test_odd_text_still_gets_valid_replies(server: BotAPIServer, bot: Any) -> None:
    odd = [
        "\u202eлачин\u202c where is it",  # right-to-left override
        "bi\u200bsh\u200bkek pro\u200dtocol",  # zero-width characters
        "who\x00 won\x07 the\x1b[31m 2020 war",  # control characters
        "*bold* _it_ `code` [link](http://x) <i>x</i> &lt; &",  # Markdown and HTML metacharacters
        "مرحبا שלום Шуша",  # right-to-left scripts
        "🙂" * 500,
        "/start " + "x" * 300,  # a command with junk arguments
        "/topics ../../etc/passwd",
        "/timeline 9999",
    ]
    for text in odd:
        server.message(USER, USER, text)
    await server.replies(USER, len(odd))
    assert server.rejected == []
    assert all(m.text.strip() for m in server.sent[USER])


async def test_non_text_in_groups_is_ignored(server: BotAPIServer, bot: Any) -> None:
    server.sticker(GROUP, USER)
    server.sticker(USER, USER)  # in private it gets an explanation
    (reply,) = await server.replies(USER, 1)
    assert "text" in reply.text
    await server.wait_for(lambda: bot.update_processor.handled == 2)
    assert server.sent[GROUP] == []


async def test_sql_metacharacters_are_just_text(server: BotAPIServer, engine: Engine, tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite3"
    evil = "x'); DROP TABLE queries; -- \" OR 1=1"
    async with running_bot(server, engine, database=db):
        server.message(USER, USER, evil)
        await server.replies(USER, 1)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT question FROM queries").fetchall() == [(evil,)]


async def test_token_never_reaches_logs_or_users(server: BotAPIServer, engine: Engine, capsys: Any) -> None:
    setup_logging([server.token], level=logging.DEBUG)
    for chatty in ("aiohttp", "telegram"):  # the bot's HTTP library and PTB, at their chattiest
        logging.getLogger(chatty).setLevel(logging.DEBUG)
    try:
        server.faults["sendMessage"] += [Fault(status=500)] * 5 + [Fault(drop=True)] * 5 + [Fault(status=400)]
        server.faults["getUpdates"] += [Fault(status=502), Fault(drop=True)]
        async with running_bot(server, engine) as app:
            server.message(USER, USER, "bishkek protocol")
            server.message(USER, USER, "seven districts")
            await server.wait_for(lambda: app.update_processor.handled == 2, timeout=30)
    finally:
        logging.getLogger().handlers[:] = []
        for chatty in ("aiohttp", "telegram"):
            logging.getLogger(chatty).setLevel(logging.NOTSET)
    logged = capsys.readouterr().err
    assert "retrying" in logged or "error" in logged.lower()  # the faults were logged ...
    assert server.token not in logged  # ... without the token
    assert server.token.split(":")[1] not in logged
    for msg in server.sent[USER]:
        assert server.token not in msg.text and "Traceback" not in msg.text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_rejects_requests_without_the_secret_or_too_big(
    server: BotAPIServer, engine: Engine
) -> None:
    port = _free_port()
    settings = bot_settings(server, webhook_secret="s3cret-token")
    app = build_application(settings, engine, flood_limits=False)
    await app.initialize()
    await post_init(app)
    await app.start()
    runner = web.AppRunner(webhook_app(app, "/hook", "s3cret-token"))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": USER, "type": "private"},
            "from": BotAPIServer.user(USER),
            "text": "bishkek protocol",
        },
    }
    good = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
    try:
        async with aiohttp.ClientSession() as http:
            url = f"http://127.0.0.1:{port}/hook"
            async with http.post(url, json=update) as r:
                assert r.status == 403
            async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as r:
                assert r.status == 403
            # 2 MB with the right secret: refused from its declared length, unread
            async with http.post(url, data=b"x" * (2 * 1024 * 1024), headers=good) as r:
                assert r.status == 413
            async with http.post(url, data=b"{not json", headers=good) as r:
                assert r.status == 400
            async with http.post(url, json=update, headers=good) as r:
                assert r.status == 200
        (reply,) = await server.replies(USER, 1)
        assert "Bishkek" in reply.text
    finally:
        await runner.cleanup()
        await app.stop()
        await app.shutdown()
        await post_shutdown(app)


async def test_a_streamed_body_without_length_is_cut_at_the_limit(
    server: BotAPIServer, engine: Engine
) -> None:
    port = _free_port()
    app = build_application(bot_settings(server, webhook_secret="s"), engine, flood_limits=False)
    runner = web.AppRunner(webhook_app(app, "hook", "s"))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()

    async def chunks() -> Any:
        for _ in range(8):  # 2 MB offered in 256 KB chunks, no Content-Length
            yield b"y" * (256 * 1024)

    try:
        async with aiohttp.ClientSession() as http:
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s"}
            async with http.post(f"http://127.0.0.1:{port}/hook", data=chunks(), headers=headers) as r:
                assert r.status == 413
    finally:
        await runner.cleanup()


def test_settings_repr_masks_secrets(server: BotAPIServer) -> None:
    settings = bot_settings(server, webhook_secret="s3cret", log_key="k3y")
    text = repr(settings) + str(settings)
    assert server.token not in text and "s3cret" not in text and "k3y" not in text
    buf = io.StringIO()
    print(settings, file=buf)
    assert server.token not in buf.getvalue()


async def test_text_the_bot_echoes_back_is_escaped(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "/chart <b>&amp;x</i>")
    (reply,) = await server.replies(USER, 1)
    assert server.rejected == []  # Telegram would have refused broken HTML
    assert "<b>&amp;x</i>" in reply.text  # shown as typed, not as markup


async def test_no_admin_ids_means_no_admin(server: BotAPIServer, engine: Engine, tmp_path: Path) -> None:
    async with running_bot(server, engine, database=tmp_path / "log.sqlite3", admin_ids=frozenset()):
        server.message(USER, USER, "/stats")
        (reply,) = await server.replies(USER, 1)
        assert "don't know that command" in reply.text
