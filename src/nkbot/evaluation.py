"""Scores the engine on the maintainers' labelled question set (eval/*.yaml).

A wrong confident answer is worse than an honest "I don't know", so the score counts wrong
answers separately and calibration penalises them more than abstentions.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from nkbot.engine import Engine, Result, Status, Thresholds
from nkbot.engine.dates import parse_span
from nkbot.engine.matcher import Scored
from nkbot.engine.model import KnowledgeBase, pick
from nkbot.engine.render import EVENTS_PER_PAGE, reply_for, visible_text
from nkbot.engine.yamlsource import YamlError, line_of, load_yaml

LANG_DIR = re.compile(r"^[a-z]{2}$")  # eval/<lang>/...
WRONG_COST = 3.0  # one wrong answer costs as much as this many abstentions
HINT_VALUE = 0.5  # a "did you mean" that offers the right entry is worth half an answer
MAX_HEDGED = 0.03  # at most this share of in-scope questions may get "did you mean" with the right one first
NOISE_COST = 0.5  # offering suggestions for an out-of-scope question costs half an abstention


TIMELINE = "timeline:"  # expect: timeline:1992 = the events of that span, not one entry
SPLIT_SEED = "nkbot-eval-1"  # fixes which half each question falls in; change only with reason
REPORT, CALIBRATION = "report", "calibration"


@dataclass(frozen=True, slots=True)
class Case:
    question: str
    expect: frozenset[str]  # intent ids or timeline:SPAN; empty: must not be answered
    file: str
    line: int
    lang: str | None = None  # from the folder: eval/ru/... asks in Russian; None: detect
    after: float = 0.0  # in a dialogue: seconds since the turn before
    contains: tuple[str, ...] = ()  # what the first-seen reply must state (a figure, a name)
    fresh: bool = False  # in a dialogue: a question of its own after an unrelated turn

    @property
    def half(self) -> str:
        """The half of the set this question belongs to, by a seeded hash of its words: thresholds
        are calibrated on one half and figures are reported on the other."""
        return _half(" ".join(self.question.casefold().split()))


@dataclass(frozen=True, slots=True)
class Dialogue:
    """A scripted conversation: each turn is asked with the context the turn before left."""

    name: str
    turns: tuple[Case, ...]
    file: str
    line: int

    @property
    def half(self) -> str:
        """Dialogues are split by a seeded hash of their name, as questions are by their words."""
        return _half(f"dialogue:{self.name}")


def _half(key: str) -> str:
    digest = hashlib.sha256(f"{SPLIT_SEED}:{key}".encode()).digest()
    return REPORT if digest[0] % 2 == 0 else CALIBRATION


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    result: Result
    verdict: str  # "right" | "wrong" | "abstained" | "partial" (right entry, asked fact not shown)
    hinted: bool  # abstained, but a suggestion was an expected intent
    shown: int = 0  # characters the user sees before expanding (answers only)

    @property
    def hedged(self) -> bool:
        """ "Did you mean" whose first choice was right: the answer the bot should have given."""
        first = self.result.suggestions[0].intent.id if self.result.suggestions else None
        return (
            self.verdict == "abstained"
            and self.result.status is Status.AMBIGUOUS
            and first in self.case.expect
        )


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def languages(self) -> list[str]:
        return sorted({o.result.lang for o in self.outcomes})

    def only(self, lang: str) -> Report:
        return Report([o for o in self.outcomes if o.result.lang == lang])

    def _count(self, in_scope: bool, verdict: str) -> int:
        return sum(1 for o in self.outcomes if bool(o.case.expect) == in_scope and o.verdict == verdict)

    @property
    def in_scope(self) -> int:
        return sum(1 for o in self.outcomes if o.case.expect)

    @property
    def out_of_scope(self) -> int:
        return len(self.outcomes) - self.in_scope

    def summary(self) -> dict[str, Any]:
        ins, outs = self.in_scope, self.out_of_scope
        right = self._count(True, "right")
        wrong = self._count(True, "wrong")
        abstained = self._count(True, "abstained")
        hinted = sum(1 for o in self.outcomes if o.hinted)
        hedged = sum(1 for o in self.outcomes if o.hedged)
        partial = self._count(True, "partial")
        declined = self._count(False, "right")
        shown = [o.shown for o in self.outcomes if o.shown]
        return {
            "questions": len(self.outcomes),
            "in_scope": ins,
            "right": right,
            "wrong": wrong,
            "abstained": abstained,
            "abstained_with_hint": hinted,
            "hedged_right_first": hedged,
            "partial": partial,
            "right_rate": round(right / ins, 4) if ins else 0.0,
            "wrong_rate": round(wrong / ins, 4) if ins else 0.0,
            "hedged_rate": round(hedged / ins, 4) if ins else 0.0,
            "median_reply_chars": int(statistics.median(shown)) if shown else 0,
            "out_of_scope": outs,
            "declined": declined,
            "declined_rate": round(declined / outs, 4) if outs else 1.0,
        }

    def confusions(self) -> Counter[tuple[str, str]]:
        """(expected, answered) pairs of wrong answers, most frequent first."""
        pairs: Counter[tuple[str, str]] = Counter()
        for o in self.outcomes:
            if o.verdict == "wrong" and o.result.intent is not None:
                expected = "/".join(sorted(o.case.expect)) or "(out of scope)"
                pairs[(expected, o.result.intent.id)] += 1
        return pairs


class EvalSetError(Exception):
    pass


def load_cases(paths: list[Path]) -> list[Case]:
    files = _files(paths)
    if not files:
        raise EvalSetError(f"no question files (*.yaml) in {', '.join(map(str, paths))}")
    cases = []
    for file in files:
        try:
            data = load_yaml(file)
        except YamlError as exc:
            raise EvalSetError(str(exc)) from exc
        if data is None or (isinstance(data, dict) and "dialogues" in data):
            continue
        if not isinstance(data, list):
            raise EvalSetError(f"{file}: expected a list of {{q, expect}} items")
        cases.extend(_cases(file, data))
    return cases


def _files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return files


def _cases(file: Path, items: Any) -> list[Case]:
    cases = []
    lang = next((part for part in file.parts if LANG_DIR.match(part)), None)
    for n, item in enumerate(items):
        line = items.item_lines[n] if hasattr(items, "item_lines") else 0
        if not isinstance(item, dict) or "q" not in item or "expect" not in item:
            raise EvalSetError(f"{file}:{line}: each item needs 'q' and 'expect'")
        contains = item.get("contains") or []
        contains = [contains] if isinstance(contains, str | int) else contains
        if not isinstance(contains, list) or not all(isinstance(x, str | int) for x in contains):
            raise EvalSetError(f"{file}:{line_of(item) or line}: 'contains' must be text or a list of texts")
        expect = item["expect"]
        ids = [expect] if isinstance(expect, str) else list(expect or [])
        try:
            after = float(item.get("after", 0.0))
        except (TypeError, ValueError) as exc:
            raise EvalSetError(f"{file}:{line_of(item) or line}: 'after' must be seconds") from exc
        where = line_of(item) or line
        if not isinstance(item.get("fresh", False), bool):
            raise EvalSetError(f"{file}:{where}: 'fresh' must be true or false")
        cases.append(
            Case(
                str(item["q"]),
                frozenset(str(i) for i in ids),
                str(file),
                where,
                lang,
                after,
                tuple(str(x) for x in contains),
                bool(item.get("fresh", False)),
            )
        )
    return cases


def load_dialogues(paths: list[Path]) -> list[Dialogue]:
    """The scripted conversations: files holding `dialogues:` (see eval/README.md)."""
    dialogues = []
    for file in _files(paths):
        try:
            data = load_yaml(file)
        except YamlError as exc:
            raise EvalSetError(str(exc)) from exc
        if not isinstance(data, dict) or "dialogues" not in data:
            continue
        if not isinstance(data["dialogues"], list):
            raise EvalSetError(f"{file}: 'dialogues' must be a list")
        for item in data["dialogues"]:
            if not isinstance(item, dict) or not isinstance(item.get("turns"), list) or not item["turns"]:
                raise EvalSetError(f"{file}:{line_of(item)}: each dialogue needs 'name' and 'turns'")
            turns = tuple(_cases(file, item["turns"]))
            dialogues.append(Dialogue(str(item.get("name", "")), turns, str(file), line_of(item)))
    return dialogues


def check_labels(engine: Engine, cases: list[Case]) -> list[str]:
    """Labels that name no entry, and `contains` that no answer of the entries named states in the
    question's language ("20 years" in a Russian question): either would silently count a right
    answer as wrong or partial."""
    problems = []
    for c in cases:
        for label in sorted(c.expect):
            if label.startswith(TIMELINE):
                try:
                    parse_span(label.removeprefix(TIMELINE))
                except ValueError as exc:
                    problems.append(f"{c.file}:{c.line}: {exc}")
            elif engine.get(label) is None:
                problems.append(f"{c.file}:{c.line}: unknown intent '{label}'")
        if c.contains and c.expect and not _statable(engine, c):
            wanted = ", ".join(repr(x) for x in c.contains)
            problems.append(f"{c.file}:{c.line}: no answer of {', '.join(sorted(c.expect))} states {wanted}")
    return problems


def _statable(engine: Engine, case: Case) -> bool:
    """Whether the answer or a fact of an expected entry states what `contains` asks for, in the
    question's language (a list of events, or an unknown label reported already, is not checked)."""
    lang = case.lang or "en"
    for label in case.expect:
        intent = engine.get(label)
        if label.startswith(TIMELINE) or intent is None:
            return True
        texts = [intent.answer, *(f.answer for f in intent.facts)]
        if any(_states(pick(text, lang), case.contains) for text in texts):
            return True
    return False


