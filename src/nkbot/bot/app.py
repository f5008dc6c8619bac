"""Builds the python-telegram-bot Application around the engine, and runs it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from urllib.parse import urlsplit

from aiohttp import web
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
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
from nkbot.bot.inbox import Inbox, JournalingBot
from nkbot.bot.intake import FairUpdateProcessor
from nkbot.bot.services import Services, UserRateLimiter, install
from nkbot.bot.transport import AiohttpRequest
from nkbot.bot.webhook import webhook_app
from nkbot.config import Settings
from nkbot.engine import Engine
from nkbot.live import LiveKnowledge
from nkbot.querylog import QueryLog

log = logging.getLogger("nkbot.bot")

COMMANDS = ("start", "help", "topics", "timeline", "chart", "sources", "about", "language")
CONCURRENCY = 16  # updates handled at once; the work is short, the wait is on Telegram
CONNECTIONS = 16  # HTTP connections for sending; about one per update in flight
POLL_READ_TIMEOUT = 30.0  # getUpdates long-polls: its answer may take the whole poll timeout
STOP_SECONDS = 8.0  # SIGTERM to exit at most this long: `docker stop` kills after 10 s
DRAIN_SECONDS = 4.0  # of which answering what was already fetched may take this long
POLLING_TASK = "Updater:start_polling:polling_task"  # python-telegram-bot's name for its poll loop


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
    if svc.inbox is not None:
        await svc.inbox.start()
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
    if svc.log is not None:  # first: the rows it flushes mark their updates handled in the inbox
        await svc.log.close()
        log.info("query log closed: %d row(s) written", svc.log.written)
    if svc.inbox is not None:
        await svc.inbox.close()


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
    settings: Settings,
    engine: Engine | LiveKnowledge,
    *,
    flood_limits: bool = True,
    retry_backoff: float = 0.5,
) -> Application:  # type: ignore[type-arg]
    """The Application, ready to run; `flood_limits=False` only for tests against a local server,
    and a shorter `retry_backoff` (seconds before the first retry of a failed send) for tests."""
    live = engine if isinstance(engine, LiveKnowledge) else LiveKnowledge(settings.knowledge_dir, engine)
    limiter = UserRateLimiter(settings.user_rate, settings.user_rate_window)
    intake = FairUpdateProcessor(CONCURRENCY, limiter)
    flood = delivery.telegram_limits(retry_backoff) if flood_limits else delivery.unlimited(retry_backoff)
    inbox = Inbox(settings.inbox) if settings.inbox_enabled else None
    bot = JournalingBot(
        token=settings.token,
        base_url=settings.api_base_url or "https://api.telegram.org/bot",
        request=AiohttpRequest(connection_pool_size=CONNECTIONS),
        get_updates_request=AiohttpRequest(connection_pool_size=1, read_timeout=POLL_READ_TIMEOUT),
        defaults=Defaults(
            parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
        rate_limiter=flood,
        inbox=inbox,
    )
    intake.inbox = inbox
    builder = (
        Application.builder()
        .bot(bot)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .concurrent_updates(intake)
    )
    application = builder.build()
    query_log = (
        QueryLog(settings.database, key=settings.log_key, retention_days=settings.retention_days)
        if settings.logging_enabled
        else None
    )
    conversations = Conversations(settings.context_seconds)
    svc = Services(live, settings, limiter, conversations, query_log, inbox=inbox)
    intake.logging = svc.logging_updates
    if query_log is not None and inbox is not None:
        query_log.on_committed = inbox.done_many
    install(application.bot_data, svc)
    intake.notify = lambda update: questions.rate_limited(update, svc)
    intake.counts = lambda update: questions.counts_against_limit(update, svc)
    add_handlers(application)
    return application


def run(settings: Settings, engine: Engine, webhook: bool) -> int:
    """Run until SIGINT/SIGTERM (exit 0), or until Telegram refuses the token (exit 1, so that a
    supervisor restarts the bot or shows the failure instead of a process alive and deaf)."""
    application = build_application(settings, engine)
    allowed = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
    if webhook:
        return asyncio.run(serve_webhook(application, settings, allowed))
    return asyncio.run(poll(application, allowed))


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


async def serve_webhook(application: Application, settings: Settings, allowed: list[str]) -> int:  # type: ignore[type-arg]
    """Updates by webhook through our own server (bot/webhook.py: secret and size checked before a
    body is read), with the same start-up errors and SIGTERM budget as polling."""
    stop = asyncio.Event()
    _stop_on_signals(stop)
    path = urlsplit(settings.webhook_url).path
    runner = web.AppRunner(webhook_app(application, path, settings.webhook_secret), access_log=None)
    try:
        await _prepare(application)
        await runner.setup()
        await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
        await application.bot.set_webhook(
            settings.webhook_url, secret_token=settings.webhook_secret, allowed_updates=allowed
        )
    except (InvalidToken, TelegramError, OSError) as exc:
        log.error("cannot start the webhook: %s", exc)
        await runner.cleanup()
        await _shut_down(application, time.monotonic() + STOP_SECONDS)
        return 1
    await application.start()
    log.info("webhook listening on %s:%d%s", settings.webhook_listen, settings.webhook_port, path)
    await stop.wait()
    deadline = time.monotonic() + STOP_SECONDS
    await runner.cleanup()
    await _shut_down(application, deadline)
    return 0


async def poll(application: Application, allowed: list[str]) -> int:  # type: ignore[type-arg]
    """`run_polling`, with two differences: a poll loop that python-telegram-bot gives up on (401
    or 404: the token was revoked, the bot deleted) ends the process with exit code 1, and
    SIGTERM ends it within STOP_SECONDS whatever it holds, the query log flushed."""
    stop = asyncio.Event()
    failure: list[BaseException] = []
    _stop_on_signals(stop)
    try:
        await _prepare(application)
        await application.updater.start_polling(allowed_updates=allowed)  # type: ignore[union-attr]
    except (InvalidToken, TelegramError, OSError) as exc:
        log.error("cannot start polling: %s", exc)  # the logging filter scrubs the token from it
        await _shut_down(application, time.monotonic() + STOP_SECONDS)
        return 1

    def polling_ended(task: asyncio.Task[object]) -> None:
        if not task.cancelled() and task.exception() is not None:
            failure.append(task.exception())  # type: ignore[arg-type]
            stop.set()

    for task in asyncio.all_tasks():
        if task.get_name() == POLLING_TASK:
            task.add_done_callback(polling_ended)
    await application.start()
    await stop.wait()
    deadline = time.monotonic() + STOP_SECONDS
    if failure:
        log.error("polling stopped for good (%s); exiting so that the bot is restarted", failure[0])
    await _shut_down(application, deadline)
    return 1 if failure else 0


async def _prepare(application: Application) -> None:  # type: ignore[type-arg]
    """The start-up both modes share: initialise (getMe), post_init, then queue the updates
    journaled but never answered (the process was killed) so they are handled first."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    svc: Services = application.bot_data["nkbot"]
    if svc.inbox is not None:
        for update in await svc.inbox.pending(application.bot):
            await application.update_queue.put(update)


async def _shut_down(application: Application, deadline: float) -> None:  # type: ignore[type-arg]
    """Stop fetching, answer what was fetched while time allows, then always flush the query log."""

    async def step(coro: object, budget: float) -> None:
        try:
            await asyncio.wait_for(coro, max(0.1, min(budget, deadline - time.monotonic())))  # type: ignore[arg-type]
        except TimeoutError:
            log.warning("shutdown step timed out; going on")
        except Exception:
            log.exception("shutdown step failed; going on")

    updater = application.updater
    if updater is not None and updater.running:
        await step(updater.stop(), DRAIN_SECONDS / 2)
    if application.running:
        await step(application.stop(), DRAIN_SECONDS)
    if application.post_stop is not None:
        await step(application.post_stop(application), 1.0)
    await step(application.shutdown(), 1.0)
    if application.post_shutdown is not None:
        await step(application.post_shutdown(application), STOP_SECONDS)
