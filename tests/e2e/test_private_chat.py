"""Private chats end to end: questions, commands, buttons, long and hostile input."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nkbot.engine import Engine

from ..botapi import BotAPIServer
from .conftest import running_bot

USER = 501


async def test_start_registers_menu_and_offers_examples(server: BotAPIServer, bot: Any) -> None:
    names = ["start", "help", "topics", "timeline", "chart", "sources", "about", "language"]
    assert [c["command"] for c in server.commands[""]] == names
    assert [c["command"] for c in server.commands["ru"]] == names
    assert server.commands["ru"][0]["description"] == "Приветствие и примеры"
    assert all(c["description"] for c in server.commands[""])
    server.message(USER, USER, "/start")
    (welcome,) = await server.replies(USER, 1)
    assert "curated fact base" in welcome.text
    labels = [label for label, _ in welcome.buttons()]
    assert "Who won the 2020 war?" in labels
    assert all(data.startswith(("a|", "c|")) for _, data in welcome.buttons())


async def test_question_gets_cited_answer_with_related_buttons(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "when was the bishkek protocol signed")
    (answer,) = await server.replies(USER, 1)
    assert "Bishkek" in answer.text
    assert "Sources:" in answer.text
    assert '<a href="https://' in answer.html
    related = [b for b in answer.buttons() if b[1].startswith("a|")]
    assert 1 <= len(related) <= 3
    assert [label for label, d in answer.buttons() if d[:2] in ("u|", "d|")] == ["👍", "👎"]
    # pressing a related button opens that entry
    server.press(answer, related[0][1])
    replies = await server.replies(USER, 2)
    assert "Sources:" in replies[1].text
    assert server.callback_answers and "text" not in server.callback_answers[-1]


async def test_ambiguous_question_offers_choices_that_answer(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "corridor")
    (choices,) = await server.replies(USER, 1)
    assert "not sure" in choices.text
    buttons = choices.buttons()
    assert len(buttons) >= 2
    server.press(choices, buttons[0][1])
    replies = await server.replies(USER, 2)
    assert "Sources:" in replies[1].text


async def test_unknown_question_is_honest_and_offers_topics(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "how do i fix my bicycle chain")
    (reply,) = await server.replies(USER, 1)
    assert "don't know" in reply.text
    assert reply.buttons() == [("📚 Topics", "c|")]
    server.press(reply, "c|")
    await server.wait_for(lambda: reply.text.startswith("Pick a topic"))
    topic_buttons = reply.buttons()
    assert any(d == "c|people" for _, d in topic_buttons)
    server.press(reply, "c|people")
    await server.wait_for(lambda: "People" in reply.text)
    assert any(d == "a|nikol-pashinyan" for _, d in reply.buttons())


async def test_commands_help_topics_timeline_sources_about(server: BotAPIServer, bot: Any) -> None:
    for n, command in enumerate(["/help", "/topics", "/timeline", "/sources", "/about"], 1):
        server.message(USER, USER, command)
        await server.replies(USER, n)
    texts = [m.text for m in server.sent[USER]]
    assert "@nk_test_bot" in texts[0]
    assert texts[1].startswith("Pick a topic")
    assert texts[2].startswith("Timeline (page 1 of")
    assert "sources" in texts[3] and "Wikipedia" in texts[3]
    assert "neutral" in texts[4].lower() or "Neutrality" in texts[4]


async def test_timeline_pages_forward_and_back(server: BotAPIServer, bot: Any, engine: Engine) -> None:
    server.message(USER, USER, "/timeline")
    (page,) = await server.replies(USER, 1)
    first_page = page.buttons()
    assert ("Next ▶️", "t|2") in first_page
    first_event = engine.kb.timeline()[0]
    assert first_page[0][1] == f"a|{first_event.id}"
    server.press(page, "t|2")
    await server.wait_for(lambda: "page 2" in page.text)
    assert ("◀️ Previous", "t|1") in page.buttons()
    server.press(page, "t|1")
    await server.wait_for(lambda: "page 1" in page.text)


async def test_deep_link_opens_the_entry(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "/start november-2020-agreement")
    replies = await server.replies(USER, 1)
    assert "10 November 2020" in replies[-1].text or "November" in replies[-1].text
    assert "Sources:" in replies[-1].text


async def test_outdated_or_forged_buttons_answer_politely(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "bishkek protocol")
    (answer,) = await server.replies(USER, 1)
    for data in ["a|no-such-entry", "x|junk", "t|999", "c|nonsense", "a|../../etc", "💥" * 20]:
        server.press(answer, data)
    await server.wait_for(lambda: len(server.callback_answers) >= 6)
    assert all(a.get("text") == "This button is outdated. Please ask again." for a in server.callback_answers)
    assert len(server.sent[USER]) == 1  # nothing else was sent, nothing crashed


async def test_html_metacharacters_and_emoji_are_escaped(server: BotAPIServer, bot: Any) -> None:
    for question in [
        '<b>bishkek</b> & "protocol" <script>',
        "🇦🇲🇦🇿 who won the 2020 war? 🙂",
        "a < b > c &amp;",
    ]:
        server.message(USER, USER, question)
    replies = await server.replies(USER, 3)
    assert server.rejected == []  # every reply parsed as valid Telegram HTML
    assert any("Bishkek" in r.text for r in replies)


async def test_long_answer_is_split_under_the_limit(server: BotAPIServer, engine: Engine) -> None:
    # An entry whose answer is much longer than one message, as a maintainer might write.
    intent = engine.kb.intent("bishkek-protocol")
    assert intent is not None
    long_text = ("The Bishkek Protocol paragraph. " * 60 + "\n\n") * 5
    long_kb = replace(
        engine.kb,
        intents=tuple(replace(i, answer={"en": long_text}) if i is intent else i for i in engine.kb.intents),
    )
    async with running_bot(server, Engine(long_kb)):
        server.message(USER, USER, "bishkek protocol")
        await server.wait_for(lambda: any("Sources:" in m.text for m in server.sent[USER]))
    parts = server.sent[USER]
    assert len(parts) >= 2
    assert all(len(p.text) <= 4096 for p in parts)
    assert "".join(p.text for p in parts).count("The Bishkek Protocol paragraph.") == 300  # nothing lost
    assert parts[0].buttons() == [] and parts[-1].buttons()  # the keyboard sits under the last part
    assert server.rejected == []


async def test_unknown_command_and_sticker(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "/frobnicate now")
    server.sticker(USER, USER)
    replies = await server.replies(USER, 2)
    texts = [m.text for m in replies]
    assert any("don't know that command" in t for t in texts)
    assert any("only read text" in t for t in texts)
