"""kill -9 in the middle of a burst: after a restart every question is answered and every answered
question is in the query log (the durable inbox replays what was fetched but not handled)."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from ..botapi import BotAPIServer
from .test_process import finished, no_process_left_behind, start_bot  # noqa: F401 (the fixture)

BURST = 150
FIRST_USER = 20_000


def logged_questions(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT question FROM queries")}


async def test_kill_9_mid_burst_loses_no_question(server: BotAPIServer, tmp_path: Path) -> None:
    users = range(FIRST_USER, FIRST_USER + BURST)
    questions = {user: f"who won the 2020 war {user}" for user in users}
    answered = lambda: {u for u in users if server.sent[u]}  # noqa: E731

    proc = await start_bot(server, tmp_path)
    await server.wait_for(lambda: "getUpdates" in server.calls, timeout=30)
    for user in users:  # each user asks one question of their own
        server.message(user, user, questions[user])
    await server.wait_for(lambda: len(answered()) >= BURST // 5, timeout=60)
    proc.send_signal(signal.SIGKILL)
    await proc.wait()
    assert len(answered()) < BURST, "the burst was over before the kill: nothing was tested"

    again = await start_bot(server, tmp_path)
    await server.wait_for(lambda: len(answered()) == BURST, timeout=90)
    again.send_signal(signal.SIGTERM)
    code, err, _ = await finished(again)
    assert code == 0, err
    assert {questions[u] for u in answered()} <= logged_questions(tmp_path / "log.sqlite3")
