"""PNG pictures and captions for the charts in a ChartBook.

Drawn with matplotlib's object API on an Agg canvas (no pyplot: no global figure state, no GUI
backend). matplotlib is imported inside the functions so that importing nkbot.charts, which the
bot does at start-up, stays cheap. Layout is done in inches on one full-figure axes, so the
pictures keep the same proportions whatever their content and stay readable on a phone
(1080 px wide, labels of 14 pt and more).
"""

from __future__ import annotations

import gc
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from nkbot.charts.spec import BarChart, Chart, ChartBook, Figure, Timeline, chart_for_intent
from nkbot.engine.model import DEFAULT_LANG, KnowledgeBase, Source, pick
from nkbot.engine.render import source_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure as MplFigure

WIDTH_IN = 9.0  # 9 in at 120 dpi: 1080 px, the width Telegram keeps for photos
DPI = 120
MARGIN = 0.4
CAPTION_MAX = 1024  # Telegram's limit for a photo caption
FONT = "DejaVu Sans"  # ships with matplotlib and covers Cyrillic

TITLE_PT = 21.0
NOTE_PT = 13.0
LABEL_PT = 15.0
VALUE_PT = 15.0
SIDE_PT = 14.0
SMALL_PT = 12.5
DATE_PT = 12.0
TICK_PT = 11.5
SOURCE_PT = 10.5
LINE = 1.28  # line height as a multiple of the font size

INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9dee3"
SOLID = "#2f5d8a"
LIGHT = "#a7c3df"
SIDE_COLORS = ("#7b4f9d", "#c0792a", "#3d8b6e")
SPAN = "#b5473a"
POINT = "#2f5d8a"

FontStyle = Literal["normal", "italic", "oblique"]
_RENDER_LOCK = threading.Lock()  # matplotlib's font and text caches are not thread-safe
_WIDTHS: dict[tuple[str, float, str], float] = {}  # text widths in inches; used under _RENDER_LOCK


def _line_h(pt: float) -> float:
    return pt * LINE / 72


@dataclass
class _Page:
    """One figure whose single axes maps data units to inches from the top-left corner."""

    fig: MplFigure
    ax: Axes
    renderer: RendererBase
    fonts: dict[tuple[float, str, str], Any]

    @classmethod
    def new(cls) -> _Page:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(WIDTH_IN, 10.0), dpi=DPI, facecolor="white")
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_axis_off()
        ax.set_xlim(0, WIDTH_IN)
        renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]  # (untyped in matplotlib's stubs)
        return cls(fig, ax, renderer, {})

    def font(self, pt: float, weight: str = "normal", style: FontStyle = "normal") -> Any:
        from matplotlib.font_manager import FontProperties

        key = (pt, weight, style)
        if key not in self.fonts:
            self.fonts[key] = FontProperties(family=FONT, size=pt, weight=weight, style=style)
        return self.fonts[key]

    def width(self, text: str, pt: float, weight: str = "normal") -> float:
        """Width in inches of `text` as it will be drawn (memoised: wrapping re-measures prefixes)."""
        key = (text, pt, weight)
        if key not in _WIDTHS:
            if len(_WIDTHS) > 20_000:
                _WIDTHS.clear()
            w, _, _ = self.renderer.get_text_width_height_descent(text, self.font(pt, weight), ismath=False)
            _WIDTHS[key] = float(w) / DPI
        return _WIDTHS[key]

    def wrap(
        self, text: str, pt: float, max_w: float, weight: str = "normal", balanced: bool = False
    ) -> list[str]:
        """Word wrap by measured width, so long Russian labels stay inside the picture.

        `balanced` keeps the number of lines but evens their lengths ("Second war (44 / days)"
        becomes "Second Nagorno-Karabakh / War (44 days)").
        """
        lines = self._greedy(text, pt, max_w, weight)
        if balanced and len(lines) > 1:
            lo, hi = 0.0, max_w
            for _ in range(10):
                mid = (lo + hi) / 2
                if len(self._greedy(text, pt, mid, weight)) <= len(lines):
                    hi = mid
                else:
                    lo = mid
            lines = self._greedy(text, pt, hi, weight)
        return lines

    def _greedy(self, text: str, pt: float, max_w: float, weight: str) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split(" "):
                trial = f"{current} {word}" if current else word
                if current and self.width(trial, pt, weight) > max_w:
                    lines.append(current)
                    current = word
                else:
                    current = trial
            lines.append(current)
        return lines

    def text(
        self,
        x: float,
        y: float,
        text: str,
        pt: float,
        color: str = INK,
        weight: str = "normal",
        style: FontStyle = "normal",
        ha: str = "left",
        va: str = "top",
        **kw: Any,
    ) -> None:
        self.ax.text(
            x,
            y,
            text,
            fontproperties=self.font(pt, weight, style),
            color=color,
            ha=ha,
            va=va,
            parse_math=False,  # a "$" in a label is text, not mathematics
            zorder=5,
            **kw,
        )

    def lines(self, x: float, y: float, lines: list[str], pt: float, color: str = INK, **kw: Any) -> float:
        """Draw lines top-down from `y`; returns the y below the last one."""
        for line in lines:
            self.text(x, y, line, pt, color, **kw)
            y += _line_h(pt)
        return y

    def finish(self, height: float) -> MplFigure:
        """Fix the height now that the content is laid out; one data unit stays one inch."""
        self.fig.set_size_inches(WIDTH_IN, height)
        self.ax.set_ylim(height, 0)
        return self.fig


