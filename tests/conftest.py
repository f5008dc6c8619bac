from __future__ import annotations

from pathlib import Path

import pytest

from nkbot.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
# A copy of ../shared/seed/nagorno-karabakh-conflict.txt, the document the project started from.
SEED = ROOT / "tests" / "data" / "seed.txt"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_directory(KNOWLEDGE)
