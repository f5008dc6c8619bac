"""Charts: drawn from the knowledge files only, validated with file:line, rendered readably."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib.image
import pytest
from matplotlib.patches import Rectangle

from nkbot.charts import (
    ChartBook,
    ChartRenderer,
    build_figure,
    caption,
    caption_parts,
    chart_for_intent,
    load_charts,
    names,
    render_png,
)
from nkbot.charts.render import CAPTION_MAX
from nkbot.charts.spec import BarChart, Timeline, mentions
from nkbot.engine.loader import Problem, load_or_raise
from nkbot.engine.model import KnowledgeBase, pick

from .conftest import KNOWLEDGE, SEED

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(KNOWLEDGE)


@pytest.fixture(scope="module")
def book(kb: KnowledgeBase) -> ChartBook:
    book, problems = load_charts(KNOWLEDGE, kb)
    assert [str(p) for p in problems if p.severity == "error"] == []
    return book


def _casualties(book: ChartBook) -> BarChart:
    chart = book.chart("casualties")
    assert isinstance(chart, BarChart)
    return chart


def _timeline(book: ChartBook) -> Timeline:
    chart = book.chart("timeline")
    assert isinstance(chart, Timeline)
    return chart


def test_shipped_charts_validate(kb: KnowledgeBase) -> None:
    book, problems = load_charts(KNOWLEDGE, kb)
    assert [str(p) for p in problems] == []
    assert names(book) == ["casualties", "timeline"]


def test_png_is_a_phone_sized_picture(book: ChartBook, kb: KnowledgeBase) -> None:
    for name in names(book):
        data = render_png(book, name, kb, "en")
        assert data.startswith(PNG_SIGNATURE)
        assert len(data) > 10_000
        pixels = matplotlib.image.imread(io.BytesIO(data), format="png")
        height, width = pixels.shape[:2]
        assert width == 1080
        assert 700 <= height <= 2400, "fits a phone screen when scrolled once at most"


def test_russian_render(book: ChartBook, kb: KnowledgeBase) -> None:
    for name in names(book):
        ru = render_png(book, name, kb, "ru")
        assert ru.startswith(PNG_SIGNATURE)
        assert ru != render_png(book, name, kb, "en")
        texts = [t.get_text() for t in build_figure(book, name, kb, "ru").axes[0].texts]
        assert pick(book.chart(name).title, "ru") in " ".join(texts)
        assert any("а" <= ch <= "я" for t in texts for ch in t)


def test_every_figure_is_written_in_its_entry(book: ChartBook, kb: KnowledgeBase) -> None:
    fmt = book.formats
    for bar in _casualties(book).bars:
        intent = kb.intent(bar.entry)
        assert intent is not None
        cited = {s.id for s in intent.sources}
        for figure in bar.figures:
            assert {s.id for s in figure.sources} <= cited
            for lang in ("en", "ru"):
                sep = pick(fmt.thousands, lang)
                for n in (figure.low, figure.top):
                    assert mentions(intent.answer[lang], fmt.number(n, lang), sep), (bar.entry, lang, n)


def test_summary_figures_match_the_seed(book: ChartBook) -> None:
    """The by-period bars are the seed's casualty line, verbatim."""
    seed = SEED.read_text(encoding="utf-8")
    line = next(row for row in seed.splitlines() if "killed (1988–1994)" in row)
    summary = _casualties(book).groups[0]
    drawn = [book.formats.figure(f, "en") for b in summary.bars for f in b.figures]
    assert drawn == ["28,000–38,000", "3,000", "541–547+", "7,717", "44"]
    for text in drawn:
        assert f"{text} killed" in line


def test_drawn_bars_and_labels_are_the_figures(book: ChartBook, kb: KnowledgeBase) -> None:
    chart = _casualties(book)
    fig = build_figure(book, "casualties", kb, "en")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    for bar in chart.bars:
        for figure in bar.figures:
            label = book.formats.figure(figure, "en")
            assert any(t.startswith(label + " [") for t in texts), label
    # The first war: a solid bar to 28,000 and a lighter one on to 38,000, to scale.
    rects = [p for p in ax.patches if isinstance(p, Rectangle)]
    solid, light = rects[0], rects[1]
    assert light.get_x() == pytest.approx(solid.get_x() + solid.get_width())
    assert light.get_width() / solid.get_width() == pytest.approx((38000 - 28000) / 28000)
    assert rects[2].get_width() / solid.get_width() == pytest.approx(3000 / 28000)


