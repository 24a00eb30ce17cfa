"""Activity-frequency compliance (seed 000) and SPI follow-up progress (seed 004)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from tests.scoring_golden import CASES, GOLDEN, compliance_summary, spi_summary
from toolkit.schemas import get_schema
from toolkit.scoring import calendar_compliance, spi_progress
from toolkit.scoring.compliance import periods_for, theme_matches, working_days
from toolkit.scoring.output import (
    compliance_chart_png,
    compliance_rows,
    write_compliance_xlsx,
    write_result_copy,
)
from toolkit.scoring.spi import measure_kind
from toolkit.workbook import open_workbook
from toolkit.workbook.template import build_workbook

IDENT = {"nama_unit": "KPPN Contoh", "kode_unit": "KPPN-01", "jenis_unit": "KPPN", "tahun": 2023,
         "periode": "Semester I", "tanggal_pengisian": dt.date(2023, 3, 31), "kepala_nama": "Budi",
         "kepala_nip": "196409111989031009"}


def _kalender(tmp_path: Path, realisasi: list[dict]) -> Path:
    rows = {
        "kalender": [
            {"kelompok": "Internal", "no": 1, "momen": "Doa bersama dan arahan pagi", "frekuensi": "1x",
             "satuan": "Hari", "pic": "Kepala KPPN"},
            {"kelompok": "Internal", "no": 2, "momen": "Morning Call", "frekuensi": "Min 1x", "satuan": "Minggu",
             "pic": "Kepala KPPN"},
            {"kelompok": "Internal", "no": 4, "momen": "Pembinaan Mental dan Kerohanian", "frekuensi": "Min 1x",
             "satuan": "Bulan", "pic": "Kepala KPPN"},
            {"kelompok": "Eksternal", "no": 5, "momen": "Asistensi SAKTI", "frekuensi": "Min 2x", "satuan": "Bulan",
             "pic": "Kepala Seksi"},
            {"kelompok": "Internal", "no": 10, "momen": "Pengujian Kepatuhan PBJ", "frekuensi": "Min 1x",
             "satuan": "Semester", "pic": "Kepala Seksi"},
        ],
        "tema": [{"kelompok": "Internal", "no_kegiatan": 4, "periode": "Februari",
                  "tema": "Integritas seorang Pemimpin"},
                 {"kelompok": "Internal", "no_kegiatan": 4, "periode": "Maret", "tema": "Jujur dalam Segala Tindakan"}],
        "realisasi": realisasi,
    }
    path = tmp_path / "kalender.xlsx"
    build_workbook(get_schema("kalender-integritas"), path, identitas=IDENT, rows=rows)
    return path


def _r(day: dt.date, no: int, kelompok: str = "Internal", materi: str = "") -> dict:
    return {"tanggal": day, "kelompok": kelompok, "no_kegiatan": no, "materi": materi, "bukti": "foto.jpg"}


def test_working_days_exclude_weekends_and_indonesian_holidays():
    days = working_days(2023)
    assert dt.date(2023, 8, 17) not in days  # Hari Kemerdekaan (Thursday)
    assert dt.date(2023, 1, 1) not in days and dt.date(2023, 1, 7) not in days
    assert dt.date(2023, 1, 2) in days
    assert all(d.weekday() < 5 for d in days)
    assert 235 <= len(days) <= 252


def test_periods_per_unit():
    assert len(periods_for("Bulan", 2023)) == 12
    assert len(periods_for("Triwulan", 2023)) == 4
    assert len(periods_for("Semester", 2023)) == 2
    assert len(periods_for("Tahunan", 2023)) == 1
    weeks = periods_for("Minggu", 2023)
    assert 52 <= len(weeks) <= 53 and weeks[0][1] == dt.date(2023, 1, 2)


@pytest.mark.parametrize("delivered,ok", [
    ("Integritas seorang Pemimpin", True),
    ("Materi: INTEGRITAS SEORANG PEMIMPIN (oleh Kepala KPPN)", True),
    ("integritas pemimpin", True),
    ("Integritas seorang Pemimpn", True),  # typo
    ("Pengelolaan Gratifikasi", False),
    ("", False),
])
def test_theme_matching_is_tolerant(delivered, ok):
    assert theme_matches("Integritas seorang Pemimpin (Februari)", delivered) is ok


def test_frequency_and_theme_compliance_per_period(tmp_path):
    wd = [d for d in working_days(2023) if d.month == 1]
    real = [_r(d, 1) for d in wd[:-1]]  # one January working day missed
    real += [_r(dt.date(2023, 1, 2) + dt.timedelta(weeks=w), 2) for w in range(13) if w != 5]
    real += [_r(dt.date(2023, 2, 10), 4, materi="Integritas Seorang Pemimpin"),
             _r(dt.date(2023, 3, 10), 4, materi="Pengelolaan Gratifikasi")]  # March: wrong theme
    real += [_r(dt.date(2023, 1, 10), 5, "Eksternal"), _r(dt.date(2023, 1, 20), 5, "Eksternal"),
             _r(dt.date(2023, 2, 10), 5, "Eksternal")]  # February: only once of Min 2x
    r = calendar_compliance(open_workbook(_kalender(tmp_path, real)), as_of=dt.date(2023, 3, 31))
    by = {(a.kelompok, a.no): a for a in r.activities}
    daily = by[("Internal", 1)]
    assert [p.label for p in daily.evaluated if not p.met and p.start.month == 1] == [f"{wd[-1].day} Januari 2023"]
    assert all(not p.met for p in daily.evaluated if p.start.month > 1)
    assert by[("Internal", 2)].met_count == len(by[("Internal", 2)].evaluated) - 1
    monthly = by[("Internal", 4)]
    assert [p.status for p in monthly.periods] == ["tidak terpenuhi", "terpenuhi", "terpenuhi"]
    sakti = by[("Eksternal", 5)]
    assert [p.count for p in sakti.periods] == [2, 1, 0]
    assert [p.met for p in sakti.periods] == [True, False, False]
    semester = by[("Internal", 10)]
    assert semester.periods[0].status == "berjalan" and semester.percent is None
    themes = {t.period: t.status for t in r.themes}
    assert themes == {"Februari": "terpenuhi", "Maret": "tidak terpenuhi"}
    met = sum(a.met_count for a in r.activities) + 1
    total = sum(len(a.evaluated) for a in r.activities) + 2
    assert r.percent == pytest.approx(100 * met / total)


def test_compliance_outputs_table_chart_and_copy(tmp_path):
    path = _kalender(tmp_path, [_r(dt.date(2023, 1, 2), 1)])
    r = calendar_compliance(open_workbook(path), as_of=dt.date(2023, 1, 31))
    png = compliance_chart_png(r, tmp_path / "grafik.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    xlsx = write_compliance_xlsx([r], tmp_path / "rekap.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    assert wb["Kepatuhan Unit"]["A2"].value == "KPPN Contoh"
    assert wb["Kepatuhan Unit"]._charts  # native chart present
    before = path.read_bytes()
    copy = write_result_copy(path, compliance_rows(r), sheet="Hasil Kepatuhan")
    assert path.read_bytes() == before
    ws = openpyxl.load_workbook(copy)["Hasil Kepatuhan"]
    assert ws["A1"].value == "KEPATUHAN KEGIATAN PENGUATAN INTEGRITAS"
    assert "Realisasi" in openpyxl.load_workbook(copy).sheetnames


@pytest.mark.parametrize("name", ["kalender-kanwil-djpb-2023.json", "kalender-kppn-2023.json"])
def test_golden_compliance_samples(name):
    assert compliance_summary(CASES[name][0]) == json.loads((GOLDEN / name).read_text(encoding="utf-8"))


# --- SPI ---------------------------------------------------------------------------------

def test_measure_kinds_from_seed_004_wording():
    assert measure_kind("Jika telah dilaksanakan sosialisasi, dibuktikan dengan laporan yang memenuhi substansi "
                        "yang diharapkan diberikan nilai 100") == "nilai"
    assert measure_kind("Dihitung berdasarkan % pengaduan yang telah ditindaklanjuti") == "persentase"
    assert measure_kind("Terlaksana") == "status"


def _spi(tmp_path: Path, pemantauan: list[dict]) -> Path:
    lamp = [
        {"no": 1, "permasalahan": "OPD perlu memahami hasil SPI", "kegiatan": "Sosialisasi hasil SPI",
         "tujuan": "Paham", "output": "Laporan", "penanggung_jawab": "Inspektur",
         "kriteria": "Jika telah dilaksanakan sosialisasi, dibuktikan dengan laporan diberikan nilai 100",
         "waktu": "Mei 2024"},
        {"no": 2, "permasalahan": "Pengaduan tidak ditindaklanjuti", "kegiatan": "Pemantauan pengaduan",
         "tujuan": "Kepastian", "output": "Capaian", "penanggung_jawab": "Inspektur",
         "kriteria": "Dihitung berdasarkan % pengaduan yang telah ditindaklanjuti", "waktu": "Januari - Desember 2024"},
        {"no": 3, "permasalahan": "MCP", "kegiatan": "Rakor MCP", "tujuan": "x", "output": "y",
         "penanggung_jawab": "Sekda", "kriteria": "diberikan nilai 100",
         "waktu": "Triwulan II: Juni 2024 Triwulan III: September 2024"},
    ]
    lamp2 = [{"tingkat_risiko": "Tinggi", "no": 1, "rekomendasi": "r", "rencana_aksi": "a",
              "area_mcp": "Area Pelayanan Publik", "kriteria": "k", "ukuran": "u"}]
    ident = {**IDENT, "nama_unit": "Pemkab Contoh", "tahun": 2024, "jenis_unit": "Pemerintah Daerah"}
    path = tmp_path / "spi.xlsx"
    build_workbook(get_schema("tindak-lanjut-spi"), path, identitas=ident,
                   rows={"lampiran1": lamp, "lampiran2": lamp2, "pemantauan": pemantauan})
    return path


def test_spi_progress_measures_and_overdue_boundaries(tmp_path):
    mon = [
        {"no_kegiatan": 1, "tanggal": dt.date(2024, 5, 10), "status": "Dalam Proses", "nilai": 50},
        {"no_kegiatan": 2, "tanggal": dt.date(2024, 6, 30), "status": "Dalam Proses", "target": 9, "realisasi": 6},
        {"no_kegiatan": 2, "tanggal": dt.date(2024, 3, 31), "status": "Dalam Proses", "target": 9, "realisasi": 1},
        {"no_kegiatan": 3, "tanggal": dt.date(2024, 6, 20), "status": "Selesai"},
    ]
    data = open_workbook(_spi(tmp_path, mon))
    at_due = spi_progress(data, dt.date(2024, 5, 31))
    after = spi_progress(data, dt.date(2024, 6, 1))
    a1_due, a1_after = at_due.actions[0], after.actions[0]
    assert a1_due.due == dt.date(2024, 5, 31)
    assert a1_due.progress == 50 and not a1_due.overdue  # on the due date itself: not yet late
    assert a1_after.overdue  # the day after: late
    a2 = spi_progress(data, dt.date(2024, 7, 1)).actions[1]
    assert a2.measure == "persentase" and a2.progress == pytest.approx(100 * 6 / 9)  # latest report wins
    a3 = spi_progress(data, dt.date(2024, 7, 1)).actions[2]
    assert a3.progress == 100 and a3.due == dt.date(2024, 9, 30) and a3.next_due == dt.date(2024, 9, 30)
    early = spi_progress(data, dt.date(2024, 4, 1))
    assert early.actions[0].progress == 0 and early.actions[0].note == "belum ada pemantauan"
    assert after.to_dict()["terlambat"] == [1]


def test_golden_spi_sample():
    name = "spi-bangka-tengah-2024.json"
    assert spi_summary(CASES[name][0]) == json.loads((GOLDEN / name).read_text(encoding="utf-8"))
