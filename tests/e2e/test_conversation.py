"""Follow-up questions and date questions on Telegram, end to end: context per chat (per member
in groups), never shared, forgotten after NKBOT_CONTEXT_SECONDS."""

from __future__ import annotations

from typing import Any

from nkbot.engine import Engine

from ..botapi import BotAPIServer
from .conftest import running_bot

ALICE, BOB = 701, 702
GROUP = -100777


async def ask(server: BotAPIServer, chat: int, user: int, text: str, *, group: bool = False) -> str:
    before = len(server.sent[chat])
    if group:
        server.mention(chat, user, text)
    else:
        server.message(chat, user, text)
    replies = await server.replies(chat, before + 1)
    return replies[before].text


async def test_three_turn_conversation_gets_three_cited_answers(server: BotAPIServer, bot: Any) -> None:
    first = await ask(server, ALICE, ALICE, "how many died in the 2020 war?")
    assert first.startswith("Casualties of the 2020 war") and "7,717" in first
    second = await ask(server, ALICE, ALICE, "and in the first war?")
    assert second.startswith("Casualties of the first war") and "28,000–38,000" in second
    third = await ask(server, ALICE, ALICE, "who signed the ceasefire?")
    assert third.startswith("Bishkek Protocol") and "11 May" in third
    for sent in server.sent[ALICE]:
        assert "Sources:" in sent.text and '<a href="https://en.wikipedia.org/wiki/' in sent.html


async def test_context_never_crosses_chats_or_group_members(server: BotAPIServer, bot: Any) -> None:
    await ask(server, ALICE, ALICE, "how many died in the 2020 war?")
    # Bob's private chat has no context: the same follow-up is a fresh question about the war
    assert not (await ask(server, BOB, BOB, "and in the first war?")).startswith("Casualties")
    # in a group each member has their own conversation
    await ask(server, GROUP, ALICE, "how many died in the 2020 war?", group=True)
    bob = await ask(server, GROUP, BOB, "and in the first war?", group=True)
    alice = await ask(server, GROUP, ALICE, "and in the first war?", group=True)
    assert not bob.startswith("Casualties of the first war")
    assert alice.startswith("Casualties of the first war")


async def test_context_expires(server: BotAPIServer, engine: Engine) -> None:
    async with running_bot(server, engine, context_seconds=0.0):
        await ask(server, ALICE, ALICE, "how many died in the 2020 war?")
        later = await ask(server, ALICE, ALICE, "and in the first war?")
        assert not later.startswith("Casualties of the first war")


async def test_picked_entry_becomes_the_subject(server: BotAPIServer, bot: Any) -> None:
    await ask(server, ALICE, ALICE, "when was the bishkek protocol signed")
    answer = server.sent[ALICE][-1]
    after = next(data for label, data in answer.buttons() if data.startswith("a|"))
    assert after == "a|first-war"
    server.press(answer, after)
    await server.replies(ALICE, 2)
    assert (await ask(server, ALICE, ALICE, "what happened next?")).startswith("Outcome of the First")


async def test_date_question_lists_events_in_pages(server: BotAPIServer, bot: Any, engine: Engine) -> None:
    events = engine.respond("what happened in the 1990s")[0].events
    first, seventh = events[0].title["en"], events[6].title["en"]
    text = await ask(server, ALICE, ALICE, "what happened in the 1990s")
    assert text.startswith(f"Events in the 1990s ({len(events)}):")
    assert first in text and seventh not in text  # page 1 holds the first six
    assert "12–19 January 1990: Baku pogrom" in text
    assert text.count("Source: ") == 6
    page = server.sent[ALICE][-1]
    buttons = page.buttons()
    assert sum(1 for _, data in buttons if data.startswith("a|")) == 6
    (forward,) = [data for _, data in buttons if data.startswith("e|")]
    server.press(page, forward)
    await server.wait_for(lambda: f"Events 7–12 of {len(events)}." in page.text)
    assert seventh in page.text
    assert len([d for _, d in page.buttons() if d.startswith("e|")]) == 2  # back and forward
    server.press(page, "e|19900101-19991231-99")  # a page that does not exist
    await server.wait_for(lambda: any("text" in a for a in server.callback_answers))


async def test_date_question_with_no_events_offers_the_nearest(server: BotAPIServer, bot: Any) -> None:
    text = await ask(server, ALICE, ALICE, "what happened in 2031")
    assert "no events dated 2031" in text
    assert "The nearest ones:" in text and "Source: " in text
