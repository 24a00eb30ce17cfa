"""LKE ZI scoring: formula semantics, per-answer values, roll-up, Belum Diisi, template, golden sample."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.scoring_golden import CASES, GOLDEN, lke_summary
from tests.support.lke_reference import extract_reference
from toolkit.errors import WrongKindError
from toolkit.scoring import score_lke
from toolkit.scoring.formula import DIV0, VALUE, Sheet, parse_formula
from toolkit.scoring.lke import ANSWER_VALUES, answer_value
from toolkit.scoring.reference import REFERENCE_FILE, reference_formulas
from toolkit.scoring.template import build_lke_template, template_rows

REPO = Path(__file__).resolve().parent.parent
OFFICIAL = REPO / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"


def _copy(tmp_path: Path, name: str, changes: dict[str, object]) -> Path:
    wb = openpyxl.load_workbook(OFFICIAL)
    ws = wb["LKE ZI"]
    for addr, value in changes.items():
        ws[addr] = value
    out = tmp_path / name
    wb.save(out)
    return out


# --- formula semantics --------------------------------------------------------------------

def test_average_skips_text_and_blank_and_empty_average_is_div0():
    s = Sheet({"A1": 1, "A2": "Blm Diisi", "A3": None, "A4": "", "B1": "=AVERAGE(A1:A4)", "B2": "=AVERAGE(A2:A3)"})
    assert s.value("B1") == 1.0
    assert s.value("B2") == DIV0


def test_text_times_number_is_value_error_and_errors_propagate_through_sum():
    s = Sheet({"A1": "Blm Diisi", "A2": 2, "B1": "=A1*17.5", "B2": "=SUM(B1,A2)", "B3": "=SUM(A1,A2)"})
    assert s.value("B1") == VALUE
    assert s.value("B2") == VALUE
    assert s.value("B3") == 2.0  # text in a referenced cell is skipped by SUM


def test_comparisons_ignore_case_and_blank_equals_empty_text():
    s = Sheet({"A1": "ya", "B1": '=IF(A1="Ya",1,0)', "B2": '=IF(A2="",1,0)', "A3": 0, "B3": '=IF(A3="",1,0)'})
    assert s.value("B1") == 1.0
    assert s.value("B2") == 1.0
    assert s.value("B3") == 0.0


def test_ratio_formula_caps_at_one_and_divides_by_zero():
    f = '=IF(OR(A2="",A3=""),"Blm Diisi",IF(A3/A2>1,1,A3/A2))'
    assert Sheet({"A1": f, "A2": 4, "A3": 9}).value("A1") == 1.0
    assert Sheet({"A1": f, "A2": 4, "A3": 3}).value("A1") == 0.75
    assert Sheet({"A1": f, "A2": 0, "A3": 3}).value("A1") == DIV0
    assert Sheet({"A1": f, "A2": 4}).value("A1") == "Blm Diisi"


def test_every_formula_of_the_official_workbook_parses():
    formulas = reference_formulas()
    assert len(formulas) > 250
    for text in formulas.values():
        parse_formula(text)


@pytest.mark.parametrize("answer_type", list(ANSWER_VALUES))
def test_per_answer_values_match_the_issue(answer_type):
    expected = {"Ya/Tidak": [1, 0], "A/B/C": [1, 0.5, 0], "A/B/C/D": [1, 0.67, 0.33, 0],
                "A/B/C/D/E": [1, 0.75, 0.5, 0.25, 0]}[answer_type]
    values = [answer_value(answer_type, label) for label, _ in ANSWER_VALUES[answer_type]]
    assert values == expected
    assert answer_value(answer_type, None) is None
    assert answer_value("Nilai", 3) == 0.75


@pytest.mark.parametrize("answer_type,row", [("Ya/Tidak", 11), ("A/B/C", 9), ("A/B/C/D", 15), ("A/B/C/D/E", 26)])
def test_each_answer_in_the_workbook_gives_the_issue_value(tmp_path, answer_type, row):
    for label, value in ANSWER_VALUES[answer_type]:
        r = score_lke(_copy(tmp_path, f"{row}-{label}.xlsx", {f"K{row}": label}))
        q = next(q for q in r.questions if q.row == row)
        assert q.value == value


# --- the official sample --------------------------------------------------------------------

def test_sample_equals_the_values_excel_cached_in_the_official_file():
    ours = score_lke(OFFICIAL)
    cached = openpyxl.load_workbook(OFFICIAL, data_only=True)["LKE ZI"]
    for row, node in ours.nodes.items():
        value = cached[f"L{row}"].value
        if isinstance(value, (int, float)):
            assert node.official is not None and abs(node.official - value) < 1e-9, row


def test_structure_six_areas_and_weights():
    r = score_lke(OFFICIAL)
    assert [a.name for a in r.areas] == ["Manajemen Perubahan", "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM",
                                          "Penguatan Akuntabilitas Kinerja", "Penguatan Pengawasan",
                                          "Peningkatan Kualitas Pelayanan Publik"]
    assert [a.weight for a in r.areas] == [8, 7, 10, 10, 15, 10]
    assert r.nodes[r.rows["pengungkit"]].official == pytest.approx(sum(a.official or 0 for a in r.areas))


def test_workbook_quirks_are_reported_as_anomalies():
    r = score_lke(OFFICIAL)
    assert any("J8" in a for a in r.anomalies)  # J8 says "Ya", not "Ya/Tidak": the answer is never scored
    assert any("baris 183" in a for a in r.anomalies)  # LHKASN sub-area is summed by no formula


def test_half_answered_subarea_reaches_full_weight_officially_but_not_strictly(tmp_path):
    # sub-area ii (rows 11-13, weight 1): answer only K11 = Ya
    r = score_lke(_copy(tmp_path, "half.xlsx", {"K12": None, "K13": None}))
    node = r.nodes[10]
    assert node.official == pytest.approx(1.0)
    assert node.strict == pytest.approx(1 / 3)
    assert {q.row for q in r.belum_diisi} == {12, 13}
    assert r.total_official - r.total_strict == pytest.approx(2 / 3)


def test_fully_unanswered_subarea_makes_the_official_total_div0(tmp_path):
    r = score_lke(_copy(tmp_path, "kosong.xlsx", {"K11": None, "K12": None, "K13": None}))
    assert r.nodes[10].official_error == "#DIV/0!"
    assert r.total_official is None
    assert r.nodes[r.rows["total"]].official_error == "#DIV/0!"
    assert r.total_strict == pytest.approx(score_lke(OFFICIAL).total_strict - 1)


def test_blank_survey_is_value_error_officially_and_zero_strictly(tmp_path):
    r = score_lke(_copy(tmp_path, "survei.xlsx", {"K202": None}))
    assert r.nodes[r.rows["bersih"]].official_error == "#VALUE!"
    assert r.strict("ipak") == 0.0
    assert 202 in {q.row for q in r.belum_diisi}


def test_counts_give_capped_ratio(tmp_path):
    r = score_lke(_copy(tmp_path, "rasio.xlsx", {"K129": 4, "K130": 9}))
    q = next(q for q in r.questions if q.row == 128)
    assert q.value == 1.0
    r = score_lke(_copy(tmp_path, "rasio2.xlsx", {"K129": 4, "K130": 1}))
    assert next(q for q in r.questions if q.row == 128).value == 0.25


def test_tampered_formula_is_reported(tmp_path):
    r = score_lke(_copy(tmp_path, "ubah.xlsx", {"L7": "=H7"}))
    assert any("L7" in a and "berbeda" in a for a in r.anomalies)


def test_not_an_lke_is_wrong_kind(tmp_path):
    path = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.save(path)
    with pytest.raises(WrongKindError):
        score_lke(path)


def test_golden_lke_sample():
    name = "lke-zi-permenpanrb-90-2021.json"
    assert lke_summary(CASES[name][0]) == json.loads((GOLDEN / name).read_text(encoding="utf-8"))


# --- reference data and our template ----------------------------------------------------------

def test_committed_reference_equals_a_fresh_extraction():
    import yaml

    committed = yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))
    fresh = yaml.safe_load(yaml.safe_dump(extract_reference(OFFICIAL), allow_unicode=True))
    assert committed == fresh


def test_template_scores_like_the_official_workbook(tmp_path):
    ws = openpyxl.load_workbook(OFFICIAL)["LKE ZI"]
    rows = template_rows()
    answers = {r["baris"]: ws[f"K{r['baris']}"].value for r in rows}
    answers[9] = "B"
    answers[202] = 3.1
    path = build_lke_template(tmp_path / "templat.xlsx", identitas={"nama_unit": "Puskesmas Contoh"}, answers=answers)
    ours = score_lke(path)
    official = score_lke(_copy(tmp_path, "resmi.xlsx", {"K9": "B", "K202": 3.1}))
    assert ours.source == "templat" and ours.unit == "Puskesmas Contoh"
    for name in ours.rows:
        assert ours.official(name) == pytest.approx(official.official(name))
    # the template really is a workbook with the questions in it
    sheet = openpyxl.load_workbook(path)["LKE ZI"]
    texts = [c.value for c in sheet["D"]]
    assert "Sudah ditetapkan agen perubahan" in texts


def test_template_evaluator_answers(tmp_path):
    path = build_lke_template(tmp_path / "t.xlsx", answers={r["baris"]: None for r in template_rows()})
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE ZI"]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value and "Baris" in str(ws.cell(r, 1).value))
    cols = {str(ws.cell(header_row, c).value).rstrip(" *"): c for c in range(1, 15) if ws.cell(header_row, c).value}
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, cols["Baris LKE"]).value == 9:
            ws.cell(r, cols["Jawaban Evaluator"]).value = "A"
    wb.save(path)
    unit = score_lke(path)
    evaluator = score_lke(path, evaluator=True)
    assert 9 in {q.row for q in unit.belum_diisi}
    assert 9 not in {q.row for q in evaluator.belum_diisi}
