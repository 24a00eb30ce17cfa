"""Lampiran tables for any letter, from a workbook sheet or range (issue 16, item 6).

Seed 000's Nota Dinas carries its calendar tables as Lampiran. ``--lampiran FILE.xlsx#Sheet!A4:J40``
(sheet and range optional) reads the cells (values, dates in Indonesian) and the letter gets, after
its signature, a landscape Lampiran page per table: "Lampiran I : <sender>", "Nomor : <the letter's
number>", "Tanggal : <the letter's date>", the title, and the table whose header row repeats on
every page. The table is built with python-docx on the rendered letter (the letter itself stays
the Word template's).

A workbook whose Identitas names another unit than the sender is refused unless the caller says it
is meant (``--lampiran-unit-lain``): the Bangka Tengah SPI Lampiran under an NTT letter went through
silently before.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from toolkit.documents.kinds import cell_value
from toolkit.errors import UnreadableInputError, UsageError, debug_detail
from toolkit.indonesian import format_tanggal

MAX_ROWS = 2000
MAX_COLUMNS = 30
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
IDENTITAS_NAME = ("nama unit kerja", "nama unit", "nama pemerintah daerah", "nama instansi")
IDENTITAS_CODE = ("kode unit",)


def parse_spec(spec: str) -> tuple[Path, str | None, str | None]:
    """``FILE.xlsx``, ``FILE.xlsx#Sheet`` or ``FILE.xlsx#Sheet!A4:J40``."""
    path, _, rest = spec.partition("#")
    sheet, _, cells = rest.partition("!")
    if cells and not re.fullmatch(r"[A-Za-z]{1,3}\d+:[A-Za-z]{1,3}\d+", cells):
        raise UsageError(f"rentang '{cells}' tidak sah; tulis mis. FILE.xlsx#Kalender!A4:J40.")
    p = Path(path)
    if not p.is_file():
        raise UsageError("workbook Lampiran tidak ditemukan.", path=p)
    return p, (sheet or None), (cells or None)


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    return str(cell_value(value)).strip()


