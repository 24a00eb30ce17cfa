"""``integritas surat``: single letters, Lampiran from the SPI workbook, mail merge, laporan, daftar."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
import xlsxwriter
import yaml
from click.testing import CliRunner

from tests._documents_data import SAMPLES_SURAT, SPI_SAMPLE, small_nota_dinas
from tests.support.office import configure_office, simple_office
from toolkit.cli import main
from toolkit.documents import docx_text
from toolkit.documents.office_register import open_office_register
from toolkit.schemas import get_schema
from toolkit.workbook.template import build_workbook

ND_YAML = SAMPLES_SURAT / "nota-dinas-nd-1182-pb1-2023.yaml"
SURAT_YAML = SAMPLES_SURAT / "surat-dinas-700-40-itdakab-2024.yaml"
LAPORAN_YAML = SAMPLES_SURAT / "laporan-monev-komdigi-2026.yaml"


@pytest.fixture(autouse=True)
def _office(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The seed letters' own office (DJPb, code PB.1): every numbered letter needs a configured office."""
    configure_office(tmp_path_factory.mktemp("kantor"), simple_office("PB.1"))


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_nota_dinas_from_yaml_with_number_from_register(tmp_path: Path) -> None:
    data = small_nota_dinas()
    del data["nomor"]
    src = tmp_path / "nd.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out = _run("surat", "format-nomor", "nota-dinas", "ND-{urut}/PB.1/{tahun}", "--terakhir", "1181",
                     "--tahun", "2023")
    assert code == 0, out
    code, out = _run("surat", "nota-dinas", "-d", str(src), "-o", str(tmp_path / "a.docx"),
                     "--set", "hal=Undangan Rapat Koordinasi", "--tembusan", "Direktur Jenderal Perbendaharaan")
    assert code == 0, out
    assert "ND-1182/PB.1/2023" in out
    text = docx_text(tmp_path / "a.docx")
    assert "Undangan Rapat Koordinasi" in text and "NOMOR ND-1182/PB.1/2023" in text
    # the output exists now: no silent overwrite
    code, out = _run("surat", "nota-dinas", "-d", str(src), "-o", str(tmp_path / "a.docx"))
    assert code == 2 and "--timpa" in out
    # daftar lists and exports to xlsx
    xlsx = tmp_path / "register.xlsx"
    code, out = _run("surat", "daftar", "--xlsx", str(xlsx))
    assert code == 0 and "ND-1182/PB.1/2023" in out and "1 nomor." in out
    assert "Nomor" in out and "Tanggal" in out and "6 April 2023" in out  # a header row, Indonesian dates
    ws = openpyxl.load_workbook(xlsx).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert rows[0][:2] == ("Nomor", "Jenis Naskah")
    assert rows[1][0] == "ND-1182/PB.1/2023" and rows[1][5] == "Undangan Rapat Koordinasi"
    assert rows[1][4].date() == dt.date(2023, 4, 6) and rows[1][7] == "terbit" and len(rows[1][11]) == 64


def test_surat_dinas_with_both_lampiran_from_spi_workbook(tmp_path: Path) -> None:
    out_path = tmp_path / "surat.docx"
    code, out = _run("surat", "surat-dinas", "-d", str(SURAT_YAML), "--lampiran-spi", str(SPI_SAMPLE),
                     "-o", str(out_path))
    assert code == 0, out
    text = docx_text(out_path)
    assert "Lampiran I\t: Surat Sekretaris Daerah Kabupaten Bangka Tengah" in text
    assert "Lampiran II\t: Surat Sekretaris Daerah Kabupaten Bangka Tengah" in text
    assert "RENCANA AKSI TINDAK LANJUT HASIL SURVEI PENILAIAN INTEGRITAS TAHUN 2023" in text
    assert "MATRIKS RENCANA AKSI TINDAKLANJUT SPI TAHUN 2023" in text
    d = docx.Document(str(out_path))
    assert len(d.sections) == 2 and d.sections[1].page_width > d.sections[1].page_height
    lampiran2 = next(t for t in d.tables if "REKOMENDASI" in t.rows[0].cells[-1]._tc.getparent().getparent().xml
                     and len(t.columns) > 2)
    groups = [r.cells[1].text for r in lampiran2.rows if r.cells[0].text in ("A", "B", "C", "D")]
    assert groups == ["Risiko Sangat Tinggi", "Risiko Tinggi", "Risiko Sedang", "Risiko Rendah"]
    assert "Area Pengawasan APIP\nArea Penganggaran\nArea Pengadaan Barang dan Jasa" in text


def test_unknown_variable_exit_code_and_message(tmp_path: Path) -> None:
    code, out = _run("surat", "nota-dinas", "-d", str(ND_YAML), "--set", "perihal=Rapat", "-o",
                     str(tmp_path / "x.docx"))
    assert code == 2
    assert "isian 'perihal' tidak dikenal; mungkin maksudnya 'hal'?" in out and not (tmp_path / "x.docx").exists()


