"""REKAP.xlsx: what a head of office reads in a minute (XlsxWriter, ``constant_memory``).

Sheets, in order:

* **Ringkasan**: key figures, then one row per unit of the list: sudah kirim?,
  tanggal kirim, tepat waktu?, galat and peringatan, progres per area, rata-rata,
  kelengkapan bukti, nilai; traffic-light conditional formatting.
* **Grafik**: progress per area (average, lowest, highest) and per unit, with two
  native Excel charts (``xl/charts/chart1.xml`` = progress per area across units).
* **Data <sheet>**: one long table per sheet of the kind, every accepted row, the
  unit columns first, then the template's columns, then any column a unit added.
* **Temuan**: every finding of every accepted workbook.
* **Belum Mengirim**: units of the list without an accepted workbook.
* **Daftar File**: every file read, with its status (Diterima, Digantikan, Unit Tidak
  Dikenal, Tidak Terbaca, Jenis Lain), the reason, mapped/added columns and sha256.

Everything that came from a unit's file is written with ``write_string``/``write_number``/
``write_datetime`` according to its type and the workbook option
``strings_to_formulas=False``: a text such as ``=HYPERLINK(...)`` stays text.
Rows are streamed from the workers' spills one unit at a time, so memory does not
grow with the number of units.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from toolkit import __version__
from toolkit.indonesian import EXCEL_DATE_FORMAT, EXCEL_DATETIME_FORMAT, format_tanggal
from toolkit.rekap.extract import Spill, Submission, load_spill, progress_groups
from toolkit.rekap.fastsheet import FastWorksheet
from toolkit.rekap.merge import ACCEPTED, FILE_STATUSES, SUPERSEDED, RekapResult, UnitStatus
from toolkit.schemas import WorkbookSchema
from toolkit.workbook.cells import cell_address

SUMMARY_SHEET = "Ringkasan"
CHART_SHEET = "Grafik"
FINDINGS_SHEET = "Temuan"
MISSING_SHEET = "Belum Mengirim"
FILES_SHEET = "Daftar File"
GREEN, YELLOW, RED = "#C6EFCE", "#FFEB9C", "#FFC7CE"
SEVERITY_LABEL = {"error": "Galat", "warning": "Peringatan"}
UNIT_COLUMNS = ("Kode Unit", "Nama Unit", "Jenis Unit", "Unit Induk", "Tahun", "Periode", "File", "Baris Asal")


def data_sheet_name(sheet_name: str) -> str:
    return f"Data {sheet_name}"[:31]


class _Fmt:
    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 10}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "font_color": "#1F4E78"})
        self.sub = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.label = wb.add_format({**base, "bold": True})
        self.head = wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78",
                                   "border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"})
        self.text = wb.add_format(base)
        self.date = wb.add_format({**base, "num_format": EXCEL_DATE_FORMAT, "align": "left"})
        self.stamp = wb.add_format({**base, "num_format": EXCEL_DATETIME_FORMAT, "align": "left"})
        self.pct = wb.add_format({**base, "num_format": "0.0"})
        self.int = wb.add_format({**base, "num_format": "0"})
        self.green = wb.add_format({"bg_color": GREEN, "font_color": "#006100"})
        self.yellow = wb.add_format({"bg_color": YELLOW, "font_color": "#9C5700"})
        self.red = wb.add_format({"bg_color": RED, "font_color": "#9C0006"})


def write_value(ws: Worksheet, r: int, c: int, value: Any, fmt: _Fmt) -> None:
    """A cell value from a unit's file, written by its type; text is always text."""
    if value is None:
        return
    if isinstance(value, str):
        ws.write_string(r, c, value)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            ws.write_string(r, c, str(value))
        else:
            ws.write_number(r, c, value)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, fmt.stamp if (value.hour or value.minute or value.second) else fmt.date)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt.date)
    else:  # time, timedelta, anything exotic: its text
        ws.write_string(r, c, value.isoformat() if hasattr(value, "isoformat") else str(value))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_tanggal(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header(ws: Worksheet, r: int, headers: Sequence[str], fmt: _Fmt, widths: Sequence[float] | None = None) -> None:
    ws.set_row(r, 30)
    for c, h in enumerate(headers):
        ws.write_string(r, c, h, fmt.head)
        if widths:
            ws.set_column(c, c, widths[c])


def _traffic(ws: Worksheet, r0: int, c0: int, r1: int, c1: int, fmt: _Fmt, *, green: float = 80,
             yellow: float = 50) -> None:
    """Percent cells: green >= 80, yellow 50–80, red < 50; blank cells stay white."""
    if r1 < r0:
        return
    first = cell_address(r0 + 1, c0 + 1)
    rules = ((f"=AND(ISNUMBER({first}),{first}>={green})", fmt.green),
             (f"=AND(ISNUMBER({first}),{first}>={yellow},{first}<{green})", fmt.yellow),
             (f"=AND(ISNUMBER({first}),{first}<{yellow})", fmt.red))
    for formula, f in rules:
        ws.conditional_format(r0, c0, r1, c1, {"type": "formula", "criteria": formula, "format": f})


def _text_rule(ws: Worksheet, r0: int, c: int, r1: int, text: str, f: Any) -> None:
    if r1 >= r0:
        ws.conditional_format(r0, c, r1, c, {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": f})


def write_rekap(result: RekapResult, output: str | Path, *,
                on_unit: Callable[[], None] | None = None) -> Path:
    """Write REKAP.xlsx for ``result``; ``on_unit`` is called after each accepted unit's rows."""
    writer = RekapWriter(output, result.schema, accepted_extras(result))
    for us in result.accepted:
        if us.submission is None:
            continue
        writer.add_unit(us)
        if on_unit is not None:
            on_unit()
    return writer.finish(result)


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
        wb = xlsxwriter.Workbook(str(self.out), {"constant_memory": True, "strings_to_formulas": False,
                                                 "strings_to_urls": False, "strings_to_numbers": False})
        wb.set_properties({"title": f"Rekap {schema.title}", "subject": schema.kind,
                           "author": "Integritas toolkit", "comments": f"toolkit {__version__}"})
        self.wb = wb
        self.fmt = fmt = _Fmt(wb)
        self.summary = wb.add_worksheet(SUMMARY_SHEET)
        self.chart_ws = wb.add_worksheet(CHART_SHEET)
        # the long tables: XlsxWriter's worksheet with a cheaper inner loop (same XML, see fastsheet.py)
        self.data_ws = {spec.key: wb.add_worksheet(data_sheet_name(spec.name), worksheet_class=FastWorksheet)
                        for spec in schema.sheets}
        self.findings_ws = wb.add_worksheet(FINDINGS_SHEET, worksheet_class=FastWorksheet)
        self.missing_ws = wb.add_worksheet(MISSING_SHEET)
        self.files_ws = wb.add_worksheet(FILES_SHEET)
        self.layouts: dict[str, tuple[list[str], dict[str, int]]] = {}
        for spec in schema.sheets:
            ws = self.data_ws[spec.key]
            heads = [*UNIT_COLUMNS, *[c.header for c in spec.columns],
                     *[f"{h} [kolom tambahan]" for h in self.extras[spec.key]]]
            widths = [12, 36, 10, 24, 7, 9, 24, 7, *[min(max(c.width, 6), 40) for c in spec.columns],
                      *[18] * len(self.extras[spec.key])]
            _header(ws, 0, heads, fmt, widths)
            ws.freeze_panes(1, 2)
            col_index = {c.key: len(UNIT_COLUMNS) + i for i, c in enumerate(spec.columns)}
            for i, h in enumerate(self.extras[spec.key]):
                col_index["\0" + h] = len(UNIT_COLUMNS) + len(spec.columns) + i
            self.layouts[spec.key] = (heads, col_index)
        self.f_heads = ["Kode Unit", "Nama Unit", "File", "Sheet", "Sel", "Aturan", "Tingkat", "Pesan", "Nilai"]
        _header(self.findings_ws, 0, self.f_heads, fmt, [12, 34, 24, 16, 7, 22, 10, 70, 30])
        self.findings_ws.freeze_panes(1, 2)
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
                                   SEVERITY_LABEL.get(f.severity, f.severity), f.message, f.value)):
                if v:
                    findings_ws.write_string(self.f_row, c, str(v))
            self.f_row += 1
        self.written.append(unit_signature(us))

    def finish(self, result: RekapResult) -> Path:
        """Write the sheets that need the whole result, then close the file."""
        fmt = self.fmt
        groups = progress_groups(result.schema)
        _write_summary(self.wb, self.summary, result, groups, fmt)
        _write_charts(self.wb, self.chart_ws, result, groups, fmt)
        for key, ws in self.data_ws.items():
            heads, _ci = self.layouts[key]
            ws.autofilter(0, 0, max(self.next_row[key] - 1, 1), len(heads) - 1)
        f_row = self.f_row
        self.findings_ws.autofilter(0, 0, max(f_row - 1, 1), len(self.f_heads) - 1)
        _text_rule(self.findings_ws, 1, 6, f_row - 1, "Galat", fmt.red)
        _text_rule(self.findings_ws, 1, 6, f_row - 1, "Peringatan", fmt.yellow)
        _write_missing(self.missing_ws, result, fmt)
        _write_files(self.files_ws, result, fmt)
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
        finally:
            self.out.unlink(missing_ok=True)


def _plain_cell(value: Any) -> bool:
    """Text or a finite int/float (not bool): what ``write_value`` writes with write_string/write_number."""
    t = value.__class__
    return t is str or t is int or (t is float and math.isfinite(value))


def _cell_writer(ws: Worksheet, fmt: _Fmt) -> Callable[[int, int, Any], None]:
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


def _write_summary(wb: Workbook, ws: Worksheet, result: RekapResult, groups: tuple[str, ...], fmt: _Fmt) -> None:
    counts = result.counts()
    ws.write_string(0, 0, f"REKAP {result.schema.title.upper()} — {result.period_label()}", fmt.title)
    ws.write_string(1, 0, f"Dibuat {format_tanggal(result.generated_at)} pukul "
                          f"{result.generated_at:%H.%M} oleh integritas rekap (jenis {result.schema.kind}).",
                    fmt.sub)
    figures = (
        ("Unit dalam daftar", counts["unit"]), ("Sudah mengirim", counts["mengirim"]),
        ("Belum mengirim", counts["belum"]), ("Terlambat", counts["terlambat"]),
        ("File dibaca", counts["file"]), ("Kiriman ganda (digantikan)", counts[SUPERSEDED]),
        ("File unit tidak dikenal", counts["Unit Tidak Dikenal"]), ("File tidak terbaca", counts["Tidak Terbaca"]),
        ("File jenis lain", counts["Jenis Lain"]),
    )
    for i, (label, n) in enumerate(figures):
        ws.write_string(3 + i, 0, label, fmt.label)
        ws.write_number(3 + i, 3, n, fmt.int)
    hr = 4 + len(figures)
    headers = ["No", "Kode Unit", "Nama Unit", "Jenis Unit", "Unit Induk", "Sudah Kirim", "Tanggal Kirim",
               "Batas Kirim", "Tepat Waktu", "Galat", "Peringatan",
               *[f"Progres {g} (%)" for g in groups],
               "Progres Rata-rata (%)", "Kelengkapan Bukti (%)", "Nilai", "File", "Catatan"]
    widths = [5, 14, 40, 10, 28, 9, 15, 15, 11, 8, 10, *[13] * len(groups), 12, 12, 8, 30, 40]
    _header(ws, hr, headers, fmt, widths)
    r = hr
    for i, us in enumerate(result.units, start=1):
        r += 1
        sub = us.submission
        u = us.unit
        ws.write_number(r, 0, i)
        for c, value in ((1, u.kode), (2, u.nama), (3, u.jenis), (4, u.induk)):
            if value:
                ws.write_string(r, c, value)
        ws.write_string(r, 5, "Ya" if sub else "Tidak")
        if us.sent_on:
            write_value(ws, r, 6, us.sent_on, fmt)
        if us.deadline:
            write_value(ws, r, 7, us.deadline, fmt)
        ws.write_string(r, 8, {True: "Ya", False: "Terlambat", None: "-"}[us.on_time] if sub else "Belum")
        notes = []
        if sub is not None:
            ws.write_number(r, 9, sub.n_errors)
            ws.write_number(r, 10, sub.n_warnings)
            for j, g in enumerate(groups):
                if g in sub.progress:
                    ws.write_number(r, 11 + j, sub.progress[g], fmt.pct)
            base = 11 + len(groups)
            if sub.progress_total is not None:
                ws.write_number(r, base, sub.progress_total, fmt.pct)
            if sub.evidence_pct is not None:
                ws.write_number(r, base + 1, sub.evidence_pct, fmt.pct)
            if sub.score is not None:
                ws.write_number(r, base + 2, sub.score, fmt.pct)
            ws.write_string(r, base + 3, sub.name)
            if us.superseded:
                notes.append(f"{len(us.superseded)} kiriman lama digantikan")
            if sub.renamed:
                notes.append(f"{len(sub.renamed)} kolom versi lama dipetakan")
            if sub.unknown_columns:
                notes.append(f"{sum(len(v) for v in sub.unknown_columns.values())} kolom tambahan")
            if sub.version != sub.schema_version:
                notes.append(f"versi skema {sub.version}")
            if sub.findings_source == "dasar":
                notes.append("validasi dasar")
        if notes:
            ws.write_string(r, 15 + len(groups), "; ".join(notes))
    last = max(r, hr + 1)
    ws.autofilter(hr, 0, last, len(headers) - 1)
    ws.freeze_panes(hr + 1, 3)
    _text_rule(ws, hr + 1, 5, last, "Tidak", fmt.red)
    _text_rule(ws, hr + 1, 5, last, "Ya", fmt.green)
    _text_rule(ws, hr + 1, 8, last, "Terlambat", fmt.red)
    _text_rule(ws, hr + 1, 8, last, "Belum", fmt.red)
    _text_rule(ws, hr + 1, 8, last, "Ya", fmt.green)
    ws.conditional_format(hr + 1, 9, last, 9, {"type": "cell", "criteria": ">", "value": 0, "format": fmt.red})
    ws.conditional_format(hr + 1, 10, last, 10, {"type": "cell", "criteria": ">", "value": 0,
                                                  "format": fmt.yellow})
    _traffic(ws, hr + 1, 11, last, 12 + len(groups), fmt)
    ws.conditional_format(hr + 1, 11 + len(groups), last, 11 + len(groups),
                          {"type": "icon_set", "icon_style": "3_traffic_lights",
                           "icons": [{"criteria": ">=", "type": "number", "value": 80},
                                     {"criteria": ">=", "type": "number", "value": 50},
                                     {"criteria": "<", "type": "number", "value": 50}]})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(hr)
    ws.set_footer("&LRekap integritas&RHalaman &P dari &N")


def _write_charts(wb: Workbook, ws: Worksheet, result: RekapResult, groups: tuple[str, ...], fmt: _Fmt) -> None:
    accepted = [us for us in result.accepted if us.submission is not None]
    ws.write_string(0, 0, f"PROGRES PER AREA — {result.period_label()}", fmt.title)
    ws.set_column(0, 0, 40)
    ws.set_column(1, 8, 12)
    series = list(groups) if groups else ["Galat", "Peringatan"]
    # block 1: per area, across units
    _header(ws, 2, ["Area", "Rata-rata (%)", "Terendah (%)", "Tertinggi (%)", "Unit < 50%", "Unit dinilai"], fmt)
    for i, g in enumerate(groups):
        vals = [us.submission.progress[g] for us in accepted if us.submission and g in us.submission.progress]
        r = 3 + i
        ws.write_string(r, 0, g)
        if vals:
            ws.write_number(r, 1, round(sum(vals) / len(vals), 1), fmt.pct)
            ws.write_number(r, 2, min(vals), fmt.pct)
            ws.write_number(r, 3, max(vals), fmt.pct)
        ws.write_number(r, 4, sum(1 for v in vals if v < 50))
        ws.write_number(r, 5, len(vals))
    _traffic(ws, 3, 1, 2 + len(groups), 3, fmt)
    # block 2: per unit (the chart's data)
    top = 5 + len(groups)
    _header(ws, top, ["Unit", *series], fmt)
    for i, us in enumerate(accepted):
        sub = us.submission
        assert sub is not None
        r = top + 1 + i
        ws.write_string(r, 0, f"{us.unit.kode} {us.unit.nama}"[:60])
        for j, g in enumerate(series):
            value = (sub.progress.get(g) if groups else (sub.n_errors if g == "Galat" else sub.n_warnings))
            if value is not None:
                ws.write_number(r, 1 + j, value, fmt.pct)
    n = len(accepted)
    first, last = top + 1, top + max(n, 1)
    chart = wb.add_chart({"type": "bar"})
    for j, _g in enumerate(series):
        chart.add_series({"name": [CHART_SHEET, top, 1 + j], "categories": [CHART_SHEET, first, 0, last, 0],
                          "values": [CHART_SHEET, first, 1 + j, last, 1 + j], "gap": 40})
    chart.set_title({"name": "Progres per area per unit (%)" if groups else "Temuan per unit"})
    chart.set_x_axis({"min": 0, "max": 100} if groups else {"min": 0})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "top"})
    chart.set_size({"width": 900, "height": int(min(8000, max(420, 40 + 16 * len(series) * max(n, 1) / 2)))})
    ws.insert_chart(top, 8, chart)
    if groups:
        avg = wb.add_chart({"type": "column"})
        avg.add_series({"name": "Rata-rata (%)", "categories": [CHART_SHEET, 3, 0, 2 + len(groups), 0],
                        "values": [CHART_SHEET, 3, 1, 2 + len(groups), 1], "data_labels": {"value": True}})
        avg.set_title({"name": "Rata-rata progres per area (%)"})
        avg.set_y_axis({"min": 0, "max": 100})
        avg.set_legend({"none": True})
        avg.set_size({"width": 900, "height": 320})
        ws.insert_chart(0, 8, avg)
    ws.freeze_panes(top + 1, 1)


