"""An unknown Versi Skema in Identitas is a warning, not silence (review finding)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from toolkit.schemas import get_schema
from toolkit.validation import validate_path
from toolkit.workbook.template import build_workbook


def test_unknown_schema_version_is_reported(tmp_path: Path) -> None:
    path = build_workbook(get_schema("tindak-lanjut-spi"), tmp_path / "spi.xlsx")
    assert not validate_path(path).by_rule("VERSI-SKEMA")
    wb = load_workbook(path)
    ws = wb["Identitas"]
    cell = next(ws.cell(r, 2) for r in range(1, 40) if ws.cell(r, 1).value == "Versi Skema")
    cell.value = "9.9"
    wb.save(path)
    findings = validate_path(path).by_rule("VERSI-SKEMA")
    assert [(f.severity, f.sheet, f.cell, f.value) for f in findings] == [("warning", "Identitas", cell.coordinate,
                                                                            "9.9")]
    assert "tidak dikenal" in findings[0].message
