"""Review findings on the recap: it must never replace a unit's workbook, the unit list, an
earlier letter, or read evidence outside --bukti because of a unit's own Kode Unit."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from toolkit.errors import UnsafeWriteError, UsageError
from toolkit.rekap import run_rekap
from toolkit.rekap.extract import Submission, _evidence_dir

from .conftest import SAMPLES


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLES / "rekap", tmp_path / "rekap")
    return tmp_path / "rekap"


def test_output_onto_a_units_workbook_is_refused(inbox: Path) -> None:
    victim = inbox / "kiriman-tw2" / "KPPN-BANDA-ACEH_TW2.xlsx"
    before = _sha(victim)
    for overwrite in (False, True):  # not even with --timpa
        with pytest.raises(UnsafeWriteError, match="masukan unit"):
            run_rekap([inbox / "kiriman-tw2"], victim, unit_list=inbox / "daftar-unit.xlsx", overwrite=overwrite)
    assert _sha(victim) == before


def test_output_onto_the_unit_list_is_refused(inbox: Path) -> None:
    units = inbox / "daftar-unit.xlsx"
    before = _sha(units)
    with pytest.raises(UnsafeWriteError, match="daftar unit"):
        run_rekap([inbox / "kiriman-tw2"], units, unit_list=units, overwrite=True)
    assert _sha(units) == before


def test_existing_output_needs_timpa(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "REKAP.xlsx"
    out.write_bytes(b"rekap minggu lalu")
    with pytest.raises(UsageError, match="--timpa"):
        run_rekap([inbox / "kiriman-tw2"], out, unit_list=inbox / "daftar-unit.xlsx", workers=1)
    assert out.read_bytes() == b"rekap minggu lalu"
    run = run_rekap([inbox / "kiriman-tw2"], out, unit_list=inbox / "daftar-unit.xlsx", workers=1, overwrite=True)
    assert run.output == out and out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp left


def test_kode_unit_cannot_lead_outside_bukti(tmp_path: Path) -> None:
    base = tmp_path / "bukti"
    (base / "KW-ACEH").mkdir(parents=True)
    (tmp_path / "RAHASIA").mkdir()
    def sub(kode: str) -> Submission:
        s = Submission(str(tmp_path / "kiriman" / "x.xlsx"), "0" * 64, 1, 0.0)
        s.identitas = {"kode_unit": kode}
        return s
    assert _evidence_dir(str(base), sub("KW-ACEH")) == (base / "KW-ACEH").resolve()
    assert _evidence_dir(str(base), sub("../RAHASIA")) is None
    assert _evidence_dir(str(base), sub(str(tmp_path / "RAHASIA"))) is None
    assert _evidence_dir(str(base), sub(".")) is None


def test_a_second_run_with_the_same_submissions_issues_nothing_new(inbox: Path, tmp_path: Path) -> None:
    """Issue 19: the same submissions again reuse the letters and their numbers (the register does not grow)."""
    from tests.support.office import configure_office, simple_office
    from toolkit.rekap.letters import write_letters

    configure_office(tmp_path / "kantor", simple_office("PB.1"))

    letters = tmp_path / "surat"
    written: list[list[Path]] = []

    def run(name: str) -> None:
        run_rekap([inbox / "kiriman-tw2"], tmp_path / name, unit_list=inbox / "daftar-unit.xlsx", workers=1,
                  on_written=lambda result, _spill: written.append(
                      write_letters(result, letters, register=None, sender=inbox / "pengirim.yaml")))

    from toolkit.documents.office_register import open_office_register

    def issued() -> list[tuple[str, str]]:
        with open_office_register() as register:  # the office's register (issue 16)
            return [(n.nomor, n.status) for n in register.rows()]

    run("R1.xlsx")
    kept = {p: _sha(p) for p in written[0]}
    numbers = issued()
    run("R2.xlsx")
    assert written[0] and sorted(written[1]) == sorted(written[0])
    assert all(_sha(p) == digest for p, digest in kept.items())
    assert issued() == numbers
    assert sorted(letters.glob("*.docx")) == sorted(kept)
