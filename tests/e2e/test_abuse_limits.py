"""Abuse limits end to end: every kind of update counts, per user, at arrival; one user's flood
does not hold up another user's first question; votes only on answers the voter received."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nkbot.bot.intake import FairUpdateProcessor
from nkbot.bot.services import UserRateLimiter
from nkbot.engine import Engine

from ..botapi import BotAPIServer
from .conftest import running_bot

ALICE, BOB, GROUP = 1101, 1102, -1100


def intake(app: Any) -> FairUpdateProcessor:
    processor = app.update_processor
    assert isinstance(processor, FairUpdateProcessor)
    return processor


async def test_every_kind_of_update_counts_against_one_users_limit(
    server: BotAPIServer, engine: Engine
) -> None:
    async with running_bot(server, engine, user_rate=3, user_rate_window=3600.0) as app:
        for question in ("bishkek protocol", "who won the 2020 war", "seven districts"):
            server.message(ALICE, ALICE, question)
        await server.replies(ALICE, 3)
        server.message(ALICE, ALICE, "/timeline")  # the 4th update: over the limit
        qid = server.inline_query(ALICE, "shusha")
        server.message(ALICE, ALICE, "lachin corridor")
        await server.wait_for(lambda: intake(app).dropped == 3 and len(server.sent[ALICE]) == 4)
        assert qid not in server.inline_answers
        replies = server.sent[ALICE]
        assert "faster than i can keep up" in replies[3].text.lower()  # one notice, no answers
        server.message(BOB, BOB, "bishkek protocol")  # another user is not affected
        (answer,) = await server.replies(BOB, 1)
        assert "Bishkek" in answer.text


async def test_the_limit_is_per_user_not_per_chat(server: BotAPIServer, engine: Engine) -> None:
    async with running_bot(server, engine, user_rate=2, user_rate_window=3600.0) as app:
        for _ in range(4):
            server.message(GROUP, ALICE, "/help")
        await server.wait_for(lambda: intake(app).dropped == 2)
        server.message(GROUP, BOB, "/help")
        await server.wait_for(lambda: len(server.sent[GROUP]) == 4)  # 2 helps, 1 notice, Bob's help
        assert intake(app).dropped == 2


def test_the_window_slides() -> None:
    now = [0.0]
    limiter = UserRateLimiter(2, 10.0, clock=lambda: now[0])
    assert limiter.allow(1) and limiter.allow(1) and not limiter.allow(1)
    assert limiter.allow(2)  # per user
    now[0] = 10.5  # the first two have left the window
    assert limiter.allow(1) and limiter.allow(1) and not limiter.allow(1)
    assert limiter.should_warn(1) and not limiter.should_warn(1)


async def test_a_flood_does_not_delay_another_users_first_question(
    server: BotAPIServer, engine: Engine
) -> None:
    async with running_bot(server, engine, user_rate=0):
        flood = 80
        for n in range(flood):
            server.message(ALICE, ALICE, f"who won the 2020 war {n}")
        server.message(BOB, BOB, "bishkek protocol")
        (answer,) = await server.replies(BOB, 1, timeout=30)
        assert "Bishkek" in answer.text
        assert len(server.sent[ALICE]) < flood // 2  # Bob did not wait for Alice's backlog
        await server.replies(ALICE, flood, timeout=60)  # and Alice's are all answered in the end


async def test_only_the_asker_can_vote_on_an_answer(
    server: BotAPIServer, engine: Engine, tmp_path: Path
) -> None:
    async with running_bot(server, engine, database=tmp_path / "log.sqlite3"):
        server.message(ALICE, ALICE, "who won the 2020 war")
        (answer,) = await server.replies(ALICE, 1)
        vote = next(d for _, d in answer.buttons() if d.startswith("u|"))
        server.press(answer, vote, user_id=BOB)
        await server.wait_for(lambda: len(server.callback_answers) == 1)
        assert "outdated" in server.callback_answers[0].get("text", "").lower()
        server.press(answer, vote, user_id=ALICE)
        await server.wait_for(lambda: len(server.callback_answers) == 2)
        assert "outdated" not in server.callback_answers[1].get("text", "").lower()
        server.press(answer, "u|forged0ref", user_id=ALICE)
        await server.wait_for(lambda: len(server.callback_answers) == 3)
        assert "outdated" in server.callback_answers[2].get("text", "").lower()
