"""The recap's speed-ups change nothing that is written (issue 5, point 6).

* ``FastWorksheet`` writes the same XML, byte for byte, as XlsxWriter's own worksheet
  for every kind of cell text (control characters, ``_xHHHH_``, spaces to preserve,
  XML specials, rich-string look-alikes, 40,000-character texts), numbers, dates,
  formats on cells, rows and columns, comments and blank rows;
* REKAP.xlsx written while the workers read (streamed) is the same, cell by cell, as
  REKAP.xlsx written after every file was read (``workers=1``), and when the quick
  identification disagrees with the full read the file is written again correctly.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import zipfile
from pathlib import Path
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

import toolkit.rekap.run as rekap_run
from tests.support.inline_pool import InlineExecutor
from tests.support.synthetic_units import build_scenario
from toolkit.rekap import run_rekap
from toolkit.rekap.extract import identify_submission
from toolkit.rekap.fastsheet import FastWorksheet

TEXTS = ["abc", " lead", "trail ", "a\nb", "x\n", "<&>\"'", "_x0041_", "ctl\x01x", "\x1f", "\ufffe", "\uffff",
         "", "=SUM(A1)", "<r>rich</r>", "\u00a0nbsp", "tab\t", "é ü 中文 🙂", "x" * 40000, "_x00zz_", "a_x0009_b"]
NUMBERS: list[Any] = [1, 2.5, -0.0, 1e300, 123456789012345678, 1 / 3, -7]


def _build(path: Path, fast: bool, seed: int) -> dict[str, bytes]:
    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "d mmmm yyyy"})
    ws = wb.add_worksheet("S", worksheet_class=FastWorksheet if fast else None)
    ws.set_column(0, 3, 20)
    ws.set_column(5, 5, 10, bold)
    ws.set_row(0, 30)
    ws.freeze_panes(1, 1)
    for r in range(0, 400):
        if r == 50:
            ws.set_row(r, None, bold)
        if r == 60:
            ws.write_comment(r, 0, "catatan")
        if r == 70:
            continue  # a blank row
        batch: list[tuple[int, Any]] = []  # FastWorksheet.put_cells: the row's plain cells at once
        for c in range(rng.randint(1, 14)):
            pick = rng.random()
            fmt = bold if rng.random() < 0.1 else None
            if pick < 0.45:
                text = rng.choice(TEXTS) if rng.random() < 0.5 else "".join(
                    rng.choice(string.printable) for _ in range(rng.randint(0, 15)))
                if fast and fmt is None and c % 2:
                    batch.append((c, text))
                elif fast and fmt is None:
                    ws.write_text_fast(r, c, text)
                else:
                    ws.write_string(r, c, text, fmt)
            elif pick < 0.8:
                number = rng.choice(NUMBERS)
                if fast and fmt is None and c % 2:
                    batch.append((c, number))
                elif fast and fmt is None:
                    ws.write_number_fast(r, c, number)
                else:
                    ws.write_number(r, c, number, fmt)
            elif pick < 0.9:
                ws.write_datetime(r, c, dt.datetime(2026, 4, 6, rng.randint(0, 23)), date)
            elif pick < 0.95:
                ws.write_boolean(r, c, rng.random() < 0.5)
            else:
                ws.write_blank(r, c, None, bold)
        if batch:
            ws.put_cells(r, batch, (0, 13) if r % 3 else None)
    ws.write_string(401, 300, "jauh")
    wb.close()
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/")}


def test_fast_worksheet_writes_the_same_xml_as_xlsxwriter(tmp_path: Path) -> None:
    for seed in (1, 2, 3):
        stock = _build(tmp_path / f"stock{seed}.xlsx", False, seed)
        fast = _build(tmp_path / f"fast{seed}.xlsx", True, seed)
        assert sorted(stock) == sorted(fast)
        sheet = "xl/worksheets/sheet1.xml"
        assert b"inlineStr" in stock[sheet] and b"_x0001_" in stock[sheet]
        for name in stock:
            assert stock[name] == fast[name], name


def _sheets(path: Path) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(path))
    try:
        return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}
    finally:
        wb.close()


def test_streamed_recap_equals_recap_written_after_reading(tmp_path: Path, monkeypatch: Any) -> None:
    sc = build_scenario(tmp_path / "sc", n_units=40, n_files=40, n_duplicates=4, n_unreadable=2,
                        n_unknown=2, n_legacy=4)
    now = dt.datetime(2026, 7, 20, 9, 30)
    calls: list[Path] = []
    real_write = rekap_run.write_rekap

    def counting_write(result: Any, output: Path, **kw: Any) -> Path:
        calls.append(Path(output))
        return real_write(result, output, **kw)

    monkeypatch.setattr(rekap_run, "write_rekap", counting_write)
    one = run_rekap([sc.folder], tmp_path / "satu.xlsx", unit_list=sc.unit_list, workers=1, now=now)
    assert len(calls) == 1
    two = run_rekap([sc.folder], tmp_path / "dua.xlsx", unit_list=sc.unit_list, workers=2, now=now)
    assert len(calls) == 1, "the streamed REKAP.xlsx was discarded although nothing differed"
    assert one.result.rows_accepted("rencana") == two.result.rows_accepted("rencana") > 0
    a, b = _sheets(one.output), _sheets(two.output)
    assert list(a) == list(b)
    for name in a:
        assert a[name] == b[name], name

    # the quick identification says one unit sent another file: the full read wins, the file is rewritten
    def wrong_identify(path: str) -> Any:
        sub = identify_submission(path)
        if Path(path).name == sorted(sc.winners.values())[0]:
            sub.identitas = {**sub.identitas, "kode_unit": "TIDAK-ADA", "nama_unit": "Unit Lain"}
        return sub

    monkeypatch.setattr("toolkit.rekap.extract.identify_submission", wrong_identify)
    monkeypatch.setattr(rekap_run, "identify_many", lambda paths: [wrong_identify(p) for p in paths])
    monkeypatch.setattr(rekap_run, "ProcessPoolExecutor", InlineExecutor)
    three = run_rekap([sc.folder], tmp_path / "tiga.xlsx", unit_list=sc.unit_list, workers=2, now=now)
    assert len(calls) == 2
    c = _sheets(three.output)
    for name in a:
        assert a[name] == c[name], name


