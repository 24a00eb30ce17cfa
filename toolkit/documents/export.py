"""Export the numbering register to .xlsx (XlsxWriter; every text written as text, never a formula)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from toolkit.documents.office_register import ASAL_LABEL, STATUS_LABEL
from toolkit.indonesian import EXCEL_DATE_FORMAT, EXCEL_DATETIME_FORMAT
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.cells import XLSX_OPTIONS

HEADERS = (
    ("nomor", "Nomor", 26), ("jenis", "Jenis Naskah", 14), ("tahun", "Tahun", 7), ("urut", "Urut", 7),
    ("tanggal", "Tanggal", 18), ("hal", "Hal", 45), ("tujuan", "Tujuan", 40), ("status", "Status", 13),
    ("asal", "Asal Nomor", 14), ("catatan", "Keterangan", 40), ("file", "File", 45), ("sha256", "SHA-256", 66),
    ("dibuat", "Dicatat", 20),
)


def _value(row: Any, key: str) -> Any:
    if key == "status":
        return STATUS_LABEL.get(row.status, row.status)
    if key == "asal":
        return ASAL_LABEL.get(getattr(row, "asal", ""), getattr(row, "asal", ""))
    if key == "catatan":
        if row.status == "batal":
            return f"dibatalkan: {getattr(row, 'alasan_batal', '') or row.keterangan}"
        return getattr(row, "peringatan", "") or row.keterangan
    value = getattr(row, key)
    return "" if value is None else value


def export_register_xlsx(rows: Sequence[Any], path: str | Path, *, overwrite: bool = False) -> Path:
    """Write the register to ``path``; an existing file is replaced only with ``overwrite``."""
    out = Path(path)
    with atomic_output(out, overwrite=overwrite) as tmp:
        _write(rows, tmp)
    return out


def _write(rows: Sequence[Any], out: Path) -> None:
    wb = xlsxwriter.Workbook(str(out), XLSX_OPTIONS)
    ws = wb.add_worksheet("Register Nomor")
    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "border": 1,
                          "text_wrap": True, "valign": "top"})
    cell = wb.add_format({"valign": "top", "text_wrap": True, "border": 1, "border_color": "#BFBFBF"})
    # real dates, shown "16 Maret 2026" / "30 November 2026 21:37" whatever the viewer's language
    date_cell = wb.add_format({"valign": "top", "border": 1, "border_color": "#BFBFBF", "align": "left",
                               "num_format": EXCEL_DATE_FORMAT})
    stamp_cell = wb.add_format({"valign": "top", "border": 1, "border_color": "#BFBFBF", "align": "left",
                                "num_format": EXCEL_DATETIME_FORMAT})
    ws.write_string(0, 0, "REGISTER NOMOR NASKAH DINAS", wb.add_format({"bold": True, "font_size": 13}))
    for c, (_key, label, width) in enumerate(HEADERS):
        ws.write_string(2, c, label, head)
        ws.set_column(c, c, width)
    for r, row in enumerate(rows, start=3):
        for c, (key, _label, _w) in enumerate(HEADERS):
            value = getattr(row, key) if key in ("tanggal", "dibuat") else _value(row, key)
            stamp = _stamp(value) if key in ("tanggal", "dibuat") else None
            if stamp is not None:
                ws.write_datetime(r, c, stamp, stamp_cell if stamp.hour or stamp.minute else date_cell)
            elif isinstance(value, int):
                ws.write_number(r, c, value, cell)
            else:
                ws.write_string(r, c, str(value), cell)
    ws.freeze_panes(3, 1)
    if rows:
        ws.autofilter(2, 0, 2 + len(rows), len(HEADERS) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(2)
    ws.fit_to_pages(1, 0)
    wb.close()


def _stamp(value: object) -> dt.datetime | None:
    """A stored ISO date/time ("2026-03-16", "2026-11-30T21:37:09") as a datetime; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None, microsecond=0)
        except ValueError:
            return None
    return None
