"""Group chats (silent unless addressed) and inline mode, end to end."""

from __future__ import annotations

from typing import Any

from ..botapi import BOT_USERNAME, BotAPIServer

GROUP = -100123
ALICE, BOB = 601, 602


async def test_group_chatter_is_ignored(server: BotAPIServer, bot: Any) -> None:
    server.message(GROUP, ALICE, "who won the 2020 war")  # not addressed to the bot
    server.message(GROUP, BOB, "anyone up for lunch?")
    server.message(
        GROUP,
        ALICE,
        "@someone_else_bot bishkek protocol",
        entities=[{"type": "mention", "offset": 0, "length": len("@someone_else_bot")}],
    )
    await server.wait_for(lambda: bot.update_processor.handled == 3)  # all three handled ...
    assert server.sent[GROUP] == []  # ... in silence


async def test_group_mention_gets_a_reply_to_the_asking_message(server: BotAPIServer, bot: Any) -> None:
    asked = server.mention(GROUP, ALICE, "who won the 2020 war")
    (reply,) = await server.replies(GROUP, 1)
    assert reply.reply_to == asked
    assert "Sources:" in reply.text and f"@{BOT_USERNAME}" not in reply.text


async def test_group_reply_to_the_bot_is_a_question(server: BotAPIServer, bot: Any) -> None:
    server.mention(GROUP, ALICE, "bishkek protocol")
    (first,) = await server.replies(GROUP, 1)
    asked = server.message(GROUP, BOB, "what about the 2020 agreement", reply_to=first)
    replies = await server.replies(GROUP, 2)
    assert replies[1].reply_to == asked


async def test_group_commands_with_and_without_bot_name(server: BotAPIServer, bot: Any) -> None:
    server.message(GROUP, ALICE, f"/help@{BOT_USERNAME}")
    server.message(GROUP, ALICE, "/topics")
    server.message(GROUP, ALICE, "/help@another_bot")  # for another bot: ignored
    replies = await server.replies(GROUP, 2)
    await server.wait_for(lambda: bot.update_processor.handled == 3)
    assert len(server.sent[GROUP]) == 2
    assert any("mention me" in r.text for r in replies)
    assert any(r.text.startswith("Pick a topic") for r in replies)


async def test_inline_query_returns_cited_answers(server: BotAPIServer, bot: Any) -> None:
    qid = server.inline_query(ALICE, "bishkek protocol")
    answer = await server.inline_answer(qid)
    results = answer["results"]
    assert 1 <= len(results) <= 10
    assert results[0]["id"] == "bishkek-protocol"
    assert results[0]["description"]
    content = results[0]["input_message_content"]
    assert "Sources:" in content["message_text"] and "https://" in content["message_text"]
    assert content.get("parse_mode") == "HTML"
    assert int(answer["cache_time"]) > 0
    assert answer["button"]["start_parameter"] == "bishkek-protocol"
    assert server.rejected == []


async def test_empty_inline_query_lists_popular_topics(server: BotAPIServer, bot: Any) -> None:
    qid = server.inline_query(ALICE, "")
    answer = await server.inline_answer(qid)
    assert 3 <= len(answer["results"]) <= 10
    assert len({r["id"] for r in answer["results"]}) == len(answer["results"])


async def test_inline_query_without_match_and_oversized(server: BotAPIServer, bot: Any) -> None:
    qid = server.inline_query(ALICE, "qwertyuiop zxcvbnm")
    answer = await server.inline_answer(qid)
    assert [r["id"] for r in answer["results"]] == ["none"]
    big = server.inline_query(BOB, "bishkek " * 400)
    answer = await server.inline_answer(big)
    assert answer["results"]


async def test_inline_date_question_lists_the_events_in_order(server: BotAPIServer, bot: Any) -> None:
    qid = server.inline_query(ALICE, "what happened in 1992")
    answer = await server.inline_answer(qid)
    titles = [r["title"] for r in answer["results"]]
    assert titles[0].startswith("Khojaly massacre")
    assert any(t.startswith("Capture of Shusha/Shushi") for t in titles)
    assert not any(t.startswith("First Nagorno-Karabakh War") for t in titles)
