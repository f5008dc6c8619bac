"""The process is killed mid-batch: on restart the database opens cleanly and no committed row is lost."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from nkbot.querylog import QueryLog

WRITER = textwrap.dedent(
    """
    import asyncio, sys, time
    from pathlib import Path
    from nkbot.querylog import QueryLog, QueryRecord

    async def main():
        log = QueryLog(Path(sys.argv[1]), batch_size=50, flush_interval=0.01)
        await log.start()
        n = 0
        while True:
            for _ in range(200):
                log.record(QueryRecord(time.time(), "private", "private", "k", "en", f"q{n}", f"q{n}",
                                       "answered", "first-war", 50.0, 1.0, f"r{n}"))
                n += 1
            await asyncio.sleep(0.005)
            print(log.written, flush=True)  # rows known committed so far

    asyncio.run(main())
    """
)


async def test_killed_mid_batch_reopens_cleanly_with_committed_rows(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    committed = 0
    deadline = time.monotonic() + 30
    while committed < 3000 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip().isdigit():
            committed = int(line)
    os.kill(proc.pid, signal.SIGKILL)  # no shutdown, no flush: mid-batch
    proc.wait(timeout=10)
    assert committed >= 3000
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT COUNT(*) FROM queries").fetchone()[0]
    assert rows >= committed
    # and the bot's log starts on it again and keeps writing
    qlog = QueryLog(db)
    await qlog.start()
    await qlog.close()
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
