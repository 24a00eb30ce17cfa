"""Shared helpers for the validation tests: golden files, fixtures built from the schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from toolkit.validation import Report

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def golden_path(invalid: Path) -> Path:
    return invalid.with_name(invalid.name.replace("-invalid.xlsx", "-invalid.golden.json"))


def golden_entries(report: Report) -> list[dict[str, Any]]:
    return [{"rule_id": f.rule_id, "severity": f.severity, "sheet": f.sheet, "cell": f.cell,
             "column": f.column} for f in report.findings]


def write_golden(invalid: Path, report: Report) -> None:
    data = {"file": invalid.name, "kind": report.kind,
            "note": "Temuan yang diharapkan dari validasi (dibandingkan menurut rule_id, sheet, sel). "
                    "Perbarui dengan INTEGRITAS_UPDATE_GOLDEN=1 pytest tests/test_validation_samples.py "
                    "setelah memeriksa perbedaannya terhadap file .faults.yaml.",
            "findings": golden_entries(report)}
    golden_path(invalid).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_golden(invalid: Path) -> set[tuple[str, str, str, str]]:
    data = json.loads(golden_path(invalid).read_text(encoding="utf-8"))
    return {(f["rule_id"], f["severity"], f["sheet"], f["cell"]) for f in data["findings"]}


def as_keys(report: Report) -> set[tuple[str, str, str, str]]:
    return {(f.rule_id, f.severity, f.sheet, f.cell) for f in report.findings}
