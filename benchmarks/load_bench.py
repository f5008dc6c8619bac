"""Load benchmark: a burst of updates through the real Application and a loopback Bot API server.

Run: python benchmarks/load_bench.py [--updates 10000] [--production]

Pushes a burst of private questions, group mentions, inline queries and button presses from many
users and chats, with the query log on, then checks that every update got its reply and every
question is in the log. Prints updates/s and reply latency p50/p99 (from the moment the update
was queued at the server to the bot's reply arriving there). The Bot API server runs in a child
process, so the bot has a core of its own, as it would against Telegram.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.botapi import BotAPIServer, SentMessage  # noqa: E402

from nkbot.bot.app import build_application, post_init, post_shutdown  # noqa: E402
from nkbot.config import Settings  # noqa: E402
from nkbot.engine import Engine  # noqa: E402
from nkbot.evaluation import load_cases  # noqa: E402


def _serve(port_out: Any, plan: list[dict[str, Any]], result_out: Any, ready: Any, go: Any) -> None:
    """Child process: the Bot API server; queues the burst on `go`, reports timings when all answered."""

    async def main() -> None:
        server = BotAPIServer()
        await server.start()
        port_out.put(server.port)
        await asyncio.get_running_loop().run_in_executor(None, go.wait)
        pushed: dict[str, float] = {}
        t0 = time.perf_counter()
        presses = 0
        for item in plan:
            kind = item["kind"]
            if kind == "private":
                server.message(item["chat"], item["user"], item["text"])
                pushed[f"c{item['chat']}"] = time.perf_counter()
            elif kind == "group":
                mid = server.mention(item["chat"], item["user"], item["text"])
                pushed[f"g{item['chat']}:{mid}"] = time.perf_counter()
            elif kind == "inline":
                qid = server.inline_query(item["user"], item["text"])
                pushed[f"i{qid}"] = time.perf_counter()
            else:
                server.press(SentMessage(1, item["chat"], "x", "x", None, None), item["data"], item["user"])
                pushed[f"p{presses}"] = time.perf_counter()
                presses += 1
        replies_expected = sum(1 for p in plan if p["kind"] in ("private", "group", "press"))
        inline_expected = sum(1 for p in plan if p["kind"] == "inline")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not (
            server.sent_count >= replies_expected
            and len(server.inline_answers) >= inline_expected
            and len(server.callback_answers) >= presses
        ):
            await asyncio.sleep(0.02)
        done: dict[str, float] = {}
        for chat, msgs in server.sent.items():
            for m in msgs:
                key = f"c{chat}" if m.reply_to is None else f"g{chat}:{m.reply_to}"
                done.setdefault(key, m.at)
        for qid, answer in server.inline_answers.items():
            done[f"i{qid}"] = answer["at"]
        for n, answer in enumerate(sorted(server.callback_answers, key=lambda a: a["at"])):
            done[f"p{n}"] = answer["at"]
        answered = [k for k in pushed if k in done]
        elapsed = max((done[k] for k in answered), default=t0) - t0
        latencies = [(done[k] - pushed[k]) * 1000 for k in answered]
        result_out.put({"answered": len(answered), "expected": len(plan), "elapsed": elapsed,
                        "server_cpu": time.process_time(),
                        "latencies": latencies, "rejected": len(server.rejected)})  # fmt: skip
        # wait for the bot to stop without blocking this loop: it still answers the bot's last calls
        await asyncio.get_running_loop().run_in_executor(None, ready.wait)
        await server.stop()

    if os.environ.get("NKBOT_PROFILE_SERVER"):
        import cProfile

        cProfile.runctx("asyncio.run(main())", globals(), locals(), os.environ["NKBOT_PROFILE_SERVER"])
    else:
        asyncio.run(main())


def make_plan(n: int, questions: list[str], seed: int = 3) -> list[dict[str, Any]]:
    """Private 70 %, group 15 %, inline 10 %, button presses 5 %; thousands of users and chats."""
    rng = random.Random(seed)
    plan: list[dict[str, Any]] = []
    for i in range(n):
        r = rng.random()
        user = 10_000 + i  # a user per update: the per-user flood limit is not what is measured
        text = rng.choice(questions)
        if r < 0.70:
            plan.append({"kind": "private", "chat": user, "user": user, "text": text})
        elif r < 0.85:
            plan.append({"kind": "group", "chat": -1_000_000 - (i % 500), "user": user, "text": text})
        elif r < 0.95:
            plan.append({"kind": "inline", "user": user, "text": text})
        else:
            plan.append({"kind": "press", "chat": user, "user": user, "data": "a|bishkek-protocol"})
    return plan


async def drive(n: int, production: bool) -> int:
    questions = [c.question for c in load_cases([ROOT / "eval"])]
    plan = make_plan(n, questions)
    ctx = multiprocessing.get_context("spawn")
    port_q, result_q, ready, go = ctx.Queue(), ctx.Queue(), ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_serve, args=(port_q, plan, result_q, ready, go), daemon=True)
    proc.start()
    port = port_q.get(timeout=30)
    db = Path(tempfile.mkdtemp()) / "load.sqlite3"
    limits: dict[str, Any] = {} if production else {"user_rate": 0}  # production: NKBOT_USER_RATE's default
    settings = replace(Settings(), token=BotAPIServer.token, api_base_url=f"http://127.0.0.1:{port}/bot",
                       database=db, inbox=db.with_name("inbox.sqlite3"), watch_knowledge=0.0,
                       **limits)  # fmt: skip
    app = build_application(settings, Engine.from_directory(ROOT / "knowledge"), flood_limits=production)
    await app.initialize()
    await post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    cpu0 = time.process_time()
    go.set()
    result = await asyncio.get_running_loop().run_in_executor(None, result_q.get, True, 400)
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    await post_shutdown(app)
    ready.set()
    proc.join(timeout=30)
    questions_sent = sum(1 for p in plan if p["kind"] != "press")
    with contextlib.closing(sqlite3.connect(db)) as conn:
        logged = conn.execute("SELECT COUNT(*) FROM queries").fetchone()[0]
    lat = sorted(result["latencies"])
    rate = result["answered"] / result["elapsed"] if result["elapsed"] else 0.0
    mode = "production settings (Telegram's flood limits, per-user limit)" if production else "limits off"
    print(
        f"updates: {n} (private/group/inline/button), {mode};"
        f" answered {result['answered']}/{result['expected']}"
    )
    print(f"throughput: {rate:.0f} updates/s over {result['elapsed']:.1f} s")
    if lat:
        p99 = lat[min(len(lat) - 1, round(0.99 * (len(lat) - 1)))]
        print(
            f"reply latency: p50 {statistics.median(lat):.0f} ms, p99 {p99:.0f} ms"
            " (queued at the server -> reply received)"
        )
    print(
        f"query log: {logged}/{questions_sent} questions logged;"
        f" replies rejected by the server: {result['rejected']}"
    )
    bot_cpu = time.process_time() - cpu0
    print(f"CPU time: bot process {bot_cpu:.1f} s, Bot API test server {result['server_cpu']:.1f} s")
    ok = result["answered"] == result["expected"] and logged == questions_sent and result["rejected"] == 0
    print("OK: every update answered and every question logged" if ok else "FAILED: something was lost")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument(
        "--production",
        action="store_true",
        help="Telegram's flood limits and the per-user limit on, as `nkbot run` has them (about 30 sends/s)",
    )
    args = parser.parse_args()
    return asyncio.run(drive(args.updates, args.production))


if __name__ == "__main__":
    raise SystemExit(main())
