"""Asked in Russian, answered in Russian; /language lets a user choose."""

from __future__ import annotations

from typing import Any

from ..botapi import BotAPIServer

USER, GROUP = 801, -100801


async def test_russian_question_gets_russian_answer_with_sources(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "кто победил в войне 2020 года", language_code="en")
    (answer,) = await server.replies(USER, 1)
    assert "Источники:" in answer.text and "https://" in answer.html
    assert "Sources:" not in answer.text


async def test_language_code_decides_when_the_question_does_not(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "/start", language_code="ru")
    (welcome,) = await server.replies(USER, 1)
    assert welcome.text.startswith("Здравствуйте")
    assert ("📚 Темы", "c|") in welcome.buttons()


async def test_language_command_sets_and_resets_the_choice(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "/language")
    (prompt,) = await server.replies(USER, 1)
    assert ("Русский", "l|ru") in prompt.buttons()
    server.press(prompt, "l|ru")
    await server.wait_for(lambda: "на русском" in prompt.text)
    server.message(USER, USER, "bishkek protocol")  # English question, Russian chosen
    replies = await server.replies(USER, 2)
    assert "Источники:" in replies[1].text
    server.press(prompt, "l|auto")
    await server.wait_for(lambda: "language of each question" in prompt.text)
    server.message(USER, USER, "bishkek protocol")
    replies = await server.replies(USER, 3)
    assert "Sources:" in replies[2].text


async def test_inline_and_group_in_russian(server: BotAPIServer, bot: Any) -> None:
    qid = server.inline_query(USER, "бишкекский протокол")
    answer = await server.inline_answer(qid)
    assert answer["results"][0]["id"] == "bishkek-protocol"
    assert "Источники:" in answer["results"][0]["input_message_content"]["message_text"]
    server.mention(GROUP, USER, "что такое минская группа")
    (reply,) = await server.replies(GROUP, 1)
    assert "Источники:" in reply.text
