"""A Bot API test server on 127.0.0.1: the real HTTP surface python-telegram-bot talks to.

It implements the methods the bot uses with the real API's JSON shapes, keeps per-chat
transcripts, lets a test act as users (messages, commands, mentions, replies, button presses,
inline queries), parses the bot's HTML the way Telegram does (unknown tags, unbalanced tags and
bad entities are rejected with 400, as are texts over 4,096 characters), and injects faults:
429 with retry_after, 5xx, delays and dropped connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

BOT_ID = 7000001
BOT_USERNAME = "nk_test_bot"
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "blockquote",
    "span",
    "tg-emoji",
}
JSON_FIELDS = {
    "reply_markup",
    "results",
    "commands",
    "reply_parameters",
    "link_preview_options",
    "button",
    "allowed_updates",
    "entities",
    "scope",
}


class TelegramHTMLError(ValueError):
    pass


class _StrictHTML(HTMLParser):
    """Checks the bot's HTML as Telegram does and returns the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise TelegramHTMLError(f'Unsupported start tag "{tag}"')
        if tag == "a" and not dict(attrs).get("href"):
            raise TelegramHTMLError("a tag without href")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHTMLError(f'Unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> str:
    # Telegram accepts only these four named entities and numeric ones.
    for pos, char in enumerate(html):
        if char == "&":
            tail = html[pos : pos + 10]
            if not tail.startswith(("&lt;", "&gt;", "&amp;", "&quot;", "&#")):
                raise TelegramHTMLError(f"Unsupported entity at byte offset {pos}")
        if char == "<" and not (html[pos + 1 : pos + 2].isalpha() or html[pos + 1 : pos + 2] in "/"):
            raise TelegramHTMLError(f"Unexpected < at byte offset {pos}")
    parser = _StrictHTML()
    parser.feed(html)
    parser.close()
    if parser.stack:
        raise TelegramHTMLError(f'Unclosed tag "{parser.stack[-1]}"')
    return "".join(parser.text)


@dataclass
class Fault:
    status: int = 0  # 429 or 5xx; 0 for none
    retry_after: int = 1
    delay: float = 0.0
    drop: bool = False  # close the connection without an answer


@dataclass
class SentMessage:
    message_id: int
    chat_id: int
    html: str
    text: str
    reply_markup: dict[str, Any] | None
    reply_to: int | None
    method: str = "sendMessage"
    at: float = field(default_factory=time.perf_counter)  # when it reached the server
    photo: bytes | None = None  # sendPhoto: the picture, as uploaded or as its file_id resolves
    photo_uploaded: bool = False  # the bytes came with this call (not a file_id sent again)

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of every inline button, in order."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


@dataclass
class BotAPIServer:
    token: str = "123456:TEST-token_secret"
    host: str = "127.0.0.1"
    port: int = 0
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: dict[int, list[SentMessage]] = field(default_factory=lambda: defaultdict(list))
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    inline_answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by language_code ("" default)
    faults: dict[str, list[Fault]] = field(default_factory=lambda: defaultdict(list))
    calls: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    webhook_url: str = ""
    sent_count: int = 0
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> uploaded bytes

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._new_update = asyncio.Event()
        self._new_message = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._closing = False

    # ---- life cycle ----
    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def hold_polls(self) -> None:
        self._closing = False

    def release_polls(self) -> None:
        """Answer held getUpdates now, and later ones at once: a stopping bot need not wait them out."""
        self._closing = True
        self._new_update.set()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    # ---- the bot's side ----
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        params = await self._params(request)
        self.calls.append(method)
        queue = self.faults.get(method)
        if queue:
            fault = queue.pop(0)
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.drop:
                if request.transport is not None:
                    request.transport.abort()
                return web.Response(status=500)
            if fault.status == 429:
                body = {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {fault.retry_after}",
                    "parameters": {"retry_after": fault.retry_after},
                }
                return web.json_response(body, status=429)
            if fault.status:
                body = {"ok": False, "error_code": fault.status, "description": "Internal Server Error"}
                return web.json_response(body, status=fault.status)
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        try:
            result = await handler(params)
        except TelegramHTMLError as exc:
            self.rejected.append((method, str(exc)))
            body = {
                "ok": False,
                "error_code": 400,
                "description": f"Bad Request: can't parse entities: {exc}",
            }
            return web.json_response(body, status=400)
        except BadRequest as exc:
            self.rejected.append((method, str(exc)))
            return web.json_response(
                {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}, status=400
            )
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, str) and key in JSON_FIELDS:
                params[key] = json.loads(value)
            else:
                params[key] = value
        return params

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "NK Test",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def api_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot_user()

    async def api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = ""
        return True

    async def api_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = str(params.get("url", ""))
        return True

    async def api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": 0}

    async def api_setMyCommands(self, params: dict[str, Any]) -> Any:
        self.commands[str(params.get("language_code", ""))] = list(params.get("commands", []))
        return True

    async def api_getMyCommands(self, params: dict[str, Any]) -> Any:
        return self.commands.get(str(params.get("language_code", "")), [])

    async def api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset", 0) or 0)
        limit = int(params.get("limit", 100) or 100)
        timeout = min(float(params.get("timeout", 0) or 0), 1.0)  # short holds keep test shutdown fast
        self._new_update.clear()
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates and timeout > 0 and not self._closing:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout)
        return self.updates[:limit]

    def _chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
        return {"id": chat_id, "type": "supergroup", "title": f"Group{chat_id}"}

    def _record(self, method: str, params: dict[str, Any], html: str) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        text = parse_html(html) if params.get("parse_mode") == "HTML" else html
        if not text.strip():
            raise BadRequest("message text is empty")
        if len(text.encode("utf-16-le")) // 2 > 4096:
            raise BadRequest("message is too long")
        reply = params.get("reply_parameters") or {}
        msg = SentMessage(
            next(self._message_ids[chat_id]),
            chat_id,
            html,
            text,
            params.get("reply_markup"),
            reply.get("message_id"),
            method,
        )
        self.sent[chat_id].append(msg)
        self.sent_count += 1
        self._new_message.set()
        return self._message_json(msg)

    def _message_json(self, msg: SentMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "date": int(time.time()),
            "chat": self._chat(msg.chat_id),
            "from": self.bot_user(),
            "text": msg.text,
        }
        if msg.reply_markup:
            data["reply_markup"] = msg.reply_markup
        return data

    async def api_sendMessage(self, params: dict[str, Any]) -> Any:
        return self._record("sendMessage", params, str(params.get("text", "")))

    async def api_sendPhoto(self, params: dict[str, Any]) -> Any:
        """A photo uploaded (multipart) or sent again by file_id, as Telegram takes both."""
        photo = params.get("photo")
        if isinstance(photo, web.FileField):
            data, uploaded = photo.file.read(), True
            if not data:
                raise BadRequest("file must be non-empty")
            file_id = f"photo-{len(self.files) + 1}"
            self.files[file_id] = data
        elif isinstance(photo, str) and photo in self.files:
            data, uploaded, file_id = self.files[photo], False, photo
        else:
            raise BadRequest("wrong file identifier/HTTP URL specified")
        caption = str(params.get("caption", ""))
        if caption and params.get("parse_mode") == "HTML" and len(parse_html(caption)) > 1024:
            raise BadRequest("message caption is too long")
        result = self._record("sendPhoto", params, caption or "[photo]")
        msg = self.sent[int(params["chat_id"])][-1]
        msg.photo, msg.photo_uploaded = data, uploaded
        result["photo"] = [
            {"file_id": file_id, "file_unique_id": f"u-{file_id}", "width": 1080, "height": 1400}
        ]
        return result

    async def api_editMessageText(self, params: dict[str, Any]) -> Any:
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        for msg in self.sent[chat_id]:
            if msg.message_id == message_id:
                html = str(params.get("text", ""))
                text = parse_html(html) if params.get("parse_mode") == "HTML" else html
                markup = params.get("reply_markup")
                if html == msg.html and markup == msg.reply_markup:
                    raise BadRequest("message is not modified")
                msg.html, msg.text, msg.reply_markup = html, text, markup
                self._new_message.set()
                return self._message_json(msg)
        raise BadRequest("message to edit not found")

    async def api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        self.callback_answers.append(params | {"at": time.perf_counter()})
        self._new_message.set()
        return True

    async def api_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        for result in params.get("results", []):
            content = result.get("input_message_content", {})
            if content.get("parse_mode") == "HTML":
                parse_html(content.get("message_text", ""))
        self.inline_answers[str(params["inline_query_id"])] = params | {"at": time.perf_counter()}
        self._new_message.set()
        return True

    # ---- the users' side ----
    def _push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._ids)
        self.updates.append({"update_id": update_id, **payload})
        self._new_update.set()
        return update_id

    @staticmethod
    def user(user_id: int, language_code: str = "en") -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": f"User{user_id}",
            "language_code": language_code,
        }

    def message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        reply_to: SentMessage | None = None,
        entities: list[dict[str, Any]] | None = None,
        language_code: str = "en",
    ) -> int:
        """A user's text message; a leading /command gets its bot_command entity as Telegram sends it."""
        ents = list(entities or [])
        if text.startswith("/"):
            ents.insert(0, {"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self.user(user_id, language_code),
            "text": text,
        }
        if ents:
            msg["entities"] = ents
        if reply_to is not None:
            msg["reply_to_message"] = self._message_json(reply_to)
        self._push({"message": msg})
        return int(msg["message_id"])

    def mention(self, chat_id: int, user_id: int, question: str) -> int:
        text = f"@{BOT_USERNAME} {question}"
        return self.message(
            chat_id,
            user_id,
            text,
            entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
        )

    def sticker(self, chat_id: int, user_id: int) -> int:
        msg = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self.user(user_id),
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "su1",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            },
        }
        return self._push({"message": msg})

    def press(self, msg: SentMessage, data: str, user_id: int | None = None) -> int:
        uid = user_id or (msg.chat_id if msg.chat_id > 0 else 1)
        query = {
            "id": f"cb{next(self._ids)}",
            "from": self.user(uid),
            "chat_instance": f"ci{msg.chat_id}",
            "data": data,
            "message": self._message_json(msg),
        }
        return self._push({"callback_query": query})

    def inline_query(self, user_id: int, query: str) -> str:
        qid = f"iq{next(self._ids)}"
        self._push({"inline_query": {"id": qid, "from": self.user(user_id), "query": query, "offset": ""}})
        return qid

    # ---- waiting for the bot ----
    async def wait_for(self, predicate: Any, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the bot did not answer in time")
            self._new_message.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_message.wait(), min(remaining, 0.1))

    async def replies(self, chat_id: int, count: int, timeout: float = 10.0) -> list[SentMessage]:
        """Wait until the chat holds at least `count` bot messages; return them all."""
        await self.wait_for(lambda: len(self.sent[chat_id]) >= count, timeout)
        return list(self.sent[chat_id])

    async def inline_answer(self, query_id: str, timeout: float = 10.0) -> dict[str, Any]:
        await self.wait_for(lambda: query_id in self.inline_answers, timeout)
        return self.inline_answers[query_id]


class BadRequest(Exception):
    pass
