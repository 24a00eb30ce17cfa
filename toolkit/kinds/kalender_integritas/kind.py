"""``kalender-integritas`` (seed 000): the calendar of integrity activities, themes and realisations.

Capabilities: compliance with the minimum frequencies (``integritas nilai`` and the recap's
"Nilai"), the Laporan Kepatuhan, and evidence per realisation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from toolkit.documents.kepatuhan import kepatuhan_data
from toolkit.evidence.requirements import Requirement, kalender_requirements
from toolkit.indonesian import format_tanggal
from toolkit.kinds.kalender_integritas import SCHEMA
from toolkit.kinds.kalender_integritas.checks import CHECKS
from toolkit.kinds.model import Evidence, RecapScore, Report, Score, WorkbookKind
from toolkit.rekap import scores
from toolkit.scoring.compliance import ComplianceResult, calendar_compliance
from toolkit.scoring.output import compliance_chart_png, compliance_rows, write_compliance_xlsx
from toolkit.workbook.reader import WorkbookData


def compliance(data: WorkbookData, as_of: dt.date | None = None) -> ComplianceResult:
    """Compliance up to ``as_of`` (default: the Identitas *Tanggal Pengisian*, else the end of the year)."""
    return calendar_compliance(data, as_of) if as_of is not None else calendar_compliance(data)


def compliance_terminal(result: ComplianceResult) -> tuple[str, list[str], list[list[Any]], list[str]]:
    rows = [[r["kelompok"], r["no"], r["kegiatan"][:45], r["frekuensi"], r["periode_terpenuhi"],
             r["periode_dinilai"], r["kepatuhan_persen"], f"{r['tema_tersampaikan']}/{r['tema_wajib']}"]
            for r in result.table()]
    pct = result.percent
    return (f"Kepatuhan {result.unit} {result.year} s.d. {format_tanggal(result.as_of)}",
            ["Kelompok", "No", "Kegiatan", "Frekuensi", "Terpenuhi", "Dinilai", "%", "Tema"], rows,
            [f"Kepatuhan unit: {'-' if pct is None else f'{pct:.2f}'.replace('.', ',')}%"])


def compliance_chart(result: ComplianceResult, path: Path, *, overwrite: bool = False) -> Path:
    """An .xlsx with a native Excel chart, else a PNG (``--grafik``)."""
    if path.suffix.lower() == ".xlsx":
        return write_compliance_xlsx([result], path, overwrite=overwrite)
    return compliance_chart_png(result, path, overwrite=overwrite)


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
    score=Score(compute=compliance, terminal=compliance_terminal, result_rows=compliance_rows,
                result_sheet="Hasil Kepatuhan", complete=lambda r: r.percent is not None and r.percent >= 100,
                chart=compliance_chart),
    report=Report(document="laporan-kepatuhan", aliases=("kepatuhan", "laporan-kepatuhan", "kalender-integritas"),
                  build=kepatuhan_report, title="Laporan Kepatuhan"),
    evidence=Evidence(requirements=evidence_requirements),
    recap_score=RecapScore(label=scores.LABEL_KALENDER, compute=scores.calendar_compliance_score),
)
