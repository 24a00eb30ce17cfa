"""Results written into the calling workbook through a :class:`BookAdapter`.

- validation: the *Hasil Validasi* sheet (``toolkit.validation.results``, the same table as
  ``integritas validasi --tulis-hasil``) and the cells of each
  finding coloured (red = galat, yellow = peringatan). The colour a cell had before is
  kept in the sheet so the next run puts it back before colouring again;
- evidence: a *Checklist Bukti* sheet (completeness, per area, one row per item);
- documents: a *Dokumen* sheet listing the documents produced, newest first.

Every value is written as text (a unit's ``=HYPERLINK(...)`` stays inert).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from toolkit.excel.adapter import BookAdapter
from toolkit.indonesian import format_value
from toolkit.validation.results import (
    HEADER_ROW,
    HEADERS,
    RESULT_SHEET,
    WIDTHS,
    finding_row,
    heading,
    no_findings_row,
)
from toolkit.workbook.palette import SEVERITY_FILL

RESULTS_SHEET = RESULT_SHEET
CHECKLIST_SHEET = "Checklist Bukti"
DOCUMENTS_SHEET = "Dokumen"
ERROR_FILL = SEVERITY_FILL["error"]
WARNING_FILL = SEVERITY_FILL["warning"]
_CELL = re.compile(r"^\$?[A-Z]{1,3}\$?\d+$")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "label") and callable(value.label):
        return str(value.label())
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def previous_highlights(book: BookAdapter) -> list[tuple[str, str, str | None]]:
    """(sheet, cell, colour before) of the cells the last validation coloured."""
    if RESULTS_SHEET not in book.sheet_names():
        return []
    rows = book.read_values(RESULTS_SHEET)
    out: list[tuple[str, str, str | None]] = []
    header: list[str] | None = None
    for row in rows:
        cells = [_text(v) for v in row]
        if header is None:
            if "Sheet" in cells and "Sel" in cells:
                header = cells
            continue
        record = dict(zip(header, cells, strict=False))
        sheet, cell = record.get("Sheet", ""), record.get("Sel", "")
        if sheet and _CELL.match(cell):
            out.append((sheet, cell, record.get("Warna sel semula") or None))
    return out


def write_findings(book: BookAdapter, report: Any, *, after: str | None = None,
                   now: dt.datetime | None = None) -> int:
    """Write ``report`` into the book; return how many cells were coloured."""
    names = set(book.sheet_names())
    # 1. put back the colours of the last run
    restore: dict[tuple[str, str | None], list[str]] = {}
    for sheet, cell, color in previous_highlights(book):
        if sheet in names:
            restore.setdefault((sheet, color), []).append(cell)
    for (sheet, color), cells in restore.items():
        book.set_fill(sheet, cells, color)
    # 2. which cells to colour now (an error wins over a warning on the same cell)
    marks: dict[tuple[str, str], str] = {}
    for f in report.findings:
        if f.sheet in names and f.sheet != RESULTS_SHEET and _CELL.match(f.cell or ""):
            key = (f.sheet, f.cell.replace("$", ""))
            if marks.get(key) != "error":
                marks[key] = f.severity
    before = {key: book.get_fill(*key) for key in marks}
    # 3. the results sheet
    book.replace_sheet(RESULTS_SHEET, after=after)
    rows = heading(report, book.name, advice="Perbaiki, lalu tekan Validasi lagi.", now=now)
    for i, f in enumerate(report.findings, start=1):
        key = (f.sheet, (f.cell or "").replace("$", ""))
        rows.append(finding_row(i, f, value=format_value(f.value), previous_fill=before.get(key) or "" if key in marks else ""))
    if not report.findings:
        rows.append(no_findings_row())
    book.write_rows(RESULTS_SHEET, "A1", rows, text=True)
    book.set_bold(RESULTS_SHEET, "A1")
    book.set_bold(RESULTS_SHEET, f"A{HEADER_ROW}:{chr(64 + len(HEADERS))}{HEADER_ROW}")
    book.set_column_widths(RESULTS_SHEET, WIDTHS)
    # 4. colour
    by_color: dict[tuple[str, str], list[str]] = {}
    for (sheet, cell), severity in marks.items():
        by_color.setdefault((sheet, ERROR_FILL if severity == "error" else WARNING_FILL), []).append(cell)
    for (sheet, color), cells in by_color.items():
        book.set_fill(sheet, cells, color)
    book.activate(RESULTS_SHEET)
    return len(marks)


def read_findings(book: BookAdapter) -> list[dict[str, str]]:
    """The findings table of the *Hasil Validasi* sheet as dicts (header -> text)."""
    rows = book.read_values(RESULTS_SHEET)
    header: list[str] | None = None
    out: list[dict[str, str]] = []
    for row in rows:
        cells = [_text(v) for v in row]
        if header is None:
            if cells[:2] == ["No", "Tingkat"]:
                header = cells
            continue
        if cells and cells[0]:
            out.append(dict(zip(header, cells, strict=False)))
    return out


def write_table(book: BookAdapter, sheet: str, title: str, summary: Sequence[str],
                headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
                *, after: str | None = None) -> int:
    """A sheet with a title, summary lines and one table; returns the 1-based header row."""
    book.replace_sheet(sheet, after=after)
    data: list[list[Any]] = [[title], *[[s] for s in summary], [], list(headers)]
    header_row = len(data)
    data.extend([_text(v) for v in r] for r in rows)
    book.write_rows(sheet, "A1", data, text=True)
    book.set_bold(sheet, "A1")
    book.set_bold(sheet, f"A{header_row}:{chr(64 + len(headers))}{header_row}")
    book.set_column_widths(sheet, widths)
    book.activate(sheet)
    return header_row


def read_table(book: BookAdapter, sheet: str, first_header: str) -> list[dict[str, str]]:
    """Rows below the header row whose first cell is ``first_header``, as dicts."""
    header: list[str] | None = None
    out: list[dict[str, str]] = []
    for row in book.read_values(sheet):
        cells = [_text(v) for v in row]
        if header is None:
            if cells and cells[0] == first_header:
                header = cells
            continue
        if any(cells):
            out.append(dict(zip(header, cells, strict=False)))
    return out
