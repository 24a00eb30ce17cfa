"""The reader's parts: typed records from a workbook's rows, fast and read-only (python-calamine).

Open a workbook with :func:`toolkit.workbook.open_workbook` (``toolkit.workbook.opening``):
that is the one public way, used by validation, the recap, scoring, the reports and the
buttons. This module holds what it is built from:

- :func:`open_calamine` opens the file after the size/structure preflight;
- :func:`read_identitas_raw` and ``_detect_kind`` recognise the kind and schema version
  from the Identitas sheet (or, without one, from the sheet names);
- :func:`locate_header` finds each sheet's header row, tolerating case, spaces, line
  breaks and renamed columns declared as aliases;
- :func:`records_from_rows` turns rows — from calamine, or streamed from the sheet XML
  by ``toolkit.workbook.xmlscan`` for a huge sheet — into :class:`Record` objects with
  typed values, the raw values, every value's cell address and the coercion problems
  that validation turns into findings. :func:`iter_records` does it for one sheet.

Nothing is ever evaluated: a formula's cached value or a formula-like text is just a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import python_calamine as pc

from toolkit.errors import UnreadableInputError, WrongKindError, debug_detail
from toolkit.schemas import WorkbookSchema, all_schemas
from toolkit.schemas.coerce import (
    _COERCERS,
    _MARKS_FALSE,
    _MARKS_TRUE,
    Coerced,
    _choice_exact,
    coerce,
    is_blank,
)
from toolkit.schemas.coerce import MAX_NUMBER as _MAX_NUMBER
from toolkit.schemas.common import IDENTITAS_SHEET
from toolkit.schemas.model import Column, ColumnType, SheetSpec, normalize_header
from toolkit.workbook import bounds
from toolkit.workbook.cells import cell_address, column_letter
from toolkit.workbook.limits import SheetFacts
from toolkit.workbook.preflight import CheckedWorkbook, check_workbook

HEADER_SCAN_ROWS = 15


@dataclass
class Record:
    """One data row: typed values by column key, with where each came from."""

    sheet: str
    row: int  # 1-based Excel row
    values: dict[str, Any]
    raw: dict[str, Any]
    cells: dict[str, str]  # column key -> "B12"
    problems: dict[str, Coerced] = field(default_factory=dict)
    alias_used: set[str] = field(default_factory=set)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


@dataclass
class SheetLayout:
    """Where a sheet's columns are, as found in this particular file."""

    spec: SheetSpec
    name: str  # the sheet's name in the file
    header_row: int  # 1-based
    columns: dict[str, int]  # key -> 0-based column index
    headers_found: dict[str, str]  # key -> header text as written
    missing: list[Column]
    unknown: list[tuple[int, str]]  # (0-based column index, header text)
    renamed: dict[str, str] = field(default_factory=dict)  # header text -> key (older versions)

    def cell(self, key: str, row: int) -> str:
        return cell_address(row, self.columns[key] + 1)

    def letter(self, key: str) -> str:
        return column_letter(self.columns[key] + 1)


@dataclass
class SheetData:
    layout: SheetLayout
    records: list[Record]

    @property
    def name(self) -> str:
        return self.layout.name


@dataclass
class IdentitasData:
    values: dict[str, Any]
    raw: dict[str, Any]
    cells: dict[str, str]
    problems: dict[str, Coerced]
    sheet_name: str | None


@dataclass
class WorkbookData:
    path: Path
    schema: WorkbookSchema
    version: str
    identitas: IdentitasData
    sheets: dict[str, SheetData]  # by spec key
    missing_sheets: list[SheetSpec]
    sheet_names: list[str]
    hidden_sheets: list[tuple[str, str]]  # (name, "hidden" | "very hidden")
    merged_ranges: dict[str, list[str]]  # sheet name -> ["A4:A9", …]

    @property
    def year(self) -> int | None:
        return self.identitas.values.get("tahun")

    def records(self, sheet_key: str) -> list[Record]:
        data = self.sheets.get(sheet_key)
        return data.records if data else []


# --- opening -------------------------------------------------------------------------

