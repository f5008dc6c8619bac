"""Maintainers' analytics over the query log: what was asked, what went unanswered, what was disliked.

Unanswered questions are grouped by similarity, so ten spellings of one missing topic show as one
row with a count and examples: that row is the next entry to write.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

GROUP_SIMILARITY = 80  # token_set_ratio at which two questions count as the same request
GROUP_MAX_FORMS = 5000  # distinct questions clustered at most (the most frequent ones)


@dataclass
class Group:
    count: int
    examples: list[str]


@dataclass
class Report:
    since: float | None
    total: int = 0
    by_interface: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    answer_rate: float = 0.0
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    top_intents: list[tuple[str, int]] = field(default_factory=list)
    unanswered: list[Group] = field(default_factory=list)
    ambiguous: list[Group] = field(default_factory=list)
    low_scoring: list[tuple[str, str, float]] = field(default_factory=list)
    disliked: list[tuple[str, int, int]] = field(default_factory=list)  # intent, down, up

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def group_similar(rows: list[tuple[str, str]], limit: int) -> list[Group]:
    """Cluster (normalised, as asked) questions; biggest groups first."""
    counts = Counter(norm for norm, _ in rows)
    asked: dict[str, list[str]] = {}
    for norm, question in rows:
        examples = asked.setdefault(norm, [])
        if question not in examples and len(examples) < 3:
            examples.append(question)
    reps: list[str] = []
    groups: list[Group] = []
    for norm, n in counts.most_common(GROUP_MAX_FORMS):
        found = process.extractOne(norm, reps, scorer=fuzz.token_set_ratio, score_cutoff=GROUP_SIMILARITY)
        if found is None:
            reps.append(norm)
            groups.append(Group(n, list(asked[norm])))
        else:
            group = groups[found[2]]
            group.count += n
            group.examples += [q for q in asked[norm] if q not in group.examples][
                : max(0, 3 - len(group.examples))
            ]
    groups.sort(key=lambda g: g.count, reverse=True)
    return groups[:limit]


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def compute(conn: sqlite3.Connection, since: float | None = None, limit: int = 10) -> Report:
    where, params = ("WHERE ts >= ?", (since,)) if since is not None else ("", ())
    report = Report(since)
    for iface, n in conn.execute(
        f"SELECT interface, COUNT(*) FROM queries {where} GROUP BY interface", params
    ):
        report.by_interface[iface] = n
    for outcome, n in conn.execute(f"SELECT outcome, COUNT(*) FROM queries {where} GROUP BY outcome", params):
        report.by_outcome[outcome] = n
    report.total = sum(report.by_outcome.values())
    report.answer_rate = (
        round(report.by_outcome.get("answered", 0) / report.total, 4) if report.total else 0.0
    )
    latencies = [
        r[0] for r in conn.execute(f"SELECT latency_ms FROM queries {where}", params) if r[0] is not None
    ]
    p50, p95 = _percentile(latencies, 0.50), _percentile(latencies, 0.95)
    report.latency_p50_ms = round(p50, 2) if p50 is not None else None
    report.latency_p95_ms = round(p95, 2) if p95 is not None else None
    and_where = "AND ts >= ?" if since is not None else ""
    report.top_intents = [
        (intent, n)
        for intent, n in conn.execute(
            f"SELECT intent, COUNT(*) AS n FROM queries WHERE outcome = 'answered' {and_where}"
            " GROUP BY intent ORDER BY n DESC, intent LIMIT ?",
            (*params, limit),
        )
    ]
    for outcome, target in (("unknown", report.unanswered), ("ambiguous", report.ambiguous)):
        rows = conn.execute(
            f"SELECT COALESCE(NULLIF(normalized, ''), lower(question)), question FROM queries"
            f" WHERE outcome = ? {and_where}",
            (outcome, *params),
        ).fetchall()
        target.extend(group_similar([(str(a), str(b)) for a, b in rows], limit))
    report.low_scoring = [
        (q, i, s)
        for q, i, s in conn.execute(
            f"SELECT question, intent, score FROM queries WHERE outcome = 'answered' {and_where}"
            " ORDER BY score ASC, ts DESC LIMIT ?",
            (*params, limit),
        )
    ]
    report.disliked = [
        (intent, down, up)
        for intent, down, up in conn.execute(
            "SELECT q.intent, SUM(f.vote < 0), SUM(f.vote > 0)"
            " FROM feedback f JOIN queries q ON q.ref = f.ref"
            f" WHERE q.intent IS NOT NULL {'AND f.ts >= ?' if since is not None else ''}"
            " GROUP BY q.intent HAVING SUM(f.vote < 0) > 0 ORDER BY 2 DESC, 3 ASC LIMIT ?",
            (*params, limit),
        )
    ]
    return report


def _table(title: str, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    if not rows:
        return [title, "  (none)", ""]
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(header))]

    def fmt(row: tuple[str, ...]) -> str:
        return "  " + "  ".join(c[:60].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()

    return (
        [title, fmt(cells[0]), "  " + "  ".join("-" * w for w in widths)] + [fmt(r) for r in cells[1:]] + [""]
    )


def render_text(r: Report) -> str:
    lines = [f"{r.total} questions, {r.answer_rate:.1%} answered"]
    if r.latency_p50_ms is not None:
        lines[0] += f"; reply latency p50 {r.latency_p50_ms} ms, p95 {r.latency_p95_ms} ms"
    lines.append("")
    lines += _table("By interface", ("interface", "questions"), sorted(r.by_interface.items()))
    lines += _table("By outcome", ("outcome", "questions"), sorted(r.by_outcome.items()))
    lines += _table("Top entries", ("entry", "answers"), r.top_intents)
    lines += _table(
        "Top unanswered (grouped)",
        ("count", "examples"),
        [(g.count, " | ".join(g.examples)) for g in r.unanswered],
    )
    lines += _table(
        "Top ambiguous (grouped)",
        ("count", "examples"),
        [(g.count, " | ".join(g.examples)) for g in r.ambiguous],
    )
    lines += _table(
        "Lowest-scoring answers", ("score", "entry", "question"), [(s, i, q) for q, i, s in r.low_scoring]
    )
    lines += _table("Most disliked", ("entry", "👎", "👍"), r.disliked)
    return "\n".join(lines).rstrip() + "\n"


def render_csv(r: Report) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["section", "key", "count", "detail"])
    for k, n in sorted(r.by_interface.items()):
        w.writerow(["interface", k, n, ""])
    for k, n in sorted(r.by_outcome.items()):
        w.writerow(["outcome", k, n, ""])
    for k, n in r.top_intents:
        w.writerow(["top_entry", k, n, ""])
    for section, groups in (("unanswered", r.unanswered), ("ambiguous", r.ambiguous)):
        for g in groups:
            w.writerow([section, g.examples[0] if g.examples else "", g.count, " | ".join(g.examples)])
    for q, i, s in r.low_scoring:
        w.writerow(["low_scoring", i, s, q])
    for i, down, up in r.disliked:
        w.writerow(["disliked", i, down, f"up={up}"])
    return out.getvalue()
