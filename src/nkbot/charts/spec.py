"""knowledge/charts.yaml as typed values, checked against the loaded knowledge base.

A chart holds no fact of its own: every figure must be written in the answer of the entry it
names, every source must be one that entry cites, and timeline dates are read from the entries'
`when`. Validation enforces this, so a chart can never drift from the answers it illustrates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from nkbot.engine.loader import ID_RE, LANG_RE, Problem
from nkbot.engine.model import DEFAULT_LANG, KnowledgeBase, LangText, Source, Span, pick
from nkbot.engine.yamlsource import YamlError, line_of, load_yaml

CHARTS_FILE = "charts.yaml"
KINDS = ("bars", "timeline")
TOP_FIELDS = {"format", "charts"}
FORMAT_FIELDS = {"thousands", "group_from", "about", "months", "months_alone"}
COMMON_FIELDS = {"kind", "title", "note", "attach_to"}
BARS_FIELDS = COMMON_FIELDS | {"groups"}
GROUP_FIELDS = {"heading", "bars"}
FIGURE_FIELDS = {"low", "high", "about", "or_more", "who", "sources"}
BAR_FIELDS = {"label", "entry", "note", "sides"} | FIGURE_FIELDS
TIMELINE_FIELDS = COMMON_FIELDS | {"events", "sources", "sources_note"}
EVENT_FIELDS = {"intent", "label", "draw", "at"}
LABEL_MAX = 60  # longer labels wrap to three lines beside the timeline's axis on a phone


@dataclass(frozen=True, slots=True)
class Formats:
    """How numbers and dates are written per language (kept in YAML so a language is data only)."""

    thousands: LangText
    group_from: dict[str, int]
    about: LangText
    months: dict[str, tuple[str, ...]]
    months_alone: dict[str, tuple[str, ...]]

    def number(self, n: int, lang: str) -> str:
        """`n` with the language's thousands separator: 28,000 (en), 28 000 but 3000 (ru)."""
        sep = pick(self.thousands, lang)
        minimum = self.group_from.get(lang, self.group_from.get(DEFAULT_LANG, 1000))
        return f"{n:,}".replace(",", sep) if n >= minimum else str(n)

    def figure(self, figure: Figure, lang: str) -> str:
        """As the answers write it: "28,000–38,000", "541–547+", "about 80"."""
        text = self.number(figure.low, lang)
        if figure.high is not None and figure.high != figure.low:
            text += "–" + self.number(figure.high, lang)
        if figure.or_more:
            text += "+"
        if figure.about:
            text = pick(self.about, lang).format(n=text)
        return text

    def _month(self, month: int, lang: str, alone: bool) -> str:
        names = (self.months_alone.get(lang) if alone else None) or self.months.get(lang)
        names = names or self.months[DEFAULT_LANG]
        return names[month - 1]

    def _date(self, parts: list[str], lang: str, year: bool = True) -> str:
        out = []
        if len(parts) == 3:
            out.append(str(int(parts[2])))
        if len(parts) >= 2:
            out.append(self._month(int(parts[1]), lang, alone=len(parts) == 2))
        if year:
            out.append(parts[0])
        return " ".join(out)

    def span(self, span: Span, lang: str) -> str:
        """A `when` value for people: "26 Feb 1992", "8–9 May 1992", "27 Sep – 10 Nov 2020"."""
        first, _, last = span.text.partition("/")
        a = first.split("-")
        if not last:
            return self._date(a, lang)
        b = last.split("-")
        if len(a) == len(b) == 1:
            return f"{a[0]}–{b[0]}"
        if len(a) == len(b) == 3 and a[:2] == b[:2]:
            return f"{int(a[2])}–{self._date(b, lang)}"
        same_year = a[0] == b[0] and len(a) > 1 and len(b) > 1
        return f"{self._date(a, lang, year=not same_year)} – {self._date(b, lang)}"


@dataclass(frozen=True, slots=True)
class Figure:
    """One number, or a range, as the entry's answer gives it, with the sources it rests on."""

    low: int
    high: int | None
    sources: tuple[Source, ...]
    about: bool = False
    or_more: bool = False
    who: LangText | None = None  # attribution when a bar shows each side's own count

    @property
    def top(self) -> int:
        return self.high if self.high is not None else self.low


