"""Write the checklist into a COPY of the unit's workbook (``<name>.checklist.xlsx``/``.xlsm``) and JSON.

The user's workbook is never opened for writing. The copy is made by
:func:`toolkit.workbook.safe_copy.write_safe_copy`, the same zip-level path as the
validation results: every part of the unit's workbook (macros, buttons, dropdowns,
formats, formulas) is kept byte for byte, and three sheets are added after the last
one: *Checklist Bukti* (one row per requirement, files linked relative to the copy),
*Kelengkapan* (percentages overall, per area, per indicator) and *File Lain*. The copy
opens on *Checklist Bukti*. There is no separate companion workbook any more: the
copy carries the checklist next to the plan it checks, and ``--json`` serves machines.
File names come from a unit's folder, so every one is written with ``write_string``
(never as a formula).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from toolkit.errors import UnsafeWriteError
from toolkit.evidence.checklist import ADA, PERLU_DICEK, TIDAK_ADA, Checklist, ChecklistItem
from toolkit.evidence.filetypes import is_dangerous
from toolkit.indonesian import format_tanggal
from toolkit.workbook import palette
from toolkit.workbook.cells import row_height
from toolkit.workbook.donor import can_link
from toolkit.workbook.safe_copy import NewSheet, default_copy_path, link_url, write_safe_copy

SHEET_CHECKLIST = "Checklist Bukti"
SHEET_COMPLETENESS = "Kelengkapan"
SHEET_OTHER = "File Lain"
HEADERS = ("No", "ID", "Area", "Indikator LKE", "Kegiatan", "Periode", "Bukti yang Diminta", "Status",
           "File 1", "File 2", "File 3", "File Lain", "Alasan", "Catatan", "Folder yang Disarankan", "Dasar Bukti")
# printed A4 landscape one page wide: narrow enough to stay legible, wide enough for every header word
CHECKLIST_WIDTHS = (5, 13, 18, 11, 26, 10, 32, 11, 20, 18, 18, 16, 30, 24, 22, 22)
MAX_LINKS = 60000  # Excel allows 65,530 links per sheet
FILE_COLUMNS = 3


def default_output(workbook_path: str | Path) -> Path:
    """``unit.xlsm`` -> ``unit.checklist.xlsm`` (a copy keeps the workbook's own format)."""
    return default_copy_path(workbook_path, "checklist")


def _link_target(checklist: Checklist, rel: str, dest: Path) -> str:
    target = (checklist.evidence_dir / rel).resolve()
    try:
        relpath = os.path.relpath(target, dest.resolve().parent)
    except ValueError:  # another drive on Windows
        relpath = str(target)
    return relpath.replace(os.sep, "/")


def checklist_rows(checklist: Checklist) -> list[list[str]]:
    """The Checklist Bukti sheet as plain text rows (the golden comparison uses these)."""
    rows = []
    for n, it in enumerate(checklist.items, start=1):
        r = it.requirement
        files = [f.rel for f in it.files]
        first = files[:FILE_COLUMNS] + [""] * (FILE_COLUMNS - len(files[:FILE_COLUMNS]))
        rows.append([str(n), r.id, r.area, r.indicator, r.activity, r.period, r.name, it.status, *first,
                     "; ".join(files[FILE_COLUMNS:]), it.reason, "; ".join(it.notes), r.folder + "/",
                     r.basis])
    return rows


def write_checklist_copy(workbook_path: str | Path, checklist: Checklist, dest: str | Path | None = None, *,
                         overwrite: bool = False) -> Path:
    """Write a copy of the workbook with the checklist sheets (default ``<name>.checklist.xlsx``); return its path."""
    src = Path(workbook_path)
    out = Path(dest) if dest is not None else default_output(src)
    if out.suffix.lower() != src.suffix.lower():
        raise UnsafeWriteError(f"checklist ditulis ke salinan workbook unit, jadi berekstensi {src.suffix.lower()} "
                               "seperti aslinya (makro dan tombol tetap ada).", path=out)
    if out.exists() and src.exists() and out.resolve() == src.resolve():
        raise UnsafeWriteError("tujuan sama dengan workbook masukan; file unit tidak pernah ditimpa.", path=out)
    sheets = [NewSheet(SHEET_CHECKLIST, draw=lambda wb, ws: _write_checklist(wb, ws, checklist, out)),
              NewSheet(SHEET_COMPLETENESS, draw=lambda wb, ws: _write_completeness(wb, ws, checklist)),
              NewSheet(SHEET_OTHER, draw=lambda wb, ws: _write_other(wb, ws, checklist, out))]
    return write_safe_copy(src, out, sheets, overwrite=overwrite, activate=SHEET_CHECKLIST, on_clash="rename",
                           what="checklist bukti")


def _formats(wb: Any) -> dict[str, Any]:
    return {
        "bold": wb.add_format({"bold": True}),
        "title": wb.add_format({"bold": True, "font_size": 13}),
        "head": wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "text_wrap": True,
                               "valign": "top", "border": 1}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "link": wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top", "text_wrap": True}),
        "pct": wb.add_format({"num_format": "[$-421]0.0", "valign": "top"}),
        ADA: wb.add_format({"bg_color": palette.GREEN, "font_color": "#006100", "valign": "top"}),
        PERLU_DICEK: wb.add_format({"bg_color": palette.YELLOW, "font_color": "#9C5700", "valign": "top"}),
        TIDAK_ADA: wb.add_format({"bg_color": palette.RED, "font_color": "#9C0006", "valign": "top"}),
    }


