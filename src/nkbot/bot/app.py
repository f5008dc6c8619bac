"""Builds the python-telegram-bot Application around the engine, and runs it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from urllib.parse import urlsplit

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from nkbot.bot import delivery
from nkbot.bot.conversations import Conversations
from nkbot.bot.handlers import admin, buttons, commands, errors, inline, questions
from nkbot.bot.services import Services, UserRateLimiter, install
from nkbot.bot.transport import AiohttpRequest
from nkbot.config import Settings
from nkbot.engine import Engine
from nkbot.live import LiveKnowledge
from nkbot.querylog import QueryLog

log = logging.getLogger("nkbot.bot")

COMMANDS = ("start", "help", "topics", "timeline", "chart", "sources", "about", "language")
CONCURRENCY = 16  # updates handled at once; the work is short, the wait is on Telegram
CONNECTIONS = 16  # HTTP connections for sending; about one per update in flight
POLL_READ_TIMEOUT = 30.0  # getUpdates long-polls: its answer may take the whole poll timeout


async def post_init(application: Application) -> None:  # type: ignore[type-arg]
    """Start-up work once the bot knows who it is: username, command menu, query log, reloads."""
    svc: Services = application.bot_data["nkbot"]
    svc.bot_username = application.bot.username or ""
    kb = svc.engine.kb
    menu = [BotCommand(name, kb.message(f"cmd_{name}", "en")) for name in COMMANDS]
    await application.bot.set_my_commands(menu)
    for lang in sorted(set(kb.languages) - {"en"}):  # Telegram shows these to users with that language
        localized = [BotCommand(name, kb.message(f"cmd_{name}", lang)) for name in COMMANDS]
        await application.bot.set_my_commands(localized, language_code=lang)
    if svc.log is not None:
        await svc.log.start()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals on some platforms/threads
        loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(_reload(svc, "SIGHUP")))
    if svc.settings.watch_knowledge > 0:
        svc.tasks.append(loop.create_task(_watch(svc, svc.settings.watch_knowledge), name="nkbot-watch"))
    log.info("bot @%s ready: %d entries, %d commands", svc.bot_username, len(kb.intents), len(menu))


async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    """Flush the query log and stop background work; runs after the updater and handlers stopped."""
    svc: Services = application.bot_data["nkbot"]
    for task in svc.tasks:
        task.cancel()
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
    if svc.log is not None:
        await svc.log.close()
        log.info("query log closed: %d row(s) written", svc.log.written)


async def _reload(svc: Services, why: str) -> None:
    ok, _problems = await asyncio.to_thread(svc.live.reload)
    log.info("knowledge reload (%s): %s", why, "in service" if ok else "refused, previous version kept")


async def _watch(svc: Services, every: float) -> None:
    """Reload when the knowledge files change (checked every few seconds; no extra dependency)."""
    while True:
        await asyncio.sleep(every)
        try:
            if await asyncio.to_thread(svc.live.changed):
                await _reload(svc, "files changed")
        except Exception:
            log.exception("knowledge watcher failed; will try again")


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    handlers = {
        "start": commands.start,
        "help": commands.help_command,
        "topics": commands.topics,
        "timeline": commands.timeline,
        "sources": commands.sources,
        "about": commands.about,
        "language": commands.language_command,
        "chart": commands.chart_command,
    }
    for name, callback in handlers.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CommandHandler("stats", admin.stats_command))
    application.add_handler(CommandHandler("reload", admin.reload_command))
    application.add_handler(MessageHandler(private & filters.COMMAND, commands.unknown_command))
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, questions.private_text))
    application.add_handler(MessageHandler(groups & filters.TEXT & ~filters.COMMAND, questions.group_text))
    application.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, questions.private_non_text)
    )
    application.add_handler(CallbackQueryHandler(buttons.on_button))
    application.add_handler(InlineQueryHandler(inline.on_inline_query))
    application.add_error_handler(errors.on_error)


def build_application(
    settings: Settings, engine: Engine | LiveKnowledge, *, flood_limits: bool = True
) -> Application:  # type: ignore[type-arg]
    """The Application, ready to run; `flood_limits=False` only for tests against a local server."""
    live = engine if isinstance(engine, LiveKnowledge) else LiveKnowledge(settings.knowledge_dir, engine)
    builder = (
        Application.builder()
        .token(settings.token)
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .concurrent_updates(CONCURRENCY)
        .request(AiohttpRequest(connection_pool_size=CONNECTIONS))
        .get_updates_request(AiohttpRequest(connection_pool_size=1, read_timeout=POLL_READ_TIMEOUT))
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    flood = delivery.telegram_limits() if flood_limits else delivery.unlimited()
    application = builder.rate_limiter(flood).build()
    query_log = (
        QueryLog(settings.database, key=settings.log_key, retention_days=settings.retention_days)
        if settings.logging_enabled
        else None
    )
    limiter = UserRateLimiter(settings.user_rate, settings.user_rate_window)
    conversations = Conversations(settings.context_seconds)
    install(application.bot_data, Services(live, settings, limiter, conversations, query_log))
    add_handlers(application)
    return application


def run(settings: Settings, engine: Engine, webhook: bool) -> None:
    """Run until SIGINT/SIGTERM; python-telegram-bot stops the updater and shuts down cleanly."""
    application = build_application(settings, engine)
    allowed = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
    if webhook:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=allowed,
        )
    else:
        application.run_polling(allowed_updates=allowed)
