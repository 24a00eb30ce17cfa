"""Write the findings into a copy of the workbook, keeping everything else byte for byte.

``write_results_copy(src, report)`` writes ``<name>.hasil.xlsx`` (or ``.xlsm``) next to
the input. The copy has

- a new last sheet *Hasil Validasi* (``toolkit.validation.results``: the same table the
  Validasi button writes): one row per finding (severity, sheet, cell with a hyperlink to
  it, row, column, rule, value, message), all written as text;
- each offending cell filled (red for an error, yellow for a warning) with a
  comment holding the messages.

The copy is made by :func:`toolkit.workbook.safe_copy.write_safe_copy` (zip-level
surgery: every original part, including ``xl/vbaProject.bin``, form buttons, drawings,
data validations, conditional formats and defined names, is copied unchanged). Where
that cannot be done safely (Strict Open XML, a sheet whose XML is not as expected)
nothing is written and :class:`~toolkit.errors.UnsafeWriteError` says why.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from toolkit.errors import UnsafeWriteError
from toolkit.indonesian import format_value
from toolkit.validation.engine import MAX_FINDINGS
from toolkit.validation.report import SEVERITY_LABEL, Finding, Report
from toolkit.validation.results import HEADER_ROW, RESULT_SHEET, WIDTHS, finding_row, heading, no_findings_row
from toolkit.workbook.bounds import check_loadable
from toolkit.workbook.donor import URL_LIMIT
from toolkit.workbook.limits import LimitError
from toolkit.workbook.preflight import CheckedWorkbook, check_workbook
from toolkit.workbook.safe_copy import (
    MAX_MARKED_CELLS,
    Link,
    Mark,
    NewSheet,
    check_destination,
    default_copy_path,
    quote_sheet,
    sheet_names,
    write_safe_copy,
)

MAX_RESULT_ROWS = 1_000_000
# validasi --tulis-hasil streams a sheet past this size of XML (a 34 MB sheet of 70,000 rows: 230 MB
# streamed, 580 MB read whole), so that the validation and the copy together stay far below 1 GiB
COPY_STREAM_BYTES = 8 * 1024 * 1024
MAX_LINKS = URL_LIMIT  # Excel's limit of hyperlinks in one worksheet (XlsxWriter drops the rest with a warning)

__all__ = ["COPY_STREAM_BYTES", "MAX_LINKS", "check_copyable", "MAX_MARKED_CELLS", "MAX_RESULT_ROWS", "RESULT_SHEET", "default_destination", "finding_marks",
           "result_rows", "results_sheet", "write_results_copy"]


def default_destination(src: Path) -> Path:
    return default_copy_path(src, "hasil")


def write_results_copy(src: str | Path, report: Report, dest: str | Path | None = None, *,
                       overwrite: bool = False) -> Path:
    """Write a copy of ``src`` with the findings; return its path. The input is never touched."""
    marked = {f.sheet for f in report.findings if f.sheet and f.cell}
    try:
        checked = check_copyable(src, marked)
    except LimitError as exc:  # the copy cannot be made; the findings stand (not the file's time budget)
        raise UnsafeWriteError(exc.message, path=exc.path) from None
    source = checked.path
    target = Path(dest) if dest is not None else default_destination(source)
    check_destination(source, target, overwrite=overwrite)
    sheet = results_sheet(report, set(sheet_names(source)), title=source.name)
    return write_safe_copy(source, target, [sheet], finding_marks(report.findings), overwrite=overwrite,
                           on_clash="rename", what="hasil validasi", checked=checked)


def check_copyable(src: str | Path, sheets: Collection[str] | None = None) -> CheckedWorkbook:
    """The preflight of ``src`` plus the limit of a copy with marks: a sheet with marks is rewritten in
    memory, so it must be within ``bounds.check_loadable``. ``sheets``: the sheets that get marks (None:
    every sheet); the others are copied byte for byte, whatever their size — a unit's own large
    sheet beside the plan never stops the copy."""
    checked = check_workbook(src)
    wanted = None if sheets is None else {s.casefold() for s in sheets}
    for facts in checked.facts.sheets.values():
        if wanted is not None and facts.sheet.casefold() not in wanted:
            continue
        check_loadable(facts, checked.path, why="ditandai di salinan hasil",
                       advice="Jalankan validasi tanpa --tulis-hasil untuk daftar temuannya.")
    return checked


def results_sheet(report: Report, linkable: Collection[str] = (), name: str = RESULT_SHEET, *,
                  title: str = "") -> NewSheet:
    """The *Hasil Validasi* sheet (:mod:`toolkit.validation.results`); a finding's cell links to it when
    its sheet is in ``linkable``."""
    body: Iterable[list[Any]] = result_rows(report.findings, linkable) if report.findings else [no_findings_row()]
    return NewSheet(name, rows=itertools.chain(heading(report, title or str(report.path or ""),
                                                       advice=limits_note(report)), body),
                    header_rows={0, HEADER_ROW - 1}, widths=WIDTHS, freeze=f"A{HEADER_ROW + 1}")


def limits_note(report: Report) -> str:
    """What the copy could not hold, said in the sheet itself (row 3): links past Excel's limit of
    hyperlinks per sheet, cells past :data:`MAX_MARKED_CELLS`, findings past the engine's limit
    (counted in ``report.omitted``, not kept)."""
    notes = []
    n = len(report.findings)
    if n > MAX_LINKS:
        notes.append(f"Tautan ke sel hanya pada {_n(MAX_LINKS)} temuan pertama (batas Excel per sheet); "
                     f"{_n(n - MAX_LINKS)} temuan berikutnya tanpa tautan.")
    cells = len({(f.sheet, f.cell) for f in report.findings if f.cell})
    if cells > MAX_MARKED_CELLS:
        notes.append(f"Hanya {_n(MAX_MARKED_CELLS)} sel bermasalah pertama yang diwarnai dan diberi catatan "
                     f"(dari {_n(cells)}).")
    if n >= MAX_RESULT_ROWS:
        notes.append(f"Tabel ini memuat {_n(MAX_RESULT_ROWS - 1)} temuan pertama.")
    if report.omitted:
        notes.append(f"{_n(report.omitted)} temuan berikutnya tidak dicantumkan (batas {_n(MAX_FINDINGS)} temuan "
                     "per file); perbaiki temuan di atas lalu validasi ulang.")
    return " ".join(notes)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def finding_marks(findings: Iterable[Finding]) -> list[Mark]:
    """One highlight and note per finding with a cell ("[Galat] RULE: message")."""
    return [Mark(f.sheet, f.cell, f.severity, f"[{SEVERITY_LABEL.get(f.severity, f.severity)}] {f.rule_id}: "
                 f"{f.message}") for f in findings if f.cell]


def result_rows(findings: Iterable[Finding], linkable: Collection[str] = ()) -> Iterator[list[Any]]:
    """The data rows of the Hasil Validasi sheet (without the header)."""
    for n, f in enumerate(findings, start=1):
        if n >= MAX_RESULT_ROWS:
            break
        cell = Link(f.cell, f"#{quote_sheet(f.sheet)}!{f.cell}") if f.cell and f.sheet in linkable \
            and n <= MAX_LINKS else f.cell
        yield finding_row(n, f, cell=cell, value=format_value(f.value))