def _short_url(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or url).removeprefix("www.")


def _source_lines(page: _Page, sources: tuple[Source, ...], numbered: bool) -> list[str]:
    out = []
    for n, s in enumerate(sources, 1):
        who = f" — {s.publisher}" if s.publisher else ""
        ref = f"[{n}] " if numbered else "• "
        out += page.wrap(f"{ref}{s.title}{who} · {_short_url(s.url)}", SOURCE_PT, WIDTH_IN - 2 * MARGIN)
    return out


def _header(page: _Page, chart: Chart, lang: str) -> float:
    y = 0.32
    title = page.wrap(pick(chart.title, lang), TITLE_PT, WIDTH_IN - 2 * MARGIN, "bold", balanced=True)
    y = page.lines(MARGIN, y, title, TITLE_PT, weight="bold")
    if chart.note:
        y += 0.04
        y = page.lines(
            MARGIN, y, page.wrap(pick(chart.note, lang), NOTE_PT, WIDTH_IN - 2 * MARGIN), NOTE_PT, MUTED
        )
    return y + 0.22


def _footer(
    page: _Page,
    y: float,
    kb: KnowledgeBase,
    lang: str,
    sources: tuple[Source, ...],
    numbered: bool,
    note: str,
) -> float:
    """The source list printed on the picture, so it keeps its sources when forwarded alone."""
    width = WIDTH_IN - 2 * MARGIN
    page.ax.plot([MARGIN, WIDTH_IN - MARGIN], [y, y], color=GRID, lw=1)
    y += 0.1
    y = page.lines(MARGIN, y, [kb.message("sources_heading", lang)], SOURCE_PT, MUTED, weight="bold")
    y = page.lines(MARGIN, y, _source_lines(page, sources, numbered), SOURCE_PT, MUTED)
    if note:
        y = page.lines(MARGIN, y, page.wrap(note, SOURCE_PT, width), SOURCE_PT, MUTED, style="italic")
    return y + 0.22


def _nice_step(top: float) -> int:
    """A round grid step giving 3–6 lines up to `top`."""
    step = 1
    while top / step > 6:
        for mult in (2, 5, 10):
            if top / (step * mult) <= 6:
                return step * mult
        step *= 10
    return step


