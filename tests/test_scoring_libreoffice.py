"""LKE ZI scores equal what LibreOffice computes from the official workbook's own formulas.

Random answer sets (every answer type, blanks, lower-case answers, zero
denominators, fully unanswered sub-areas) are written into COPIES of the official
workbook with openpyxl (formulas kept), recalculated by LibreOffice headless in
one batch (UNO ``calculateAll``), and every area, sub-area, component and the
grand total is compared with ours to 4 decimals — errors (#DIV/0!, #VALUE!) included.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest

from tests.support.recalc import recalculate
from toolkit.scoring.lke import ANSWER_VALUES, score_lke

OFFICIAL = Path(__file__).resolve().parent.parent / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"
N_SETS = 24


def _fill(ws, rng: random.Random, blank_rate: float, wipe_subarea: bool) -> None:
    choice_rows = []
    for row in range(4, 209):
        j = ws[f"J{row}"].value
        k = ws[f"K{row}"]
        if isinstance(k.value, str) and k.value.startswith("="):
            continue
        jt = str(j or "").strip()
        if jt in ANSWER_VALUES or jt == "Ya":
            options = [o for o, _ in ANSWER_VALUES.get(jt, ANSWER_VALUES["Ya/Tidak"])]
            v = rng.choice(options)
            if rng.random() < 0.1:
                v = v.lower()
            k.value = None if rng.random() < blank_rate else v
            choice_rows.append(row)
        elif jt == "Jumlah":
            k.value = None if rng.random() < blank_rate / 2 else rng.choice([0, 1, 2, 3, 5, 7, 12, 20])
        elif jt.startswith("Nilai"):
            k.value = None if rng.random() < blank_rate / 3 else round(rng.uniform(0, 4), 2)
    if wipe_subarea:  # a whole sub-area unanswered: the official AVERAGE becomes #DIV/0!
        for row in (11, 12, 13):
            ws[f"K{row}"].value = None


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, soffice) -> list[tuple[Path, Path]]:
    src = tmp_path_factory.mktemp("lke-acak")
    out = tmp_path_factory.mktemp("lke-lo")
    files = []
    for i in range(N_SETS):
        rng = random.Random(7000 + i)
        wb = openpyxl.load_workbook(OFFICIAL)
        _fill(wb["LKE ZI"], rng, blank_rate=[0.0, 0.05, 0.3][i % 3], wipe_subarea=(i % 6 == 5))
        path = src / f"lke-{i:02d}.xlsx"
        wb.save(path)
        files.append(path)
    produced = recalculate(files, out)
    return list(zip(files, produced, strict=True))


def _same(ours_value: float | None, ours_error: str | None, lo_value: object) -> bool:
    if isinstance(lo_value, str) and lo_value.startswith("#"):
        return ours_error == lo_value
    if isinstance(lo_value, (int, float)) and not isinstance(lo_value, bool):
        return ours_value is not None and abs(ours_value - float(lo_value)) < 5e-5
    return False


@pytest.mark.slow
@pytest.mark.libreoffice
def test_every_roll_up_equals_libreoffice(recalculated):
    compared = 0
    errors_seen = set()
    half_answered_full_weight = 0
    for filled, lo_path in recalculated:
        ours = score_lke(filled)
        lo = openpyxl.load_workbook(lo_path, data_only=True)["LKE ZI"]
        for row, node in ours.nodes.items():
            lo_value = lo[f"L{row}"].value
            assert _same(node.official, node.official_error, lo_value), (
                f"{filled.name} L{row} ({node.label}): ours {node.official}/{node.official_error}, "
                f"LibreOffice {lo_value!r}")
            compared += 1
            if node.official_error:
                errors_seen.add(node.official_error)
        for area in ours.areas:
            parts = [lo[f"L{r}"].value for r in (area.pemenuhan_row, area.reform_row)]
            if all(isinstance(p, (int, float)) for p in parts):
                assert abs((area.official or 0) - sum(parts)) < 5e-5
        for q in ours.questions:
            lo_q = lo[f"L{q.row}"].value
            if q.value is not None:
                assert abs(q.value - float(lo_q)) < 5e-5, f"{filled.name} L{q.row}"
            elif q.status == "belum_diisi" and not str(lo_q).startswith("#"):
                assert lo_q == "Blm Diisi"
        # the AVERAGE-skips-blanks effect is visible: strict ≤ official wherever both are numbers
        for node in ours.nodes.values():
            if node.official is not None and node.strict is not None:
                assert node.strict <= node.official + 1e-9
                if node.kind == "subarea" and node.weight and node.strict < node.official - 1e-9 and \
                        abs(node.official - node.weight) < 1e-9:
                    half_answered_full_weight += 1
    assert len(recalculated) >= 20
    assert compared >= 20 * 60
    assert "#DIV/0!" in errors_seen  # fully unanswered sub-areas / zero denominators were exercised
    assert half_answered_full_weight > 0


@pytest.mark.slow
@pytest.mark.libreoffice
def test_grand_total_equals_libreoffice(recalculated):
    for filled, lo_path in recalculated:
        ours = score_lke(filled)
        lo = openpyxl.load_workbook(lo_path, data_only=True)["LKE ZI"]
        for name in ("total", "pengungkit", "hasil"):
            row = ours.rows[name]
            node = ours.nodes[row]
            assert _same(node.official, node.official_error, lo[f"L{row}"].value), f"{filled.name} {name}"