def copied_questions(kb: KnowledgeBase, cases: list[Case]) -> list[Case]:
    """Cases that reduce to a stored phrasing (an entry's or a fact's question, a keyword or a
    title) once normalised: they test memory, not generalisation, so they are not reported."""
    norm = kb.normalizer.normalize
    own: set[str] = set()
    for i in kb.intents:
        lists = [*i.questions.values(), *i.keywords.values(), tuple(i.title.values())]
        lists += [qs for f in i.facts for qs in f.questions.values()]
        own.update(norm(q) for qs in lists for q in qs)
    return [c for c in cases if norm(c.question) in own]


def report_half(cases: list[Case], half: str, copies: list[Case]) -> list[Case]:
    """One half of the set; the report half leaves out `copies` (copied_questions)."""
    left_out = set(copies) if half == REPORT else set()
    return [c for c in cases if c.half == half and c not in left_out]


def _spans(case: Case) -> set[tuple[date, date]]:
    spans = set()
    for label in case.expect:
        if label.startswith(TIMELINE):
            span = parse_span(label.removeprefix(TIMELINE))
            spans.add((span.start, span.end))
    return spans


_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ember|ober)?\b"
)
# a Russian reply states "26 October" as "26 октября": each month's stem stands for its English name
_MONTH_EN = {
    "январ": "jan", "феврал": "feb", "март": "mar", "апрел": "apr", "ма": "may", "июн": "jun",
    "июл": "jul", "август": "aug", "сентябр": "sep", "октябр": "oct", "ноябр": "nov", "декабр": "dec",
}  # fmt: skip
_YEARS_RU = re.compile(r"(\d+)\s*(?:год|года|году|годам|годами|годах|лет)\b")
_MONTH_RU = re.compile(rf"\b({'|'.join(_MONTH_EN)})(?:ь|я|е|а|й)?\b")


