"""Every capability writes its results to a copy that keeps the unit's workbook whole (DESIGN principle 4).

Part 1 runs each copy-writer (validation, evidence checklist, scoring, inspectorate)
on a real macro workbook: the repo's VBA project (``integritas excel bangun``'s
``build_vba_project``), the button bar of ``toolkit.excel.buttons``, the schema's
dropdown lists, plus a conditional format, a defined name and an image of the unit's
own. After the copy: the input's sha256 is unchanged, ``xl/vbaProject.bin``, the image
and every part that was not patched are byte-identical, the buttons (caption and macro)
are the same, dropdowns / conditional formats / merged cells / defined names are the same
XML, and openpyxl and LibreOffice (PDF) open the copy and show the new sheet's text.

Part 2 covers the API of ``toolkit.workbook.safe_copy`` itself: rows, header style,
widths, internal and relative links, an image and a native chart, marks, the active tab,
and every refusal (Strict Open XML, encrypted, sheet-name clash, destination exists,
destination is the input, other extension, bad sheet name).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PIL import Image

from tests.excel_helpers import vml_buttons
from tests.validation_helpers import to_strict_ooxml
from toolkit.errors import UnreadableInputError, UnsafeWriteError, UsageError
from toolkit.excel.buttons import add_button_bar, buttons_for, main_sheet
from toolkit.excel.vba import build_vba_project
from toolkit.office import convert, pdf_text
from toolkit.schemas import get_schema
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import records_as_dicts
from toolkit.workbook.safe_copy import Link, Mark, NewSheet, sheet_names, write_safe_copy
from toolkit.workbook.template import build_workbook

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
PATCHABLE = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}
KEPT_SECTIONS = ("dataValidations", "conditionalFormatting", "mergeCells", "cols", "sheetProtection")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def vba_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_vba_project(tmp_path_factory.mktemp("vba") / "vbaProject.bin").path


def _macro_book(kind: str, sample: Path, dest: Path, vba: Path,
                mutate: Callable[[dict[str, list[dict[str, Any]]]], None] | None = None) -> Path:
    """Rebuild a committed sample as a real .xlsm: VBA, buttons, dropdowns, a conditional format,
    a defined name and an image of the unit's own."""
    schema = get_schema(kind)
    data = open_workbook(sample)
    rows = {spec.key: records_as_dicts(data, spec.key) for spec in schema.sheets if spec.key in data.sheets}
    if mutate:
        mutate(rows)
    ident = {k: v for k, v in data.identitas.values.items() if v is not None}
    spec = main_sheet(schema)
    logo = dest.parent / "logo.png"
    Image.new("RGB", (24, 24), (30, 90, 200)).save(logo)

    def customize(wb: Any, sheets: dict[str, Any]) -> None:
        ws = sheets[spec.key]
        add_button_bar(wb, ws, spec, buttons_for(schema))
        ws.conditional_format("B5:B400", {"type": "cell", "criteria": "==", "value": '"X"',
                                          "format": wb.add_format({"bold": True})})
        ws.insert_image("AA2", str(logo))
        wb.define_name("DataUnit", f"='{spec.name}'!$B$5:$B$400")

    return build_workbook(schema, dest, identitas=ident, rows=rows, customize=customize, vba_project=vba)


# --- the four copy-writers -------------------------------------------------------------------

def _validation(tmp: Path, vba: Path) -> tuple[Path, Path, list[str], str]:
    from toolkit.validation import validate_path, write_results_copy

    def spoil(rows: dict[str, list[dict[str, Any]]]) -> None:
        rows["kalender"][0]["pic"] = None
        rows["kalender"][1]["frekuensi"] = "sekali"

    src = _macro_book("kalender-integritas", SAMPLES / "kalender-integritas" / "kppn-2023-valid.xlsx",
                      tmp / "kppn.xlsm", vba, spoil)
    report = validate_path(src)
    assert report.findings
    return src, write_results_copy(src, report), ["Hasil Validasi"], "WAJIB"


def _evidence(tmp: Path, vba: Path) -> tuple[Path, Path, list[str], str]:
    from toolkit.evidence import build_checklist, write_checklist_copy

    src = _macro_book("rencana-aksi-zi", SAMPLES / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx",
                      tmp / "komdigi.xlsm", vba)
    checklist = build_checklist(src, SAMPLES / "bukti" / "komdigi-2026")
    out = write_checklist_copy(src, checklist)
    return src, out, ["Checklist Bukti", "Kelengkapan", "File Lain"], "CHECKLIST BUKTI"


