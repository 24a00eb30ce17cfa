"""Seams to the other capabilities: validation, evidence checklist and scoring.

The recap calls the same engines a unit runs with its **Validasi** button:
``toolkit.validation.validate_data`` for findings, ``toolkit.evidence.build_checklist``
for evidence completeness, ``toolkit.scoring`` for a score where the kind has one.
Evidence falls back to the *Referensi Bukti* cells when no evidence folder was sent
(``source`` says which was used), so a central office never gets a half-empty REKAP
without knowing why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import ToolkitError
from toolkit.evidence.checklist import build_checklist
from toolkit.indonesian import format_value
from toolkit.kinds.registry import get_kind
from toolkit.rekap.scores import ScoreResult
from toolkit.schemas.coerce import is_blank
from toolkit.validation.engine import validate_data
from toolkit.workbook.reader import WorkbookData

FORMULA_PREFIXES = ("=", "+", "-", "@")


@dataclass(frozen=True)
class FindingRow:
    """A finding reduced to what the recap writes and stores (small and picklable)."""

    rule_id: str
    severity: str  # "error" | "warning"
    sheet: str
    cell: str
    message: str
    value: str = ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def validate(data: WorkbookData) -> tuple[list[FindingRow], str]:
    """Findings of one unit workbook and which engine produced them ("validasi" or "dasar")."""
    report = validate_data(data)
    rows = [FindingRow(str(f.rule_id), str(f.severity), _text(f.sheet), _text(f.cell), _text(f.message),
                       format_value(f.value)) for f in report.findings]
    return rows, "validasi"


@dataclass(frozen=True)
class EvidenceResult:
    completeness: float | None
    by_area: dict[str, float]
    missing: list[str]
    source: str  # "folder bukti" | "referensi" | ""


def evidence(data: WorkbookData, evidence_dir: Path | None, *, as_of: dt.date | None = None) -> EvidenceResult:
    """Evidence completeness: the evidence checklist when a folder exists, else the references.

    Fallback ("referensi"): the share of activities that have started (progress > 0
    or status Selesai) whose *Referensi Bukti* cell is filled.
    """
    if evidence_dir is not None and evidence_dir.is_dir():
        checklist = build_checklist(data.path, evidence_dir, as_of=as_of)
        missing = [_describe_missing(item) for item in checklist.missing()]
        return EvidenceResult(float(checklist.completeness()), dict(checklist.by_area()), missing, "folder bukti")
    spec = data.schema.sheet(data.schema.main_sheet or data.schema.sheets[0].key)
    if "bukti" not in spec.column_keys():
        return EvidenceResult(None, {}, [], "")
    need = have = 0
    missing = []
    for rec in data.records(spec.key):
        progress = rec.values.get("progres")
        started = (isinstance(progress, (int, float)) and progress > 0) or rec.values.get("status") == "Selesai"
        if not started:
            continue
        need += 1
        if not is_blank(rec.raw.get("bukti")):
            have += 1
        else:
            missing.append(f"{rec.values.get('kegiatan') or 'baris ' + str(rec.row)} "
                           f"(sheet {rec.sheet} baris {rec.row})")
    return EvidenceResult(round(100 * have / need, 1) if need else None, {}, missing, "referensi")


def _describe_missing(item: Any) -> str:
    for attr in ("describe", "label"):
        fn = getattr(item, attr, None)
        if callable(fn):
            return str(fn())
    for attr in ("kegiatan", "name", "item", "path"):
        value = getattr(item, attr, None)
        if value:
            return str(value)
    return str(item)


def score(data: WorkbookData, *, as_of: dt.date | None = None) -> tuple[float | None, str]:
    """The recap's "Nilai" of one unit and its label (see :func:`score_of`)."""
    result = score_of(data, as_of=as_of)
    return result.value, result.label


def score_of(data: WorkbookData, *, as_of: dt.date | None = None) -> ScoreResult:
    """The recap's "Nilai" of one unit — through its kind's ``recap_score`` capability — with its definition.

    A kind without the capability has no Nilai (value None, empty label). A score that
    cannot be computed never rejects the unit's file: value None and the reason as label.
    """
    try:
        fn = recap_score_function(data.schema)
        if fn is None:
            return ScoreResult(None, "", "")
        result = fn(data, as_of=as_of)
        if isinstance(result, ScoreResult):
            return result
        return ScoreResult(None if result is None else round(float(result), 1), "", "")
    except ToolkitError as exc:  # a score is extra information: the unit's file is still recapped
        return ScoreResult(None, f"nilai tidak dapat dihitung: {exc.message}", "")
    except Exception:  # an internal fault in the score: no Python text in REKAP.xlsx
        return ScoreResult(None, "nilai tidak dapat dihitung (kesalahan internal penghitung nilai; "
                                 "laporkan kepada pengelola toolkit)", "")


def recap_score_function(schema: Any) -> Any:
    """The kind's recap score function (``toolkit.kinds``: capability ``recap_score``), or None."""
    cap = get_kind(schema.kind).recap_score
    if cap is None:
        return None
    return getattr(cap, "compute", cap)
