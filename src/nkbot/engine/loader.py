"""Reads knowledge/ into a KnowledgeBase, checking everything a maintainer can get wrong.

Loading and validation are one pass on purpose: the bot never serves knowledge that
`nkbot validate` would reject, and every problem names its file and line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nkbot.engine.dates import parse_span
from nkbot.engine.kinds import QuestionKinds, asked_kinds
from nkbot.engine.model import (
    DEFAULT_LANG,
    SCOPE,
    Category,
    ConversationData,
    Entity,
    Fact,
    Holder,
    Intent,
    KnowledgeBase,
    LangList,
    LangText,
    Language,
    Month,
    Office,
    Source,
    Span,
    Translit,
    Words,
)
from nkbot.engine.normalize import Normalizer
from nkbot.engine.yamlsource import YamlError, line_of, load_yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2}$")
LATIN_RE = re.compile(r"[a-z]+")  # how a word of a language typed in Latin letters is written
PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
SHORT_MAX = 200
FACT_MAX = 280  # a precise answer is a sentence or two: it must fit above the fold on a phone
FACT_SOURCES_MAX = 3
MIN_QUESTIONS = 5
SCOPE_WORD_ENTRIES = 10  # a scope phrase may not be just one word more entries than this are asked with
KEYWORD_WORD_ENTRIES = 15  # nor a keyword of several words one word more other entries than this use
FACT_FIELDS = {"id", "questions", "answer", "sources", "present"}
# Figures as written: "7,717", "7 717", "49.75", "49,75"; compared with separators dropped.
_FIGURE = re.compile(r"\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)?")

INTENT_FIELDS = {
    "id",
    "title",
    "category",
    "questions",
    "keywords",
    "short",
    "answer",
    "sources",
    "related",
    "when",
    "period",
    "reviewed",
    "facts",
    "subject",
}
SOURCE_FIELDS = {"title", "url", "publisher", "date"}


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int
    message: str
    severity: str = "error"  # "error" blocks loading; "warning" is reported only

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.severity}: {self.message}"


class KnowledgeError(Exception):
    """Raised when the knowledge directory has errors; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the knowledge base; first: {errors[0]}")
        self.problems = problems


