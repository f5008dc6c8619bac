"""Conversation and chart benchmark: follow-up turns, date questions, chart rendering, memory.

Run: python benchmarks/conversation_bench.py   (medians over repeats; the machine is shared)

- every turn of the scripted dialogues (eval/*/dialogues), each dialogue from a clean context,
  with the engine's caches cleared per repeat: p50/p99 per turn;
- the same single questions through `respond()` (conversation and date handling) against
  `answer()` (matching alone): what the conversation layer costs;
- each chart drawn cold (a new renderer) and fetched from the renderer's cache, and the
  memory the plotting library adds.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from engine_bench import measure_latency, percentile  # noqa: E402  (this folder is on sys.path when run as a script)
from nkbot.charts import ChartRenderer, load_charts  # noqa: E402
from nkbot.engine import Engine  # noqa: E402
from nkbot.engine.loader import load_or_raise  # noqa: E402
from nkbot.evaluation import load_cases, load_dialogues  # noqa: E402

DATE_QUESTIONS = [
    "what happened in 1992",
    "between 2020 and 2023",
    "in september 2023",
    "what happened on 10 November 2020",
    "events of the 1990s",
    "что произошло в 1992 году",
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    args = parser.parse_args()

    engine = Engine(load_or_raise(args.knowledge))
    dialogues = load_dialogues([ROOT / "eval"])
    questions = [c.question for c in load_cases([ROOT / "eval"])]
    turns = sum(len(d.turns) for d in dialogues)
    print(f"{len(dialogues)} dialogues, {turns} turns; {len(questions)} single questions")

    p50s, p99s = [], []
    for _ in range(args.repeats):
        engine.clear_caches()
        times = []
        for d in dialogues:
            context, clock = None, 0.0
            for turn in d.turns:
                clock += turn.after
                t0 = time.perf_counter()
                _, context = engine.respond(turn.question, context, turn.lang, clock)
                times.append((time.perf_counter() - t0) * 1000)
        p50s.append(percentile(times, 0.5))
        p99s.append(percentile(times, 0.99))
    print(f"dialogue turn: p50 {statistics.median(p50s):.3f} ms, p99 {statistics.median(p99s):.3f} ms")

    answer_p50, _ = measure_latency(engine, questions, args.repeats)
    respond_p50, _ = measure_latency(engine, questions, args.repeats, ask=engine.respond)
    print(
        f"single question: answer() p50 {answer_p50:.3f} ms, respond() p50 {respond_p50:.3f} ms "
        f"(x{respond_p50 / answer_p50:.2f})"
    )
    dates_p50, _ = measure_latency(engine, DATE_QUESTIONS, args.repeats, ask=engine.respond)
    print(f"date question: p50 {dates_p50:.3f} ms")

    rss_before = _rss_mb()
    book, _ = load_charts(args.knowledge, engine.kb)
    t0 = time.perf_counter()
    ChartRenderer(book, engine.kb).png(next(iter(book.charts)), "en")
    first_ms = (time.perf_counter() - t0) * 1000
    print(f"first chart in the process (imports matplotlib): {first_ms:.0f} ms")
    for name in book.charts:
        for lang in ("en", "ru"):
            cold, warm = [], []
            for _ in range(args.repeats):
                renderer = ChartRenderer(book, engine.kb)
                t0 = time.perf_counter()
                data = renderer.png(name, lang)
                cold.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                renderer.png(name, lang)
                warm.append((time.perf_counter() - t0) * 1000)
            print(
                f"chart {name} [{lang}]: draw median {statistics.median(cold):.0f} ms, "
                f"cached {statistics.median(warm) * 1000:.1f} µs, {len(data) // 1024} KB"
            )
    print(f"peak RSS: {rss_before:.0f} MB before charts, {_rss_mb():.0f} MB after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
