"""Conversation contexts per chat (per user in groups), so follow-ups work and never cross chats."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from nkbot.engine.followup import Context

Key = tuple[int, int | None]  # (chat id, user id): a group keeps one conversation per member
MAX_CONVERSATIONS = 50_000  # the least recently used are forgotten beyond this: memory stays bounded


class Conversations:
    """The engine's Context per conversation; expired ones are dropped when read or crowded out."""

    def __init__(
        self,
        ttl: float,
        limit: int = MAX_CONVERSATIONS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.limit = limit
        self.clock = clock
        self._contexts: OrderedDict[Key, Context] = OrderedDict()

    def now(self) -> float:
        return self.clock()

    def get(self, key: Key) -> Context | None:
        context = self._contexts.get(key)
        if context is not None and not context.alive(self.clock(), self.ttl):
            del self._contexts[key]
            return None
        return context

    def put(self, key: Key, context: Context | None) -> None:
        if context is None:
            self._contexts.pop(key, None)
            return
        self._contexts[key] = context
        self._contexts.move_to_end(key)
        while len(self._contexts) > self.limit:
            self._contexts.popitem(last=False)

    def __len__(self) -> int:
        return len(self._contexts)