class _Checker:
    """Collects problems while converting raw YAML values into model objects."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def warn(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message, "warning"))

    def text(self, path: Path, node: Any, key: str, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.error(path, line_of(node), f"missing '{key}'")
            return None
        if isinstance(value, date):
            return value.isoformat()
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.error(path, line_of(node, key), f"'{key}' must be text")
            return None
        text = str(value).strip()
        if required and not text:
            self.error(path, line_of(node, key), f"'{key}' is empty")
        return text or None

    def lang_text(self, path: Path, node: Any, key: str) -> LangText:
        value = node.get(key)
        line = line_of(node, key)
        if not isinstance(value, dict):
            self.error(path, line or line_of(node), f"'{key}' must be a language map like {{en: ...}}")
            return {}
        result: LangText = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                self.error(path, line_of(value, lang), f"'{key}': {lang!r} is not a language code")
            elif not isinstance(text, str) or not text.strip():
                self.error(path, line_of(value, lang), f"'{key}.{lang}' must be non-empty text")
            else:
                result[lang] = text.strip()
        if DEFAULT_LANG not in result and not any(p.line == line for p in self.problems):
            self.error(path, line, f"'{key}' has no English ({DEFAULT_LANG}) text")
        return result

    def lang_list(self, path: Path, node: Any, key: str) -> LangList:
        value = node.get(key)
        line = line_of(node, key)
        if not isinstance(value, dict):
            self.error(path, line or line_of(node), f"'{key}' must be a map like {{en: [...]}}")
            return {}
        result: LangList = {}
        for lang, items in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                self.error(path, line_of(value, lang), f"'{key}': {lang!r} is not a language code")
                continue
            if not isinstance(items, list) or not items:
                self.error(path, line_of(value, lang), f"'{key}.{lang}' must be a non-empty list")
                continue
            good = []
            for n, item in enumerate(items):
                if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
                    good.append(str(item).strip())
                else:
                    item_line = items.item_lines[n] if hasattr(items, "item_lines") else line
                    self.error(path, item_line, f"'{key}.{lang}' item {n + 1} must be text")
            result[lang] = tuple(good)
        if DEFAULT_LANG not in result and not any(p.line == line for p in self.problems):
            self.error(path, line, f"'{key}' has no English ({DEFAULT_LANG}) list")
        return result


def _check_url(url: str) -> str | None:
    """The reason `url` is malformed, or None."""
    if any(ch.isspace() for ch in url):
        return "contains white space"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "must start with http:// or https://"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return f"has no valid host ({host or 'empty'})"
    return None


def _read(path: Path, checker: _Checker) -> Any:
    try:
        return load_yaml(path)
    except YamlError as exc:
        checker.error(path, exc.line, exc.message)
        return None


def _sources(
    path: Path, data: Any, checker: _Checker, into: dict[str, Source], where: dict[str, Path]
) -> None:
    if data is None:
        return
    if not isinstance(data, dict):
        checker.error(path, line_of(data), "'sources' must be a mapping of id -> {title, url}")
        return
    for sid, entry in data.items():
        line = line_of(data, sid)
        if not isinstance(sid, str) or not ID_RE.match(sid):
            checker.error(path, line, f"source id {sid!r} must be lowercase words joined by '-'")
            continue
        if sid in into:
            checker.error(path, line, f"duplicate source id '{sid}' (also in {where[sid]})")
            continue
        if not isinstance(entry, dict):
            checker.error(path, line, f"source '{sid}' must be a mapping with title and url")
            continue
        for extra in sorted(set(entry) - SOURCE_FIELDS, key=str):
            checker.error(path, line_of(entry, extra), f"source '{sid}': unknown field '{extra}'")
        title = checker.text(path, entry, "title")
        url = checker.text(path, entry, "url")
        publisher = checker.text(path, entry, "publisher", required=False)
        when = checker.text(path, entry, "date", required=False)
        if url and (reason := _check_url(url)):
            checker.error(path, line_of(entry, "url"), f"source '{sid}': URL {url!r} {reason}")
            url = None
        if when and not PARTIAL_DATE_RE.match(when):
            checker.error(
                path, line_of(entry, "date"), f"source '{sid}': date {when!r} is not YYYY[-MM[-DD]]"
            )
        if title and url:
            into[sid] = Source(sid, title, url, publisher, when)
            where[sid] = path


def _categories(path: Path, data: Any, checker: _Checker) -> list[Category]:
    items = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        checker.error(path, line_of(data), "expected 'categories:' with a list of {id, title}")
        return []
    result = []
    for item in items:
        if not isinstance(item, dict):
            checker.error(path, line_of(items), "each category must be a mapping {id, title}")
            continue
        cid = checker.text(path, item, "id")
        title = checker.lang_text(path, item, "title")
        if cid:
            result.append(Category(cid, title))
    return result


# Every text the code asks knowledge/messages.yaml for, with the {placeholders} it fills in: a
# missing text would leave a user without a reply, a mistyped placeholder would raise instead.
MESSAGES: dict[str, frozenset[str]] = {
    "sources_heading": frozenset(),
    "related_heading": frozenset(),
    "did_you_mean": frozenset(),
    "unknown": frozenset(),
    "empty": frozenset(),
    "too_long": frozenset({"length", "limit"}),
    "topics_hint": frozenset(),
    "topics_heading": frozenset(),
    "chat_welcome": frozenset(),
    "chat_help": frozenset(),
    "chat_pick_hint": frozenset(),
    "chat_no_such_entry": frozenset({"id"}),
    "chat_no_such_topic": frozenset({"name", "names"}),
    "chat_unknown_command": frozenset({"command"}),
    "chat_bye": frozenset(),
    "tg_welcome": frozenset(),
    "tg_examples_heading": frozenset(),
    "start_examples": frozenset(),
    "tg_help": frozenset({"bot"}),
    "tg_about": frozenset(),
    "tg_sources_intro": frozenset({"count"}),
    "tg_sources_outro": frozenset(),
    "tg_topics_heading": frozenset(),
    "tg_topic_heading": frozenset({"topic"}),
    "tg_timeline_heading": frozenset({"page", "pages"}),
    "tg_did_you_mean": frozenset(),
    "tg_unknown": frozenset(),
    "tg_outdated_button": frozenset(),
    "tg_rate_limited": frozenset(),
    "tg_error": frozenset(),
    "tg_unknown_command": frozenset(),
    "tg_non_text": frozenset(),
    "tg_inline_none_title": frozenset(),
    "tg_inline_none_text": frozenset(),
    "tg_inline_open_private": frozenset(),
    "btn_topics": frozenset(),
    "btn_timeline": frozenset(),
    "btn_back": frozenset(),
    "btn_previous": frozenset(),
    "btn_next": frozenset(),
    "cmd_start": frozenset(),
    "cmd_help": frozenset(),
    "cmd_topics": frozenset(),
    "cmd_timeline": frozenset(),
    "cmd_sources": frozenset(),
    "cmd_about": frozenset(),
    "run_needs_token": frozenset(),
    "btn_helpful": frozenset(),
    "btn_not_helpful": frozenset(),
    "tg_thanks_feedback": frozenset(),
    "tg_reload_ok": frozenset({"entries", "version", "warnings"}),
    "tg_reload_refused": frozenset({"errors", "version"}),
    "tg_stats_empty": frozenset(),
    "cmd_language": frozenset(),
    "tg_language_prompt": frozenset({"current"}),
    "tg_language_set": frozenset(),
    "tg_language_auto": frozenset(),
    "language_name": frozenset(),
    "btn_language_auto": frozenset(),
    "events_heading": frozenset({"count", "span"}),
    "events_heading_day": frozenset({"count", "span"}),
    "events_page": frozenset({"count", "first", "last"}),
    "events_more": frozenset(),
    "events_source": frozenset(),
    "no_events": frozenset({"span"}),
    "nearest_events": frozenset(),
    "chat_no_more": frozenset(),
    "chart_button": frozenset(),
    "btn_all_sources": frozenset({"count"}),
    "more_hint": frozenset(),
    "chart_written": frozenset({"path"}),
    "chart_unknown": frozenset({"name", "names"}),
    "chart_usage": frozenset({"names"}),
    "chart_failed": frozenset(),
    "cmd_chart": frozenset(),
    "chart_hint": frozenset({"name"}),
}


def _messages(path: Path, data: Any, checker: _Checker) -> dict[str, LangText]:
    if not isinstance(data, dict) or not isinstance(data.get("messages"), dict):
        checker.error(path, line_of(data), "expected 'messages:' with a mapping of key -> {en: ...}")
        return {}
    node = data["messages"]
    messages = {str(key): checker.lang_text(path, node, key) for key in node}
    for key in sorted(set(MESSAGES) - set(messages)):
        checker.error(path, line_of(node), f"message '{key}' is missing: the bot needs it")
    for key, texts in messages.items():
        allowed = MESSAGES.get(key)
        if allowed is None:
            checker.warn(path, line_of(node, key), f"message '{key}' is not used by the bot")
            continue
        for lang, text in texts.items():
            try:
                used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
            except ValueError as exc:
                checker.error(path, line_of(node, key), f"message '{key}.{lang}': {exc}")
                continue
            if not used <= allowed:
                wrong = ", ".join(sorted(used - allowed))
                can = ", ".join(sorted(allowed)) or "none"
                checker.error(
                    path, line_of(node, key), f"message '{key}.{lang}' uses {{{wrong}}}; it may use: {can}"
                )
    return messages


def _languages(path: Path, data: Any, checker: _Checker) -> tuple[dict[str, str], dict[str, Language]]:
    if not isinstance(data, dict):
        checker.error(path, line_of(data), "expected a mapping with 'characters' and languages")
        return {}, {}
    characters: dict[str, str] = {}
    raw_chars = data.get("characters") or {}
    if not isinstance(raw_chars, dict):
        checker.error(path, line_of(data, "characters"), "'characters' must map one character to text")
    else:
        for ch, repl in raw_chars.items():
            if not isinstance(ch, str) or len(ch) != 1 or not isinstance(repl, str):
                checker.error(path, line_of(raw_chars, ch), f"'characters': bad entry {ch!r}")
            else:
                characters[ch] = repl
    languages: dict[str, Language] = {}
    for lang, node in data.items():
        if lang == "characters":
            continue
        if not isinstance(lang, str) or not LANG_RE.match(lang) or not isinstance(node, dict):
            checker.error(
                path, line_of(data, lang), f"{lang!r}: expected a language code with variants/stopwords"
            )
            continue
        variants: dict[str, str] = {}
        raw_variants = node.get("variants") or {}
        if not isinstance(raw_variants, dict):
            checker.error(path, line_of(node, "variants"), "'variants' must map canonical -> [variants]")
            raw_variants = {}
        for canonical, alts in raw_variants.items():
            if not isinstance(alts, list):
                checker.error(
                    path, line_of(raw_variants, canonical), f"variants of {canonical!r} must be a list"
                )
                continue
            for alt in alts:
                if not isinstance(alt, str | int) or isinstance(alt, bool):
                    checker.error(
                        path,
                        line_of(raw_variants, canonical),
                        f"variant {alt!r} of {canonical!r} must be text (quote yes/no/on/off)",
                    )
                    continue
                bare = re.sub(r"'s\b|'", "", str(alt).casefold()).strip()
                if bare.isdigit() and bare != str(canonical):
                    checker.error(
                        path,
                        line_of(raw_variants, canonical),
                        f"variant {alt!r} of {canonical!r} reads as the plain number {bare}, "
                        f"which it would rewrite everywhere",
                    )
                    continue
                variants[str(alt)] = str(canonical)
        stopwords = node.get("stopwords") or []
        if not isinstance(stopwords, list):
            checker.error(path, line_of(node, "stopwords"), "'stopwords' must be a list")
            stopwords = []
        for word in stopwords:
            if not isinstance(word, str):
                checker.error(
                    path, line_of(node, "stopwords"), f"stop word {word!r} must be text (quote yes/no/on/off)"
                )
            elif len(word.split()) > 1:  # questions are compared word by word: a phrase is never dropped
                checker.error(
                    path,
                    line_of(node, "stopwords"),
                    f"stop word {word!r} is a phrase: make it a variant of a one-word stop word",
                )
        keys = ("year_words", "year_names", "year_endings", "decade_endings", "fillers")
        years = {key: _word_list(path, node, key, checker) for key in keys}
        for word in years["fillers"]:
            if len(word.split()) > 1:  # dropped word by word, like stop words
                checker.error(path, line_of(node, "fillers"), f"filler {word!r} is a phrase: list one word")
        languages[lang] = Language(
            variants,
            frozenset(w for w in stopwords if isinstance(w, str)),
            years["year_words"],
            years["year_names"],
            years["year_endings"],
            years["decade_endings"],
            years["fillers"],
            _translit(path, node, checker),
        )
    if DEFAULT_LANG not in languages:
        checker.error(path, 0, f"no '{DEFAULT_LANG}:' section")
    return characters, languages


WORD_LISTS = (
    "lead",
    "things",
    "reference",
    "next",
    "previous",
    "successor",
    "predecessor",
    "counterpart",
    "timeline",
    "chronology",
    "scope",
    "range",
    "present",
    "relations",
    "then",
    "existential",
    "personal",
    "kin",
    "addressee",
    "human",
    "human_cues",
    "introduced",
    "named",
    "objects",
    "earlier",
    "later",
    "define",
    "identify",
    "polar",
    "polar_questions",
    "sources",
    "first",
    "last",
)
DATE_FORMATS = {
    "day": {"day", "month_day", "year"},
    "month": {"month", "year"},
    "year": {"year"},
    "span": {"start", "end"},
    "decade": {"year"},
    "days": {"first", "last", "month_day", "year"},
}
SLOT_RE = re.compile(r"^[a-z]+$")


def _translit(path: Path, node: Any, checker: _Checker) -> Translit | None:
    """A language typed in Latin letters: the words that give it away, and how it is spelt."""
    raw = node.get("translit")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        checker.error(path, line_of(node, "translit"), "'translit' must map markers, words and letters")
        return None
    markers = _word_list(path, raw, "markers", checker)
    spelt: dict[str, dict[str, str]] = {}
    for key in ("words", "letters"):
        table = raw.get(key) or {}
        if not isinstance(table, dict):
            checker.error(path, line_of(raw, key), f"'translit.{key}' must map Latin letters to the script's")
            table = {}
        spelt[key] = {}
        for latin, native in table.items():
            if not isinstance(latin, str) or not LATIN_RE.fullmatch(latin) or not isinstance(native, str):
                checker.error(path, line_of(table, latin), f"'translit.{key}': bad entry {latin!r}")
            else:
                spelt[key][latin] = native
    for word in markers:
        if not LATIN_RE.fullmatch(word):
            checker.error(path, line_of(raw, "markers"), f"translit marker {word!r} must be one Latin word")
    return Translit(frozenset(markers), spelt["words"], spelt["letters"])


def _word_list(path: Path, node: Any, key: str, checker: _Checker) -> tuple[str, ...]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str | int) and str(w).strip() for w in value):
        checker.error(path, line_of(node, key), f"'{key}' must be a list of words or phrases")
        return ()
    return tuple(str(w).strip() for w in value)


def _asks(path: Path, node: Any, checker: _Checker) -> dict[str, tuple[str, ...]]:
    """Kinds of question and the words that ask them: "how many" asks a count, "when" a date."""
    raw = node.get("asks") or {}
    if not isinstance(raw, dict):
        checker.error(path, line_of(node, "asks"), "'asks' must map a kind of question to its words")
        return {}
    kinds: dict[str, tuple[str, ...]] = {}
    for kind in raw:
        if not isinstance(kind, str) or not SLOT_RE.match(kind):
            checker.error(path, line_of(raw, kind), f"'asks': {kind!r} must be a word")
            continue
        kinds[kind] = _word_list(path, raw, kind, checker)
    return kinds


def _months(path: Path, node: Any, checker: _Checker) -> tuple[Month, ...]:
    value = node.get("months")
    if not isinstance(value, list) or len(value) != 12:
        checker.error(path, line_of(node, "months") or line_of(node), "'months' must list the 12 months")
        return ()
    months = []
    for n, item in enumerate(value):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            checker.error(path, line_of(item) or line_of(node, "months"), f"month {n + 1} needs a 'name'")
            continue
        day = item.get("day", name)
        forms = _word_list(path, item, "forms", checker)
        months.append(Month(name.strip(), str(day).strip(), forms))
    return tuple(months)


def _date_formats(path: Path, node: Any, checker: _Checker) -> dict[str, str]:
    value = node.get("dates")
    if not isinstance(value, dict):
        checker.error(path, line_of(node, "dates") or line_of(node), "'dates' must map day/month/year/span")
        return {}
    formats: dict[str, str] = {}
    for kind, fields in DATE_FORMATS.items():
        text = value.get(kind)
        if not isinstance(text, str):
            checker.error(path, line_of(value), f"'dates.{kind}' is missing")
            continue
        used = set(re.findall(r"{(\w+)}", text))
        if not used <= fields:
            checker.error(path, line_of(value, kind), f"'dates.{kind}' may use only {sorted(fields)}")
            continue
        formats[kind] = text
    return formats


def _conversation(
    path: Path, data: Any, checker: _Checker, languages: set[str], intent_ids: set[str]
) -> ConversationData:
    """Follow-up words per language and the entities a follow-up swaps or carries."""
    if data is None:
        checker.warn(path, 0, "no conversation file: follow-ups and date questions are not understood")
        return ConversationData()
    if not isinstance(data, dict):
        checker.error(path, line_of(data), "expected 'words:' and 'entities:'")
        return ConversationData()
    words: dict[str, Words] = {}
    raw_words = data.get("words") or {}
    for lang, node in raw_words.items() if isinstance(raw_words, dict) else ():
        if lang not in languages or not isinstance(node, dict):
            checker.error(path, line_of(raw_words, lang), f"{lang!r} is not a language of language.yaml")
            continue
        lists = {key: _word_list(path, node, key, checker) for key in WORD_LISTS}
        words[lang] = Words(
            **lists,
            asks=_asks(path, node, checker),
            months=_months(path, node, checker),
            dates=_date_formats(path, node, checker),
        )
    for lang in sorted(languages - set(words)):
        checker.warn(path, 0, f"no conversation words for '{lang}': follow-ups in it are not understood")
    entities: list[Entity] = []
    seen: set[str] = set()
    raw_entities = data.get("entities") or []
    if not isinstance(raw_entities, list):
        checker.error(path, line_of(data, "entities"), "'entities' must be a list")
        raw_entities = []
    for node in raw_entities:
        line = line_of(node)
        entity_id = node.get("id") if isinstance(node, dict) else None
        if not isinstance(entity_id, str) or not ID_RE.match(entity_id):
            checker.error(path, line, "each entity needs an 'id' (lowercase words joined by '-')")
            continue
        if entity_id in seen:
            checker.error(path, line, f"duplicate entity id '{entity_id}'")
        seen.add(entity_id)
        slot = node.get("slot")
        if not isinstance(slot, str) or not SLOT_RE.match(slot):
            checker.error(path, line_of(node, "slot") or line, f"entity '{entity_id}': 'slot' must be a word")
            continue
        intent = node.get("intent")
        if intent is not None and intent not in intent_ids:
            checker.error(path, line_of(node, "intent"), f"entity '{entity_id}': unknown intent '{intent}'")
            intent = None
        names = checker.lang_list(path, node, "names")
        entities.append(Entity(entity_id, slot, names, intent))
    return ConversationData(words, tuple(entities), _offices(path, data, checker, intent_ids))


def _offices(path: Path, data: dict[str, Any], checker: _Checker, intent_ids: set[str]) -> tuple[Office, ...]:
    """Offices and their holders in order, for "who was president of Azerbaijan in 1993?" and
    "who came after him?"."""
    raw = data.get("offices") or []
    if not isinstance(raw, list):
        checker.error(path, line_of(data, "offices"), "'offices' must be a list")
        return ()
    offices = []
    lines: dict[str, int] = {}  # office id -> the line of its counterpart (or of the office)
    for node in raw:
        line = line_of(node) or line_of(data, "offices")
        office_id = node.get("id") if isinstance(node, dict) else None
        if not isinstance(office_id, str) or not ID_RE.match(office_id):
            checker.error(path, line, "each office needs an 'id' (lowercase words joined by '-')")
            continue
        holders = []
        for item in node.get("holders") or []:
            holder = _holder(item, intent_ids)
            if holder is None:
                checker.error(
                    path,
                    line_of(item) or line,
                    f"office '{office_id}': each holder is [entry id, from, to]"
                    " with a known entry, ISO dates and 'to' null while in office",
                )
                continue
            holders.append(holder)
        if not holders:
            checker.error(path, line, f"office '{office_id}' needs 'holders'")
            continue
        counterparts = node.get("counterpart")
        if isinstance(counterparts, str):
            counterparts = [counterparts]
        if counterparts is not None and not (
            isinstance(counterparts, list) and all(isinstance(c, str) for c in counterparts)
        ):
            checker.error(
                path,
                line_of(node, "counterpart"),
                f"office '{office_id}': 'counterpart' is an office id or a list of them",
            )
            counterparts = None
        names = checker.lang_list(path, node, "names")
        offices.append(Office(office_id, names, tuple(holders), tuple(counterparts or ())))
        lines[office_id] = line_of(node, "counterpart") or line
    ids = {office.id for office in offices}
    for office in offices:
        for other in office.counterparts:
            if other not in ids or other == office.id:
                checker.error(path, lines[office.id], f"office '{office.id}': unknown counterpart '{other}'")
    return tuple(offices)


def _holder(item: Any, intent_ids: set[str]) -> Holder | None:
    if not isinstance(item, list) or len(item) != 3 or item[0] not in intent_ids:
        return None
    try:
        start = date.fromisoformat(str(item[1]))
        end = None if item[2] is None else date.fromisoformat(str(item[2]))
    except ValueError:
        return None
    return Holder(str(item[0]), start, end) if end is None or start <= end else None


def _scope(path: Path, data: Any, checker: _Checker, intent_ids: set[str]) -> list[Intent]:
    """The out-of-scope topics, as entries of the category SCOPE whose answer is the reply."""
    if data is None:
        checker.warn(
            path, 0, "no scope file: greetings and other wars get the nearest entry or 'I don't know'"
        )
        return []
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, list):
        checker.error(path, line_of(data), "expected 'topics:' with a list of {id, reply, phrases}")
        return []
    result: list[Intent] = []
    for node in topics:
        line = line_of(node)
        if not isinstance(node, dict):
            checker.error(path, line, "each topic must be a mapping {id, reply, phrases}")
            continue
        for extra in sorted(set(node) - {"id", "reply", "phrases", "related"}, key=str):
            checker.error(path, line_of(node, extra), f"unknown field '{extra}'")
        tid = checker.text(path, node, "id")
        reply = checker.lang_text(path, node, "reply")
        phrases = checker.lang_list(path, node, "phrases")
        related = node.get("related", [])
        if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
            checker.error(path, line_of(node, "related") or line, "'related' must be a list of entry ids")
            related = []
        for rid in related:
            if rid not in intent_ids:
                checker.error(path, line_of(node, "related"), f"topic '{tid}': unknown entry '{rid}'")
        if tid:
            result.append(
                Intent(
                    id=f"{SCOPE}:{tid}",
                    title={},
                    category=SCOPE,
                    questions=phrases,
                    keywords={},
                    short=reply,
                    answer=reply,
                    sources=(),
                    related=tuple(r for r in related if r in intent_ids),
                    file=str(path),
                    line=line,
                )
            )
    return result


def _intent(path: Path, node: Any, checker: _Checker) -> dict[str, Any] | None:
    """Field-level checks of one entry; cross-references are checked once all are read."""
    if not isinstance(node, dict):
        checker.error(path, line_of(node), "each intent must be a mapping")
        return None
    line = line_of(node)
    for extra in sorted(set(node) - INTENT_FIELDS, key=str):
        checker.error(path, line_of(node, extra), f"unknown field '{extra}'")
    iid = checker.text(path, node, "id")
    if iid and not ID_RE.match(iid):
        checker.error(path, line_of(node, "id"), f"id {iid!r} must be lowercase words joined by '-'")
    fields: dict[str, Any] = {
        "id": iid,
        "title": checker.lang_text(path, node, "title"),
        "category": checker.text(path, node, "category"),
        "questions": checker.lang_list(path, node, "questions"),
        "keywords": checker.lang_list(path, node, "keywords"),
        "short": checker.lang_text(path, node, "short"),
        "answer": checker.lang_text(path, node, "answer"),
        "reviewed": checker.text(path, node, "reviewed"),
        "subject": checker.text(path, node, "subject", required=False),
        "line": line,
    }
    for lang, text in fields["short"].items():
        if len(text) > SHORT_MAX:
            checker.error(
                path, line_of(node, "short"), f"'short.{lang}' is {len(text)} characters (max {SHORT_MAX})"
            )
    for lang, qs in fields["questions"].items():
        if len(qs) < MIN_QUESTIONS:
            checker.warn(
                path, line_of(node, "questions"), f"'questions.{lang}' has {len(qs)} (want {MIN_QUESTIONS}+)"
            )
    if fields["reviewed"] and not PARTIAL_DATE_RE.match(fields["reviewed"]):
        checker.error(path, line_of(node, "reviewed"), "'reviewed' must be a date YYYY-MM-DD")
    for key in ("sources", "related"):
        value = node.get(key, [] if key == "related" else None)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            checker.error(path, line_of(node, key) or line, f"'{key}' must be a list of ids")
            value = []
        fields[key] = (tuple(value), line_of(node, key) or line)
    if not fields["sources"][0]:
        checker.error(path, line_of(node, "sources") or line, "an entry needs at least one source")
    for key in ("when", "period"):
        span: Span | None = None
        if node.get(key) is not None:
            try:
                span = parse_span(node[key])
            except ValueError as exc:
                checker.error(path, line_of(node, key), f"'{key}': {exc}")
        fields[key] = span
    fields["facts"] = _facts(path, node, fields, checker)
    return fields


def figures(text: str) -> set[str]:
    """The numbers a text states, thousands separators dropped and decimal commas made points."""
    found = set()
    for raw in _FIGURE.findall(text):
        if re.fullmatch(r"\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+", raw):
            found.add(re.sub(r"\D", "", raw))
        else:
            found.add(raw.replace(",", "."))
    return found


def _unstated(text: str, answer: str, title: str) -> list[str]:
    """Figures `text` states that the entry's answer (or title) does not; none without an answer
    in that language (a missing translation is reported on its own)."""
    if not answer:
        return []
    return sorted(figures(text) - figures(answer) - figures(title))


def _facts(path: Path, node: Any, entry: dict[str, Any], checker: _Checker) -> list[dict[str, Any]]:
    """Field-level checks of an entry's precise answers; sources are linked with the entry's."""
    raw = node.get("facts")
    if raw is None:
        return []
    if not isinstance(raw, list):
        checker.error(path, line_of(node, "facts"), "'facts' must be a list")
        return []
    result: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in raw:
        line = line_of(item) or line_of(node, "facts")
        if not isinstance(item, dict):
            checker.error(path, line, "each fact must be a mapping {id, questions, answer, sources}")
            continue
        for extra in sorted(set(item) - FACT_FIELDS, key=str):
            checker.error(path, line_of(item, extra), f"fact: unknown field '{extra}'")
        fid = checker.text(path, item, "id")
        if fid and not ID_RE.match(fid):
            checker.error(path, line_of(item, "id"), f"fact id {fid!r} must be lowercase words joined by '-'")
            fid = None
        if fid in seen:
            checker.error(path, line, f"duplicate fact id '{fid}' in '{entry['id']}'")
        seen.add(fid or "")
        questions = checker.lang_list(path, item, "questions")
        answer = checker.lang_text(path, item, "answer")
        for lang, qs in questions.items():
            if len(qs) < MIN_QUESTIONS:
                checker.warn(
                    path,
                    line_of(item, "questions"),
                    f"fact '{fid}': 'questions.{lang}' has {len(qs)} (want {MIN_QUESTIONS}+)",
                )
        for lang, text in answer.items():
            if len(text) > FACT_MAX:
                checker.error(
                    path,
                    line_of(item, "answer"),
                    f"fact '{fid}': 'answer.{lang}' is {len(text)} characters (max {FACT_MAX})",
                )
            missing = _unstated(text, entry["answer"].get(lang, ""), entry["title"].get(lang, ""))
            if missing:
                checker.error(
                    path,
                    line_of(item, "answer"),
                    f"fact '{fid}': 'answer.{lang}' states {', '.join(missing)}, "
                    "which the entry's answer does not: a fact only sums up what the entry says",
                )
        sources = item.get("sources")
        if not isinstance(sources, list) or not sources or not all(isinstance(v, str) for v in sources):
            checker.error(
                path, line_of(item, "sources") or line, f"fact '{fid}': 'sources' must list 1-3 ids"
            )
            sources = []
        elif len(sources) > FACT_SOURCES_MAX:
            checker.error(path, line_of(item, "sources"), f"fact '{fid}': at most {FACT_SOURCES_MAX} sources")
        present = item.get("present", False)
        if not isinstance(present, bool):
            checker.error(path, line_of(item, "present"), f"fact '{fid}': 'present' must be true or false")
            present = False
        if fid:
            result.append(
                {
                    "id": fid,
                    "questions": questions,
                    "answer": answer,
                    "sources": (tuple(sources), line_of(item, "sources") or line),
                    "present": present,
                    "line": line,
                }
            )
    return result


def _topic_files(root: Path) -> Iterator[Path]:
    yield from sorted((root / "topics").glob("*.yaml"))


def load(root: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read and check the knowledge directory; the base is None when there are errors."""
    checker = _Checker()
    if not root.is_dir():
        checker.error(root, 0, "knowledge directory not found")
        return None, checker.problems
    sources: dict[str, Source] = {}
    source_files: dict[str, Path] = {}
    required = {name: root / f"{name}.yaml" for name in ("sources", "categories", "messages", "language")}
    raw: dict[str, Any] = {}
    for name, path in required.items():
        if not path.is_file():
            checker.error(path, 0, "required file is missing")
            raw[name] = None
        else:
            raw[name] = _read(path, checker)
    if isinstance(raw["sources"], dict):
        _sources(required["sources"], raw["sources"].get("sources"), checker, sources, source_files)
    categories = _categories(required["categories"], raw["categories"], checker)
    messages = _messages(required["messages"], raw["messages"], checker)
    characters, languages = _languages(required["language"], raw["language"], checker)

    topic_files = list(_topic_files(root))
    if not topic_files:
        checker.error(root / "topics", 0, "no topic files (*.yaml)")
    pending: list[tuple[Path, dict[str, Any]]] = []
    for path in topic_files:
        data = _read(path, checker)
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("intents"), list):
            checker.error(path, line_of(data), "expected 'intents:' with a list of entries")
            continue
        for extra in sorted(set(data) - {"intents", "sources"}, key=str):
            checker.error(path, line_of(data, extra), f"unknown top-level key '{extra}'")
        _sources(path, data.get("sources"), checker, sources, source_files)
        for node in data["intents"]:
            fields = _intent(path, node, checker)
            if fields is not None:
                pending.append((path, fields))

    intents = _link(pending, sources, {c.id for c in categories}, checker)
    intent_ids = {i.id for i in intents}
    conversation_path = root / "conversation.yaml"
    conversation = _conversation(
        conversation_path,
        _read(conversation_path, checker) if conversation_path.is_file() else None,
        checker,
        set(languages),
        intent_ids,
    )
    scope_path = root / "scope.yaml"
    scope = _scope(
        scope_path, _read(scope_path, checker) if scope_path.is_file() else None, checker, intent_ids
    )
    kb = KnowledgeBase(
        tuple(intents),
        tuple(categories),
        sources,
        messages,
        characters,
        languages,
        conversation,
        tuple(scope),
    )
    kinds = QuestionKinds(asked_kinds(kb, kb.normalizer))
    asked_with = _check_collisions([*intents, *scope], kb.normalizer, kinds, checker)
    _check_scope_words(scope, asked_with, kb.normalizer, checker)
    _check_keyword_words(intents, asked_with, kb.normalizer, checker)
    _check_translations(intents, messages, set(languages), required["messages"], checker)
    _check_sources(intents, sources, source_files, checker)
    _check_consistency(intents, checker)
    for lang in sorted(set(languages) - {DEFAULT_LANG}):
        for category in categories:
            if lang not in category.title:
                checker.warn(required["categories"], 0, f"category '{category.id}' has no '{lang}' title")
    if any(p.severity == "error" for p in checker.problems):
        return None, checker.problems
    return kb, checker.problems