def _merge_workbook(path: Path, rows: list[list[str]]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    wb.close()


def test_mail_merge_one_letter_per_row_with_distinct_numbers(tmp_path: Path) -> None:
    base = small_nota_dinas(hal="Kekurangan data dukung {{ nama_unit }}")
    del base["nomor"]
    src = tmp_path / "bersama.yaml"
    src.write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
    book = tmp_path / "unit.xlsx"
    _merge_workbook(book, [
        ["Nama Unit", "yth", "nama_file"],
        ["KPPN Bandung I", "Kepala KPPN Bandung I", "kppn-bandung-1"],
        ["KPPN Bogor", "Kepala KPPN Bogor", "kppn-bogor"],
        ["Kanwil DJPb Jawa Barat", "Kepala Kanwil DJPb Jawa Barat", "kanwil-jabar"],
    ])
    outdir = tmp_path / "keluar"
    code, out = _run("surat", "nota-dinas", "-d", str(src), "--massal", str(book), "-o", str(outdir))
    assert code == 0, out
    assert "3 naskah ditulis" in out
    text = docx_text(outdir / "kppn-bogor.docx")
    assert "Kekurangan data dukung KPPN Bogor" in text and "Kepala KPPN Bogor" in text
    with open_office_register() as r:
        numbers = [i.nomor for i in r.rows()]
        assert numbers == ["ND-1/PB.1/2023", "ND-2/PB.1/2023", "ND-3/PB.1/2023"]
        assert {Path(i.file).name for i in r.rows()} == {"kppn-bandung-1.docx", "kppn-bogor.docx",
                                                        "kanwil-jabar.docx"}
    # an unknown column stops the batch before anything is written
    bad = tmp_path / "salah.xlsx"
    _merge_workbook(bad, [["nama_unit", "perihal"], ["KPPN Bogor", "x"]])
    code, out = _run("surat", "nota-dinas", "-d", str(src), "--massal", str(bad), "-o", str(tmp_path / "keluar2"))
    assert code == 2 and "perihal" in out
    assert not (tmp_path / "keluar2").exists() or not any((tmp_path / "keluar2").iterdir())


def _rencana_workbook(path: Path) -> None:
    base = {"output": "Laporan kegiatan", "pic": "Annisa", "status": "Selesai", "progres": 100,
            "bukti": "laporan.pdf"}
    rows = [
        {**base, "area": "Manajemen Perubahan", "no": 1, "kegiatan": "Penguatan komitmen bersama",
         "rencana_m01": "v", "realisasi_m01": "v"},
        {**base, "area": "Penguatan Pengawasan", "no": 1, "kegiatan": "Sosialisasi pengendalian gratifikasi",
         "rencana_m03": "v", "status": "Sedang Berjalan", "progres": 20, "bukti": None, "pic": "Irene Septine"},
        {**base, "area": "Penguatan Pengawasan", "no": 2, "kegiatan": "Laporan WBS triwulan III",
         "rencana_m09": "v", "status": "Belum Dimulai", "progres": 0, "bukti": None, "pic": "Irene Septine"},
    ]
    build_workbook(get_schema("rencana-aksi-zi"), path, identitas={
        "nama_unit": "Pusat Pengembangan Aparatur Komdigi", "kode_unit": "PUSBANG", "jenis_unit": "Pusat",
        "tahun": 2026, "periode": "TW II", "tanggal_pengisian": dt.date(2026, 7, 3), "kepala_nama": "Noor Iza",
        "kepala_nip": "197105121998031003"}, rows={"rencana": rows})


def test_laporan_monev_with_chart_and_overdue_activities(tmp_path: Path) -> None:
    book = tmp_path / "rencana.xlsx"
    _rencana_workbook(book)
    out_path = tmp_path / "laporan.docx"
    code, out = _run("surat", "laporan", "-d", str(LAPORAN_YAML), "-w", str(book), "-o", str(out_path))
    assert code == 0, out
    text = docx_text(out_path)
    assert "Triwulan II Tahun 2026" in text and "sampai 30 Juni 2026" in text
    d = docx.Document(str(out_path))
    overdue = d.tables[-2]  # the last table holds the closing and the signature
    assert overdue.rows[0].cells[1].text == "Kegiatan"
    assert [r.cells[1].text for r in overdue.rows[1:]] == ["Sosialisasi pengendalian gratifikasi"]
    assert overdue.rows[1].cells[4].text == "Mar"  # September is after the quarter: not yet overdue
    per_area = d.tables[0]
    assert [c.text for c in per_area.rows[2].cells] == ["2", "Penguatan Pengawasan", "2", "0", "1", "1", "1", "10"]
    # the chart replaced the template's placeholder picture
    import zipfile

    with zipfile.ZipFile(out_path) as z, zipfile.ZipFile(Path(__file__).resolve().parent.parent / "templates" / "docx" / "laporan-monev.docx") as t:
        assert z.read("word/media/image1.png") != t.read("word/media/image1.png")
        assert z.read("word/media/image1.png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_variabel_lists_template_fields() -> None:
    code, out = _run("surat", "variabel", "surat-dinas")
    assert code == 0
    assert "* tanggal" in out and "lampiran1 [tiap baris:" in out and "waktu" in out


def test_register_export_never_overwrites_without_timpa(tmp_path: Path) -> None:
    """Review finding: `surat daftar --xlsx` silently replaced any existing file (a unit's workbook)."""
    import hashlib

    with open_office_register() as register:
        register.allocate("nota-dinas", hal="Uji", tujuan="Unit")
    victim = tmp_path / "workbook-unit.xlsx"
    victim.write_bytes(b"milik unit")
    before = hashlib.sha256(victim.read_bytes()).hexdigest()
    run = subprocess.run([sys.executable, "-m", "toolkit", "surat", "daftar", "--xlsx", str(victim)], capture_output=True, text=True)
    assert run.returncode == 2 and "sudah ada" in run.stderr
    assert hashlib.sha256(victim.read_bytes()).hexdigest() == before
    again = subprocess.run([sys.executable, "-m", "toolkit", "surat", "daftar", "--xlsx", str(victim), "--timpa"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert victim.read_bytes()[:2] == b"PK"