def test_timeline_dates_come_from_the_entries(book: ChartBook, kb: KnowledgeBase) -> None:
    chart = _timeline(book)
    assert 12 <= len(chart.events) <= 16
    texts = [t.get_text() for t in build_figure(book, "timeline", kb, "en").axes[0].texts]
    for event in chart.events:
        intent = kb.intent(event.intent)
        assert intent is not None and event.when == intent.when
        assert book.formats.span(event.when, "en") in texts
    assert "8–9 May 1992" in texts and "27 Sep – 10 Nov 2020" in texts
    assert "8–9 мая 1992" in [t.get_text() for t in build_figure(book, "timeline", kb, "ru").axes[0].texts]


@pytest.mark.parametrize("name", ["casualties", "timeline"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_text_overlaps_or_leaves_the_picture(
    book: ChartBook, kb: KnowledgeBase, name: str, lang: str
) -> None:
    fig = build_figure(book, name, kb, lang)
    renderer = fig.canvas.get_renderer()
    width, height = fig.canvas.get_width_height()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.axes[0].texts]
    for i, (text, box) in enumerate(boxes):
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height, text
        for other, other_box in boxes[i + 1 :]:
            assert not box.overlaps(other_box), (text, other)


def test_cache_returns_the_same_bytes_object(book: ChartBook, kb: KnowledgeBase) -> None:
    renderer = ChartRenderer(book, kb)
    first = renderer.png("timeline", "en")
    assert renderer.png("timeline", "en") is first
    assert renderer.png("timeline", "xx") is first, "an unknown language falls back to English"
    assert renderer.png("timeline", "ru") is not first
    # A new renderer (a reloaded knowledge base) draws afresh, and deterministically.
    again = ChartRenderer(book, kb).png("timeline", "en")
    assert again == first and again is not first


def test_cache_is_bounded(book: ChartBook, kb: KnowledgeBase) -> None:
    renderer = ChartRenderer(book, kb, max_items=1)
    en = renderer.png("casualties", "en")
    renderer.png("casualties", "ru")
    assert renderer.png("casualties", "en") is not en


def test_caption_cites_urls_within_telegram_limit(book: ChartBook, kb: KnowledgeBase) -> None:
    for name in names(book):
        chart = book.chart(name)
        for lang in ("en", "ru"):
            text = caption(book, name, kb, lang)
            assert len(text) <= CAPTION_MAX
            assert text.startswith(pick(chart.title, lang))
            for source in chart.sources:
                assert source.url in text
            title, parts = caption_parts(book, name, kb, lang)
            assert title == pick(chart.title, lang)
            assert [url for _, url in parts] == [s.url for s in chart.sources]


def test_caption_drops_whole_sources_when_too_long(book: ChartBook, kb: KnowledgeBase) -> None:
    chart = _timeline(book)
    many = dataclasses.replace(chart, sources=chart.sources * 20)
    big = dataclasses.replace(book, charts={**book.charts, "timeline": many})
    text = caption(big, "timeline", kb, "en")
    assert len(text) <= CAPTION_MAX
    assert "\n…\n" in text and text.endswith("/sources")
    assert all(line.startswith(("- ", "…")) or "://" not in line for line in text.splitlines())


def test_chart_buttons(book: ChartBook) -> None:
    assert chart_for_intent(book, "casualties-2020") == "casualties"
    assert chart_for_intent(book, "september-2023-offensive") == "casualties"
    assert chart_for_intent(book, "second-war") == "timeline"
    assert chart_for_intent(book, "bishkek-protocol") is None


def test_number_and_date_formats(book: ChartBook, kb: KnowledgeBase) -> None:
    fmt = book.formats
    assert (fmt.number(28000, "en"), fmt.number(28000, "ru")) == ("28,000", "28 000")
    assert (fmt.number(3000, "en"), fmt.number(3000, "ru")) == ("3,000", "3000")
    assert fmt.number(44, "en") == "44"
    when = {i.id: i.when for i in kb.intents if i.when}
    assert fmt.span(when["khojaly-massacre"], "en") == "26 Feb 1992"
    assert fmt.span(when["khojaly-massacre"], "ru") == "26 февр. 1992"
    assert fmt.span(when["first-war"], "en") == "20 Feb 1988 – 12 May 1994"
    assert fmt.span(when["kirovabad-pogrom"], "ru") == "нояб. 1988"
    assert fmt.span(when["post-2020-violations"], "en") == "Dec 2020 – Sep 2023"
    assert fmt.span(when["soviet-period"], "en") == "1923–1988"


def test_importing_charts_does_not_import_matplotlib_or_telegram() -> None:
    code = "import sys, nkbot.charts; print('matplotlib' in sys.modules, 'telegram' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- a broken charts.yaml in a copy of the knowledge --------------------------------------------


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    return root


def _break(root: Path, *edits: tuple[str, str]) -> dict[str, int]:
    """Apply text edits to charts.yaml; returns the 1-based line of each edited text."""
    path = root / "charts.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {
        new: next(n for n, line in enumerate(lines, 1) if new.splitlines()[0] in line) for _, new in edits
    }