@dataclass(frozen=True, slots=True)
class Bar:
    label: LangText
    entry: str  # the intent whose answer states these figures
    figures: tuple[Figure, ...]
    note: LangText | None
    line: int


@dataclass(frozen=True, slots=True)
class BarGroup:
    heading: LangText | None
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    intent: str
    label: LangText
    when: Span
    draw: Literal["point", "span"]
    at: Literal["start", "end"]
    line: int


@dataclass(frozen=True, slots=True)
class BarChart:
    name: str
    title: LangText
    note: LangText | None
    attach_to: tuple[str, ...]
    groups: tuple[BarGroup, ...]

    @property
    def bars(self) -> tuple[Bar, ...]:
        return tuple(bar for group in self.groups for bar in group.bars)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the bars cite, once each, in the order they first appear."""
        seen: dict[str, Source] = {}
        for bar in self.bars:
            for figure in bar.figures:
                for source in figure.sources:
                    seen.setdefault(source.id, source)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Timeline:
    name: str
    title: LangText
    note: LangText | None
    attach_to: tuple[str, ...]
    events: tuple[TimelineEvent, ...]
    sources: tuple[Source, ...]
    sources_note: LangText | None


Chart = BarChart | Timeline


@dataclass(frozen=True, slots=True)
class ChartBook:
    """All charts of one knowledge version; build a new one (and a new renderer) on reload."""

    charts: dict[str, Chart]
    formats: Formats
    languages: tuple[str, ...]

    def chart(self, name: str) -> Chart:
        try:
            return self.charts[name]
        except KeyError:
            raise KeyError(f"knowledge/{CHARTS_FILE} has no chart {name!r}") from None


EMPTY_FORMATS = Formats(
    {DEFAULT_LANG: ","},
    {DEFAULT_LANG: 1000},
    {DEFAULT_LANG: "~{n}"},
    {DEFAULT_LANG: tuple(f"{m:02}" for m in range(1, 13))},
    {},
)


def names(book: ChartBook) -> list[str]:
    return list(book.charts)


def chart_for_intent(book: ChartBook, intent_id: str) -> str | None:
    """The chart whose button goes under this entry's answer (validation allows at most one)."""
    for name, chart in book.charts.items():
        if intent_id in chart.attach_to:
            return name
    return None


def mentions(text: str, number: str, sep: str) -> bool:
    """Whether `text` contains `number` as a whole number (so 80 is not found inside 1980)."""
    after = rf"(?!\d)(?!{re.escape(sep)}\d)" if sep else r"(?!\d)"
    before = rf"(?<!\d)(?<!\d{re.escape(sep)})" if len(sep) == 1 else r"(?<!\d)"
    return re.search(before + re.escape(number) + after, text) is not None


class _Checker:
    """Collects problems (file:line) while turning raw YAML into chart values."""

    def __init__(self, path: Path, kb: KnowledgeBase) -> None:
        self.path = path
        self.kb = kb
        self.langs = tuple(kb.languages) or (DEFAULT_LANG,)
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, "warning"))

    def fields(self, node: Any, allowed: set[str], what: str) -> bool:
        if not isinstance(node, dict):
            self.error(line_of(node), f"{what} must be a mapping")
            return False
        for extra in sorted(set(node) - allowed, key=str):
            self.error(line_of(node, extra), f"{what}: unknown field '{extra}'")
        return True

    def lang_text(self, node: Any, key: str, what: str, required: bool = True) -> LangText | None:
        value = node.get(key)
        line = line_of(node, key) or line_of(node)
        if value is None:
            if required:
                self.error(line, f"{what}: missing '{key}'")
            return None
        if not isinstance(value, dict):
            self.error(line, f"{what}: '{key}' must be a language map like {{en: ...}}")
            return None
        result: LangText = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                self.error(line_of(value, lang), f"{what}: '{key}': {lang!r} is not a language code")
            elif not isinstance(text, str) or not text.strip():
                self.error(line_of(value, lang), f"{what}: '{key}.{lang}' must be non-empty text")
            else:
                result[lang] = text.strip()
        if DEFAULT_LANG not in result:
            self.error(line, f"{what}: '{key}' has no English ({DEFAULT_LANG}) text")
        for lang in self.langs:
            if lang not in result and lang != DEFAULT_LANG:
                self.warn(line, f"{what}: '{key}' has no '{lang}' text")
        return result

    def ids(self, node: Any, key: str, what: str) -> tuple[list[str], int]:
        value = node.get(key)
        line = line_of(node, key) or line_of(node)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.error(line, f"{what}: '{key}' must be a non-empty list of ids")
            return [], line
        return list(value), line

    def intent_id(self, value: Any, line: int, what: str) -> str | None:
        if not isinstance(value, str) or self.kb.intent(value) is None:
            self.error(line, f"{what}: unknown intent id {value!r}")
            return None
        return value

    def sources(self, node: Any, what: str, cited_by: set[str] | None) -> tuple[Source, ...]:
        """The listed sources; each must exist and (if given) be cited by one of `cited_by`'s entries."""
        ids, line = self.ids(node, "sources", what)
        cited = {s.id for iid in cited_by or () if (i := self.kb.intent(iid)) for s in i.sources}
        result = []
        for sid in ids:
            source = self.kb.sources.get(sid)
            if source is None:
                self.error(line, f"{what}: unknown source '{sid}'")
            elif cited_by is not None and sid not in cited:
                self.error(line, f"{what}: source '{sid}' is not cited by {', '.join(sorted(cited_by))}")
            else:
                result.append(source)
        return tuple(result)


