"""The reply shape on Telegram: the precise answer first, the detail folded in an expandable
quote, at most three sources, two rows of buttons; honest replies beside the topic."""

from __future__ import annotations

import re
from typing import Any

from nkbot.engine import Engine

from ..botapi import BotAPIServer, parse_html

USER = 601
FOLD = re.compile(r"<blockquote expandable>(.*?)</blockquote>", re.DOTALL)


def before_expanding(html: str) -> str:
    """What the reader sees with the quote still folded (its content hidden)."""
    return parse_html(FOLD.sub("", html))


async def test_an_answer_shows_the_fact_first_and_folds_the_detail(
    server: BotAPIServer, bot: Any, engine: Engine
) -> None:
    server.message(USER, USER, "who won the 2020 war")
    (answer,) = await server.replies(USER, 1)
    entry = engine.get("second-war-outcome")
    assert entry is not None
    folded = FOLD.search(answer.html)
    assert folded is not None, answer.html
    seen = before_expanding(answer.html)
    lines = seen.splitlines()
    assert lines[0] == entry.title["en"] and lines[1].startswith("Azerbaijan")
    assert len(seen) <= 600
    shown_links = re.findall(r'<a href="([^"]+)"', FOLD.sub("", answer.html))
    assert 1 <= len(shown_links) <= 3
    assert "Under the ceasefire" in parse_html(folded.group(1)) or "Pashinyan" in parse_html(folded.group(1))
    rows = answer.reply_markup["inline_keyboard"] if answer.reply_markup else []
    assert 1 <= len(rows) <= 2
    data = [d for _, d in answer.buttons()]
    assert f"s|{entry.id}" in data and "u|" in " ".join(data)
    # "All sources" sends every source of the entry
    server.press(answer, f"s|{entry.id}")
    (_, listing) = await server.replies(USER, 2)
    assert len(re.findall(r'<a href="', listing.html)) == len(entry.sources)
    assert {s.url for s in entry.sources} <= set(re.findall(r'<a href="([^"]+)"', listing.html))


async def test_an_entry_question_answers_with_its_lead(
    server: BotAPIServer, bot: Any, engine: Engine
) -> None:
    server.message(USER, USER, "bishkek protocol")
    (answer,) = await server.replies(USER, 1)
    entry = engine.get("bishkek-protocol")
    assert entry is not None
    seen = before_expanding(answer.html).splitlines()
    assert seen[0] == entry.title["en"]
    assert entry.answer["en"].startswith(seen[1])  # the lead: the answer's opening sentence
    assert len(seen[1]) < len(entry.answer["en"])


async def test_neighbouring_topics_and_small_talk_get_honest_replies(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "how many soldiers died in ukraine")
    (other_war,) = await server.replies(USER, 1)
    assert "outside what I cover" in other_war.text
    assert ("📚 Topics", "c|") in other_war.buttons()
    server.message(USER, USER, "what is the armenian genocide")
    (_, genocide) = await server.replies(USER, 2)
    assert "1915" in genocide.text
    assert "a|contested-genocide-claims" in [d for _, d in genocide.buttons()]
    server.message(USER, USER, "hi!")
    (_, _, hello) = await server.replies(USER, 3)
    assert hello.text.startswith("Hello")


async def test_inline_results_send_the_precise_answer(server: BotAPIServer, bot: Any, engine: Engine) -> None:
    qid = server.inline_query(USER, "who won the 2020 war")
    answer = await server.inline_answer(qid)
    first = answer["results"][0]
    assert first["id"] == "second-war-outcome"
    content = first["input_message_content"]["message_text"]
    assert "<blockquote" not in content
    assert parse_html(content).splitlines()[1].startswith("Azerbaijan")
    assert first["description"].startswith("Azerbaijan")
    assert 1 <= len(re.findall(r'<a href="', content)) <= 3