def _draw_bars(page: _Page, chart: BarChart, book: ChartBook, kb: KnowledgeBase, lang: str) -> float:
    from matplotlib.patches import Rectangle

    fmt = book.formats
    refs = {s.id: n for n, s in enumerate(chart.sources, 1)}
    y = _header(page, chart, lang)
    x0, plot_w = MARGIN, WIDTH_IN - 2 * MARGIN
    top_value = max(f.top for b in chart.bars for f in b.figures)

    def value_text(fig: Figure) -> str:
        return f"{fmt.figure(fig, lang)} [{', '.join(str(refs[s.id]) for s in fig.sources)}]"

    def label_width(fig: Figure) -> float:
        width = page.width(value_text(fig), VALUE_PT, "bold") + 0.1
        return width + (page.width(pick(fig.who, lang), SIDE_PT) + 0.12 if fig.who else 0)

    # The value scale leaves room right of every bar for its label, in every language.
    scale_max = max(
        top_value * 1.05,
        *(f.top * plot_w / max(plot_w - label_width(f), 0.5) for b in chart.bars for f in b.figures),
    )

    def xpos(value: float) -> float:
        return x0 + plot_w * value / scale_max

    rows_top = y
    for g, group in enumerate(chart.groups):
        if group.heading:
            if g:
                y += 0.08
                page.ax.plot([MARGIN, WIDTH_IN - MARGIN], [y, y], color=GRID, lw=1, ls=(0, (4, 3)))
                y += 0.14
            y = page.lines(
                x0,
                y,
                page.wrap(pick(group.heading, lang), SMALL_PT + 1, plot_w, "bold"),
                SMALL_PT + 1,
                MUTED,
                weight="bold",
            )
            y += 0.1
        for bar in group.bars:
            y = page.lines(x0, y, page.wrap(pick(bar.label, lang), LABEL_PT, plot_w), LABEL_PT)
            y += 0.04
            several = len(bar.figures) > 1
            for i, fig in enumerate(bar.figures):
                h = 0.27 if several else 0.34
                solid = SIDE_COLORS[i % len(SIDE_COLORS)] if several else SOLID
                low_w = max(xpos(fig.low) - x0, 0.025)
                page.ax.add_patch(Rectangle((x0, y), low_w, h, color=solid, lw=0, zorder=3))
                end = x0 + low_w
                if fig.high is not None and fig.high > fig.low:
                    page.ax.add_patch(
                        Rectangle((end, y), xpos(fig.high) - end, h, color=LIGHT, lw=0, zorder=3)
                    )
                    end = xpos(fig.high)
                value = value_text(fig)
                tx = end + 0.1
                page.text(tx, y + h / 2, value, VALUE_PT, INK, "bold", va="center_baseline")
                if fig.who:
                    tx += page.width(value, VALUE_PT, "bold") + 0.12
                    page.text(tx, y + h / 2, pick(fig.who, lang), SIDE_PT, MUTED, va="center_baseline")
                y += h + 0.08
            if bar.note:
                y = page.lines(
                    x0, y, page.wrap(pick(bar.note, lang), SMALL_PT, plot_w), SMALL_PT, MUTED, style="italic"
                )
            y += 0.2
    rows_bottom = y - 0.1
    step = _nice_step(top_value)
    tick = 0
    while tick <= top_value * 1.05:
        x = xpos(tick)
        page.ax.plot([x, x], [rows_top - 0.05, rows_bottom], color=GRID, lw=1, zorder=1)
        page.text(x, rows_bottom + 0.05, fmt.number(tick, lang), TICK_PT, MUTED, ha="center")
        tick += step
    y = rows_bottom + 0.05 + _line_h(TICK_PT) + 0.18
    return _footer(page, y, kb, lang, chart.sources, numbered=True, note="")


def _year(day: date) -> float:
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _spread(wanted: list[float], heights: list[float], lo: float, hi: float, gap: float) -> list[float]:
    """Top y of each block so none overlap, each as near its wanted centre as the others allow.

    Overlapping blocks merge into a cluster centred on the mean of their wishes, repeated until
    nothing overlaps; clusters are kept inside [lo, hi]. Deterministic, and stable for labels
    that already fit.
    """
    clusters: list[list[int]] = [[i] for i in range(len(wanted))]

    def size(c: list[int]) -> float:
        return sum(heights[i] for i in c) + gap * (len(c) - 1)

    def top(c: list[int]) -> float:
        offsets, acc = [], 0.0
        for i in c:
            offsets.append(acc + heights[i] / 2)
            acc += heights[i] + gap
        t = sum(wanted[i] - off for i, off in zip(c, offsets, strict=True)) / len(c)
        return min(max(t, lo), max(hi - size(c), lo))

    changed = True
    while changed:
        changed = False
        for k in range(len(clusters) - 1):
            a, b = clusters[k], clusters[k + 1]
            if top(a) + size(a) + gap > top(b):
                clusters[k : k + 2] = [a + b]
                changed = True
                break
    tops = [0.0] * len(wanted)
    for c in clusters:
        y = top(c)
        for i in c:
            tops[i] = y
            y += heights[i] + gap
    return tops


