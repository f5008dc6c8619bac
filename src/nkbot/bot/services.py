"""What the handlers share, kept in `application.bot_data` under one typed key."""

from __future__ import annotations

import asyncio
import time
from collections import Counter, OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from telegram import User
from telegram.ext import ContextTypes

from nkbot.bot.conversations import Conversations
from nkbot.bot.inbox import Inbox
from nkbot.config import Settings
from nkbot.engine import Engine, Result, Status
from nkbot.live import LiveKnowledge
from nkbot.querylog import QueryLog, QueryRecord

_KEY = "nkbot"


class UserRateLimiter:
    """Sliding window per user: at most `limit` questions in `window` seconds.

    Telegram's own flood limits are handled by AIORateLimiter on the way out; this one keeps a
    single user from flooding the bot with questions on the way in.
    """

    def __init__(self, limit: int, window: float, clock: Any = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def allow(self, user_id: int) -> bool:
        if self.limit <= 0:
            return True
        now = self.clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] > self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        if len(self._hits) > 10_000:  # forget idle users so memory stays bounded
            for uid in [u for u, h in self._hits.items() if not h or now - h[-1] > self.window]:
                del self._hits[uid]
        return True

    def should_warn(self, user_id: int) -> bool:
        """Tell a flooding user once per window, not once per message."""
        now = self.clock()
        if now - self._warned.get(user_id, -self.window - 1) > self.window:
            self._warned[user_id] = now
            return True
        return False


ANSWERS_KEPT = 200_000  # answers whose 👍/👎 still count; older buttons are "outdated"


@dataclass
class Services:
    live: LiveKnowledge
    settings: Settings
    limiter: UserRateLimiter
    conversations: Conversations
    log: QueryLog | None = None
    bot_username: str = ""
    inbox: Inbox | None = None
    logging_updates: set[int] = field(default_factory=set)  # answered; done once their log row is written
    asked: Counter[str] = field(default_factory=Counter)  # entry id -> times answered
    votes: set[tuple[str, str | None]] = field(default_factory=set)  # (answer ref, user key) already counted
    tasks: list[asyncio.Task[None]] = field(default_factory=list)  # background work to cancel on shutdown
    chosen_language: dict[int, str] = field(default_factory=dict)  # user id -> language set with /language
    # (knowledge version, chart, language) -> Telegram's file_id of the uploaded picture
    chart_files: dict[tuple[int, str, str], str] = field(default_factory=dict)
    _examples: dict[tuple[int, str], list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    # answer ref -> the user it was sent to: only they may vote on it (the newest ANSWERS_KEPT)
    answers: OrderedDict[str, int] = field(default_factory=OrderedDict, repr=False)

    def answered(self, ref: str, user_id: int) -> None:
        self.answers[ref] = user_id
        while len(self.answers) > ANSWERS_KEPT:
            self.answers.popitem(last=False)

    def may_vote(self, ref: str, user_id: int) -> bool:
        """Votes are on answers the voter received: not on other people's in a group, not forged."""
        return self.answers.get(ref) == user_id

    @property
    def engine(self) -> Engine:
        """The knowledge in service now; read it once per update, a reload may swap it."""
        return self.live.engine

    def language_of(self, user: User | None, question: str = "") -> str:
        """The user's chosen language (/language), else the question's, else Telegram's language_code."""
        preferred = self.chosen_language.get(user.id) if user is not None else None
        return self.engine.language(question, preferred, user.language_code if user is not None else None)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids

    def record(
        self,
        interface: str,
        chat_type: str | None,
        user_id: int | None,
        lang: str | None,
        result: Result,
        started: float,
        ref: str,
        update_id: int | None = None,
    ) -> None:
        """Log one question; never raises, never waits. The update it answers is marked handled
        in the inbox only once its row is written (so a crash loses no logged answer)."""
        if self.log is None:
            return
        if update_id is not None and self.inbox is not None:
            self.logging_updates.add(update_id)
        self.log.record(
            QueryRecord.of(
                result,
                interface,
                chat_type=chat_type,
                user_key=self.log.user_key(user_id),
                lang=lang,
                started=started,
                ref=ref,
            ),
            update_id,
        )

    def examples(self, lang: str) -> list[tuple[str, str]]:
        """(question, entry id) for the /start example buttons that the engine answers.

        Worked out once per knowledge version and language: /start and empty inline queries are
        frequent, and the answer only changes when the knowledge does.
        """
        key = (self.live.version, lang)
        found = self._examples.get(key)
        if found is None:
            found = []
            for line in self.engine.kb.message("start_examples", lang).splitlines():
                result = self.engine.answer(line, lang)
                if result.status is Status.ANSWERED and result.intent is not None:
                    found.append((line.strip(), result.intent.id))
            self._examples[key] = found
        return found

    def popular(self, limit: int, lang: str) -> list[str]:
        """Most-asked entries, topped up with the examples while few questions were asked."""
        ids = [i for i, _ in self.asked.most_common(limit)]
        for _, iid in self.examples(lang):
            if len(ids) >= limit:
                break
            if iid not in ids:
                ids.append(iid)
        return ids


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found = context.bot_data.get(_KEY)
    if not isinstance(found, Services):
        raise RuntimeError("the application was not built with nkbot.bot.app.build_application")
    return found


def install(bot_data: dict[Any, Any], value: Services) -> None:
    bot_data[_KEY] = value
