"""The official LKE ZI as reference data: its rows, weights, answer types and formulas.

``extract_reference(path)`` reads the regulation's workbook (PermenPAN-RB 90/2021
Lampiran III, committed as ``samples/lke/lke-zi-permenpanrb-90-2021.xlsx``) and keeps
what belongs to the regulation, not to the unit that filled it: labels (B–G),
weights (H), explanations (I), answer types (J) and the formulas in K, L and M.
The result is committed as ``toolkit/data/scoring/lke-zi-permenpanrb-90-2021.referensi.yaml``;
a test proves the committed file equals a fresh extraction.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from toolkit.resources import resource_path
from toolkit.scoring.formula import split_address

DATA_DIR = resource_path("data/scoring")
REFERENCE_FILE = DATA_DIR / "lke-zi-permenpanrb-90-2021.referensi.yaml"
KEEP_COLUMNS = ("B", "C", "D", "E", "F", "G", "H", "I", "J")
FORMULA_COLUMNS = ("K", "L", "M")


def extract_reference(path: str | Path) -> dict[str, Any]:
    from toolkit.scoring.lke import load_lke_cells

    cells, _name = load_lke_cells(path)
    rows: dict[int, dict[str, Any]] = {}
    for addr, value in cells.items():
        col, row = split_address(addr)
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


@lru_cache(maxsize=1)
def reference_rows() -> dict[int, dict[str, Any]]:
    data = yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))
    return {int(r): dict(v) for r, v in data["baris"].items()}


def reference_cells() -> dict[str, Any]:
    """Every reference cell by address (no answers)."""
    return {f"{col}{row}": value for row, cols in reference_rows().items() for col, value in cols.items()}


def reference_formulas() -> dict[str, str]:
    return {a: v for a, v in reference_cells().items()
            if isinstance(v, str) and v.startswith("=") and a[0] in FORMULA_COLUMNS}


def template_cells(path: str | Path, *, evaluator: bool = False) -> dict[str, Any]:
    from toolkit.scoring.template import read_template_answers

    return read_template_answers(path, evaluator=evaluator)
