"""Structure of the macro-enabled templates: buttons, macros, RunPython actions, the VBA project inside.

Checked with real readers: the package XML (VML buttons), oletools' olevba (modules and
their source), openpyxl (cells under the buttons), and xlwings' own CLI.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings

from tests.excel_helpers import olevba_modules, vml_buttons
from toolkit import excel_entry
from toolkit.excel.build import BuiltTemplate, build_templates
from toolkit.excel.buttons import BAR_ROW, BUTTONS, CHAR_PX, column_px, main_sheet
from toolkit.excel.vba import (
    VBA_DIR,
    build_vba_project,
    command_action,
    macro_calls,
    our_modules,
    pinned_xlwings_version,
    vba_version,
    xlwings_standalone_workbook,
)
from toolkit.schemas import all_schemas

EXPECTED_MODULES = {"ThisWorkbook", "Sheet1", "Sheet2", "xlwings", "Dictionary", "Integritas"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[BuiltTemplate]:
    return build_templates(tmp_path_factory.mktemp("xlsm"))


def _bas_source() -> str:
    return (VBA_DIR / "Integritas.bas").read_text(encoding="utf-8")


def test_every_kind_has_a_macro_template(built: list[BuiltTemplate]) -> None:
    assert sorted(b.kind for b in built) == sorted(all_schemas())
    for b in built:
        assert b.path.suffix == ".xlsm"
        with zipfile.ZipFile(b.path) as z:
            names = z.namelist()
            types = z.read("[Content_Types].xml").decode()
        assert "xl/vbaProject.bin" in names
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types


def test_every_button_macro_exists_and_calls_a_registered_action() -> None:
    calls = macro_calls(_bas_source())
    assert set(calls) == {b.macro for b in BUTTONS}
    for b in BUTTONS:
        assert len(calls[b.macro]) == 1, b.macro
        action = command_action(calls[b.macro][0])
        assert action == b.action
        assert action in excel_entry.ACTIONS, f"{b.macro} calls unregistered action {action!r}"
    # and no registered action is unreachable from a button
    assert set(excel_entry.ACTIONS) == {b.action for b in BUTTONS}


def test_runpython_command_is_valid_python_that_imports_the_entry_module() -> None:
    for commands in macro_calls(_bas_source()).values():
        compile(commands[0], "<RunPython>", "exec")
        assert commands[0].startswith("import toolkit.excel_entry as ie;")


def test_buttons_on_main_sheet_are_bound_to_the_macros(built: list[BuiltTemplate]) -> None:
    schemas = all_schemas()
    for b in built:
        spec = main_sheet(schemas[b.kind])
        found = vml_buttons(b.path, spec.name)
        assert [(x["caption"], x["macro"]) for x in found] == [(s.caption, f"[0]!{s.macro}") for s in BUTTONS]
        # the other sheets carry no buttons
        wb = openpyxl.load_workbook(b.path)
        for name in wb.sheetnames:
            if name != spec.name:
                assert vml_buttons(b.path, name) == [], (b.kind, name)


def test_button_bar_sits_above_the_header_right_of_the_text(built: list[BuiltTemplate]) -> None:
    schemas = all_schemas()
    for b in built:
        spec = main_sheet(schemas[b.kind])
        wb = openpyxl.load_workbook(b.path)
        ws = wb[spec.name]
        guidance = str(ws.cell(BAR_ROW + 1, 1).value)
        text_end = len(guidance) * CHAR_PX
        for button in vml_buttons(b.path, spec.name):
            left_col, left_off, top_row, _top_off, right_col, _r_off, bottom_row, _b_off = button["anchor"]
            assert top_row == bottom_row == BAR_ROW < spec.header_row - 1, (b.kind, button)
            x = sum(column_px(spec.columns[c].width) for c in range(left_col)) + left_off
            assert x >= text_end, (b.kind, button["caption"], x, text_end)
            for c in range(left_col, right_col + 1):
                assert ws.cell(BAR_ROW + 1, c + 1).value is None
        # the header and the first data row are untouched
        assert ws.cell(spec.header_row, 1).value.startswith(spec.columns[0].header)
        assert ws.row_dimensions[BAR_ROW + 1].height == 30


def test_project_inside_the_xlsm_is_the_one_built(built: list[BuiltTemplate], tmp_path: Path) -> None:
    info = build_vba_project(tmp_path / "vbaProject.bin")
    built_bin = info.path.read_bytes()
    ours = {m.name: m.source.replace("\r\n", "\n") for m in our_modules()}
    xlwings_modules = olevba_modules(xlwings_standalone_workbook())
    for b in built:
        with zipfile.ZipFile(b.path) as z:
            assert z.read("xl/vbaProject.bin") == built_bin, b.kind
        modules = olevba_modules(b.path)
        assert set(modules) == EXPECTED_MODULES
        assert modules["xlwings"] == xlwings_modules["xlwings"]
        assert modules["Dictionary"] == xlwings_modules["Dictionary"]
        assert modules["Integritas"].strip() == ours["Integritas"].strip()
        assert "Module1" not in modules  # the quickstart sample macro is gone


def test_vba_expects_the_pinned_xlwings_version(built: list[BuiltTemplate]) -> None:
    pinned = pinned_xlwings_version()
    assert pinned == xlwings.__version__ == "0.37.8"
    for b in built:
        source = olevba_modules(b.path)["xlwings"]
        assert vba_version(source) == pinned
        assert f'xlwings64-{pinned}.dll' in source  # the DLL RunPython loads matches too


def test_xlwings_quickstart_standalone_gives_the_project_we_start_from(tmp_path: Path) -> None:
    """The fact we rely on: ``xlwings quickstart NAME --standalone`` works on Linux and embeds RunPython."""
    exe = Path(sys.executable).with_name("xlwings")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from xlwings.cli import main; main()"]
    proc = subprocess.run([*cmd, "quickstart", "probe", "--standalone"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    made = tmp_path / "probe" / "probe.xlsm"
    with zipfile.ZipFile(made) as a, zipfile.ZipFile(xlwings_standalone_workbook()) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")
    modules = olevba_modules(made)
    assert "Function RunPython(" in modules["xlwings"]


def test_build_is_reproducible_by_content(built: list[BuiltTemplate], tmp_path: Path) -> None:
    again = build_templates(tmp_path, [built[0].kind])[0]
    with zipfile.ZipFile(built[0].path) as a, zipfile.ZipFile(again.path) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