def _link(
    pending: list[tuple[Path, dict[str, Any]]],
    sources: dict[str, Source],
    category_ids: set[str],
    checker: _Checker,
) -> list[Intent]:
    first_seen: dict[str, tuple[Path, int]] = {}
    for path, f in pending:
        if f["id"] and f["id"] in first_seen:
            other, other_line = first_seen[f["id"]]
            checker.error(path, f["line"], f"duplicate id '{f['id']}' (first at {other}:{other_line})")
        elif f["id"]:
            first_seen[f["id"]] = (path, f["line"])
    intents = []
    for path, f in pending:
        if f["category"] and category_ids and f["category"] not in category_ids:
            checker.error(path, f["line"], f"unknown category '{f['category']}'")
        source_ids, source_line = f["sources"]
        for sid in source_ids:
            if sid not in sources:
                checker.error(path, source_line, f"'{f['id']}': unknown source '{sid}'")
        related, related_line = f["related"]
        for rid in related:
            if rid not in first_seen:
                checker.error(path, related_line, f"'{f['id']}': related id '{rid}' does not exist")
            elif rid == f["id"]:
                checker.error(path, related_line, f"'{f['id']}' lists itself as related")
        if not f["id"]:
            continue
        facts = []
        for fact in f["facts"]:
            fact_sources, fact_line = fact["sources"]
            for sid in fact_sources:
                if sid not in source_ids:
                    checker.error(
                        path,
                        fact_line,
                        f"fact '{f['id']}/{fact['id']}': source '{sid}' is not among the entry's",
                    )
            facts.append(
                Fact(
                    id=f"{f['id']}/{fact['id']}",
                    questions=fact["questions"],
                    answer=fact["answer"],
                    sources=tuple(sources[s] for s in fact_sources if s in sources and s in source_ids),
                    present=fact["present"],
                    line=fact["line"],
                )
            )
        intents.append(
            Intent(
                id=f["id"],
                title=f["title"],
                category=f["category"] or "",
                questions=f["questions"],
                keywords=f["keywords"],
                short=f["short"],
                answer=f["answer"],
                sources=tuple(sources[s] for s in source_ids if s in sources),
                related=tuple(r for r in related if r in first_seen and r != f["id"]),
                when=f["when"],
                period=f["period"],
                reviewed=f["reviewed"] or "",
                subject=f["subject"] or "",
                file=str(path),
                line=f["line"],
                facts=tuple(facts),
            )
        )
    return intents


