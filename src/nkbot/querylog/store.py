"""Writes the log without ever holding up a reply.

Handlers put records on a bounded queue and return at once; a background task commits them in
batches. When the database is locked, read-only or gone, the task says so in the logs, keeps the
batch it could not write, and tries again with back-off (a deleted file is created anew). On
shutdown whatever is buffered is flushed. Old rows are purged on a schedule.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import secrets
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import aiosqlite

from nkbot.querylog import schema
from nkbot.querylog.records import Feedback, QueryRecord, pseudonym

log = logging.getLogger("nkbot.querylog")

Row = tuple[str, tuple[object, ...], int | None]  # (SQL, parameters, the Telegram update it logs)


def create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite creates it with the umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def migrate_sync(conn: sqlite3.Connection, target: int = schema.VERSION) -> int:
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for version, script in schema.steps(current, target):
        conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {version}; COMMIT;")
        log.info("query log schema migrated to version %d", version)
    return max(current, target)


SQLITE_HEADER = b"SQLite format 3\x00"


class DamagedDatabase(sqlite3.DatabaseError):
    """The file is not, or no longer, a sound SQLite database."""


def damaged(exc: BaseException) -> bool:
    """A database error that retrying will not cure (not a lock, not a missing directory)."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


def looks_sound(path: Path) -> bool:
    """Cheap check after each batch: the file still starts as an SQLite database (or is empty)."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError:
        return True  # gone or unreadable: the next connection deals with it
    return head in (b"", SQLITE_HEADER)


def set_aside(path: Path) -> Path:
    """Move a damaged database (and its WAL) out of the way, keeping it for inspection."""
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    log.error("query log %s is damaged: moved to %s; a new log is started", path, aside)
    return aside


def open_sync(path: Path) -> sqlite3.Connection:
    """A plain connection with the schema brought up to date (CLI and stats). A file that is not
    a sound database (overwritten, truncated) is set aside and a new one started."""
    create_private_file(path)
    conn = sqlite3.connect(path, timeout=5)
    try:
        if not looks_sound(path) or conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DamagedDatabase("integrity check failed")
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if not damaged(exc):
            raise
        set_aside(path)
        create_private_file(path)
        conn = sqlite3.connect(path, timeout=5)
        conn.execute("PRAGMA journal_mode=WAL")
    migrate_sync(conn)
    return conn


def key_path(db: Path) -> Path:
    """Where the generated pseudonymisation key is kept: beside the database, never inside it."""
    return db.with_name(db.name + ".key")


def log_key(db: Path, configured: str, conn: sqlite3.Connection | None = None) -> bytes:
    """The pseudonymisation key: $NKBOT_LOG_KEY, else a random one made once and kept in a file
    readable by its owner only beside the database.

    Kept apart because the ids are few enough to try them all: whoever has a database holding its
    own key can recover every user. A key that older versions kept in the database (`conn`) is
    moved out, so pseudonyms stay the same. The file is read even when the database is unusable,
    so a user's key does not change with the database's health.
    """
    if configured:
        return configured.encode()
    path = key_path(db)
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if path.is_file() and path.stat().st_size <= 1024:
            stored = path.read_text(encoding="ascii").strip()
            if stored:
                return stored.encode()
    key = ""
    if conn is not None:
        row = conn.execute("SELECT value FROM meta WHERE key = 'log_key'").fetchone()
        key = str(row[0]) if row else ""
    key = key or secrets.token_hex(32)
    try:
        create_private_file(path)
        path.write_text(key + "\n", encoding="ascii")
    except OSError as exc:
        log.error("cannot keep the log key in %s (%s): pseudonyms change at restart", path, exc)
        return key.encode()
    if conn is not None:
        conn.execute("DELETE FROM meta WHERE key = 'log_key'")
        conn.commit()
    return key.encode()


class QueryLog:
    def __init__(
        self,
        path: Path,
        *,
        key: str = "",
        batch_size: int = 500,
        flush_interval: float = 0.25,
        max_queue: int = 50_000,
        retention_days: float = 365,
        purge_every: float = 3600,
    ) -> None:
        self.path = path
        self._configured_key = key
        self.key = b""
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.retention_days = retention_days
        self.purge_every = purge_every
        self.queue: asyncio.Queue[Row] = asyncio.Queue(maxsize=max_queue)
        self.pending: list[Row] = []  # taken off the queue, not yet committed
        self.written = 0
        self.dropped = 0
        self.failures = 0
        self._conn: aiosqlite.Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._last_purge = 0.0
        # told which updates' rows were committed (the inbox marks them handled only then)
        self.on_committed: Callable[[list[int]], None] | None = None

    # ---- life cycle ----
    async def start(self) -> None:
        """Create or migrate the database and start the writer; an unusable database does not stop the bot."""
        try:
            with contextlib.closing(open_sync(self.path)) as conn:
                self.key = log_key(self.path, self._configured_key, conn)
        except (sqlite3.Error, OSError) as exc:
            # Answers matter more than their log: keep going, keep rows, and retry in the writer.
            log.error("query log %s not usable at start (%s); rows are kept and retried", self.path, exc)
            self.key = log_key(self.path, self._configured_key)
        self._task = asyncio.create_task(self._run(), name="nkbot-querylog")

    async def close(self) -> None:
        """Flush everything buffered, then close. Rows that still cannot be written are reported."""
        self._stopping.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        failures = 0
        while failures < 3:
            self._drain_queue()
            if not self.pending:
                break
            if not await self._write_pending():
                failures += 1
                await asyncio.sleep(0.2 * failures)
        self._drain_queue()
        if self.pending:
            log.error("query log: %d row(s) could not be written before shutdown", len(self.pending))
        await self._disconnect()

    # ---- producers (never block) ----
    def user_key(self, user_id: int | None) -> str | None:
        return pseudonym(self.key, user_id) if user_id is not None and self.key else None

    def record(self, entry: QueryRecord, update_id: int | None = None) -> None:
        """`update_id`: the update answered; `on_committed` hears of it once its row is on disk."""
        self._put((schema.INSERT_QUERY, entry.row(), update_id))

    def feedback(self, vote: Feedback) -> None:
        self._put((schema.INSERT_FEEDBACK, vote.row(), None))

    def _put(self, row: Row) -> None:
        try:
            self.queue.put_nowait(row)
        except asyncio.QueueFull:
            self.dropped += 1
            if self.dropped == 1 or self.dropped % 1000 == 0:
                log.error("query log queue full: %d row(s) dropped so far", self.dropped)

    # ---- the writer ----
    async def _run(self) -> None:
        backoff = 0.5
        while not self._stopping.is_set():
            if not self.pending:
                try:
                    first = await asyncio.wait_for(self.queue.get(), self.flush_interval)
                except TimeoutError:
                    await self._maybe_purge()
                    continue
                self.pending.append(first)
            self._drain_queue()
            if await self._write_pending():
                backoff = 0.5
                await self._maybe_purge()
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), backoff)
                backoff = min(backoff * 2, 30.0)

    def _drain_queue(self) -> None:
        while len(self.pending) < self.batch_size * 4:
            try:
                self.pending.append(self.queue.get_nowait())
            except asyncio.QueueEmpty:
                break

    async def _connection(self) -> aiosqlite.Connection:
        if self._conn is not None and not self.path.is_file():  # deleted under us: start a new file
            log.warning("query log %s disappeared; creating it again", self.path)
            await self._disconnect()
        if self._conn is None:
            await asyncio.to_thread(lambda: open_sync(self.path).close())
            self._conn = await aiosqlite.connect(self.path, timeout=1)
            await self._conn.execute("PRAGMA journal_mode=WAL")
            await self._conn.execute("PRAGMA synchronous=NORMAL")
        return self._conn

    async def _give_up_connection(self, exc: BaseException) -> None:
        """After a failed write or purge: reconnect next time, on a new file if this one is damaged."""
        await self._disconnect()
        if damaged(exc):
            await asyncio.to_thread(set_aside, self.path)

    async def _disconnect(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()
            self._conn = None

    async def _write_pending(self) -> bool:
        """Commit the pending rows in batches; False (rows kept) if the database refused."""
        try:
            conn = await self._connection()
            while self.pending:
                batch = self.pending[: self.batch_size]
                for sql, rows in itertools.groupby(batch, key=lambda row: row[0]):
                    await conn.executemany(sql, [params for _, params, _ in rows])
                await conn.commit()
                if not looks_sound(self.path):  # overwritten under us: these rows went nowhere
                    raise DamagedDatabase("the file is no longer an SQLite database")
                del self.pending[: len(batch)]
                self.written += len(batch)
                if self.on_committed is not None:
                    self.on_committed([u for _, _, u in batch if u is not None])
            return True
        except (sqlite3.Error, OSError) as exc:
            self.failures += 1
            log.warning("query log not writable (%s); %d row(s) kept for retry", exc, len(self.pending))
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    await self._conn.rollback()
            await self._give_up_connection(exc)
            return False

    async def _maybe_purge(self) -> None:
        now = time.time()
        if self.retention_days <= 0 or now - self._last_purge < self.purge_every:
            return
        self._last_purge = now
        cutoff = now - self.retention_days * 86400
        try:
            conn = await self._connection()
            removed = 0
            for sql in schema.PURGE:
                cursor = await conn.execute(sql, (cutoff,))
                removed += cursor.rowcount
            await conn.commit()
            if removed:
                log.info("query log: purged %d row(s) older than %g days", removed, self.retention_days)
        except (sqlite3.Error, OSError) as exc:
            log.warning("query log purge failed: %s", exc)
            await self._give_up_connection(exc)


class SyncQueryLog:
    """The same log for the terminal commands, written directly: one question at a time."""

    def __init__(self, path: Path, key: str = "") -> None:
        self.conn = open_sync(path)
        self.key = log_key(path, key, self.conn)

    def user_key(self, user_id: int | str | None) -> str | None:
        return pseudonym(self.key, user_id) if user_id is not None else None

    def record(self, entry: QueryRecord) -> None:
        try:
            self.conn.execute(schema.INSERT_QUERY, entry.row())
            self.conn.commit()
        except sqlite3.Error as exc:  # the answer matters more than its log line
            log.warning("query log not writable: %s", exc)

    def close(self) -> None:
        self.conn.close()