def _formats(node: Any, c: _Checker) -> Formats:
    if not c.fields(node, FORMAT_FIELDS, "format"):
        return EMPTY_FORMATS
    thousands = node.get("thousands")
    if not isinstance(thousands, dict) or not all(isinstance(v, str) for v in thousands.values()):
        c.error(line_of(node, "thousands") or line_of(node), "format: 'thousands' must map language -> text")
        thousands = {DEFAULT_LANG: ","}
    group_from: dict[str, int] = {}
    raw = node.get("group_from") or {}
    for lang, value in raw.items() if isinstance(raw, dict) else ():
        if str(value).isdigit():
            group_from[str(lang)] = int(value)
        else:
            c.error(line_of(raw, lang), f"format: 'group_from.{lang}' must be a whole number")
    about = c.lang_text(node, "about", "format") or {DEFAULT_LANG: "~{n}"}
    for lang, text in about.items():
        if "{n}" not in text:
            c.error(line_of(node, "about"), f"format: 'about.{lang}' must contain {{n}}")
    months: dict[str, dict[str, tuple[str, ...]]] = {}
    for key in ("months", "months_alone"):
        value = node.get(key) or {}
        months[key] = {}
        if not isinstance(value, dict):
            c.error(line_of(node, key), f"format: '{key}' must map language -> 12 names")
            continue
        for lang, items in value.items():
            if not isinstance(items, list) or len(items) != 12 or not all(isinstance(m, str) for m in items):
                c.error(line_of(value, lang), f"format: '{key}.{lang}' must list 12 month names")
            else:
                months[key][str(lang)] = tuple(items)
    if DEFAULT_LANG not in months["months"]:
        c.error(line_of(node, "months") or line_of(node), f"format: 'months' has no '{DEFAULT_LANG}' list")
        months["months"][DEFAULT_LANG] = tuple(str(m) for m in range(1, 13))
    return Formats(dict(thousands), group_from, about, months["months"], months["months_alone"])


def _figure(node: Any, entry: str | None, what: str, c: _Checker, fmt: Formats) -> Figure | None:
    line = line_of(node)
    low, high = node.get("low"), node.get("high")
    ok = True
    for key, value in (("low", low), ("high", high)):
        if value is None and key == "high":
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            c.error(line_of(node, key) or line, f"{what}: '{key}' must be a whole number ≥ 0")
            ok = False
    if ok and high is not None and low > high:
        c.error(line_of(node, "high"), f"{what}: low {low} is greater than high {high}")
        ok = False
    flags = {}
    for key in ("about", "or_more"):
        flag = node.get(key, False)
        if not isinstance(flag, bool):
            c.error(line_of(node, key), f"{what}: '{key}' must be true or false")
        flags[key] = flag is True
    who = c.lang_text(node, "who", what, required=False)
    sources = c.sources(node, what, {entry} if entry else None)
    if not ok:
        return None
    figure = Figure(low, high, sources, flags["about"], flags["or_more"], who)
    intent = c.kb.intent(entry) if entry else None
    if intent is not None:
        for lang, answer in intent.answer.items():
            sep = pick(fmt.thousands, lang)
            for n in dict.fromkeys((figure.low, figure.top)):
                if not mentions(answer, fmt.number(n, lang), sep):
                    report = c.error if lang == DEFAULT_LANG else c.warn
                    report(
                        line_of(node, "high" if n != figure.low else "low") or line,
                        f"{what}: {fmt.number(n, lang)} is not in the '{lang}' answer of '{entry}'",
                    )
    return figure


