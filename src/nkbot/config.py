"""Settings from the environment, with defaults that work from a fresh clone."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from nkbot.engine import Thresholds

_REPO_KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def default_knowledge_dir() -> Path:
    """$NKBOT_KNOWLEDGE_DIR, else ./knowledge, else the knowledge/ beside this source tree."""
    env = os.environ.get("NKBOT_KNOWLEDGE_DIR")
    if env:
        return Path(env)
    local = Path.cwd() / "knowledge"
    return local if local.is_dir() else _REPO_KNOWLEDGE


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc


class ConfigError(ValueError):
    """A setting in the environment is malformed; the message names it (never its secret value)."""


def thresholds_from_env() -> Thresholds:
    base = Thresholds()
    return Thresholds(
        answer=_float("NKBOT_ANSWER_THRESHOLD", base.answer),
        margin=_float("NKBOT_ANSWER_MARGIN", base.margin),
        suggest=_float("NKBOT_SUGGEST_THRESHOLD", base.suggest),
    )


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path = field(default_factory=default_knowledge_dir)
    thresholds: Thresholds = field(default_factory=thresholds_from_env)
