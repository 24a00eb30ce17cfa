"""``integritas excel bangun/periksa``, and each button against the CLI command that does the same job."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.excel_helpers import REPO, olevba_modules, zi_rows_from_sample
from tests.support.memory_book import MemoryXwBook
from tests.support.office import configure_office, simple_office
from toolkit import excel_entry
from toolkit.cli import main as cli
from toolkit.documents import docx_text
from toolkit.excel.adapter import XlwingsBook
from toolkit.excel.build import build_xlsm
from toolkit.excel.vba import build_vba_project
from toolkit.excel.writeback import CHECKLIST_SHEET, DOCUMENTS_SHEET, read_table
from toolkit.indonesian import format_persen
from toolkit.schemas import all_schemas, get_schema


@pytest.fixture(scope="module")
def vba_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_vba_project(tmp_path_factory.mktemp("vba") / "vbaProject.bin").path


@pytest.fixture()
def unit_book(tmp_path: Path, vba_bin: Path) -> Path:
    ident, rows = zi_rows_from_sample()
    return build_xlsm(get_schema("rencana-aksi-zi"), tmp_path / "unit" / "komdigi-2026.xlsm", vba_bin,
                      identitas=ident, rows=rows)


def test_bangun_writes_every_kind_and_never_overwrites(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["excel", "bangun", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in tmp_path.glob("*.xlsm")) == sorted(all_schemas())
    assert "Integritas" in olevba_modules(tmp_path / "rencana-aksi-zi.xlsm")
    again = runner.invoke(cli, ["excel", "bangun", "-o", str(tmp_path), "--jenis", "rencana-aksi-zi"])
    assert again.exit_code == 2 and "--timpa" in again.output
    forced = runner.invoke(cli, ["excel", "bangun", "-o", str(tmp_path), "--jenis", "rencana-aksi-zi", "--timpa"])
    assert forced.exit_code == 0


@pytest.fixture()
def no_user_xlwings_conf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """xlwings' user file (~/.xlwings/xlwings.conf) is read from a test folder, never HOME."""
    import xlwings

    path = tmp_path / "home-xlwings" / "xlwings.conf"
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(path))
    return path