def _phrasings(intents: list[Intent]) -> Iterator[tuple[str, int, str, str, str, str]]:
    """(owner, line, kind, lang, text, file) for every question and keyword; a fact owns its own."""
    for kind in ("questions", "keywords"):
        for intent in intents:
            for lang, texts in getattr(intent, kind).items():
                for text in texts:
                    yield intent.id, intent.line, kind, lang, text, intent.file
            if kind == "questions":
                for fact in intent.facts:
                    for lang, texts in fact.questions.items():
                        for text in texts:
                            yield fact.id, fact.line, kind, lang, text, intent.file


def _check_collisions(
    intents: list[Intent], normalizer: Normalizer, kinds: QuestionKinds, checker: _Checker
) -> dict[str, set[str]]:
    """Two entries (or facts) asked the same way make the answer a coin toss.

    Questions compare by their meaningful words (order, case, spelling variants and stop
    words ignored) and the kind of thing they ask ("who started it" is not "when did it
    start"): the same question for two entries, two facts, or a fact and an entry is an
    error. A keyword shared by two entries is only a warning: a name can rightly point to a place
    and to an event there. Returns, for each meaningful word, the entries (not scope topics)
    whose questions use it.
    """
    owners: dict[tuple[str, frozenset[str], str], tuple[str, int, str, str, str]] = {}
    asked_with: dict[str, set[str]] = {}
    for owner, line, kind, lang, text, file in _phrasings(intents):
        normalized = normalizer.normalize(text)
        words = frozenset(normalizer.content_tokens(normalized))
        if kind == "questions" and not owner.startswith(f"{SCOPE}:"):
            for word in words:
                asked_with.setdefault(word, set()).add(owner.split("/")[0])
        if not words and owner.startswith(f"{SCOPE}:"):
            continue  # small talk ("hi", "thanks") is found as a whole phrase, not by its words
        if not words:
            checker.error(Path(file), line, f"'{owner}': {kind[:-1]} {text!r} has no meaningful word")
            continue
        key = (lang, words, kinds.of(normalized))
        other = owners.get(key)
        if other is None:
            owners[key] = (owner, line, kind, text, file)
            continue
        other_owner, other_line, other_kind, other_text, other_file = other
        if other_owner == owner:
            continue
        # without conversation.yaml's question words (itself reported), "who started it" and "when
        # did it start" cannot be told apart: a warning then, not a knowledge base that will not load
        strict = kind == other_kind == "questions" and kinds.known
        report = checker.error if strict else checker.warn
        report(
            Path(file),
            line,
            f"{kind[:-1]} {text!r} of '{owner}' collides with {other_kind[:-1]} "
            f"{other_text!r} of '{other_owner}' ({other_file}:{other_line})",
        )
    return asked_with


