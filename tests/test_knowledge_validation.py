"""The validator catches each kind of maintainer mistake, naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nkbot.engine import Engine, load
from nkbot.engine.loader import Problem

from .conftest import KNOWLEDGE

GOOD_ENTRY = """\
sources:
  t-source:
    title: A page
    url: https://example.org/page
intents:
  - id: test-entry
    title: {en: "Test entry"}
    category: overview
    questions:
      en: [what is the test entry, test entry, tell me the test thing, test entry facts, test about]
    keywords:
      en: [testentry]
    short: {en: "A short line."}
    answer:
      en: "A full answer."
    sources: [t-source]
    related: [conflict-overview]
    reviewed: 2026-11-25
"""


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    return root


def _errors(root: Path) -> list[Problem]:
    kb, problems = load(root)
    errors = [p for p in problems if p.severity == "error"]
    assert (kb is None) == bool(errors)
    return errors


def _write(root: Path, text: str) -> Path:
    path = root / "topics" / "99-test.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_knowledge_has_no_errors() -> None:
    kb, problems = load(KNOWLEDGE)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert kb is not None
    assert len(kb.intents) >= 80


def test_every_entry_cites_a_real_looking_source() -> None:
    kb, _ = load(KNOWLEDGE)
    assert kb is not None
    for intent in kb.intents:
        assert intent.sources, intent.id
        assert all(s.url.startswith(("https://", "http://")) for s in intent.sources), intent.id


def test_good_entry_loads(kdir: Path) -> None:
    _write(kdir, GOOD_ENTRY)
    kb, problems = load(kdir)
    assert kb is not None, [str(p) for p in problems]
    assert kb.intent("test-entry") is not None


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        ("id: test-entry", "id: conflict-overview", "duplicate id 'conflict-overview'", 6),
        (
            "related: [conflict-overview]",
            "related: [no-such-entry]",
            "related id 'no-such-entry' does not exist",
            17,
        ),
        ("sources: [t-source]", "sources: [nowhere]", "unknown source 'nowhere'", 16),
        ("url: https://example.org/page", "url: example.org/page", "must start with http", 4),
        ("url: https://example.org/page", "url: https://exa mple.org", "contains white space", 4),
        ("category: overview", "category: gossip", "unknown category 'gossip'", 6),
        ('short: {en: "A short line."}', 'short: {ru: "Коротко."}', "'short' has no English", 13),
        ('short: {en: "A short line."}', "short: {en: '" + "x" * 201 + "'}", "max 200", 13),
        ("reviewed: 2026-11-25", "reviewed: last week", "'reviewed' must be a date", 18),
        ("    reviewed: 2026-11-25", "    reviewed: 2026-11-25\n    when: 1994-13", "no month 13", 19),
        ("    reviewed: 2026-11-25", "    reviewed: 2026-11-25\n    period: 2019/2018", "'period'", 19),
        (
            "    reviewed: 2026-11-25",
            "    reviewed: 2026-11-25\n    colour: red",
            "unknown field 'colour'",
            19,
        ),
        ("sources: [t-source]", "sources: []", "at least one source", 16),
    ],
)
def test_each_defect_is_reported_with_its_line(
    kdir: Path, old: str, new: str, message: str, line: int
) -> None:
    assert old in GOOD_ENTRY
    path = _write(kdir, GOOD_ENTRY.replace(old, new))
    errors = [e for e in _errors(kdir) if message in e.message]
    assert errors, [str(e) for e in _errors(kdir)]
    assert errors[0].path == path
    assert errors[0].line == line


def test_question_colliding_with_another_entry_is_an_error(kdir: Path) -> None:
    kb, _ = load(KNOWLEDGE)
    assert kb is not None
    taken = kb.intents[0].questions["en"][0]
    _write(kdir, GOOD_ENTRY.replace("what is the test entry", '"' + taken.upper() + '?"'))
    errors = _errors(kdir)
    assert any("collides with" in e.message and kb.intents[0].id in e.message for e in errors)


def test_invalid_yaml_names_the_line(kdir: Path) -> None:
    path = _write(kdir, GOOD_ENTRY.replace("    category: overview", "    category: [overview"))
    errors = _errors(kdir)
    assert errors[0].path == path
    assert "invalid YAML" in errors[0].message
    assert errors[0].line > 0


def test_unreadable_and_binary_files_are_errors_not_crashes(kdir: Path) -> None:
    (kdir / "topics" / "98-binary.yaml").write_bytes(b"\xff\xfe\x00junk\x80")
    errors = _errors(kdir)
    assert any("not UTF-8" in e.message for e in errors)


def test_missing_required_file(kdir: Path) -> None:
    (kdir / "messages.yaml").unlink()
    assert any("required file is missing" in e.message for e in _errors(kdir))


def test_missing_directory() -> None:
    kb, problems = load(Path("/nonexistent/knowledge"))
    assert kb is None
    assert "not found" in problems[0].message


def test_duplicate_source_id_across_files(kdir: Path) -> None:
    _write(
        kdir, GOOD_ENTRY.replace("t-source:", "wiki-nk-conflict:").replace("[t-source]", "[wiki-nk-conflict]")
    )
    assert any("duplicate source id 'wiki-nk-conflict'" in e.message for e in _errors(kdir))


def test_conversation_file_defects_are_reported_with_their_lines(kdir: Path) -> None:
    path = kdir / "conversation.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    intent: first-war\n", "    intent: no-such-war\n", 1)
    text = text.replace(
        'span: "{start} – {end}", decade: "the {year}s"', 'span: "{begin}", decade: "the {year}s"', 1
    )
    text = text.replace("      - {name: December, forms: [dec]}\n", "", 1)
    path.write_text(text, encoding="utf-8")
    errors = _errors(kdir)
    messages = " | ".join(p.message for p in errors)
    assert "unknown intent 'no-such-war'" in messages
    assert "'dates.span' may use only" in messages
    assert "'months' must list the 12 months" in messages
    assert all(p.path == path and p.line > 0 for p in errors)


def test_knowledge_without_a_conversation_file_still_loads(kdir: Path) -> None:
    (kdir / "conversation.yaml").unlink()
    kb, problems = load(kdir)
    assert kb is not None and kb.conversation.entities == ()
    assert any("not understood" in p.message for p in problems)
    engine = Engine(kb)
    result, _ = engine.respond("bishkek protocol")
    assert result.intent is not None and result.intent.id == "bishkek-protocol"


FACT_ENTRY = GOOD_ENTRY.replace(
    """      en: "A full answer."
