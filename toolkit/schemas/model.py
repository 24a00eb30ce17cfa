"""The data model in which every workbook kind is declared once.

A :class:`WorkbookSchema` lists its sheets; a :class:`SheetSpec` lists its
columns; a :class:`Column` says its Indonesian header, type, whether it is
required, its dropdown list, width and number format. The template writer, the
reader, validation and the central-office merge are all derived from these
declarations, so adding a column is one edit here.

Cross-field rules are declared as :class:`Rule` data (stable id, severity,
parameters); their logic lives in ``toolkit.validation``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, Literal

Severity = Literal["error", "warning"]


class ColumnType(str, Enum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"  # 0–100
    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"  # TW I..TW IV
    YEAR = "year"
    CHOICE = "choice"  # one value of an allowed list
    MULTI_CHOICE = "multi_choice"  # one or more values of an allowed list
    MARK = "mark"  # a tick in a month column ("v", "✓", "x", 1)
    PERIOD = "period"  # free-text period: "Mei 2024", "Januari - Desember 2024"
    FREQUENCY = "frequency"  # "Min 1x", "1x", "Min 2x"
    NIP = "nip"  # 18-digit civil-servant number, kept as text
    YES_NO = "yes_no"  # Ya / Tidak


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    width: float = 16
    list_name: str | None = None
    aliases: tuple[str, ...] = ()
    help: str = ""
    number_format: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    fill_down: bool = False  # a blank cell repeats the value above (grouped/merged columns)
    group: str | None = None  # e.g. "Rencana" for the twelve plan-month columns

    def all_headers(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    name: str
    title: str
    columns: tuple[Column, ...]
    description: str = ""
    header_row: int = 3  # 1-based; row 1 title, row 2 guidance, data from header_row + 1
    key_columns: tuple[str, ...] = ()  # which columns identify a row (duplicates)
    required_rows: bool = True  # the sheet must have at least one data row
    template_rows: int = 300
    landscape: bool = True
    freeze_columns: int = 0

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.name}: kolom '{key}' tidak dikenal")

    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


@dataclass(frozen=True)
class IdentitasField:
    key: str
    label: str
    type: ColumnType = ColumnType.TEXT
    required: bool = True
    list_name: str | None = None
    help: str = ""
    aliases: tuple[str, ...] = ()
    fixed: bool = False  # written by the template, not by the user (kind, version)


@dataclass(frozen=True)
class Rule:
    """A cross-field rule, declared next to the schema; the logic is in toolkit.validation."""

    id: str
    severity: Severity
    description: str
    params: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def rule(id: str, severity: Severity, description: str, **params: Any) -> Rule:
    return Rule(id=id, severity=severity, description=description, params=MappingProxyType(params))


@dataclass(frozen=True)
class WorkbookSchema:
    kind: str
    version: str
    title: str
    description: str
    sheets: tuple[SheetSpec, ...]
    identitas: tuple[IdentitasField, ...]
    lists: MappingProxyType[str, tuple[str, ...]]
    rules: tuple[Rule, ...] = ()
    instructions: tuple[str, ...] = ()
    main_sheet: str | None = None  # sheet key where the buttons go
    # older schema versions: version -> {old header text: column key}; the merge maps them
    renamed_columns: MappingProxyType[str, MappingProxyType[str, str]] = field(
        default_factory=lambda: MappingProxyType({}))
    # other spellings accepted for a list's values: list name -> {alias: canonical value}
    choice_aliases: MappingProxyType[str, MappingProxyType[str, str]] = field(
        default_factory=lambda: MappingProxyType({}))
    seed: str = ""

    def sheet(self, key: str) -> SheetSpec:
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(f"{self.kind}: sheet '{key}' tidak dikenal")

    def sheet_by_name(self, name: str) -> SheetSpec | None:
        wanted = normalize_header(name)
        for s in self.sheets:
            if normalize_header(s.name) == wanted:
                return s
        return None

    def identitas_field(self, key: str) -> IdentitasField:
        for f in self.identitas:
            if f.key == key:
                return f
        raise KeyError(key)

    def choices(self, list_name: str | None) -> tuple[str, ...]:
        if list_name is None:
            return ()
        return self.lists[list_name]

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None


_NON_WORD = re.compile(r"[^0-9a-z%]+")


def normalize_header(text: object) -> str:
    """Compare header texts the way a person reads them.

    Case, accents, spaces, line breaks, punctuation and the required-field star are
    ignored: "Area  Perubahan *", "AREA PERUBAHAN" and "area_perubahan" are equal.
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    return _NON_WORD.sub(" ", s).strip()


def normalize_choice(text: object) -> str:
    """Compare list values tolerantly: case and runs of spaces do not matter."""
    if text is None:
        return ""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()
