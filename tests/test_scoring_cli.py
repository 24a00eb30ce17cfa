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
