"""What one logged question or vote holds; no raw Telegram id or name ever gets in."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkbot.engine import Result

QUESTION_MAX = 500  # characters of the question kept in the log


def pseudonym(key: bytes, user_id: int | str) -> str:
    """A stable keyed hash: the same user gets the same key, nobody can reverse it without the key."""
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:20]


def new_ref() -> str:
    """An id for an answer, known before it is written, so feedback buttons can point to it."""
    return secrets.token_hex(8)


def _answered_with(result: Result) -> str | None:
    """The entry answered, or for a date question the span listed ("timeline:1992")."""
    if result.intent is not None:
        return result.intent.id
    return f"timeline:{result.span.text}" if result.span is not None else None


@dataclass(frozen=True, slots=True)
class QueryRecord:
    ts: float
    interface: str  # private | group | inline | cli
    chat_type: str | None
    user_key: str | None
    lang: str | None
    question: str
    normalized: str
    outcome: str  # answered | ambiguous | unknown
    intent: str | None
    score: float
    latency_ms: float
    ref: str

    @classmethod
    def of(
        cls,
        result: Result,
        interface: str,
        *,
        started: float,
        chat_type: str | None = None,
        user_key: str | None = None,
        lang: str | None = None,
        ref: str | None = None,
    ) -> QueryRecord:
        """The log line for an engine result; `started` is the perf_counter() when the question came in."""
        return cls(
            ts=time.time(),
            interface=interface,
            chat_type=chat_type,
            user_key=user_key,
            lang=lang or result.lang,
            question=result.question,
            normalized=result.normalized,
            outcome=result.status.value,
            intent=_answered_with(result),
            score=result.score,
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
            ref=ref or new_ref(),
        )

    def row(self) -> tuple[object, ...]:
        return (
            self.ts,
            self.interface,
            self.chat_type,
            self.user_key,
            self.lang,
            self.question[:QUESTION_MAX],
            self.normalized[:QUESTION_MAX],
            self.outcome,
            self.intent,
            self.score,
            self.latency_ms,
            self.ref,
        )


@dataclass(frozen=True, slots=True)
class Feedback:
    ts: float
    ref: str  # the answer voted on
    user_key: str | None
    vote: int  # +1 or -1

    def row(self) -> tuple[object, ...]:
        return (self.ts, self.ref, self.user_key, self.vote)
