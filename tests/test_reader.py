"""The reading layer tolerates what people do to spreadsheets (issue 2, point 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from toolkit.schemas import get_schema
from toolkit.schemas.coerce import Frequency
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import records_as_dicts
from toolkit.workbook.template import build_workbook


def _identitas(wb: Workbook, kind: str, version: str = "1.0") -> None:
    ws = wb.active
    ws.title = "IDENTITAS"
    rows = [("nama unit kerja", "Kanwil DJPb Provinsi Jawa Barat"), ("KODE UNIT", "KW-JABAR"),
            ("Tahun *", "2024"), ("Jenis  Workbook", kind), ("Versi Skema", version),
            ("NIP Kepala Unit", "19640911 198903 1 009")]
    for r, (label, value) in enumerate(rows, start=2):
        ws.cell(r, 1, label)
        ws.cell(r, 2, value)


def test_messy_spi_workbook_reads_into_typed_records(tmp_path: Path) -> None:
    wb = Workbook()
    _identitas(wb, "tindak-lanjut-spi")
    l1 = wb.create_sheet("lampiran i")  # different case
    l1.append(["NO", "PERMASALAHAN", "kegiatan ", "Tujuan", "Output", "Kriteria dan\nUkuran Keberhasilan",
               "PIC", "Waktu  Pelaksanaan", "Kolom Tambahan"])  # header in row 1, line break, alias, extra column
    l1.append(["1", "Masalah satu", "Sosialisasi hasil SPI", "Paham", "Laporan", "nilai 100", "Inspektur", "Mei 2024"])
    l1.append([2, "Masalah dua", "Rakor MCP", "Lengkap", "Laporan", "nilai 100", "Sekda",
               "Triwulan II: Juni 2024 Triwulan III: September 2024 Triwulan IV: November 2024"])
    for _ in range(20):
        l1.append([None] * 8)  # trailing blank rows
    l1.append([None, None, "   ", None])
    l2 = wb.create_sheet("Lampiran II")
    for _ in range(2):
        l2.append([])
    l2.append(["Tingkat Risiko", "No", "Rekomendasi", "Rencana Aksi", "Area Intervensi MCP",
               "Kriteria Keberhasilan", "Ukuran Keberhasilan"])
    l2.append(["sangat  tinggi", 1, "Perbaiki A", "Aksi A", "Area Pengawasan APIP Area Penganggaran", "k", "u"])
    l2.append([None, 2, "Perbaiki B", "Aksi B", "area pelayanan publik", "k", "u"])
    l2.append(["Tinggi", 1, "Perbaiki C", "Aksi C", "Area Manajemen ASN;Area Pengawasan APIP", "k", "u"])
    l2.merge_cells("A4:A5")  # grouped risk level merged over two rows
    path = tmp_path / "spi.xlsx"
    wb.save(path)

    data = open_workbook(path)
    assert data.schema.kind == "tindak-lanjut-spi"
    assert data.identitas.values["tahun"] == 2024
    assert data.identitas.values["kepala_nip"] == "196409111989031009"
    lamp1 = data.sheets["lampiran1"]
    assert lamp1.layout.header_row == 1
    assert lamp1.layout.renamed == {"PIC": "penanggung_jawab"}
    assert [h for _, h in lamp1.layout.unknown] == ["Kolom Tambahan"]
    assert [r.row for r in lamp1.records] == [2, 3]
    assert [r.values["no"] for r in lamp1.records] == [1, 2]  # "1" stored as text
    assert not lamp1.records[1].problems
    assert lamp1.records[0].cells["waktu"] == "H2"
    lamp2 = data.sheets["lampiran2"]
    assert [r.values["tingkat_risiko"] for r in lamp2.records] == ["Sangat Tinggi", "Sangat Tinggi", "Tinggi"]
    assert lamp2.records[0].values["area_mcp"] == ("Area Pengawasan APIP", "Area Penganggaran")
    assert lamp2.records[1].values["area_mcp"] == ("Area Pelayanan Publik",)
    assert lamp2.records[2].values["area_mcp"] == ("Area Manajemen ASN", "Area Pengawasan APIP")
    assert data.merged_ranges == {"Lampiran II": ["A4:A5"]}
    assert [s.key for s in data.missing_sheets] == ["pemantauan"]


def test_numbers_and_months_as_people_type_them(tmp_path: Path) -> None:
    schema = get_schema("rencana-aksi-zi")
    rows = [{"area": "penataan tata laksana", "no": "1", "kegiatan": "Review proses bisnis", "output": "Dokumen",
             "pic": "Isnaldi", "rencana_m05": "v", "rencana_m08": "✓", "realisasi_m05": "x",
             "status": "SELESAI", "progres": "100 %", "bukti": "peta-proses-bisnis.pdf"},
            {"area": None, "no": 2.0, "kegiatan": "Evaluasi SOP", "output": "Laporan", "pic": "Isnaldi",
             "rencana_m09": 1, "status": "Belum Dimulai", "progres": 0}]
    path = build_workbook(schema, tmp_path / "rencana.xlsx",
                          identitas={"nama_unit": "Unit", "tahun": 2026, "tanggal_pengisian": dt.date(2026, 7, 3)},
                          rows={"rencana": rows})
    data = open_workbook(path, kind="rencana-aksi-zi")
    recs = data.records("rencana")
    first, second = recs
    assert first.values["area"] == "Penataan Tatalaksana" and "area" in first.alias_used
    assert second.values["area"] == "Penataan Tatalaksana"  # fill-down of a grouped column
    assert first.values["rencana_m05"] is True and first.values["rencana_m08"] is True
    assert first.values["status"] == "Selesai" and first.values["progres"] == 100
    assert second.values["no"] == 2 and second.values["rencana_m09"] is True
    assert data.identitas.values["tanggal_pengisian"] == dt.date(2026, 7, 3)
    assert records_as_dicts(data, "rencana")[1]["progres"] == 0


def test_kalender_frequency_and_bad_values_become_problems(tmp_path: Path) -> None:
    schema = get_schema("kalender-integritas")
    rows = [{"kelompok": "Internal", "no": 1, "momen": "Morning Call", "frekuensi": "Min 1x", "satuan": "minggu",
             "pic": "Kepala Kanwil"},
            {"kelompok": "Internal", "no": "dua", "momen": "Senam", "frekuensi": "sekali seminggu",
             "satuan": "Pekan", "pic": "Kabag Umum"}]
    real = [{"tanggal": "14 Februari 2023", "kelompok": "Internal", "no_kegiatan": 1, "jumlah_peserta": "35"},
            {"tanggal": "31 Februari 2023", "kelompok": "internal", "no_kegiatan": 1}]
    path = build_workbook(schema, tmp_path / "kal.xlsx", rows={"kalender": rows, "realisasi": real})
    data = open_workbook(path)
    k1, k2 = data.records("kalender")
    assert k1.values["frekuensi"] == Frequency(1, True) and k1.values["satuan"] == "Minggu"
    assert set(k2.problems) == {"no", "frekuensi", "satuan"}
    assert k2.problems["satuan"].problem == "choice" and k2.values["satuan"] == "Pekan"
    r1, r2 = data.records("realisasi")
    assert r1.values["tanggal"] == dt.date(2023, 2, 14) and r1.values["jumlah_peserta"] == 35
    assert r2.problems["tanggal"].problem == "type.date"
