"""50 random faults seeded into a valid sample: every one is reported at its cell.

A different seed each run (printed; set ``FAULT_SEED`` to replay one). The faults
are made with openpyxl on a copy of ``samples/rencana-aksi-zi/komdigi-2026-valid.xlsx``
(which validates clean): blank required cells, values outside a dropdown list with
a typo, wrong types, out-of-range percentages, formula-injection text and real
formula cells.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import openpyxl

from toolkit.schemas import get_schema
from toolkit.schemas.model import ColumnType
from toolkit.validation import validate_path
from toolkit.workbook import open_workbook

T = ColumnType
N_FAULTS = 50
INJECTIONS = ('=HYPERLINK("http://contoh.invalid","klik")', "=cmd|' /C calc'!A0", "+SUM(A1:A9)",
              "@IMPORTXML(\"http://x\")", "-2+3+cmd|' /C notepad'!A0")

Fault = tuple[str, str, str]  # (sheet, cell, rule id)


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1:] + "x"


def test_fifty_random_faults_each_reported_at_its_cell(tmp_path: Path, samples: Path) -> None:
    seed = int(os.environ.get("FAULT_SEED") or random.SystemRandom().randrange(2**32))
    print(f"FAULT_SEED={seed}")
    rng = random.Random(seed)
    src = samples / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"
    schema = get_schema("rencana-aksi-zi")
    data = open_workbook(src)
    assert validate_path(src).findings == []

    wb = openpyxl.load_workbook(src)
    planted: list[Fault] = []
    used: set[tuple[str, str]] = set()
    candidates = [(key, rec, col) for key, sheet in data.sheets.items() for rec in sheet.records
                  for col in sheet.layout.spec.columns if col.key in rec.cells]

    def blank(col, rec):  # type: ignore[no-untyped-def]
        return None if not col.required or col.fill_down or rec.raw.get(col.key) is None else "WAJIB"

    def choice(col, rec):  # type: ignore[no-untyped-def]
        return "PILIHAN" if col.type == T.CHOICE else None

    def wrong_type(col, rec):  # type: ignore[no-untyped-def]
        return "TIPE" if col.type in (T.INTEGER, T.PERCENT) else None

    def out_of_range(col, rec):  # type: ignore[no-untyped-def]
        return "RENTANG" if col.type == T.PERCENT else None

    def injection(col, rec):  # type: ignore[no-untyped-def]
        return "INJEKSI-FORMULA" if col.type in (T.TEXT, T.LONG_TEXT) else None

    def formula(col, rec):  # type: ignore[no-untyped-def]
        return "FORMULA"

    makers: list[tuple[str, Callable[..., str | None]]] = [("blank", blank), ("choice", choice), ("type", wrong_type), ("range", out_of_range),
              ("injection", injection), ("formula", formula)]
    rng.shuffle(candidates)
    for _key, rec, col in candidates:
        if len(planted) >= N_FAULTS:
            break
        if (rec.sheet, rec.cells[col.key]) in used:
            continue
        name, make = rng.choice(makers)
        rule = make(col, rec)
        if rule is None:
            continue
        ws = wb[rec.sheet]
        cell = ws[rec.cells[col.key]]
        if name == "blank":
            cell.value = None
        elif name == "choice":
            canonical = rec.values.get(col.key) or schema.choices(col.list_name)[0]
            cell.value = _typo(rng, canonical) + " lain"
        elif name == "type":
            cell.value = rng.choice(["sebagian", "dua", "n/a", "12,5,1"])
        elif name == "range":
            cell.value = rng.choice([101, 150, 1000, -5])
        elif name == "injection":
            cell.value = rng.choice(INJECTIONS)
            cell.data_type = "s"
        else:
            cell.value = f"={rng.randint(1, 9)}+{rng.randint(1, 9)}"
        used.add((rec.sheet, rec.cells[col.key]))
        planted.append((rec.sheet, rec.cells[col.key], rule))
    assert len(planted) == N_FAULTS, f"FAULT_SEED={seed}: hanya {len(planted)} kesalahan"
    faulty = tmp_path / "acak-invalid.xlsx"
    wb.save(faulty)

    report = validate_path(faulty)
    got = {(f.sheet, f.cell, f.rule_id) for f in report.findings}
    missed = [p for p in planted if p not in got]
    assert missed == [], f"FAULT_SEED={seed}: tidak dilaporkan {missed}"
    assert not report.ok
