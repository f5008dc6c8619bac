"""The `nkbot` command as users and maintainers' tools run it: real processes, real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import KNOWLEDGE, ROOT


def nkbot(
    *args: str, stdin: bytes | str = b"", env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "nkbot", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NKBOT_DATABASE": "off", **(env or {})},
        timeout=60,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def test_ask_prints_a_cited_answer() -> None:
    out = nkbot("ask", "when was the bishkek protocol signed")
    assert out.returncode == 0, out.stderr
    assert "Bishkek" in out.stdout
    assert "Sources:" in out.stdout
    assert "https://" in out.stdout


def test_ask_json_reads_stdin_and_keeps_order_and_contract() -> None:
    questions = ["who won the 2020 war", "", "best kebab recipe", "x" * 5000, "shusha"]
    out = nkbot("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["question"] for r in rows] == questions
    keys = {"question", "status", "intent", "score", "text", "sources", "suggestions"}
    for row in rows:
        assert keys <= row.keys()
        assert row["status"] in ("answered", "ambiguous", "unknown")
        assert isinstance(row["text"], str) and row["text"]
        assert all({"title", "url"} <= s.keys() for s in row["sources"])
        assert all({"intent", "title"} <= s.keys() for s in row["suggestions"])
        if row["status"] == "answered":
            assert row["intent"] and row["sources"]
        else:
            assert row["intent"] is None and row["sources"] == []
    assert rows[0]["status"] == "answered"
    assert rows[1]["status"] == "unknown" and rows[1]["reason"] == "empty"
    assert rows[2]["status"] == "unknown"
    assert rows[3]["status"] == "unknown" and rows[3]["reason"] == "too_long"


def test_ask_survives_binary_junk_on_stdin() -> None:
    out = nkbot("ask", "--json", "-", stdin=b"\xff\xfe\x00\x01garbage\x80\nbishkek\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 2
    assert "Traceback" not in out.stderr


def test_validate_passes_on_shipped_knowledge() -> None:
    out = nkbot("validate")
    assert out.returncode == 0, out.stdout
    assert "0 errors" in out.stdout


def test_validate_fails_with_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "k"
    shutil.copytree(KNOWLEDGE, root)
    topic = sorted((root / "topics").glob("*.yaml"))[0]
    topic.write_text(topic.read_text(encoding="utf-8").replace("category:", "categroy:", 1), encoding="utf-8")
    out = nkbot("validate", str(root))
    assert out.returncode == 1
    assert f"{topic}:" in out.stdout
    assert "unknown field 'categroy'" in out.stdout


def test_broken_knowledge_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    root = tmp_path / "k"
    shutil.copytree(KNOWLEDGE, root)
    (root / "sources.yaml").write_text("sources: [unclosed", encoding="utf-8")
    out = nkbot("--knowledge", str(root), "ask", "bishkek")
    assert out.returncode == 1
    assert "run 'nkbot validate'" in out.stderr
    assert "Traceback" not in out.stderr


def test_export_json_has_every_entry_with_sources() -> None:
    out = nkbot("export", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["intents"]) >= 80
    for intent in data["intents"]:
        assert {"id", "title", "category", "questions", "answer", "sources"} <= intent.keys()
        assert intent["sources"] and intent["questions"]


def test_eval_scores_the_question_set_per_language() -> None:
    # the maintainers' own files of both languages (the whole set takes about a minute to score)
    english = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "eval" / "en").glob("*.yaml"))]
    russian = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "eval" / "ru").glob("*.yaml"))]
    out = nkbot("eval", *english, *russian, "--json", "--half", "all", "--min-right", "0")
    summary = json.loads(out.stdout)
    en, ru = summary["by_language"]["en"], summary["by_language"]["ru"]
    assert en["in_scope"] >= 300 and en["out_of_scope"] >= 40
    assert ru["in_scope"] >= 150 and ru["out_of_scope"] >= 20
    report = json.loads(nkbot("eval", *english, "--json", "--min-right", "0").stdout)
    assert report["half"] == "report" and report["in_scope"] < en["in_scope"]  # half the set, copies left out
    assert 0 < report["median_reply_chars"] <= 600  # the first-seen reply fits a phone screen
    strict = nkbot("eval", *english, "--min-right", "0.999")
    assert strict.returncode == 1 and "FAILED" in strict.stdout  # the bar is enforced


def test_the_halves_are_fixed_and_disjoint() -> None:
    from nkbot.evaluation import CALIBRATION, REPORT, load_cases, load_dialogues

    cases = load_cases([ROOT / "eval"])
    halves = {c.half for c in cases}
    assert halves == {REPORT, CALIBRATION}
    again = {c.question: c.half for c in load_cases([ROOT / "eval"])}
    assert all(again[c.question] == c.half for c in cases)
    share = sum(c.half == REPORT for c in cases) / len(cases)
    assert 0.4 < share < 0.6
    dialogues = load_dialogues(sorted((ROOT / "eval").rglob("*.yaml")))
    share = sum(d.half == REPORT for d in dialogues) / len(dialogues)
    assert 0.4 < share < 0.6  # dialogues are split too, by name


def test_eval_rejects_unknown_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- q: who won\n  expect: no-such-intent\n", encoding="utf-8")
    out = nkbot("eval", str(bad))
    assert out.returncode == 2
    assert "unknown intent 'no-such-intent'" in out.stderr


def test_eval_rejects_a_figure_no_answer_states_in_the_questions_language(tmp_path: Path) -> None:
    ru = tmp_path / "ru"
    ru.mkdir()
    case = "- q: сколько дали бако саакяну\n  expect: bako-sahakyan\n  contains: {}\n"
    (ru / "bad.yaml").write_text(case.format('"20 years"'), encoding="utf-8")
    out = nkbot("eval", str(ru / "bad.yaml"))
    assert out.returncode == 2
    assert "bad.yaml:1: no answer of bako-sahakyan states '20 years'" in out.stderr
    (ru / "bad.yaml").write_text(case.format('"20 лет"'), encoding="utf-8")  # as the Russian answer says it
    assert nkbot("eval", str(ru / "bad.yaml")).returncode == 0


def test_chat_answers_and_lets_the_user_pick_a_number() -> None:
    out = nkbot("chat", stdin="bishkek protocol\n1\n/topics\n/topics people\n/help\n/quit\n")
    assert out.returncode == 0, out.stderr
    assert "Bishkek" in out.stdout
    assert "Sources:" in out.stdout
    assert "Related:" in out.stdout
    assert out.stdout.count("Sources:") >= 2  # the picked related entry was shown too
    assert "People" in out.stdout
    assert "Goodbye." in out.stdout


def test_chat_unknown_command_and_eof() -> None:
    out = nkbot("chat", stdin="/frobnicate\n")
    assert out.returncode == 0
    assert "Unknown command /frobnicate" in out.stdout
    assert "Goodbye." in out.stdout


def test_run_without_token_explains_and_suggests_chat() -> None:
    out = nkbot("run", env={"TELEGRAM_BOT_TOKEN": ""})
    assert out.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in out.stderr and "nkbot chat" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_webhook_mode_requires_https_url_and_secret() -> None:
    out = nkbot("run", "--webhook", env={"TELEGRAM_BOT_TOKEN": "1:x", "NKBOT_WEBHOOK_URL": "http://x.org/h"})
    assert out.returncode == 2
    assert "NKBOT_WEBHOOK_SECRET" in out.stderr


def test_malformed_setting_is_named_without_traceback() -> None:
    out = nkbot("ask", "bishkek", env={"NKBOT_ANSWER_THRESHOLD": "high"})
    assert out.returncode == 2
    assert "NKBOT_ANSWER_THRESHOLD" in out.stderr and "Traceback" not in out.stderr


def test_bare_command_chats_in_the_terminal_without_a_token() -> None:
    out = nkbot(stdin="who won the 2020 war\n", env={"TELEGRAM_BOT_TOKEN": ""})
    assert out.returncode == 0, out.stderr
    assert "Sources:" in out.stdout and "Goodbye." in out.stdout


def test_terminal_questions_are_logged_and_stats_show_them(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite3"
    env = {"NKBOT_DATABASE": str(db)}
    questions = "who won the 2020 war\nkarabakh horse breed\nkarabagh horse breeds\nshusha\n"
    assert nkbot("ask", "--json", "-", stdin=questions, env=env).returncode == 0
    assert nkbot("chat", stdin="bishkek protocol\n", env=env).returncode == 0
    out = nkbot("stats", "--json", env=env)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["total"] == 5 and report["by_interface"] == {"cli": 5}
    assert report["unanswered"][0]["count"] == 2  # two spellings, one row
    text = nkbot("stats", "--since", "1d", env=env)
    assert "Top unanswered" in text.stdout and "karabakh horse breed" in text.stdout
    csv_out = nkbot("stats", "--csv", env=env)
    assert csv_out.stdout.startswith("section,key,count,detail")


def test_stats_errors_are_clear(tmp_path: Path) -> None:
    out = nkbot("stats", env={"NKBOT_DATABASE": str(tmp_path / "none.sqlite3")})
    assert out.returncode == 2 and "no query log" in out.stderr
    db = tmp_path / "log.sqlite3"
    nkbot("ask", "bishkek", env={"NKBOT_DATABASE": str(db)})
    out = nkbot("stats", "--since", "last tuesday", env={"NKBOT_DATABASE": str(db)})
    assert out.returncode == 2 and "--since" in out.stderr


def test_eval_reads_dates_as_a_reader_does_and_counts_fresh_turns(tmp_path: Path) -> None:
    """ "23 Jul 1993" is stated by "23 July 1993", in Russian by "23 июля 1993" ("20 лет" by "к 20
    годам"); a figure of the
    entry that the first-seen reply leaves out makes the answer partial; a turn marked fresh is
    scored on its own."""
    asked = tmp_path / "en" / "q.yaml"
    asked.parent.mkdir()
    asked.write_text(
        "- q: when did aghdam fall\n  expect: aghdam-1993\n  contains: 23 Jul 1993\n"
        "- q: when did aghdam fall to armenian forces\n  expect: aghdam-1993\n  contains: 28,031\n",
        encoding="utf-8",
    )
    russian = tmp_path / "ru" / "q.yaml"
    russian.parent.mkdir()
    russian.write_text(
        "- q: когда пал агдам\n  expect: aghdam-1993\n  contains: 23 July 1993\n"
        "- q: сколько процентов проголосовали за независимость на референдуме 1991 года в карабахе\n"
        "  expect: independence-referendum-1991\n  contains: 99.89%\n"
        "- q: бако саакян\n  expect: bako-sahakyan\n  contains: 20 лет\n",
        encoding="utf-8",
    )
    talk = tmp_path / "en" / "d.yaml"
    talk.write_text(
        "dialogues:\n  - name: d\n    turns:\n      - q: khojaly massacre\n        expect: khojaly-massacre\n"
        "      - q: what is the bishkek protocol\n        fresh: true\n        expect: bishkek-protocol\n",
        encoding="utf-8",
    )
    scored = nkbot("eval", str(asked), str(talk), "--json", "--half", "all", "--min-right", "0")
    out = json.loads(scored.stdout)
    assert (out["right"], out["partial"]) == (
        1,
        1,
    )  # the month spelled out counts; a figure the reply lacks not
    ru = json.loads(nkbot("eval", str(russian), "--json", "--half", "all", "--min-right", "0").stdout)
    # an English date and decimal point, and "20 лет" stated as "к 20 годам", in Russian
    assert (ru["right"], ru["partial"]) == (3, 0)
    assert (out["dialogues"]["fresh_turns"], out["dialogues"]["fresh_right"]) == (1, 1)


def test_the_answer_does_not_depend_on_the_runs_hash_seed() -> None:
    """Sets of words are summed in an order each run's hash seed picks; a sum's last bits chose
    between two phrasings scoring the same, so the same question got a fact in one run and the
    entry's lead in another ("were civilans killed in the 44 day war too or just soldiers").
    Since phrase scores are rounded no question is known to tie that way (70,446 phrasings and
    the whole eval checked with the rounding removed, 2-3 seeds), so this only guards the one
    question: both runs must agree."""
    question = "were civilans killed in the 44 day war too or just soldiers"
    facts = set()
    for seed in ("1", "2"):
        out = nkbot("ask", "--json", question, env={"PYTHONHASHSEED": seed})
        assert out.returncode == 0, out.stderr
        facts.add(json.loads(out.stdout)["fact"])
    assert len(facts) == 1
