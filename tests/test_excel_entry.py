"""The button entry points against the in-memory book (no Excel): their logic, and the CLI's result.

The in-memory book (``tests.support.memory_book``) keeps Excel's rules that matter here:
a protected sheet refuses a colour change, and "=..." becomes a formula unless the
cell is formatted as text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from tests.excel_helpers import zi_rows_from_sample
from tests.support.memory_book import MemoryXwBook, memory_book
from toolkit import excel_entry
from toolkit.cli import main as cli
from toolkit.excel.adapter import XlwingsBook
from toolkit.excel.build import build_xlsm
from toolkit.excel.vba import build_vba_project
from toolkit.excel.writeback import ERROR_FILL, RESULTS_SHEET, WARNING_FILL, read_findings
from toolkit.schemas import get_schema
from toolkit.validation import validate_path

INJECTION = '=HYPERLINK("http://contoh.invalid","klik")'


@pytest.fixture(scope="module")
def vba_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_vba_project(tmp_path_factory.mktemp("vba") / "vbaProject.bin").path


def _faulty_rows() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    ident, rows = zi_rows_from_sample()
    rencana = rows["rencana"]
    rencana[0]["progres"] = 150  # RENTANG
    rencana[1]["pic"] = None  # WAJIB
    rencana[2]["keterangan"] = INJECTION  # INJEKSI-FORMULA
    return ident, rows


@pytest.fixture()
def faulty_xlsm(tmp_path: Path, vba_bin: Path) -> Path:
    ident, rows = _faulty_rows()
    return build_xlsm(get_schema("rencana-aksi-zi"), tmp_path / "unit" / "rencana-2026.xlsm", vba_bin,
                      identitas=ident, rows=rows)


@pytest.fixture()
def valid_xlsm(tmp_path: Path, vba_bin: Path) -> Path:
    ident, rows = zi_rows_from_sample()
    return build_xlsm(get_schema("rencana-aksi-zi"), tmp_path / "unit" / "rencana-valid.xlsm", vba_bin,
                      identitas=ident, rows=rows)


def _fake(path: Path) -> tuple[MemoryXwBook, XlwingsBook]:
    fake = MemoryXwBook(path)
    return fake, XlwingsBook(fake)


def test_validasi_writes_findings_sheet_and_colours_cells(faulty_xlsm: Path) -> None:
    fake, book = _fake(faulty_xlsm)
    outcome = excel_entry.run("validasi", book)
    report = validate_path(faulty_xlsm)
    assert not report.ok and outcome.ok is False
    rows = read_findings(book)
    assert [[r["Sheet"], r["Sel"], r["Aturan"]] for r in rows] == report.flatten(["sheet", "cell", "rule_id"])
    rules = {r["Aturan"] for r in rows}
    assert {"RENTANG", "WAJIB", "INJEKSI-FORMULA"} <= rules
    # one summary box, not an error box
    assert len(fake.app.alerts) == 1 and fake.app.alerts[0].mode == "info"
    assert f"{len(report.errors)} galat" in fake.app.alerts[0].message
    ws = fake.wb["Rencana Kerja"]
    for f in report.findings:
        if f.sheet == "Rencana Kerja" and f.cell:
            want = ERROR_FILL if any(g.severity == "error" and g.cell == f.cell for g in report.findings
                                     if g.sheet == f.sheet) else WARNING_FILL
            assert ws[f.cell].fill.fgColor.rgb[-6:] == want[1:], f
    # the sheet is still protected afterwards, with the same permissions
    assert ws.protection.sheet and not ws.protection.formatColumns and ws.protection.formatCells
    # the formula-like text from the unit stays text in the results sheet
    res = fake.wb[RESULTS_SHEET]
    values = [c for row in res.iter_rows() for c in row if c.value == INJECTION]
    assert values and all(c.data_type == "s" for c in values)
    assert fake.wb.active.title == RESULTS_SHEET


def test_validasi_again_after_a_fix_restores_the_cell(faulty_xlsm: Path) -> None:
    fake, book = _fake(faulty_xlsm)
    excel_entry.run("validasi", book)
    report = validate_path(faulty_xlsm)
    bad = next(f for f in report.findings if f.rule_id == "RENTANG")
    ws = fake.wb["Rencana Kerja"]
    assert ws[bad.cell].fill.fill_type == "solid"
    ws.protection.sheet = False
    ws[bad.cell].value = 100
    ws.protection.sheet = True
    outcome = excel_entry.run("validasi", book)
    assert ws[bad.cell].fill.fill_type is None  # colour put back (the template cell had none)
    assert "RENTANG" not in {r["Aturan"] for r in read_findings(book)}
    assert fake.wb.sheetnames.count(RESULTS_SHEET) == 1
    assert outcome.details["report"].counts()["RENTANG"] == 0


def test_validasi_reads_unsaved_state_not_the_file(valid_xlsm: Path) -> None:
    fake, book = _fake(valid_xlsm)
    before = valid_xlsm.read_bytes()
    ws = fake.wb["Rencana Kerja"]
    ws.protection.sheet = False
    spec = get_schema("rencana-aksi-zi").sheet("rencana")
    col = spec.column_keys().index("progres") + 1
    ws.cell(spec.first_data_row, col).value = 250  # first activity's progress, edited but not saved
    assert ws.cell(spec.header_row, col).value.startswith("Progres")
    excel_entry.run("validasi", book)
    assert "RENTANG" in {r["Aturan"] for r in read_findings(book)}
    assert valid_xlsm.read_bytes() == before  # the user's file on disk is untouched


def test_button_gives_the_same_findings_as_the_cli(faulty_xlsm: Path) -> None:
    result = CliRunner().invoke(cli, ["validasi", str(faulty_xlsm), "--json"])
    assert result.exit_code == 1, result.output
    cli_findings = json.loads(result.stdout)["hasil"][0]["temuan"]
    fake, book = _fake(faulty_xlsm)
    excel_entry.run("validasi", book)
    sheet = read_findings(book)
    assert len(sheet) == len(cli_findings)
    for row, f in zip(sheet, cli_findings, strict=True):
        assert (row["Sheet"], row["Sel"], row["Aturan"], row["Pesan"]) == \
               (f["sheet"], f["cell"], f["rule_id"], f["message"])
        assert row["Tingkat"] == {"error": "galat", "warning": "peringatan"}[f["severity"]]


def test_errors_become_a_friendly_box_never_a_traceback(valid_xlsm: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, book = _fake(valid_xlsm)
    # a library error (no evidence folder beside the workbook)
    outcome = excel_entry.run("checklist-bukti", book)
    assert outcome.ok is False
    alert = fake.app.alerts[-1]
    assert alert.mode == "critical" and "folder bukti tidak ditemukan" in alert.message
    assert "Traceback" not in alert.message
    # an internal failure
    def boom(_book: Any) -> Any:
        raise RuntimeError("rusak")
    monkeypatch.setitem(excel_entry.ACTIONS, "validasi", boom)
    outcome = excel_entry.run("validasi", book)
    alert = fake.app.alerts[-1]
    assert outcome.ok is False and alert.mode == "critical"
    assert "galat internal" in alert.message and "RuntimeError: rusak" in alert.message
    assert "Traceback" not in alert.message and excel_entry.LOG_NAME in alert.message
    # an action the toolkit does not know (template newer than the toolkit)
    excel_entry.run("tidak-ada", book)
    assert "tidak dikenal" in fake.app.alerts[-1].message
    # a book never saved has no folder
    fake.fullname = "Book1"
    excel_entry.run("checklist-bukti", book)
    assert "simpan workbook" in fake.app.alerts[-1].message


def test_run_without_excel_reports_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    outcome = excel_entry.run("validasi")  # xw.Book.caller() fails outside Excel
    assert outcome.ok is False
    assert "Workbook pemanggil tidak ditemukan" in capsys.readouterr().err


def test_bantuan_lists_every_button(valid_xlsm: Path) -> None:
    fake, book = _fake(valid_xlsm)
    outcome = excel_entry.run("bantuan", book)
    assert outcome.ok
    text = fake.app.alerts[-1].message
    for caption in ("Validasi", "Isi Checklist Bukti", "Buat Nota Dinas", "Buat Laporan", "Bantuan"):
        assert f"• {caption}:" in text
    assert "xlwings 0.37.8" in text


def test_memory_book_round_trip_keeps_vba(faulty_xlsm: Path, tmp_path: Path) -> None:
    book = memory_book(faulty_xlsm)
    excel_entry.run("validasi", book)
    out = tmp_path / "disimpan.xlsm"
    book.book.save(out)
    wb = openpyxl.load_workbook(out)
    assert RESULTS_SHEET in wb.sheetnames
    from tests.excel_helpers import olevba_modules
    assert "Integritas" in olevba_modules(out)
    shutil.rmtree(tmp_path / "unit", ignore_errors=True)
