"""The one public way to open a unit's workbook: :func:`open_workbook`.

Validation, the recap, scoring, the reports and the Excel buttons all open a workbook
here, so a workbook is read one way whoever asks: kind and schema version from the
Identitas sheet (or the sheet names), the Identitas values, each schema sheet's header
row and typed records, the merged ranges and the hidden sheets. Size, depth and time
limits are enforced beneath it, when the file is opened (``toolkit.workbook.preflight``).

Three ways to read the rows, for three kinds of caller:

- all rows as a list of records (the default);
- ``stream_threshold=N``: a sheet whose XML part is larger than N bytes is not loaded;
  its records are re-read from the XML each time they are iterated
  (:class:`RecordStream`, ``toolkit.workbook.xmlscan``), so validation checks 1,000,000
  rows in bounded memory;
- ``header_only=True``: the header rows only (no records), for a quick look — what the
  recap needs to plan which file of which unit it will write, before the full read.

``keep_rows=True`` also keeps every row of each schema sheet as read (``.rows``), e.g.
to carry the columns the template does not know into the recap.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import UnreadableInputError, WrongKindError, debug_detail
from toolkit.schemas import get_schema
from toolkit.schemas.model import SheetSpec, WorkbookSchema
from toolkit.workbook import bounds
from toolkit.workbook import reader as rd
from toolkit.workbook.cells import cell_address
from toolkit.workbook.preflight import CheckedWorkbook
from toolkit.workbook.reader import Record, SheetData, SheetLayout, WorkbookData
from toolkit.workbook.xmlscan import (
    SheetPart,
    SheetStream,
    date_styles,
    merged_ranges,
    shared_strings,
    sheet_parts,
)

Rows = list[tuple[int, list[Any]]]
Ranges = list[tuple[tuple[int, int], tuple[int, int]]]


@dataclass
class OpenedWorkbook(WorkbookData):
    """A workbook as :func:`open_workbook` read it (a :class:`WorkbookData`)."""

    rows: dict[str, Rows] = field(default_factory=dict)  # with keep_rows: every row by sheet key


class RecordStream:
    """The records of a huge sheet, re-read from the sheet XML each time they are iterated."""

    def __init__(self, stream: SheetStream, schema: WorkbookSchema, layout: SheetLayout,
                 merged: Ranges, year: int | None) -> None:
        self.stream = stream
        self.schema = schema
        self.layout = layout
        self.merged = merged
        self.year = year

    def __iter__(self) -> Iterator[Record]:
        return rd.records_from_rows(self.stream.rows(), self.schema, self.layout, self.merged, year=self.year)

    def __bool__(self) -> bool:
        return next(iter(self), None) is not None


def open_workbook(path: str | Path, *, kind: str | None = None, stream_threshold: int | None = None,
                  header_only: bool = False, keep_rows: bool = False,
                  checked: CheckedWorkbook | None = None) -> OpenedWorkbook:
    """Open ``path`` read-only and parse it. Raises UnreadableInputError / WrongKindError.

    ``kind`` (a kind name) makes any other kind a WrongKindError ("salah templat"); ``checked``:
    a preflight already made for this file (see ``reader.open_calamine``).
    """
    p = Path(path)
    cwb = rd.open_calamine(p, checked=checked)
    try:
        id_name, id_raw = rd.read_identitas_raw(cwb, p)
        schema, version = rd._detect_kind(cwb, p, id_raw)
        if kind is not None:
            wanted = get_schema(kind)
            if wanted.kind != schema.kind:
                raise WrongKindError(
                    f"workbook ini berjenis '{schema.kind}', bukan '{wanted.kind}' (salah templat).", path=p)
        identitas = rd._parse_identitas(schema, id_name, id_raw)
        year = identitas.values.get("tahun")
        year = year if isinstance(year, int) else None
        names = list(cwb.sheet_names)
        large = {} if stream_threshold is None or header_only else _streamed_parts(cwb, p, stream_threshold)
        sheets: dict[str, SheetData] = {}
        missing: list[SheetSpec] = []
        merged: dict[str, list[str]] = {}
        all_rows: dict[str, Rows] = {}
        for spec in schema.sheets:
            name = rd._find_sheet(names, spec.name)
            if name is None:
                missing.append(spec)
                continue
            ranges: Ranges
            if header_only:
                head = list(enumerate(cwb.get_sheet_by_name(name).to_python(skip_empty_area=False,
                                                                            nrows=rd.HEADER_SCAN_ROWS)))
                sheets[spec.key] = SheetData(rd._layout_of(head, schema, spec, name), [])
                continue
            if name in large:
                layout, stream, ranges = _streamed(p, large[name], schema, spec, name, year)
                records: Any = stream  # iterable like the list, re-read on each pass
                sheets[spec.key] = SheetData(layout, records)
            else:
                rows, ranges = rd._load_sheet(cwb, name, p)
                layout = rd._layout_of(rows, schema, spec, name)
                sheets[spec.key] = SheetData(layout, list(rd.records_from_rows(rows, schema, layout, ranges,
                                                                               year=year)))
                if keep_rows:
                    all_rows[spec.key] = rows
            if ranges:
                merged[name] = [f"{cell_address(a[0] + 1, a[1] + 1)}:{cell_address(b[0] + 1, b[1] + 1)}"
                                for a, b in ranges]
        return OpenedWorkbook(p, schema, version, identitas, sheets, missing, names, _hidden_sheets(cwb), merged,
                              rows=all_rows)
    finally:
        cwb.close()


def _hidden_sheets(cwb: Any) -> list[tuple[str, str]]:
    """(name, "hidden" | "very hidden") of every sheet a user does not see."""
    hidden = []
    for meta in cwb.sheets_metadata:
        vis = str(meta.visible)
        if vis.endswith("VeryHidden"):
            hidden.append((meta.name, "very hidden"))
        elif vis.endswith("Hidden"):
            hidden.append((meta.name, "hidden"))
    return hidden


def _streamed_parts(cwb: rd.CalamineBook, path: Path, threshold: int) -> dict[str, SheetPart]:
    """The sheets streamed instead of loaded: larger than ``threshold`` bytes of XML, or too large
    to be read whole at all (``bounds.check_loadable``: a streaming reader may still check them)."""
    parts = _large_parts(path, -1)
    out: dict[str, SheetPart] = {}
    for name, part in parts.items():
        facts = cwb.facts_of(name)
        if part.size > threshold or (facts is not None and not bounds.loadable(facts)):
            out[name] = part
    return out


def _large_parts(path: Path, threshold: int) -> dict[str, SheetPart]:
    """The sheets whose XML part is larger than ``threshold`` bytes, by sheet name."""
    try:
        with zipfile.ZipFile(path) as zf:
            return {part.name: part for part in sheet_parts(zf) if part.size > threshold}
    except (OSError, zipfile.BadZipFile) as exc:
        raise UnreadableInputError(f"workbook tidak dapat dibuka (bukan zip yang utuh){debug_detail(exc)}.", path=path) from exc
    except Exception as exc:  # broken XML in a part calamine did not need
        raise UnreadableInputError(f"struktur workbook rusak{debug_detail(exc)}.", path=path) from exc


def _streamed(path: Path, part: SheetPart, schema: WorkbookSchema, spec: SheetSpec, name: str,
              year: int | None) -> tuple[SheetLayout, RecordStream, Ranges]:
    with zipfile.ZipFile(path) as zf:
        stream = SheetStream(path, part, shared_strings(zf), date_styles(zf))
        ranges = merged_ranges(zf, part)
    layout = rd._layout_of(list(stream.rows(limit=rd.HEADER_SCAN_ROWS)), schema, spec, name)
    return layout, RecordStream(stream, schema, layout, ranges, year), ranges
