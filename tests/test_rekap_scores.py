"""The recap's "Nilai" per unit (``toolkit.rekap.checks.score``), on workbooks generated here.

Issue 5 point 3 ("score where available"): compliance % for kalender-integritas, the average
SPI follow-up progress as of the recap date for tindak-lanjut-spi, nothing for
rencana-aksi-zi unless an LKE score is supplied. Expected figures are derived from the rows
written in each test (seed 000 frequencies, seed 004 criteria), not copied from a run.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from tests.excel_helpers import zi_rows_from_sample
from toolkit.rekap import checks, scores
from toolkit.rekap.extract import extract_submission
from toolkit.schemas import get_schema
from toolkit.workbook import open_workbook
from toolkit.workbook.template import build_workbook

REPO = Path(__file__).resolve().parent.parent
LKE = REPO / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"


def _ident(kind: str, year: int, filled: dt.date, periode: str) -> dict[str, object]:
    return {"nama_unit": f"Unit Uji {kind}", "kode_unit": f"UJI-{kind.upper()}", "jenis_unit": "KPPN",
            "unit_induk": "Ditjen Uji", "tahun": year, "periode": periode, "tanggal_pengisian": filled,
            "kepala_nama": "Budi Santoso", "kepala_nip": "197809222000122001", "kepala_jabatan": "Kepala Kantor"}


def _kalender(path: Path, *, held_months: list[int], quarterly_held: bool) -> Path:
    """Two activities (seed 000 style): monthly min 1x and quarterly min 1x; realisations in ``held_months``."""
    kalender = [
        {"kelompok": "Internal", "no": 1, "momen": "Pembinaan Mental dan Kerohanian", "frekuensi": "Min 1x",
         "satuan": "Bulan", "pic": "Kepala Kantor", "media": "Tatap muka", "peserta": "Seluruh Pegawai"},
        {"kelompok": "Internal", "no": 2, "momen": "Townhall Meeting Penguatan Integritas", "frekuensi": "Min 1x",
         "satuan": "Triwulan", "pic": "Kepala Kantor", "media": "Tatap muka", "peserta": "Seluruh Pegawai"},
    ]
    realisasi = [{"tanggal": dt.date(2023, m, 10), "kelompok": "Internal", "no_kegiatan": 1,
                  "momen": "Pembinaan Mental dan Kerohanian", "jumlah_peserta": 30, "materi": "Kerohanian",
                  "bukti": f"2023-{m:02d}-10_pembinaan.pdf"} for m in held_months]
    if quarterly_held:
        realisasi.append({"tanggal": dt.date(2023, 2, 20), "kelompok": "Internal", "no_kegiatan": 2,
                          "momen": "Townhall Meeting Penguatan Integritas", "jumlah_peserta": 30,
                          "materi": "Integritas", "bukti": "2023-02-20_townhall.pdf"})
    return build_workbook(get_schema("kalender-integritas"), path,
                          identitas=_ident("kalender-integritas", 2023, dt.date(2023, 4, 5), "TW I"),
                          rows={"kalender": kalender, "realisasi": realisasi, "tema": []})


def _spi(path: Path) -> Path:
    """Three actions: one scored 'nilai 100', one '% pengaduan', one by status; one report each."""
    base = {"permasalahan": "Masalah", "tujuan": "Tujuan", "output": "Laporan", "penanggung_jawab": "Inspektur"}
    lampiran1 = [
        {**base, "no": 1, "kegiatan": "Sosialisasi hasil SPI", "waktu": "Mei 2024",
         "kriteria": "Jika telah dilaksanakan, dibuktikan dengan laporan diberikan nilai 100"},
        {**base, "no": 2, "kegiatan": "Tindak lanjut pengaduan", "waktu": "Januari - Desember 2024",
         "kriteria": "Dihitung berdasarkan % pengaduan yang telah ditindaklanjuti"},
        {**base, "no": 3, "kegiatan": "Rapat koordinasi MCP", "waktu": "Juni 2024",
         "kriteria": "Rapat terlaksana"},
    ]
    lampiran2 = [{"tingkat_risiko": "Tinggi", "no": 1, "rekomendasi": "Rekomendasi", "rencana_aksi": "Aksi",
                  "area_mcp": ["Area Pengawasan APIP"], "kriteria": "Kriteria", "ukuran": "Ukuran"}]
    pemantauan = [
        {"no_kegiatan": 1, "tanggal": dt.date(2024, 5, 20), "status": "Selesai", "nilai": 100,
         "bukti": "laporan.pdf"},
        {"no_kegiatan": 2, "tanggal": dt.date(2024, 6, 30), "status": "Dalam Proses", "target": 8, "realisasi": 6,
         "bukti": "rekap-pengaduan.xlsx"},
        {"no_kegiatan": 2, "tanggal": dt.date(2024, 9, 30), "status": "Dalam Proses", "target": 10,
         "realisasi": 9, "bukti": "rekap-pengaduan.xlsx"},
        {"no_kegiatan": 3, "tanggal": dt.date(2024, 6, 15), "status": "Dalam Proses", "bukti": "undangan.pdf"},
    ]
    return build_workbook(get_schema("tindak-lanjut-spi"), path,
                          identitas=_ident("tindak-lanjut-spi", 2024, dt.date(2024, 7, 10), "TW II"),
                          rows={"lampiran1": lampiran1, "lampiran2": lampiran2, "pemantauan": pemantauan})


def _extract(path: Path, as_of: dt.date | None = None) -> tuple[float | None, str]:
    with tempfile.TemporaryDirectory() as spill:
        sub = extract_submission(str(path), spill, as_of=as_of)
    assert sub.reason == "", sub.reason
    return sub.score, sub.score_label


def test_kalender_score_is_the_compliance_percent(tmp_path: Path) -> None:
    # Q1 2023 as of 31 March: monthly held in Jan and Feb only (2 of 3 months), quarterly held → 3 of 4 periods
    path = _kalender(tmp_path / "kalender.xlsx", held_months=[1, 2], quarterly_held=True)
    value, label = checks.score(open_workbook(path), as_of=dt.date(2023, 3, 31))
    assert value == pytest.approx(75.0) and label == scores.LABEL_KALENDER
    # the recap date moves the cut-off: on 15 April, April is still running and not counted
    assert checks.score(open_workbook(path), as_of=dt.date(2023, 4, 15))[0] == pytest.approx(75.0)
    # the quarter missed as well: 2 of 4
    missed = _kalender(tmp_path / "kalender-2.xlsx", held_months=[1, 2], quarterly_held=False)
    assert checks.score(open_workbook(missed), as_of=dt.date(2023, 3, 31))[0] == pytest.approx(50.0)
    # through the recap's own extraction (default cut-off: Tanggal Pengisian 5 April 2023)
    assert _extract(path) == (pytest.approx(75.0), scores.LABEL_KALENDER)


def test_spi_score_is_the_average_progress_as_of_the_recap_date(tmp_path: Path) -> None:
    path = _spi(tmp_path / "spi.xlsx")
    data = open_workbook(path)
    # 10 July 2024: 1 → 100 (nilai 100); 2 → 6/8 = 75 (report of 30 June); 3 → Dalam Proses = 50
    value, label = checks.score(data, as_of=dt.date(2024, 7, 10))
    assert value == pytest.approx(round((100 + 75 + 50) / 3, 1)) and label == scores.LABEL_SPI
    # 1 October 2024: action 2 now 9/10 = 90
    assert checks.score(data, as_of=dt.date(2024, 10, 1))[0] == pytest.approx(round((100 + 90 + 50) / 3, 1))
    # before any report: everything 0
    assert checks.score(data, as_of=dt.date(2024, 1, 31))[0] == pytest.approx(0.0)
    assert _extract(path, dt.date(2024, 10, 1))[0] == pytest.approx(round(240 / 3, 1))


def _zi(path: Path, periode: str, activities: list[tuple[list[int], list[int]]]) -> Path:
    """One activity per (planned months, realised months) pair, in area Manajemen Perubahan."""
    rows = []
    for i, (planned, realised) in enumerate(activities, start=1):
        row: dict[str, object] = {"area": "Manajemen Perubahan", "no": i, "kegiatan": f"Kegiatan {i}",
                                  "output": "Laporan", "pic": "Budi", "status": "Sedang Berjalan", "progres": 50}
        row.update({f"rencana_m{m:02d}": "v" for m in planned})
        row.update({f"realisasi_m{m:02d}": "v" for m in realised})
        rows.append(row)
    return build_workbook(get_schema("rencana-aksi-zi"), path,
                          identitas=_ident("rencana-aksi-zi", 2026, dt.date(2026, 7, 5), periode),
                          rows={"rencana": rows, "komitmen": []})


def test_rencana_aksi_zi_score_is_plan_realisation_up_to_the_period(tmp_path: Path) -> None:
    # activity 1: planned Feb, May, Aug — realised Feb, Jun; activity 2: planned Mar — not realised;
    # activity 3: planned Nov only (not yet due in TW II)
    acts = [([2, 5, 8], [2, 6]), ([3], []), ([11], [])]
    tw2 = _zi(tmp_path / "zi-tw2.xlsx", "TW II", acts)
    # up to June: planned 2 + 1 = 3 months; earned min(2, 2) + 0 = 2 → 66,7
    result = checks.score_of(open_workbook(tw2))
    assert result.value == pytest.approx(66.7) and result.label == scores.LABEL_REALISASI
    assert "TW II 2026" in result.definition and "bulan rencana" in result.definition
    # the same plan reported for TW I: up to March, planned Feb + Mar, realised Feb → 50
    tw1 = _zi(tmp_path / "zi-tw1.xlsx", "TW I", acts)
    assert checks.score(open_workbook(tw1))[0] == pytest.approx(50.0)
    # the whole year: planned 5, earned min(3, 2) = 2 → 40
    year = _zi(tmp_path / "zi-year.xlsx", "Tahunan", acts)
    assert checks.score(open_workbook(year))[0] == pytest.approx(40.0)
    # nothing planned up to the period's end: no score, not zero
    later = _zi(tmp_path / "zi-later.xlsx", "TW I", [([11], [])])
    assert checks.score(open_workbook(later))[0] is None
    # through the recap's own extraction
    assert _extract(tw2) == (pytest.approx(66.7), scores.LABEL_REALISASI)


def test_every_sample_zi_unit_has_a_score() -> None:
    folder = REPO / "samples" / "rekap" / "kiriman-tw2"
    scored = [checks.score(open_workbook(p))[0] for p in sorted(folder.glob("KW-J*.xlsx"))]
    assert scored and all(v is not None and 0 <= v <= 100 for v in scored)


def test_a_score_that_fails_never_rejects_the_file(tmp_path: Path) -> None:
    ident, rows = zi_rows_from_sample()
    path = build_workbook(get_schema("rencana-aksi-zi"), tmp_path / "unit.xlsx", identitas=ident, rows=rows)
    data = open_workbook(path)
    data.records("rencana")[0].values = None  # type: ignore[assignment]  # a record the score cannot read
    value, label = checks.score(data)
    assert value is None and label.startswith("nilai tidak dapat dihitung")
    assert "Error" not in label and "NoneType" not in label  # no Python class names in REKAP.xlsx
    with tempfile.TemporaryDirectory() as spill:
        sub = extract_submission(str(path), spill)
    assert sub.reason == "" and sub.score is not None and sub.n_errors == 0


def test_lke_score_is_the_tpi_total_of_a_2026_form(tmp_path: Path) -> None:
    import random

    from tests.support.lke_answers import random_answers
    from toolkit.lke.compare import compare
    from toolkit.lke.files import read_any
    from toolkit.lke.workbook import build_form

    unit = random_answers(random.Random(4))
    tpi = random_answers(random.Random(5))
    path = build_form(tmp_path / "lke.xlsx", identitas={"nama_unit": "Biro Umum", "kode_unit": "UNIT-1",
                                                        "tahun": 2026},
                      entries={i: {"unit_answer": a, "tpi_answer": tpi.get(i)} for i, a in unit.items()})
    result = scores.lke_tpi_score(path)
    expected = compare(read_any(path))
    assert result.value == pytest.approx(round(expected.tpi_total, 2))
    assert result.value != pytest.approx(round(expected.unit_total, 2))  # the TPI's answers, not the unit's
    assert result.label == scores.LABEL_LKE and "TPI" in result.definition
    # the 2021 official workbook: its own formulas, Belum Diisi = 0
    from toolkit.scoring import score_lke

    assert scores.lke_tpi_score(LKE).value == pytest.approx(round(score_lke(LKE).total_strict, 2))
