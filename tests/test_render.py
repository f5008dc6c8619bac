"""The lead a reader sees first: it ends where the first sentence ends, not at an initial."""

from __future__ import annotations

import pytest

from nkbot.engine import Engine
from nkbot.engine.render import source_label, source_note, split_lead


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        (
            "Armenian forces shot down an Azerbaijani helicopter of type Mi-24. Three crew died.",
            "Armenian forces shot down an Azerbaijani helicopter of type Mi-24.",
        ),
        (
            "Resolution 853 demanding withdrawal from Aghdam was adopted unanimously by the UN. It asked.",
            "Resolution 853 demanding withdrawal from Aghdam was adopted unanimously by the UN.",
        ),
        (
            "It was signed by J. Smith and others in the U.S. capital on that very day. More follows.",
            "It was signed by J. Smith and others in the U.S. capital on that very day.",
        ),
        (
            "Он родился в 1950 г. в Степанакерте и был президентом долгие годы подряд. Потом ушёл.",
            "Он родился в 1950 г. в Степанакерте и был президентом долгие годы подряд.",
        ),
    ],
)
def test_the_lead_is_the_first_sentence(text: str, lead: str) -> None:
    assert split_lead(text)[0] == lead


def test_a_publishers_own_parenthesis_is_flattened_in_the_source_line(engine: Engine) -> None:
    """ "(The Business Standard (Reuters), 2023-10-01)" read badly: every shipped source's line
    holds one pair of brackets after its title at most."""
    sources = {s.id: s for i in engine.kb.intents for s in i.sources}.values()
    nested = [source_label(s) for s in sources if "(" in source_note(s)]
    assert not nested
    reuters = next(s for s in sources if s.publisher == "The Business Standard (Reuters)")
    assert source_label(reuters).endswith("(The Business Standard, Reuters, 2023-10-01)")
