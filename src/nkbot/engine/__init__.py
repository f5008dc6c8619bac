"""The pure answer engine: knowledge loading and validation, normalisation, matching, rendering."""

from nkbot.engine.engine import Engine, Reason, Result, Status, Thresholds
from nkbot.engine.loader import KnowledgeError, Problem, load
from nkbot.engine.model import Intent, KnowledgeBase, Source

__all__ = [
    "Engine",
    "Intent",
    "KnowledgeBase",
    "KnowledgeError",
    "Problem",
    "Reason",
    "Result",
    "Source",
    "Status",
    "Thresholds",
    "load",
]
