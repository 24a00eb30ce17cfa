"""``kalender-integritas`` (seed 000): the calendar of integrity activities, themes and realisations.

Capabilities: compliance with the minimum frequencies (``integritas nilai`` and the recap's
"Nilai"), the Laporan Kepatuhan, and evidence per realisation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.documents.kepatuhan import kepatuhan_data
from toolkit.evidence.requirements import Requirement, kalender_requirements
from toolkit.kinds.kalender_integritas import SCHEMA
from toolkit.kinds.kalender_integritas.checks import CHECKS
from toolkit.kinds.model import Evidence, RecapScore, Report, Score, WorkbookKind
from toolkit.rekap import scores
from toolkit.scoring.compliance import ComplianceResult, calendar_compliance
from toolkit.workbook.reader import WorkbookData


def compliance(data: WorkbookData, as_of: dt.date | None = None) -> ComplianceResult:
    """Compliance up to ``as_of`` (default: the Identitas *Tanggal Pengisian*, else the end of the year)."""
    return calendar_compliance(data, as_of) if as_of is not None else calendar_compliance(data)


def kepatuhan_report(data: WorkbookData, *, quarter: int | None = None, as_of: dt.date | None = None,
                     lke: Any = None, has_wbk: bool | None = None) -> dict[str, Any]:
    return kepatuhan_data(data, quarter=quarter, as_of=as_of)


def evidence_requirements(data: WorkbookData, cat: Any, *, year: int | None, quarter: int,
                          cutoff: dt.date | None, as_of: dt.date | None) -> list[Requirement]:
    """Each realisation's evidence up to the cut-off."""
    return kalender_requirements(data, cat, cutoff or dt.date.max)


KIND = WorkbookKind(
    schema=SCHEMA,
    checks=CHECKS,
    score=Score(name="kepatuhan", compute=compliance),
    report=Report(document="laporan-kepatuhan", aliases=("kepatuhan", "laporan-kepatuhan", "kalender-integritas"),
                  build=kepatuhan_report, title="Laporan Kepatuhan"),
    evidence=Evidence(requirements=evidence_requirements),
    recap_score=RecapScore(label=scores.LABEL_KALENDER, compute=scores.calendar_compliance_score),
)
