"""Inline mode: `@bot question` in any chat offers cited answers to send."""

from __future__ import annotations

import time
from html import escape

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.ext import ContextTypes

from nkbot.bot.handlers.replies import language
from nkbot.bot.html import MESSAGE_LIMIT, answer_html
from nkbot.bot.services import services
from nkbot.engine.model import Fact, Intent, KnowledgeBase, pick
from nkbot.engine.render import reply_for
from nkbot.querylog.records import new_ref

MAX_RESULTS = 10
CACHE_SECONDS = 300  # answers change only when the knowledge does
INLINE_QUERY_MAX = 256  # Telegram's own limit; longer input is cut, not refused


def _article(
    kb: KnowledgeBase, intent: Intent, lang: str, fact: Fact | None = None
) -> InlineQueryResultArticle:
    """The precise answer with its sources; the detail stays with the bot (a tap away in private)."""
    reply = reply_for(intent, lang, fact)
    text = answer_html(kb, reply, lang, details=False)
    if len(text) > MESSAGE_LIMIT:  # an inline message cannot be split: send the short form
        text = f"<b>{escape(pick(intent.title, lang))}</b>\n\n{escape(pick(intent.short, lang))}"
    return InlineQueryResultArticle(
        id=intent.id,
        title=pick(intent.title, lang),
        description=reply.answer,
        input_message_content=InputTextMessageContent(text),
    )


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    started = time.perf_counter()
    svc = services(context)
    engine = svc.engine
    kb = engine.kb
    question = query.query[:INLINE_QUERY_MAX].strip()
    lang = language(context, query.from_user, question)
    picks: list[tuple[Intent, Fact | None]]
    if question:
        result, _ = engine.respond(question, None, lang)  # inline queries have no conversation
        if result.events:  # a date question: the events of that span, in order
            picks = [(i, None) for i in result.events[:MAX_RESULTS]]
        else:
            picks = [(s.intent, s.fact) for s in engine.candidates(question, MAX_RESULTS)]
        user = query.from_user
        svc.record(
            "inline",
            query.chat_type,
            user.id,
            user.language_code,
            result,
            started,
            new_ref(),
            update.update_id,
        )
    else:
        picks = [(i, None) for i in kb.intents_of(svc.popular(MAX_RESULTS, lang))]
    intents = [i for i, _ in picks]
    results: list[InlineQueryResultArticle] = [_article(kb, i, lang, f) for i, f in picks]
    if not results:
        results = [
            InlineQueryResultArticle(
                id="none",
                title=kb.message("tg_inline_none_title", lang),
                description=kb.message("tg_inline_none_text", lang),
                input_message_content=InputTextMessageContent(
                    escape(kb.message("tg_inline_none_text", lang))
                ),
            )
        ]
    button = InlineQueryResultsButton(
        text=kb.message("tg_inline_open_private", lang),
        start_parameter=intents[0].id if intents else "inline",
    )
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=False, button=button)
