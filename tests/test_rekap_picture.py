"""REKAP.xlsx as a head of office reads it, at 10, 200 and 1,000 units (issue 18, "Done means").

The three workbooks are written from ``tests/support/rekap_picture.py`` (the real writer,
units built in memory) and rendered to PDF by LibreOffice once for the module. Checked:
no drawing overlaps another (anchors in the drawing XML), every chart has a title and a
legend and both are printed, the first page answers "how are we doing, who is behind,
who has not sent", every sheet prints on A4 landscape one page wide with its header row
repeated, and header columns are wide enough to wrap at word boundaries only.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from tests.support.rekap_picture import synthetic_result, synthetic_trend
from toolkit.office import convert, pdf_text
from toolkit.rekap.figures import overview
from toolkit.rekap.writer import write_rekap
from toolkit.rekap.xlsxstyle import header_width

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

SIZES = (10, 200, 1000)
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CHART_TITLES = ("Sebaran nilai unit", "Status kiriman", "nilai terendah", "nilai tertinggi",
                "Rata-rata progres per area (%)", "Tren nilai per periode (semua unit)")
LEGENDS = ("Jumlah unit", "Nilai", "Rata-rata (%)", "Rata-rata", "Terendah", "Tertinggi")


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("gambaran")
    out = {}
    for n in SIZES:
        result = synthetic_result(n, root / f"spill-{n}")
        path = write_rekap(result, root / f"REKAP-{n}.xlsx", trend=synthetic_trend(result))
        out[n] = (result, path)
    return out


@pytest.fixture(scope="module")
def pdfs(picture, soffice: str, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = [picture[n][1] for n in SIZES]
    made = convert(files, "pdf", tmp_path_factory.mktemp("gambaran-pdf"))
    return dict(zip(SIZES, made, strict=True))


def _anchors(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(col, row, col, row) of every anchored drawing, with the offsets folded in as fractions."""
    root = ET.fromstring(xml)
    boxes = []
    for anchor in root.findall(f"{XDR}twoCellAnchor"):
        f, t = anchor.find(f"{XDR}from"), anchor.find(f"{XDR}to")
        assert f is not None and t is not None

        def pos(el: ET.Element, tag: str, off: str, unit: int) -> int:
            return int(el.findtext(f"{XDR}{tag}") or 0) * 1000 + int(el.findtext(f"{XDR}{off}") or 0) * 1000 // unit

        boxes.append((pos(f, "col", "colOff", 609600), pos(f, "row", "rowOff", 190500),
                      pos(t, "col", "colOff", 609600), pos(t, "row", "rowOff", 190500)))
    return boxes


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("n", SIZES)
def test_no_drawing_overlaps_and_every_chart_has_title_and_legend(picture, n: int) -> None:  # type: ignore[no-untyped-def]
    _result, path = picture[n]
    with zipfile.ZipFile(path) as zf:
        drawings = [x for x in zf.namelist() if x.startswith("xl/drawings/drawing") and x.endswith(".xml")]
        charts = [zf.read(x).decode() for x in sorted(zf.namelist()) if x.startswith("xl/charts/chart")]
        boxes = [b for d in drawings for b in _anchors(zf.read(d))]
    assert len(charts) == len(CHART_TITLES) == len(boxes)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (a, b)
    for chart in charts:
        assert "<c:title>" in chart and "<c:legend>" in chart and "<c:delete val=\"1\"/>" not in chart
        # a fixed number of points whatever the number of units: never one bar per unit
        assert chart.count("<c:pt ") <= 4 * 11 or "<c:numCache>" not in chart


