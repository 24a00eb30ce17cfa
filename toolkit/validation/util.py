"""Small helpers shared by the rule modules: findings at a record's cell, text keys, suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from toolkit.schemas.coerce import clean_text
from toolkit.schemas.model import Rule, SheetSpec, normalize_choice
from toolkit.validation.report import Finding
from toolkit.workbook.reader import Record, WorkbookData


def header_of(spec: SheetSpec, key: str) -> str:
    try:
        return spec.column(key).header
    except KeyError:
        return key


def sheet_name(data: WorkbookData, key: str) -> str:
    sheet = data.sheets.get(key)
    return sheet.name if sheet else data.schema.sheet(key).name


def at(rule: Rule | str, severity: str | None, rec: Record, spec: SheetSpec, key: str, message: str,
       value: Any = None, *, use_raw: bool = True) -> Finding:
    """A finding at ``rec``'s cell for column ``key`` (the row's first cell if the column is absent)."""
    rule_id = rule if isinstance(rule, str) else rule.id
    sev = severity or (rule.severity if isinstance(rule, Rule) else "error")
    cell = rec.cells.get(key)
    if cell is None:
        cell = next(iter(rec.cells.values()), "")
    if value is None:
        value = rec.raw.get(key) if use_raw else rec.values.get(key)
    return Finding(rule_id, sev, rec.sheet, cell, rec.row, header_of(spec, key), value, message)  # type: ignore[arg-type]


def text_key(*values: Any) -> tuple[str, ...]:
    """Compare texts as a person would: case and runs of spaces do not matter."""
    return tuple(normalize_choice(clean_text(v)) if v is not None else "" for v in values)


def suggest(text: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The nearest allowed value to ``text`` ("did you mean"), or None."""
    options: dict[str, str] = {}
    for c in choices:
        options.setdefault(normalize_choice(c), c)
    for alias, canonical in (aliases or {}).items():
        options.setdefault(normalize_choice(alias), canonical)
    key = normalize_choice(text)
    if not key:
        return None
    hits = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
    if not hits:
        # a prefix or a word contained, e.g. "Pengawasan" -> "Penguatan Pengawasan"
        contained = [v for k, v in options.items() if key in k or k in key]
        return contained[0] if len(contained) == 1 else None
    return options[hits[0]]


def quote(value: Any) -> str:
    text = clean_text(value) if value is not None else ""
    if len(text) > 60:
        text = text[:57] + "…"
    return f"\"{text}\""
