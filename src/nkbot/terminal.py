"""`nkbot chat`: the engine in an interactive terminal session, no Telegram needed."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from nkbot.charts import ChartRenderer
from nkbot.engine import Engine, Result, Status
from nkbot.engine.followup import Context
from nkbot.engine.model import pick
from nkbot.engine.render import (
    Reply,
    pages,
    render_answer,
    render_details,
    render_events,
    render_result,
    reply_for,
)
from nkbot.engine.serialize import result_json

QUIT_COMMANDS = ("/quit", "/exit", "/q")


class ChatSession:
    """One conversation: keeps the engine's context for follow-ups, the last choices (so the
    user can answer with a number) and the pages of a date question still to show."""

    def __init__(
        self,
        engine: Engine,
        lang: str | None = None,
        record: Callable[[Result, float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        charts: ChartRenderer | None = None,
        chart_dir: Path | None = None,
    ) -> None:
        self.engine = engine
        self.charts = charts
        self.chart_dir = chart_dir or Path.cwd()
        self.chosen = lang  # None: answer each question in its own language
        self.lang = lang or "en"
        self.choices: list[str] = []
        self.record = record
        self.clock = clock
        self.context: Context | None = None
        self.last: Result | None = None  # the last answer, for /more
        self.expand: Reply | None = None  # the answer /more shows in full
        self.page = 0

    def msg(self, key: str, **values: str) -> str:
        text = self.engine.kb.message(key, self.lang)
        return text.format(**values) if values else text

    def respond(self, line: str) -> str:
        """The reply to one line of input."""
        text = line.strip()
        if text.isdigit() and self.choices:
            n = int(text)
            if 1 <= n <= len(self.choices):
                return self._show(self.choices[n - 1])
            return self.msg("chat_pick_hint")
        if text.startswith("/"):
            return self._command(text)
        return self._reply(self.ask(line))

    def ask(self, question: str) -> Result:
        """One question in this conversation: answered with its context, logged, context kept."""
        started = time.perf_counter()
        result, self.context = self.engine.respond(question, self.context, self.chosen, self.clock())
        self.lang = result.lang
        if self.record is not None:
            self.record(result, started)
        return result

    def _reply(self, result: Result) -> str:
        kb = self.engine.kb
        self.choices = [s.intent.id for s in result.suggestions] or [i.id for i in result.events]
        self.last, self.page, self.expand = result, 0, None
        out = render_result(kb, result)
        if result.events and pages(len(result.events)) > 1:
            out += "\n" + self.msg("events_more")
        if result.events:
            out += "\n" + self.msg("chat_pick_hint")
        if result.status is Status.AMBIGUOUS or (result.suggestions and result.span):
            out += "\n" + self.msg("chat_pick_hint")
        elif result.status is Status.ANSWERED and result.intent is not None:
            self.expand = reply_for(result.intent, result.lang, result.fact)
            out += "\n" + self.msg("more_hint")
            others = tuple(s.intent.id for s in result.suggestions)
            related = tuple(dict.fromkeys(others + result.intent.related))
            out += self._chart_hint(result.intent.id) + self._related(related)
        return out

    def _chart_hint(self, intent_id: str) -> str:
        name = self.charts.chart_for_intent(intent_id) if self.charts is not None else None
        return "\n" + self.msg("chart_hint", name=name) if name else ""

    def _chart(self, name: str) -> str:
        """Terminals show no pictures: the chart is written to a PNG file, its caption printed."""
        charts = self.charts
        names = charts.names() if charts is not None else []
        if not name:
            return self.msg("chart_usage", names=" | ".join(names))
        if charts is None or name.lower() not in names:
            return self.msg("chart_unknown", name=name, names=", ".join(names) or "-")
        name = name.lower()
        path = self.chart_dir / f"nkbot-{name}-{self.lang}.png"
        try:
            path.write_bytes(charts.png(name, self.lang))
        except OSError as exc:
            return f"{self.msg('chart_failed')} ({exc.strerror or exc})"
        return "\n".join([self.msg("chart_written", path=str(path)), "", charts.caption(name, self.lang)])

    def _related(self, ids: tuple[str, ...]) -> str:
        kb = self.engine.kb
        related = kb.intents_of(ids[:3])
        if not related:
            return ""
        self.choices = [i.id for i in related]
        lines = ["", kb.message("related_heading", self.lang)]
        lines += [f"{n}. {pick(i.title, self.lang)}" for n, i in enumerate(related, 1)]
        return "\n".join(lines)

    def _show(self, intent_id: str) -> str:
        intent = self.engine.get(intent_id)
        if intent is None:
            return self.msg("chat_no_such_entry", id=intent_id)
        self.context = self.engine.chose(intent, self.lang, self.clock(), self.context)
        self.last, self.expand = None, reply_for(intent, self.lang)
        answer = render_answer(self.engine.kb, intent, self.lang) + "\n" + self.msg("more_hint")
        return answer + self._chart_hint(intent.id) + self._related(intent.related)

    def _more(self) -> str:
        """The detail and every source of the last answer, or the next page of a date question."""
        if self.expand is not None:
            reply, self.expand = self.expand, None
            return render_details(self.engine.kb, reply, self.lang)
        last = self.last
        if last is None or not last.events or self.page + 1 >= pages(len(last.events)):
            return self.msg("chat_no_more")
        self.page += 1
        out = render_events(self.engine.kb, last, self.page)
        return out + ("\n" + self.msg("events_more") if self.page + 1 < pages(len(last.events)) else "")

    def _command(self, text: str) -> str:
        command, _, arg = text.partition(" ")
        arg = arg.strip()
        kb = self.engine.kb
        if command == "/help":
            return self.msg("chat_help")
        if command == "/show":
            return self._show(arg)
        if command == "/more":
            return self._more()
        if command == "/chart":
            return self._chart(arg)
        if command == "/topics":
            if not arg:
                lines = [self.msg("topics_heading")]
                for c in kb.categories:
                    count = sum(1 for i in kb.intents if i.category == c.id)
                    lines.append(f"  {c.id:<14} {pick(c.title, self.lang)} ({count})")
                return "\n".join(lines)
            category = next((c for c in kb.categories if c.id == arg.lower()), None)
            if category is None:
                return self.msg("chat_no_such_topic", name=arg, names=", ".join(c.id for c in kb.categories))
            entries = [i for i in kb.intents if i.category == category.id]
            self.choices = [i.id for i in entries]
            lines = [pick(category.title, self.lang)]
            lines += [f"{n}. {pick(i.title, self.lang)}" for n, i in enumerate(entries, 1)]
            return "\n".join([*lines, self.msg("chat_pick_hint")])
        return self.msg("chat_unknown_command", command=command)


def run_chat(
    engine: Engine,
    lang: str | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    record: Callable[[Result, float], None] | None = None,
    charts: ChartRenderer | None = None,
) -> int:
    """Read questions until end of input or /quit; a real terminal gets a prompt and line editing."""
    session = ChatSession(engine, lang, record, charts=charts)
    interactive = stdin.isatty() and stdout.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401  (gives input() line editing and history)
    print(session.msg("chat_welcome"), file=stdout)
    while True:
        if interactive:
            try:
                line = input("\n> ")
            except (EOFError, KeyboardInterrupt):
                print(file=stdout)
                break
        else:
            line = stdin.readline()
            if not line:
                break
        if line.strip() in QUIT_COMMANDS:
            break
        if line.strip():
            print(session.respond(line) + ("" if interactive else "\n"), file=stdout, flush=True)
    print(session.msg("chat_bye"), file=stdout)
    return 0


def run_chat_json(
    engine: Engine,
    lang: str | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    record: Callable[[Result, float], None] | None = None,
) -> int:
    """`nkbot chat --json`: a scripted conversation for tools and tests, one JSON object per turn.

    A line is a question, or {"q": question, "after": seconds} to let time pass first (so that
    context expiry can be scripted without waiting).
    """
    elapsed = 0.0
    session = ChatSession(engine, lang, record, clock=lambda: time.monotonic() + elapsed)
    for line in stdin:
        text = line.strip()
        if not text:
            continue
        question = text
        if text.startswith("{"):
            try:
                data = json.loads(text)
                question = str(data["q"])
                elapsed += float(data.get("after", 0.0))
            except (ValueError, KeyError, TypeError) as exc:
                print(json.dumps({"error": f"bad input line: {exc}"}), file=stdout, flush=True)
                continue
        out = result_json(engine.kb, session.ask(question))
        out["context"] = session.context.to_json() if session.context is not None else None
        print(json.dumps(out, ensure_ascii=False), file=stdout, flush=True)
    return 0
