"""``integritas nilai``: terminal, JSON, result copy, exit codes; the input file is never changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parent.parent
OFFICIAL = REPO / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"
KALENDER = REPO / "samples" / "kalender-integritas" / "kppn-2023-valid.xlsx"
SPI = REPO / "samples" / "tindak-lanjut-spi" / "bangka-tengah-2024-valid.xlsx"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit.cli", "nilai", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_lke_json_and_copy(tmp_path):
    src = tmp_path / "lke.xlsx"
    shutil.copy(OFFICIAL, src)
    before = src.read_bytes()
    proc = run(str(src), "--json", "--tulis-hasil")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert abs(data["lke"]["total"]["resmi"] - 95.57619047619048) < 1e-9
    assert data["predikat"]["predikat_tertinggi"] == "WBK"
    assert src.read_bytes() == before
    copy = tmp_path / "lke.nilai.xlsx"
    wb = openpyxl.load_workbook(copy)
    assert wb["Hasil Penilaian"]["A1"].value == "HASIL PENILAIAN LKE ZONA INTEGRITAS"
    assert wb["LKE ZI"]["L208"].value == "=SUM(L198,L206)"  # formulas kept in the copy
    # a second run refuses to overwrite the result copy (a usage matter: exit 2), --timpa allows it
    stamp = copy.read_bytes()
    again = run(str(src), "--tulis-hasil")
    assert again.returncode == 2 and "sudah ada" in again.stderr and "--timpa" in again.stderr
    assert copy.read_bytes() == stamp
    forced = run(str(src), "--tulis-hasil", "--timpa")
    assert forced.returncode == 0, forced.stderr
    assert openpyxl.load_workbook(copy).sheetnames == ["Utama", "Ctt Eval", "LKE ZI", "Hasil Penilaian"]


def test_lke_below_wbk_exits_1_with_indonesian_verdict(tmp_path):
    wb = openpyxl.load_workbook(OFFICIAL)
    wb["LKE ZI"]["K202"] = 2
    path = tmp_path / "rendah.xlsx"
    wb.save(path)
    proc = run(str(path), "--model", "pedoman-bpmp-2023")
    assert proc.returncode == 1
    assert "WBK: BELUM TERCAPAI" in proc.stdout and "kurang" in proc.stdout


def test_kalender_and_spi(tmp_path):
    png = tmp_path / "g.png"
    proc = run(str(KALENDER), "--grafik", str(png))
    assert proc.returncode == 1 and "Kepatuhan unit" in proc.stdout
    assert png.exists()
    proc = run(str(SPI), "--per-tanggal", "2024-07-15", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["terlambat"] == []
    late = run(str(SPI), "--per-tanggal", "31 Desember 2024")
    assert late.returncode == 1 and "terlambat" in late.stdout


def test_bad_inputs():
    assert run(str(OFFICIAL), "--model", "tidak-ada").returncode == 2
    assert run(str(OFFICIAL), "--per-tanggal", "kemarin").returncode == 2


def test_grafik_never_overwrites_the_input_or_an_existing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Review finding: `nilai k.xlsx --grafik k.xlsx` replaced the unit's own workbook with the chart."""
    import hashlib

    src = tmp_path / "k.xlsx"
    shutil.copy(Path(__file__).resolve().parent.parent / "samples/kalender-integritas/kppn-2023-valid.xlsx", src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "toolkit", "nilai", str(src), "--per-tanggal", "2023-06-30",
                               *args], capture_output=True, text=True)

    same = run("--grafik", str(src))
    assert same.returncode == 2 and "tidak boleh sama" in same.stderr
    other = tmp_path / "grafik.png"
    other.write_bytes(b"punya orang")
    exists = run("--grafik", str(other))
    assert exists.returncode == 2 and "sudah ada" in exists.stderr and other.read_bytes() == b"punya orang"
    replaced = run("--grafik", str(other), "--timpa")
    assert replaced.returncode in (0, 1) and other.read_bytes()[:4] == b"\x89PNG"
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
