"""Live knowledge updates: a valid edit goes into service, an invalid one never does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nkbot.engine import Engine
from nkbot.live import LiveKnowledge

from .conftest import KNOWLEDGE


@pytest.fixture
def live(tmp_path: Path) -> LiveKnowledge:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    return LiveKnowledge(root, Engine.from_directory(root))


def _topic(live: LiveKnowledge) -> Path:
    return live.root / "topics" / "02-soviet-and-first-war.yaml"


def test_valid_edit_is_picked_up(live: LiveKnowledge) -> None:
    assert not live.changed()
    path = _topic(live)
    path.write_text(
        path.read_text(encoding="utf-8").replace('short: {en: "', 'short: {en: "Bishkek (edited) ', 1),
        encoding="utf-8",
    )
    assert live.changed()
    ok, problems = live.reload()
    assert ok and not [p for p in problems if p.severity == "error"]
    assert live.version == 2
    assert not live.changed()
    served = [i for i in live.engine.kb.intents if any("Bishkek (edited)" in t for t in _texts(i))]
    assert served, "the edited text is not in service"


def _texts(intent: object) -> list[str]:
    return [
        text
        for field in ("title", "short", "answer", "questions", "keywords")
        for value in getattr(intent, field).values()
        for text in ([value] if isinstance(value, str) else value)
    ]


def test_invalid_edit_is_refused_and_the_old_knowledge_stays(live: LiveKnowledge) -> None:
    before = live.engine
    path = _topic(live)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("category: agreements", "category: [broken", 1), encoding="utf-8")
    ok, problems = live.reload()
    assert not ok
    errors = [p for p in problems if p.severity == "error"]
    assert errors and errors[0].path == path and errors[0].line > 0
    assert live.engine is before and live.version == 1
    result = live.engine.answer("bishkek protocol")
    assert result.intent is not None and result.intent.id == "bishkek-protocol"


def test_deleted_entry_referenced_elsewhere_is_refused(live: LiveKnowledge) -> None:
    path = _topic(live)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: bishkek-protocol", "id: bishkek-protocol-renamed", 1), encoding="utf-8")
    ok, problems = live.reload()
    assert not ok
    assert any("related id 'bishkek-protocol' does not exist" in p.message for p in problems)