def _check_scope_words(
    scope: list[Intent], asked_with: dict[str, set[str]], normalizer: Normalizer, checker: _Checker
) -> None:
    """A scope phrase that keeps a single word once stop words are dropped, a word many entries are
    asked with, declines every question made of that word: "things to do in baku" would decline
    "and baku?". Small talk ("как дела") is exempt: its topics are found by their stop words too."""
    for topic in scope:
        phrases = [p for texts in topic.questions.values() for p in texts]
        words = [normalizer.content_tokens(normalizer.normalize(p)) for p in phrases]
        if any(not w for w in words):
            continue  # small talk
        for phrase, found in zip(phrases, words, strict=True):
            word = _lone_word(found)
            entries = len(asked_with.get(word, ())) if word else 0
            if entries > SCOPE_WORD_ENTRIES:
                checker.error(
                    Path(topic.file),
                    topic.line,
                    f"'{topic.id}': phrase {phrase!r} is only the word {word!r} once stop words are "
                    f"dropped, a word {entries} entries are asked with: it would decline them (say more)",
                )


def _lone_word(found: list[str]) -> str | None:
    """The one meaningful word a phrase keeps once stop words are dropped, if it keeps just one."""
    return found[0] if len(found) == 1 else None


def _check_keyword_words(
    intents: list[Intent], asked_with: dict[str, set[str]], normalizer: Normalizer, checker: _Checker
) -> None:
    """A keyword of several words that keeps a single word once stop words are dropped finds its
    entry for that word alone, a common one: "right of return" answered "when returned?" with the
    2023 exodus. Said with a word more, it keeps its sense."""
    for intent in intents:
        for texts in intent.keywords.values():
            for text in texts:
                if len(text.split()) < 2:
                    continue  # one word is a name ("tripp", "khojaly"), meant to find its entry alone
                word = _lone_word(normalizer.content_tokens(normalizer.normalize(text)))
                others = len(asked_with.get(word, set()) - {intent.id}) if word else 0
                if others > KEYWORD_WORD_ENTRIES:
                    checker.error(
                        Path(intent.file),
                        intent.line,
                        f"'{intent.id}': keyword {text!r} is only the word {word!r} once stop words "
                        f"are dropped, a word {others} other entries are asked with: it would answer "
                        "them (say more)",
                    )


