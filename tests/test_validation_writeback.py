"""Writing findings back (``--tulis-hasil``) keeps everything else in the workbook.

The fixture is a real macro workbook built with XlsxWriter: a VBA project (taken
from xlwings' quickstart.xlsm), a form button (VML), dropdown lists (data
validation), conditional formatting, an image, defined names and a comment of the
unit's own. After ``write_results_copy`` every original part that was not patched
is byte-identical, the patched parts still hold what they held, and Excel's
readers (openpyxl, LibreOffice) open the copy with the findings in it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from tests.validation_helpers import to_strict_ooxml
from toolkit.errors import UnsafeWriteError, UsageError
from toolkit.office import convert, pdf_text
from toolkit.schemas import get_schema
from toolkit.validation import validate_path, write_results_copy
from toolkit.validation.results import HEADER_ROW, HEADERS
from toolkit.workbook.template import build_workbook

PATCHABLE = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}


def _vba_project(tmp: Path) -> Path:
    spec = importlib.util.find_spec("xlwings")
    assert spec and spec.origin
    quickstart = Path(spec.origin).parent / "quickstart.xlsm"
    out = tmp / "vbaProject.bin"
    out.write_bytes(zipfile.ZipFile(quickstart).read("xl/vbaProject.bin"))
    return out


@pytest.fixture()
def macro_workbook(tmp_path: Path) -> Path:
    image = tmp_path / "logo.png"
    Image.new("RGB", (24, 24), (200, 30, 30)).save(image)

    def customize(wb, sheets):  # type: ignore[no-untyped-def]
        ws = sheets["kalender"]
        ws.insert_button("L4", {"macro": "Validasi", "caption": "Validasi", "width": 120, "height": 30})
        ws.conditional_format("D4:D300", {"type": "cell", "criteria": "==", "value": '"Min 2x"',
                                          "format": wb.add_format({"bold": True})})
        ws.insert_image("L10", str(image))
        ws.write_comment("M2", "catatan unit sendiri")
        wb.define_name("KegiatanUnit", "=Kalender!$C$4:$C$300")

    schema = get_schema("kalender-integritas")
    path = tmp_path / "kppn-uji.xlsm"
    build_workbook(
        schema, path,
        identitas={"nama_unit": "KPPN Uji", "kode_unit": "K01", "jenis_unit": "KPPN", "tahun": 2024,
                   "periode": "TW I", "tanggal_pengisian": dt.date(2024, 3, 28), "kepala_nama": "Budi",
                   "kepala_nip": "196409111989031009"},
        rows={"kalender": [
            {"kelompok": "Internal", "no": 1, "momen": "Apel Pagi", "frekuensi": "Min 1x", "satuan": "Minggu",
             "pic": "Kepala KPPN"},
            {"kelompok": "Internal", "no": 2, "momen": '=HYPERLINK("http://contoh.invalid","klik")',
             "frekuensi": "sekali", "satuan": "Mingu", "pic": None},
            {"kelompok": "Internal", "no": 3, "momen": "Pembinaan Mental", "frekuensi": "Min 1x",
             "satuan": "Bulan", "pic": "Kepala KPPN"},
        ]},
        customize=customize, vba_project=_vba_project(tmp_path))
    return path


def _sheet_part(zf: zipfile.ZipFile, name: str) -> str:
    from toolkit.workbook.xmlscan import sheet_parts
    return next(p.path for p in sheet_parts(zf) if p.name == name)


def _section(xml: str, tag: str) -> str:
    m = re.search(rf"<{tag}\b.*?</{tag}>", xml, re.S)
    assert m, tag
    return m.group(0)


def test_everything_else_survives(macro_workbook: Path) -> None:
    original_bytes = macro_workbook.read_bytes()
    report = validate_path(macro_workbook)
    assert {(f.rule_id, f.cell) for f in report.findings} >= {
        ("INJEKSI-FORMULA", "C5"), ("KAL-FREKUENSI", "D5"), ("PILIHAN", "E5"), ("WAJIB", "F5")}
    out = write_results_copy(macro_workbook, report)
    assert out.name == "kppn-uji.hasil.xlsm"
    assert macro_workbook.read_bytes() == original_bytes  # the input is untouched

    src, dst = zipfile.ZipFile(macro_workbook), zipfile.ZipFile(out)
    kal = _sheet_part(src, "Kalender")
    vml = "xl/drawings/vmlDrawing1.vml"
    comments = "xl/comments1.xml"
    allowed = PATCHABLE | {kal, vml, comments, "xl/worksheets/_rels/sheet3.xml.rels"}
    assert set(src.namelist()) <= set(dst.namelist())
    changed = {n for n in src.namelist() if src.read(n) != dst.read(n)}
    assert changed <= allowed, changed - allowed
    # the VBA project, the image and its drawing are byte-identical
    for name in ("xl/vbaProject.bin", "xl/media/image1.png", "xl/drawings/drawing1.xml"):
        assert src.read(name) == dst.read(name), name
    # the button is still in the VML drawing, with its macro; the unit's own note too
    new_vml = dst.read(vml).decode()
    assert 'ObjectType="Button"' in new_vml and "[0]!Validasi" in new_vml
    assert src.read(vml).decode().rstrip().removesuffix("</xml>") in new_vml
    # dropdowns, conditional formatting and defined names unchanged
    old_sheet, new_sheet = src.read(kal).decode(), dst.read(kal).decode()
    for tag in ("dataValidations", "conditionalFormatting", "drawing", "legacyDrawing"):
        if tag == "legacyDrawing":
            assert re.findall(r"<legacyDrawing\b[^>]*/>", old_sheet) == re.findall(r"<legacyDrawing\b[^>]*/>", new_sheet)
        elif tag == "drawing":
            assert re.findall(r"<drawing\b[^>]*/>", old_sheet) == re.findall(r"<drawing\b[^>]*/>", new_sheet)
        else:
            assert _section(old_sheet, tag) == _section(new_sheet, tag)
    assert _section(src.read("xl/workbook.xml").decode(), "definedNames") == \
        _section(dst.read("xl/workbook.xml").decode(), "definedNames")
    # styles: existing formats unchanged, new ones appended
    old_styles, new_styles = src.read("xl/styles.xml").decode(), dst.read("xl/styles.xml").decode()
    old_xfs = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", _section(old_styles, "cellXfs"), re.S)
    new_xfs = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", _section(new_styles, "cellXfs"), re.S)
    assert new_xfs[:len(old_xfs)] == old_xfs and len(new_xfs) > len(old_xfs)

    # what a reader sees
    wb = openpyxl.load_workbook(out, keep_vba=True)
    assert wb.sheetnames[-1] == "Hasil Validasi"
    assert "KegiatanUnit" in wb.defined_names
    ws = wb["Kalender"]
    assert ws["M2"].comment.text == "catatan unit sendiri"
    assert ws.data_validations.dataValidation, "dropdown hilang"
    assert ws.conditional_formatting, "format bersyarat hilang"
    for cell in ("C5", "D5", "E5", "F5"):
        assert ws[cell].fill.fgColor.rgb == "FFFFC7CE", cell
        assert ws[cell].comment is not None and "Integritas toolkit" in ws[cell].comment.text
    assert ws["C5"].value == '=HYPERLINK("http://contoh.invalid","klik")' and ws["C5"].data_type == "s"
    assert ws["C4"].fill.fgColor.rgb != "FFFFC7CE"
    hasil = wb["Hasil Validasi"]
    assert [c.value for c in hasil[4]] == list(HEADERS)  # the same table as the Validasi button's
    assert str(hasil["A1"].value).startswith("HASIL VALIDASI") and "TIDAK LOLOS" in str(hasil["A2"].value)
    rows = list(hasil.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(report.findings)
    assert [[r[2], r[3], r[6]] for r in rows] == report.flatten(["sheet", "cell", "rule_id"])
    link = hasil["D5"].hyperlink
    assert link is not None and link.location == f"'{report.findings[0].sheet}'!{report.findings[0].cell}"
    # the formula-looking text stays text in the Hasil sheet too
    values = [c.value for row in hasil.iter_rows() for c in row]
    injected = [c for row in hasil.iter_rows() for c in row if c.value == '=HYPERLINK("http://contoh.invalid","klik")']
    assert injected and all(c.data_type == "s" for c in injected) and values


def test_libreoffice_opens_the_copy(macro_workbook: Path, tmp_path: Path, soffice: str) -> None:
    out = write_results_copy(macro_workbook, validate_path(macro_workbook))
    pdf = convert([out], "pdf", tmp_path / "pdf")[0]
    text = pdf_text(pdf)
    assert "KAL-FREKUENSI" in text and "Apel Pagi" in text


def test_validating_the_copy_reports_the_same_findings(macro_workbook: Path) -> None:
    report = validate_path(macro_workbook)
    again = validate_path(write_results_copy(macro_workbook, report))
    assert again.flatten(["sheet", "cell", "rule_id"]) == report.flatten(["sheet", "cell", "rule_id"])


def test_never_overwrites(macro_workbook: Path, tmp_path: Path) -> None:
    report = validate_path(macro_workbook)
    first = write_results_copy(macro_workbook, report)
    stamp = first.read_bytes()
    with pytest.raises(UsageError, match="sudah ada"):
        write_results_copy(macro_workbook, report)
    assert first.read_bytes() == stamp
    with pytest.raises(UnsafeWriteError, match="tidak boleh sama"):
        write_results_copy(macro_workbook, report, macro_workbook)
    with pytest.raises(UsageError, match="ekstensi"):
        write_results_copy(macro_workbook, report, tmp_path / "x.xlsx")
    assert write_results_copy(macro_workbook, report, overwrite=True) == first


def test_xlsx_sample_without_drawings(tmp_path: Path, samples: Path) -> None:
    src = samples / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx"
    copy = tmp_path / src.name
    copy.write_bytes(src.read_bytes())
    report = validate_path(copy)
    out = write_results_copy(copy, report)
    assert out.suffix == ".xlsx"
    wb = openpyxl.load_workbook(out)
    ws = wb["Rencana Kerja"]
    assert ws["E18"].fill.fgColor.rgb == "FFFFC7CE" and "WAJIB" in ws["E18"].comment.text
    assert wb["Hasil Validasi"].max_row == len(report.findings) + HEADER_ROW
    for f in report.findings:
        if f.cell and f.severity == "warning" and f.sheet in wb.sheetnames:
            assert wb[f.sheet][f.cell].fill.fgColor.rgb in ("FFFFEB9C", "FFFFC7CE")


def test_refuses_strict_ooxml(tmp_path: Path, macro_workbook: Path) -> None:
    strict = tmp_path / "strict.xlsm"
    to_strict_ooxml(macro_workbook, strict)
    report = validate_path(macro_workbook)
    with pytest.raises(UnsafeWriteError, match="Strict"):
        write_results_copy(strict, report)
    assert not (tmp_path / "strict.hasil.xlsm").exists()


def test_piped_output_is_one_line_per_finding(samples: Path) -> None:
    """Not a terminal (less, a file, a CI log): every finding on its own unbroken line, not an 80-column table."""
    from click.testing import CliRunner

    from toolkit.cli import main

    src = samples / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx"
    report = validate_path(src)
    res = CliRunner().invoke(main, ["validasi", str(src), "--semua"])
    assert res.exit_code == 1
    lines = [ln for ln in res.output.splitlines() if ln.startswith((f"{src.name}: galat ", f"{src.name}: peringatan "))]
    assert len(lines) == len(report.findings)
    for f, line in zip(report.findings, lines, strict=True):
        assert f"{f.sheet}!{f.cell}" in line and f"{f.rule_id}: {' '.join(f.message.split())}" in line
    assert "┃" not in res.output and "│" not in res.output
