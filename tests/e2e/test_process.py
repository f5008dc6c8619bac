"""The real `nkbot run` process against the Bot API test server: it never sits alive and deaf,
never prints the token, and SIGTERM ends it in time (docker stop waits 10 s)."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ..botapi import BotAPIServer, Fault

ROOT = Path(__file__).resolve().parents[2]
USER = 901
EXIT_WITHIN = 10.0  # a running bot told to stop (SIGTERM, a refused token) is gone this soon
# ... and one refused at start, which first loads and indexes the knowledge (about 5 s on a slow,
# shared 2-core machine): what matters is that it exits rather than retrying
START_AND_EXIT_WITHIN = 25.0


STARTED: list[asyncio.subprocess.Process] = []


@pytest.fixture(autouse=True)
async def no_process_left_behind() -> AsyncIterator[None]:
    """A test that fails half-way must not leave a bot running against nothing."""
    yield
    while STARTED:
        proc = STARTED.pop()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def start_bot(
    server: BotAPIServer, tmp_path: Path, token: str | None = None
) -> asyncio.subprocess.Process:
    env = os.environ | {
        "TELEGRAM_BOT_TOKEN": token or server.token,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "NKBOT_DATABASE": str(tmp_path / "log.sqlite3"),
        "NKBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "NKBOT_WATCH_SECONDS": "0",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "nkbot",
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    STARTED.append(proc)
    return proc


async def finished(proc: asyncio.subprocess.Process, within: float = EXIT_WITHIN) -> tuple[int, str, float]:
    started = time.monotonic()
    _, err = await asyncio.wait_for(proc.communicate(), within + 5)
    assert proc.returncode is not None
    return proc.returncode, err.decode(), time.monotonic() - started


async def test_a_refused_token_at_start_exits_nonzero_without_printing_it(
    server: BotAPIServer, tmp_path: Path
) -> None:
    wrong = "999999:WRONG-secret-token_value"
    proc = await start_bot(server, tmp_path, token=wrong)
    code, err, took = await finished(proc, START_AND_EXIT_WITHIN)
    assert code == 1 and took < START_AND_EXIT_WITHIN
    assert wrong not in err and "WRONG-secret" not in err
    assert "cannot start polling" in err


async def test_a_401_while_polling_ends_the_process_and_flushes_the_log(
    server: BotAPIServer, tmp_path: Path
) -> None:
    proc = await start_bot(server, tmp_path)
    server.message(USER, USER, "who won the 2020 war")
    (answer,) = await server.replies(USER, 1, timeout=30)
    assert "Azerbaijan" in answer.text
    server.faults["getUpdates"] += [Fault(status=401)]
    code, err, took = await finished(proc)
    assert code == 1 and took < EXIT_WITHIN
    assert server.token not in err
    with sqlite3.connect(tmp_path / "log.sqlite3") as conn:
        (rows,) = conn.execute("SELECT count(*) FROM queries").fetchone()
    assert rows == 1  # the answered question was logged before the process ended


async def test_sigterm_ends_the_process_in_time(server: BotAPIServer, tmp_path: Path) -> None:
    proc = await start_bot(server, tmp_path)
    server.message(USER, USER, "bishkek protocol")
    await server.replies(USER, 1, timeout=30)
    proc.send_signal(signal.SIGTERM)
    code, err, took = await finished(proc)
    assert code == 0 and took < EXIT_WITHIN, err
    assert "query log closed" in err
