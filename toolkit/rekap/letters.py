"""``--surat``: one Nota Dinas per unit with its findings and missing evidence.

Letters are rendered by the documents capability (``toolkit.documents.render_document``
with the "nota-dinas" template) and numbered from its ``NumberRegister``.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError
from toolkit.rekap.merge import RekapResult


def check_available() -> None:
    try:
        from toolkit.documents import NumberRegister, render_document  # noqa: F401
    except ImportError as exc:
        raise UsageError("--surat memerlukan modul naskah dinas (toolkit.documents) yang belum terpasang.") from exc


def write_letters(result: RekapResult, outdir: str | Path, *, register: str | Path) -> list[Path]:
    check_available()
    raise UsageError("--surat belum tersedia.")
