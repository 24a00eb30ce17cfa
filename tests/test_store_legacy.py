"""0.1 files (made by the bundled demo with toolkit 0.1) still give the same output after the upgrade."""

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
    assert out.output == (FIXTURES / "surat-daftar.txt").read_text()
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