def _bar(node: Any, what: str, c: _Checker, fmt: Formats) -> Bar | None:
    if not c.fields(node, BAR_FIELDS, what):
        return None
    label = c.lang_text(node, "label", what)
    note = c.lang_text(node, "note", what, required=False)
    entry = c.intent_id(node.get("entry"), line_of(node, "entry") or line_of(node), what)
    sides = node.get("sides")
    figures: list[Figure | None] = []
    if sides is None:
        figures.append(_figure(node, entry, what, c, fmt))
    elif any(k in node for k in FIGURE_FIELDS):
        c.error(line_of(node, "sides"), f"{what}: give either 'sides' or low/high/sources, not both")
    elif not isinstance(sides, list) or len(sides) < 2:
        c.error(line_of(node, "sides"), f"{what}: 'sides' must list two or more figures")
    else:
        for n, side in enumerate(sides, 1):
            side_what = f"{what} side {n}"
            if c.fields(side, FIGURE_FIELDS, side_what):
                if side.get("who") is None:
                    c.error(line_of(side), f"{side_what}: missing 'who' (whose count it is)")
                figures.append(_figure(side, entry, side_what, c, fmt))
    if label is None or entry is None or not figures or None in figures:
        return None
    return Bar(label, entry, tuple(f for f in figures if f is not None), note, line_of(node))


def _bars(name: str, node: Any, c: _Checker, fmt: Formats, common: dict[str, Any]) -> BarChart | None:
    c.fields(node, BARS_FIELDS, f"chart '{name}'")
    groups_raw = node.get("groups")
    if not isinstance(groups_raw, list) or not groups_raw:
        c.error(
            line_of(node, "groups") or line_of(node), f"chart '{name}': 'groups' must be a non-empty list"
        )
        return None
    groups = []
    for gn, group in enumerate(groups_raw, 1):
        what = f"chart '{name}' group {gn}"
        if not c.fields(group, GROUP_FIELDS, what):
            continue
        heading = c.lang_text(group, "heading", what, required=False)
        bars_raw = group.get("bars")
        if not isinstance(bars_raw, list) or not bars_raw:
            c.error(line_of(group, "bars") or line_of(group), f"{what}: 'bars' must be a non-empty list")
            continue
        bars = [_bar(b, f"{what} bar {bn}", c, fmt) for bn, b in enumerate(bars_raw, 1)]
        groups.append(BarGroup(heading, tuple(b for b in bars if b is not None)))
    return BarChart(name=name, groups=tuple(groups), **common)


def _event(node: Any, what: str, c: _Checker) -> TimelineEvent | None:
    if not c.fields(node, EVENT_FIELDS, what):
        return None
    line = line_of(node)
    intent_id = c.intent_id(node.get("intent"), line_of(node, "intent") or line, what)
    label = c.lang_text(node, "label", what)
    for text in (label or {}).values():
        if len(text) > LABEL_MAX:
            c.warn(line_of(node, "label"), f"{what}: label {text!r} is over {LABEL_MAX} characters")
    draw, at = node.get("draw", "point"), node.get("at", "start")
    if draw not in ("point", "span"):
        c.error(line_of(node, "draw"), f"{what}: 'draw' must be point or span, not {draw!r}")
    if at not in ("start", "end"):
        c.error(line_of(node, "at"), f"{what}: 'at' must be start or end, not {at!r}")
    intent = c.kb.intent(intent_id) if intent_id else None
    if intent is not None and intent.when is None:
        c.error(line, f"{what}: entry '{intent_id}' has no 'when' date to place it on the timeline")
        return None
    if intent is None or intent.when is None or label is None or draw not in ("point", "span"):
        return None
    if draw == "span" and intent.when.start == intent.when.end:
        c.error(line_of(node, "draw"), f"{what}: '{intent_id}' is a single day; draw it as a point")
        return None
    if at not in ("start", "end"):
        return None
    return TimelineEvent(intent.id, label, intent.when, draw, at, line)


