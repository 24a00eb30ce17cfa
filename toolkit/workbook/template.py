"""Write a workbook of any kind from its schema (XlsxWriter): the template, or a filled copy.

The same builder makes the empty template a unit fills and the filled samples, so
the two can never drift apart. What a person gets: a *Petunjuk* sheet in
Indonesian, an *Identitas* sheet, one sheet per table with a title, styled header
row (required columns marked *), frozen panes, widths, dropdowns fed from the
*Daftar* sheet through defined names, number and date formats, protected header
rows with editable data cells, and print setup (A4, landscape, header rows
repeated, fit to width).

Text is always written as text (``write_string``): a value such as
``=HYPERLINK(...)`` from a unit's file stays inert text in anything we write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from toolkit import __version__
from toolkit.indonesian import EXCEL_DATE_FORMAT
from toolkit.schemas.coerce import Frequency
from toolkit.schemas.common import IDENTITAS_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET
from toolkit.schemas.model import Column, ColumnType, SheetSpec, WorkbookSchema
from toolkit.workbook.cells import XLSX_OPTIONS, cell_address, column_letter, row_height

T = ColumnType
FIXED_CREATED = dt.datetime(2026, 1, 1, 0, 0, 0)  # reproducible templates
HEADER_BG = "#1F4E78"
TITLE_COLOR = "#1F4E78"

Customize = Callable[[Workbook, dict[str, Worksheet]], None]


class _Formats:
    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "font_color": TITLE_COLOR,
                                    "valign": "vcenter"})
        self.subtitle = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.header = wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_BG,
                                     "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"})
        self.label = wb.add_format({**base, "bold": True, "border": 1, "bg_color": "#DDEBF7"})
        self.help = wb.add_format({**base, "italic": True, "font_color": "#7F7F7F", "text_wrap": True})
        self.fixed = wb.add_format({**base, "border": 1, "bg_color": "#EDEDED", "locked": True})
        self.text = wb.add_format({**base, "locked": False, "border": 1, "border_color": "#BFBFBF"})
        self.wrap = wb.add_format({**base, "locked": False, "text_wrap": True, "border": 1,
                                   "border_color": "#BFBFBF"})
        self.nip = wb.add_format({**base, "locked": False, "num_format": "@", "border": 1,
                                  "border_color": "#BFBFBF"})
        self.date = wb.add_format({**base, "locked": False, "num_format": EXCEL_DATE_FORMAT, "align": "left",
                                   "border": 1, "border_color": "#BFBFBF"})
        self.integer = wb.add_format({**base, "locked": False, "num_format": "0", "border": 1,
                                      "border_color": "#BFBFBF"})
        self.number = wb.add_format({**base, "locked": False, "num_format": "#,##0.##", "border": 1,
                                     "border_color": "#BFBFBF"})
        self.money = wb.add_format({**base, "locked": False, "num_format": "#,##0", "border": 1,
                                    "border_color": "#BFBFBF"})
        self.mark = wb.add_format({**base, "locked": False, "align": "center", "border": 1,
                                   "border_color": "#BFBFBF"})
        self.list_header = wb.add_format({**base, "bold": True, "bottom": 1})
        self.para = wb.add_format({**base, "text_wrap": True, "valign": "top"})
        self.bold = wb.add_format({**base, "bold": True})

    def for_type(self, t: ColumnType):  # type: ignore[no-untyped-def]
        return {
            T.LONG_TEXT: self.wrap, T.DATE: self.date, T.INTEGER: self.integer, T.YEAR: self.integer,
            T.NUMBER: self.number, T.MONEY: self.money, T.PERCENT: self.integer, T.MARK: self.mark,
            T.NIP: self.nip, T.MULTI_CHOICE: self.wrap, T.PERIOD: self.wrap,
        }.get(t, self.text)


def list_range_name(list_name: str) -> str:
    return f"daftar_{list_name}"


def build_workbook(schema: WorkbookSchema, path: str | Path, *,
                   identitas: Mapping[str, Any] | None = None,
                   rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                   customize: Customize | None = None,
                   vba_project: str | Path | None = None,
                   protect: bool = True,
                   omit_sheets: Collection[str] = ()) -> Path:
    """Write ``schema`` to ``path``: an empty template, or filled with ``identitas`` and ``rows``.

    ``rows`` maps a sheet key to a list of dicts (column key -> value). ``customize``
    runs last with the workbook and its worksheets by sheet key (buttons, extra
    sheets). ``vba_project`` adds a vbaProject.bin (the path must end in .xlsm).
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(out), XLSX_OPTIONS)
    wb.set_properties({
        "title": schema.title, "subject": schema.kind, "author": "Integritas toolkit",
        "company": "", "comments": f"{schema.kind} versi skema {schema.version}; toolkit {__version__}",
        "created": FIXED_CREATED,
    })
    if vba_project is not None:
        wb.add_vba_project(str(vba_project))
        wb.set_vba_name("ThisWorkbook")
    fmt = _Formats(wb)
    sheets: dict[str, Worksheet] = {}

    sheets["_petunjuk"] = _write_instructions(wb, fmt, schema)
    sheets["_identitas"] = _write_identitas(wb, fmt, schema, identitas or {}, protect)
    for spec in schema.sheets:
        if spec.key in omit_sheets:
            continue
        data = (rows or {}).get(spec.key, ())
        sheets[spec.key] = _write_table(wb, fmt, schema, spec, data, protect)
    sheets["_daftar"] = _write_lists(wb, fmt, schema, protect)
    main = schema.main_sheet or schema.sheets[0].key
    sheets[main].activate()
    if customize is not None:
        customize(wb, sheets)
    wb.close()
    return out


