"""The rules engine on small workbooks built from the schemas, the report, the registry and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.errors import UnreadableInputError, WrongKindError
from toolkit.kinds.registry import all_kinds
from toolkit.schemas import get_schema
from toolkit.validation import Finding, Report, validate_data, validate_path
from toolkit.validation.engine import looks_like_formula
from toolkit.validation.util import suggest
from toolkit.workbook import open_workbook
from toolkit.workbook.template import build_workbook

IDENT = {"nama_unit": "KPPN Uji", "kode_unit": "K01", "jenis_unit": "KPPN", "tahun": 2026, "periode": "TW II",
         "tanggal_pengisian": dt.date(2026, 7, 3), "kepala_nama": "Budi Santoso",
         "kepala_nip": "196409111989031009"}
AREAS = get_schema("rencana-aksi-zi").lists["area_perubahan"]


def zi_row(area: str, no: int, kegiatan: str, **kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"area": area, "no": no, "kegiatan": kegiatan, "output": "Laporan", "pic": "Tim ZI",
                           "rencana_m01": True, "realisasi_m01": True, "status": "Sedang Berjalan",
                           "progres": 50}
    row.update(kw)
    return row


def zi_rows() -> list[dict[str, Any]]:
    return [zi_row(a, 1, f"Kegiatan utama {i}") for i, a in enumerate(AREAS)]


def komitmen_rows() -> list[dict[str, Any]]:
    return [{"triwulan": "TW I", "fokus": "Perencanaan & Komitmen", "area": a, "output_dimonitor": "SK",
             "pic": "Tim", "kewajiban_evidence": "Unggah SK"} for a in AREAS]


def build(tmp_path: Path, kind: str, rows: dict[str, list[dict[str, Any]]], name: str = "uji.xlsx",
          ident: dict[str, Any] | None = None, **kw: Any) -> Path:
    return build_workbook(get_schema(kind), tmp_path / name, identitas=IDENT if ident is None else ident,
                          rows=rows, **kw)


def keys(report: Report) -> set[tuple[str, str, str]]:
    return {(f.rule_id, f.sheet, f.cell) for f in report.findings}


# --- checks ----------------------------------------------------------------------------

def test_every_declared_rule_has_a_check() -> None:
    for kind in all_kinds():
        assert [c.id for c in kind.checks] == [r.id for r in kind.schema.rules], kind.name
        assert all(callable(c.run) for c in kind.checks)


# --- generic rules ---------------------------------------------------------------------

def test_clean_zi_workbook(tmp_path: Path) -> None:
    report = validate_path(build(tmp_path, "rencana-aksi-zi", {"rencana": zi_rows(), "komitmen": komitmen_rows()}))
    assert report.findings == [] and report.ok and report.rows_checked == 12


def test_generic_cell_rules(tmp_path: Path) -> None:
    rows = zi_rows()
    rows[0].update(pic=None)  # row 4
    rows[1].update(status="selesai ", progres=100, bukti="sk.pdf")  # tolerant: no finding
    rows[2].update(status="Sedang Brjalan")  # row 6: did you mean
    rows[3].update(progres=150)  # row 7
    rows[4].update(progres="setengah")  # row 8
    rows[5].update(kegiatan="@SUM(1+1)")  # row 9
    path = build(tmp_path, "rencana-aksi-zi", {"rencana": rows, "komitmen": komitmen_rows()})
    report = validate_path(path)
    got = keys(report)
    s = "Rencana Kerja"
    assert {("WAJIB", s, "E4"), ("PILIHAN", s, "AD6"), ("RENTANG", s, "AE7"), ("TIPE", s, "AE8"),
            ("INJEKSI-FORMULA", s, "C9")} <= got
    assert not [f for f in report.findings if f.row == 5]
    pilihan = report.by_rule("PILIHAN")[0]
    assert 'maksud Anda "Sedang Berjalan"' in pilihan.message and pilihan.column == "Status"
    assert report.by_rule("WAJIB")[0].message.startswith("PIC wajib diisi")


def test_identitas_rules(tmp_path: Path) -> None:
    ident = dict(IDENT, kode_unit=None, kepala_nip="19640911198903100", tahun="20266", jenis_unit="Kanwill")
    path = build(tmp_path, "rencana-aksi-zi", {"rencana": zi_rows(), "komitmen": komitmen_rows()}, ident=ident)
    report = validate_path(path)
    rules = {f.rule_id for f in report.findings if f.sheet == "Identitas"}
    assert {"IDENTITAS-WAJIB", "IDENTITAS-NIP", "IDENTITAS-TAHUN", "PILIHAN"} <= rules
    nip = report.by_rule("IDENTITAS-NIP")[0]
    assert nip.cell.startswith("B") and "18 angka" in nip.message


def test_nip_stored_as_number_is_reported(tmp_path: Path) -> None:
    schema = get_schema("rencana-aksi-zi")
    row = 3 + [f.key for f in schema.identitas].index("kepala_nip")

    def customize(wb, sheets):  # type: ignore[no-untyped-def]
        sheets["_identitas"].write_number(row, 1, 196409111989031009)

    path = build(tmp_path, "rencana-aksi-zi", {"rencana": zi_rows(), "komitmen": komitmen_rows()},
                 customize=customize)
    nip = validate_path(path).by_rule("IDENTITAS-NIP")
    assert [f.cell for f in nip] == [f"B{row + 1}"] and "sebagai teks" in nip[0].message


def test_structure_hidden_merged_formula(tmp_path: Path) -> None:
    def customize(wb, sheets):  # type: ignore[no-untyped-def]
        wb.add_worksheet("Rahasia").hide()
        wb.add_worksheet("Makro").very_hidden()
        ws = sheets["rencana"]
        ws.merge_range("C5:D5", "gabung", None)
        ws.write_formula("AE6", "=40+10", None, 50)
        ws.write_string(2, 40, "Kolom Tambahan")

    path = build(tmp_path, "rencana-aksi-zi", {"rencana": zi_rows(), "komitmen": komitmen_rows()},
                 customize=customize)
    report = validate_path(path)
    got = keys(report)
    assert {("SHEET-TERSEMBUNYI", "Rahasia", ""), ("SHEET-TERSEMBUNYI", "Makro", ""),
            ("SEL-GABUNG", "Rencana Kerja", "C5"), ("FORMULA", "Rencana Kerja", "AE6"),
            ("KOLOM-TIDAK-DIKENAL", "Rencana Kerja", "AO3")} <= got
    formula = report.by_rule("FORMULA")[0]
    assert formula.value == "=40+10" and formula.severity == "error"
    assert {f.value for f in report.by_rule("SHEET-TERSEMBUNYI")} == {"hidden", "very hidden"}


def test_missing_sheet_and_column(tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Identitas")
    for r, (label, value) in enumerate([("Jenis Workbook", "tindak-lanjut-spi"), ("Versi Skema", "1.0"),
                                        ("Tahun", 2024)]):
        ws.write_string(3 + r, 0, label)
        ws.write(3 + r, 1, value)
    ws = wb.add_worksheet("Lampiran I")
    headers = ["No", "Permasalahan", "Kegiatan", "Tujuan", "Output", "Kriteria dan Ukuran Keberhasilan",
               "Waktu Pelaksanaan"]
    for c, h in enumerate(headers):
        ws.write_string(2, c, h)
    for c, v in enumerate([1, "P", "K", "T", "O", "Kr", "Mei 2024"]):
        ws.write(3, c, v)
    wb.close()
    report = validate_path(path)
    got = keys(report)
    assert ("KOLOM-HILANG", "Lampiran I", "G3") in got  # Penanggung Jawab's place in the template
    assert ("SHEET-HILANG", "Lampiran II", "") in got and ("SHEET-HILANG", "Pemantauan", "") in got
    assert {f.cell for f in report.by_rule("IDENTITAS-WAJIB")} >= {""}


# --- cross rules -----------------------------------------------------------------------

def test_zi_cross_rules(tmp_path: Path) -> None:
    rows = zi_rows()[:5]  # Peningkatan Kualitas Pelayanan Publik missing
    rows[0].update(progres=100, status="Sedang Berjalan")  # row 4
    rows[1].update(status="Selesai", progres=80)  # row 5
    rows[2].update(rencana_m01=False, rencana_m03=True, realisasi_m01=True)  # row 6: realised before plan
    rows[3].update(rencana_m01=False, realisasi_m01=False)  # row 7: no plan month
    rows[4].update(area="Penguatan Akuntabilitas", rencana_m05=True)  # row 8: alias; May late (as of 3 Jul)
    rows.append(zi_row(AREAS[0], 3, "kegiatan utama 0"))  # row 9: duplicate of row 4, number 3 not 2
    komitmen = komitmen_rows()[:5]
    komitmen[1].update(triwulan="TW III", fokus="Evaluasi & Perbaikan")  # no Jul-Sep activity
    komitmen[2].update(fokus="Lain-lain")
    path = build(tmp_path, "rencana-aksi-zi", {"rencana": rows, "komitmen": komitmen})
    got = keys(validate_path(path))
    s, k = "Rencana Kerja", "Matriks Komitmen"
    assert {("ZI-AREA-LENGKAP", s, "A3"), ("ZI-SELESAI-100", s, "AE4"), ("ZI-SELESAI-PROGRES", s, "AE5"),
            ("ZI-REALISASI-SEBELUM-RENCANA", s, "R6"), ("ZI-RENCANA-ADA", s, "C7"), ("ZI-AREA-ALIAS", s, "A8"),
            ("ZI-TERLAMBAT", s, "V8"), ("ZI-DUPLIKAT", s, "C9"), ("ZI-NO-URUT", s, "B9"),
            ("ZI-TW-BULAN", k, "A5"), ("ZI-TW-FOKUS", k, "B6")} <= got


def test_spi_cross_rules(tmp_path: Path) -> None:
    lamp1 = [{"no": i, "permasalahan": f"Masalah {i}", "kegiatan": f"Kegiatan {i}", "tujuan": "T", "output": "O",
              "kriteria": "K", "penanggung_jawab": "Inspektorat", "waktu": "Mei 2024"} for i in (1, 2, 3)]
    lamp1[1]["waktu"] = "segera"
    lamp1[2]["waktu"] = "Juni 2023"
    lamp1.append(dict(lamp1[0], no=4))
    lamp2 = [{"tingkat_risiko": t, "no": 1, "rekomendasi": f"R {t}", "rencana_aksi": "A",
              "area_mcp": "Area Pelayanan Publik", "kriteria": "K", "ukuran": "U"}
             for t in ("Sangat Tinggi", "Sedang", "Tinggi", "Rendah")]
    lamp2[3]["area_mcp"] = None
    pem = [{"no_kegiatan": 9, "tanggal": dt.date(2024, 6, 1), "target": 10, "realisasi": 12, "status": "Selesai"}]
    ident = dict(IDENT, tahun=2024, tanggal_pengisian=dt.date(2024, 7, 1))
    path = build(tmp_path, "tindak-lanjut-spi", {"lampiran1": lamp1, "lampiran2": lamp2, "pemantauan": pem},
                 ident=ident)
    report = validate_path(path)
    got = keys(report)
    assert {("SPI-WAKTU-TERBACA", "Lampiran I", "H5"), ("SPI-WAKTU-TAHUN", "Lampiran I", "H6"),
            ("SPI-DUPLIKAT", "Lampiran I", "C7"), ("SPI-RISIKO-URUT", "Lampiran II", "A6"),
            ("SPI-MCP-ADA", "Lampiran II", "E7"), ("SPI-PEMANTAUAN-RUJUKAN", "Pemantauan", "A4"),
            ("SPI-REALISASI-TARGET", "Pemantauan", "D4")} <= got
    # the specific rule replaces the generic one at the same cell
    assert ("WAJIB", "Lampiran II", "E7") not in got and ("TIPE", "Lampiran I", "H5") not in got


def test_kalender_cross_rules(tmp_path: Path) -> None:
    kal = [{"kelompok": "Internal", "no": 1, "momen": "Apel Pagi", "frekuensi": "Min 1x", "satuan": "Minggu",
            "pic": "Kepala"},
           {"kelompok": "Internal", "no": 2, "momen": "apel  pagi", "frekuensi": "dua kali", "satuan": "Bulan",
            "pic": "Kepala"}]
    tema = [{"kelompok": "Internal", "no_kegiatan": 1, "periode": "TW II", "tema": "Integritas"},
            {"kelompok": "Eksternal", "no_kegiatan": 1, "periode": "Mei", "tema": "X"}]
    real = [{"tanggal": dt.date(2026, 8, 1), "kelompok": "Internal", "no_kegiatan": 1, "bukti": "foto.jpg"},
            {"tanggal": dt.date(2025, 5, 1), "kelompok": "Internal", "no_kegiatan": 7}]
    path = build(tmp_path, "kalender-integritas", {"kalender": kal, "tema": tema, "realisasi": real})
    got = keys(validate_path(path))
    assert {("KAL-DUPLIKAT", "Kalender", "C5"), ("KAL-FREKUENSI", "Kalender", "D5"),
            ("KAL-TEMA-SATUAN", "Materi Tematik", "B4"), ("KAL-TEMA-RUJUKAN", "Materi Tematik", "B5"),
            ("KAL-REALISASI-MASA-DEPAN", "Realisasi", "A4"), ("KAL-REALISASI-TAHUN", "Realisasi", "A5"),
            ("KAL-REALISASI-RUJUKAN", "Realisasi", "C5"), ("KAL-REALISASI-BUKTI", "Realisasi", "G5")} <= got


# --- helpers and report ----------------------------------------------------------------

@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|'x'!A0",
                                  "@SUM(1+1)", " =1+1", "+Sheet1!A1"])
def test_formula_injection_detected(text: str) -> None:
    assert looks_like_formula(text)


@pytest.mark.parametrize("text", ["- Sosialisasi", "-", "+62 812 3456", "Rapat = 2 kali", "@kppn_bdg", "100%", "="])
def test_ordinary_text_is_not_injection(text: str) -> None:
    assert not looks_like_formula(text)


def test_suggestions() -> None:
    areas = get_schema("rencana-aksi-zi").lists["area_perubahan"]
    assert suggest("Penguatan Pengawsan", areas) == "Penguatan Pengawasan"
    assert suggest("manajemen perubahn", areas) == "Manajemen Perubahan"
    assert suggest("sepak bola", areas) is None


def test_report_flatten_json_table() -> None:
    report = Report(path=Path("a.xlsx"), kind="rencana-aksi-zi")
    report.add(Finding("RENTANG", "error", "Rencana Kerja", "AE7", 7, "Progres (%)", 150, "Progres 150 ..."))
    report.add(Finding("ZI-NO-URUT", "warning", "Rencana Kerja", "B4", 4, "No", dt.date(2026, 1, 2), "Nomor ..."))
    report.sort()
    assert report.flatten(["sheet", "cell", "kind"]) == [["Rencana Kerja", "B4", "ZI-NO-URUT"],
                                                        ["Rencana Kerja", "AE7", "RENTANG"]]
    data = json.loads(report.to_json())
    assert data["jumlah_galat"] == 1 and data["temuan"][0]["value"] == "2026-01-02"
    assert not report.ok and len(report.warnings) == 1
    assert "TIDAK LOLOS" in report.summary_line()
    from rich.console import Console
    console = Console(record=True, width=160)
    console.print(report.rich_table())
    assert "AE7" in console.export_text()


def test_validate_data_matches_validate_path(tmp_path: Path) -> None:
    rows = zi_rows()
    rows[0]["pic"] = None
    path = build(tmp_path, "rencana-aksi-zi", {"rencana": rows, "komitmen": komitmen_rows()})
    assert validate_data(open_workbook(path)).flatten() == validate_path(path).flatten()


def test_unreadable_and_wrong_kind(tmp_path: Path) -> None:
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("halo")
    with pytest.raises(UnreadableInputError):
        validate_path(bad)
    path = build(tmp_path, "rencana-aksi-zi", {"rencana": zi_rows(), "komitmen": komitmen_rows()})
    with pytest.raises(WrongKindError):
        validate_path(path, "kalender-integritas")
    broken = tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            if info.filename != "xl/workbook.xml":
                zout.writestr(info, zin.read(info.filename))
    with pytest.raises(UnreadableInputError):
        validate_path(broken)


# --- CLI ---------------------------------------------------------------------------------

def test_cli_exit_codes_and_summary(tmp_path: Path, samples: Path) -> None:
    runner = CliRunner()
    valid = samples / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"
    invalid = samples / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx"
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 bukan zip")
    res = runner.invoke(main, ["validasi", str(valid)])
    assert res.exit_code == 0 and "bersih" in res.output
    res = runner.invoke(main, ["validasi", str(valid), str(invalid)])
    assert res.exit_code == 1 and "TIDAK LOLOS" in res.output and "Ringkasan: 2 file" in res.output
    res = runner.invoke(main, ["validasi", str(bad), str(invalid), str(valid)])
    assert res.exit_code == 3
    assert "TIDAK TERBACA" in res.output and "komdigi-2026-valid.xlsx: bersih" in res.output
    res = runner.invoke(main, ["validasi"])
    assert res.exit_code == 2


def test_cli_json_and_write_back(tmp_path: Path, samples: Path) -> None:
    src = samples / "tindak-lanjut-spi" / "bangka-tengah-2024-invalid.xlsx"
    copy = tmp_path / src.name
    copy.write_bytes(src.read_bytes())
    res = CliRunner().invoke(main, ["validasi", "--json", "--tulis-hasil", str(copy)])
    assert res.exit_code == 1
    payload = json.loads(res.stdout)
    entry = payload["hasil"][0]
    assert payload["kode_keluar"] == 1 and entry["jumlah_galat"] > 0
    assert Path(entry["file_hasil"]).name == "bangka-tengah-2024-invalid.hasil.xlsx"
    assert {t["rule_id"] for t in entry["temuan"]} >= {"SPI-RISIKO-URUT", "KOLOM-HILANG"}
    res = CliRunner().invoke(main, ["validasi", "--tulis-hasil", str(copy)])
    assert res.exit_code == 2 and "sudah ada" in res.output
    res = CliRunner().invoke(main, ["validasi", "--jenis", "kalender-integritas", str(copy)])
    assert res.exit_code == 3
