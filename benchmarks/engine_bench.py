"""Engine benchmark: knowledge load + index time, match latency p50/p99, peak RSS.

Run: python benchmarks/engine_bench.py [--factors 1,10,100] [--repeats 5]
(figures are medians over repeats; the machine is shared)

Latency is measured on the shipped knowledge and on synthetic knowledge 10x and 100x larger,
made by cloning every entry with part of its words replaced by invented ones, so vocabulary and
posting lists grow the way a bigger real base would.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nkbot.engine import Engine  # noqa: E402
from nkbot.engine.engine import RANKING_CACHE  # noqa: E402
from nkbot.engine.loader import load_or_raise  # noqa: E402
from nkbot.engine.model import Intent, KnowledgeBase  # noqa: E402
from nkbot.engine.normalize import stem  # noqa: E402
from nkbot.evaluation import load_cases  # noqa: E402

SYLLABLES = ["ka", "ra", "ba", "gh", "tor", "vel", "an", "ish", "mar", "dun", "sol", "ek", "zi", "po", "lun"]


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _mutate(text: str, rng: random.Random, share: float = 0.5) -> str:
    return " ".join(_pseudo_word(rng) if rng.random() < share else w for w in text.split())


def synthetic(kb: KnowledgeBase, factor: int, seed: int = 7) -> KnowledgeBase:
    """The base plus (factor - 1) mutated copies of every entry."""
    rng = random.Random(seed)
    intents: list[Intent] = list(kb.intents)
    for copy in range(1, factor):
        for i in kb.intents:
            intents.append(
                replace(
                    i,
                    id=f"{i.id}-x{copy}",
                    questions={k: tuple(_mutate(q, rng) for q in v) for k, v in i.questions.items()},
                    keywords={k: tuple(_mutate(q, rng) for q in v) for k, v in i.keywords.items()},
                    title={k: _mutate(v, rng) for k, v in i.title.items()},
                    answer={k: _mutate(v, rng, 0.3) for k, v in i.answer.items()},
                    facts=tuple(
                        replace(
                            f,
                            id=f"{i.id}-x{copy}/{f.id.split('/')[-1]}",
                            questions={k: tuple(_mutate(q, rng) for q in v) for k, v in f.questions.items()},
                            answer={k: _mutate(v, rng, 0.3) for k, v in f.answer.items()},
                        )
                        for f in i.facts
                    ),
                    related=(),
                )
            )
    return replace(kb, intents=tuple(intents))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def clear_all_caches(engine: Engine) -> None:
    """Every cache a question can hit: rankings, typo look-ups, normalised texts, stems."""
    engine.clear_caches()
    engine.normalizer._cache.clear()
    stem.cache_clear()


def measure_latency(
    engine: Engine,
    questions: list[str],
    repeats: int,
    ask: Callable[[str], object] | None = None,
    cold: bool = True,
) -> tuple[float, float]:
    """Median over repeats of p50 and p99 per-question latency of `ask` (default: the engine's
    `answer`), in milliseconds.

    cold: every cache is cleared before each repeat, so each question is normalised and matched
    from scratch, as one never asked before. warm (cold=False): the questions were all asked
    just before, as popular questions are (pass no more than the engine keeps: see `popular`).
    """
    ask = ask or engine.answer
    p50s, p99s = [], []
    if not cold:
        for q in questions:
            ask(q)
    for _ in range(repeats):
        if cold:
            clear_all_caches(engine)
        times = []
        for q in questions:
            t0 = time.perf_counter()
            ask(q)
            times.append((time.perf_counter() - t0) * 1000)
        p50s.append(percentile(times, 0.50))
        p99s.append(percentile(times, 0.99))
    return statistics.median(p50s), statistics.median(p99s)


def popular(questions: list[str], seed: int = 7) -> list[str]:
    """A sample that fits in the engine's ranking cache: popular questions are a small set, and
    a whole set larger than the cache, asked again in the same order, would find nothing kept."""
    distinct = list(dict.fromkeys(questions))
    return random.Random(seed).sample(distinct, min(len(distinct), RANKING_CACHE // 2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--factors", default="1,10,100", help="knowledge sizes to measure (default 1,10,100)")
    args = parser.parse_args()

    loads = []
    for _ in range(args.repeats):
        stem.cache_clear()  # each load as at start-up: nothing cached
        t0 = time.perf_counter()
        engine = Engine(load_or_raise(args.knowledge))
        loads.append((time.perf_counter() - t0) * 1000)
    kb = engine.kb
    questions = [c.question for c in load_cases([ROOT / "eval"])]
    phrases = len(engine.matcher.phrases)
    print(
        f"knowledge: {len(kb.intents)} entries, {phrases} phrases; questions: {len(questions)}"
        f" (warm: {len(popular(questions))} of them, asked just before)"
    )
    print(f"load + index: median {statistics.median(loads):.1f} ms over {args.repeats} runs")
    for factor in (int(f) for f in args.factors.split(",")):
        index_ms = 0.0
        if factor == 1:
            eng = engine
        else:
            big = synthetic(kb, factor)
            stem.cache_clear()
            t0 = time.perf_counter()
            eng = Engine(big)  # the first build, with cold caches: what a start-up costs
            index_ms = (time.perf_counter() - t0) * 1000
        cold50, cold99 = measure_latency(eng, questions, args.repeats, cold=True)
        warm50, warm99 = measure_latency(eng, popular(questions), args.repeats, cold=False)
        extra = f", index {index_ms:.0f} ms" if factor != 1 else ""
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"x{factor:<3} {len(eng.kb.intents):6} entries {len(eng.matcher.phrases):7} phrases: "
            f"cold p50 {cold50:.3f} ms, p99 {cold99:.3f} ms; warm p50 {warm50:.3f} ms, p99 {warm99:.3f} ms"
            f"{extra}; peak RSS so far {rss_mb:.0f} MB",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