def _plain(text: str) -> str:
    """Compare as a reader would: "23 Jul 1993" is stated by "23 July 1993" (and by "23 июля
    1993"), "19-20" by "19–20", "100,417" by "100 417", "99.89%" by "99,89%",
    "20 лет" by "к 20 годам"."""
    text = _MONTH.sub(r"\1", text.casefold()).replace("\u2013", "-").replace("\u2014", "-")
    text = _MONTH_RU.sub(lambda m: _MONTH_EN[m.group(1)], text)
    text = re.sub(r"(?<=\d)[ ,\u00a0\u202f](?=\d{3}\b)", "", text)
    text = _YEARS_RU.sub(r"\1 лет", text)
    return re.sub(r"(?<=\d),(?=\d)", ".", text)  # a Russian decimal comma: "99,89 %" states "99.89%"


def _states(text: str, contains: tuple[str, ...]) -> bool:
    """Whether a text states every figure or name asked for, as a reader would read it."""
    plain = _plain(text)
    return all(_plain(x) in plain for x in contains)


def judge(case: Case, result: Result) -> Outcome:
    """Right, wrong or abstained. A date question's list of events is right when its span is
    the one expected; a list where one entry was expected counts as wrong. An answer from the
    right entry whose first-seen reply lacks what `contains` asks for is only partial."""
    answered = result.status is Status.ANSWERED and (result.intent is not None or bool(result.events))
    shown = 0
    if result.status is Status.ANSWERED and result.intent is not None:
        seen = visible_text(reply_for(result.intent, result.lang, result.fact))
        shown = len(seen)
    if not case.expect:
        return Outcome(case, result, "wrong" if answered else "right", False, shown)
    if result.span is not None and (result.span.start, result.span.end) in _spans(case):
        return Outcome(case, result, "right", False)
    if result.events and any(i.id in case.expect for i in result.events[:EVENTS_PER_PAGE]):
        return Outcome(case, result, "right", False)  # "what happened in february 1988": listed first page
    if answered:
        right = result.intent is not None and result.intent.id in case.expect
        if right and case.contains and not _states(seen, case.contains):
            return Outcome(case, result, "partial", False, shown)
        return Outcome(case, result, "right" if right else "wrong", False, shown)
    hinted = any(s.intent.id in case.expect for s in result.suggestions)
    return Outcome(case, result, "abstained", hinted)


