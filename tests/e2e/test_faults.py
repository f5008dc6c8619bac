"""The Bot API misbehaves; the user still gets the answer, and the bot keeps running."""

from __future__ import annotations

from typing import Any

from ..botapi import BotAPIServer, Fault
from .conftest import running_bot

USER = 701


async def test_429_on_send_waits_retry_after_and_delivers(server: BotAPIServer, bot: Any) -> None:
    server.faults["sendMessage"] += [Fault(status=429, retry_after=1)]
    server.message(USER, USER, "bishkek protocol")
    (answer,) = await server.replies(USER, 1, timeout=15)
    assert "Sources:" in answer.text
    assert server.calls.count("sendMessage") == 2


async def test_5xx_and_dropped_connections_on_send_are_retried(server: BotAPIServer, bot: Any) -> None:
    server.faults["sendMessage"] += [Fault(status=500), Fault(status=502), Fault(drop=True)]
    server.message(USER, USER, "who won the 2020 war")
    (answer,) = await server.replies(USER, 1, timeout=20)
    assert "Sources:" in answer.text
    assert server.calls.count("sendMessage") == 4


async def test_slow_api_still_answers(server: BotAPIServer, bot: Any) -> None:
    server.faults["sendMessage"] += [Fault(delay=1.5)]
    server.message(USER, USER, "seven districts")
    (answer,) = await server.replies(USER, 1, timeout=15)
    assert "Sources:" in answer.text


async def test_polling_recovers_from_errors(server: BotAPIServer, bot: Any) -> None:
    server.faults["getUpdates"] += [Fault(status=500), Fault(status=429, retry_after=1), Fault(drop=True)]
    server.message(USER, USER, "casualties 1988-94")
    (answer,) = await server.replies(USER, 1, timeout=30)
    assert "28,000" in answer.text


async def test_a_failing_update_does_not_stop_the_bot(server: BotAPIServer, bot: Any) -> None:
    # 400 is not retried: the answer to this one is lost, the error handler logs it ...
    server.faults["sendMessage"] += [Fault(status=400)]
    server.message(USER, USER, "bishkek protocol")
    await server.wait_for(lambda: "sendMessage" in server.calls)
    # ... the user gets the apology instead of silence ...
    await server.wait_for(lambda: any("something went wrong" in m.text for m in server.sent[USER]))
    # ... and the next question is answered normally.
    server.message(USER, USER, "seven districts")
    await server.wait_for(lambda: any("seven" in m.text.lower() for m in server.sent[USER]), timeout=15)


async def test_production_flood_limits_wait_out_429_and_retry_5xx(server: BotAPIServer, engine: Any) -> None:
    """The limiter `nkbot run` uses (Telegram's flood limits), not the tests' unthrottled one."""
    async with running_bot(server, engine, flood_limits=True):
        server.faults["sendMessage"] += [Fault(status=429, retry_after=1), Fault(status=502)]
        server.message(USER, USER, "bishkek protocol")
        (answer,) = await server.replies(USER, 1, timeout=20)
        assert "Bishkek" in answer.text
        assert server.calls.count("sendMessage") == 3
