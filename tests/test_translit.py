"""Russian typed in Latin letters is read in Cyrillic, and nothing else is."""

from __future__ import annotations

import pytest

from nkbot.engine import Engine


@pytest.mark.parametrize(
    ("typed", "spelt"),
    [
        ("kto takoi samvel babayan", "кто такой самвел бабаян"),
        ("gde shas kocharyan?", "где щас кочарян?"),
        ("pochemu nachalas voina", "почему началас война"),
    ],
)
def test_russian_in_latin_letters_is_spelt_in_cyrillic(engine: Engine, typed: str, spelt: str) -> None:
    assert " ".join(engine.spelt(typed).split()) == spelt


@pytest.mark.parametrize("question", ["who is samvel babayan", "кто такой бабаян", "karabakh 1992"])
def test_english_cyrillic_and_names_alone_are_left_as_typed(engine: Engine, question: str) -> None:
    """Only a common Russian word gives a Latin question away: names alone may be English too."""
    assert engine.spelt(question) == question


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("kto takoi arkadi gukasyan", "arkadi-ghukasyan"),
        ("skolko pogiblo v pervoi voine", "casualties-1988-1994"),
        # words of the present and of verdicts give the Latin letters away; the Azerbaijani
        # spellings of a place are spelt as its Russian name
        ("xankendi segodnya", "stepanakert-khankendi"),
        ("vardanyan prigovor", "ruben-vardanyan"),
        ("hocali skolko pogiblo", "khojaly-massacre"),
        ("nuzhno li razreshenie turistu chtoby poehat v karabah", "visiting-karabakh"),
        # so do deeds asked of a place: shelled, bombed, taken
        ("gyandzhu obstrelivali v 2020?", "ganja-missile-strikes"),
        ("bombili stepanakert?", "shelling-of-stepanakert-2020"),
    ],
)
def test_a_question_typed_in_latin_letters_is_answered_in_russian(
    engine: Engine, question: str, expected: str
) -> None:
    result = engine.answer(question)
    assert result.lang == "ru"
    assert result.intent is not None and result.intent.id == expected


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("trump route tripp это то же самое?", "ru"),  # a long Latin name among Russian words
        ("what does карабах mean", "en"),  # a Russian word quoted in English
    ],
)
def test_the_language_of_a_mixed_question_is_that_of_most_of_its_words(
    engine: Engine, question: str, lang: str
) -> None:
    assert engine.answer(question).lang == lang


def test_russian_opened_by_a_foreign_name_is_read_by_its_short_words(engine: Engine) -> None:
    """ "iran pozicia po ...": "po" gives the Latin letters away as Russian."""
    result = engine.answer("iran pozicia po zangezurskomu koridoru")
    assert result.lang == "ru"
    assert result.intent is not None and result.intent.id == "iran-role"