def _problems(root: Path) -> tuple[ChartBook, list[Problem]]:
    kb = load_or_raise(root)
    book, problems = load_charts(root, kb)
    return book, [p for p in problems if p.severity == "error"]


def _at(problems: list[Problem], line: int, words: str) -> None:
    hits = [p for p in problems if p.line == line and words in p.message]
    assert hits, f"no error at line {line} with {words!r}: {[str(p) for p in problems]}"
    assert str(hits[0]).startswith(f"{hits[0].path}:{line}: error:")


def test_broken_charts_report_file_and_line(kdir: Path) -> None:
    lines = _break(
        kdir,
        ("intent: sumgait-pogrom", "intent: no-such-event"),
        ("sources: [s1-qna-sept2022]", "sources: [no-such-source]"),
        ("high: 38000", "high: 2800"),
        ("low: 7717", "low: 7718"),
        ("sources: [s5-kyivind-offensive-2023]", "sources: [s4-wiki-second-war]"),
        ("intent: april-2016-war", "intent: casualties-overview"),
        ('label: {en: "Khojaly massacre", ru: "Ходжалинская резня"}', 'label: {ru: "Ходжалинская резня"}'),
        ("- intent: bishkek-protocol", "- when: 1994\n        intent: bishkek-protocol"),
    )
    book, problems = _problems(kdir)
    _at(problems, lines["intent: no-such-event"], "unknown intent id 'no-such-event'")
    _at(problems, lines["sources: [no-such-source]"], "unknown source 'no-such-source'")
    _at(problems, lines["high: 2800"], "low 28000 is greater than high 2800")
    _at(problems, lines["low: 7718"], "7,718 is not in the 'en' answer of 'casualties-2020'")
    _at(problems, lines["sources: [s4-wiki-second-war]"], "not cited by september-2023-offensive")
    _at(problems, lines["intent: casualties-overview"], "has no 'when' date")
    _at(problems, lines['label: {ru: "Ходжалинская резня"}'], "'label' has no English (en) text")
    _at(problems, lines["- when: 1994\n        intent: bishkek-protocol"], "unknown field 'when'")
    assert all(p.path == kdir / "charts.yaml" for p in problems)
    # A chart with errors is left out rather than drawn with gaps.
    assert names(book) == []


def test_chart_attached_twice_and_bad_kind(kdir: Path) -> None:
    lines = _break(
        kdir,
        ("attach_to: [conflict-overview,", "attach_to: [casualties-2020, conflict-overview,"),
        ("kind: bars", "kind: pie"),
    )
    book, problems = _problems(kdir)
    _at(problems, lines["kind: pie"], "'kind' must be one of bars, timeline")
    assert names(book) == ["timeline"]
    # With the bar chart gone the timeline may take the entry; with both present it may not.
    kb = load_or_raise(kdir)
    text = (kdir / "charts.yaml").read_text(encoding="utf-8").replace("kind: pie", "kind: bars")
    (kdir / "charts.yaml").write_text(text, encoding="utf-8")
    _, problems = load_charts(kdir, kb)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "attach_to: [casualties-2020" in row)
    _at([p for p in problems if p.severity == "error"], line, "already carries chart 'casualties'")


def test_missing_charts_file_is_a_warning_not_a_crash(kdir: Path) -> None:
    (kdir / "charts.yaml").unlink()
    book, problems = load_charts(kdir, load_or_raise(kdir))
    assert names(book) == [] and [p.severity for p in problems] == ["warning"]
