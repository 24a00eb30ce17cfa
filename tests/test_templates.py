"""Templates generated from the schemas: committed, reproducible, pleasant to fill, open in LibreOffice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.workbook_snapshot import workbook_snapshot
from toolkit.kinds.registry import get_kind
from toolkit.office import convert, pdf_text
from toolkit.schemas import ColumnType, all_schemas
from toolkit.workbook import open_workbook
from toolkit.workbook.template import build_workbook

from .conftest import TEMPLATES_XLSX

SCHEMAS = all_schemas()


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_committed_template_equals_regenerated(kind: str, tmp_path: Path) -> None:
    committed = TEMPLATES_XLSX / f"{kind}.xlsx"
    assert committed.exists(), f"run: python scripts/build_templates.py ({committed} missing)"
    form = get_kind(kind).form
    if form is not None:  # a fixed form (lke-zi): its own builder, every model committed
        for i, model in enumerate(form.models):
            name = f"{kind}.xlsx" if i == 0 else f"{kind}-{model}.xlsx"
            fresh = form.build_template(tmp_path / name, model=model)
            assert workbook_snapshot(fresh) == workbook_snapshot(TEMPLATES_XLSX / name), name
        return
    fresh = build_workbook(SCHEMAS[kind], tmp_path / f"{kind}.xlsx")
    assert workbook_snapshot(fresh) == workbook_snapshot(committed)


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_template_is_what_a_person_expects(kind: str, tmp_path: Path) -> None:
    schema = SCHEMAS[kind]
    path = build_workbook(schema, tmp_path / "t.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["Petunjuk", "Identitas"]
    assert wb.sheetnames[-1] == "Daftar"
    for spec in schema.sheets:
        ws = wb[spec.name]
        header = [ws.cell(spec.header_row, c + 1).value for c in range(len(spec.columns))]
        assert header == [col.header + (" *" if col.required else "") for col in spec.columns]
        assert ws.freeze_panes == f"{chr(65 + spec.freeze_columns)}{spec.first_data_row}"
        assert ws.protection.sheet, "header rows must be protected"
        assert ws.cell(spec.header_row, 1).protection.locked
        dims = list(ws.column_dimensions.values())
        for c in range(1, len(spec.columns) + 1):
            dim = next(d for d in dims if d.min <= c <= d.max)  # consecutive equal columns share one <col>
            assert not wb._protections[dim._style.protectionId].locked, "data cells must be editable"
        assert ws.print_title_rows == f"${spec.header_row}:${spec.header_row}"
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        choice_cols = [c for c in spec.columns if c.list_name and c.type is ColumnType.CHOICE]
        assert len(lists) >= len(choice_cols)
        for dv in lists:
            if dv.formula1 and dv.formula1.startswith("daftar_"):
                assert dv.formula1 in wb.defined_names
    ident = wb["Identitas"]
    labels = {ident.cell(r, 1).value: ident.cell(r, 2) for r in range(1, 40) if ident.cell(r, 1).value}
    assert labels["Jenis Workbook"].value == schema.kind
    assert labels["Versi Skema"].value == schema.version
    assert labels["NIP Kepala Unit *"].number_format == "@", "NIP must be stored as text"


def test_templat_cli_writes_each_kind_and_refuses_overwrite(tmp_path: Path) -> None:
    for kind in SCHEMAS:
        out = tmp_path / f"{kind}.xlsx"
        run = subprocess.run([sys.executable, "-m", "toolkit.cli", "templat", kind, "-o", str(out)],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert open_workbook(out).schema.kind == kind
        again = subprocess.run([sys.executable, "-m", "toolkit.cli", "templat", kind, "-o", str(out)],
                               capture_output=True, text=True)
        assert again.returncode == 2 and "sudah ada" in again.stderr


@pytest.mark.libreoffice
def test_templates_open_in_libreoffice(tmp_path: Path, soffice: str) -> None:
    paths = [TEMPLATES_XLSX / f"{kind}.xlsx" for kind in SCHEMAS]
    pdfs = convert(paths, "pdf", tmp_path)
    for kind, pdf in zip(SCHEMAS, pdfs, strict=True):
        text = pdf_text(pdf)
        assert "PETUNJUK PENGISIAN" in text
        assert SCHEMAS[kind].title.upper() in text
        assert "IDENTITAS UNIT KERJA" in text


def test_dates_show_indonesian_month_names_in_any_office_language(tmp_path: Path, soffice: str) -> None:
    """A plain "d mmmm yyyy" shows "8 July 2026" on an English Excel/LibreOffice; [$-421] fixes the locale."""
    import datetime as dt

    schema = SCHEMAS["kalender-integritas"]
    path = build_workbook(schema, tmp_path / "kal.xlsx",
                          identitas={"nama_unit": "KPPN Pangkalpinang", "tanggal_pengisian": dt.date(2023, 7, 5)},
                          rows={"realisasi": [{"tanggal": dt.date(2023, 8, 17), "kelompok": "Internal",
                                               "no_kegiatan": 1}]})
    wb = load_workbook(path)
    assert wb["Realisasi"]["A4"].number_format.startswith("[$-421]")
    text = pdf_text(convert([path], "pdf", tmp_path)[0])
    assert "17 Agustus 2023" in text and "5 Juli 2023" in text
    assert "August" not in text and "July" not in text
