"""Dates inside questions: "in 1992", "September 2023", "10 November 2020", "between 2020 and 2023".

Works on normalised tokens, so it sees what the matcher sees ("1988-94" is already "1988 1994").
Month names and the words that join two dates come from knowledge/conversation.yaml.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from nkbot.engine.model import Span

_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|го|е|ое)?$")
_DECADE = re.compile(r"^(\d{2}|\d{4})s$")
DECADE_SUFFIXES = frozenset({"s", "е", "х", "ые", "ых"})  # "1990 s", "1990-е", "90-х"
FIRST_YEAR, LAST_YEAR = 1800, 2100


@dataclass(frozen=True, slots=True)
class DateAtom:
    """One date found in a question, with the token positions it took."""

    start: int
    end: int  # exclusive
    span: Span
    kind: str  # "day" | "month" | "year" | "decade"


@dataclass(frozen=True, slots=True)
class DateQuery:
    span: Span
    atoms: tuple[DateAtom, ...]
    used: frozenset[int]  # token positions taken by the dates and the words joining them


def _year(token: str) -> int | None:
    if len(token) == 4 and token.isdigit() and FIRST_YEAR <= int(token) <= LAST_YEAR:
        return int(token)
    return None


def _day(token: str) -> int | None:
    m = _ORDINAL.match(token)
    if m and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    return None


def _decade_start(digits: str) -> int | None:
    value = int(digits)
    if len(digits) == 2:
        value += 1900 if value >= 30 else 2000
    if value % 10 or not FIRST_YEAR <= value <= LAST_YEAR:
        return None
    return value


def _day_span(year: int, month: int, day: int) -> Span | None:
    if day > calendar.monthrange(year, month)[1]:
        return None
    d = date(year, month, day)
    return Span(d, d, d.isoformat())


def _month_span(year: int, month: int) -> Span:
    last = calendar.monthrange(year, month)[1]
    return Span(date(year, month, 1), date(year, month, last), f"{year}-{month:02d}")


def _year_span(year: int, last: int | None = None) -> Span:
    end = last if last is not None else year
    text = str(year) if last is None else f"{year}/{end}"
    return Span(date(year, 1, 1), date(end, 12, 31), text)


def find_dates(tokens: list[str], months: Mapping[str, int]) -> list[DateAtom]:
    """Every date in the tokens, left to right; the longest reading wins ("10 November 2020")."""
    atoms: list[DateAtom] = []
    i, n = 0, len(tokens)

    def tok(k: int) -> str:
        return tokens[k] if k < n else ""

    while i < n:
        t = tok(i)
        day, month, year = _day(t), months.get(t), _year(t)
        atom: DateAtom | None = None
        if day is not None and months.get(tok(i + 1)) and _year(tok(i + 2)):  # 10 November 2020
            span = _day_span(_year(tok(i + 2)) or 0, months[tok(i + 1)], day)
            atom = DateAtom(i, i + 3, span, "day") if span else None
        elif (
            day is not None and tok(i + 1).isdigit() and 1 <= int(tok(i + 1)) <= 12 and _year(tok(i + 2))
        ):  # 10.11.2020, day first as written outside the US
            span = _day_span(_year(tok(i + 2)) or 0, int(tok(i + 1)), day)
            atom = DateAtom(i, i + 3, span, "day") if span else None
        elif month is not None and _day(tok(i + 1)) is not None and _year(tok(i + 2)):  # November 10 2020
            span = _day_span(_year(tok(i + 2)) or 0, month, _day(tok(i + 1)) or 0)
            atom = DateAtom(i, i + 3, span, "day") if span else None
        elif month is not None and _year(tok(i + 1)):  # September 2023
            atom = DateAtom(i, i + 2, _month_span(_year(tok(i + 1)) or 0, month), "month")
        elif (m := _DECADE.match(t)) and (start := _decade_start(m.group(1))) is not None:  # 1990s
            atom = DateAtom(i, i + 1, _year_span(start, start + 9), "decade")
        elif (
            t.isdigit()
            and len(t) in (2, 4)
            and tok(i + 1) in DECADE_SUFFIXES
            and (start := _decade_start(t)) is not None
        ):  # 1990-е, 90-х
            atom = DateAtom(i, i + 2, _year_span(start, start + 9), "decade")
        elif year is not None:
            atom = DateAtom(i, i + 1, _year_span(year), "year")
        if atom is not None:
            atoms.append(atom)
            i = atom.end
        else:
            i += 1
    return atoms


def date_query(tokens: list[str], months: Mapping[str, int], joiners: frozenset[str]) -> DateQuery | None:
    """The span a question asks about: one date, or two joined ("from 1988 to 1994", "2020-2023")."""
    atoms = find_dates(tokens, months)
    if not atoms:
        return None
    used = {k for a in atoms for k in range(a.start, a.end)}
    if len(atoms) >= 2:
        for a, b in pairwise(atoms):  # only joining words may sit between two dates
            between = tokens[a.end : b.start]
            if any(t not in joiners for t in between):
                return None
            used.update(range(a.end, b.start))
        if atoms[0].start > 0 and tokens[atoms[0].start - 1] in joiners:
            used.add(atoms[0].start - 1)  # "between", "from"
    first = min(atoms, key=lambda a: a.span.start)
    last = max(atoms, key=lambda a: a.span.end)
    if len(atoms) == 1:
        span = atoms[0].span
    else:
        text = f"{first.span.text.split('/')[0]}/{last.span.text.split('/')[-1]}"
        span = Span(first.span.start, last.span.end, text)
    return DateQuery(span, tuple(atoms), frozenset(used))
