"""Charts on Telegram, end to end: the photo is uploaded once, arrives with a caption that cites
its sources, and is sent again by file_id."""

from __future__ import annotations

import io
from typing import Any

import matplotlib.image

from ..botapi import BotAPIServer, Fault, SentMessage

USER = 811
PNG = b"\x89PNG\r\n\x1a\n"


async def photo(server: BotAPIServer, chat: int, before: int) -> SentMessage:
    await server.wait_for(lambda: any(m.method == "sendPhoto" for m in server.sent[chat][before:]), 20)
    return next(m for m in server.sent[chat][before:] if m.method == "sendPhoto")


async def test_chart_command_sends_a_cited_photo_then_reuses_the_upload(
    server: BotAPIServer, bot: Any
) -> None:
    server.message(USER, USER, "/chart casualties")
    first = await photo(server, USER, 0)
    assert first.photo is not None and first.photo.startswith(PNG) and first.photo_uploaded
    assert matplotlib.image.imread(io.BytesIO(first.photo)).shape[1] == 1080
    assert first.text.startswith("People killed in the Nagorno-Karabakh conflict")
    assert "Sources:" in first.text
    assert '<a href="https://en.wikipedia.org/wiki/Nagorno-Karabakh_conflict">' in first.html
    assert "sendChatAction" in server.calls  # "sending a photo…" while it is drawn
    server.message(USER, USER, "/chart casualties")
    again = await photo(server, USER, 1)
    assert not again.photo_uploaded and again.photo == first.photo  # sent by file_id


async def test_casualty_answers_carry_a_chart_button(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "how many died in the 2020 war?")
    (answer,) = await server.replies(USER, 1)
    assert "g|casualties" in [data for _, data in answer.buttons()]
    server.press(answer, "g|casualties")
    picture = await photo(server, USER, 1)
    assert picture.photo is not None and picture.photo.startswith(PNG)
    server.message(USER, USER, "who is nikol pashinyan")
    (_, _, other) = await server.replies(USER, 3)
    assert not any(data.startswith("g|") for _, data in other.buttons())


async def test_chart_menu_unknown_chart_and_russian_timeline(server: BotAPIServer, bot: Any) -> None:
    server.message(USER, USER, "/chart")
    (menu,) = await server.replies(USER, 1)
    assert [data for _, data in menu.buttons()] == ["g|casualties", "g|timeline"]
    server.message(USER, USER, "/chart pie")
    (_, unknown) = await server.replies(USER, 2)
    assert "no chart 'pie'" in unknown.text
    server.message(USER, USER, "/chart timeline", language_code="ru")
    timeline = await photo(server, USER, 2)
    assert timeline.text.startswith("Карабахский конфликт: главные события 1988–2024")
    assert "Источники:" in timeline.text and "en.wikipedia.org" in timeline.html
    server.press(menu, "g|nonsense")
    await server.wait_for(lambda: any("text" in a for a in server.callback_answers))


async def test_chart_survives_a_server_error(server: BotAPIServer, bot: Any) -> None:
    server.faults["sendPhoto"] += [Fault(status=502)]
    server.message(USER, USER, "/chart timeline")
    picture = await photo(server, USER, 0)
    assert picture.photo is not None and picture.photo.startswith(PNG)