class CalamineBook:
    """A calamine workbook that loads a sheet only within the limits of :func:`bounds.check_loadable`.

    ``get_sheet_by_name`` makes calamine parse the whole sheet into a dense box (32 bytes per
    cell from A1, plus the text) whatever is later asked of it, so every sheet is checked
    against the preflight's facts first: a sheet too large to be read whole is refused with
    one line naming the file and the limit, before calamine allocates anything for it.
    Everything else is the calamine workbook's own (``sheet_names``, ``sheets_metadata``, ``close``).
    """

    def __init__(self, cwb: pc.CalamineWorkbook, checked: CheckedWorkbook) -> None:
        self._cwb = cwb
        self.checked = checked

    def facts_of(self, name: str) -> SheetFacts | None:
        """The preflight's facts of the sheet ``name``; for a sheet workbook.xml did not name, the
        largest unnamed one (so an unknown name is never a way around the limit)."""
        found = bounds.sheet_facts(self.checked.facts, name)
        if found is not None:
            return found
        unnamed = [f for f in self.checked.facts.sheets.values() if not f.sheet]
        return max(unnamed, key=lambda f: (f.area, f.size), default=None)

    def get_sheet_by_name(self, name: str) -> Any:
        facts = self.facts_of(name)
        if facts is not None:
            if not facts.sheet:
                facts = replace(facts, sheet=name)
            bounds.check_loadable(facts, self.checked.path)
        return self._cwb.get_sheet_by_name(name)

    def get_sheet_by_index(self, index: int) -> Any:
        return self.get_sheet_by_name(self.sheet_names[index])

    @property
    def sheet_names(self) -> list[str]:
        return list(self._cwb.sheet_names)

    @property
    def sheets_metadata(self) -> Any:
        return self._cwb.sheets_metadata

    def close(self) -> None:
        self._cwb.close()


def open_calamine(path: str | Path, *, checked: CheckedWorkbook | None = None) -> CalamineBook:
    """Open ``path`` with calamine after every limit of :func:`check_workbook` passed.

    ``checked``: the result of an earlier :func:`check_workbook` of the same path in this run
    (e.g. the recap's identification pass). It is reused only while the name still points at
    exactly that file (device, inode, size, mtime); otherwise the file is checked again. Either
    way the file is compared again after calamine opened it (swap protection). Sheets are loaded
    only within the limits for a sheet read whole (:class:`CalamineBook`).
    """
    if checked is None or checked.path != Path(path) or not checked.unchanged():
        checked = check_workbook(path)
    p = checked.path
    try:
        cwb = pc.CalamineWorkbook.from_path(str(p))
    except pc.PasswordError as exc:
        raise UnreadableInputError("workbook dilindungi kata sandi; hapus kata sandi lalu kirim ulang.",
                                   path=p) from exc
    except Exception as exc:  # calamine raises several types for broken XML
        raise UnreadableInputError(f"workbook tidak dapat dibaca (isinya rusak){debug_detail(exc)}.", path=p) from exc
    if not checked.unchanged():  # swapped between the checks and the open: not what was checked
        cwb.close()
        raise UnreadableInputError("file berubah saat sedang dibaca; jalankan lagi.", path=p)
    return CalamineBook(cwb, checked)


