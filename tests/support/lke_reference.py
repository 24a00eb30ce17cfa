"""Extract the LKE ZI reference data from the regulation's workbook (scaffolding, not product code).

``toolkit/data/scoring/lke-zi-permenpanrb-90-2021.referensi.yaml`` is what
:func:`extract_reference` returns for ``samples/lke/lke-zi-permenpanrb-90-2021.xlsx``;
tests/test_scoring.py proves it. Regenerate with ``write_reference(path)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from toolkit.scoring.formula import column_and_row
from toolkit.scoring.lke import load_lke_cells
from toolkit.scoring.reference import FORMULA_COLUMNS, REFERENCE_FILE

KEEP_COLUMNS = ("B", "C", "D", "E", "F", "G", "H", "I", "J")


def extract_reference(path: str | Path) -> dict[str, Any]:
    cells, _name = load_lke_cells(path)
    rows: dict[int, dict[str, Any]] = {}
    for addr, value in cells.items():
        col, row = column_and_row(addr)
        is_formula = isinstance(value, str) and value.startswith("=")
        if col in KEEP_COLUMNS or (col in FORMULA_COLUMNS and (is_formula or row <= 2)) or (
                col == "O" and row <= 2):
            rows.setdefault(row, {})[col] = value
    return {
        "sumber": "Lampiran III PermenPAN-RB 90/2021, sheet 'LKE ZI' (samples/lke/lke-zi-permenpanrb-90-2021.xlsx)",
        "baris": {r: rows[r] for r in sorted(rows)},
    }


def write_reference(path: str | Path, out: str | Path = REFERENCE_FILE) -> Path:
    data = extract_reference(path)
    Path(out).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return Path(out)
