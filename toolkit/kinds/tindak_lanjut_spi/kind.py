"""``tindak-lanjut-spi`` (seed 004): the SPI follow-up action plan (Lampiran I, II) and its monitoring.

Capabilities: follow-up progress (``integritas nilai`` and the recap's "Nilai") and the
Laporan Progres Tindak Lanjut SPI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.documents.spi_progres import spi_progres_data
from toolkit.errors import UsageError
from toolkit.indonesian import format_tanggal
from toolkit.kinds.model import RecapScore, Report, Score, WorkbookKind
from toolkit.kinds.tindak_lanjut_spi import SCHEMA
from toolkit.kinds.tindak_lanjut_spi.checks import CHECKS
from toolkit.rekap import scores
from toolkit.scoring.output import spi_rows
from toolkit.scoring.spi import SpiProgress, spi_progress
from toolkit.workbook.reader import WorkbookData


def progress(data: WorkbookData, as_of: dt.date | None = None) -> SpiProgress:
    return spi_progress(data, as_of)


def progress_terminal(result: SpiProgress) -> tuple[str, list[str], list[list[Any]], list[str]]:
    rows = [[r["no"], " ".join(r["kegiatan"].split())[:50], r["ukuran"], r["progres_persen"], r["status"],
             r["tenggat"], r["terlambat"]] for r in result.table()]
    overall = result.overall
    return (f"Progres tindak lanjut SPI — {result.unit} per {format_tanggal(result.as_of)}",
            ["No", "Kegiatan", "Ukuran", "Progres %", "Status", "Tenggat", "Terlambat"], rows,
            [f"Progres rata-rata: {'-' if overall is None else f'{overall:.2f}'.replace('.', ',')}%; "
             f"terlambat: {len(result.overdue)} kegiatan"])


def spi_report(data: WorkbookData, *, quarter: int | None = None, as_of: dt.date | None = None,
               lke: Any = None, has_wbk: bool | None = None) -> dict[str, Any]:
    if quarter is not None:
        raise UsageError("laporan progres SPI dihitung per tanggal; pakai --per-tanggal, bukan --triwulan.")
    return spi_progres_data(data, as_of=as_of)


KIND = WorkbookKind(
    schema=SCHEMA,
    checks=CHECKS,
    score=Score(compute=progress, terminal=progress_terminal, result_rows=spi_rows, result_sheet="Hasil Progres",
                complete=lambda r: not r.overdue),
    report=Report(document="laporan-spi", aliases=("spi", "laporan-spi", "tindak-lanjut-spi"),
                  build=spi_report, title="Laporan Progres SPI"),
    recap_score=RecapScore(label=scores.LABEL_SPI, compute=scores.spi_followup_score),
)
