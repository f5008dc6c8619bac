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
        ("aze", "azerbaijan"),  # chat shorthand users type
        ("b4", "before"),
        ("ded", "casualties"),
        ("44 дневная", "вторая карабахская война"),  # without "война" too
        ("када", "qwhen"),
    ],
)
def test_spelling_variants_fold_to_one_form(engine: Engine, typed: str, canonical: str) -> None:
    assert engine.normalizer.normalize(typed) == canonical


def test_year_ranges_and_abbreviations_expand(engine: Engine) -> None:
    assert engine.normalizer.normalize("casualties 1988-94") == "casualties 1988 1994"
    assert engine.normalizer.normalize("the '94 ceasefire") == "the 1994 ceasefire"
    assert engine.normalizer.normalize("1988–1994") == "1988 1994"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("what happened in 92", "what happened in 1992"),
        ("and 94?", "and 1994"),
        ("с 88 по 94", "с 1988 по 1994"),
        ("перемирие 94 года", "перемирие 1994 года"),
        ("and in 16?", "and in 2016"),  # this century's two digits: at the end of the question ...
        ("в 20 году", "в 2020 году"),  # ... or before a word for year
        ("in 20 minutes", "in 20 minutes"),  # ... and nowhere else
        ("the 99.89% yes", "the 99 89 yes"),  # a percentage is no year
        ("resolution 822", "resolution 822"),
        ("the 44 day war", "the second karabakh war"),
    ],
)
def test_two_digit_years_after_a_preposition_are_years(engine: Engine, typed: str, read: str) -> None:
    assert engine.normalizer.normalize(typed) == read


def test_punctuation_case_and_space_are_dropped(engine: Engine) -> None:
    assert engine.normalizer.normalize("  WHO   signed?!  ") == "who signed"
    assert engine.normalizer.normalize("\x00\u200b<b>\u202e") == "b"


def test_stop_words_are_not_content(engine: Engine) -> None:
    n = engine.normalizer
    assert n.content_tokens(n.normalize("what is the Bishkek protocol?")) == ["bishkek", "protocol"]
