"""Reading a YAML or JSON file a person edits or sends (office configuration, rule data, the sender of
rekap letters, letter data, an evidence manifest): one Indonesian line for every way it can fail to read —
an OS error, something that is not a regular file (a FIFO would block), a file over the size limit, a file
that is not UTF-8 text, a YAML/JSON error with its line and column — and limits on what the text may
expand to: a 1 KB YAML "alias bomb" (anchors referring to anchors) would otherwise grow into gigabytes
once the data is walked or rendered, and deep nesting would end in Python's RecursionError.

The limits are measured on PyYAML's node graph *before* any Python object is built: every alias is
counted at the full size of what it stands for (without expanding it), so the check is cheap.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import ToolkitError, yaml_reason
from toolkit.workbook.limits import open_regular, os_reason

MiB = 1024 * 1024
MAX_TEXT_BYTES = 5 * MiB       # a YAML/JSON file a person writes (configuration, letter data, rules)
MAX_NODES = 200_000            # values once every alias is counted at its full size
MAX_DEPTH = 60                 # nesting of lists/groups, aliases included
MAX_ALIASES = 10_000           # '*name' references in one file


class DataLimitError(Exception):
    """The text is over one of the limits above; ``reason`` is Indonesian."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


_TOO_DEEP = f"isinya bersarang lebih dari {MAX_DEPTH} tingkat; data sedalam itu tidak wajar"


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _expanded(root: yaml.Node) -> tuple[int, int]:
    """(nodes, depth) of ``root`` with every alias expanded — counted on the shared graph, not expanded."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = _children(node)
            total = 1 + sum(size[id(k)] for k in kids)
            deep = 1 + max((depth[id(k)] for k in kids), default=0)
            if total > MAX_NODES:
                raise DataLimitError(f"isinya berkembang menjadi lebih dari {_n(MAX_NODES)} nilai (lewat "
                                     "acuan '&'/'*'); data sebesar itu tidak wajar")
            if deep > MAX_DEPTH:
                raise DataLimitError(_TOO_DEEP)
            size[key], depth[key] = total, deep
            open_.discard(key)
            continue
        if key in size:
            continue
        if key in open_:
            raise DataLimitError("ada acuan '*' yang merujuk dirinya sendiri (berputar tanpa akhir)")
        open_.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in _children(node) if id(k) not in size)
    return size[id(root)], depth[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class LimitedLoader(yaml.SafeLoader):
    """SafeLoader with limits on nesting while composing and on the expanded size before constructing."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise DataLimitError(f"berisi lebih dari {_n(MAX_ALIASES)} acuan '*'; data seperti itu tidak wajar")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise DataLimitError(_TOO_DEEP)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self) -> Any:
        node = super().get_single_node()
        if node is not None:
            _expanded(node)
        return node


def load_yaml_text(text: str, *, loader: type[yaml.SafeLoader] = LimitedLoader) -> Any:
    """``yaml.load`` with the limits (``loader`` must derive from :class:`LimitedLoader`).

    Raises ``yaml.YAMLError`` for bad YAML and :class:`DataLimitError` for text over a limit.
    """
    if not issubclass(loader, LimitedLoader):
        raise TypeError("loader must derive from LimitedLoader")
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as exc:  # not reachable with MAX_DEPTH, kept as the last guard
        raise DataLimitError(_TOO_DEEP) from exc


def load_json_text(text: str) -> Any:
    """``json.loads`` with the nesting limit (deep JSON would end in RecursionError); JSONDecodeError passes."""
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise DataLimitError(_TOO_DEEP) from exc
    _json_depth(data)
    return data


def _json_depth(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if level > MAX_DEPTH:
            raise DataLimitError(_TOO_DEEP)
        if isinstance(value, dict):
            stack.extend((v, level + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, level + 1) for v in value)


def read_bytes(path: Path, *, what: str, error: type[ToolkitError], max_bytes: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of ``path``, opened by handle as a regular file (never blocks on a FIFO), at most ``max_bytes``."""
    try:
        fd, st = open_regular(path)
    except ToolkitError as exc:
        raise error(f"{what} tidak dapat dibaca: {exc.message.rstrip('.')}.", path=path) from exc
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > max_bytes:
            raise error(f"{what} tidak dibaca: lebih dari {_mb(max_bytes)} (batas untuk file seperti ini).",
                        path=path)
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise error(f"{what} tidak dapat dibaca: {os_reason(exc)}.", path=path) from exc
    if len(data) > max_bytes:
        raise error(f"{what} tidak dibaca: lebih dari {_mb(max_bytes)} (batas untuk file seperti ini).", path=path)
    return data


def _mb(n: int) -> str:
    return f"{n // MiB} MB" if n >= MiB else f"{_n(n)} byte"


def read_text(path: Path, *, what: str, error: type[ToolkitError], max_bytes: int = MAX_TEXT_BYTES) -> str:
    """UTF-8 text of ``path`` (a BOM is dropped) under the limits of :func:`read_bytes`."""
    raw = read_bytes(path, what=what, error=error, max_bytes=max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise error(f"{what} tidak dapat dibaca: bukan teks UTF-8 (baris {line}); simpan ulang sebagai UTF-8.",
                    path=path) from exc


def read_yaml(path: Path, *, what: str, error: type[ToolkitError], max_bytes: int = MAX_TEXT_BYTES) -> Any:
    """The parsed content of ``path``; ``error`` (with ``path``) says "<what> tidak dapat dibaca: …"."""
    return _parsed(path, what, error, max_bytes, load_yaml_text, yaml.YAMLError, yaml_reason)


def read_json(path: Path, *, what: str, error: type[ToolkitError], max_bytes: int = MAX_TEXT_BYTES) -> Any:
    """The parsed JSON of ``path`` under the same limits and with the same one-line errors."""
    return _parsed(path, what, error, max_bytes, load_json_text, json.JSONDecodeError,
                   lambda exc: f"isi JSON tidak sah pada baris {exc.lineno}, kolom {exc.colno}")


def _parsed(path: Path, what: str, error: type[ToolkitError], max_bytes: int, parse: Callable[[str], Any],
            syntax: type[Exception], reason: Callable[[Any], str]) -> Any:
    text = read_text(path, what=what, error=error, max_bytes=max_bytes)
    try:
        return parse(text)
    except DataLimitError as exc:
        raise error(f"{what} tidak dibaca: {exc.reason}.", path=path) from exc
    except syntax as exc:
        raise error(f"{what} tidak dapat dibaca: {reason(exc)}.", path=path) from exc
