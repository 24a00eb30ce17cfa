"""``rencana-aksi-zi`` (seed 001): Matriks Rencana Kerja and Matriks Komitmen of a ZI unit.

Capabilities: the Laporan Monev ZI (with the Penilaian LKE ZI section when an LKE
workbook is given), evidence per commitment and per planned activity, the Nota Dinas
summary, and the recap's "Nilai" from the unit's LKE ZI workbook sent with it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.evidence.requirements import Requirement, activity_requirements, commitment_requirements
from toolkit.indonesian import months_of_quarter
from toolkit.kinds.model import Evidence, RecapScore, Report, WorkbookKind
from toolkit.kinds.rencana_aksi_zi import SCHEMA
from toolkit.kinds.rencana_aksi_zi.checks import CHECKS
from toolkit.workbook.reader import WorkbookData

LABEL_LKE = "nilai LKE ZI (Belum Diisi = 0)"
# an LKE ZI workbook sent with a unit's file: <nama file>.lke.xlsx beside it
LKE_NAMES = ("{stem}.lke.xlsx", "{stem} LKE.xlsx", "{stem}.lke.xlsm")


def lke_beside(path: Path) -> Path | None:
    """An LKE ZI workbook sent with a unit's rencana-aksi-zi file: ``<nama file>.lke.xlsx`` beside it."""
    for pattern in LKE_NAMES:
        candidate = path.with_name(pattern.format(stem=path.stem))
        if candidate.is_file():
            return candidate
    return None


def monev_report(data: WorkbookData, *, quarter: int | None = None, as_of: dt.date | None = None,
                 lke: str | Path | None = None, has_wbk: bool | None = None) -> dict[str, Any]:
    """Laporan Monev ZI data; per end of quarter; the LKE section when an LKE workbook is given."""
    from toolkit.documents.monev import monev_data

    if as_of is not None:
        raise UsageError("laporan monev dihitung per akhir triwulan; pakai --triwulan, bukan --per-tanggal.")
    out = monev_data(data, quarter=quarter)
    if lke is not None:
        from toolkit.documents.lke_section import lke_section_from_path

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
    from toolkit.documents.monev import monev_data

    return list(monev_data(data)["ringkasan"])


def recap_lke_score(data: WorkbookData, *, as_of: dt.date | None = None, lke: Any = None) -> float | None:
    """The LKE total (Belum Diisi = 0) of the unit's LKE: ``lke`` as a number, a path or a scored
    ``LkeResult``, else a ``<nama file>.lke.xlsx`` beside the unit's file; None without one."""
    if lke is None and isinstance(getattr(data, "path", None), Path):
        lke = lke_beside(data.path)
    if lke is None:
        return None
    if isinstance(lke, (int, float)) and not isinstance(lke, bool):
        return round(float(lke), 2)
    if isinstance(lke, (str, Path)):
        from toolkit.scoring.lke import score_lke

        lke = score_lke(lke)
    total = getattr(lke, "total_strict", None)
    return None if total is None else round(float(total), 2)


KIND = WorkbookKind(
    schema=SCHEMA,
    checks=CHECKS,
    report=Report(document="laporan-monev", aliases=("monev", "laporan-monev", "rencana-aksi-zi"),
                  build=monev_report, title="Laporan Monev"),
    evidence=Evidence(requirements=evidence_requirements),
    nota_summary=nota_summary,
    recap_score=RecapScore(label=LABEL_LKE, compute=recap_lke_score),
)