def _check_sources(
    intents: list[Intent], sources: dict[str, Source], files: dict[str, Path], checker: _Checker
) -> None:
    """One id per source, and no source left uncited: a twin id or a dead entry in the registry
    hides which documents the base really rests on."""
    by_url: dict[str, str] = {}
    for sid, source in sources.items():
        url = source.url.rstrip("/")
        first = by_url.setdefault(url, sid)
        if first != sid:
            checker.error(
                files[sid], 0, f"source '{sid}' repeats the URL of '{first}' ({files[first]}): cite one id"
            )
    cited = {s.id for i in intents for s in i.sources}
    for sid in sorted(set(sources) - cited):
        checker.warn(files[sid], 0, f"source '{sid}' is cited by no entry")


_YEAR_IN_TEXT = re.compile(r"\b(19\d{2}|20\d{2})\b")


def _check_consistency(intents: list[Intent], checker: _Checker) -> None:
    """An entry says nothing its answer does not back (figures in `short`), and its `reviewed`
    date is no older than the latest year it writes about (years to come aside)."""
    for intent in intents:
        path = Path(intent.file)
        for lang, text in intent.short.items():
            missing = _unstated(text, intent.answer.get(lang, ""), intent.title.get(lang, ""))
            if missing:
                checker.error(
                    path,
                    intent.line,
                    f"'{intent.id}': 'short.{lang}' states {', '.join(missing)}, which its answer does not",
                )
        years = [int(y) for text in intent.answer.values() for y in _YEAR_IN_TEXT.findall(text)]
        if intent.when is not None:
            years.append(intent.when.end.year)
        years = [y for y in years if y <= date.today().year]  # a mandate "until 2027" is no event yet
        if intent.reviewed[:4].isdigit() and years and max(years) > int(intent.reviewed[:4]):
            checker.error(
                path,
                intent.line,
                f"'{intent.id}': reviewed {intent.reviewed}, but it writes about {max(years)}",
            )


def _check_translations(
    intents: list[Intent],
    messages: dict[str, LangText],
    langs: set[str],
    messages_path: Path,
    checker: _Checker,
) -> None:
    """Every supported language (a section in language.yaml) must be complete, or it is reported."""
    for lang in sorted(langs - {DEFAULT_LANG}):
        for intent in intents:
            missing = [
                name
                for name in ("title", "short", "answer", "questions", "keywords")
                if lang not in getattr(intent, name)
            ]
            if missing:
                checker.warn(
                    Path(intent.file),
                    intent.line,
                    f"'{intent.id}' has no '{lang}' translation of: {', '.join(missing)}",
                )
        for key, texts in messages.items():
            if lang not in texts:
                checker.warn(messages_path, 0, f"message '{key}' has no '{lang}' translation")


def load_or_raise(root: Path) -> KnowledgeBase:
    kb, problems = load(root)
    if kb is None:
        raise KnowledgeError(problems)
    return kb
