"""The timeline: entries with a `when`, the events in a span, the step before or after an event."""

from __future__ import annotations

from datetime import date

from nkbot.engine.model import Intent, Span, Words


def _when(intent: Intent) -> Span:
    assert intent.when is not None
    return intent.when


def events_in(timeline: list[Intent], span: Span) -> list[Intent]:
    """Entries that begin within the span, in order, then those that only end within it.

    Long entries that merely run through it (a whole war, the mediation years) are left out,
    unless nothing else is there: "1992" lists the battles of 1992, not the war they belong to.
    """
    begin = [i for i in timeline if span.start <= _when(i).start <= span.end]
    end = [i for i in timeline if span.start <= _when(i).end <= span.end and i not in begin]
    # What happened in the span first; a period that only ends in it ("the 2020 war" for
    # "November 2020") after those.
    return begin + end or [i for i in timeline if _when(i).overlaps(span)]


def following(timeline: list[Intent], anchor: Span, current: str | None = None) -> Intent | None:
    """The first entry that starts once the anchor has ended ("what happened after the war?")."""
    position = next((k for k, i in enumerate(timeline) if i.id == current), -1)
    later = [
        i for k, i in enumerate(timeline) if i.id != current and k > position and _when(i).start >= anchor.end
    ]
    if later:
        return later[0]
    rest = [i for i in timeline if i.id != current and _when(i).start > anchor.end]
    return rest[0] if rest else None


def preceding(timeline: list[Intent], anchor: Span, current: str | None = None) -> Intent | None:
    """The last entry that ended by the time the anchor began ("and before that?")."""
    position = next((k for k, i in enumerate(timeline) if i.id == current), len(timeline))
    earlier = [
        i for k, i in enumerate(timeline) if i.id != current and k < position and _when(i).end <= anchor.start
    ]
    if not earlier:
        earlier = [i for i in timeline if i.id != current and _when(i).end < anchor.start]
    return max(earlier, key=lambda i: (_when(i).end, _when(i).start)) if earlier else None


def neighbour(timeline: list[Intent], current: str, step: int) -> Intent | None:
    """The entry next to `current` in the timeline's order: a walk through it, step by step."""
    position = next((k for k, i in enumerate(timeline) if i.id == current), None)
    if position is None or not 0 <= position + step < len(timeline):
        return None
    return timeline[position + step]


def _precision(text: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(text.split("-"))]


def _one(day: date, precision: str, words: Words) -> str:
    fmt = words.dates.get(precision, "{year}")
    month = words.months[day.month - 1] if len(words.months) == 12 else None
    return fmt.format(
        day=day.day,
        month=month.name if month else day.month,
        month_day=month.day if month else day.month,
        year=day.year,
    )


def date_label(span: Span, words: Words) -> str:
    """A span written for people: "26 February 1992", "May 1992", "1988 – 1994"."""
    if words.dates == {}:
        return span.text
    parts = span.text.split("/")
    if len(parts) == 2 and all(p[:4].isdigit() for p in parts):
        first, last = parts
        start = _one(span.start, _precision(first), words)
        end = _one(span.end, _precision(last), words)
        if start == end:
            return start
        same_month = (span.start.year, span.start.month) == (span.end.year, span.end.month)
        if _precision(first) == _precision(last) == "day" and same_month and len(words.months) == 12:
            return words.dates.get("days", "{first}–{last} {month_day} {year}").format(
                first=span.start.day,
                last=span.end.day,
                month_day=words.months[span.start.month - 1].day,
                year=span.start.year,
            )
        if (
            _precision(first) == _precision(last) == "year"
            and span.start.year % 10 == 0
            and span.end.year == span.start.year + 9
        ):
            return words.dates.get("decade", "{year}s").format(year=span.start.year)
        return words.dates.get("span", "{start} – {end}").format(start=start, end=end)
    if len(parts) == 2:  # a span in full ISO days, made by joining two dates of a question
        return words.dates.get("span", "{start} – {end}").format(
            start=_one(span.start, "day", words), end=_one(span.end, "day", words)
        )
    return _one(span.start, _precision(parts[0]), words)
