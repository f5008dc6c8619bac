"""Outgoing requests that survive a flaky Bot API: flood limits, 429s, 5xx and dropped connections.

AIORateLimiter keeps to Telegram's flood limits and waits out 429 `retry_after`; on top of that,
a send that fails with a server error or a network fault is retried with exponential back-off,
so the user still gets the answer. Bad requests (400) are not retried: they would fail again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger("nkbot.bot")

JSON = bool | dict[str, Any] | list[dict[str, Any]]


class ResilientRateLimiter(AIORateLimiter):
    def __init__(self, *args: Any, network_retries: int = 4, backoff: float = 0.5, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network_retries = network_retries
        self.backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as exc:
                if attempt == self.network_retries:
                    raise
                delay = self.backoff * 2**attempt
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


def telegram_limits(backoff: float = 0.5) -> ResilientRateLimiter:
    """Telegram's published limits: 30 messages/s overall, 20/min per group, 1/s per chat."""
    return ResilientRateLimiter(max_retries=3, backoff=backoff)


def unlimited(backoff: float = 0.5) -> ResilientRateLimiter:
    """No flood throttling (local test servers and load benchmarks), but the same retries."""
    return ResilientRateLimiter(
        overall_max_rate=0,
        overall_time_period=0,
        group_max_rate=0,
        group_time_period=0,
        max_retries=3,
        backoff=backoff,
    )
