"""Risk register (seed 003 RR/RTP): the level at every one of the 25 matrix cells, priorities, heat map.

Seed 003 gives the RR fields and that an RTP is needed for "risiko prioritas", but no scale; the
bands tested here are the ones declared in ``toolkit/data/rules/risiko.yaml`` (product
Kemungkinan × Dampak; 1–3 Sangat Rendah, 4–7 Rendah, 8–11 Sedang, 12–16 Tinggi, 17–25 Sangat Tinggi).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.errors import UnreadableInputError
from toolkit.inspectorate import risk as rk
from toolkit.inspectorate.ruleset import DEFAULT_RULES_DIR
from toolkit.schemas.register_risiko import LEVEL_RISIKO

SR, R, S, T, ST = "Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi"
# EXPECTED[likelihood - 1][impact - 1] = (score, level), written out cell by cell.
EXPECTED = [
    [(1, SR), (2, SR), (3, SR), (4, R), (5, R)],
    [(2, SR), (4, R), (6, R), (8, S), (10, S)],
    [(3, SR), (6, R), (9, S), (12, T), (15, T)],
    [(4, R), (8, S), (12, T), (16, T), (20, ST)],
    [(5, R), (10, S), (15, T), (20, ST), (25, ST)],
]
CELLS = [(lk, im) for lk in range(1, 6) for im in range(1, 6)]


@pytest.fixture(scope="module")
def matrix() -> rk.RiskMatrix:
    return rk.load_matrix()


@pytest.mark.parametrize(("likelihood", "impact"), CELLS, ids=[f"K{lk}xD{im}" for lk, im in CELLS])
def test_level_at_every_cell(matrix: rk.RiskMatrix, likelihood: int, impact: int) -> None:
    score, level = EXPECTED[likelihood - 1][impact - 1]
    assert matrix.score(likelihood, impact) == score
    assert matrix.level(likelihood, impact).name == level
    assert matrix.is_priority(level) == (level in (T, ST))


def test_levels_match_the_schema_list(matrix: rk.RiskMatrix) -> None:
    assert tuple(lv.name for lv in matrix.levels) == LEVEL_RISIKO
    assert [matrix.level_of_score(s).name for s in (3, 4, 7, 8, 11, 12, 16, 17)] == [SR, R, R, S, S, T, T, ST]


def test_grid_is_drawn_top_down(matrix: rk.RiskMatrix) -> None:
    grid = matrix.grid()
    assert grid[0][4][0] == 25 and grid[4][0][0] == 1


def test_out_of_scale_is_refused(matrix: rk.RiskMatrix) -> None:
    with pytest.raises(ValueError):
        matrix.score(6, 1)


def _rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def test_an_explicit_matrix_replaces_the_product(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    path = rules / "risiko.yaml"
    table = "matriks:\n" + "".join(f"  - [{', '.join(str(min(25, lk * 5 - 5 + im)) for im in range(1, 6))}]\n"
                                   for lk in range(1, 6))
    path.write_text(path.read_text(encoding="utf-8").replace("matriks: null\n", table), encoding="utf-8")
    m = rk.load_matrix(rules)
    assert m.score(1, 1) == 1 and m.score(5, 5) == 25 and m.score(3, 2) == 12
    assert m.level(3, 2).name == T


def test_a_band_gap_in_the_rules_file_fails_loudly(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    path = rules / "risiko.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("skor_min: 8,", "skor_min: 9,"), encoding="utf-8")
    with pytest.raises(UnreadableInputError, match="skor risiko 8"):
        rk.load_matrix(rules)


def test_assess_counts_rtp_and_priority(matrix: rk.RiskMatrix) -> None:
    register = [{"kode": "R01", "kemungkinan": 4, "skor_dampak": 4}, {"kode": "R02", "kemungkinan": 1, "skor_dampak": 2},
                {"kode": "R03", "kemungkinan": 5, "skor_dampak": 5}, {"kode": "R04", "kemungkinan": 7, "skor_dampak": 1}]
    rtp = [{"kode": "r01"}, {"kode": " R01 "}]
    out = rk.assess(register, rtp, matrix)
    assert [(a.score, a.level, a.priority, a.rtp_count, a.needs_rtp) for a in out] == [
        (16, T, True, 2, False), (2, SR, False, 0, False), (25, ST, True, 0, True), (None, None, False, 0, False)]


def test_heatmap_png(tmp_path: Path, matrix: rk.RiskMatrix) -> None:
    out = rk.assess([{"kode": f"R{i:02d}", "kemungkinan": 1 + i % 5, "skor_dampak": 1 + (i * 2) % 5}
                     for i in range(12)], [], matrix)
    png = rk.heatmap_png(out, tmp_path / "peta.png", matrix=matrix)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    from PIL import Image

    with Image.open(png) as img:
        assert img.size[0] > 600 and img.size[1] > 500
        # the top-right cell (K5 × D5) is drawn in the Sangat Tinggi colour
        colours = {img.getpixel((x, y))[:3] for x in range(img.size[0] // 2, img.size[0]) for y in range(0, img.size[1] // 3, 7)}
        assert (255, 0, 0) in colours