""",
    """      en: "A full answer: 7,717 people, per the test source, on 12 May 1994."
    facts:
      - id: how-many
        questions:
          en: [how many test people, test people count, number of test people, test headcount,
               tally of testers]
        answer:
          en: "7,717 people, per the test source."
        sources: [t-source]
""",
)


def test_a_fact_loads_with_its_entry_and_answers_its_phrasings(kdir: Path) -> None:
    _write(kdir, FACT_ENTRY)
    assert _errors(kdir) == []
    engine = Engine.from_directory(kdir)
    entry = engine.get("test-entry")
    assert entry is not None and [f.id for f in entry.facts] == ["test-entry/how-many"]
    result = engine.answer("how many test people are there")
    assert result.intent is entry and result.fact is entry.facts[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('en: "7,717 people, per the test source."', 'en: "7,718 people, per the test source."', "7718"),
        ('en: "7,717 people, per the test source."', "en: " + '"' + "x" * 281 + '"', "281 characters"),
        (
            "        sources: [t-source]\n",
            "        sources: [conflict-overview-src]\n",
            "not among the entry's",
        ),
        ("      - id: how-many", "      - id: How_Many", "fact id"),
        ("tally of testers]", "tally of testers, test entry facts]", "collides"),
    ],
)
def test_fact_mistakes_are_errors_with_their_line(kdir: Path, old: str, new: str, message: str) -> None:
    assert old in FACT_ENTRY
    path = _write(kdir, FACT_ENTRY.replace(old, new))
    errors = _errors(kdir)
    assert any(message in p.message and p.path == path and p.line > 0 for p in errors), [
        str(e) for e in errors
    ]


def test_two_facts_asked_the_same_way_collide(kdir: Path) -> None:
    start = FACT_ENTRY.index("      - id: how-many")
    end = FACT_ENTRY.index("    sources: [t-source]\n    related")
    twin = FACT_ENTRY[start:end].replace("id: how-many", "id: how-many-again")
    path = _write(kdir, FACT_ENTRY[:end] + twin + FACT_ENTRY[end:])
    assert any("collides" in p.message and p.path == path for p in _errors(kdir))


def test_the_same_words_asking_another_kind_are_another_question(kdir: Path) -> None:
    """ "Who are the test people" is not "how many test people": the matcher tells them apart
    by the question word (as "who started it all" from "when did it all start"), so the check
    does too. The same words asking the same kind still collide."""
    _write(kdir, FACT_ENTRY.replace("tell me the test thing", "who are the test people"))
    assert _errors(kdir) == []
    _write(kdir, FACT_ENTRY.replace("tell me the test thing", "how many are the test people"))
    assert any("collides with" in e.message for e in _errors(kdir))


def test_scope_topics_are_checked(kdir: Path) -> None:
    scope = kdir / "scope.yaml"
    scope.write_text(
        scope.read_text(encoding="utf-8")
        + "  - id: broken\n    phrases: {en: [broken topic]}\n    related: [no-such]\n",
        encoding="utf-8",
    )
    messages = [p.message for p in _errors(kdir) if p.path == scope]
    assert any("missing 'reply'" in m or "'reply'" in m for m in messages)
    assert any("unknown entry 'no-such'" in m for m in messages)


ALIAS_BOMB = """\
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
intents: [{id: bomb, when: *h}]
"""


def test_hostile_files_are_refused_quickly_with_their_name(kdir: Path, tmp_path: Path) -> None:
    """An alias bomb, a FIFO, a link to /dev/zero and an oversized file: each is an error naming
    the file, found beside the loading of the whole knowledge, never a hang or gigabytes of memory."""
    import os
    import time

    from nkbot.engine.yamlsource import MAX_FILE_BYTES

    topics = kdir / "topics"
    (topics / "90-bomb.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    os.mkfifo(topics / "91-fifo.yaml")
    (topics / "92-zero.yaml").symlink_to("/dev/zero")
    (topics / "93-huge.yaml").write_text("#" * (MAX_FILE_BYTES + 10), encoding="utf-8")
    started = time.monotonic()
    errors = _errors(kdir)
    # the whole knowledge loads with them, a few seconds on a busy machine; an expanded bomb or a
    # blocking read takes minutes or never ends
    assert time.monotonic() - started < 60
    by_file = {p.path.name: p.message for p in errors}
    assert "aliases" in by_file["90-bomb.yaml"]
    assert "not a regular file" in by_file["91-fifo.yaml"]
    assert "not a regular file" in by_file["92-zero.yaml"]
    assert "larger than" in by_file["93-huge.yaml"]


def test_messages_the_bot_needs_are_checked(kdir: Path) -> None:
    path = kdir / "messages.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  tg_unknown:\n", "  tg_unknown_renamed:\n", 1)
    text = text.replace("{length}", "{lenght}", 1)
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in _errors(kdir) if p.path == path]
    assert any("'tg_unknown' is missing" in m for m in messages)
    assert any("{lenght}" in m and "length" in m for m in messages)


def test_every_message_the_code_asks_for_is_registered() -> None:
    """The registry of required messages covers every key the code reads (a new key must be
    added there, or a maintainer could delete its text unnoticed)."""
    import re

    from nkbot.engine.loader import MESSAGES

    source = "\n".join(p.read_text(encoding="utf-8") for p in (KNOWLEDGE.parent / "src").rglob("*.py"))
    used = set(re.findall(r"(?:message|msg)\(\s*\"([a-z_]+)\"", source))
    assert used and used <= set(MESSAGES), sorted(used - set(MESSAGES))


def _errors_after(root: Path, file: str, old: str, new: str) -> list[str]:
    """The errors once `old` is replaced by `new` in one of the knowledge files, as text."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {file}: the test plants nothing"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [str(e) for e in _errors(root) if file in str(e)]


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        # "90's" folds to "90": as a variant of "1990s" it would turn every 1990 into 1990s
        ("language.yaml", "1990s: [90s, nineties]", '1990s: [90s, "1990\'s", nineties]', "plain number 1990"),
        # questions are compared word by word: "было бы" as a stop word would never be dropped
        ("language.yaml", " стоит, случае,", ' стоит, "было бы", случае,', "'было бы' is a phrase"),
        (
            "language.yaml",
            "fillers: [actually,",
            'fillers: ["to be honest", actually,',
            "filler 'to be honest'",
        ),
        # "things to do in baku" keeps only "baku": it would decline "and baku?"
        ("scope.yaml", "sightseeing in baku,", "things to do in baku,", "only the word 'baku'"),
        # "right of return" keeps only "return": it answered "when returned?" with the 2023 exodus
        (
            "topics/09-contested.yaml",
            "right of return after the 2023 exodus]",
            "right of return]",
            "keyword 'right of return' is only the word 'return'",
        ),
        # a marker of Russian typed in Latin letters is read from Latin words only: «кто» never is
        ("language.yaml", "markers: [kto, chto,", "markers: [кто, chto,", "translit marker 'кто'"),
    ],
)
def test_a_word_list_entry_that_would_misread_questions_is_an_error(
    kdir: Path, file: str, old: str, new: str, error: str
) -> None:
    errors = _errors_after(kdir, file, old, new)
    assert any(error in e for e in errors), errors


def test_a_key_given_twice_is_an_error_with_both_lines(kdir: Path) -> None:
    """YAML keeps the last of two equal keys silently: a second "россия:" among the variants
    dropped "русские" and the rest of the first one's list."""
    language = kdir / "language.yaml"
    text = language.read_text(encoding="utf-8")
    language.write_text(
        text.replace("    указ: [укас]\n", "    указ: [укас]\n    россия: [раша]\n"), encoding="utf-8"
    )
    errors = _errors(kdir)
    assert any(
        "language.yaml" in str(e) and "duplicate key 'россия' (first on line" in str(e) for e in errors
    ), errors
