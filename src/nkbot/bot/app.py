"""Builds the python-telegram-bot Application around the engine, and runs it."""

from __future__ import annotations

import logging
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
from nkbot.bot.handlers import buttons, commands, errors, inline, questions
from nkbot.bot.services import Services, UserRateLimiter, install
from nkbot.config import Settings
from nkbot.engine import Engine

log = logging.getLogger("nkbot.bot")

COMMANDS = ("start", "help", "topics", "timeline", "sources", "about")


async def post_init(application: Application) -> None:  # type: ignore[type-arg]
    """Start-up work once the bot knows who it is: remember the username, publish the menu."""
    svc: Services = application.bot_data["nkbot"]
    svc.bot_username = application.bot.username or ""
    kb = svc.engine.kb
    menu = [BotCommand(name, kb.message(f"cmd_{name}", "en")) for name in COMMANDS]
    await application.bot.set_my_commands(menu)
    log.info("bot @%s ready: %d entries, %d commands", svc.bot_username, len(kb.intents), len(menu))


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
    }
    for name, callback in handlers.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(MessageHandler(private & filters.COMMAND, commands.unknown_command))
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, questions.private_text))
    application.add_handler(MessageHandler(groups & filters.TEXT & ~filters.COMMAND, questions.group_text))
    application.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, questions.private_non_text)
    )
    application.add_handler(CallbackQueryHandler(buttons.on_button))
    application.add_handler(InlineQueryHandler(inline.on_inline_query))
    application.add_error_handler(errors.on_error)


def build_application(settings: Settings, engine: Engine, *, flood_limits: bool = True) -> Application:  # type: ignore[type-arg]
    """The Application, ready to run; `flood_limits=False` only for tests against a local server."""
    builder = (
        Application.builder()
        .token(settings.token)
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        .post_init(post_init)
        .concurrent_updates(64)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    limiter = delivery.telegram_limits() if flood_limits else delivery.unlimited()
    application = builder.rate_limiter(limiter).build()
    install(
        application.bot_data,
        Services(engine, settings, UserRateLimiter(settings.user_rate, settings.user_rate_window)),
    )
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
