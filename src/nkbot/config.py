"""Settings from the environment, with defaults that work from a fresh clone.

Secrets (the bot token, the webhook secret, the log key) are never printed: `Settings.__repr__`
masks them, and errors name the variable, not its value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from nkbot.engine import Thresholds
from nkbot.engine.followup import CONTEXT_SECONDS

_REPO_KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


class ConfigError(ValueError):
    """A setting in the environment is malformed; the message names it (never its secret value)."""


def default_knowledge_dir() -> Path:
    """$NKBOT_KNOWLEDGE_DIR, else ./knowledge, else the knowledge/ beside this source tree."""
    env = os.environ.get("NKBOT_KNOWLEDGE_DIR")
    if env:
        return Path(env)
    local = Path.cwd() / "knowledge"
    return local if local.is_dir() else _REPO_KNOWLEDGE


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _float(name: str, default: float) -> float:
    raw = _env(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc


def _int(name: str, default: int) -> int:
    raw = _env(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _ids(name: str) -> frozenset[int]:
    raw = _env(name)
    try:
        return frozenset(int(part) for part in raw.replace(";", ",").split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(f"{name} must be a comma-separated list of Telegram user ids") from exc


def thresholds_from_env() -> Thresholds:
    base = Thresholds()
    return Thresholds(
        answer=_float("NKBOT_ANSWER_THRESHOLD", base.answer),
        margin=_float("NKBOT_ANSWER_MARGIN", base.margin),
        suggest=_float("NKBOT_SUGGEST_THRESHOLD", base.suggest),
    )


def _mask(secret: str) -> str:
    return "***" if secret else "''"


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path = field(default_factory=default_knowledge_dir)
    thresholds: Thresholds = field(default_factory=thresholds_from_env)
    token: str = field(default_factory=lambda: _env("TELEGRAM_BOT_TOKEN"), repr=False)
    api_base_url: str = field(default_factory=lambda: _env("TELEGRAM_API_BASE_URL"))
    admin_ids: frozenset[int] = field(default_factory=lambda: _ids("NKBOT_ADMIN_IDS"))
    database: Path = field(default_factory=lambda: Path(_env("NKBOT_DATABASE", "nkbot.sqlite3")))
    # every update journaled here before it is confirmed to Telegram, replayed if never answered
    inbox: Path = field(default_factory=lambda: Path(_env("NKBOT_INBOX", "nkbot-inbox.sqlite3")))
    webhook_url: str = field(default_factory=lambda: _env("NKBOT_WEBHOOK_URL"))
    webhook_listen: str = field(default_factory=lambda: _env("NKBOT_WEBHOOK_LISTEN", "0.0.0.0"))
    webhook_port: int = field(default_factory=lambda: _int("NKBOT_WEBHOOK_PORT", 8443))
    webhook_secret: str = field(default_factory=lambda: _env("NKBOT_WEBHOOK_SECRET"), repr=False)
    log_key: str = field(default_factory=lambda: _env("NKBOT_LOG_KEY"), repr=False)
    retention_days: float = field(default_factory=lambda: _float("NKBOT_RETENTION_DAYS", 365.0))
    watch_knowledge: float = field(default_factory=lambda: _float("NKBOT_WATCH_SECONDS", 5.0))  # 0: off
    user_rate: int = field(default_factory=lambda: _int("NKBOT_USER_RATE", 20))  # questions ...
    user_rate_window: float = field(
        default_factory=lambda: _float("NKBOT_USER_RATE_WINDOW", 60.0)
    )  # ... per s
    # how long a conversation is remembered for follow-ups ("and in 2016?") after its last turn
    context_seconds: float = field(default_factory=lambda: _float("NKBOT_CONTEXT_SECONDS", CONTEXT_SECONDS))

    @property
    def logging_enabled(self) -> bool:
        return str(self.database).lower() not in ("", "off", "none", "0")

    @property
    def inbox_enabled(self) -> bool:
        return str(self.inbox).lower() not in ("", "off", "none", "0")

    def __repr__(self) -> str:
        return (
            f"Settings(knowledge_dir={self.knowledge_dir}, api_base_url={self.api_base_url!r}, "
            f"admins={len(self.admin_ids)}, database={self.database}, webhook_url={self.webhook_url!r}, "
            f"token={_mask(self.token)}, webhook_secret={_mask(self.webhook_secret)}, "
            f"log_key={_mask(self.log_key)})"
        )
