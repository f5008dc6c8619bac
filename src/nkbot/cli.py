"""The `nkbot` command: argument parsing and dispatch to the adapters. No logic of its own."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from nkbot import __version__
from nkbot.charts import ChartRenderer, load_charts
from nkbot.config import ConfigError, Settings
from nkbot.engine import Engine, KnowledgeError, Result, load
from nkbot.engine.loader import Problem
from nkbot.engine.model import DEFAULT_LANG, KnowledgeBase
from nkbot.engine.render import render_result
from nkbot.engine.serialize import knowledge_json, result_json

if TYPE_CHECKING:
    from nkbot.evaluation import DialogueReport, Report

MAX_STDIN_LINE = 64 * 1024


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nkbot",
        description="Answers questions about the Nagorno-Karabakh conflict from a curated, cited fact base.",
    )
    p.add_argument("--version", action="version", version=f"nkbot {__version__}")
    p.add_argument(
        "--knowledge",
        type=Path,
        metavar="DIR",
        help="knowledge directory (default: $NKBOT_KNOWLEDGE_DIR or ./knowledge)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", help="talk to the bot in the terminal")
    chat.add_argument("--lang", help="answer language: en or ru (default: the language of each question)")
    chat.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per line of stdin, with the conversation context; a line may be "
        '{"q": "...", "after": SECONDS} to let time pass before it',
    )

    ask = sub.add_parser("ask", help="answer one question (or, with --json -, one per line of stdin)")
    ask.add_argument("question", nargs="+", help="the question; '-' reads questions from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--lang", help="answer language: en or ru (default: the language of the question)")

    val = sub.add_parser("validate", help="check the knowledge files; exit 1 on errors")
    val.add_argument("dir", nargs="?", type=Path, help="knowledge directory")
    val.add_argument("--strict", action="store_true", help="treat warnings as errors")
    val.add_argument(
        "--copies", action="store_true", help="list the eval questions that copy a stored phrasing"
    )

    ev = sub.add_parser("eval", help="score the engine on a labelled question set")
    ev.add_argument("files", nargs="*", type=Path, help="question files or folders (default: eval/)")
    ev.add_argument("--min-right", type=float, default=0.80, help="least share answered right (0.80)")
    ev.add_argument("--max-wrong", type=float, default=0.05, help="most share answered wrong (0.05)")
    ev.add_argument(
        "--min-declined",
        type=float,
        default=0.90,
        help="least share of out-of-scope questions declined (0.90)",
    )
    ev.add_argument(
        "--min-dialogue-right",
        type=float,
        default=0.75,
        help="least share of dialogue turns answered right (0.75)",
    )
    ev.add_argument(
        "--max-dialogue-wrong",
        type=float,
        default=0.10,
        help="most share of dialogue turns answered wrong (0.10): a turn inherits the errors before it",
    )
    ev.add_argument("--show", type=int, default=25, metavar="N", help="list up to N failures (25)")
    ev.add_argument(
        "--calibrate",
        action="store_true",
        help="search the thresholds that score best on the calibration half",
    )
    ev.add_argument(
        "--half",
        choices=["report", "calibration", "all"],
        default="report",
        help="which half of the question set to score (report: the one thresholds were not tuned on)",
    )
    ev.add_argument(
        "--max-hedged",
        type=float,
        default=1.0,
        help="most share of 'did you mean' with the right entry first",
    )
    ev.add_argument(
        "--max-reply-chars", type=int, default=0, help="largest median first-seen reply (0: no limit)"
    )
    ev.add_argument("--json", action="store_true", help="print the summary as JSON")
    ev.add_argument("--lang", help="only the questions of one language (eval/<lang>/)")

    st = sub.add_parser("stats", help="what was asked, what went unanswered, what users disliked")
    st.add_argument("--since", metavar="WHEN", help="only since a date (2026-11-01) or an age (7d, 12h)")
    st.add_argument("--limit", type=int, default=10, help="rows per table (10)")
    st.add_argument("--db", type=Path, help="the query log (default: $NKBOT_DATABASE)")
    fmt = st.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="as JSON")
    fmt.add_argument("--csv", action="store_true", help="as CSV")

    run = sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates by webhook (NKBOT_WEBHOOK_URL, NKBOT_WEBHOOK_SECRET, NKBOT_WEBHOOK_PORT)",
    )

    ch = sub.add_parser("chart", help="draw a chart (casualties, timeline) to a PNG file")
    ch.add_argument("name", help="the chart: casualties or timeline")
    ch.add_argument("--lang", default=DEFAULT_LANG, help="language of the texts (default: en)")
    ch.add_argument("--out", type=Path, help="the PNG file (default: ./nkbot-NAME-LANG.png)")

    ex = sub.add_parser("export", help="print the whole knowledge base")
    ex.add_argument("--json", action="store_true", required=True, help="as one JSON object")
    ex.add_argument("--lang", default=DEFAULT_LANG, help="language of the texts (default: en)")
    return p


def _engine(args: argparse.Namespace, settings: Settings, err: TextIO) -> Engine | None:
    root = args.knowledge or settings.knowledge_dir
    try:
        return Engine.from_directory(root, settings.thresholds)
    except KnowledgeError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        print(f"nkbot: the knowledge in {root} has {len(errors)} error(s); run 'nkbot validate':", file=err)
        for problem in errors[:10]:
            print(f"  {problem}", file=err)
        return None


def _questions_from_stdin(stdin: TextIO) -> list[str]:
    """One question per line; undecodable bytes become U+FFFD instead of a crash."""
    stream = getattr(stdin, "buffer", None)
    raw = stream.read() if stream is not None else stdin.read().encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", errors="replace")
    return [line[:MAX_STDIN_LINE] for line in text.splitlines()]


def cmd_ask(args: argparse.Namespace, engine: Engine, out: TextIO, record: Recorder) -> int:
    questions = _questions_from_stdin(sys.stdin) if args.question == ["-"] else [" ".join(args.question)]
    for q in questions:
        started = time.perf_counter()
        result, _ = engine.respond(q, None, args.lang)  # each question on its own: no conversation
        record(result, started)
        if args.json:
            print(json.dumps(result_json(engine.kb, result), ensure_ascii=False), file=out, flush=True)
        else:
            print(render_result(engine.kb, result), file=out)
            if len(questions) > 1:
                print(file=out)
    return 0


def _charts(args: argparse.Namespace, settings: Settings, engine: Engine) -> ChartRenderer:
    book, _ = load_charts(args.knowledge or settings.knowledge_dir, engine.kb)
    return ChartRenderer(book, engine.kb)


def cmd_chart(args: argparse.Namespace, settings: Settings, engine: Engine, out: TextIO, err: TextIO) -> int:
    charts = _charts(args, settings, engine)
    lang = args.lang if args.lang in engine.kb.languages else DEFAULT_LANG
    if args.name not in charts.names():
        print(f"nkbot chart: no chart {args.name!r}; charts: {', '.join(charts.names()) or '-'}", file=err)
        return 2
    path = args.out or Path(f"nkbot-{args.name}-{lang}.png")
    try:
        path.write_bytes(charts.png(args.name, lang))
    except OSError as exc:
        print(f"nkbot chart: cannot write {path}: {exc.strerror or exc}", file=err)
        return 1
    print(engine.kb.message("chart_written", lang).format(path=path), file=out)
    print(charts.caption(args.name, lang), file=out)
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    root = args.dir or args.knowledge or settings.knowledge_dir
    kb, problems = load(root)
    copies: list[Problem] = []
    if kb is not None:  # the pictures are checked against the entries they draw on
        problems = problems + load_charts(root, kb)[1]
        copies = _eval_copies(root, kb)
    for problem in problems + (copies if args.copies else []):
        print(problem, file=out)
    if copies and not args.copies:
        print(
            f"note: {len(copies)} eval question(s) copy a stored phrasing and are left out of the"
            " reported half (list them: nkbot validate --copies)",
            file=out,
        )
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if kb is not None:
        sources = len({s.id for i in kb.intents for s in i.sources})
        print(
            f"{root}: {len(kb.intents)} entries, {sources} sources cited, "
            f"{errors} errors, {warnings} warnings",
            file=out,
        )
    else:
        print(f"{root}: {errors} errors, {warnings} warnings", file=out)
    return 1 if errors or (args.strict and warnings) else 0


def _eval_copies(root: Path, kb: KnowledgeBase) -> list[Problem]:
    """Eval questions that normalise to a stored phrasing: they test memory, and are left out of
    the reported half (warnings, with the eval file's line)."""
    from nkbot import evaluation as ev

    folder = root.resolve().parent / "eval"
    if not folder.is_dir():
        return []
    try:
        cases = ev.load_cases([folder])
    except (ev.EvalSetError, OSError):
        return []  # `nkbot eval` reports a broken question set
    copies = ev.copied_questions(kb, cases)
    return [
        Problem(Path(c.file), c.line, f"eval question {c.question!r} copies a stored phrasing", "note")
        for c in copies
    ]


def cmd_eval(args: argparse.Namespace, engine: Engine, out: TextIO, err: TextIO) -> int:
    from nkbot import evaluation as ev

    files = args.files or [Path("eval")]
    try:
        cases = ev.load_cases(files)
        dialogues = ev.load_dialogues(files)
    except (ev.EvalSetError, OSError) as exc:
        print(f"nkbot eval: {exc}", file=err)
        return 2
    turns = [t for d in dialogues for t in d.turns]
    bad_labels = ev.check_labels(engine, cases + turns)
    if bad_labels:
        print("\n".join(bad_labels), file=err)
        return 2
    if args.calibrate:
        best, summary = ev.calibrate(engine, ev.report_half(cases, ev.CALIBRATION, []))
        print(f"best thresholds: answer={best.answer} margin={best.margin} suggest={best.suggest}", file=out)
        print(json.dumps(summary, indent=2), file=out)
        return 0
    if args.lang:
        cases = [c for c in cases if (c.lang or "") == args.lang]
        dialogues = [d for d in dialogues if (d.turns[0].lang or "") == args.lang]
    copies = ev.copied_questions(engine.kb, cases)
    other = None
    if args.half != "all":
        other_half = ev.CALIBRATION if args.half == ev.REPORT else ev.REPORT
        other = ev.evaluate(engine, ev.report_half(cases, other_half, copies))
        cases = ev.report_half(cases, args.half, copies)
        dialogues = [d for d in dialogues if d.half == args.half]
    report = ev.evaluate(engine, cases)
    s = report.summary()
    per_lang = {lang: report.only(lang).summary() for lang in report.languages()}
    talk = ev.evaluate_dialogues(engine, dialogues)
    ds = talk.summary()
    if args.json:
        extra: dict[str, Any] = {"half": args.half, "copied_questions": len(copies), "by_language": per_lang}
        if other is not None:
            extra["other_half"] = other.summary()
        print(json.dumps(s | extra | {"dialogues": ds}, indent=2), file=out)
    else:
        print(
            f"half: {args.half} ({len(cases)} questions; {len(copies)} copied from the knowledge left out)",
            file=out,
        )
        _print_report(report, s, args.show, out)
        if len(per_lang) > 1:
            for lang, ls in per_lang.items():
                print(f"[{lang}] {_line(ls)}", file=out)
        if other is not None:
            print(f"the other half, for comparison: {_line(other.summary())}", file=out)
        if dialogues:
            _print_dialogues(talk, ds, args.show, out)
    ok = all(
        (
            ls["in_scope"] == 0
            or (
                ls["right_rate"] >= args.min_right
                and ls["wrong_rate"] <= args.max_wrong
                and ls["hedged_rate"] <= args.max_hedged
                and (not args.max_reply_chars or ls["median_reply_chars"] <= args.max_reply_chars)
            )
        )
        and ls["declined_rate"] >= args.min_declined
        for ls in [s, *per_lang.values()]
    )
    ok_talk = not dialogues or (
        ds["right_rate"] >= args.min_dialogue_right and ds["wrong_rate"] <= args.max_dialogue_wrong
    )
    verdicts = err if args.json else out  # --json keeps stdout one JSON document
    if not ok:
        print(
            f"FAILED: needs right >= {args.min_right:.0%}, wrong <= {args.max_wrong:.0%}, "
            f"hedged <= {args.max_hedged:.0%}, declined >= {args.min_declined:.0%}"
            + (f", median reply <= {args.max_reply_chars} characters" if args.max_reply_chars else ""),
            file=verdicts,
        )
    if not ok_talk:
        print(
            f"FAILED: dialogue turns need right >= {args.min_dialogue_right:.0%}, "
            f"wrong <= {args.max_dialogue_wrong:.0%}",
            file=verdicts,
        )
    return 0 if ok and ok_talk else 1


def _print_dialogues(talk: DialogueReport, ds: dict[str, Any], show: int, out: TextIO) -> None:
    print(
        f"dialogues: {ds['dialogues']} ({ds['dialogues_all_right']} right throughout), {ds['turns']} turns: "
        f"{ds['right']} right ({ds['right_rate']:.1%}), {ds['wrong']} wrong ({ds['wrong_rate']:.1%}), "
        f"{ds['abstained']} abstained",
        file=out,
    )
    print(
        f"  {ds['dialogues_with_fresh']} dialogues ask a fresh question after an unrelated turn: "
        f"{ds['fresh_right']} of {ds['fresh_turns']} fresh turns right ({ds['fresh_right_rate']:.1%})",
        file=out,
    )
    shown = 0
    for dialogue, outcomes in talk.dialogues:
        for n, o in enumerate(outcomes, 1):
            if o.verdict == "right" or shown >= show:
                continue
            shown += 1
            r = o.result
            got = r.intent.id if r.intent else (f"timeline:{r.span.text}" if r.span else r.status.value)
            expected = "/".join(sorted(o.case.expect)) or "(decline)"
            print(
                f"  {o.verdict:<9} {dialogue.name!r} turn {n} {o.case.question!r}: "
                f"expected {expected}, got {got}" + (f" (as {r.understood!r})" if r.understood else ""),
                file=out,
            )


def _line(ls: dict[str, Any]) -> str:
    return (
        f"{ls['in_scope']} in scope: {ls['right_rate']:.1%} right, {ls['wrong_rate']:.1%} wrong,"
        f" {ls['hedged_rate']:.1%} 'did you mean' with the right entry first,"
        f" median reply {ls['median_reply_chars']} characters;"
        f" {ls['out_of_scope']} out of scope: {ls['declined_rate']:.1%} declined"
    )


def _print_report(report: Report, s: dict[str, Any], show: int, out: TextIO) -> None:
    ins = s["in_scope"]
    print(
        f"in scope: {ins} questions: {s['right']} right ({s['right_rate']:.1%}), "
        f"{s['wrong']} wrong ({s['wrong_rate']:.1%}), {s['partial']} partial (right entry, asked fact not"
        f" shown), {s['abstained']} abstained ({s['abstained_with_hint']} with the right suggestion,"
        f" {s['hedged_right_first']} of them first: {s['hedged_rate']:.1%});"
        f" median first-seen reply {s['median_reply_chars']} characters",
        file=out,
    )
    print(
        f"out of scope: {s['out_of_scope']} questions: {s['declined']} declined ({s['declined_rate']:.1%})",
        file=out,
    )
    failures = [o for o in report.outcomes if o.verdict != "right"]
    failures.sort(key=lambda o: (o.verdict != "wrong", o.case.file, o.case.line))
    for o in failures[:show]:
        got = o.result.intent.id if o.result.intent else o.result.status.value
        if o.result.suggestions:
            got += " [" + ", ".join(x.intent.id for x in o.result.suggestions) + "]"
        expected = "/".join(sorted(o.case.expect)) or "(decline)"
        print(
            f"  {o.verdict:<9} {o.result.score:5.1f} {o.case.question!r}: expected {expected}, got {got}",
            file=out,
        )
    if len(failures) > show:
        print(f"  ... and {len(failures) - show} more (--show N)", file=out)
    confusions = report.confusions().most_common(10)
    if confusions:
        print("most frequent confusions (expected -> answered):", file=out)
        for (expected, got), n in confusions:
            print(f"  {n:3} {expected} -> {got}", file=out)


Recorder = Callable[[Result, float], None]


@contextlib.contextmanager
def _query_log(settings: Settings, err: TextIO) -> Iterator[Recorder]:
    """Log terminal questions (interface "cli") like the bot's; a log that cannot open is skipped."""
    if not settings.logging_enabled:
        yield lambda result, started: None
        return
    from nkbot.querylog.records import QueryRecord
    from nkbot.querylog.store import SyncQueryLog

    try:
        qlog = SyncQueryLog(settings.database, settings.log_key)
    except (sqlite3.Error, OSError) as exc:
        print(f"nkbot: query log {settings.database} not available ({exc}); not logging", file=err)
        yield lambda result, started: None
        return

    def record(result: Result, started: float) -> None:
        qlog.record(QueryRecord.of(result, "cli", started=started))

    try:
        yield record
    finally:
        qlog.close()


def parse_since(text: str, now: float | None = None) -> float:
    """'2026-11-01' (UTC) or an age like '7d', '12h', '30m' -> Unix time."""
    now = time.time() if now is None else now
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([dhm])", text.strip().lower())
    if match:
        return now - float(match.group(1)) * {"d": 86400, "h": 3600, "m": 60}[match.group(2)]
    try:
        day = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"--since takes a date like 2026-11-01 or an age like 7d, not {text!r}") from exc
    return (day if day.tzinfo else day.replace(tzinfo=UTC)).timestamp()


