"""REKAP.xlsx: what a head of office reads in a minute (XlsxWriter, ``constant_memory``).

Sheets, in order:

* **Ringkasan** (:mod:`toolkit.rekap.sheets`): one screen, one printed page — how are we
  doing (key figures, traffic lights), who is behind (lowest scores, best five), who has
  not sent — with the definition of the score beside the figures;
* **Grafik** (:mod:`toolkit.rekap.charts`): charts on a grid that never overlaps, readable
  at 10 and at 1,000 units (distribution, lowest/highest ten, status, areas, trend);
* **Peringkat**, **Status Unit**, **Progres Area** (when the kind has areas), **Tren**;
* **Data <sheet>**: one long table per sheet of the kind, every accepted row, the
  unit columns first, then the template's columns, then any column a unit added;
* **Temuan**, **Belum Mengirim**, **Daftar File**, **Data Grafik**.

Everything that came from a unit's file is written with ``write_string``/``write_number``/
``write_datetime`` according to its type and the workbook option
``strings_to_formulas=False``: a text such as ``=HYPERLINK(...)`` stays text.
Rows are streamed from the workers' spills one unit at a time, so memory does not
grow with the number of units. Every sheet prints on A4 landscape, one page wide.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from toolkit import __version__
from toolkit.rekap.charts import CHART_DATA_SHEET, CHART_SHEET, TREND_SHEET, write_charts, write_trend_sheet
from toolkit.rekap.extract import Spill, Submission, load_spill, progress_groups
from toolkit.rekap.fastsheet import FastWorksheet
from toolkit.rekap.figures import overview
from toolkit.rekap.merge import RekapResult, UnitStatus
from toolkit.rekap.sheets import (
    AREAS_SHEET,
    FILES_SHEET,
    MISSING_SHEET,
    RANKING_SHEET,
    SUMMARY_SHEET,
    UNITS_SHEET,
    write_areas,
    write_files,
    write_missing,
    write_ranking,
    write_status,
    write_summary,
)
from toolkit.rekap.trends import TrendTable
from toolkit.rekap.xlsxstyle import Fmt, fit_widths, header, print_setup, text_rule, write_value
from toolkit.schemas import WorkbookSchema
from toolkit.validation.report import SEVERITY_LABEL
from toolkit.workbook.cells import XLSX_OPTIONS

FINDINGS_SHEET = "Temuan"
__all__ = ["AREAS_SHEET", "CHART_DATA_SHEET", "CHART_SHEET", "FILES_SHEET", "FINDINGS_SHEET", "MISSING_SHEET",
           "RANKING_SHEET", "SUMMARY_SHEET", "TREND_SHEET", "UNITS_SHEET", "RekapWriter", "write_rekap",
           "write_value"]
UNIT_COLUMNS = ("Kode Unit", "Nama Unit", "Jenis Unit", "Unit Induk", "Tahun", "Periode", "File", "Baris Asal")


def data_sheet_name(sheet_name: str) -> str:
    return f"Data {sheet_name}"[:31]


def _text_rule(ws: Worksheet, r0: int, c: int, r1: int, text: str, f: Any) -> None:
    text_rule(ws, r0, c, r1, text, f)


def write_rekap(result: RekapResult, output: str | Path, *,
                on_unit: Callable[[], None] | None = None, trend: TrendTable | None = None) -> Path:
    """Write REKAP.xlsx for ``result``; ``on_unit`` is called after each accepted unit's rows;
    ``trend`` (units x periods, :func:`toolkit.rekap.trends.trend_table`) fills the Tren sheet."""
    writer = RekapWriter(output, result.schema, accepted_extras(result))
    for us in result.accepted:
        if us.submission is None:
            continue
        writer.add_unit(us)
        if on_unit is not None:
            on_unit()
    return writer.finish(result, trend=trend)


def accepted_extras(result: RekapResult) -> dict[str, list[str]]:
    """Per sheet key, the headers of the columns the template does not know, over every accepted unit."""
    return extras_of(result.schema, [us.submission for us in result.accepted if us.submission is not None])


def extras_of(schema: WorkbookSchema, subs: Sequence[Submission]) -> dict[str, list[str]]:
    extras: dict[str, list[str]] = {spec.key: [] for spec in schema.sheets}
    for sub in subs:
        for key, headers in sub.unknown_columns.items():
            for h in headers:
                if h not in extras[key]:
                    extras[key].append(h)
    return extras


def unit_signature(us: UnitStatus) -> tuple[Any, ...]:
    """Everything of an accepted unit that its rows in the data and findings sheets depend on."""
    sub = us.submission
    assert sub is not None
    u = us.unit
    return (sub.path, sub.spill, u.kode, u.nama, u.jenis, u.induk, sub.identitas.get("tahun"),
            sub.identitas.get("periode"), sub.name)


class RekapWriter:
    """REKAP.xlsx written in two steps, so that the long tables can be streamed while files are read.

    ``add_unit`` appends one accepted unit's rows and findings (in the order called:
    the order of the units in the list); ``finish`` writes the summary, charts,
    *Belum Mengirim* and *Daftar File* sheets once everything is known and closes the
    file. The sheet order in the workbook is fixed at creation. ``write_rekap`` is
    the one-call form.
    """

    def __init__(self, output: str | Path, schema: WorkbookSchema, extras: dict[str, list[str]]) -> None:
        self.out = Path(output)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.extras = {spec.key: list(extras.get(spec.key, [])) for spec in schema.sheets}
        # nan_inf_to_errors: a value that is not a finite number becomes #NUM! in its cell instead of
        # stopping the whole recap (values out of a column's range are findings and never summed)
        wb = xlsxwriter.Workbook(str(self.out), {**XLSX_OPTIONS, "constant_memory": True})
        wb.set_properties({"title": f"Rekap {schema.title}", "subject": schema.kind,
                           "author": "Integritas toolkit", "comments": f"toolkit {__version__}"})
        self.wb = wb
        self.fmt = fmt = Fmt(wb)
        self.summary = wb.add_worksheet(SUMMARY_SHEET)
        self.chart_ws = wb.add_worksheet(CHART_SHEET)
        self.ranking_ws = wb.add_worksheet(RANKING_SHEET)
        self.units_ws = wb.add_worksheet(UNITS_SHEET)
        self.areas_ws = wb.add_worksheet(AREAS_SHEET) if _has_areas(schema) else None
        self.trend_ws = wb.add_worksheet(TREND_SHEET)
        # the long tables: XlsxWriter's worksheet with a cheaper inner loop (same XML, see fastsheet.py)
        self.data_ws = {spec.key: wb.add_worksheet(data_sheet_name(spec.name), worksheet_class=FastWorksheet)
                        for spec in schema.sheets}
        self.findings_ws = wb.add_worksheet(FINDINGS_SHEET, worksheet_class=FastWorksheet)
        self.missing_ws = wb.add_worksheet(MISSING_SHEET)
        self.files_ws = wb.add_worksheet(FILES_SHEET)
        self.chart_data_ws = wb.add_worksheet(CHART_DATA_SHEET)
        self.layouts: dict[str, tuple[list[str], dict[str, int]]] = {}
        for spec in schema.sheets:
            ws = self.data_ws[spec.key]
            heads = [*UNIT_COLUMNS, *[c.header for c in spec.columns],
                     *[f"{h} [kolom tambahan]" for h in self.extras[spec.key]]]
            declared = [12, 36, 10, 24, 7, 9, 24, 7, *[min(max(c.width, 6), 40) for c in spec.columns],
                        *[18] * len(self.extras[spec.key])]
            header(ws, 0, heads, fmt, fit_widths(heads, [], declared=declared))
            ws.freeze_panes(1, 2)
            print_setup(ws, header_row=0)
            col_index = {c.key: len(UNIT_COLUMNS) + i for i, c in enumerate(spec.columns)}
            for i, h in enumerate(self.extras[spec.key]):
                col_index["\0" + h] = len(UNIT_COLUMNS) + len(spec.columns) + i
            self.layouts[spec.key] = (heads, col_index)
        self.f_heads = ["Kode Unit", "Nama Unit", "File", "Sheet", "Sel", "Aturan", "Tingkat", "Pesan", "Nilai"]
        header(self.findings_ws, 0, self.f_heads, fmt,
               fit_widths(self.f_heads, [], declared=[12, 34, 24, 16, 7, 22, 10, 70, 30]))
        self.findings_ws.freeze_panes(1, 2)
        print_setup(self.findings_ws, header_row=0)
        self.next_row = {key: 1 for key in self.data_ws}
        self.f_row = 1
        self.written: list[tuple[Any, ...]] = []  # unit_signature of every unit added, in order

    def add_unit(self, us: UnitStatus) -> None:
        """Append one accepted unit's rows (every sheet) and findings."""
        sub = us.submission
        assert sub is not None
        fmt = self.fmt
        spill: Spill = load_spill(sub.spill)
        unit_values = [us.unit.kode, us.unit.nama, us.unit.jenis, us.unit.induk,
                       sub.identitas.get("tahun"), sub.identitas.get("periode"), sub.name]
        unit_cells = [(c, v) for c, v in enumerate(unit_values) if v is not None]
        unit_fast = [(c, v) for c, v in unit_cells if _plain_cell(v)]
        unit_slow = [(c, v) for c, v in unit_cells if not _plain_cell(v)]
        row_col = len(UNIT_COLUMNS) - 1
        for key, sheet_rows in spill.sheets.items():
            ws = self.data_ws[key]
            _heads, col_index = self.layouts[key]
            positions = [col_index[k] for k in sheet_rows.columns]
            extra_pos = [col_index["\0" + h] for h in sheet_rows.extras]
            put = _cell_writer(ws, fmt)
            put_cells = ws.put_cells if isinstance(ws, FastWorksheet) else None
            within = (0, len(_heads) - 1)
            r = self.next_row[key]
            for excel_row, values, extra_values in sheet_rows.rows:
                # text and finite numbers in one call per row; anything else (dates, …) by write_value
                cells = [*unit_fast, (row_col, excel_row)]
                slow = list(unit_slow)
                for c, v in zip(positions, values, strict=True):
                    if v is not None:
                        (cells if _plain_cell(v) else slow).append((c, v))
                for c, v in zip(extra_pos, extra_values, strict=True):
                    if v is not None:
                        (cells if _plain_cell(v) else slow).append((c, v))
                if put_cells is not None:
                    put_cells(r, cells, within)
                else:
                    for c, v in cells:
                        put(r, c, v)
                for c, v in slow:
                    put(r, c, v)
                r += 1
            self.next_row[key] = r
        findings_ws = self.findings_ws
        for f in spill.findings:
            for c, v in enumerate((us.unit.kode, us.unit.nama, sub.name, f.sheet, f.cell, f.rule_id,
                                   SEVERITY_LABEL.get(f.severity, f.severity).capitalize(), f.message, f.value)):
                if v:
                    findings_ws.write_string(self.f_row, c, str(v))
            self.f_row += 1
        self.written.append(unit_signature(us))

    def finish(self, result: RekapResult, *, trend: TrendTable | None = None) -> Path:
        """Write the sheets that need the whole result, then close the file."""
        try:
            return self._finish(result, trend)
        except BaseException:
            self.abandon()
            raise

    def _finish(self, result: RekapResult, trend: TrendTable | None) -> Path:
        fmt = self.fmt
        ov = overview(result)
        write_summary(self.summary, ov, fmt)
        self.chart_titles = write_charts(self.wb, self.chart_ws, self.chart_data_ws, ov, fmt, trend)
        write_ranking(self.ranking_ws, ov, fmt)
        write_status(self.units_ws, ov, fmt)
        if self.areas_ws is not None:
            write_areas(self.areas_ws, ov, fmt)
        write_trend_sheet(self.trend_ws, trend, fmt, ov.period)
        for key, ws in self.data_ws.items():
            heads, _ci = self.layouts[key]
            ws.autofilter(0, 0, max(self.next_row[key] - 1, 1), len(heads) - 1)
        f_row = self.f_row
        self.findings_ws.autofilter(0, 0, max(f_row - 1, 1), len(self.f_heads) - 1)
        _text_rule(self.findings_ws, 1, 6, f_row - 1, "Galat", fmt.red)
        _text_rule(self.findings_ws, 1, 6, f_row - 1, "Peringatan", fmt.yellow)
        write_missing(self.missing_ws, result, fmt)
        write_files(self.files_ws, result, fmt)
        self.summary.activate()
        self.wb.close()
        return self.out

    def matches(self, result: RekapResult) -> bool:
        """Whether what was streamed is exactly what ``result`` would write (units, order, extra columns)."""
        accepted = [us for us in result.accepted if us.submission is not None]
        return (result.schema.kind == self.schema.kind and accepted_extras(result) == self.extras
                and [unit_signature(us) for us in accepted] == self.written)

    def discard(self) -> None:
        """Close and delete a file that will not be used (its temporary parts go with it)."""
        try:
            self.wb.close()
        except Exception:
            self.abandon()
        finally:
            self.out.unlink(missing_ok=True)

    def abandon(self) -> None:
        """After a failure: close and delete the sheets' temporary row files (constant_memory keeps one per
        sheet, opened with mkstemp: left open they are ResourceWarnings and files left in /tmp) and the output."""
        for ws in self.wb.worksheets():
            fh, name = getattr(ws, "row_data_fh", None), getattr(ws, "row_data_filename", None)
            with contextlib.suppress(OSError):
                if fh is not None and not fh.closed:
                    fh.close()
            if name:
                with contextlib.suppress(OSError):
                    os.unlink(name)
        self.wb.fileclosed = True  # nothing to write at exit
        with contextlib.suppress(OSError):
            self.out.unlink(missing_ok=True)


def _plain_cell(value: Any) -> bool:
    """Text or a finite int/float (not bool): what ``write_value`` writes with write_string/write_number."""
    t = value.__class__
    return t is str or t is int or (t is float and math.isfinite(value))


def _has_areas(schema: WorkbookSchema) -> bool:
    return bool(progress_groups(schema))


def _cell_writer(ws: Worksheet, fmt: Fmt) -> Callable[[int, int, Any], None]:
    """``write_value`` for one worksheet with the usual types dispatched first (the inner loop)."""
    if isinstance(ws, FastWorksheet):
        write_string, write_number = ws.write_text_fast, ws.write_number_fast
    else:
        write_string, write_number = ws.write_string, ws.write_number

    def put(r: int, c: int, value: Any) -> None:
        t = value.__class__
        if t is str:
            write_string(r, c, value)
        elif t is int or (t is float and math.isfinite(value)):
            write_number(r, c, value)
        else:
            write_value(ws, r, c, value, fmt)

    return put


def unit_label(us: UnitStatus) -> str:
    return f"{us.unit.kode} {us.unit.nama}"