def _content_kinds(checklist: Checklist) -> dict[str, str]:
    """rel -> kind found in the content ("rusak" for a file refused or unreadable), built once per
    checklist (a dict per link would be quadratic)."""
    kinds: dict[str, str] | None = getattr(checklist, "_content_kinds", None)
    if kinds is None:
        kinds = {f.rel: "rusak" if f.read_error else f.kind
                 for f in checklist.scan.files} if checklist.scan is not None else {}
        checklist._content_kinds = kinds  # type: ignore[attr-defined]
    return kinds


def _file_link(ws: Any, r: int, c: int, checklist: Checklist, rel: str, out: Path, fmt: Any, wrap: Any) -> bool:
    kind = _content_kinds(checklist).get(rel)
    if is_dangerous(rel, kind):
        ws.write_string(r, c, rel + " (berbahaya: tidak ditautkan)", wrap)  # listed, never one click away
        return False
    if kind == "rusak":  # a zip bomb or a damaged file is never one click away either
        ws.write_string(r, c, rel + " (tidak terbaca: tidak ditautkan)", wrap)
        return False
    url = link_url(_link_target(checklist, rel, out))
    if len(url) < 2000 and can_link(ws) and ws.write_url(r, c, url, fmt, string=rel) == 0:
        return True
    ws.write_string(r, c, rel, wrap)
    return False


def _write_checklist(wb: Any, ws: Any, checklist: Checklist, out: Path) -> None:
    f = _formats(wb)
    ws.write_string(0, 0, "CHECKLIST BUKTI (DATA DUKUNG)", f["title"])
    ws.write_string(1, 0, f"{checklist.unit} — {checklist.workbook.name} — periode {checklist.period} — "
                          f"{checklist.summary_line()}")
    ws.write_row(2, 0, HEADERS, f["head"])
    for c, w in enumerate(CHECKLIST_WIDTHS):
        ws.set_column(c, c, w)
    ws.set_row(2, row_height(HEADERS, CHECKLIST_WIDTHS))
    links = 0
    for i, (it, row) in enumerate(zip(checklist.items, checklist_rows(checklist), strict=True)):
        r = 3 + i
        ws.set_row(r, row_height(row, CHECKLIST_WIDTHS))  # wrapped rows printed in full, never over the next
        for c, value in enumerate(row):
            if c == 7:
                ws.write_string(r, c, value, f[it.status])
            elif 8 <= c < 8 + FILE_COLUMNS and value and links < MAX_LINKS:
                links += _file_link(ws, r, c, checklist, value, out, f["link"], f["wrap"])
            else:
                ws.write_string(r, c, value, f["wrap"])
    last = 3 + len(checklist.items)
    ws.autofilter(2, 0, max(last - 1, 2), len(HEADERS) - 1)
    ws.freeze_panes(3, 2)
    _print_setup(ws, header_row=2)