def cmd_stats(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from nkbot.querylog import stats

    path = args.db or settings.database
    if not Path(path).is_file():
        print(f"nkbot stats: no query log at {path} (set NKBOT_DATABASE or --db)", file=err)
        return 2
    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        print(f"nkbot stats: {exc}", file=err)
        return 2
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as conn:
            report = stats.compute(conn, since=since, limit=args.limit)
    except sqlite3.Error as exc:
        print(f"nkbot stats: cannot read {path}: {exc}", file=err)
        return 2
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2), file=out)
    elif args.csv:
        out.write(stats.render_csv(report))
    else:
        out.write(stats.render_text(report))
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings, engine: Engine, err: TextIO) -> int:
    if not settings.token:
        print(f"nkbot: {engine.kb.message('run_needs_token')}", file=err)
        return 2
    if args.webhook and not (settings.webhook_url.startswith("https://") and settings.webhook_secret):
        print("nkbot: webhook mode needs NKBOT_WEBHOOK_URL (https://...) and NKBOT_WEBHOOK_SECRET", file=err)
        return 2
    from nkbot.bot.app import run
    from nkbot.bot.logs import setup_logging

    setup_logging([settings.token, settings.webhook_secret, settings.log_key])
    return run(settings, engine, webhook=args.webhook)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        settings = Settings()
    except ConfigError as exc:
        print(f"nkbot: {exc}", file=err)
        return 2
    # Bare `nkbot`: the bot on Telegram when a token is set, else the terminal conversation.
    command = args.command or ("run" if settings.token else "chat")
    if command == "run" and not hasattr(args, "webhook"):
        args.webhook = False
    if command == "validate":
        return cmd_validate(args, settings, out)
    if command == "stats":
        return cmd_stats(args, settings, out, err)
    engine = _engine(args, settings, err)
    if engine is None:
        return 1
    try:
        if command in ("chat", "ask"):
            with _query_log(settings, err) as record:
                if command == "ask":
                    return cmd_ask(args, engine, out, record)
                from nkbot.terminal import run_chat, run_chat_json

                if getattr(args, "json", False):
                    return run_chat_json(engine, args.lang, record=record)
                charts = _charts(args, settings, engine)
                return run_chat(engine, getattr(args, "lang", None), record=record, charts=charts)
        if command == "chart":
            return cmd_chart(args, settings, engine, out, err)
        if command == "eval":
            return cmd_eval(args, engine, out, err)
        if command == "run":
            return cmd_run(args, settings, engine, err)
        if command == "export":
            print(json.dumps(knowledge_json(engine.kb, args.lang), ensure_ascii=False, indent=2), file=out)
            return 0
    except BrokenPipeError:  # `nkbot export --json | head`
        sys.stderr.close()
        return 0
    return 2
