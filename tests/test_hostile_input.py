"""Property-based: any text at all gets a well-formed result, quickly, and renders safely."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkbot.bot.html import answer_html, split_message, suggestions_html
from nkbot.engine import Engine, Reason, Status
from nkbot.engine.engine import ALTERNATIVES
from nkbot.engine.render import render_result, reply_for

from .botapi import parse_html

NASTY = st.sampled_from(
    [
        "<b>",
        "</i>",
        "&amp;",
        "&",
        "<",
        ">",
        "*",
        "_",
        "`",
        "[x](y)",
        "\u200b",
        "\u200f",
        "\u202e",
        "\x00",
        "\x1b[31m",
        "\ufeff",
        "🇦🇲",
        "👨‍👩‍👧",
        "Шуша",
        "Şuşa",
        "שלום",
        "مرحبا",
        "\ud7ff",
        "\U0010ffff",
        "bishkek",
        "1994",
    ]
)
QUESTIONS = st.one_of(
    st.text(max_size=4096),
    st.lists(st.one_of(NASTY, st.text(max_size=20)), max_size=60).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=QUESTIONS)
def test_any_text_gets_a_well_formed_result_in_bounded_time(engine: Engine, question: str) -> None:
    t0 = time.perf_counter()
    result = engine.answer(question)
    assert time.perf_counter() - t0 < 0.5
    assert result.status in set(Status)
    assert result.question == question
    assert 0.0 <= result.score <= 100.0
    if result.status is Status.ANSWERED:
        assert result.intent is not None and result.intent.sources
        # close runners-up may be offered under an answer, never the answer itself
        assert len(result.suggestions) <= ALTERNATIVES
        assert all(s.intent.id != result.intent.id for s in result.suggestions)
    elif result.status is Status.AMBIGUOUS:
        assert result.intent is None and 1 <= len(result.suggestions) <= engine.thresholds.max_suggestions
    else:
        assert result.intent is None and result.reason in set(Reason)
    text = render_result(engine.kb, result)
    assert text.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=QUESTIONS)
def test_every_reply_is_valid_telegram_html_under_the_limit(engine: Engine, question: str) -> None:
    result = engine.answer(question)
    if result.status is Status.ANSWERED and result.intent is not None:
        html = answer_html(engine.kb, reply_for(result.intent, result.lang, result.fact), result.lang)
    elif result.status is Status.AMBIGUOUS:
        html = suggestions_html(engine.kb, result)
    else:
        return
    for part in split_message(html):
        assert len(part.encode("utf-16-le")) // 2 <= 4096
        parse_html(part)  # raises on anything Telegram would reject


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1, max_size=20_000))
def test_splitting_never_loses_text_or_breaks_limits(text: str) -> None:
    parts = split_message(text.replace("<", " ").replace("&", " "), limit=500)
    assert all(len(p.encode("utf-16-le")) // 2 <= 500 for p in parts)
    assert "".join(parts).split() == text.replace("<", " ").replace("&", " ").split()


TURNS = st.one_of(
    st.sampled_from(
        [
            "how many died in the 2020 war?",
            "and in the first war?",
            "who signed it",
            "what happened next",
            "and before that?",
            "what happened in 1992",
            "and in 1993?",
            "between 2030 and 2040",
            "on 31 february 2020",
            "а в первую войну?",
            "что было дальше",
            "and",
            "it",
            "next",
        ]
    ),
    st.text(max_size=80),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=st.lists(st.tuples(TURNS, st.floats(0, 2000)), min_size=1, max_size=6))
def test_any_conversation_stays_well_formed(engine: Engine, turns: list[tuple[str, float]]) -> None:
    """Follow-ups, dates and junk in any order: no exception, a renderable result, a context
    that survives JSON, and Telegram-valid HTML for date answers."""
    from nkbot.bot.html import events_html
    from nkbot.engine.followup import Context

    context, clock = None, 0.0
    for question, wait in turns:
        clock += wait
        result, context = engine.respond(question, context, None, clock)
        assert result.status in (Status.ANSWERED, Status.AMBIGUOUS, Status.UNKNOWN)
        assert render_result(engine.kb, result).strip()
        if result.span is not None:
            for part in split_message(events_html(engine.kb, result, 0)):
                parse_html(part)
        if context is not None:
            assert Context.from_json(context.to_json()) == context
