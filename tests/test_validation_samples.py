"""Every sample pair: ``-valid`` yields no finding; ``-invalid`` yields exactly its golden findings.

The golden files (``samples/<kind>/<case>-invalid.golden.json``) are also checked
against the samples helper's intent, ``<case>-invalid.faults.yaml``: every planted
fault is reported at its cell, and the only findings beyond the fault list are the
consequences listed in ``CONSEQUENCES`` below.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tests.validation_helpers import SAMPLES, as_keys, golden_path, load_golden, write_golden
from toolkit.validation import validate_path

VALID = sorted(SAMPLES.glob("*/*-valid.xlsx"))
INVALID = sorted(SAMPLES.glob("*/*-invalid.xlsx"))

# Findings that are true consequences of a planted fault but not in the faults file.
CONSEQUENCES: dict[str, set[tuple[str, str, str]]] = {
    # fault "SPI-NO-URUT A7" renumbers Lampiran I kegiatan 4 to 40, so Pemantauan row 9,
    # which reports on kegiatan 4, now points at a number Lampiran I no longer has.
    "bangka-tengah-2024-invalid.xlsx": {("SPI-PEMANTAUAN-RUJUKAN", "Pemantauan", "A9")},
}


def test_samples_exist() -> None:
    assert len(VALID) >= 3 and len(INVALID) >= 3
    kinds = {p.parent.name for p in INVALID}
    assert {"rencana-aksi-zi", "tindak-lanjut-spi", "kalender-integritas"} <= kinds


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_sample_has_no_findings(path: Path) -> None:
    report = validate_path(path)
    assert report.rows_checked > 0
    assert report.flatten(["sheet", "cell", "rule_id", "message"]) == []
    assert report.ok


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_sample_matches_golden(path: Path) -> None:
    report = validate_path(path)
    if os.environ.get("INTEGRITAS_UPDATE_GOLDEN"):
        write_golden(path, report)
    assert golden_path(path).exists(), f"golden belum ada untuk {path.name}"
    expected = load_golden(path)
    got = as_keys(report)
    assert sorted(got - expected) == [], "temuan tak terduga"
    assert sorted(expected - got) == [], "temuan yang hilang"
    assert not report.ok


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_golden_agrees_with_planted_faults(path: Path) -> None:
    faults_file = path.with_name(path.name.replace(".xlsx", ".faults.yaml"))
    faults = yaml.safe_load(faults_file.read_text(encoding="utf-8"))["faults"]
    planted = {(f["rule_id"], f["sheet"], f.get("cell") or "") for f in faults}
    golden = {(rule, sheet, cell) for rule, _sev, sheet, cell in load_golden(path)}
    assert sorted(planted - golden) == [], "kesalahan yang ditanam tidak dilaporkan"
    assert golden - planted == CONSEQUENCES.get(path.name, set())
    severities = {(f["rule_id"], f["sheet"], f.get("cell") or ""): f.get("severity") for f in faults}
    for rule, sev, sheet, cell in load_golden(path):
        planted_sev = severities.get((rule, sheet, cell))
        if planted_sev:
            assert planted_sev == sev, (rule, sheet, cell)
