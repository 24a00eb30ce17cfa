"""WBK/WBBM verdict (seed 002 BAB III): every threshold just below, at and just above; both models."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from toolkit.errors import UsageError
from toolkit.scoring import load_model, score_lke, verdict
from toolkit.scoring.predikat import check

OFFICIAL = Path(__file__).resolve().parent.parent / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"
DELTA = 0.001
MODELS = ("permenpanrb-90-2021", "pedoman-bpmp-2023")


def _passing(model_id: str) -> dict[str, float | None]:
    """Figures that meet every threshold of both predicates, with room to spare."""
    m = load_model(model_id)
    fig: dict[str, float | None] = {"total": 95.0, "pengungkit": 55.0, "bersih": 22.5, "ipak": 17.5,
                                    "kinerja": 5.0, "prima": 17.5, "hasil": 40.0}
    for name, weight in m.area_weights.items():
        fig[f"area:{name}"] = weight * 0.95
    return fig


def _threshold_cases():
    for model_id in MODELS:
        m = load_model(model_id)
        for pred, t in m.predicates.items():
            # IPAK: the boundary of the cautious reading (15,75); the band below it: test_rules.py
            keys = {"total": t.total, "pengungkit": t.pengungkit, "bersih": t.bersih,
                    "ipak": t.ipak_implied or t.ipak,
                    "kinerja": t.kinerja, "prima": t.prima}
            for name, weight in m.area_weights.items():
                keys[f"area:{name}"] = weight * t.area_percent / 100
            for key, threshold in keys.items():
                yield model_id, pred, key, threshold


@pytest.mark.parametrize("model_id,pred,key,threshold", list(_threshold_cases()))
@pytest.mark.parametrize("offset,expected", [(-DELTA, False), (0.0, True), (DELTA, True)])
def test_each_threshold_boundary(model_id, pred, key, threshold, offset, expected):
    m = load_model(model_id)
    fig = _passing(model_id)
    fig[key] = threshold + offset
    result = check(fig, m, has_wbk=True)[pred]
    cond = next(c for c in result.conditions if c.key == key)
    assert cond.met is expected
    assert result.reached is expected
    if not expected:
        assert cond.gap == pytest.approx(DELTA)
        assert "kurang" in cond.message()


def test_thresholds_are_the_seed_002_values():
    m = load_model("permenpanrb-90-2021")
    wbk, wbbm = m.predicates["WBK"], m.predicates["WBBM"]
    assert (wbk.total, wbk.pengungkit, wbk.area_percent, wbk.bersih, wbk.ipak, wbk.kinerja, wbk.prima) == \
        (75, 40, 60, 18.25, 15.5, 2.5, 14)
    assert (wbbm.total, wbbm.pengungkit, wbbm.area_percent, wbbm.bersih, wbbm.ipak, wbbm.kinerja, wbbm.prima) == \
        (85, 48, 75, 19.5, 15.5, 3.75, 15.75)
    assert wbbm.requires == "WBK"
    assert list(load_model("pedoman-bpmp-2023").area_weights.values()) == [5, 5, 15, 10, 15, 10]
    assert sum(m.area_weights.values()) == 60


def test_wbbm_needs_wbk_first():
    m = load_model()
    fig = _passing(m.id)
    assert check(fig, m, has_wbk=None)["WBBM"].reached is False
    assert check(fig, m, has_wbk=False)["WBBM"].reached is False
    assert check(fig, m, has_wbk=True)["WBBM"].reached is True


def test_unknown_model_is_usage_error():
    with pytest.raises(UsageError):
        load_model("tidak-ada")


def _low(tmp_path: Path) -> Path:
    wb = openpyxl.load_workbook(OFFICIAL)
    ws = wb["LKE ZI"]
    for r in range(8, 120, 3):
        if ws[f"J{r}"].value in ("A/B/C", "A/B/C/D", "A/B/C/D/E"):
            ws[f"K{r}"] = "C"
        if ws[f"J{r}"].value == "Ya/Tidak":
            ws[f"K{r}"] = None
    ws["K202"] = 3.2
    ws["K203"] = "D"
    path = tmp_path / "rendah.xlsx"
    wb.save(path)
    return path


def test_real_verdict_gaps_and_cheapest_questions(tmp_path):
    r = score_lke(_low(tmp_path))
    v = verdict(r, has_wbk=True)
    wbk = v.predicates["WBK"]
    assert not wbk.reached
    unmet = {c.key: c for c in wbk.unmet}
    assert set(unmet) == {"bersih", "ipak", "kinerja"}
    assert unmet["kinerja"].gap == pytest.approx(2.5 - 1.25)
    assert unmet["ipak"].gap == pytest.approx(15.5 - 3.2 / 4 * 17.5)
    best = unmet["kinerja"].candidates[0]
    assert best.row == 203 and best.proposed == "C" and best.gain == pytest.approx(1.25)
    # candidates are ordered by gain, and each gain is real: applying it raises the figure by that much
    wbbm_total = next(c for c in v.predicates["WBBM"].unmet if c.key == "total")
    gains = [c.gain for c in wbbm_total.candidates]
    assert gains == sorted(gains, reverse=True) and gains
    top = wbbm_total.candidates[0]
    after = r.what_if({f"K{top.row}": top.proposed})["total"]
    assert after - r.total_strict == pytest.approx(top.gain)
    text = "\n".join(v.lines())
    assert "BELUM TERCAPAI" in text and "kurang" in text and "indeks survei" in text


def test_models_differ_on_the_same_lke(tmp_path):
    r = score_lke(_low(tmp_path))
    a = verdict(r, "permenpanrb-90-2021").figures["pengungkit"]
    b = verdict(r, "pedoman-bpmp-2023").figures["pengungkit"]
    assert a is not None and b is not None and a != pytest.approx(b)
    shares = {a_.name: a_.strict / a_.weight for a_ in r.areas}
    weights = load_model("pedoman-bpmp-2023").area_weights
    assert b == pytest.approx(sum(shares[n] * w for n, w in weights.items()))


def test_sample_reaches_wbk_and_official_basis_agrees():
    r = score_lke(OFFICIAL)
    assert verdict(r).best == "WBK"
    assert verdict(r, basis="resmi", has_wbk=True).best == "WBBM"
