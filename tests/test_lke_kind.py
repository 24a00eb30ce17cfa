"""LKE ZI as a workbook kind: templat offers both models, validasi and nilai recognise the forms."""

from __future__ import annotations

import json
import random
import subprocess
import sys

from tests.support.lke_answers import random_answers
from toolkit.kinds.registry import get_kind, kinds_with
from toolkit.lke.files import form_model
from toolkit.lke.workbook import build_form, read_form

from .conftest import LKE_REFERENCE


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_registered_with_a_form():
    kind = get_kind("lke-zi")
    assert kind.form is not None and kind.form.models == ("2026", "2021")
    assert [k.name for k in kinds_with("form")] == ["lke-zi"]
    assert kind.recap_score is not None


def test_templat_both_models(tmp_path):
    r = _run("templat", "lke-zi", "-o", str(tmp_path / "a.xlsx"))
    assert r.returncode == 0, r.stderr
    assert form_model(tmp_path / "a.xlsx") == "2026"
    assert len(read_form(tmp_path / "a.xlsx").entries) == 127
    r = _run("templat", "lke-zi", "--model", "2021", "-o", str(tmp_path / "b.xlsx"))
    assert r.returncode == 0, r.stderr
    assert form_model(tmp_path / "b.xlsx") is None  # the one-row template is a table kind
    r = _run("templat", "lke-zi", "--model", "1999", "-o", str(tmp_path / "c.xlsx"))
    assert r.returncode == 2 and "model '1999' tidak dikenal" in r.stderr
    r = _run("templat", "rencana-aksi-zi", "--model", "2026", "-o", str(tmp_path / "d.xlsx"))
    assert r.returncode == 2
    assert form_model(LKE_REFERENCE) == "2021"


def test_validasi_and_nilai_on_a_2026_form(tmp_path):
    answers = random_answers(random.Random(4), quality=0.9)
    entries = {i: {"unit_answer": a, "unit_evidence": f"https://bukti.go.id/{i}.pdf", "tpi_answer": a}
               for i, a in answers.items()}
    entries[2]["unit_answer"], entries[2]["tpi_answer"] = "A", "C"
    good = build_form(tmp_path / "baik.xlsx", identitas={"nama_unit": "Biro Umum", "kode_unit": "U-1",
                                                          "tahun": 2026}, entries=entries)
    r = _run("validasi", str(good))
    assert r.returncode == 0, r.stdout + r.stderr
    entries[3]["unit_answer"] = "Mungkin"
    bad = build_form(tmp_path / "buruk.xlsx", identitas={"nama_unit": "Biro Umum", "kode_unit": "U-1"},
                     entries=entries)
    r = _run("validasi", str(bad))
    assert r.returncode == 1 and "K9" in r.stdout and "LKE-JAWABAN" in r.stdout
    r = _run("nilai", "--json", str(good))
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    assert data["unit_id"] == "U-1"
    gap = next(q for q in data["selisih_pertanyaan"] if q["soal_id"] == 2)
    assert (gap["jawaban_unit"], gap["jawaban_tpi"], gap["selisih"]) == ("A", "C", -1.0)
    assert data["nilai_tpi"]["total"] < data["nilai_unit"]["total"]