def _sheet_rows(cwb: CalamineBook, name: str, path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(0-based absolute row, row values from column A) for every row of a sheet."""
    return iter(_load_sheet(cwb, name, path)[0])


def _load_sheet(cwb: CalamineBook, name: str, path: Path
                ) -> tuple[list[tuple[int, list[Any]]], list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Every row (as ``_sheet_rows`` yields them) and the merged ranges, from ONE calamine load.

    ``get_sheet_by_name`` parses the whole sheet XML each time it is called, so a
    sheet is loaded once and its rows passed to everything that needs them.
    """
    try:
        sheet = cwb.get_sheet_by_name(name)
    except UnreadableInputError:  # a limit (the message names the sheet and the limit)
        raise
    except Exception as exc:
        raise UnreadableInputError(f"sheet tidak dapat dibaca (isinya rusak){debug_detail(exc)}.", path=path,
                                   sheet=name) from exc
    try:
        merged = list(sheet.merged_cell_ranges or [])
    except Exception:
        merged = []
    start = sheet.start
    if start is None:
        return [], merged
    # from A1: the same rows as ``iter_rows`` (which starts at row 1 but at the first used
    # column) padded with "" on the left
    return list(enumerate(sheet.to_python(skip_empty_area=False))), merged


# --- identitas -----------------------------------------------------------------------

def _find_sheet(names: list[str], wanted: str) -> str | None:
    key = normalize_header(wanted)
    for n in names:
        if normalize_header(n) == key:
            return n
    return None


def read_identitas_raw(cwb: CalamineBook, path: Path) -> tuple[str | None, dict[str, tuple[Any, str]]]:
    """Label -> (value, cell) from the Identitas sheet: labels in any of A–C, value to the right."""
    name = _find_sheet(list(cwb.sheet_names), IDENTITAS_SHEET)
    found: dict[str, tuple[Any, str]] = {}
    if name is None:
        return None, found
    for r, row in _sheet_rows(cwb, name, path):
        if r > 200:
            break
        for c in range(min(3, len(row))):
            label = normalize_header(row[c])
            if not label or label in found:
                continue
            value = row[c + 1] if c + 1 < len(row) else None
            found[label] = (None if is_blank(value) else value, cell_address(r + 1, c + 2))
            break
    return name, found


def _parse_identitas(schema: WorkbookSchema, sheet_name: str | None,
                     raw: dict[str, tuple[Any, str]]) -> IdentitasData:
    values: dict[str, Any] = {}
    raws: dict[str, Any] = {}
    cells: dict[str, str] = {}
    problems: dict[str, Coerced] = {}
    for f in schema.identitas:
        hit = None
        for label in (f.label, *f.aliases):
            hit = raw.get(normalize_header(label))
            if hit:
                break
        if hit is None:
            continue
        value, cell = hit
        raws[f.key] = value
        cells[f.key] = cell
        result = coerce(value, f.type, choices=schema.choices(f.list_name))
        values[f.key] = result.value
        if result.problem:
            problems[f.key] = result
    return IdentitasData(values, raws, cells, problems, sheet_name)


def detect_kind(cwb: CalamineBook, path: Path) -> tuple[WorkbookSchema, str]:
    """Kind and schema version from Identitas; falls back to recognising the sheet names."""
    _name, raw = read_identitas_raw(cwb, path)
    return _detect_kind(cwb, path, raw)


def _detect_kind(cwb: CalamineBook, path: Path,
                 raw: dict[str, tuple[Any, str]]) -> tuple[WorkbookSchema, str]:
    kind_value = raw.get(normalize_header("Jenis Workbook"), (None, ""))[0]
    version_value = raw.get(normalize_header("Versi Skema"), (None, ""))[0]
    schemas = all_schemas()
    if not is_blank(kind_value):
        key = str(kind_value).strip().casefold().replace(" ", "-").replace("_", "-")
        if key in schemas:
            version = _version_text(version_value) or schemas[key].version
            return schemas[key], version
        raise WrongKindError(
            f"Jenis Workbook '{kind_value}' tidak dikenal; yang dikenal: {', '.join(schemas)}.",
            path=path, sheet=IDENTITAS_SHEET)
    names = {normalize_header(n) for n in cwb.sheet_names}
    best = None
    for schema in schemas.values():
        wanted = {normalize_header(s.name) for s in schema.sheets}
        score = len(wanted & names) / len(wanted)
        if score >= 0.5 and (best is None or score > best[0]):
            best = (score, schema)
    if best:
        return best[1], _version_text(version_value) or best[1].version
    raise WrongKindError(
        "bukan workbook dari templat toolkit: sheet Identitas (baris 'Jenis Workbook') tidak ditemukan "
        f"dan nama sheet ({', '.join(cwb.sheet_names)}) tidak cocok dengan jenis mana pun. "
        "Buat workbook baru dengan: integritas templat JENIS -o FILE.xlsx", path=path)


def _version_text(value: Any) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value).strip()


# --- sheets --------------------------------------------------------------------------

def _header_lookup(schema: WorkbookSchema, spec: SheetSpec) -> dict[str, tuple[str, bool]]:
    """normalized header text -> (column key, is a renamed/old header)."""
    lookup: dict[str, tuple[str, bool]] = {}
    for col in spec.columns:
        lookup.setdefault(normalize_header(col.header), (col.key, False))
    for col in spec.columns:
        for alias in col.aliases:
            lookup.setdefault(normalize_header(alias), (col.key, True))
    for renames in schema.renamed_columns.values():
        for old, key in renames.items():
            if key in spec.column_keys():
                lookup.setdefault(normalize_header(old), (key, True))
    return lookup


