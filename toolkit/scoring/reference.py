"""The official LKE ZI as reference data: its rows, weights, answer types and formulas.

The regulation's workbook (PermenPAN-RB 90/2021 Lampiran III, committed as
``samples/lke/lke-zi-permenpanrb-90-2021.xlsx``) minus what belongs to the unit that
filled it: labels (B–G), weights (H), explanations (I), answer types (J) and the
formulas in K, L and M, committed as
``toolkit/data/scoring/lke-zi-permenpanrb-90-2021.referensi.yaml``. The extraction is
test scaffolding (``tests/support/lke_reference.py``); a test proves the committed file
equals a fresh extraction.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.resources import resource_path
from toolkit.yamlfile import read_yaml

DATA_DIR = resource_path("data/scoring")
REFERENCE_FILE = DATA_DIR / "lke-zi-permenpanrb-90-2021.referensi.yaml"
FORMULA_COLUMNS = ("K", "L", "M")


@lru_cache(maxsize=1)
def reference_rows() -> dict[int, dict[str, Any]]:
    data = read_yaml(REFERENCE_FILE, what="referensi LKE", error=UnreadableInputError)
    return {int(r): dict(v) for r, v in data["baris"].items()}


def reference_cells() -> dict[str, Any]:
    """Every reference cell by address (no answers)."""
    return {f"{col}{row}": value for row, cols in reference_rows().items() for col, value in cols.items()}


def reference_formulas() -> dict[str, str]:
    return {a: v for a, v in reference_cells().items()
            if isinstance(v, str) and v.startswith("=") and a[0] in FORMULA_COLUMNS}