def _print_setup(ws: Any, *, header_row: int | None = None) -> None:
    """A4 landscape, one page wide, the header row on every page."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.fit_to_pages(1, 0)
    if header_row is not None:
        ws.repeat_rows(header_row)
    ws.set_footer("&L&A&RHalaman &P dari &N")


def _write_completeness(wb: Any, ws: Any, checklist: Checklist) -> None:
    f = _formats(wb)
    bold, title, head, pct = f["bold"], f["title"], f["head"], f["pct"]
    ws.set_column(0, 0, 48)
    ws.set_column(1, 4, 14)
    ws.write_string(0, 0, "KELENGKAPAN BUKTI", title)
    info = [("Unit", checklist.unit), ("Workbook", checklist.workbook.name),
            ("Folder bukti", checklist.evidence_dir.name), ("Periode", checklist.period),
            ("Batas tanggal", format_tanggal(checklist.cutoff) if checklist.cutoff else "-"),
            ("Versi katalog", checklist.catalogue_version)]
    for i, (k, v) in enumerate(info, start=2):
        ws.write_string(i, 0, k, bold)
        ws.write_string(i, 1, v)
    r = 2 + len(info) + 1
    ws.write_string(r, 0, "Kelengkapan keseluruhan (%)", bold)
    ws.write_number(r, 1, round(checklist.completeness(), 2), pct)
    r += 2
    r = _table(ws, r, "Area", checklist.items, lambda it: it.requirement.area, head, pct)
    r += 1
    _table(ws, r, "Indikator / Kegiatan", checklist.items, lambda it: it.requirement.group, head, pct)
    _print_setup(ws)


def _table(ws: Any, r: int, label: str, items: list[ChecklistItem], key: Any, head: Any, pct: Any) -> int:
    ws.write_row(r, 0, (label, "Kebutuhan", ADA, PERLU_DICEK, TIDAK_ADA, "Kelengkapan (%)"), head)
    groups: dict[str, list[ChecklistItem]] = {}
    for it in items:
        groups.setdefault(key(it), []).append(it)
    for name, group in groups.items():
        r += 1
        counts = {s: sum(1 for g in group if g.status == s) for s in (ADA, PERLU_DICEK, TIDAK_ADA)}
        ws.write_string(r, 0, name)
        ws.write_number(r, 1, len(group))
        for c, s in enumerate((ADA, PERLU_DICEK, TIDAK_ADA), start=2):
            ws.write_number(r, c, counts[s])
        ws.write_number(r, 5, round(100.0 * counts[ADA] / len(group), 2), pct)
    return r + 1


def _write_other(wb: Any, ws: Any, checklist: Checklist, out: Path) -> None:
    f = _formats(wb)
    title, head, wrap, link = f["title"], f["head"], f["wrap"], f["link"]
    ws.set_column(0, 0, 60)
    ws.set_column(1, 1, 80)
    ws.write_string(0, 0, "FILE YANG TIDAK DIKENALI DAN YANG DILEWATI", title)
    ws.write_row(2, 0, ("File", "Keterangan"), head)
    r = 3
    for path, why in checklist.unmatched:
        _file_link(ws, r, 0, checklist, path, out, link, wrap)
        ws.write_string(r, 1, why, wrap)
        r += 1
    for s in checklist.skipped:
        ws.write_string(r, 0, s.rel, wrap)
        ws.write_string(r, 1, "dilewati: " + s.reason, wrap)
        r += 1
    for note in checklist.notes:
        ws.write_string(r, 0, "(catatan)", wrap)
        ws.write_string(r, 1, note, wrap)
        r += 1
    _print_setup(ws, header_row=2)


def checklist_json(checklist: Checklist, indent: int | None = 2) -> str:
    return json.dumps(checklist.to_dict(), ensure_ascii=False, indent=indent)
