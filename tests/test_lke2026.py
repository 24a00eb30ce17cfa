"""LKE ZI 2026: the master list, scoring by its multipliers and weights, the form, validation."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.support.lke_answers import random_answers
from toolkit.errors import WrongKindError
from toolkit.lke.checks import check_form, link_problem
from toolkit.lke.master import MASTER_FILE, load_master
from toolkit.lke.score import load_2026_model, score_answers
from toolkit.lke.workbook import build_form, node_rows, read_form
from toolkit.scoring.predikat import evaluate

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference" / "portalrb" / "master-soal-lke-zi-2026.json"


def oracle(answers: dict[int, object]) -> dict[str, float]:
    """The master-list computation written out independently from the raw JSON (unanswered = 0)."""
    data = json.loads(MASTER_FILE.read_text(encoding="utf-8"))
    counts = {k: float(v) for k, v in answers.items() if isinstance(v, (int, float))}

    def ratio(num, den, req):
        if any(i not in counts for i in req):
            return 0.0  # not filled in: counted as 0
        d = sum(counts[i] for i in den)
        return min(1.0, sum(counts[i] for i in num) / d) if d else 0.0

    def fall(before, after, req):
        if any(i not in counts for i in req):
            return 0.0
        b, a = counts[before], counts[after]
        return 1.0 if b == 0 and a == 0 else (max(0.0, (b - a) / b) if b else 0.0)

    derived = {36: [ratio([89], [88], [88, 89]), ratio([91], [90], [90, 91])],
               46: [fall(102, 103, [102, 103, 104])],
               48: [ratio([106], [105], [105, 106])], 53: [ratio([112], [110], [110, 111, 112])],
               55: [ratio([116], [113, 114, 115], [113, 114, 115, 116])],
               56: [ratio([120], [117, 118, 119], [117, 118, 119, 120])], 58: [ratio([123], [122], [122, 123])]}
    out: dict[str, float] = {}

    def value(s):
        a = answers.get(s["id"])
        if s["jenis_jawaban"] == "0-4":
            return float(a) / 4 if a is not None else 0.0
        return next((m["multiplier"] for m in s["skema_penilaian"] if m["key"] == a), 0.0)

    def node(n) -> float:
        total = sum(node(c) for c in n.get("children", []))
        soals = [s for s in n.get("soals", []) if s["jenis_jawaban"].lower() != "jumlah"]
        items = [value(s) for s in soals] + derived.get(n["id"], [])
        if soals and any(s["bobot_maksimal"] for s in soals):
            total += sum(value(s) * s["bobot_maksimal"] for s in soals)
        elif items:
            total += sum(items) / len(items) * n["bobot_maksimal"]
        out[n["nama"]] = total
        return total

    out["total"] = sum(node(n) for n in data["data"])
    return out


def test_master_list_is_the_shared_one_and_complete():
    if SHARED.exists():
        assert json.loads(SHARED.read_text()) == json.loads(MASTER_FILE.read_text())
    m = load_master()
    assert len(m.soals) == 127 and m.year == 2026
    assert {s.type for s in m.soals.values()} == {"YA_TIDAK", "ABC", "ABCD", "ABCDE", "JUMLAH", "0-4"}
    assert dict(m.soals[6].multipliers) == {"A": 1, "B": 0.67, "C": 0.33, "D": 0}
    assert all(s.columns["jawaban_unit"] == "K" and s.columns["catatan_tpi"] == "Q" for s in m.soals.values())


@pytest.mark.parametrize("seed", range(12))
def test_score_equals_master_list_computation(seed):
    answers = random_answers(random.Random(seed), blank=0.05 * (seed % 3), consistent=seed % 2 == 0)
    ours = score_answers(answers)
    expected = oracle(answers)
    assert ours.strict("total") == pytest.approx(expected["total"], abs=1e-9)
    assert ours.strict("pengungkit") == pytest.approx(expected["A. PENGUNGKIT"], abs=1e-9)
    assert ours.strict("reform") == pytest.approx(expected["II. REFORM"], abs=1e-9)
    assert ours.strict("bersih") == pytest.approx(expected["I. BIROKRASI YANG BERSIH DAN AKUNTABEL"], abs=1e-9)


def test_best_answers_and_verdict():
    m = load_master()
    answers = {s.id: (s.options[0] if s.options else (4 if s.type == "0-4" else 5)) for s in m.soals.values()}
    answers[102], answers[103] = 4, 1  # discipline violations fell by 75 %
    answers[116], answers[120] = 15, 15  # everyone obliged (5 + 5 + 5) reported
    s = score_answers(answers)
    assert s.strict("pemenuhan") == pytest.approx(30)
    assert s.strict("hasil") == pytest.approx(40)
    assert s.strict("reform") == pytest.approx(30 - 2 * (1 - 0.75))
    verdict = evaluate(s, load_2026_model().scoring, has_wbk=True)
    assert verdict.best == "WBBM"
    answers[125] = 3.0  # IPAK 3/4 × 17.5 = 13.125 < 15.5
    verdict = evaluate(score_answers(answers), load_2026_model().scoring, has_wbk=True)
    assert verdict.best is None
    unmet = verdict.predicates["WBK"].unmet
    assert [c.key for c in unmet] == ["bersih", "ipak"]  # 13,125 + 5 < 18,25 as well
    assert unmet[0].candidates[0].row == 199 and "K199" in "\n".join(verdict.lines())


def test_form_roundtrip_and_recognition(tmp_path):
    answers = random_answers(random.Random(3))
    entries = {i: {"unit_answer": a, "unit_note": f"catatan {i}", "unit_evidence": f"https://bukti.go.id/{i}.pdf",
                   "tpi_answer": a, "tpi_note": "sesuai"} for i, a in answers.items()}
    path = build_form(tmp_path / "lke.xlsx", identitas={"nama_unit": "Biro Umum", "kode_unit": "UNIT-BKD-001",
                                                         "tahun": 2026}, entries=entries)
    form = read_form(path)
    assert form.unit_id == "UNIT-BKD-001" and form.unit_name == "Biro Umum"
    for i, a in answers.items():
        e = form.entries[i]
        assert (e.unit_answer, e.tpi_answer, e.unit_note, e.tpi_note) == (a, a, f"catatan {i}", "sesuai")
        assert e.row == load_master().soals[i].row
    assert score_answers(form.unit_answers()).strict("total") == pytest.approx(score_answers(answers).strict("total"))
    report = check_form(form)
    assert report.ok, report.flatten(["cell", "rule_id", "message"])
    other = tmp_path / "bukan.xlsx"
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.save(other)
    with pytest.raises(WrongKindError):
        read_form(other)


def test_every_node_has_a_labelled_row_and_no_row_is_shared():
    m = load_2026_model()
    placed = node_rows(m)
    assert set(placed) == set(m.master.nodes)
    rows = list(placed.values()) + [s.row for s in m.master.soals.values()] + [d.row for d in m.derived]
    assert len(rows) == len(set(rows)) and min(rows) > 1


def test_validation_findings_at_cells(tmp_path):
    entries = {
        1: {"unit_answer": "Ya", "unit_evidence": "https://bukti.go.id/sk-tim.pdf"},
        2: {"unit_answer": "Z", "unit_evidence": "htp:/bukti rusak"},
        3: {"unit_answer": "ya", "unit_evidence": "https://bukti.go.id/sk-tim.pdf"},  # other sub-area, same link
        4: {"unit_answer": "A"},  # no evidence
        125: {"unit_answer": 5, "unit_evidence": "survei.pdf"},
        110: {"unit_answer": 5, "unit_evidence": "a.pdf"}, 111: {"unit_answer": 1, "unit_evidence": "b.pdf"},
        112: {"unit_answer": 7, "unit_evidence": "c.pdf"},
        88: {"unit_answer": 2.5, "unit_evidence": "d.pdf"},
        5: {"unit_answer": "B", "tpi_answer": "X", "unit_evidence": "ftp://files.go.id/x"},
    }
    path = build_form(tmp_path / "lke.xlsx", identitas={"nama_unit": "Biro Umum", "tahun": 2025}, entries=entries)
    report = check_form(read_form(path))
    got = {(f[0], f[1], f[2]) for f in report.flatten(["sheet", "cell", "rule_id"]) if f[2] != "LKE-BELUM-DIISI"}
    assert got == {
        ("Identitas", "B4", "LKE-IDENTITAS"), ("Identitas", "B7", "LKE-IDENTITAS"),
        ("Jawaban", "K7", "LKE-JAWABAN"), ("Jawaban", "M7", "LKE-TAUTAN"),
        ("Jawaban", "M9", "LKE-BUKTI-GANDA"), ("Jawaban", "M10", "LKE-BUKTI-KOSONG"),
        ("Jawaban", "K199", "LKE-JAWABAN"), ("Jawaban", "K170", "LKE-JUMLAH"), ("Jawaban", "K126", "LKE-JAWABAN"),
        ("Jawaban", "N11", "LKE-JAWABAN"), ("Jawaban", "M11", "LKE-TAUTAN"),
    }
    assert not report.ok
    assert all(f.message and f.message[0].islower() or f.message[0].isupper() for f in report.findings)
    assert len(report.by_rule("LKE-BELUM-DIISI")) == 127 - len(entries)


@pytest.mark.parametrize("text,bad", [
    ("https://drive.go.id/a.pdf", False), ("SK Tim ZI.pdf", False), ("www.bkd.go.id/zi", False),
    ("https://drive.go.id/a b.pdf", True), ("http:/x", True), ("https://localhost/a", False),
    ("javascript:alert(1)", False), ("file://server/x", True), ("https://nohost/a", True),
])
def test_link_problems(text, bad):
    assert (link_problem(text) is not None) is bad


@pytest.mark.libreoffice
def test_form_formulas_equal_our_official_scores(tmp_path, soffice):
    import openpyxl

    from tests.support.recalc import recalculate

    m = load_2026_model()
    files, answer_sets = [], []
    for seed in range(3):
        answers = random_answers(random.Random(100 + seed), blank=0.1 * seed)
        answer_sets.append(answers)
        files.append(build_form(tmp_path / f"f{seed}.xlsx", entries={i: {"unit_answer": a, "tpi_answer": a}
                                                                      for i, a in answers.items()}))
    produced = recalculate(files, tmp_path / "lo")
    placed = node_rows(m)
    for lo_path, answers in zip(produced, answer_sets, strict=True):
        ws = openpyxl.load_workbook(lo_path, data_only=True)["Jawaban"]
        ours = score_answers(answers)
        for node_id, row in placed.items():
            expected = ours.nodes[node_id].official
            for col in "OP":
                got = ws[f"{col}{row}"].value
                if expected is None:
                    assert not isinstance(got, (int, float)), (node_id, got)
                else:
                    assert got == pytest.approx(expected, abs=1e-9), (node_id, col)
