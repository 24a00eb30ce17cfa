"""Issue 19: write-back works on workbooks last saved by six producers, and every copy opens in LibreOffice.

The producers' files are generated from one sample (Excel-made): LibreOffice (a real
conversion), openpyxl (load/save), XlsxWriter (rebuilt cell by cell), a Google-Sheets-like
export (absolute part targets, no docProps) and a WPS-like file (extra namespaces and a
custom part); an OpenXML-SDK-like file (prefixed elements) is refused cleanly. Each gets a
``validasi --tulis-hasil`` copy, the openpyxl one also a ``checklist`` copy; all copies are converted
to PDF by one LibreOffice run.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import hostile as H
from toolkit.office import convert

SOURCE = H.SAMPLES / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx"
EVIDENCE = H.SAMPLES / "bukti" / "komdigi-2026"


def _rezip(src: Path, dst: Path, edit: dict[str, object], drop: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            if info.filename.startswith(drop):
                continue
            data = z.read(info.filename)
            fn = edit.get(info.filename)
            if callable(fn):
                data = fn(data)
            out.writestr(info.filename, data)
        for name, data in edit.items():
            if isinstance(data, bytes):
                out.writestr(name, data)
    return dst


def _xlsxwriter_copy(src: Path, dst: Path) -> Path:
    import python_calamine as pc
    import xlsxwriter

    cwb = pc.CalamineWorkbook.from_path(str(src))
    wb = xlsxwriter.Workbook(str(dst))
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for name in cwb.sheet_names:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(cwb.get_sheet_by_name(name).to_python(skip_empty_area=False)):
            for c, v in enumerate(row):
                if v == "" or v is None:
                    continue
                if isinstance(v, (dt.date, dt.datetime)):
                    ws.write_datetime(r, c, v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day),
                                      date_fmt)
                else:
                    ws.write(r, c, v)
    cwb.close()
    wb.close()
    return dst


def _prefixed(data: bytes) -> bytes:
    """SpreadsheetML with an ``x:`` prefix on every element (as the OpenXML SDK writes it)."""
    text = data.decode("utf-8")
    text = text.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 1)
    text = re.sub(r"<(/?)([A-Za-z][\w]*)(?=[\s/>])", r"<\1x:\2", text)
    return text.encode("utf-8")


@pytest.fixture(scope="module")
def producers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("produsen")
    out: dict[str, Path] = {}
    out["excel"] = Path(shutil.copy(SOURCE, d / "excel.xlsx"))
    lo_dir = d / "lo"
    lo_dir.mkdir()
    produced = convert([out["excel"]], "xlsx", lo_dir)[0]
    out["libreoffice"] = Path(shutil.move(produced, d / "libreoffice.xlsx"))
    import openpyxl

    wb = openpyxl.load_workbook(SOURCE)
    wb.save(d / "openpyxl.xlsx")
    out["openpyxl"] = d / "openpyxl.xlsx"
    out["xlsxwriter"] = _xlsxwriter_copy(SOURCE, d / "xlsxwriter.xlsx")
    out["google"] = _rezip(out["openpyxl"], d / "google.xlsx", {
        "xl/_rels/workbook.xml.rels": lambda b: b.replace(b'Target="worksheets/', b'Target="/xl/worksheets/')
        .replace(b'Target="/xl/worksheets/', b'Target="/xl/worksheets/'),
        "_rels/.rels": lambda b: re.sub(rb"<Relationship [^>]*docProps[^>]*/>", b"", b),
        "[Content_Types].xml": lambda b: re.sub(rb"<Override [^>]*docProps[^>]*/>", b"", b)},
        drop=("docProps/",))
    out["wps"] = _rezip(SOURCE, d / "wps.xlsx", {
        "xl/workbook.xml": lambda b: b.replace(
            b"<workbook ", b'<workbook xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData" ', 1),
        "customXml/item1.xml": b'<?xml version="1.0"?><etc:data xmlns:etc="http://www.wps.cn/x"/>'})
    return out


def test_prefixed_spreadsheetml_is_refused_cleanly(tmp_path: Path) -> None:
    """OpenXML-SDK-style prefixed elements (``<x:sheets>``): not supported by the copy surgery — refused with
    one line naming the file, and nothing written (never a copy LibreOffice cannot open)."""
    src = _rezip(SOURCE, tmp_path / "openxml-sdk.xlsx", {"xl/workbook.xml": _prefixed})
    r = subprocess.run([sys.executable, "-m", "toolkit", "validasi", "--tulis-hasil", str(src)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 3 and "openxml-sdk.xlsx" in r.stderr and "Galat internal" not in r.stderr
    assert not (tmp_path / "openxml-sdk.hasil.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["openxml-sdk.xlsx"]  # no temporary file left


def test_writeback_on_every_producer_opens_in_libreoffice(producers: dict[str, Path], tmp_path: Path) -> None:
    import python_calamine as pc

    copies: dict[str, Path] = {}
    problems: list[str] = []
    for name, path in producers.items():
        r = subprocess.run([sys.executable, "-m", "toolkit", "validasi", "--tulis-hasil", str(path)],
                           capture_output=True, text=True, timeout=120)
        copy = path.with_name(path.stem + ".hasil.xlsx")
        if r.returncode != 1 or not copy.exists():
            problems.append(f"{name}: exit {r.returncode}: {r.stderr.strip()[-300:]}")
            continue
        cwb = pc.CalamineWorkbook.from_path(str(copy))
        if "Hasil Validasi" not in cwb.sheet_names:
            problems.append(f"{name}: sheet Hasil Validasi tidak ada")
        cwb.close()
        copies[name] = copy
    # the checklist copy of the openpyxl-saved workbook (openpyxl leaves the r: prefix undeclared on the root)
    out = tmp_path / "openpyxl.checklist.xlsx"
    r = subprocess.run([sys.executable, "-m", "toolkit", "checklist", str(producers["openpyxl"]), "--bukti",
                        str(EVIDENCE), "-o", str(out)], capture_output=True, text=True, timeout=120)
    if r.returncode not in (0, 1) or not out.exists():
        problems.append(f"openpyxl checklist: exit {r.returncode}: {r.stderr.strip()[-300:]}")
    else:
        cwb = pc.CalamineWorkbook.from_path(str(out))
        if not {"Checklist Bukti", "Kelengkapan"} <= set(cwb.sheet_names):
            problems.append(f"openpyxl checklist: sheet {cwb.sheet_names}")
        cwb.close()
        copies["openpyxl checklist"] = out
    assert not problems, problems
    pdfs = convert(list(copies.values()), "pdf", tmp_path)  # one LibreOffice run for every copy
    for (name, _copy), pdf in zip(copies.items(), pdfs, strict=True):
        assert Path(pdf).exists() and Path(pdf).stat().st_size > 1000, name
