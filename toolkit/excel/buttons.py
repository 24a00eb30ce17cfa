"""The button bar of the macro-enabled templates: which buttons, bound to which macro, where.

Each button is an Excel form button (XlsxWriter ``insert_button``, written as a VML
shape whose ``<x:FmlaMacro>`` names the macro). The bar goes on the kind's main sheet
(``schema.main_sheet``) in the guidance row above the table header, to the right of
the guidance text, so it never covers the title, the header or a data cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from toolkit.schemas.model import SheetSpec, WorkbookSchema


@dataclass(frozen=True)
class ButtonSpec:
    caption: str  # what the unit staff read on the button
    macro: str  # the VBA Sub in templates/xlsx/vba/Integritas.bas
    action: str  # the Python action registered in toolkit.excel_entry.ACTIONS
    width: int = 112  # pixels
    help: str = ""


BUTTONS: tuple[ButtonSpec, ...] = (
    ButtonSpec("Validasi", "Validasi", "validasi",
               help="Memeriksa seluruh isian; temuan ditulis ke sheet 'Hasil Validasi' dan sel yang "
                    "bermasalah diwarnai (merah = galat, kuning = peringatan)."),
    ButtonSpec("Isi Checklist Bukti", "IsiChecklistBukti", "checklist-bukti", width=136,
               help="Mencocokkan Referensi Bukti dengan file di folder bukti di samping workbook; hasilnya "
                    "di sheet 'Checklist Bukti' beserta persentase kelengkapan."),
    ButtonSpec("Buat Nota Dinas", "BuatNotaDinas", "nota-dinas", width=120,
               help="Membuat Nota Dinas (.docx) dari isi workbook, disimpan di samping workbook."),
    ButtonSpec("Buat Laporan", "BuatLaporan", "laporan",
               help="Membuat laporan monitoring dan evaluasi (.docx) dari isi workbook."),
    ButtonSpec("Bantuan", "Bantuan", "bantuan", width=96,
               help="Menampilkan penjelasan tombol, versi toolkit dan cara pemasangan."),
)

BUTTON_HEIGHT = 28  # pixels
BAR_ROW = 1  # 0-based: the guidance row between the title (row 0) and the header
BAR_ROW_HEIGHT = 30.0  # points (40 px): room for the buttons beside the guidance text
GAP = 8  # pixels between buttons
CHAR_PX = 7.5  # conservative width of a 10 pt character, for the guidance text
TEXT_FALLBACK_CHARS = 90


def buttons_for(schema: WorkbookSchema) -> tuple[ButtonSpec, ...]:
    """The buttons of a kind's template (every kind has the full bar)."""
    del schema
    return BUTTONS


def main_sheet(schema: WorkbookSchema) -> SheetSpec:
    return schema.sheet(schema.main_sheet or schema.sheets[0].key)


def column_px(width: float) -> int:
    """Pixel width of an Excel column of ``width`` characters (as XlsxWriter computes it)."""
    if width < 1:
        return int(width * 12 + 0.5)
    return int(width * 7 + 0.5) + 5


def text_px(text: str) -> int:
    return int(len(text) * CHAR_PX + 0.5)


def bar_start(spec: SheetSpec, text: str | None) -> tuple[int, int]:
    """(0-based column, x offset px) where the bar starts: past the guidance text in column A."""
    needed = text_px(text) if text is not None else int(TEXT_FALLBACK_CHARS * CHAR_PX)
    needed += 2 * GAP
    x = 0
    for c, col in enumerate(spec.columns):
        w = column_px(col.width)
        if x + w > needed:
            return c, max(0, needed - x)
        x += w
    return len(spec.columns), GAP


def _cell_text(wb: Workbook, ws: Worksheet, row: int, col: int) -> str | None:
    """The text XlsxWriter stored at (row, col), if it is a string cell."""
    cell: Any = ws.table.get(row, {}).get(col)
    if cell is None or not hasattr(cell, "string"):
        return None
    value = cell.string
    if isinstance(value, str):
        return value
    for text, index in wb.str_table.string_table.items():
        if index == value:
            return str(text)
    return None


def add_button_bar(wb: Workbook, ws: Worksheet, spec: SheetSpec, buttons: tuple[ButtonSpec, ...]) -> None:
    """Put ``buttons`` in the guidance row of ``ws``, right of its text, above the header row."""
    if spec.header_row - 1 <= BAR_ROW:
        raise ValueError(f"{spec.name}: tidak ada baris di atas judul kolom untuk tombol")
    ws.set_row(BAR_ROW, BAR_ROW_HEIGHT)
    col, x = bar_start(spec, _cell_text(wb, ws, BAR_ROW, 0))
    y = int((BAR_ROW_HEIGHT * 4 / 3 - BUTTON_HEIGHT) / 2)
    for b in buttons:
        ws.insert_button(BAR_ROW, col, {"macro": b.macro, "caption": b.caption, "width": b.width,
                                        "height": BUTTON_HEIGHT, "x_offset": x, "y_offset": y})
        x += b.width + GAP
