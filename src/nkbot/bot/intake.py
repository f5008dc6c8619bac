"""Incoming updates: counted per user when they arrive, and served fairly between users.

python-telegram-bot hands each update to its update processor as soon as it is fetched, so this
is where "arrival" is. Counting there (not when a handler finally runs) makes the per-user limit
work under a backlog, and one user's flood waits on that user's own turn: a bystander's first
question is served by the next free slot, not after the flood.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from nkbot.bot.inbox import Inbox
from nkbot.bot.services import UserRateLimiter

ADMITTED = 100_000  # updates held at once (python-telegram-bot's own bound; ours schedule below it)
PER_USER = 1  # one user's updates are handled one at a time, in order of arrival

Notify = Callable[[Update], Awaitable[None]]
Counts = Callable[[Update], bool]


def sender(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


class FairUpdateProcessor(BaseUpdateProcessor):
    """At most `concurrent` updates handled at once, at most PER_USER of them from one user.

    Each user's updates are counted by `limiter` on arrival: over the limit, a message gets one
    notice per window (`notify`) and everything else is dropped unhandled, whatever its kind
    (questions, commands, button presses, inline queries). `counts` says which updates count
    (a group message not addressed to the bot does not).
    """

    def __init__(self, concurrent: int, limiter: UserRateLimiter) -> None:
        super().__init__(ADMITTED)
        self.limiter = limiter
        self.slots = asyncio.Semaphore(concurrent)
        self.turns: dict[int, asyncio.Semaphore] = {}
        self.waiting: dict[int, int] = {}
        self.notify: Notify | None = None
        self.counts: Counts = lambda update: True
        self.dropped = 0
        self.handled = 0
        self.inbox: Inbox | None = None
        self.logging: set[int] = set()  # updates whose answer is being logged (Services.logging_updates)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await self._process(update, coroutine)
        finally:
            self.handled += 1  # handled, refused or dropped: tests wait on this, not on the clock
            if self.inbox is not None and isinstance(update, Update):
                if update.update_id in self.logging:
                    self.logging.discard(update.update_id)  # the query log marks it once written
                else:
                    self.inbox.done(update.update_id)  # handled, refused or dropped: not to be replayed

    async def _process(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = sender(update)
        if (
            user is not None
            and isinstance(update, Update)
            and self.counts(update)
            and not self.limiter.allow(user)
        ):
            close = getattr(coroutine, "close", None)
            if close is not None:
                close()  # never run: it must not warn that it was never awaited
            self.dropped += 1
            if (
                update.effective_message is not None
                and self.notify is not None
                and self.limiter.should_warn(user)
            ):
                await self.notify(update)
            return
        if user is None:
            async with self.slots:
                await coroutine
            return
        turn = self.turns.setdefault(user, asyncio.Semaphore(PER_USER))
        self.waiting[user] = self.waiting.get(user, 0) + 1
        try:
            async with turn, self.slots:
                await coroutine
        finally:
            self.waiting[user] -= 1
            if not self.waiting[user]:  # nobody of this user's left: forget the turn (memory stays bounded)
                del self.waiting[user]
                del self.turns[user]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
