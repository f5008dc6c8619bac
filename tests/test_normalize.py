from __future__ import annotations

import pytest

from nkbot.engine import Engine


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Nagorno-Karabagh", "nagorno karabakh"),
        ("QARABAĞ", "karabakh"),
        ("Artsax", "artsakh"),
        ("Shushi", "shusha"),
        ("Şuşa", "shusha"),
        ("Xankəndi", "stepanakert"),
        ("Khankendi", "stepanakert"),
        ("cease-fire", "ceasefire"),
        ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("Azerbaijan's", "azerbaijan"),
    ],
)
def test_spelling_variants_fold_to_one_form(engine: Engine, typed: str, canonical: str) -> None:
    assert engine.normalizer.normalize(typed) == canonical


def test_year_ranges_and_abbreviations_expand(engine: Engine) -> None:
    assert engine.normalizer.normalize("casualties 1988-94") == "casualties 1988 1994"
    assert engine.normalizer.normalize("the '94 ceasefire") == "the 1994 ceasefire"
    assert engine.normalizer.normalize("1988–1994") == "1988 1994"


def test_punctuation_case_and_space_are_dropped(engine: Engine) -> None:
    assert engine.normalizer.normalize("  WHO   signed?!  ") == "who signed"
    assert engine.normalizer.normalize("\x00\u200b<b>\u202e") == "b"


def test_stop_words_are_not_content(engine: Engine) -> None:
    n = engine.normalizer
    assert n.content_tokens(n.normalize("what is the Bishkek protocol?")) == ["bishkek", "protocol"]
