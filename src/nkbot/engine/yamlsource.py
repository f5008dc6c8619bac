"""YAML loading that remembers line numbers, so every validation error can name file and line."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 4 * 1024 * 1024  # the largest topic file is ~200 KB: anything near this is a mistake


class LocatedDict(dict[Any, Any]):
    """A mapping that knows the line of itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LocatedList(list[Any]):
    """A sequence that knows its line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in result:  # PyYAML keeps the last silently: a second "россия:" dropped the first's variants
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {result.key_lines[key]}): merge the two",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(Exception):
    """A file that cannot be read or parsed; `line` is 1-based, 0 when unknown."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line
        self.message = message


def read_text(path: Path) -> str:
    """A regular file's text, at most MAX_FILE_BYTES: a FIFO, a device (a link to /dev/zero) or a
    huge file is refused instead of blocking the reader or filling memory."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once, and is refused below
    except OSError as exc:
        raise YamlError(path, 0, f"cannot read: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise YamlError(path, 0, "not a regular file")
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise YamlError(path, 0, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, 0, f"not UTF-8 text ({exc.reason})") from exc


def _refuse_aliases(text: str, path: Path) -> None:
    """Knowledge files need no anchors or aliases, and a few nested aliases can expand into
    gigabytes ("billion laughs"): any alias is refused before anything is built."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise YamlError(path, line, f"aliases (*{event.anchor}) are not allowed in knowledge files")
    except yaml.YAMLError:
        return  # the real load below reports the syntax error with its line


def load_yaml(path: Path) -> Any:
    text = read_text(path)
    _refuse_aliases(text, path)
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(path, line, f"invalid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise YamlError(path, 0, f"invalid YAML: {exc}") from exc


def line_of(node: Any, key: Any = None) -> int:
    """Best line for `node[key]` (or `node` itself): 0 when YAML gave none."""
    if key is not None and isinstance(node, LocatedDict):
        return node.key_lines.get(key, node.line)
    if isinstance(node, LocatedDict | LocatedList):
        return node.line
    return 0
