"""The real python-telegram-bot Application, polling a Bot API test server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from nkbot.bot.app import build_application, post_init, post_shutdown
from nkbot.config import Settings
from nkbot.engine import Engine

from ..botapi import BotAPIServer


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    srv = BotAPIServer()
    await srv.start()
    yield srv
    await srv.stop()


def bot_settings(server: BotAPIServer, **overrides: Any) -> Settings:
    """Settings as from the environment, pointed at the test server; the log is off unless given."""
    values: dict[str, Any] = {
        "database": Path("off"),
        "inbox": Path("off"),
        "watch_knowledge": 0.0,
    } | overrides
    return replace(Settings(), token=server.token, api_base_url=server.base_url, **values)


@asynccontextmanager
async def running_bot(server: BotAPIServer, engine: Engine, **overrides: Any) -> AsyncIterator[Any]:
    """Start and stop the Application in the order `nkbot run` (run_polling) does."""
    flood_limits = overrides.pop("flood_limits", False)
    app = build_application(
        bot_settings(server, **overrides), engine, flood_limits=flood_limits, retry_backoff=0.05
    )
    server.hold_polls()
    await app.initialize()
    await post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        yield app
    finally:
        server.release_polls()
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await post_shutdown(app)  # as run_polling does: flushes the query log


@pytest.fixture
async def bot(server: BotAPIServer, engine: Engine, tmp_path: Path) -> AsyncIterator[Any]:
    async with running_bot(server, engine, database=tmp_path / "log.sqlite3", watch_knowledge=0.0) as app:
        yield app
