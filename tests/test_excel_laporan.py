"""Button "Buat Laporan" for kalender-integritas and tindak-lanjut-spi (and the LKE section of the monev):
against the in-memory book, and the same document as ``integritas surat laporan``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tests._laporan_data import KALENDER, REPO, SPI, YAML, lke_with_gaps
from tests.excel_helpers import zi_rows_from_sample
from tests.support.memory_book import MemoryXwBook
from tests.support.office import configure_office, extra_register, simple_office
from toolkit import excel_entry
from toolkit.cli import main as cli
from toolkit.documents import docx_text
from toolkit.documents.office_register import open_office_register
from toolkit.excel.adapter import XlwingsBook
from toolkit.excel.build import build_xlsm
from toolkit.excel.vba import build_vba_project
from toolkit.excel.writeback import DOCUMENTS_SHEET, read_table
from toolkit.schemas import get_schema
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import records_as_dicts


@pytest.fixture(autouse=True)
def _office(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Buttons number from the office's register, set up once (issue 16)."""
    configure_office(tmp_path_factory.mktemp("kantor"), simple_office("ITDAKAB"))


@pytest.fixture(scope="module")
def vba_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_vba_project(tmp_path_factory.mktemp("vba") / "vbaProject.bin").path


def _rows(sample: Path) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    data = open_workbook(sample)
    rows = {spec.key: records_as_dicts(data, spec.key) for spec in data.schema.sheets if spec.key in data.sheets}
    return {k: v for k, v in data.identitas.values.items() if v is not None}, rows


def _book(tmp_path: Path, vba_bin: Path, sample: Path, kind: str, name: str) -> Path:
    ident, rows = _rows(sample)
    return build_xlsm(get_schema(kind), tmp_path / "unit" / name, vba_bin, identitas=ident, rows=rows)


def _press_and_compare(book_path: Path, letter: str, title: str) -> str:
    folder = book_path.parent
    data = yaml.safe_load(YAML[letter].read_text(encoding="utf-8"))
    (folder / "naskah.yaml").write_text(yaml.safe_dump({"laporan": data}, allow_unicode=True), encoding="utf-8")
    fake = MemoryXwBook(book_path)
    book = XlwingsBook(fake)
    outcome = excel_entry.run("laporan", book)
    assert outcome.ok, outcome.message
    issued = outcome.details["document"]
    assert issued.path.parent == folder and issued.nomor == data["nomor"]
    assert fake.app.alerts[-1].mode == "info" and title in fake.app.alerts[-1].message
    docs = read_table(book, DOCUMENTS_SHEET, "Naskah")
    assert [d["Naskah"] for d in docs] == [title]
    # the CLI on the same workbook and letter data gives the same document
    out = folder / "cli.docx"
    # (its own register: the sample's typed number is already in the office's register after the press)
    result = CliRunner().invoke(cli, ["surat", "laporan", "-w", str(book_path), "-d", str(YAML[letter]),
                                      "-o", str(out), "--register", extra_register(folder / "lain.sqlite")])
    assert result.exit_code == 0, result.output
    assert docx_text(issued.path) == docx_text(out)
    return docx_text(issued.path)


def test_buat_laporan_on_kalender_gives_the_kepatuhan_report(tmp_path: Path, vba_bin: Path) -> None:
    book = _book(tmp_path, vba_bin, KALENDER, "kalender-integritas", "kppn-2023.xlsm")
    text = _press_and_compare(book, "kepatuhan", "Laporan Kepatuhan")
    assert "LAPORAN KEPATUHAN" in text and "Triwulan II Tahun 2023" in text


def test_buat_laporan_on_spi_gives_the_progress_report(tmp_path: Path, vba_bin: Path) -> None:
    book = _book(tmp_path, vba_bin, SPI, "tindak-lanjut-spi", "bangka-tengah-2024.xlsm")
    text = _press_and_compare(book, "spi", "Laporan Progres SPI")
    assert "LAPORAN PROGRES TINDAK LANJUT" in text and "Keadaan per 10 Juli 2024" in text


def test_buat_laporan_reads_unsaved_edits(tmp_path: Path, vba_bin: Path) -> None:
    book_path = _book(tmp_path, vba_bin, SPI, "tindak-lanjut-spi", "spi-edit.xlsm")
    data = yaml.safe_load(YAML["spi"].read_text(encoding="utf-8"))
    data.pop("nomor")
    (book_path.parent / "naskah.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    fake = MemoryXwBook(book_path)
    spec = get_schema("tindak-lanjut-spi").sheet("pemantauan")
    ws = fake.wb[spec.name]
    ws.protection.sheet = False
    nilai = spec.column_keys().index("nilai") + 1
    status = spec.column_keys().index("status") + 1
    no = spec.column_keys().index("no_kegiatan") + 1
    row = next(r for r in range(spec.first_data_row, ws.max_row + 1) if ws.cell(r, no).value == 4)
    ws.cell(row, nilai).value = 100
    ws.cell(row, status).value = "Selesai"
    before = book_path.read_bytes()
    outcome = excel_entry.run("laporan", XlwingsBook(fake))
    assert outcome.ok, outcome.message
    assert book_path.read_bytes() == before
    assert not (book_path.parent / "register-nomor.sqlite").exists()  # never a register beside the book
    with open_office_register() as register:  # the number went through the office's register
        assert [r.nomor for r in register.rows()] == [outcome.details["document"].nomor]
    text = docx_text(outcome.details["document"].path)
    assert "nomor 4 (33%)" not in text  # action 4 now reported done in the unsaved state


def test_buat_laporan_on_a_kind_without_report_says_so(tmp_path: Path, vba_bin: Path) -> None:
    book = _book(tmp_path, vba_bin, REPO / "samples" / "bos-transaksi" / "sdn1-mataram-2025-valid.xlsx",
                 "bos-transaksi", "bos.xlsm")
    data = yaml.safe_load(YAML["spi"].read_text(encoding="utf-8"))
    (book.parent / "naskah.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    fake = MemoryXwBook(book)
    outcome = excel_entry.run("laporan", XlwingsBook(fake))
    assert outcome.ok is False
    alert = fake.app.alerts[-1]
    assert alert.mode == "critical" and "belum tersedia untuk workbook berjenis 'bos-transaksi'; tersedia untuk: rencana-aksi-zi" in alert.message
    assert "Traceback" not in alert.message and not list(book.parent.glob("*.docx"))


def test_buat_laporan_monev_with_the_lke_beside_the_workbook(tmp_path: Path, vba_bin: Path) -> None:
    ident, rows = zi_rows_from_sample()
    book = build_xlsm(get_schema("rencana-aksi-zi"), tmp_path / "unit" / "komdigi-2026.xlsm", vba_bin,
                      identitas=ident, rows=rows)
    data = yaml.safe_load(YAML["monev"].read_text(encoding="utf-8"))
    (book.parent / "naskah.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    lke = lke_with_gaps(book.parent / "komdigi-2026.lke.xlsx")
    fake = MemoryXwBook(book)
    outcome = excel_entry.run("laporan", XlwingsBook(fake))
    assert outcome.ok, outcome.message
    text = docx_text(outcome.details["document"].path)
    assert "Penilaian LKE ZI" in text and "WBK: BELUM TERCAPAI" in text
    out = book.parent / "cli.docx"
    result = CliRunner().invoke(cli, ["surat", "laporan", "-w", str(book), "-d", str(YAML["monev"]), "--lke",
                                      str(lke), "-o", str(out), "--register",
                                      extra_register(book.parent / "lain.sqlite")])
    assert result.exit_code == 0, result.output
    assert docx_text(out) == text
