from __future__ import annotations

from pathlib import Path

import pytest

from nkbot.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
SEED = ROOT.parent / "shared" / "seed" / "nagorno-karabakh-conflict.txt"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_directory(KNOWLEDGE)