def evaluate(engine: Engine, cases: list[Case]) -> Report:
    """Each question on its own, as `nkbot ask` answers it."""
    return Report([judge(c, engine.respond(c.question, None, c.lang)[0]) for c in cases])


@dataclass
class DialogueReport:
    dialogues: list[tuple[Dialogue, list[Outcome]]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        outcomes = [o for _, turns in self.dialogues for o in turns]
        right = sum(1 for o in outcomes if o.verdict == "right")
        wrong = sum(1 for o in outcomes if o.verdict == "wrong")
        whole = sum(1 for _, turns in self.dialogues if all(o.verdict == "right" for o in turns))
        fresh = [o for o in outcomes if o.case.fresh]
        fresh_right = sum(1 for o in fresh if o.verdict == "right")
        n = len(outcomes)
        return {
            "dialogues": len(self.dialogues),
            "turns": n,
            "right": right,
            "wrong": wrong,
            "abstained": n - right - wrong,
            "right_rate": round(right / n, 4) if n else 0.0,
            "wrong_rate": round(wrong / n, 4) if n else 0.0,
            "dialogues_all_right": whole,
            "dialogues_all_right_rate": round(whole / len(self.dialogues), 4) if self.dialogues else 0.0,
            "dialogues_with_fresh": sum(1 for d, _ in self.dialogues if any(t.fresh for t in d.turns)),
            "fresh_turns": len(fresh),
            "fresh_right": fresh_right,
            "fresh_right_rate": round(fresh_right / len(fresh), 4) if fresh else 0.0,
        }


def evaluate_dialogues(engine: Engine, dialogues: list[Dialogue]) -> DialogueReport:
    """Each dialogue from a clean start; `after` moves the conversation's clock on."""
    report = DialogueReport()
    for d in dialogues:
        context, clock, outcomes = None, 0.0, []
        for turn in d.turns:
            clock += turn.after
            result, context = engine.respond(turn.question, context, turn.lang, clock)
            outcomes.append(judge(turn, result))
        report.dialogues.append((d, outcomes))
    return report


def calibrate(engine: Engine, cases: list[Case]) -> tuple[Thresholds, dict[str, Any]]:
    """Grid-search the thresholds for the most value: right answers and useful suggestions,
    minus wrong answers (WRONG_COST each) and suggestions offered for out-of-scope questions,
    among the thresholds that leave at most MAX_HEDGED of in-scope questions with a "did you
    mean" whose first choice was right (those should have been answers)."""
    limit = engine.thresholds.max_suggestions + 1
    ranked: list[tuple[Case, str, list[Scored]]] = []
    cases = [c for c in cases if not _spans(c)]  # date questions do not depend on the thresholds
    for c in cases:
        norm = engine.normalizer.normalize(c.question.strip())
        ranked.append((c, norm, engine.ranking(norm)[:limit] if norm else []))
    best: tuple[tuple[bool, float], Thresholds, dict[str, Any]] | None = None
    for answer in range(24, 90, 2):
        for margin in range(0, 22, 2):
            for suggest in range(12, answer + 1, 4):
                t = replace(
                    engine.thresholds, answer=float(answer), margin=float(margin), suggest=float(suggest)
                )
                report = Report(
                    [judge(c, engine.decide(c.question, n, r, c.lang or "en", t)) for c, n, r in ranked]
                )
                s = report.summary()
                noise = sum(
                    1 for o in report.outcomes if not o.case.expect and o.result.status is Status.AMBIGUOUS
                )
                answered_out_of_scope = s["out_of_scope"] - s["declined"]
                value = (
                    s["right"]
                    + s["partial"]  # the right entry: its detail holds what was asked
                    + HINT_VALUE * s["abstained_with_hint"]
                    - WRONG_COST * (s["wrong"] + answered_out_of_scope)
                    - NOISE_COST * noise
                )
                # thresholds within the hedging limit first; among them, the most value
                key = (s["hedged_rate"] <= MAX_HEDGED, value)
                if best is None or key > best[0]:
                    best = (key, t, s)
    assert best is not None
    return best[1], best[2]
