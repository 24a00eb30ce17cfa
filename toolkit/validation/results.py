"""The *Hasil Validasi* sheet: one shape whether the CLI writes it into a copy
(``integritas validasi --tulis-hasil``) or the Validasi button writes it into the open book.

Rows 1–3: title, verdict with counts and the time of the check, how to read the colours;
row 4 (:data:`HEADER_ROW`): :data:`HEADERS`; one row per finding below. The last column,
*Warna sel semula*, keeps the fill a coloured cell had before (the button puts it back on the
next run; in a copy the source file keeps its own colours, so it stays empty).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit import __version__
from toolkit.indonesian import format_tanggal
from toolkit.validation.report import SEVERITY_LABEL, Finding, Report

RESULT_SHEET = "Hasil Validasi"
HEADER_ROW = 4  # 1-based
HEADERS = ("No", "Tingkat", "Sheet", "Sel", "Baris", "Kolom", "Aturan", "Nilai", "Pesan", "Warna sel semula")
WIDTHS = (6, 11, 18, 9, 7, 22, 26, 28, 90, 12)
NO_FINDINGS = "Tidak ada temuan."
COLOURS = "Sel yang bermasalah diwarnai: merah = galat, kuning = peringatan."


def stamp(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"{format_tanggal(now.date())} pukul {now:%H.%M}, toolkit {__version__}"


def verdict(report: Report) -> str:
    warnings = len(report.warnings)
    return "LOLOS" if report.ok and not warnings else ("LOLOS DENGAN CATATAN" if report.ok else "TIDAK LOLOS")


def heading(report: Report, name: str, *, advice: str = "", now: dt.datetime | None = None) -> list[list[Any]]:
    """Rows 1–3 and the header row."""
    return [
        [f"HASIL VALIDASI — {name}"],
        [f"{verdict(report)}: {len(report.errors)} galat, {len(report.warnings)} peringatan, "
         f"{report.rows_checked} baris diperiksa. Diperiksa {stamp(now)}."],
        [f"{COLOURS} {advice}".strip()],
        list(HEADERS),
    ]


def finding_row(n: int, f: Finding, *, cell: Any = None, value: str = "", previous_fill: str = "") -> list[Any]:
    """One finding as a row of the table (``cell`` may be a hyperlink object instead of the address)."""
    return [n, SEVERITY_LABEL.get(f.severity, f.severity), f.sheet, f.cell if cell is None else cell,
            f.row or None, f.column or "", f.rule_id, value, f.message, previous_fill]


def no_findings_row() -> list[Any]:
    return ["" for _ in HEADERS[:-2]] + [NO_FINDINGS, ""]
