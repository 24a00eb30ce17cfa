"""Press every button of every .xlsm template in LibreOffice headless, then run what it recorded.

How the press works (``toolkit/excel/uno_press_script.py``, run by ``/usr/bin/python3``
with python UNO): a test copy of the template has xlwings' ``RunPython`` replaced by
a stub that appends its argument to a file, and xlwings' ``Dictionary`` class dropped.
LibreOffice loads the copy with a profile where macro security is low and imported
VBA is executable (plus ``MacroExecutionMode`` ALWAYS_EXECUTE_NO_WARN). Each Excel
form button arrives as a form control on the sheet's draw page; we read its binding
from the form's event attacher and press it through the control's accessibility
action "press" (the path a click takes), so the macro the button is bound to runs.
The test checks the side effect (the recorded command), never a return value; then
it executes that command with ``xlwings.Book.caller`` returning the in-memory book
and checks the workbook changed as the button promises.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import xlwings as xw

from tests.excel_helpers import vml_buttons, zi_rows_from_sample
from tests.support.memory_book import MemoryXwBook
from tests.support.press import press_buttons
from toolkit.excel.adapter import XlwingsBook
from toolkit.excel.build import BuiltTemplate, build_templates, build_xlsm
from toolkit.excel.buttons import BUTTONS
from toolkit.excel.vba import macro_calls, read_project_modules
from toolkit.excel.writeback import RESULTS_SHEET, read_findings
from toolkit.schemas import all_schemas, get_schema
from toolkit.validation import validate_path

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

SCRIPT_URI = "vnd.sun.star.script:VBAProject.Integritas.{macro}?language=Basic&location=document"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[BuiltTemplate]:
    return build_templates(tmp_path_factory.mktemp("xlsm"))


def _expected_commands(xlsm: Path) -> dict[str, str]:
    calls = macro_calls(read_project_modules(xlsm)["Integritas"])
    return {b.caption: calls[b.macro][0] for b in BUTTONS}


def _run_recorded(command: str, fake: MemoryXwBook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: fake))
    exec(compile(command, "<RunPython>", "exec"), {})  # what xlwings' RunPython runs with python -c


@pytest.mark.parametrize("kind", sorted(all_schemas()))
def test_press_every_button_of_each_template(built: list[BuiltTemplate], kind: str, tmp_path: Path,
                                            soffice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    template = next(b for b in built if b.kind == kind)
    result = press_buttons(template.path, template.sheet, tmp_path)
    # LibreOffice compiled the library it needs (xlwings stub + ours), without Dictionary
    assert {"Integritas", "xlwings"} <= set(result.libraries["VBAProject"])
    assert "Dictionary" not in result.libraries["VBAProject"]
    # the buttons LibreOffice sees are the ones in the package XML, bound to the same macros
    xml = vml_buttons(template.path, template.sheet)
    assert [b.label for b in result.buttons] == [x["caption"] for x in xml]
    expected = _expected_commands(template.path)
    by_caption = {b.caption: b for b in BUTTONS}
    for pressed in result.buttons:
        spec = by_caption[pressed.label]
        assert pressed.scripts == (SCRIPT_URI.format(macro=spec.macro),)
        assert pressed.pressed and pressed.error is None
        assert pressed.recorded == (expected[pressed.label],), pressed
    # run each recorded command against a fake Book.caller() of the pressed workbook
    fake = MemoryXwBook(result.copy)
    for pressed in result.buttons:
        before = len(fake.app.alerts)
        _run_recorded(pressed.recorded[0], fake, monkeypatch)
        assert len(fake.app.alerts) == before + 1, pressed.label  # every button answers with one box
    # Validasi on the empty template: the findings sheet equals the library's report
    rows = read_findings(XlwingsBook(fake))
    report = validate_path(result.copy)
    assert [[r["Sheet"], r["Sel"], r["Aturan"]] for r in rows] == report.flatten(["sheet", "cell", "rule_id"])
    assert RESULTS_SHEET in fake.wb.sheetnames


def test_pressed_validasi_on_a_filled_workbook_changes_it(tmp_path: Path, soffice: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.excel.vba import build_vba_project

    vba = build_vba_project(tmp_path / "vbaProject.bin").path
    ident, rows = zi_rows_from_sample()
    rows["rencana"][0]["progres"] = 150
    xlsm = build_xlsm(get_schema("rencana-aksi-zi"), tmp_path / "unit.xlsm", vba, identitas=ident, rows=rows)
    result = press_buttons(xlsm, "Rencana Kerja", tmp_path / "press")
    validasi = next(b for b in result.buttons if b.label == "Validasi")
    fake = MemoryXwBook(result.copy)
    _run_recorded(validasi.recorded[0], fake, monkeypatch)
    found = read_findings(XlwingsBook(fake))
    bad = next(r for r in found if r["Aturan"] == "RENTANG")
    assert fake.wb["Rencana Kerja"][bad["Sel"]].fill.fill_type == "solid"
    assert "galat" in fake.app.alerts[-1].message


def test_dictionary_class_silently_disables_the_library(built: list[BuiltTemplate], tmp_path: Path,
                                                        soffice: str) -> None:
    """The known trap: keep xlwings' Dictionary class and LibreOffice runs nothing, without an error."""
    template = built[0]
    result = press_buttons(template.path, template.sheet, tmp_path, keep_dictionary=True)
    assert "Dictionary" in result.libraries["VBAProject"]
    assert all(b.pressed for b in result.buttons)
    assert all(b.recorded == () for b in result.buttons)
