"""Inspect a BOS, gift or risk workbook: validation report + computed results, and a results copy.

``inspect_path(path)`` reads the workbook (read-only), runs the full validation (generic
checks and this kind's rules) and keeps the computed results; ``write_inspection_copy``
writes them as sheets into a COPY of the workbook (``<name>.hasil-inspektorat.xlsx``; an
``.xlsm`` keeps its macros and buttons: the copy is made by
:func:`toolkit.workbook.safe_copy.write_safe_copy`). The input file is never opened for writing.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import UnsafeWriteError, UsageError
from toolkit.indonesian import format_tanggal
from toolkit.inspectorate import analysis as an
from toolkit.inspectorate import sheets
from toolkit.inspectorate.taxes import TAX_KEYS, TAX_LABELS
from toolkit.kinds.registry import require_capability
from toolkit.validation.engine import STREAM_THRESHOLD_BYTES, validate_data
from toolkit.validation.report import Report
from toolkit.workbook.opening import open_workbook
from toolkit.workbook.reader import WorkbookData
from toolkit.workbook.safe_copy import write_safe_copy

COPY_SUFFIX = ".hasil-inspektorat"


@dataclass
class InspectionResult:
    kind: str
    data: WorkbookData
    report: Report
    analysis: an.BosAnalysis | an.GiftAnalysis | an.RiskAnalysis

    @property
    def ok(self) -> bool:
        return self.report.ok

    def rows(self) -> list[dict[str, Any]]:
        """The computed results as plain dicts (JSON, result sheets, tests)."""
        if isinstance(self.analysis, an.BosAnalysis):
            return [_bos_row(rec.values, res) for rec, res in self.analysis.rows]
        if isinstance(self.analysis, an.GiftAnalysis):
            return [_gift_row(d, self.analysis.as_of) for _rec, d in self.analysis.rows]
        return [_risk_row(a) for a in self.analysis.assessments]

    def summary(self) -> dict[str, Any]:
        if isinstance(self.analysis, an.BosAnalysis):
            return {"jumlah_transaksi": len(self.analysis.rows), **self.analysis.totals()}
        if isinstance(self.analysis, an.GiftAnalysis):
            counts = self.analysis.counts()
            return {"jumlah_pemberian": len(self.analysis.rows), "boleh_diterima": counts.get("Boleh diterima", 0),
                    "wajib_dilaporkan": counts.get("Wajib dilaporkan", 0),
                    "tanggal_acuan": self.analysis.as_of.isoformat()}
        levels: dict[str, int] = {lv.name: 0 for lv in self.analysis.matrix.levels}
        for a in self.analysis.assessments:
            if a.level:
                levels[a.level] += 1
        return {"jumlah_risiko": len(self.analysis.rows),
                "prioritas": sum(1 for a in self.analysis.assessments if a.priority),
                "prioritas_tanpa_rtp": sum(1 for a in self.analysis.assessments if a.needs_rtp),
                "per_level": levels}

    def to_dict(self) -> dict[str, Any]:
        out = {"jenis": self.kind, "ringkasan": self.summary(), "hasil": self.rows(),
               "validasi": self.report.to_dict()}
        if isinstance(self.analysis, (an.BosAnalysis, an.GiftAnalysis)):
            out["catatan_aturan"] = list(self.analysis.notes)
        return out


def _bos_row(values: dict[str, Any], res: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "no": values.get("no"), "tanggal": res.transaction.tanggal.isoformat(), "uraian": values.get("uraian"),
        "jenis_belanja": res.transaction.jenis_belanja, "penerima": res.transaction.penerima,
        "status_penerima": res.transaction.status_penerima, "nilai_bruto": res.transaction.nilai_bruto,
        "harga_tanpa_ppn": res.harga_jual,
    }
    for tax in TAX_KEYS:
        line = next((ln for ln in res.lines if ln.tax == tax), None)
        row[tax] = res.amount(tax)
        row[f"{tax}_tarif"] = line.rate_percent if line else ""
        row[f"{tax}_dasar"] = line.basis if line else ""
    row["jumlah_pph"] = res.total_withheld
    row["temuan"] = [f.rule_id for f in res.flags] + [f"BOS-PAJAK-SELISIH:{t}" for t in res.differences()]
    return row


def _gift_row(d: Any, as_of: dt.date) -> dict[str, Any]:
    g = d.gift
    return {
        "no": g.no, "tanggal": g.tanggal.isoformat(), "penerima": g.penerima, "pemberi": g.pemberi,
        "hubungan": g.hubungan, "acara": g.acara, "bentuk": g.bentuk, "nilai": g.nilai, "status": d.status,
        "alasan": d.reason, "batas": d.limit, "total_dibandingkan": d.running_total,
        "batas_lapor": d.deadline.isoformat() if d.deadline else None,
        "saluran": list(d.channels), "keadaan_lapor": d.report_state(as_of),
    }


def _risk_row(a: Any) -> dict[str, Any]:
    return {"kode": a.kode, "pernyataan": a.pernyataan, "kemungkinan": a.likelihood, "dampak": a.impact,
            "skor": a.score, "level": a.level, "prioritas": a.priority, "jumlah_rtp": a.rtp_count}


def inspect_data(data: WorkbookData, *, as_of: dt.date | None = None, formulas: Any = None) -> InspectionResult:
    kind = data.schema.kind
    inspection = require_capability(data.schema, "inspection", path=data.path)
    analysis: an.BosAnalysis | an.GiftAnalysis | an.RiskAnalysis = inspection.analyse(data, as_of=as_of)
    report = validate_data(data, formulas=formulas, analysis=analysis)  # the report uses these exact findings
    return InspectionResult(kind, data, report, analysis)


def inspect_path(path: str | Path, expected_kind: str | None = None, *,
                 as_of: dt.date | None = None) -> InspectionResult:
    """Read and inspect one workbook. Raises UnreadableInputError / WrongKindError."""
    return inspect_data(open_workbook(path, kind=expected_kind, stream_threshold=STREAM_THRESHOLD_BYTES), as_of=as_of)


# --- the results copy -------------------------------------------------------------------------

def default_copy_path(src: Path) -> Path:
    return src.with_name(f"{src.stem}{COPY_SUFFIX}{src.suffix}")


def write_inspection_copy(src: str | Path, result: InspectionResult, dest: str | Path | None = None, *,
                          overwrite: bool = False, heatmap: bool = True) -> Path:
    """Copy ``src`` and add the result sheets to the copy. The input is only read."""
    source = Path(src)
    target = Path(dest) if dest is not None else default_copy_path(source)
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError("file hasil harus .xlsx atau .xlsm.", path=target)
    if source.suffix.lower() == ".xlsm" and target.suffix.lower() != ".xlsm":
        raise UsageError("workbook bermakro (.xlsm) harus disalin ke .xlsm agar makronya tidak hilang.", path=target)
    if target.exists() and target.resolve() == source.resolve():
        raise UnsafeWriteError("file hasil sama dengan file masukan; hasil tidak pernah ditulis ke file "
                               "masukan.", path=target)
    with tempfile.TemporaryDirectory(prefix="integritas-") as tmp:
        new = sheets.result_sheets(result, heatmap=heatmap, tmpdir=Path(tmp))
        return write_safe_copy(source, target, new, sheets.finding_marks(result), overwrite=overwrite,
                               activate=new[0].name, on_clash="rename", what="hasil pemeriksaan inspektorat")


def describe_date(day: dt.date | None) -> str:
    return format_tanggal(day) if day else ""


__all__ = ["COPY_SUFFIX", "InspectionResult", "TAX_LABELS", "default_copy_path", "inspect_data",
           "inspect_path", "write_inspection_copy"]