def _write_instructions(wb: Workbook, fmt: _Formats, schema: WorkbookSchema) -> Worksheet:
    ws = wb.add_worksheet(INSTRUCTIONS_SHEET)
    ws.set_column(0, 0, 4)
    ws.set_column(1, 1, INSTRUCTION_WIDTH)
    ws.write_string(0, 1, f"PETUNJUK PENGISIAN — {schema.title.upper()}", fmt.title)
    ws.write_string(1, 1, schema.description, fmt.subtitle)
    row = 3
    ws.write_string(row, 1, "Langkah pengisian", fmt.bold)
    row += 1
    for i, text in enumerate(schema.instructions, start=1):
        ws.set_row(row, row_height([None, text], (4, INSTRUCTION_WIDTH)))  # step 3 never over step 4
        ws.write_number(row, 0, i, fmt.bold)
        ws.write_string(row, 1, text, fmt.para)
        row += 1
    row += 1
    ws.write_string(row, 1, "Isi workbook", fmt.bold)
    row += 1
    for spec in schema.sheets:
        text = f"{spec.name}: {spec.description}"
        ws.set_row(row, row_height([None, text], (4, INSTRUCTION_WIDTH)))
        ws.write_string(row, 1, text, fmt.para)
        row += 1
    row += 1
    ws.write_string(row, 1, "Istilah", fmt.bold)
    row += 1
    glossary = (
        "PIC (Person in Charge): penanggung jawab kegiatan.",
        "TW (Triwulan): TW I = Januari–Maret, TW II = April–Juni, TW III = Juli–September, "
        "TW IV = Oktober–Desember.",
        "Data dukung / evidence: dokumen bukti pelaksanaan (undangan, notula, daftar hadir, foto, laporan).",
        "Kolom bertanda * wajib diisi. Pilihan berbentuk daftar diambil dari sheet Daftar.",
    )
    for text in glossary:
        ws.set_row(row, row_height([None, text], (4, INSTRUCTION_WIDTH)))
        ws.write_string(row, 1, text, fmt.para)
        row += 1
    row += 1
    ws.write_string(row, 1, f"Jenis workbook: {schema.kind}, versi skema {schema.version}.", fmt.subtitle)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    return ws


INSTRUCTION_WIDTH = 100