def _write_missing(ws: Worksheet, result: RekapResult, fmt: _Fmt) -> None:
    heads = ["No", "Kode Unit", "Nama Unit", "Jenis Unit", "Unit Induk", "Email", "Batas Kirim", "Keterangan"]
    _header(ws, 0, heads, fmt, [5, 14, 44, 10, 34, 32, 15, 40])
    r = 0
    for i, us in enumerate(result.missing, start=1):
        r = i
        u = us.unit
        ws.write_number(r, 0, i)
        for c, v in ((1, u.kode), (2, u.nama), (3, u.jenis), (4, u.induk), (5, u.email),
                     (7, "; ".join([*us.notes, *([u.keterangan] if u.keterangan else [])]))):
            if v:
                ws.write_string(r, c, v)
        if us.deadline:
            write_value(ws, r, 6, us.deadline, fmt)
    ws.autofilter(0, 0, max(r, 1), len(heads) - 1)
    ws.freeze_panes(1, 3)


def _write_files(ws: Worksheet, result: RekapResult, fmt: _Fmt) -> None:
    heads = ["No", "File", "Status", "Alasan", "Kode Unit (Identitas)", "Nama Unit (Identitas)", "Unit Daftar",
             "Tahun", "Periode", "Tanggal Pengisian", "Waktu File", "Versi Skema", "Kolom Dipetakan",
             "Kolom Tambahan", "Kolom Hilang", "Jumlah Baris", "SHA-256", "Lokasi"]
    _header(ws, 0, heads, fmt, [5, 30, 16, 60, 14, 30, 14, 7, 9, 15, 17, 8, 40, 30, 30, 9, 20, 50])
    r = 0
    for i, entry in enumerate(result.files, start=1):
        r = i
        sub = entry.submission
        ident = sub.identitas
        row: list[Any] = [i, sub.name, entry.status, entry.reason, _text(ident.get("kode_unit")) or None,
                          _text(ident.get("nama_unit")) or None, entry.unit.kode if entry.unit else None,
                          ident.get("tahun"), ident.get("periode"), sub.tanggal_pengisian,
                          dt.datetime.fromtimestamp(sub.mtime).replace(microsecond=0) if sub.mtime else None,
                          sub.version or None, "; ".join(sub.renamed) or None,
                          "; ".join(h for hs in sub.unknown_columns.values() for h in hs) or None,
                          "; ".join(h for hs in sub.missing_columns.values() for h in hs) or None,
                          sub.rows_total if sub.row_counts else None, sub.sha256 or None, sub.path]
        for c, v in enumerate(row):
            if c in (4, 5, 6, 8) and v is not None:
                ws.write_string(r, c, str(v))
            else:
                write_value(ws, r, c, v, fmt)
    ws.autofilter(0, 0, max(r, 1), len(heads) - 1)
    ws.freeze_panes(1, 3)
    for status in FILE_STATUSES:
        color = fmt.green if status == ACCEPTED else fmt.yellow if status == SUPERSEDED else fmt.red
        _text_rule(ws, 1, 2, r, status, color)


def unit_label(us: UnitStatus) -> str:
    return f"{us.unit.kode} {us.unit.nama}"
