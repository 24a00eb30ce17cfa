"""``rencana-aksi-zi`` (seed 001): Matriks Rencana Kerja and Matriks Komitmen of a ZI unit.

Capabilities: the Laporan Monev ZI (with the Penilaian LKE ZI section when an LKE
workbook is given), evidence per commitment and per planned activity, the Nota Dinas
summary, and the recap's "Nilai": planned months realised up to the reported period.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from toolkit.documents.lke_section import lke_section_from_path
from toolkit.documents.monev import monev_data
from toolkit.errors import UsageError
from toolkit.evidence.requirements import Requirement, activity_requirements, commitment_requirements
from toolkit.indonesian import months_of_quarter
from toolkit.kinds.model import Evidence, RecapScore, Report, WorkbookKind
from toolkit.kinds.rencana_aksi_zi import SCHEMA
from toolkit.kinds.rencana_aksi_zi.checks import CHECKS
from toolkit.rekap import scores
from toolkit.workbook.reader import WorkbookData


def monev_report(data: WorkbookData, *, quarter: int | None = None, as_of: dt.date | None = None,
                 lke: str | Path | None = None, has_wbk: bool | None = None) -> dict[str, Any]:
    """Laporan Monev ZI data; per end of quarter; the LKE section when an LKE workbook is given."""
    if as_of is not None:
        raise UsageError("laporan monev dihitung per akhir triwulan; pakai --triwulan, bukan --per-tanggal.")
    out = monev_data(data, quarter=quarter)
    if lke is not None:
        section = lke_section_from_path(lke, has_wbk=has_wbk)
        out["lke"] = section
        out["kesimpulan"].append(section["_kesimpulan"])
    return out


def evidence_requirements(data: WorkbookData, cat: Any, *, year: int | None, quarter: int,
                          cutoff: dt.date | None, as_of: dt.date | None) -> list[Requirement]:
    """Each commitment's evidence up to the quarter, and each planned activity's up to the month."""
    last_month = months_of_quarter(quarter)[-1] if cutoff is None or as_of is None else cutoff.month
    return commitment_requirements(data, cat, quarter) + activity_requirements(data, cat, last_month, year)


def nota_summary(data: WorkbookData) -> list[str]:
    """The Laporan Monev's summary paragraphs, for the body of the Nota Dinas that sends the workbook."""
    return list(monev_data(data)["ringkasan"])


KIND = WorkbookKind(
    schema=SCHEMA,
    checks=CHECKS,
    report=Report(document="laporan-monev", aliases=("monev", "laporan-monev", "rencana-aksi-zi"),
                  build=monev_report, title="Laporan Monev", takes_lke=True),
    evidence=Evidence(requirements=evidence_requirements),
    nota_summary=nota_summary,
    recap_score=RecapScore(label=scores.LABEL_REALISASI, compute=scores.plan_realisation),
)