@dataclass(frozen=True)
class _TimeScale:
    """Years to inches, with long event-free stretches shortened behind a dotted break.

    A linear scale over 1988–2024 spends most of a phone screen on the empty ceasefire years
    and crowds the labels of 2020–2024; the break keeps every drawn interval true to scale.
    """

    top: float
    pieces: tuple[tuple[float, float, float], ...]  # (from year, to year, inches per year)

    @classmethod
    def build(cls, chart: Timeline, top: float, per_year: float, gap: float, min_run: int) -> _TimeScale:
        first = min(e.when.start.year for e in chart.events)
        last = max(e.when.end.year for e in chart.events) + 1
        used = {y for e in chart.events for y in range(e.when.start.year, e.when.end.year + 1)}
        pieces: list[tuple[float, float, float]] = []
        start = year = first
        while year < last:
            run = year
            while run < last and run not in used:
                run += 1
            # Keep one empty year visible on each side of a break, so its ends are readable.
            if run - year >= min_run and year > first and run < last:
                pieces.append((start, year + 1, per_year))
                pieces.append((year + 1, run - 1, gap / (run - 2 - year)))
                start = run - 1
            year = max(run, year + 1)
        pieces.append((start, last, per_year))
        return cls(top, tuple(pieces))

    def y(self, when: date | float) -> float:
        t = _year(when) if isinstance(when, date) else when
        y = self.top
        for a, b, k in self.pieces:
            y += (min(max(t, a), b) - a) * k
        return y

    @property
    def bottom(self) -> float:
        return self.y(self.pieces[-1][1])

    def visible_years(self) -> list[int]:
        return [
            year for a, b, k in self.pieces if k == self.pieces[0][2] for year in range(int(a), int(b) + 1)
        ]

    def breaks(self) -> list[tuple[float, float]]:
        return [(self.y(a), self.y(b)) for a, b, k in self.pieces if k != self.pieces[0][2]]


def _draw_timeline(page: _Page, chart: Timeline, book: ChartBook, kb: KnowledgeBase, lang: str) -> float:
    from matplotlib.patches import Rectangle

    fmt = book.formats
    scale = _TimeScale.build(chart, _header(page, chart, lang) + 0.45, per_year=0.45, gap=0.7, min_run=5)
    axis_x = WIDTH_IN / 2
    y0, y_end = scale.top, scale.bottom
    solid = [(y0, y_end)]
    for a, b in scale.breaks():
        solid = [*solid[:-1], (solid[-1][0], a), (b, y_end)]
        page.ax.plot([axis_x, axis_x], [a, b], color=MUTED, lw=2, ls=(0, (1, 2.5)), zorder=2)
    for a, b in solid:
        page.ax.plot([axis_x, axis_x], [a, b], color=MUTED, lw=2, zorder=2, solid_capstyle="butt")
    year_box = {"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"}
    years = scale.visible_years()
    for year in years:
        yy = scale.y(float(year))
        page.ax.plot([axis_x - 0.07, axis_x], [yy, yy], color=MUTED, lw=1.5, zorder=2)
        if year != years[-1]:  # the last tick closes the final year; its label would read as one more
            page.text(
                axis_x - 0.12, yy, str(year), TICK_PT - 1, MUTED, ha="right", va="center", bbox=year_box
            )

    # Events in time order; sides alternate so neighbours in time sit on opposite sides.
    events = sorted(chart.events, key=lambda e: (e.when.start, e.when.end))
    anchors: list[float] = []
    for e in events:
        if e.draw == "span":
            a, b = scale.y(e.when.start), scale.y(e.when.end)
            b = max(b, a + 0.04)
            page.ax.add_patch(Rectangle((axis_x - 0.075, a), 0.15, b - a, color=SPAN, lw=0, zorder=3))
            anchors.append((a + b) / 2)
        else:
            at = scale.y(e.when.start if e.at == "start" else e.when.end)
            anchors.append(at)
            page.ax.plot([axis_x], [at], "o", ms=9, color=POINT, mec="white", mew=1.5, zorder=4)

    left_edge, right_edge = axis_x - 0.62, axis_x + 0.32
    max_w = {0: left_edge - 0.25, 1: WIDTH_IN - 0.25 - right_edge}
    label_pt = LABEL_PT - 1
    bottom = y_end
    for side in (0, 1):
        idx = [i for i in range(len(events)) if i % 2 == side]
        blocks = []
        for i in idx:
            label = page.wrap(pick(events[i].label, lang), label_pt, max_w[side], balanced=True)
            blocks.append((label, len(label) * _line_h(label_pt) + _line_h(DATE_PT)))
        tops = _spread([anchors[i] for i in idx], [b[1] for b in blocks], y0 - 0.4, y_end + 1.5, gap=0.1)
        x, ha = (left_edge, "right") if side == 0 else (right_edge, "left")
        for i, (label, height), top in zip(idx, blocks, tops, strict=True):
            y = page.lines(x, top, label, label_pt, INK, ha=ha)
            page.text(x, y, fmt.span(events[i].when, lang), DATE_PT, MUTED, ha=ha)
            near = axis_x - 0.1 if side == 0 else axis_x + 0.1
            far = x + (0.05 if side == 0 else -0.05)
            mid = top + _line_h(label_pt) / 2
            page.ax.plot([near, far], [anchors[i], mid], color="#9aa5b1", lw=1, zorder=1)
            bottom = max(bottom, top + height)
    note = pick(chart.sources_note, lang) if chart.sources_note else ""
    return _footer(page, bottom + 0.3, kb, lang, chart.sources, numbered=False, note=note)