def _scoring(tmp: Path, vba: Path) -> tuple[Path, Path, list[str], str]:
    from toolkit.scoring.compliance import calendar_compliance
    from toolkit.scoring.output import compliance_rows, write_result_copy

    src = _macro_book("kalender-integritas", SAMPLES / "kalender-integritas" / "kppn-2023-valid.xlsx",
                      tmp / "kppn.xlsm", vba)
    result = calendar_compliance(open_workbook(src), dt.date(2023, 6, 30))
    out = write_result_copy(src, compliance_rows(result), sheet="Hasil Kepatuhan")
    return src, out, ["Hasil Kepatuhan"], "KEPATUHAN KEGIATAN PENGUATAN INTEGRITAS"


def _inspectorate(tmp: Path, vba: Path) -> tuple[Path, Path, list[str], str]:
    from toolkit.inspectorate import inspect_path, write_inspection_copy

    src = _macro_book("register-risiko", SAMPLES / "register-risiko" / "dikbud-ntb-2025-valid.xlsx",
                      tmp / "risiko.xlsm", vba)
    out = write_inspection_copy(src, inspect_path(src))
    return src, out, ["Hasil Risiko", "Peta Risiko", "Temuan Inspektorat"], "PETA RISIKO"


WRITERS = {"validasi": _validation, "checklist": _evidence, "nilai": _scoring, "inspektorat": _inspectorate}


