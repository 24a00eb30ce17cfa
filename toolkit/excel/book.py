"""What a button works with: the calling book's folder, a snapshot of it, the evidence folder
beside it — and the :class:`Outcome` it returns (the message shown, data for tests).

Library code for the buttons' actions (``toolkit.excel.documents`` …); the face
``toolkit.excel_entry`` only registers and runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.excel.adapter import BookAdapter


@dataclass
class Outcome:
    """What a button did: the message shown, and data for tests and callers."""

    action: str
    ok: bool
    message: str
    details: dict[str, Any] = field(default_factory=dict)


def snapshot(book: BookAdapter, folder: Path) -> Path:
    """A copy of the book's current state (unsaved edits included) in ``folder``."""
    name = book.name
    if Path(name).suffix.lower() not in (".xlsx", ".xlsm"):
        name += ".xlsx"
    return book.save_copy(folder / name)


def book_folder(book: BookAdapter) -> Path:
    if book.path is None:
        raise UsageError("simpan workbook ini terlebih dahulu (File > Save As), lalu tekan tombol lagi.")
    return book.path.parent


EVIDENCE_FOLDER_NAMES = ("Bukti", "Data Dukung", "Evidence")


def evidence_dir_for(book: BookAdapter) -> Path:
    """The evidence folder beside the workbook: ``<nama workbook> Bukti``, ``Bukti``, ``Data Dukung`` or ``Evidence``."""
    folder = book_folder(book)
    stem = Path(book.name).stem
    candidates = [folder / f"{stem} Bukti", folder / f"{stem}_bukti"]
    candidates += [folder / n for n in EVIDENCE_FOLDER_NAMES]
    existing = {p.name.casefold(): p for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else {}
    for c in candidates:
        found = existing.get(c.name.casefold())
        if found is not None:
            return found
    raise UsageError(f"folder bukti tidak ditemukan di {folder}. Buat folder 'Bukti' di samping workbook ini "
                     "dan simpan file bukti (undangan, notula, daftar hadir, foto, laporan) di dalamnya.")
