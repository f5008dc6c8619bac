"""Crash benchmark: kill -9 the real `nkbot run` at a random moment of a question burst, restart
it, and count what was lost.

Run: python benchmarks/crash_bench.py [--burst 2000] [--runs 5]

Each run starts a fresh Bot API test server on 127.0.0.1 and a fresh data folder; every question
comes from its own user, so "answered" is "that user got a reply". Printed per run: answered
before the kill, questions never answered after the restart (lost), answered questions missing
from the query log, and how long SIGTERM took to end the restarted process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.botapi import BotAPIServer  # noqa: E402

FIRST_USER = 100_000


async def start(server: BotAPIServer, folder: Path) -> asyncio.subprocess.Process:
    env = os.environ | {
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "NKBOT_DATABASE": str(folder / "log.sqlite3"),
        "NKBOT_INBOX": str(folder / "inbox.sqlite3"),
        "NKBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "NKBOT_WATCH_SECONDS": "0",
        "NKBOT_USER_RATE": "0",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "nkbot", "run", env=env, cwd=folder,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def one_run(burst: int, rng: random.Random) -> dict[str, float]:
    server = BotAPIServer()
    await server.start()
    users = range(FIRST_USER, FIRST_USER + burst)
    questions = {u: f"who won the 2020 war {u}" for u in users}

    def answered() -> set[int]:
        return {u for u in users if server.sent[u]}

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc = await start(server, folder)
        await server.wait_for(lambda: "getUpdates" in server.calls, timeout=60)
        for u in users:
            server.message(u, u, questions[u])
        await asyncio.sleep(rng.uniform(0.2, 3.0))  # a random moment of the burst
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        before = len(answered())
        again = await start(server, folder)
        with contextlib.suppress(TimeoutError):
            await server.wait_for(lambda: len(answered()) == burst, timeout=600)
        stopped = time.monotonic()
        again.send_signal(signal.SIGTERM)
        await again.wait()
        exit_s = time.monotonic() - stopped
        with sqlite3.connect(folder / "log.sqlite3") as conn:
            logged = {row[0] for row in conn.execute("SELECT question FROM queries")}
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        done = answered()
    await server.stop()
    return {
        "answered before kill": before,
        "lost": burst - len(done),
        "answered, not logged": len({questions[u] for u in done} - logged),
        "exit after SIGTERM (s)": round(exit_s, 2),
        "log integrity ok": float(integrity == "ok"),
    }


async def main_async(burst: int, runs: int, seed: int) -> int:
    rng = random.Random(seed)
    worst = 0
    for n in range(1, runs + 1):
        figures = await one_run(burst, rng)
        print(f"run {n}: " + ", ".join(f"{k} {v:g}" for k, v in figures.items()), flush=True)
        worst = max(worst, int(figures["lost"] + figures["answered, not logged"]))
    print(f"{runs} runs of {burst} questions: worst run lost or left unlogged {worst}")
    return 0 if worst == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    return asyncio.run(main_async(args.burst, args.runs, args.seed))


if __name__ == "__main__":
    raise SystemExit(main())
