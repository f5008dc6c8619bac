"""The planted-bug catalogue (tests/mutations.py) still fits the code it plants in."""

from __future__ import annotations

from .mutations import MUTATIONS, ROOT


def test_every_planted_bug_finds_its_text_once() -> None:
    """A bug whose text the code no longer holds is never planted and counts as a survivor
    without running; four had drifted so after their code was reformatted or extended."""
    drifted = [m.name for m in MUTATIONS if (ROOT / m.file).read_text(encoding="utf-8").count(m.old) != 1]
    assert drifted == []
