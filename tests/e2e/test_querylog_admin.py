"""A chat session leaves the expected rows; admins get /stats and /reload, nobody else does."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from nkbot.engine import Engine
from nkbot.live import LiveKnowledge
from nkbot.querylog.records import pseudonym
from nkbot.querylog.store import log_key

from ..botapi import BotAPIServer
from ..conftest import KNOWLEDGE
from .conftest import running_bot

ADMIN, USER, GROUP = 900, 901, -100900


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


async def test_session_is_logged_pseudonymously_with_feedback(
    server: BotAPIServer, engine: Engine, tmp_path: Path
) -> None:
    db = tmp_path / "log.sqlite3"
    async with running_bot(server, engine, database=db):
        server.message(USER, USER, "who won the 2020 war")
        (answer,) = await server.replies(USER, 1)
        server.message(USER, USER, "weather in baku tomorrow")
        server.mention(GROUP, USER, "bishkek protocol")
        qid = server.inline_query(USER, "seven districts")
        await server.replies(USER, 2)
        await server.replies(GROUP, 1)
        await server.inline_answer(qid)
        up = next(d for label, d in answer.buttons() if label == "👍")
        server.press(answer, up)
        server.press(answer, up)  # a second press by the same user counts once
        await server.wait_for(lambda: len(server.callback_answers) >= 2)
        assert server.callback_answers[-1]["text"] == "Thanks for the feedback!"
    # the bot has shut down: everything buffered was flushed
    rows = _rows(
        db,
        "SELECT interface, chat_type, user_key, question, outcome, intent, latency_ms, ref"
        " FROM queries ORDER BY id",
    )
    by_question = {r[3]: r for r in rows}
    assert set(by_question) == {
        "who won the 2020 war",
        "weather in baku tomorrow",
        "bishkek protocol",
        "seven districts",
    }
    assert by_question["who won the 2020 war"][:2] == ("private", "private")
    assert by_question["who won the 2020 war"][4:6] == ("answered", "second-war-outcome")
    assert by_question["weather in baku tomorrow"][4] == "unknown"
    assert by_question["bishkek protocol"][:2] == ("group", "supergroup")
    assert by_question["seven districts"][0] == "inline"
    # one pseudonym for the user: the keyed hash made with the key file beside the database
    assert {r[2] for r in rows} == {pseudonym(log_key(db, ""), USER)} != {str(USER)}
    assert all(isinstance(r[6], float) and r[6] >= 0 for r in rows)
    votes = _rows(db, "SELECT f.vote, q.intent FROM feedback f JOIN queries q ON q.ref = f.ref")
    assert votes == [(1, "second-war-outcome")]
    # no column of any row holds the raw id (the file's bytes may hold its digits by chance, in hex)
    cells = [
        str(c) for r in _rows(db, "SELECT * FROM queries") + _rows(db, "SELECT * FROM feedback") for c in r
    ]
    assert str(USER) not in cells and all(str(USER) not in c.split() for c in cells)


async def test_stats_is_for_admins_only(server: BotAPIServer, engine: Engine, tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite3"
    async with running_bot(server, engine, database=db, admin_ids=frozenset({ADMIN})):
        server.message(USER, USER, "who won the 2020 war")
        await server.replies(USER, 1)
        server.message(USER, USER, "/stats")
        replies = await server.replies(USER, 2)
        assert "don't know that command" in replies[1].text
        server.message(GROUP, USER, "/stats")  # in a group a stranger gets silence
        server.message(ADMIN, ADMIN, "/stats")
        (stats,) = await server.replies(ADMIN, 1, timeout=15)
        assert "questions" in stats.text and "By outcome" in stats.text
        assert server.sent[GROUP] == []


async def test_an_admin_command_in_a_group_is_answered_privately(
    server: BotAPIServer, engine: Engine, tmp_path: Path
) -> None:
    db = tmp_path / "log.sqlite3"
    async with running_bot(server, engine, database=db, admin_ids=frozenset({ADMIN})):
        server.message(USER, USER, "a secret question nobody else should read")
        await server.replies(USER, 1)
        server.message(GROUP, ADMIN, "/stats")
        (report,) = await server.replies(ADMIN, 1, timeout=15)  # sent by the handler of the group update
        assert "By outcome" in report.text
        assert server.sent[GROUP] == []


async def test_reload_refuses_invalid_knowledge_and_keeps_answering(
    server: BotAPIServer, tmp_path: Path
) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    live = LiveKnowledge(root, Engine.from_directory(root))
    async with running_bot(server, live, admin_ids=frozenset({ADMIN})):
        topic = root / "topics" / "03-1994-2020.yaml"
        topic.write_text(
            topic.read_text(encoding="utf-8").replace("id: minsk-group\n", "id: Minsk Group!\n"),
            encoding="utf-8",
        )
        server.message(USER, USER, "/reload")  # not an admin
        server.message(ADMIN, ADMIN, "/reload")
        (refused,) = await server.replies(ADMIN, 1, timeout=15)
        assert "NOT loaded" in refused.text and "03-1994-2020.yaml:" in refused.text
        assert live.version == 1
        server.message(ADMIN, ADMIN, "what is the minsk group")
        replies = await server.replies(ADMIN, 2)
        assert "Minsk" in replies[1].text and "Sources:" in replies[1].text
        # fixed: now it goes into service
        topic.write_text(
            topic.read_text(encoding="utf-8").replace("id: Minsk Group!\n", "id: minsk-group\n"),
            encoding="utf-8",
        )
        server.message(ADMIN, ADMIN, "/reload")
        replies = await server.replies(ADMIN, 3, timeout=15)
        assert "Knowledge reloaded: version 2" in replies[2].text
        user_replies = await server.replies(USER, 1)
        assert "don't know that command" in user_replies[0].text
