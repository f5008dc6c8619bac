"""The query log on real SQLite files: schema, migration, batching, faults, retention, privacy, stats."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import stat
import time
from collections import Counter
from pathlib import Path

import pytest

from nkbot.querylog import Feedback, QueryLog, QueryRecord, schema, stats
from nkbot.querylog.store import key_path, migrate_sync, open_sync


def rec(
    n: int,
    *,
    ts: float | None = None,
    outcome: str = "answered",
    intent: str | None = "bishkek-protocol",
    question: str | None = None,
    user_key: str | None = None,
    score: float = 80.0,
) -> QueryRecord:
    q = question or f"question {n}"
    return QueryRecord(
        ts or time.time(),
        "private",
        "private",
        user_key,
        "en",
        q,
        q.lower(),
        outcome,
        intent if outcome == "answered" else None,
        score,
        1.5,
        f"ref{n:06d}",
    )


def rows(path: Path, sql: str = "SELECT COUNT(*) FROM queries") -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(sql).fetchone()[0])


async def until(predicate: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def test_new_database_has_current_schema_wal_and_owner_only_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "log.sqlite3"
    qlog = QueryLog(path)
    await qlog.start()
    qlog.record(rec(1))
    await qlog.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"queries", "feedback", "meta"} <= tables
    assert rows(path) == 1


async def test_older_database_is_migrated_forward_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        migrate_sync(conn, target=1)  # what the first release created
        conn.executemany(
            "INSERT INTO queries (ts, interface, question, outcome, intent, score) VALUES (?, ?, ?, ?, ?, ?)",
            [(time.time(), "private", f"old {n}", "answered", "first-war", 70.0) for n in range(50)],
        )
        conn.commit()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    qlog = QueryLog(path)
    await qlog.start()
    qlog.record(rec(1))
    qlog.feedback(Feedback(time.time(), "ref000001", "k", 1))
    await qlog.close()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        assert conn.execute("SELECT COUNT(*) FROM queries WHERE question LIKE 'old %'").fetchone()[0] == 50
        assert conn.execute("SELECT COUNT(*) FROM queries WHERE ref = 'ref000001'").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 1


def test_newer_database_than_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer than this release"):
        open_sync(path)


async def test_rows_are_batched_and_flushed_on_shutdown(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    qlog = QueryLog(path, batch_size=100, flush_interval=5.0)  # long interval: only close() flushes the tail
    await qlog.start()
    for n in range(1234):
        qlog.record(rec(n))
    await qlog.close()
    assert qlog.written == 1234 and qlog.pending == [] and qlog.dropped == 0
    assert rows(path) == 1234


async def test_recording_never_waits_even_when_the_queue_is_full(tmp_path: Path) -> None:
    qlog = QueryLog(tmp_path / "log.sqlite3", max_queue=10)
    await qlog.start()
    t0 = time.perf_counter()
    for n in range(100):
        qlog.record(rec(n))
    assert time.perf_counter() - t0 < 0.5
    assert qlog.dropped > 0  # counted and logged, not blocking the reply
    await qlog.close()


async def test_locked_database_keeps_rows_and_writes_them_later(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    qlog = QueryLog(path, flush_interval=0.05)
    await qlog.start()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        for n in range(300):
            qlog.record(rec(n))
        await until(lambda: qlog.failures >= 1)
        assert qlog.written == 0 and len(qlog.pending) == 300
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    await until(lambda: qlog.written == 300, timeout=40)
    await qlog.close()
    assert rows(path) == 300


async def _running_log_then_delete_its_files(path: Path) -> QueryLog:
    """A log that has written one row, whose database files are then deleted under it."""
    qlog = QueryLog(path, flush_interval=0.05)
    await qlog.start()
    qlog.record(rec(1))
    await until(lambda: qlog.written == 1)
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
    return qlog


async def test_unopenable_database_path_recovers(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    qlog = await _running_log_then_delete_its_files(path)
    path.mkdir()  # the path is now a directory: SQLite cannot open it, even for root
    qlog.record(rec(2))
    await until(lambda: qlog.failures >= 1)
    assert [r[1][-1] for r in qlog.pending] == ["ref000002"]
    path.rmdir()
    await until(lambda: qlog.written == 2, timeout=40)
    await qlog.close()
    assert rows(path, "SELECT COUNT(*) FROM queries WHERE ref = 'ref000002'") == 1


async def test_deleted_database_is_created_again(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    qlog = await _running_log_then_delete_its_files(path)
    qlog.record(rec(2))
    await until(lambda: qlog.written == 2)
    await qlog.close()
    assert path.exists()
    assert rows(path, "SELECT COUNT(*) FROM queries WHERE ref = 'ref000002'") == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_retention_purges_old_rows_only(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    old = time.time() - 400 * 86400
    qlog = QueryLog(path, retention_days=365, purge_every=3600)
    await qlog.start()
    for n in range(20):
        qlog.record(rec(n, ts=old))
    for n in range(20, 30):
        qlog.record(rec(n))
    await qlog.close()
    assert rows(path) == 30
    purger = QueryLog(path, retention_days=365, purge_every=0, flush_interval=0.05)
    await purger.start()
    await until(lambda: rows(path) == 10)
    await purger.close()
    assert rows(path, f"SELECT COUNT(*) FROM queries WHERE ts < {time.time() - 365 * 86400}") == 0


async def test_user_ids_are_pseudonymised(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    telegram_id = 987654321
    qlog = QueryLog(path)
    await qlog.start()
    key = qlog.user_key(telegram_id)
    qlog.record(rec(1, user_key=key))
    await qlog.close()
    again = QueryLog(path)
    await again.start()
    assert again.user_key(telegram_id) == key  # stable across restarts (key kept beside the database)
    await again.close()
    other = QueryLog(path, key="a-configured-secret")
    await other.start()
    assert other.user_key(telegram_id) != key
    await other.close()
    for name in ("log.sqlite3", "log.sqlite3-wal"):
        f = tmp_path / name
        if f.exists():
            assert str(telegram_id).encode() not in f.read_bytes()
    assert key is not None and str(telegram_id) not in key


def test_stats_on_a_generated_log(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    conn = open_sync(path)
    now = time.time()
    records: list[QueryRecord] = []
    missing = [
        "karabakh horse breed",
        "karabagh horse breed",
        "Karabakh horses breed?",
        "karabakh horse breeds",
    ]
    for n in range(4000):
        if n % 10 == 0:
            records.append(rec(n, outcome="unknown", question=missing[(n // 10) % 4], ts=now - n))
        elif n % 10 == 1:
            records.append(rec(n, outcome="unknown", question="weather in baku", ts=now - n))
        elif n % 10 == 2:
            records.append(rec(n, outcome="ambiguous", question="shusha", ts=now - n))
        else:
            intent = "second-war-outcome" if n % 3 else "bishkek-protocol"
            records.append(rec(n, intent=intent, score=40.0 + (n % 60), ts=now - n))
    conn.executemany(schema.INSERT_QUERY, [r.row() for r in records])
    conn.executemany(schema.INSERT_FEEDBACK, [(now, f"ref{n:06d}", "u", -1) for n in range(3, 300, 10)])
    conn.executemany(schema.INSERT_FEEDBACK, [(now, f"ref{n:06d}", "u", 1) for n in range(4, 300, 10)])
    conn.commit()
    report = stats.compute(conn, limit=5)
    conn.close()
    answered = [r for r in records if r.outcome == "answered"]
    by_intent = Counter(r.intent for r in answered)
    down = Counter(r.intent for r in answered if int(r.ref[3:]) % 10 == 3 and int(r.ref[3:]) < 300)
    assert report.total == 4000
    assert report.by_outcome == {"answered": 2800, "unknown": 800, "ambiguous": 400}
    assert report.answer_rate == 0.7
    assert report.top_intents[0] == by_intent.most_common(1)[0]
    # the four spellings of one missing topic are one row with all their questions
    groups = {g.examples[0].lower().rstrip("?"): g for g in report.unanswered}
    assert len(report.unanswered) == 2
    horses = next(g for g in report.unanswered if any("horse" in e for e in g.examples))
    assert horses.count == 400 and len(horses.examples) == 3
    assert groups["weather in baku"].count == 400 and groups["weather in baku"].examples == [
        "weather in baku"
    ]
    assert report.ambiguous[0].count == 400
    assert report.low_scoring[0][2] == min(r.score for r in answered)
    assert {(i, d) for i, d, _ in report.disliked} == set(down.items())
    assert report.latency_p50_ms == 1.5
    text = stats.render_text(report)
    assert "Top unanswered" in text and "karabakh horse breed" in text
    assert stats.render_csv(report).startswith("section,key,count,detail")


def test_stats_since_filters_by_time(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    conn = open_sync(path)
    now = time.time()
    conn.executemany(schema.INSERT_QUERY, [rec(n, ts=now - n * 3600).row() for n in range(48)])
    conn.commit()
    assert stats.compute(conn, since=now - 24 * 3600 + 1).total == 24
    conn.close()


def test_copying_a_database_keeps_it_openable(tmp_path: Path) -> None:
    """A database file copied from a running bot (WAL) opens cleanly and keeps committed rows."""
    src = tmp_path / "a.sqlite3"
    conn = open_sync(src)
    conn.executemany(schema.INSERT_QUERY, [rec(n).row() for n in range(10)])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(src, tmp_path / "b.sqlite3")
    assert rows(tmp_path / "b.sqlite3") == 10


async def test_the_generated_key_is_kept_outside_the_database_owner_only(tmp_path: Path) -> None:
    """With the key in the database, whoever has the file recovers every user by trying all ids."""
    path = tmp_path / "log.sqlite3"
    qlog = QueryLog(path)
    await qlog.start()
    qlog.record(rec(1, user_key=qlog.user_key(42)))
    await qlog.close()
    key_file = key_path(path)
    stored = key_file.read_text(encoding="ascii").strip()
    assert stored.encode() == qlog.key and len(stored) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert rows(path, "SELECT COUNT(*) FROM meta WHERE key = 'log_key'") == 0
    for name in ("log.sqlite3", "log.sqlite3-wal"):
        if (tmp_path / name).exists():
            assert stored.encode() not in (tmp_path / name).read_bytes()


async def test_a_key_kept_in_an_older_database_is_moved_out_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with contextlib.closing(open_sync(path)) as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('log_key', ?)", ("ab" * 32,))
        conn.commit()
    qlog = QueryLog(path)
    await qlog.start()
    await qlog.close()
    assert qlog.key == ("ab" * 32).encode()
    assert key_path(path).read_text(encoding="ascii").strip() == "ab" * 32
    assert rows(path, "SELECT COUNT(*) FROM meta WHERE key = 'log_key'") == 0


async def test_a_users_key_stays_the_same_when_the_database_is_unusable_at_start(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    first = QueryLog(path)
    await first.start()
    before = first.user_key(42)
    await first.close()
    for name in ("log.sqlite3", "log.sqlite3-wal", "log.sqlite3-shm"):
        with contextlib.suppress(FileNotFoundError):
            (tmp_path / name).unlink()
    path.mkdir()  # unusable now
    broken = QueryLog(path)
    await broken.start()
    assert broken.user_key(42) == before
    path.rmdir()
    await broken.close()


async def test_unusable_database_at_start_does_not_stop_logging_later(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    path.mkdir()  # unusable when the bot starts
    qlog = QueryLog(path, flush_interval=0.05, key="configured")
    await qlog.start()
    assert qlog.user_key(42) is not None  # pseudonyms still work with the configured key
    qlog.record(rec(1))
    await until(lambda: qlog.failures >= 1)
    path.rmdir()
    await until(lambda: qlog.written == 1, timeout=40)
    await qlog.close()
    assert rows(path) == 1


GARBAGE = b"this is not a database, it was overwritten by mistake. " * 200


async def test_a_database_overwritten_with_garbage_is_set_aside_and_logging_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    qlog = QueryLog(path, flush_interval=0.05)
    await qlog.start()
    qlog.record(rec(1))
    await until(lambda: qlog.written == 1)
    path.write_bytes(GARBAGE)  # overwritten under the running writer
    for n in range(2, 6):
        qlog.record(rec(n))
    await until(lambda: qlog.written == 5)
    await qlog.close()
    damaged = sorted(tmp_path.glob("log.sqlite3.damaged-*"))
    assert damaged and damaged[0].read_bytes().startswith(b"this is not a database")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert rows(path) == 4  # every row recorded after the damage is in the new log


async def test_a_garbage_database_at_start_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    path.write_bytes(GARBAGE)
    qlog = QueryLog(path, flush_interval=0.05)
    await qlog.start()
    qlog.record(rec(1))
    await until(lambda: qlog.written == 1)
    await qlog.close()
    assert rows(path) == 1
    assert len(list(tmp_path.glob("log.sqlite3.damaged-*"))) == 1
