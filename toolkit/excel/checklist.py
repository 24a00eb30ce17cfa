"""The *Checklist Bukti* sheet written into the calling workbook (button "Isi Checklist Bukti")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.excel.adapter import BookAdapter
from toolkit.excel.writeback import CHECKLIST_SHEET, write_table
from toolkit.indonesian import format_persen
from toolkit.validation.results import stamp

CHECKLIST_HEADERS = ("No", "ID", "Area", "Kegiatan / Indikator", "Bukti", "Periode", "Status", "File", "Alasan")
CHECKLIST_WIDTHS = (5, 16, 26, 40, 36, 14, 12, 40, 50)


def checklist_rows(checklist: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for i, item in enumerate(checklist.items, start=1):
        d = item.to_dict()
        files = "; ".join(f["path"] for f in d.get("file", []))
        rows.append([str(i), d["id"], d.get("area") or "", d.get("kegiatan") or d.get("indikator") or "",
                     d["bukti"], d.get("periode") or "", d["status"], files, d.get("alasan") or ""])
    return rows


def write_checklist(book: BookAdapter, checklist: Any, evidence_dir: Path) -> None:
    summary = [checklist.summary_line(), f"Folder bukti: {evidence_dir}. Diperiksa {stamp()}."]
    summary += [f"{area}: {format_persen(pct)}" for area, pct in checklist.by_area().items()]
    write_table(book, CHECKLIST_SHEET, f"CHECKLIST BUKTI — {book.name}", summary, CHECKLIST_HEADERS,
                checklist_rows(checklist), CHECKLIST_WIDTHS)
