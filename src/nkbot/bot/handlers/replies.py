"""Sending engine results to a chat: the one place that turns a Result into Telegram messages."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Message, ReplyParameters, User
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from nkbot.bot import keyboards
from nkbot.bot.html import answer_html, events_html, split_message, suggestions_html
from nkbot.bot.services import Services, services
from nkbot.engine import Reason, Result, Status
from nkbot.engine.engine import MAX_QUESTION_CHARS
from nkbot.engine.model import Fact, Intent, pick
from nkbot.engine.render import reply_for


def language(context: ContextTypes.DEFAULT_TYPE, user: User | None, question: str = "") -> str:
    """The user's chosen language (/language), else the question's, else Telegram's language_code."""
    return services(context).language_of(user, question)


async def send_parts(
    message: Message, parts: list[str], markup: InlineKeyboardMarkup | None, quote: bool
) -> list[Message]:
    """Send a long text as several messages; the keyboard goes under the last one."""
    sent = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        reply = (
            ReplyParameters(message.message_id, allow_sending_without_reply=True)
            if quote and n == 0
            else None
        )
        sent.append(
            await message.get_bot().send_message(
                message.chat_id,
                part,
                reply_markup=markup if last else None,
                reply_parameters=reply,
                message_thread_id=message.message_thread_id if message.is_topic_message else None,
            )
        )
    return sent


async def send_entry(
    message: Message,
    svc: Services,
    intent: Intent,
    lang: str,
    quote: bool = False,
    ref: str | None = None,
    fact: Fact | None = None,
    others: tuple[Intent, ...] = (),
) -> None:
    """The precise answer (the fact asked, or the entry's lead) with its detail folded, at most
    three sources, and buttons: runners-up and related entries, chart, all sources, 👍/👎."""
    kb = svc.engine.kb
    svc.asked[intent.id] += 1
    reply = reply_for(intent, lang, fact)
    related = kb.intents_of(intent.related)
    entries = list({i.id: i for i in [*others, *related] if i.id != intent.id}.values())
    chart = svc.live.charts.chart_for_intent(intent.id)
    more = (intent.id, len(reply.all_sources)) if len(reply.all_sources) > len(reply.sources) else None
    markup = keyboards.answer_keyboard(kb, entries, lang, ref if svc.log is not None else None, chart, more)
    await send_parts(message, split_message(answer_html(kb, reply, lang)), markup, quote)


async def send_result(message: Message, svc: Services, result: Result, ref: str | None = None) -> None:
    """Answer, "did you mean" buttons, or an honest "I don't know" with a way to browse."""
    kb = svc.engine.kb
    lang = result.lang
    quote = message.chat.type != ChatType.PRIVATE
    if result.span is not None:  # a date question: its events, a page at a time
        markup = keyboards.events_keyboard(kb, result, 0)
        await send_parts(message, split_message(events_html(kb, result, 0)), markup, quote)
        return
    if result.status is Status.ANSWERED and result.intent is not None:
        others = tuple(s.intent for s in result.suggestions)
        await send_entry(message, svc, result.intent, lang, quote, ref, result.fact, others)
        return
    if result.status is Status.AMBIGUOUS:
        markup = keyboards.entries_keyboard([s.intent for s in result.suggestions], lang)
        await send_parts(message, [suggestions_html(kb, result)], markup, quote)
        return
    if result.reason is Reason.OUT_OF_SCOPE and result.scope is not None:
        related = kb.intents_of(result.scope.related)
        rows = [[keyboards.entry_button(i, lang)] for i in related] + [[keyboards.topics_button(kb, lang)]]
        await send_parts(
            message, [escape(pick(result.scope.answer, lang))], InlineKeyboardMarkup(rows), quote
        )
        return
    if result.reason is Reason.EMPTY:
        text = kb.message("empty", lang)
    elif result.reason is Reason.TOO_LONG:
        text = kb.message("too_long", lang).format(
            length=len(result.question.strip()), limit=MAX_QUESTION_CHARS
        )
    else:
        text = kb.message("tg_unknown", lang)
    markup = InlineKeyboardMarkup([[keyboards.topics_button(kb, lang)]])
    await send_parts(message, [escape(text)], markup, quote)
