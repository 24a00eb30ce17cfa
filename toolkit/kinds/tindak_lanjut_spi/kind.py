"""``tindak-lanjut-spi`` (seed 004): the SPI follow-up action plan (Lampiran I, II) and its monitoring.

Capabilities: follow-up progress (``integritas nilai`` and the recap's "Nilai") and the
Laporan Progres Tindak Lanjut SPI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.documents.spi_progres import spi_progres_data
from toolkit.errors import UsageError
from toolkit.kinds.model import RecapScore, Report, Score, WorkbookKind
from toolkit.kinds.tindak_lanjut_spi import SCHEMA
from toolkit.kinds.tindak_lanjut_spi.checks import CHECKS
from toolkit.rekap import scores
from toolkit.scoring.spi import SpiProgress, spi_progress
from toolkit.workbook.reader import WorkbookData


def progress(data: WorkbookData, as_of: dt.date | None = None) -> SpiProgress:
    return spi_progress(data, as_of)


def spi_report(data: WorkbookData, *, quarter: int | None = None, as_of: dt.date | None = None,
               lke: Any = None, has_wbk: bool | None = None) -> dict[str, Any]:
    if quarter is not None:
        raise UsageError("laporan progres SPI dihitung per tanggal; pakai --per-tanggal, bukan --triwulan.")
    return spi_progres_data(data, as_of=as_of)


KIND = WorkbookKind(
    schema=SCHEMA,
    checks=CHECKS,
    score=Score(name="progres-spi", compute=progress),
    report=Report(document="laporan-spi", aliases=("spi", "laporan-spi", "tindak-lanjut-spi"),
                  build=spi_report, title="Laporan Progres SPI"),
    recap_score=RecapScore(label=scores.LABEL_SPI, compute=scores.spi_followup_score),
)