@pytest.mark.parametrize("n", SIZES)
def test_first_page_answers_the_three_questions(picture, pdfs, n: int) -> None:  # type: ignore[no-untyped-def]
    result, _path = picture[n]
    ov = overview(result)
    first = re.sub(r"\s+", " ", _page_text(pdfs[n], 1))
    assert "Bagaimana capaian kita?" in first and "Siapa tertinggal?" in first and "Siapa belum mengirim?" in first
    assert re.search(rf"Sudah mengirim {len(ov.sent)} ", first)
    assert re.search(rf"Belum mengirim {len(ov.missing)} ", first)
    assert f"Siapa belum mengirim? {len(ov.missing)} unit" in first
    assert ov.bottom(1)[0].kode in first and ov.missing[0].kode in first
    assert "Arti nilai" in first and "bulan rencana" in first
    assert "Halaman 1 dari" in first and "Ringkasan" in first
    average = ov.average_score
    assert average is not None and f"{average:.1f}".replace(".", ",") in first  # Indonesian decimal comma


@pytest.mark.parametrize("n", SIZES)
def test_charts_print_with_titles_and_legends(picture, pdfs, n: int) -> None:  # type: ignore[no-untyped-def]
    shown = min(10, len(overview(picture[n][0]).scores))
    text = pdf_text(pdfs[n])
    grafik = " ".join(p for p in text.split("\f") if re.search(r"Rekap integritas\s+Grafik\s+Halaman", p))
    flat = re.sub(r"\s+", " ", grafik)
    for title in CHART_TITLES:
        assert title in flat, title
    assert f"{shown} nilai terendah" in flat and f"{shown} nilai tertinggi" in flat
    for legend in LEGENDS:
        assert legend in flat, legend
    info = subprocess.run(["pdfinfo", str(pdfs[n])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+", info)  # A4 landscape


def test_every_sheet_prints_a4_landscape_one_page_wide(picture) -> None:  # type: ignore[no-untyped-def]
    _result, path = picture[200]
    with zipfile.ZipFile(path) as zf:
        book = ET.fromstring(zf.read("xl/workbook.xml"))
        names = [s.get("name") for s in book.iter(f"{MAIN}sheet")]
        titles = {d.get("localSheetId") for d in book.iter(f"{MAIN}definedName")
                  if d.get("name") == "_xlnm.Print_Titles"}
        for i, name in enumerate(names, start=1):
            sheet = ET.fromstring(zf.read(f"xl/worksheets/sheet{i}.xml"))
            setup = sheet.find(f"{MAIN}pageSetup")
            assert setup is not None, name
            assert setup.get("paperSize") == "9" and setup.get("orientation") == "landscape", name
            assert setup.get("fitToWidth", "1") == "1", name
            fit = sheet.find(f"{MAIN}sheetPr/{MAIN}pageSetUpPr")
            assert fit is not None and fit.get("fitToPage") == "1", name
            if name not in ("Ringkasan", "Grafik", "Data Grafik"):
                assert str(i - 1) in titles, f"{name}: header row not repeated"


def test_headers_wrap_between_words(picture) -> None:  # type: ignore[no-untyped-def]
    _result, path = picture[10]
    wb = openpyxl.load_workbook(path)
    checked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.fill.fgColor.rgb in ("FF1F4E78", "001F4E78") and isinstance(cell.value, str):
                    width = _width(ws, cell.column)
                    assert width >= header_width(cell.value) - 0.01, (ws.title, cell.coordinate, cell.value, width)
                    assert cell.alignment.wrap_text, (ws.title, cell.coordinate)
                    checked += 1
    assert checked > 80
    # the month columns of the data sheet: "Rencana Jan" no longer broken inside "Rencana"
    ws = wb["Data Rencana Kerja"]
    col = next(c.column for c in ws[1] if c.value == "Rencana Jan")
    assert _width(ws, col) >= len("Rencana") + 1


def _width(ws, col: int) -> float:  # type: ignore[no-untyped-def]
    """The width of column ``col`` (openpyxl keys a run of equal columns by its first letter)."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= col <= dim.max:
            return float(dim.width)
    raise AssertionError(f"{ws.title}: kolom {col} tanpa lebar")


def _page_text(pdf: Path, page: int) -> str:
    proc = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return proc.stdout
