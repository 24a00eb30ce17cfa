"""0.1 files (made by the bundled demo with toolkit 0.1) still give the same output after the upgrade.

(The surat daftar golden shows the register dates as a person reads them, "1 Desember 2026"
— issue 18 — the rest is byte for byte what 0.1 printed.)"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "store01"
TREN_UNITS = ("KW-JABAR", "KPPN-MEDAN-I")


def test_01_files_upgrade_in_place_with_a_backup_and_same_output(tmp_path: Path) -> None:
    reg = shutil.copy(FIXTURES / "register-naskah.sqlite", tmp_path / "register-naskah.sqlite")
    hist = shutil.copy(FIXTURES / "riwayat.sqlite", tmp_path / "riwayat.sqlite")
    runner = CliRunner()
    out = runner.invoke(main, ["surat", "daftar", "--register", str(reg)])
    assert out.exit_code == 0, out.output
    # the same numbers as 0.1 listed (issue 16 gave the list a header row and Indonesian dates)
    golden = (FIXTURES / "surat-daftar.txt").read_text().splitlines()
    numbers = [line.split("\t")[0] for line in golden[:-1]]
    assert all(n in out.output for n in numbers) and out.output.rstrip().endswith(golden[-1])
    assert "Nomor" in out.output and "Tanggal" in out.output
    for unit in TREN_UNITS:
        res = runner.invoke(main, ["rekap", "--tren", unit, "--db", str(hist)])
        assert res.exit_code == 0, res.output
        assert res.output == (FIXTURES / f"rekap-tren-{unit}.txt").read_text()
    backups = sorted(p.name for p in tmp_path.glob("*.sebelum-migrasi-0.1-*.sqlite"))
    assert len(backups) == 2, backups  # one untouched copy of each 0.1 file, made before the upgrade
    pristine = tmp_path / "asli"
    pristine.mkdir()
    for b in tmp_path.glob("*.sebelum-migrasi-*"):
        original = shutil.copy(FIXTURES / (b.name.split(".sebelum")[0] + ".sqlite"), pristine)
        with sqlite3.connect(b) as c1, sqlite3.connect(original) as c2:
            tables = [r[0] for r in c2.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            assert {"nomor_terbit", "submissions"} & set(tables)
            for table in tables:
                q = f"SELECT * FROM {table} ORDER BY rowid"
                assert c1.execute(q).fetchall() == c2.execute(q).fetchall()


@pytest.mark.parametrize("unit", TREN_UNITS)
def test_golden_outputs_are_real(unit: str) -> None:
    """The goldens were captured from toolkit 0.1 on these files; they must not be empty shells."""
    text = (FIXTURES / f"rekap-tren-{unit}.txt").read_text()
    assert "TW II 2026" in text and "Progres rata-rata" in text
    assert (FIXTURES / "surat-daftar.txt").read_text().count("\n") == 51


def test_pindah_01_demo_files_into_each_backend_gives_same_output(store_url: str, tmp_path: Path) -> None:
    """Moving house: both 0.1 files into one store (SQLite or PostgreSQL), checked row for row."""
    runner = CliRunner()
    for name, tables in (("register-naskah.sqlite", "nomor_terbit: 50 baris"), ("riwayat.sqlite", "metrics: 99")):
        src = shutil.copy(FIXTURES / name, tmp_path / name)
        before = Path(src).read_bytes()
        res = runner.invoke(main, ["basisdata", "pindah", str(src), store_url])
        assert res.exit_code == 0, res.output
        assert tables in res.output and "diperiksa sama" in res.output
        assert Path(src).read_bytes() == before  # the source is only read
    out = runner.invoke(main, ["--basisdata", store_url, "surat", "daftar"])
    assert out.exit_code == 0, out.output
    _lists_the_01_numbers(out.output)
    for unit in TREN_UNITS:
        res = runner.invoke(main, ["--basisdata", store_url, "rekap", "--tren", unit])
        assert res.exit_code == 0, res.output
        assert res.output == (FIXTURES / f"rekap-tren-{unit}.txt").read_text()
    # the numbering continues after the moved numbers, on either backend
    from toolkit.documents.register import NumberRegister

    with NumberRegister(store_url) as reg:
        reg.set_format("nota-dinas", "ND-{urut}/PB.1/{tahun}")  # no built-in formats since issue 16
        assert reg.allocate("nota-dinas", tanggal=__import__("datetime").date(2026, 12, 2)) == "ND-51/PB.1/2026"
    # a second move into the now non-empty tables is refused, nothing changed
    again = runner.invoke(main, ["basisdata", "pindah", str(tmp_path / "riwayat.sqlite"), store_url])
    assert again.exit_code == 2 and "sudah berisi data" in again.output


def test_cadangan_json_restores_into_the_other_backend(store_url: str, tmp_path: Path,
                                                      request: pytest.FixtureRequest) -> None:
    runner = CliRunner()
    for name in ("register-naskah.sqlite", "riwayat.sqlite"):
        assert runner.invoke(main, ["basisdata", "pindah", str(FIXTURES / name), store_url]).exit_code == 0
    dump = tmp_path / "cadangan.json"
    res = runner.invoke(main, ["--basisdata", store_url, "basisdata", "cadangan", "-o", str(dump), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "REPEATABLE READ" in res.output
    if store_url.startswith("sqlite"):
        other = request.getfixturevalue("postgres_cluster").create_database()
    else:
        other = f"sqlite:///{tmp_path / 'pulih.sqlite'}"
    res = runner.invoke(main, ["basisdata", "pindah", str(dump), other])
    assert res.exit_code == 0, res.output
    assert "nomor_terbit: 50 baris" in res.output and "submissions: 9 baris" in res.output
    out = runner.invoke(main, ["--basisdata", other, "surat", "daftar"])
    _lists_the_01_numbers(out.output)
    info = runner.invoke(main, ["basisdata", "info", other])
    assert info.exit_code == 0 and "nomor_terbit" in info.output and "50 baris" in info.output


def test_cadangan_sqlite_is_a_usable_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kantor.sqlite'}"
    runner = CliRunner()
    assert runner.invoke(main, ["basisdata", "pindah", str(FIXTURES / "register-naskah.sqlite"), url]).exit_code == 0
    res = runner.invoke(main, ["--basisdata", url, "basisdata", "cadangan", "-o", str(tmp_path / "c.sqlite")])
    assert res.exit_code == 0 and "backup API" in res.output, res.output
    out = runner.invoke(main, ["--basisdata", str(tmp_path / "c.sqlite"), "surat", "daftar"])
    _lists_the_01_numbers(out.output)
    again = runner.invoke(main, ["--basisdata", url, "basisdata", "cadangan", "-o", str(tmp_path / "c.sqlite")])
    assert again.exit_code == 2 and "--timpa" in again.output


def test_unmoved_01_register_in_the_current_folder_stops_numbering_from_1(tmp_path: Path) -> None:
    """0.1 kept ./register-nomor.sqlite; numbering silently restarting at 1 in the store would duplicate numbers."""
    import subprocess
    import sys

    from tests.support.office import configure_office, simple_office

    configure_office(tmp_path / "kantor", simple_office("PB.1"))
    shutil.copy(FIXTURES / "register-naskah.sqlite", tmp_path / "register-nomor.sqlite")
    sample = Path(__file__).resolve().parents[1] / "samples" / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml"
    args = [sys.executable, "-m", "toolkit", "surat", "nota-dinas", "-d", str(sample), "-o", "nd.docx"]
    run = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 2 and "basisdata pindah register-nomor.sqlite" in run.stderr, run.stderr
    assert not (tmp_path / "nd.docx").exists()
    # adopting the old file as the office's register keeps its 50 numbers
    adopt = subprocess.run([sys.executable, "-m", "toolkit", "kantor", "buat", "--dari",
                            str(tmp_path / "kantor" / "kantor-sumber.yaml"), "--register", "register-nomor.sqlite",
                            "--timpa"], cwd=tmp_path, capture_output=True, text=True)
    assert adopt.returncode == 0, adopt.stderr
    listed = subprocess.run([sys.executable, "-m", "toolkit", "surat", "daftar"], cwd=tmp_path, capture_output=True,
                            text=True)
    assert listed.returncode == 0 and "50 nomor." in listed.stdout, listed.stderr


def _lists_the_01_numbers(output: str) -> None:
    """The same numbers as 0.1 listed (issue 16 gave the list a header row and Indonesian dates)."""
    golden = (FIXTURES / "surat-daftar.txt").read_text().splitlines()
    assert all(line.split("\t")[0] in output for line in golden[:-1])
    assert output.rstrip().endswith(golden[-1]) and "Nomor" in output and "Tanggal" in output