def test_periksa_reports_ready_on_this_machine(unit_book: Path, no_user_xlwings_conf: Path) -> None:
    """The interpreter the workbook's xlwings.conf names is this test's own Python (never PATH's)."""
    (unit_book.parent / "xlwings.conf").write_text(f'"INTERPRETER","{sys.executable}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["excel", "periksa", str(unit_book)])
    assert result.exit_code == 0, result.output
    assert "[OK] VBA: komdigi-2026.xlsm mengharapkan xlwings 0.37.8" in result.output
    assert f"[OK] Interpreter: {sys.executable} mengimpor toolkit" in result.output
    assert "Siap dipakai." in result.output


def test_periksa_without_conf_probes_python_on_path(unit_book: Path, no_user_xlwings_conf: Path,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No Interpreter set: RunPython starts `python` from PATH, so that is what periksa tries.

    PATH holds only a folder whose `python` is this test's interpreter, and then one without it.
    """
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "python"  # a launcher, not a symlink: a symlinked venv python loses its venv
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    ready = CliRunner().invoke(cli, ["excel", "periksa", str(unit_book)])
    assert ready.exit_code == 0, ready.output
    assert "Interpreter belum diatur" in ready.output and "[OK] Interpreter: python mengimpor toolkit" in ready.output
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))
    missing = CliRunner().invoke(cli, ["excel", "periksa", str(unit_book)])
    assert missing.exit_code == 1
    assert "[MASALAH] Interpreter: python tidak dapat dijalankan" in missing.output


def test_periksa_finds_a_version_mismatch_and_a_bad_interpreter(unit_book: Path, no_user_xlwings_conf: Path) -> None:
    from pyopenvba import ExcelFile

    old = unit_book.with_name("lama.xlsm")
    shutil.copyfile(unit_book, old)
    with ExcelFile(old) as wb:
        source = wb.get_module("xlwings").replace('XLWINGS_VERSION As String = "0.37.8"',
                                                  'XLWINGS_VERSION As String = "0.30.0"')
        wb.set_module("xlwings", source)
        wb.save()
    (old.parent / "xlwings.conf").write_text('"INTERPRETER_WIN","/tidak/ada/python"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["excel", "periksa", str(old)])
    assert result.exit_code == 1
    assert "[MASALAH] VBA: lama.xlsm mengharapkan xlwings 0.30.0, terpasang 0.37.8" in result.output
    assert "[OK] xlwings.conf: Interpreter = /tidak/ada/python (dari folder workbook" in result.output
    assert "[MASALAH] Interpreter: /tidak/ada/python tidak dapat dijalankan" in result.output


def test_checklist_button_equals_cli_checklist(unit_book: Path) -> None:
    evidence = unit_book.parent / "Bukti"
    shutil.copytree(REPO / "samples" / "bukti" / "komdigi-2026", evidence)
    result = CliRunner().invoke(cli, ["checklist", str(unit_book), "--bukti", str(evidence), "--json",
                                      "-o", str(unit_book.parent / "cli.checklist.xlsm")])
    assert result.exit_code in (0, 1), result.output
    cli_items = {i["id"]: i["status"] for i in json.loads(result.stdout)["kebutuhan"]}
    fake = MemoryXwBook(unit_book)
    outcome = excel_entry.run("checklist-bukti", XlwingsBook(fake))
    assert outcome.details["evidence_dir"] == evidence
    sheet = read_table(XlwingsBook(fake), CHECKLIST_SHEET, "No")
    assert {r["ID"]: r["Status"] for r in sheet} == cli_items
    assert len(sheet) == len(cli_items) > 0
    assert format_persen(outcome.details['checklist'].completeness()) in fake.app.alerts[-1].message  # "89,1 %"


def test_document_buttons_equal_cli_documents(unit_book: Path) -> None:
    folder = unit_book.parent
    data = yaml.safe_load((REPO / "samples" / "surat" / "laporan-monev-komdigi-2026.yaml").read_text("utf-8"))
    del data["nomor"]  # numbers from the office's register: every press and the CLI get their own
    configure_office(folder / "kantor", simple_office("ZI"))
    data["nota_dinas"] = {"nomor": "ND-12/ZI/2026", "yth": ["Kepala Pusat Pengembangan Aparatur"],
                          "dari": "Ketua Tim Kerja Zona Integritas", "hal": "Progres Rencana Kerja ZI"}
    (folder / "naskah.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    fake = MemoryXwBook(unit_book)
    book = XlwingsBook(fake)
    laporan = excel_entry.run("laporan", book)
    assert laporan.ok, laporan.message
    nota = excel_entry.run("nota-dinas", book)
    assert nota.ok, nota.message
    # the same Laporan with the CLI
    cli_data = {k: v for k, v in data.items() if k != "nota_dinas"}
    (folder / "cli.yaml").write_text(yaml.safe_dump(cli_data, allow_unicode=True), encoding="utf-8")
    out = folder / "cli-laporan.docx"
    result = CliRunner().invoke(cli, ["surat", "laporan", "-w", str(unit_book), "-d", str(folder / "cli.yaml"),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    first, cli_number = laporan.details["document"].nomor, result.output.split("nomor ")[1].split(" ")[0]
    assert first != cli_number
    assert docx_text(laporan.details["document"].path).replace(first, "N") == docx_text(out).replace(cli_number, "N")
    # Nota Dinas: the letter data from naskah.yaml, the body from the workbook
    text = docx_text(nota.details["document"].path)
    assert "ND-12/ZI/2026" in text and "Progres Rencana Kerja ZI" in text
    assert "Pusat Pengembangan Aparatur" in text and "galat" in text
    # both recorded in the Dokumen sheet, newest first; nothing overwritten on a second press
    docs = read_table(book, DOCUMENTS_SHEET, "Naskah")
    assert [d["Naskah"] for d in docs] == ["Nota Dinas", "Laporan Monev"]
    again = excel_entry.run("laporan", book)
    assert again.details["document"].path != laporan.details["document"].path
    assert laporan.details["document"].path.exists()