def _write_identitas(wb: Workbook, fmt: _Formats, schema: WorkbookSchema, values: Mapping[str, Any],
                     protect: bool) -> Worksheet:
    ws = wb.add_worksheet(IDENTITAS_SHEET)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 2, 60)
    ws.write_string(0, 0, "IDENTITAS UNIT KERJA", fmt.title)
    ws.write_string(1, 0, "Isi kolom B. Baris bertanda * wajib diisi.", fmt.subtitle)
    for i, f in enumerate(schema.identitas):
        r = 3 + i
        ws.write_string(r, 0, f.label + (" *" if f.required and not f.fixed else ""), fmt.label)
        if f.key == "jenis_workbook":
            ws.write_string(r, 1, schema.kind, fmt.fixed)
        elif f.key == "versi_skema":
            ws.write_string(r, 1, schema.version, fmt.fixed)
        else:
            cell_fmt = {T.NIP: fmt.nip, T.DATE: fmt.date, T.YEAR: fmt.integer}.get(f.type, fmt.text)
            _write_value(ws, r, 1, values.get(f.key), f.type, cell_fmt, fmt)
            if values.get(f.key) is None:
                ws.write_blank(r, 1, None, cell_fmt)
            _add_validation(ws, r, 1, r, 1, f.type, f.list_name, f.label, f.help)
        if f.help:
            ws.write_string(r, 2, f.help, fmt.help)
        elif f.fixed:
            ws.write_string(r, 2, "Diisi oleh templat; jangan diubah.", fmt.help)
    if protect:
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    ws.set_paper(9)
    return ws


def _write_table(wb: Workbook, fmt: _Formats, schema: WorkbookSchema, spec: SheetSpec,
                 data: Sequence[Mapping[str, Any]], protect: bool) -> Worksheet:
    ws = wb.add_worksheet(spec.name)
    hr = spec.header_row - 1  # 0-based header row
    ncols = len(spec.columns)
    ws.merge_range(0, 0, 0, max(ncols - 1, 1), spec.title, fmt.title)
    ws.set_row(0, 24)
    ws.write_string(1, 0, "Kolom bertanda * wajib diisi. Isi mulai baris "
                    f"{spec.first_data_row}; satu baris per entri.", fmt.subtitle)
    ws.set_row(hr, 42)
    last_row = hr + max(spec.template_rows, len(data) + 50)
    for c, col in enumerate(spec.columns):
        ws.set_column(c, c, col.width, fmt.for_type(col.type))
        ws.write_string(hr, c, col.header + (" *" if col.required else ""), fmt.header)
        _add_validation(ws, hr + 1, c, last_row, c, col.type, col.list_name, col.header, col.help,
                        minimum=col.minimum, maximum=col.maximum)
    for i, row in enumerate(data):
        r = hr + 1 + i
        for c, col in enumerate(spec.columns):
            _write_value(ws, r, c, row.get(col.key), col.type, fmt.for_type(col.type), fmt)
    ws.freeze_panes(hr + 1, spec.freeze_columns)
    ws.autofilter(hr, 0, hr + max(len(data), 1), ncols - 1)
    if protect:
        ws.protect("", {
            "autofilter": True, "sort": True, "format_columns": True, "format_rows": True,
            "insert_rows": True, "delete_rows": True, "select_locked_cells": True,
            "select_unlocked_cells": True,
        })
    ws.set_paper(9)
    if spec.landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(hr)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&L" + schema.title + "&RHalaman &P dari &N")
    return ws


def _write_lists(wb: Workbook, fmt: _Formats, schema: WorkbookSchema, protect: bool) -> Worksheet:
    ws = wb.add_worksheet(LISTS_SHEET)
    ws.write_string(0, 0, "Daftar pilihan (dipakai oleh dropdown; jangan diubah)", fmt.bold)
    for c, (name, values) in enumerate(schema.lists.items()):
        ws.set_column(c, c, max(14, min(45, max((len(v) for v in values), default=10) + 2)))
        ws.write_string(2, c, name, fmt.list_header)
        for r, v in enumerate(values):
            ws.write_string(3 + r, c, v)
        letter = column_letter(c + 1)
        wb.define_name(list_range_name(name), f"='{LISTS_SHEET}'!${letter}$4:${letter}${3 + len(values)}")
    if protect:
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
    return ws