def _lang(book: ChartBook, lang: str) -> str:
    return lang if lang in book.languages else DEFAULT_LANG


def build_figure(book: ChartBook, name: str, kb: KnowledgeBase, lang: str) -> MplFigure:
    """The chart as a laid-out matplotlib Figure: for other output formats, and for tests."""
    chart = book.chart(name)
    lang = _lang(book, lang)
    with _RENDER_LOCK:
        page = _Page.new()
        if isinstance(chart, BarChart):
            height = _draw_bars(page, chart, book, kb, lang)
        else:
            height = _draw_timeline(page, chart, book, kb, lang)
        return page.finish(height)


def render_png(book: ChartBook, name: str, kb: KnowledgeBase, lang: str) -> bytes:
    """The chart as PNG bytes, 1080 px wide; the same inputs always give the same bytes."""
    fig = build_figure(book, name, kb, lang)
    buf = io.BytesIO()
    with _RENDER_LOCK:
        # No "Software" stamp (it carries the matplotlib version): equal charts, equal bytes.
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        fig.clear()
    del fig
    gc.collect()  # a figure is a web of reference cycles: free its buffers now, not at some later pass
    return buf.getvalue()


def caption_parts(
    book: ChartBook, name: str, kb: KnowledgeBase, lang: str
) -> tuple[str, list[tuple[str, str]]]:
    """Title and [(source label, url)], for callers that build their own (HTML) caption."""
    chart = book.chart(name)
    lang = _lang(book, lang)
    parts = []
    for s in chart.sources:
        parts.append((source_label(s), s.url))
    return pick(chart.title, lang), parts


def caption(book: ChartBook, name: str, kb: KnowledgeBase, lang: str) -> str:
    """Plain-text caption: title, then the sources with URLs, numbered as on the picture.

    At most 1024 characters (Telegram's caption limit): sources that do not fit are replaced
    by "…", never cut in the middle of a URL.
    """
    chart = book.chart(name)
    lang = _lang(book, lang)
    numbered = isinstance(chart, BarChart)
    head = [pick(chart.title, lang), "", kb.message("sources_heading", lang)]
    tail = [pick(chart.sources_note, lang)] if isinstance(chart, Timeline) and chart.sources_note else []
    items = [f"[{n}] " if numbered else "- " for n in range(1, len(chart.sources) + 1)]
    items = [f"{ref}{s.title}: {s.url}" for ref, s in zip(items, chart.sources, strict=True)]
    shown = len(items)
    while True:
        lines = head + items[:shown] + (["…"] if shown < len(items) else []) + tail
        text = "\n".join(lines)
        if len(text) <= CAPTION_MAX or shown == 0:
            return text[:CAPTION_MAX]
        shown -= 1


class ChartRenderer:
    """Renders and caches the pictures of one knowledge version.

    The cache is keyed by (chart, language) and lives as long as the renderer: the bot makes
    one renderer per loaded knowledge base, so a reload starts with an empty cache.
    """

    def __init__(self, book: ChartBook, kb: KnowledgeBase, max_items: int = 16) -> None:
        self.book = book
        self.kb = kb
        self.max_items = max_items
        self._cache: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def names(self) -> list[str]:
        return list(self.book.charts)

    def chart_for_intent(self, intent_id: str) -> str | None:
        return chart_for_intent(self.book, intent_id)

    def png(self, name: str, lang: str) -> bytes:
        key = (name, _lang(self.book, lang))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = render_png(self.book, name, self.kb, key[1])
        with self._lock:
            cached = self._cache.setdefault(key, data)
            self._cache.move_to_end(key)
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)
        return cached

    def caption(self, name: str, lang: str) -> str:
        return caption(self.book, name, self.kb, lang)

    def caption_parts(self, name: str, lang: str) -> tuple[str, list[tuple[str, str]]]:
        return caption_parts(self.book, name, self.kb, lang)
