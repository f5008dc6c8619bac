"""Reduced-precision ISO dates ("1992", "1988-02", "1994-05-12") and intervals between them."""

from __future__ import annotations

import calendar
import re
from datetime import date

from nkbot.engine.model import Span

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _bounds(text: str) -> tuple[date, date]:
    m = _DATE.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date like 1994, 1994-05 or 1994-05-12")
    year = int(m.group(1))
    if m.group(3):
        day = date(year, int(m.group(2)), int(m.group(3)))
        return day, day
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    return date(year, 1, 1), date(year, 12, 31)


def parse_span(value: object) -> Span:
    """Parse `when:` values; YAML may already have turned them into int or date."""
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, _ = _bounds(first)
        _, end = _bounds(last)
    else:
        start, end = _bounds(text)
    if end < start:
        raise ValueError(f"{text!r} ends before it starts")
    return Span(start, end, text)


def year_span(year: int) -> Span:
    return Span(date(year, 1, 1), date(year, 12, 31), str(year))