def _add_validation(ws: Worksheet, r0: int, c0: int, r1: int, c1: int, t: ColumnType, list_name: str | None,
                    title: str, help_text: str, *, minimum: float | None = None,
                    maximum: float | None = None) -> None:
    opts: dict[str, Any] | None = None
    if t == T.CHOICE and list_name:
        opts = {"validate": "list", "source": "=" + list_range_name(list_name),
                "error_title": "Pilihan tidak ada", "error_message": "Pilih salah satu nilai dari daftar."}
    elif t == T.QUARTER:
        opts = {"validate": "list", "source": ["TW I", "TW II", "TW III", "TW IV"]}
    elif t == T.YES_NO:
        opts = {"validate": "list", "source": ["Ya", "Tidak"]}
    elif t == T.MARK:
        opts = {"validate": "list", "source": ["v"], "error_type": "warning",
                "error_message": "Isi v untuk menandai bulan, atau kosongkan."}
    elif t == T.PERCENT:
        opts = {"validate": "decimal", "criteria": "between", "minimum": minimum or 0,
                "maximum": 100 if maximum is None else maximum,
                "error_title": "Persen 0–100", "error_message": "Isi angka 0 sampai 100."}
    elif t == T.INTEGER:
        opts = {"validate": "integer", "criteria": ">=", "value": 0 if minimum is None else minimum,
                "error_type": "warning", "error_message": "Isi bilangan bulat."}
    elif t == T.YEAR:
        opts = {"validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "error_message": "Isi tahun empat angka, mis. 2026."}
    elif t == T.DATE:
        opts = {"validate": "date", "criteria": "between", "minimum": dt.date(2000, 1, 1),
                "maximum": dt.date(2100, 12, 31), "error_message": "Isi tanggal, mis. 6/4/2026."}
    elif t in (T.NUMBER, T.MONEY):
        opts = {"validate": "decimal", "criteria": ">=", "value": 0 if minimum is None else minimum,
                "error_type": "warning", "error_message": "Isi angka."}
    elif t == T.NIP:
        opts = {"validate": "length", "criteria": "==", "value": 18, "error_type": "warning",
                "error_message": "NIP terdiri atas 18 angka."}
    if opts is None and not help_text:
        return
    opts = opts or {"validate": "any"}
    if help_text:
        opts["input_title"] = title[:32]
        opts["input_message"] = help_text[:255]
    ws.data_validation(r0, c0, r1, c1, opts)


def _write_value(ws: Worksheet, r: int, c: int, value: Any, t: ColumnType, cell_fmt: Any,
                 fmt: _Formats) -> None:
    if value is None or value == "":
        return
    if t == T.MARK:
        if value is True or value in ("v", "V"):
            ws.write_string(r, c, "v", cell_fmt)
        elif value is not False:
            ws.write_string(r, c, str(value), cell_fmt)
        return
    if isinstance(value, Frequency):
        ws.write_string(r, c, value.label(), cell_fmt)
    elif isinstance(value, bool):
        ws.write_string(r, c, "Ya" if value else "Tidak", cell_fmt)
    elif isinstance(value, dt.datetime | dt.date):
        if t == T.DATE:
            d = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
            ws.write_datetime(r, c, d, cell_fmt)
        else:
            ws.write_string(r, c, value.isoformat(), cell_fmt)
    elif isinstance(value, (int, float)) and t not in (T.NIP, T.TEXT, T.LONG_TEXT):
        ws.write_number(r, c, value, cell_fmt)
    elif isinstance(value, (tuple, list)):
        ws.write_string(r, c, "\n".join(str(v) for v in value), cell_fmt)
    else:
        ws.write_string(r, c, str(value), cell_fmt)


def data_range(spec: SheetSpec, n_rows: int) -> str:
    """"A4:AG40" for ``n_rows`` data rows of ``spec``."""
    first = spec.first_data_row
    return f"{cell_address(first, 1)}:{cell_address(first + max(n_rows, 1) - 1, len(spec.columns))}"


def column_of(spec: SheetSpec, key: str) -> Column:
    return spec.column(key)