def _timeline(name: str, node: Any, c: _Checker, common: dict[str, Any]) -> Timeline | None:
    c.fields(node, TIMELINE_FIELDS, f"chart '{name}'")
    raw = node.get("events")
    if not isinstance(raw, list) or not raw:
        c.error(
            line_of(node, "events") or line_of(node), f"chart '{name}': 'events' must be a non-empty list"
        )
        return None
    events = [_event(e, f"chart '{name}' event {n}", c) for n, e in enumerate(raw, 1)]
    seen: set[str] = set()
    for event in events:
        if event is not None and event.intent in seen:
            c.error(event.line, f"chart '{name}': event '{event.intent}' is listed twice")
        if event is not None:
            seen.add(event.intent)
    # Chart-level sources must be ones the events' own entries cite: real, and relevant.
    sources = c.sources(node, f"chart '{name}'", seen)
    sources_note = c.lang_text(node, "sources_note", f"chart '{name}'", required=False)
    return Timeline(
        name=name,
        events=tuple(e for e in events if e is not None),
        sources=sources,
        sources_note=sources_note,
        **common,
    )


def load_charts(root: Path, kb: KnowledgeBase) -> tuple[ChartBook, list[Problem]]:
    """Read `root`/charts.yaml; a chart with any error is left out of the book, never half drawn."""
    path = root / CHARTS_FILE
    c = _Checker(path, kb)
    empty = ChartBook({}, EMPTY_FORMATS, c.langs)
    if not path.is_file():
        c.warn(0, "no charts file: the bot offers no pictures")
        return empty, c.problems
    try:
        data = load_yaml(path)
    except YamlError as exc:
        c.error(exc.line, exc.message)
        return empty, c.problems
    if not c.fields(data, TOP_FIELDS, CHARTS_FILE):
        return empty, c.problems
    fmt = _formats(data.get("format"), c)
    format_ok = not any(p.severity == "error" for p in c.problems)
    raw = data.get("charts")
    if not isinstance(raw, dict) or not raw:
        c.error(line_of(data, "charts") or line_of(data), "'charts' must map a chart name to its definition")
        return ChartBook({}, fmt, c.langs), c.problems
    charts: dict[str, Chart] = {}
    attached: dict[str, str] = {}
    for name, node in raw.items():
        line = line_of(raw, name)
        if not isinstance(name, str) or not ID_RE.match(name):
            c.error(line, f"chart name {name!r} must be lowercase words joined by '-'")
            continue
        if not isinstance(node, dict):
            c.error(line, f"chart '{name}' must be a mapping")
            continue
        kind = node.get("kind")
        if kind not in KINDS:
            c.error(
                line_of(node, "kind") or line, f"chart '{name}': 'kind' must be one of {', '.join(KINDS)}"
            )
            continue
        attach_ids, attach_line = c.ids(node, "attach_to", f"chart '{name}'")
        attach = []
        for iid in attach_ids:
            if c.intent_id(iid, attach_line, f"chart '{name}' attach_to") is None:
                continue
            if iid in attached:
                c.error(attach_line, f"chart '{name}': '{iid}' already carries chart '{attached[iid]}'")
                continue
            attached[iid] = name
            attach.append(iid)
        errors_before = sum(p.severity == "error" for p in c.problems)
        common: dict[str, Any] = {
            "title": c.lang_text(node, "title", f"chart '{name}'"),
            "note": c.lang_text(node, "note", f"chart '{name}'", required=False),
            "attach_to": tuple(attach),
        }
        chart: Chart | None = (
            _bars(name, node, c, fmt, common) if kind == "bars" else _timeline(name, node, c, common)
        )
        if chart is not None and sum(p.severity == "error" for p in c.problems) == errors_before:
            charts[name] = chart
    # Without a sound `format` no chart can be written correctly; the charts are still checked.
    return ChartBook(charts if format_ok else {}, fmt, c.langs), c.problems