# Inline typing in records_from_rows (same result as the coercer, checked by tests/test_reader.py
# and the equivalence of every sample): text, exact list values, month marks, whole numbers, percents.
_F_TEXT, _F_CHOICE, _F_MARK, _F_INTEGER, _F_NUMBER, _F_PERCENT = 1, 2, 3, 4, 5, 6
_FAST = {ColumnType.TEXT: _F_TEXT, ColumnType.LONG_TEXT: _F_TEXT, ColumnType.CHOICE: _F_CHOICE,
         ColumnType.MARK: _F_MARK, ColumnType.INTEGER: _F_INTEGER, ColumnType.NUMBER: _F_NUMBER,
         ColumnType.MONEY: _F_NUMBER, ColumnType.PERCENT: _F_PERCENT}
_SLOW = object()
_MEMO_LIMIT = 4096  # distinct texts remembered per column while reading a sheet


@lru_cache(maxsize=4096)
def _normalized_text(text: str) -> str:
    """normalize_header of a cell text, remembered (the same titles and headers in every file)."""
    return normalize_header(text)


def locate_header(rows: list[tuple[int, list[Any]]], schema: WorkbookSchema, spec: SheetSpec,
                  sheet_name: str) -> SheetLayout | None:
    lookup = _header_lookup(schema, spec)
    best: SheetLayout | None = None
    best_score = 0
    for r, row in rows:
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        renamed: dict[str, str] = {}
        unknown: list[tuple[int, str]] = []
        for c, cell in enumerate(row):
            if is_blank(cell):
                continue
            hit = lookup.get(_normalized_text(cell) if cell.__class__ is str else normalize_header(cell))
            if hit and hit[0] not in columns:
                columns[hit[0]] = c
                headers[hit[0]] = str(cell)
                if hit[1]:
                    renamed[str(cell)] = hit[0]
            else:
                unknown.append((c, str(cell).strip()))
        if len(columns) > best_score:
            best_score = len(columns)
            missing = [col for col in spec.columns if col.key not in columns]
            best = SheetLayout(spec, sheet_name, r + 1, columns, headers, missing, unknown, renamed)
    required = [c for c in spec.columns if c.required]
    if best is None or best_score < max(2, len(required) // 2):
        return None
    return best


def iter_records(cwb: CalamineBook, path: Path, schema: WorkbookSchema, layout: SheetLayout,
                 *, year: int | None = None) -> Iterator[Record]:
    """Typed records below the header row, one at a time; blank rows are skipped.

    Merged cells in the body give every covered cell the top-left value, and
    ``fill_down`` columns repeat the value above into blank cells (a grouped
    'Area Perubahan' written once per group, as in seed 001's matrices).
    """
    rows, merged = _load_sheet(cwb, layout.name, path)
    return records_from_rows(rows, schema, layout, merged, year=year)


def records_from_rows(rows: Iterable[tuple[int, list[Any]]], schema: WorkbookSchema, layout: SheetLayout,
                      merged: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (), *,
                      year: int | None = None) -> Iterator[Record]:
    """Typed records from (0-based row, values from column A) pairs, whatever reads the rows.

    ``iter_records`` feeds it from calamine; ``toolkit.validation.stream`` feeds it
    from the sheet XML for sheets too large to load at once.

    This is the inner loop of every read (a few microseconds per cell matter at
    100,000 rows): the per-column work (column letter, coercer, list values) is done
    once per sheet, blank tests are inlined, and a blank cell never reaches ``coerce``.
    """
    spec = layout.spec
    merged_fill: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (r1, c1) in merged:
        if r1 + 1 <= layout.header_row:
            continue
        for rr in range(r0, r1 + 1):
            for cc in range(c0, c1 + 1):
                if (rr, cc) != (r0, c0):
                    merged_fill[(rr, cc)] = (r0, c0)
    merged_values: dict[tuple[int, int], Any] = {}
    anchors = set(merged_fill.values())
    last: dict[str, Any] = {}
    # per column: key, 0-based index, letter, coercer, list values, aliases, fill_down
    plan = []
    for col in spec.columns:
        if col.key not in layout.columns:
            continue
        c = layout.columns[col.key]
        choices = schema.choices(col.list_name)
        plan.append((col.key, c, column_letter(c + 1), _COERCERS[col.type], choices,
                     schema.choice_aliases.get(col.list_name or "", None), col.fill_down,
                     _FAST.get(col.type, 0), _choice_exact(tuple(choices)) if col.type == ColumnType.CHOICE else None))
    keyed = [(key, c) for key, c, *_rest in plan]
    memo: dict[str, dict[str, Coerced]] = {key: {} for key, _c in keyed}
    header_row = layout.header_row
    for r, row in rows:
        if r < header_row:
            continue
        n = len(row)
        raw: dict[str, Any] = {}
        empty = True
        for key, c in keyed:
            value = row[c] if c < n else None
            if merged_fill:
                if (r, c) in anchors:
                    merged_values[(r, c)] = value
                if (r, c) in merged_fill and is_blank(value):
                    value = merged_values.get(merged_fill[(r, c)])
            # inlined is_blank(): None, whitespace-only text, NaN
            if value is None or (value.__class__ is str and not value.strip()) or (
                    value.__class__ is not str and is_blank(value)):
                raw[key] = None
            else:
                raw[key] = value
                empty = False
        if empty:
            continue
        excel_row = r + 1
        row_text = str(excel_row)
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        problems: dict[str, Coerced] = {}
        alias_used: set[str] = set()
        for key, _c, letter, coercer, choices, aliases, fill_down, fast, exact in plan:
            value = raw[key]
            cells[key] = letter + row_text
            if value is None:
                if fill_down and key in last:
                    value = last[key]
                else:
                    values[key] = None
                    continue
            # value is not blank here. The usual cells are typed inline, exactly as their
            # coercer would (see _FAST); everything else goes through the coercer.
            typed: Any = _SLOW
            cls = value.__class__
            if fast:
                if cls is str:
                    text = value.strip()
                    if fast == _F_TEXT:
                        typed = text
                    elif fast == _F_CHOICE:
                        typed = exact.get(text, _SLOW)  # type: ignore[union-attr]
                    elif fast == _F_MARK:
                        key_text = text.casefold()
                        if key_text in _MARKS_TRUE:
                            typed = True
                        elif key_text in _MARKS_FALSE:
                            typed = False
                elif cls is float and -_MAX_NUMBER <= value <= _MAX_NUMBER:  # else the coercer says why
                    if fast in (_F_INTEGER, _F_NUMBER):
                        if value.is_integer():
                            typed = int(value)
                        elif fast == _F_NUMBER and value == value:
                            typed = value
                    elif fast == _F_PERCENT and (value >= 1 or value <= 0):
                        typed = int(value) if value.is_integer() else value
            if typed is not _SLOW:
                values[key] = typed
                if fill_down and typed is not None:
                    last[key] = value
                continue
            if cls is str:
                # the same text in the same column types the same way (results are immutable):
                # remembered, so 100,000 "Min 2x" or "TW I" are parsed once
                text = value.strip()
                seen = memo[key]
                result = seen.get(text)
                if result is None:
                    result = coercer(text, choices=choices, aliases=aliases, year=year)
                    if len(seen) < _MEMO_LIMIT:
                        seen[text] = result
            else:
                result = coercer(value.strip() if isinstance(value, str) else value,
                                 choices=choices, aliases=aliases, year=year)
            values[key] = result.value
            if result.problem:
                problems[key] = result
            if result.canonical_from_alias:
                alias_used.add(key)
            if fill_down and result.value is not None:
                last[key] = value
        yield Record(layout.name, excel_row, values, raw, cells, problems, alias_used)


def sheet_layout(cwb: CalamineBook, path: Path, schema: WorkbookSchema,
                 spec: SheetSpec) -> SheetLayout | None:
    name = _find_sheet(list(cwb.sheet_names), spec.name)
    if name is None:
        return None
    rows, _merged_ranges = _load_sheet(cwb, name, path)
    return _layout_of(rows, schema, spec, name)


def _layout_of(rows: list[tuple[int, list[Any]]], schema: WorkbookSchema, spec: SheetSpec,
               name: str) -> SheetLayout:
    layout = locate_header(rows[:HEADER_SCAN_ROWS], schema, spec, name)
    if layout is None:
        return SheetLayout(spec, name, spec.header_row, {}, {}, list(spec.columns), [])
    return layout


def records_as_dicts(data: WorkbookData, sheet_key: str) -> list[dict[str, Any]]:
    """Plain dicts of typed values (dates as ISO text) — handy for JSON and golden comparisons."""
    out = []
    for rec in data.records(sheet_key):
        row = {}
        for k, v in rec.values.items():
            if isinstance(v, (dt.date, dt.datetime)):
                v = v.isoformat()
            elif hasattr(v, "label"):
                v = v.label()
            elif isinstance(v, tuple):
                v = list(v)
            row[k] = v
        out.append(row)
    return out