def _section(xml: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*?(?:/>|>.*?</{tag}>)", xml, re.S)


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    from toolkit.workbook.safe_copy import _sheet_parts

    return {p.name: p.path for p in _sheet_parts(zf)}


@pytest.mark.slow
@pytest.mark.parametrize("capability", sorted(WRITERS))
def test_copy_keeps_the_macro_workbook_whole(capability: str, tmp_path: Path, vba_bin: Path, soffice: str) -> None:
    src, out, new_sheets, text = WRITERS[capability](tmp_path, vba_bin)
    digest = _sha(src)
    # the writer ran inside WRITERS[...]; the input is still byte-identical to what was built
    assert out != src and out.suffix == ".xlsm" and out.exists()
    src_zip, out_zip = zipfile.ZipFile(src), zipfile.ZipFile(out)
    assert _sha(src) == digest
    assert set(src_zip.namelist()) <= set(out_zip.namelist())
    # macros, image and its drawing: the same bytes
    assert src_zip.read("xl/vbaProject.bin") == out_zip.read("xl/vbaProject.bin")
    for name in src_zip.namelist():
        if name.startswith(("xl/media/", "xl/drawings/drawing", "xl/theme/", "docProps/")) or name.endswith(".bin"):
            assert src_zip.read(name) == out_zip.read(name), name
    # every part that is not a patch point is byte-identical
    sheets_src = _sheet_paths(src_zip)
    patch_points = PATCHABLE | set(sheets_src.values())
    changed = {n for n in src_zip.namelist() if src_zip.read(n) != out_zip.read(n)}
    unexpected = {n for n in changed - patch_points
                  if not re.match(r"xl/(drawings/vmlDrawing\d+\.vml|comments\d+\.xml|worksheets/_rels/.*\.rels)$", n)}
    assert not unexpected, unexpected
    # the buttons: same captions, macros and anchors
    schema_sheet = next(name for name in sheets_src if vml_buttons(src, name))
    assert vml_buttons(out, schema_sheet) == vml_buttons(src, schema_sheet)
    assert len(vml_buttons(src, schema_sheet)) >= 2
    # dropdowns, conditional formats, merges, columns and protection of every original sheet
    validations = 0
    for name, part in sheets_src.items():
        old, new = src_zip.read(part).decode(), out_zip.read(_sheet_paths(out_zip)[name]).decode()
        for tag in KEPT_SECTIONS:
            assert _section(old, tag) == _section(new, tag), (name, tag)
        validations += len(_section(old, "dataValidation"))
        old_legacy = re.findall(r"<legacyDrawing\b[^>]*/>", old)
        if old_legacy:
            assert old_legacy == re.findall(r"<legacyDrawing\b[^>]*/>", new), name
        assert re.findall(r"<drawing\b[^>]*/>", old) == re.findall(r"<drawing\b[^>]*/>", new), name
    assert validations > 0 and _section(src_zip.read(sheets_src[schema_sheet]).decode(), "conditionalFormatting")
    wb_old, wb_new = src_zip.read("xl/workbook.xml").decode(), out_zip.read("xl/workbook.xml").decode()
    assert _section(wb_old, "definedNames") == _section(wb_new, "definedNames")
    assert "DataUnit" in wb_old
    # existing cell formats keep their indexes
    xfs = [_section(_section(z.read("xl/styles.xml").decode(), "cellXfs")[0], "xf") for z in (src_zip, out_zip)]
    assert xfs[1][:len(xfs[0])] == xfs[0]
    # at most one selected tab (several would group the sheets in Excel)
    selected = [n for n, p in _sheet_paths(out_zip).items()
                if re.search(r'<sheetView\b[^>]*tabSelected="1"', out_zip.read(p).decode()[:20000])]
    assert len(selected) <= 1, selected
    # readers: openpyxl and LibreOffice
    wb = openpyxl.load_workbook(out, keep_vba=True)
    assert wb.sheetnames == sheet_names(src) + new_sheets
    assert "DataUnit" in wb.defined_names
    assert any(text in str(c.value) for name in new_sheets for row in wb[name].iter_rows() for c in row)
    pdf = convert([out], "pdf", tmp_path / "pdf")[0]
    shown = pdf_text(pdf)
    assert text in shown, text
    assert openpyxl.load_workbook(src, keep_vba=True).sheetnames == sheet_names(src)


# --- the API ----------------------------------------------------------------------------------

@pytest.fixture()
def plain_book(tmp_path: Path) -> Path:
    src = tmp_path / "unit.xlsx"
    src.write_bytes((SAMPLES / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx").read_bytes())
    return src


def test_new_sheet_rows_styles_links_image_chart_and_marks(plain_book: Path, tmp_path: Path, soffice: str) -> None:
    png = tmp_path / "grafik.png"
    Image.new("RGB", (40, 20), (200, 30, 30)).save(png)
    (tmp_path / "bukti").mkdir()
    (tmp_path / "bukti" / "SK Tim #1.pdf").write_bytes(b"%PDF-1.4\n")

    def chart(wb: Any, ws: Any) -> None:
        c = wb.add_chart({"type": "column"})
        c.add_series({"name": "Nilai", "categories": [ws.name, 1, 0, 2, 0], "values": [ws.name, 1, 1, 2, 1]})
        ws.insert_chart("F2", c)

    sheet = NewSheet("Ringkasan Uji", rows=[
        ["Butir", "Nilai", "Tautan"],
        ["Apel", 12.5, Link("ke sel E18", "#'Rencana Kerja'!E18")],
        ['=HYPERLINK("http://x","klik")', 3, Link("SK Tim #1.pdf", "bukti/SK Tim #1.pdf")],
        ["Tanggal", dt.date(2023, 4, 6), True],
    ], header_rows={0}, widths=[30, 12, 24], freeze="A2", images=[("F20", png)], draw=chart)
    before = _sha(plain_book)
    out = write_safe_copy(plain_book, tmp_path / "unit.uji.xlsx", [sheet],
                          [Mark("Rencana Kerja", "E18", "error", "WAJIB: isi PIC"),
                           Mark("Rencana Kerja", "E19", "warning", "cek lagi"),
                           Mark("Tidak Ada", "A1", "error", "diabaikan")], activate="Ringkasan Uji")
    assert _sha(plain_book) == before
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "Ringkasan Uji" and wb.active.title == "Ringkasan Uji"
    ws = wb["Ringkasan Uji"]
    assert [c.value for c in ws[1]] == ["Butir", "Nilai", "Tautan"] and ws["A1"].font.b
    assert ws["A1"].fill.fgColor.rgb == "FF1F4E78"
    assert ws["B2"].value == 12.5 and ws["B4"].value == dt.datetime(2023, 4, 6) and ws["C4"].value is True
    assert "[$-421]" in ws["B4"].number_format
    assert ws["A3"].value == '=HYPERLINK("http://x","klik")' and ws["A3"].data_type == "s"
    assert ws["C2"].hyperlink.location == "'Rencana Kerja'!E18"
    target = ws["C3"].hyperlink.target
    assert "\\" not in target and target.startswith("bukti/")
    from urllib.parse import unquote
    assert (out.parent / unquote(target)).exists()
    assert ws.column_dimensions["A"].width == pytest.approx(30, abs=1) and ws.freeze_panes == "A2"
    assert len(ws._images) == 1 and len(ws._charts) == 1
    rk = wb["Rencana Kerja"]
    assert rk["E18"].fill.fgColor.rgb == "FFFFC7CE" and "WAJIB: isi PIC" in rk["E18"].comment.text
    assert rk["E19"].fill.fgColor.rgb == "FFFFEB9C"
    with zipfile.ZipFile(out) as z:
        selected = [p for p in z.namelist() if p.startswith("xl/worksheets/sheet")
                    and 'tabSelected="1"' in z.read(p).decode()]
        assert len(selected) == 1
        assert re.search(r'activeTab="5"', z.read("xl/workbook.xml").decode())
    text = pdf_text(convert([out], "pdf", tmp_path / "pdf")[0])
    assert "Apel" in text and "SK Tim #1.pdf" in text


def test_sheet_name_clash_refused_or_renamed(plain_book: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="sudah punya sheet 'Identitas'"):
        write_safe_copy(plain_book, tmp_path / "a.xlsx", [NewSheet("identitas", rows=[["x"]])])
    assert not (tmp_path / "a.xlsx").exists()
    out = write_safe_copy(plain_book, tmp_path / "b.xlsx", [NewSheet("Identitas", rows=[["x"]])], on_clash="rename")
    assert openpyxl.load_workbook(out).sheetnames[-1] == "Identitas (2)"
    with pytest.raises(UsageError, match="tidak sah"):
        write_safe_copy(plain_book, tmp_path / "c.xlsx", [NewSheet("Hasil/Uji", rows=[["x"]])])
    with pytest.raises(UsageError, match="tidak sah"):
        write_safe_copy(plain_book, tmp_path / "c.xlsx", [NewSheet("H" * 32, rows=[["x"]])])


def test_destination_rules(plain_book: Path, tmp_path: Path) -> None:
    dest = tmp_path / "unit.hasil.xlsx"
    first = write_safe_copy(plain_book, dest, [NewSheet("Hasil", rows=[["satu"]])])
    stamp = first.read_bytes()
    with pytest.raises(UsageError, match="sudah ada; pakai --timpa"):
        write_safe_copy(plain_book, dest, [NewSheet("Hasil", rows=[["dua"]])])
    assert dest.read_bytes() == stamp
    write_safe_copy(plain_book, dest, [NewSheet("Hasil", rows=[["dua"]])], overwrite=True)
    assert openpyxl.load_workbook(dest)["Hasil"]["A1"].value == "dua"
    with pytest.raises(UnsafeWriteError, match="tidak boleh sama"):
        write_safe_copy(plain_book, plain_book, [NewSheet("Hasil")], overwrite=True)
    with pytest.raises(UsageError, match="ekstensi .xlsx"):
        write_safe_copy(plain_book, tmp_path / "x.xlsm", [NewSheet("Hasil")])
    assert not list(tmp_path.glob("*.tmp"))


def test_refuses_strict_ooxml_and_encrypted(plain_book: Path, tmp_path: Path) -> None:
    strict = tmp_path / "strict.xlsx"
    to_strict_ooxml(plain_book, strict)
    with pytest.raises(UnsafeWriteError, match="Strict Open XML"):
        write_safe_copy(strict, tmp_path / "strict.hasil.xlsx", [NewSheet("Hasil", rows=[["x"]])])
    assert not (tmp_path / "strict.hasil.xlsx").exists()
    encrypted = tmp_path / "rahasia.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(UnreadableInputError, match="kata sandi"):
        write_safe_copy(encrypted, tmp_path / "rahasia.hasil.xlsx", [NewSheet("Hasil", rows=[["x"]])])
    assert not (tmp_path / "rahasia.hasil.xlsx").exists()


def test_formulas_of_the_official_lke_survive(tmp_path: Path) -> None:
    src = tmp_path / "lke.xlsx"
    src.write_bytes((SAMPLES / "lke" / "lke-zi-permenpanrb-90-2021.xlsx").read_bytes())
    out = write_safe_copy(src, tmp_path / "lke.uji.xlsx", [NewSheet("Catatan", rows=[["catatan"]])],
                          [Mark("LKE ZI", "K10", "warning", "periksa")])
    old, new = openpyxl.load_workbook(src), openpyxl.load_workbook(out)
    assert new["LKE ZI"]["L208"].value == old["LKE ZI"]["L208"].value == "=SUM(L198,L206)"
    formulas_old = [c.coordinate for row in old["LKE ZI"].iter_rows() for c in row if c.data_type == "f"]
    formulas_new = [c.coordinate for row in new["LKE ZI"].iter_rows() for c in row if c.data_type == "f"]
    assert formulas_old == formulas_new and len(formulas_old) > 100
