"""Shared data for the report tests (tests/test_documents_laporan*.py, tests/test_excel_laporan.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
KALENDER = SAMPLES / "kalender-integritas" / "kppn-2023-valid.xlsx"
SPI = SAMPLES / "tindak-lanjut-spi" / "bangka-tengah-2024-valid.xlsx"
ZI = SAMPLES / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"
LKE = SAMPLES / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"
YAML = {"kepatuhan": SAMPLES / "surat" / "laporan-kepatuhan-kppn-2023.yaml",
        "spi": SAMPLES / "surat" / "laporan-spi-bangka-tengah-2024.yaml",
        "monev": SAMPLES / "surat" / "laporan-monev-komdigi-2026.yaml"}


def letter(name: str) -> dict[str, Any]:
    data = yaml.safe_load(YAML[name].read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def lke_with_gaps(path: Path) -> Path:
    """The official LKE sample with every third option question at its lowest answer and three left empty.

    Gives a unit below WBK (pengungkit just under 40, two areas under 60 % of their weight) with
    three *Belum Diisi* questions, so the official total is #DIV/0! (an empty sub-area).
    """
    from toolkit.scoring import score_lke
    from toolkit.scoring.lke import ANSWER_VALUES

    questions = [q for q in score_lke(LKE).questions if q.answer_type in ANSWER_VALUES]
    wb = openpyxl.load_workbook(LKE)
    ws = wb["LKE ZI"]
    for i, q in enumerate(questions):
        if i % 3 == 0:
            ws[f"K{q.row}"] = ANSWER_VALUES[q.answer_type][-1][0]
    for q in questions[1:4]:
        ws[f"K{q.row}"] = None
    wb.save(path)
    return path
