"""Issue 19: ``rekap --surat`` is a transaction, unit text is text, and a re-run issues nothing new."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support import hostile as H
from tests.support.office import configure_office, set_sample_formats, simple_office
from toolkit.documents.placeholders import docx_text
from toolkit.documents.register import NumberRegister

KIRIMAN = H.SAMPLES / "rekap" / "kiriman-tw2"
UNITS = H.SAMPLES / "rekap" / "daftar-unit.xlsx"
SENDER = H.SAMPLES / "rekap" / "pengirim.yaml"
HOSTILE_TEXT = "Rapat koordinasi [daring] Biaya ${anggaran} «utama» [...]"


def _rekap(folder: Path, out: Path, surat: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", "rekap", str(folder), "--daftar-unit", str(UNITS),
                           "-o", str(out), "--surat", str(surat), "--pengirim", str(SENDER), "--tanpa-riwayat",
                           "--tanpa-progres", "--proses", "2", *extra],
                          capture_output=True, text=True, timeout=300)


def _snapshot(surat: Path) -> tuple[dict[str, str], list[tuple[str, str, str | None]]]:
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(surat.iterdir())
             if p.is_file() and not p.name.startswith("register-nomor")}
    reg = NumberRegister(surat / "register-nomor.sqlite")
    try:
        numbers = [(n.nomor, n.status, Path(n.file).name if n.file else None) for n in reg.issued()]
    finally:
        getattr(reg, "close", lambda: None)()
    return files, numbers


def test_hostile_unit_text_and_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "kiriman"
    shutil.copytree(KIRIMAN, folder)
    aceh = folder / "KW-ACEH_rencana-aksi-zi_TW2.xlsx"
    poisoned = tmp_path / "aceh.xlsx"
    # every "Penataan Tatalaksana" of the unit becomes hostile text with a vertical tab in it
    H.patched(aceh, poisoned, {"xl/sharedStrings.xml": H.set_text(
        "Penataan Tatalaksana", HOSTILE_TEXT.replace("«", "&#171;").replace("»", "&#187;") + "_x000B_baris")})
    shutil.copy(poisoned, aceh)
    surat = tmp_path / "surat"
    surat.mkdir()  # the office (issue 16) numbers the letters; its register is kept beside them here
    configure_office(tmp_path / "kantor", simple_office("PB.1"), register=str(surat / "register-nomor.sqlite"))
    first = _rekap(folder, tmp_path / "REKAP.xlsx", surat)
    assert first.returncode in (0, 1), first.stderr
    assert "Galat internal" not in first.stderr
    letters = sorted(surat.glob("*.docx"))
    assert letters, first.stdout
    aceh_letter = surat / "nota-dinas-KW-ACEH.docx"
    text = docx_text(aceh_letter)
    assert "[daring]" in text and "${anggaran}" in text  # the unit's text, kept as text
    assert "\x0b" not in text
    before = _snapshot(surat)
    assert all(status != "batal" for _n, status, _f in before[1])
    second = _rekap(folder, tmp_path / "REKAP.xlsx", surat, "--timpa")
    assert second.returncode in (0, 1), second.stderr
    assert _snapshot(surat) == before  # nothing new: same letters, same numbers


def test_batch_with_one_bad_row_takes_no_number(tmp_path: Path) -> None:
    """render_batch checks every row first: a bad row stops the batch before any number or file."""
    import pytest

    from tests._documents_data import small_nota_dinas
    from toolkit.documents.render import render_batch
    from toolkit.errors import TemplateError

    good = small_nota_dinas()
    del good["nomor"]
    bad = dict(good, hal="")
    reg = set_sample_formats(NumberRegister(tmp_path / "reg.sqlite"))  # an office sets its own formats
    out = tmp_path / "surat"
    with pytest.raises(TemplateError) as err:
        render_batch("nota-dinas", [good, bad, good], out, register=reg,
                     label=lambda i: f"baris {i + 1}", source=tmp_path / "massal.xlsx")
    assert "baris 3" in str(err.value) and "massal.xlsx" in str(err.value)
    assert reg.issued() == [] and list(out.iterdir()) == []
    issued = render_batch("nota-dinas", [good, good], out, register=reg)
    assert [d.nomor for d in issued] == ["ND-1/PB.1/2023", "ND-2/PB.1/2023"]


def test_report_refuses_an_impossible_progress(tmp_path: Path) -> None:
    """A progress of 1e308 (issue 19 §8) is named at its cell, with no Python warning and no letter written."""
    import openpyxl

    book = openpyxl.load_workbook(H.VALID_ZI)
    sheet = book["Rencana Kerja"]
    sheet["AE4"] = 1e308  # Progres (%) of the first two activities: their average would overflow
    sheet["AE5"] = 1e308
    workbook = tmp_path / "progres.xlsx"
    book.save(workbook)
    configure_office(tmp_path / "kantor", simple_office("PB.1"), register=str(tmp_path / "register.sqlite"))
    out = tmp_path / "laporan.docx"
    run = subprocess.run([sys.executable, "-m", "toolkit", "surat", "laporan", "-w", str(workbook), "-d",
                          str(H.SAMPLES / "surat" / "laporan-monev-komdigi-2026.yaml"), "-o", str(out)],
                         capture_output=True, text=True, timeout=180, env={**os.environ,
                                                                            "PYTHONWARNINGS": "default"})
    assert run.returncode == 3, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr  # one line: no RuntimeWarning from the chart, no traceback
    assert "progres.xlsx" in lines[0] and "'Rencana Kerja'" in lines[0] and "AE4" in lines[0]
    assert "1E+308" in lines[0] and "di luar 0–100" in lines[0]
    assert not out.exists()


def test_a_letter_gets_its_final_name_only_once_the_register_recorded_it(tmp_path: Path) -> None:
    """Issue 19: a letter under its final name is always in the register as issued (terbit, with its archived
    copy). Here the register refuses to record any letter as issued (as a full disk or a lost share would):
    no letter may appear, and the number taken for it is cancelled with the reason."""
    configure_office(tmp_path / "kantor", simple_office("PB.1"))
    db = Path(os.environ["INTEGRITAS_DATA"]) / "integritas.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TRIGGER tidak_terbit BEFORE UPDATE OF status ON nomor_terbit WHEN NEW.status = 'terbit' "
                "BEGIN SELECT RAISE(ABORT, 'disk penuh'); END")
    con.commit()
    con.close()
    out = tmp_path / "surat" / "nd.docx"
    r = subprocess.run([sys.executable, "-m", "toolkit", "surat", "nota-dinas", "--data",
                        str(H.SAMPLES / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml"), "--set", "nomor=",
                        "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode not in (0, 1) and "Galat internal" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert "register menolak" in r.stderr and "bentrok" not in r.stderr, r.stderr  # not called a number clash
    assert "disk penuh" not in r.stderr  # the database's own text is not shown
    assert not out.exists(), "surat bernama akhir padahal register tidak mencatatnya terbit"
    assert [p.name for p in out.parent.iterdir()] == []  # nor a temporary file
    con = sqlite3.connect(db)
    rows = con.execute("SELECT nomor, status, keterangan, alasan_batal FROM nomor_terbit").fetchall()
    con.close()
    assert len(rows) == 1 and rows[0][1] == "batal" and "gagal ditulis" in rows[0][3], rows


def test_a_deleted_letter_comes_back_from_the_archive(tmp_path: Path) -> None:
    """Re-running rekap --surat after a letter file was deleted restores that very letter (same number, same
    bytes, from the register's archive) instead of failing on its own number; a cancelled one is made anew."""
    surat = tmp_path / "surat"
    surat.mkdir()
    register = surat / "register-nomor.sqlite"
    configure_office(tmp_path / "kantor", simple_office("PB.1"), register=str(register))
    assert _rekap(KIRIMAN, tmp_path / "REKAP.xlsx", surat).returncode in (0, 1)
    before = _snapshot(surat)
    aceh = surat / "nota-dinas-KW-ACEH.docx"
    nomor = next(n for n, _s, f in before[1] if f == aceh.name)
    aceh.unlink()
    again = _rekap(KIRIMAN, tmp_path / "REKAP.xlsx", surat, "--timpa")
    assert again.returncode in (0, 1), again.stderr
    assert _snapshot(surat) == before  # the same bytes under the same number; no number taken
    cancel = subprocess.run([sys.executable, "-m", "toolkit", "surat", "batal", nomor, "--alasan", "salah kirim",
                             "--register", str(register)], capture_output=True, text=True, timeout=60)
    assert cancel.returncode == 0, cancel.stderr
    aceh.unlink()
    third = _rekap(KIRIMAN, tmp_path / "REKAP.xlsx", surat, "--timpa")
    assert third.returncode in (0, 1), third.stderr
    files, numbers = _snapshot(surat)
    new = [n for n, status, f in numbers if f == aceh.name and status == "terbit"]
    assert new and new[0] != nomor and len(numbers) == len(before[1]) + 1  # one new number, for that letter only
    others = {aceh.name, ".indeks-surat-rekap.json"}  # the index now names the new number
    assert {k: v for k, v in files.items() if k not in others} == \
        {k: v for k, v in before[0].items() if k not in others}


def test_the_same_submissions_into_another_letters_folder_issue_nothing_new(tmp_path: Path) -> None:
    """The register, not the letters folder, remembers which submission a letter answers (store revision 0004):
    rekap --surat into a second folder writes the same letters under the same numbers, byte for byte."""
    register = tmp_path / "register-nomor.sqlite"
    configure_office(tmp_path / "kantor", simple_office("PB.1"), register=str(register))
    first, second = tmp_path / "surat-a", tmp_path / "surat-b"
    first.mkdir()
    second.mkdir()
    assert _rekap(KIRIMAN, tmp_path / "REKAP.xlsx", first, "--register", str(register)).returncode in (0, 1)
    numbers_before = NumberRegister(register).issued()
    again = _rekap(KIRIMAN, tmp_path / "REKAP-2.xlsx", second, "--register", str(register))
    assert again.returncode in (0, 1), again.stderr
    letters = {p.name: p.read_bytes() for p in first.glob("*.docx")}
    assert len(letters) == 50
    assert {p.name: p.read_bytes() for p in second.glob("*.docx")} == letters
    assert [(n.nomor, n.status) for n in NumberRegister(register).issued()] == \
        [(n.nomor, n.status) for n in numbers_before]


def test_a_lost_index_writes_no_second_copy_and_a_corrected_sender_makes_new_letters(tmp_path: Path) -> None:
    """Review findings: with the folder's index deleted, a re-run found every letter again and wrote it as
    'nota-dinas-X (2).docx'; a corrected sender (signatory's name) was silently ignored."""
    surat = tmp_path / "surat"
    surat.mkdir()
    register = surat / "register-nomor.sqlite"
    configure_office(tmp_path / "kantor", simple_office("PB.1"), register=str(register))
    first = _rekap(KIRIMAN, tmp_path / "REKAP.xlsx", surat)
    assert first.returncode in (0, 1), first.stderr
    assert "50 surat (50 baru)" in " ".join(first.stdout.split())
    before = _snapshot(surat)
    con = sqlite3.connect(register)  # the key is recorded with 'terbit', in one transaction
    assert con.execute("SELECT count(*) FROM nomor_terbit WHERE status = 'terbit' AND kunci = ''").fetchone() == (0,)
    con.close()
    (surat / ".indeks-surat-rekap.json").unlink()
    again = _rekap(KIRIMAN, tmp_path / "REKAP.xlsx", surat, "--timpa")
    assert again.returncode in (0, 1), again.stderr
    assert "50 surat (50 sudah ada" in " ".join(again.stdout.split())
    assert not list(surat.glob("* (2).docx"))
    assert _snapshot(surat)[1] == before[1]
    corrected = tmp_path / "pengirim-baru.yaml"
    corrected.write_text(SENDER.read_text(encoding="utf-8").replace("nama:", "nama: Dr.", 1), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "toolkit", "rekap", str(KIRIMAN), "--daftar-unit", str(UNITS),
                          "-o", str(tmp_path / "REKAP.xlsx"), "--timpa", "--surat", str(surat), "--pengirim",
                          str(corrected), "--tanpa-riwayat", "--tanpa-progres"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode in (0, 1), run.stderr
    assert "50 surat (50 baru)" in " ".join(run.stdout.split())
    assert len(_snapshot(surat)[1]) == 100  # the corrected letters have numbers of their own
