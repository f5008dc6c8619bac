"""A durable inbox: every update Telegram delivers is journaled to SQLite before it is confirmed
(the next getUpdates offset, or the webhook's 200), marked done once handled, and replayed on
start when it was not. A kill -9 at any moment loses nothing Telegram delivered; a question may
at worst be answered twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

from nkbot.querylog.store import create_private_file

log = logging.getLogger("nkbot.bot")

REPLAY_WITHIN = 3600.0  # seconds: an older unanswered update is no longer useful to answer
KEEP_DONE = 86400.0  # seconds a handled update stays in the journal (then purged)
FLUSH_EVERY = 0.2  # seconds between writes of "done" marks

SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (
    update_id INTEGER PRIMARY KEY,
    received REAL NOT NULL,
    body TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (done, received);
"""


class Inbox:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()
        self._done: set[int] = set()
        self._task: asyncio.Task[None] | None = None
        self.journaled = 0
        self.replayed = 0
        self.skipped = 0

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            create_private_file(self.path)
            conn = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # a journaled update survives power loss too
            conn.executescript(SCHEMA)
            self._conn = conn
        return self._conn

    async def _run(self, work: Any, *args: Any) -> Any:
        async with self._lock:
            return await asyncio.to_thread(work, *args)

    # ---- the journal ----
    def _journal(self, rows: list[tuple[int, float, str]]) -> set[int]:
        conn = self._connect()
        known = {
            row[0]
            for row in conn.execute(
                f"SELECT update_id FROM inbox WHERE update_id IN ({','.join('?' * len(rows))})",
                [r[0] for r in rows],
            )
        }
        conn.executemany("INSERT OR IGNORE INTO inbox (update_id, received, body) VALUES (?, ?, ?)", rows)
        conn.commit()
        return known

    async def journal(self, updates: Sequence[Update]) -> list[Update]:
        """Write the updates down; returns those not seen before (a redelivery is not handled twice)."""
        if not updates:
            return []
        now = time.time()
        rows = [(u.update_id, now, json.dumps(u.to_dict(), ensure_ascii=False)) for u in updates]
        known = await self._run(self._journal, rows)
        fresh = [u for u in updates if u.update_id not in known]
        self.journaled += len(fresh)
        return fresh

    def done(self, update_id: int) -> None:
        """Handled (answered, refused or dropped): written with the next flush."""
        self._done.add(update_id)

    def done_many(self, update_ids: list[int]) -> None:
        self._done.update(update_ids)

    def _flush(self, ids: list[int], purge_before: float) -> None:
        conn = self._connect()
        conn.executemany("UPDATE inbox SET done = 1 WHERE update_id = ?", [(i,) for i in ids])
        conn.execute("DELETE FROM inbox WHERE done = 1 AND received < ?", (purge_before,))
        conn.commit()

    async def flush(self) -> None:
        ids, self._done = list(self._done), set()
        if ids:
            try:
                await self._run(self._flush, ids, time.time() - KEEP_DONE)
            except sqlite3.Error as exc:  # kept for the next flush; at worst answered again after a restart
                self._done.update(ids)
                log.warning("inbox: could not mark %d update(s) done: %s", len(ids), exc)

    def _pending(self, since: float) -> tuple[list[str], int]:
        conn = self._connect()
        stale = conn.execute("UPDATE inbox SET done = 1 WHERE done = 0 AND received < ?", (since,)).rowcount
        bodies = [row[0] for row in conn.execute("SELECT body FROM inbox WHERE done = 0 ORDER BY update_id")]
        conn.commit()
        return bodies, stale

    async def pending(self, bot: ExtBot[Any]) -> list[Update]:
        """Updates journaled but never handled (the process died), oldest first; those older than
        REPLAY_WITHIN are skipped: an answer an hour late helps nobody."""
        bodies, stale = await self._run(self._pending, time.time() - REPLAY_WITHIN)
        updates = [u for u in (Update.de_json(json.loads(b), bot) for b in bodies) if u is not None]
        self.replayed, self.skipped = len(updates), stale
        if updates or stale:
            log.warning("inbox: %d unanswered update(s) replayed, %d too old skipped", len(updates), stale)
        return updates

    # ---- life cycle ----
    async def start(self) -> None:
        await self._run(self._connect)
        self._task = asyncio.create_task(self._flusher(), name="nkbot-inbox")

    async def _flusher(self) -> None:
        while True:
            await asyncio.sleep(FLUSH_EVERY)
            await self.flush()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush()
        if self._conn is not None:
            await self._run(self._conn.close)
            self._conn = None


class JournalingBot(ExtBot[Any]):
    """The bot whose getUpdates writes every update to the inbox before handing it on: the next
    getUpdates confirms them to Telegram, and by then they are on disk."""

    def __init__(self, *args: Any, inbox: Inbox | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():  # python-telegram-bot freezes its objects after __init__
            self.inbox = inbox

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        updates = await super().get_updates(*args, **kwargs)
        if self.inbox is None or not updates:
            return updates
        try:
            return tuple(await self.inbox.journal(updates))
        except (sqlite3.Error, OSError) as exc:  # a full disk must not stop the answers
            log.error("inbox: %d update(s) not journaled (%s); answering them anyway", len(updates), exc)
            return updates