def workbook_unit(path: Path) -> tuple[str, str] | None:
    """(unit name, unit code) from the workbook's Identitas sheet, or None when it has none."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if "Identitas" not in wb.sheetnames:
            return None
        name = code = ""
        for row in wb["Identitas"].iter_rows(max_row=60, max_col=2, values_only=True):
            label = str(row[0] or "").strip().rstrip("*").strip().lower()
            value = str(row[1] or "").strip() if len(row) > 1 else ""
            if label in IDENTITAS_NAME and not name:
                name = value
            elif label in IDENTITAS_CODE and not code:
                code = value
        return (name, code) if name or code else None
    finally:
        wb.close()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def check_unit(path: Path, sender_names: Sequence[str], sender_code: str | None, *, allow_other: bool) -> None:
    """Refuse a Lampiran workbook of another unit than the sender, unless ``allow_other``."""
    unit = workbook_unit(path)
    if unit is None or allow_other:
        return
    name, code = unit
    names = [_norm(n) for n in sender_names if n]
    if (code and sender_code and code.lower() == sender_code.lower()) or (
            name and any(_norm(name) in n or n in _norm(name) for n in names)):
        return
    who = f"{name}{' (' + code + ')' if code else ''}"
    raise UsageError(f"Lampiran dari workbook unit lain: Identitas-nya menyebut {who}, bukan pengirim naskah "
                     f"({sender_names[0] if sender_names else '?'}); tidak ada yang ditulis. Bila memang "
                     "disengaja, ulangi dengan --lampiran-unit-lain.", path=path)


def read_table(path: Path, sheet: str | None = None, cells: str | None = None) -> dict[str, Any]:
    """{judul, kolom, baris, sumber} from a sheet (the first one after Identitas/Petunjuk) or a range."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a broken file
        raise UnreadableInputError(f"workbook Lampiran tidak dapat dibaca (isinya rusak){debug_detail(exc)}.",
                                   path=path) from exc
    try:
        if sheet is None:
            candidates = [s for s in wb.sheetnames if s not in ("Petunjuk", "Identitas", "Daftar")]
            if not candidates:
                raise UsageError("workbook Lampiran tidak punya sheet tabel; sebutkan FILE.xlsx#Sheet.", path=path)
            sheet = candidates[0]
        if sheet not in wb.sheetnames:
            raise UsageError(f"sheet '{sheet}' tidak ada (yang ada: {', '.join(wb.sheetnames)}).", path=path)
        ws = wb[sheet]
        if cells:
            rows = [[c.value for c in row] for row in ws[cells]]
        else:
            rows = [list(r) for r in ws.iter_rows(max_row=MAX_ROWS + 20, values_only=True)]
    finally:
        wb.close()
    texts = [[_cell_text(v) for v in r[:MAX_COLUMNS]] for r in rows]
    texts = [r for r in texts if any(r)]
    title = ""
    if texts and sum(1 for v in texts[0] if v) == 1 and len(texts) > 1:
        title = next(v for v in texts[0] if v)
        texts = texts[1:]
    while texts and sum(1 for v in texts[0] if v) < 2:  # notes between the title and the column headers
        texts = texts[1:]
    if texts:  # the template's "required" marks are not part of a column's name
        texts[0] = [re.sub(r"\s*\*$", "", v) for v in texts[0]]
    if len(texts) < 2:
        raise UsageError(f"sheet '{sheet}'{' ' + cells if cells else ''} tidak berisi tabel (judul kolom dan "
                         "sedikitnya satu baris).", path=path)
    if len(texts) > MAX_ROWS:
        raise UsageError(f"tabel Lampiran lebih dari {MAX_ROWS} baris; pilih rentang (FILE.xlsx#Sheet!A1:H200).",
                         path=path)
    used = [i for i in range(max(len(r) for r in texts)) if any(i < len(r) and r[i] for r in texts)]
    table = [[r[i] if i < len(r) else "" for i in used] for r in texts]
    return {"judul": title or sheet, "kolom": table[0], "baris": table[1:], "sumber": f"{path.name}#{sheet}"}


def append_tables(blob: bytes, tables: Sequence[Mapping[str, Any]], *, nomor: str, tanggal: dt.date,
                  dari: str) -> bytes:
    """The rendered letter with one landscape Lampiran section per table (header row repeated per page)."""
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = docx.Document(io.BytesIO(blob))
    for n, table in enumerate(tables):
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        section.different_first_page_header_footer = False
        label = f"Lampiran {ROMAN[n] if n < len(ROMAN) else n + 1}"
        for line in (f"{label}\t: {dari}", f"Nomor\t: {nomor}", f"Tanggal\t: {format_tanggal(tanggal)}"):
            p = doc.add_paragraph(line)
            p.paragraph_format.left_indent = Cm(15.5)
            p.paragraph_format.first_line_indent = Cm(-2.5)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(15.5))
            p.paragraph_format.space_after = Pt(0)
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_before = Pt(12)
        run = title.add_run(str(table.get("judul") or "").upper())
        run.bold = True
        columns = [str(c) for c in table.get("kolom") or []]
        rows = table.get("baris") or []
        t = doc.add_table(rows=1, cols=len(columns))
        t.style = doc.styles["Table Grid"] if "Table Grid" in [s.name for s in doc.styles] else None
        _borders(t, OxmlElement, qn)
        for cell, head in zip(t.rows[0].cells, columns, strict=True):
            cell.text = ""
            r = cell.paragraphs[0].add_run(head)
            r.bold = True
            _shade(cell, "D9D9D9", OxmlElement, qn)
        tr_pr = t.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeats on every page
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, list(row) + [""] * (len(columns) - len(row)), strict=False):
                cell.text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _borders(table: Any, element: Any, qn: Any) -> None:
    pr = table._tbl.tblPr
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = element(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "4")
        b.set(qn("w:color"), "000000")
        borders.append(b)
    pr.append(borders)


def _shade(cell: Any, fill: str, element: Any, qn: Any) -> None:
    shd = element("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)
