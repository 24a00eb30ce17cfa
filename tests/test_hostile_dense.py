"""Issue 19, gap G1: dense workbooks that pass every preflight limit, run through the CLI.

A unit's action plan has tens to a few thousand rows. The preflight allows far more (a sheet of
20 M cells, 300 MB of XML), which only the streaming validation can read. Here:

- a plan of 70,000 rows (2.3 M cells, the audit's 9.7 MB file): ``validasi --tulis-hasil`` and
  ``checklist`` work below 1 GiB, without a library warning on stderr; the Hasil Validasi sheet
  links Excel's 65,530 findings at most and says so in row 3;
- a plan too large to be read whole (over ``limits.MAX_LOADED_AREA``): ``checklist``,
  ``validasi --tulis-hasil``, ``nilai`` refuse it in one line naming the file and the limit
  (exit 3); ``validasi`` alone streams it; ``rekap`` of a folder holding it recaps the others;
- the time budget per file (``INTEGRITAS_BATAS_DETIK``) is one line, exit 3;
- a rekap worker that never returns does not hang the recap (the watchdog kills the pool).

Every command runs in a subprocess under ``RLIMIT_AS`` 1.5 GiB (``tests.support.hostile.run_case``).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import string
import time
import warnings
import zipfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from tests.support import hostile as H
from toolkit.rekap.run import _Watchdog
from toolkit.validation.report import Finding, Report
from toolkit.validation.writeback import MAX_LINKS, results_sheet, write_results_copy
from toolkit.workbook import bounds, open_workbook
from toolkit.workbook.donor import URL_LIMIT, Link, NewSheet, build_donor
from toolkit.workbook.limits import LimitError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX (RLIMIT_AS, SIGALRM)")

GIB = 1024 ** 3


def build_plan(src: Path, out: Path, rows: int, *, dense: bool) -> Path:
    """``src`` (the valid ZI sample) with ``rows`` more rows in Rencana Kerja, sheet XML written directly.

    ``dense``: nine filled cells per row and a 25-word description (as the audit's build_big.py);
    otherwise only A and AG (the box is as wide, the XML small: quick to build and to refuse).
    """
    rng = random.Random(1)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9))) for _ in range(400)]
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as o:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename != H.DATA_SHEET:
                o.writestr(info.filename, data)
                continue
            text = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:AG{rows + 38}"/>', data.decode())
            head, tail = text.split("</sheetData>")
            with o.open(info.filename, "w", force_zip64=True) as w:
                w.write(head.encode())
                chunk: list[str] = []
                for r in range(39, 39 + rows):
                    if dense:
                        ket = " ".join(rng.choice(words) for _ in range(25))
                        chunk.append(
                            f'<row r="{r}"><c r="A{r}" t="s"><v>85</v></c><c r="B{r}"><v>{r}</v></c>'
                            f'<c r="C{r}" t="s"><v>86</v></c><c r="D{r}" t="s"><v>87</v></c>'
                            f'<c r="E{r}" t="s"><v>88</v></c><c r="F{r}" t="s"><v>89</v></c>'
                            f'<c r="AD{r}" t="s"><v>90</v></c><c r="AE{r}"><v>100</v></c>'
                            f'<c r="AG{r}" t="inlineStr"><is><t>{ket}</t></is></c></row>')
                    else:
                        chunk.append(f'<row r="{r}"><c r="A{r}" t="s"><v>85</v></c>'
                                     f'<c r="AG{r}" t="inlineStr"><is><t>x</t></is></c></row>')
                    if len(chunk) >= 5000:
                        w.write("".join(chunk).encode())
                        chunk = []
                w.write(("".join(chunk) + "</sheetData>" + tail).encode())
    return out


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("padat")
    # over the area read whole (2.5 M cells): 80,038 rows x 33 columns = 2.64 M, yet only 5 MB of XML
    too_large = build_plan(H.VALID_ZI, d / "terlalu-besar.xlsx", 80_000, dense=False)
    folder = d / "kiriman"
    folder.mkdir()
    for i in range(2):
        shutil.copy(H.VALID_ZI, folder / f"unit-{i}.xlsx")
    shutil.copy(too_large, folder / "terlalu-besar.xlsx")
    return {"root": d, "too_large": too_large, "folder": folder, "bukti": _empty(d / "bukti")}


def _empty(p: Path) -> Path:
    p.mkdir()
    return p


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("INTEGRITAS_BATAS_DETIK", None)
    env.update(extra)
    return env


def _assert_clean(o: H.Outcome, rc: int) -> None:
    assert o.verdict == "clean", (o.verdict, o.stderr[-600:])
    assert o.rc == rc, (o.rc, o.stderr[-600:], o.stdout[-600:])
    assert o.max_rss < GIB, o.max_rss
    assert "Warning" not in o.stderr and "warning" not in o.stderr, o.stderr[-600:]
    print(f"{o.case}: rc={o.rc} {o.seconds:.1f} s, puncak {o.max_rss / 2**20:.0f} MB")


def _one_line_naming(o: H.Outcome, path: Path, *needles: str) -> None:
    lines = [ln for ln in o.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, o.stderr
    assert path.name in lines[0], lines[0]
    for n in needles:
        assert n in lines[0], lines[0]


# --- too large to be read whole: refused at once, streamed by validasi, skipped by rekap -------------------

def test_checklist_refuses_a_plan_too_large_to_read_whole(plans: dict[str, Path]) -> None:
    big = plans["too_large"]
    o = H.run_case(H.Case("padat:checklist", ["checklist", str(big), "--bukti", str(plans["bukti"]),
                                              "-o", str(plans["root"] / "cl.xlsx")], names=[big.name],
                          expect_exit=(3,), timeout=90), plans["root"], _env())
    _assert_clean(o, 3)
    _one_line_naming(o, big, "Rencana Kerja", "80.038 baris x 33 kolom = 2.641.254 sel", "batas 2.500.000 sel")
    assert not (plans["root"] / "cl.xlsx").exists()


def test_writeback_refuses_at_once_and_validasi_alone_streams(plans: dict[str, Path]) -> None:
    big = plans["too_large"]
    o = H.run_case(H.Case("padat:tulis-hasil", ["validasi", "--tulis-hasil", str(big)], names=[big.name],
                          expect_exit=(3,), timeout=90), plans["root"], _env())
    _assert_clean(o, 3)
    _one_line_naming(o, big, "ditandai di salinan hasil", "batas 2.500.000 sel")
    assert not list(plans["root"].glob("*.hasil.xlsx"))
    o = H.run_case(H.Case("padat:validasi", ["validasi", str(big)], timeout=120), plans["root"], _env())
    _assert_clean(o, 1)  # streamed: every row checked, findings reported
    assert re.search(r"\b800[0-9]{2} baris diperiksa", o.stdout), o.stdout[-400:]


def test_rekap_reports_the_large_plan_and_recaps_the_others(plans: dict[str, Path]) -> None:
    out = plans["root"] / "REKAP.xlsx"
    o = H.run_case(H.Case("padat:rekap", ["rekap", str(plans["folder"]), "-o", str(out), "--tanpa-riwayat"],
                          expect_exit=(0, 1), timeout=120), plans["root"], _env())
    _assert_clean(o, o.rc or 0)
    assert out.exists()
    text = " ".join(o.stdout.split())
    assert "terlalu-besar.xlsx" in text and "Tidak Terbaca" in text, o.stdout[-1500:]
    with zipfile.ZipFile(out) as z:
        body = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
    assert b"terlalu-besar.xlsx" in body and b"2.500.000" in body


def test_the_guard_is_in_the_reader_itself(plans: dict[str, Path]) -> None:
    """Any command that reads a sheet whole goes through it; a streaming read passes."""
    with pytest.raises(LimitError, match="batas 2.500.000 sel"):
        open_workbook(plans["too_large"])
    data = open_workbook(plans["too_large"], stream_threshold=64 * 2**20)
    assert sum(1 for _ in data.records("rencana")) > 80_000


# --- the time budget ---------------------------------------------------------------------------------

def test_time_budget_is_one_line(plans: dict[str, Path]) -> None:
    big = plans["too_large"]
    o = H.run_case(H.Case("padat:batas-waktu", ["validasi", str(big)], names=[big.name], expect_exit=(3,),
                          timeout=60), plans["root"], _env(INTEGRITAS_BATAS_DETIK="1"))
    _assert_clean(o, 3)
    _one_line_naming(o, big, "batas waktu 1 detik")


def test_time_budget_nests_and_disarms() -> None:
    with pytest.raises(LimitError, match="batas waktu"), bounds.time_budget("x.xlsx", 0.2) as budget:
        time.sleep(2)
    assert budget.expired
    with bounds.time_budget("y.xlsx", 5) as outer:
        with bounds.time_budget("z.xlsx", 5):
            pass
        time.sleep(0.1)
    assert not outer.expired
    time.sleep(0.1)  # nothing left armed


def _never_returns() -> None:
    time.sleep(3600)


def test_a_stuck_worker_never_hangs_the_parent() -> None:
    start = time.monotonic()
    pool = ProcessPoolExecutor(max_workers=1)
    try:
        dog = _Watchdog(pool, stall=1.0)
        fut = dog.track(pool.submit(_never_returns))
        with pytest.raises(BrokenProcessPool):
            dog.result(fut)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # returns: the worker was killed
    assert time.monotonic() - start < 30


# --- the Hasil Validasi of many findings --------------------------------------------------------------

def _findings(n: int) -> Report:
    report = Report(path=H.VALID_ZI, kind="rencana-aksi-zi")
    report.findings = [Finding("WAJIB", "error", "Rencana Kerja", f"E{40 + i}", 40 + i, "PIC", "",
                               "PIC wajib diisi.") for i in range(n)]
    return report


def test_hyperlinks_stop_at_excels_limit_and_the_sheet_says_so(tmp_path: Path) -> None:
    report = _findings(MAX_LINKS + 500)
    report.omitted = 1234
    sheet = results_sheet(report, {"Rencana Kerja"}, title="uji")
    rows = list(sheet.rows)
    assert "65.530 temuan pertama" in rows[2][0] and "500 temuan berikutnya" in rows[2][0]
    assert "1.234 temuan berikutnya tidak dicantumkan (batas 200.000 temuan per file)" in rows[2][0]
    assert sum(isinstance(v, Link) for row in rows for v in row) == MAX_LINKS
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = write_results_copy(H.VALID_ZI, report, tmp_path / "salinan.xlsx")
    assert not caught, [str(w.message)[:120] for w in caught]
    with zipfile.ZipFile(out) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        links = max(z.read(n).count(b"<hyperlink ") for n in names)
    assert links == MAX_LINKS


@pytest.mark.slow
def test_the_audits_70000_row_plan_below_1_gib(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The 9.7 MB file of the audit (70,000 rows, 34 MB sheet XML, 200,000 findings): it took 1.64 GB
    (MemoryError under the cap) and printed 134,470 XlsxWriter warnings."""
    d = tmp_path_factory.mktemp("sedang")
    plan = build_plan(H.VALID_ZI, d / "sedang.xlsx", 70_000, dense=True)
    env = _env(INTEGRITAS_BATAS_DETIK="400")  # the budget is tested above; a loaded CI machine is slow
    o = H.run_case(H.Case("sedang:tulis-hasil", ["validasi", "--tulis-hasil", str(plan)], timeout=420), d, env)
    _assert_clean(o, 1)
    copy = d / "sedang.hasil.xlsx"
    with zipfile.ZipFile(copy) as z:
        wb = z.read("xl/workbook.xml").decode()
        assert "Hasil Validasi" in wb
        sheets = {n: z.getinfo(n).file_size for n in z.namelist() if n.startswith("xl/worksheets/sheet")}
        last = max(sheets, key=lambda n: int(re.findall(r"\d+", n)[0]))
        with z.open(last) as fh:
            head = fh.read(200_000).decode("utf-8", "replace")
    assert "65.530 temuan pertama" in head
    o = H.run_case(H.Case("sedang:checklist", ["checklist", str(plan), "--bukti", str(_empty(d / "bukti")),
                                               "-o", str(d / "cl.xlsx")], timeout=300), d, env)
    _assert_clean(o, 1)


def test_any_new_sheet_stops_linking_at_excels_limit_without_a_warning(tmp_path: Path) -> None:
    """The safety net under every sheet we build (checklist File Lain of 200,000 evidence files too)."""
    rows = [[Link(f"A{i}", f"#'Rencana Kerja'!A{i}")] for i in range(1, URL_LIMIT + 101)]
    sheet = NewSheet("Tautan", rows=rows)
    sheet.final_name = "Tautan"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        donor = build_donor([sheet], tmp_path / "donor.xlsx")
    assert not caught, [str(w.message)[:120] for w in caught]
    with zipfile.ZipFile(donor) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    assert xml.count(b"<hyperlink ") == URL_LIMIT
    assert f'r="A{URL_LIMIT + 100}"'.encode() in xml  # the rest are there, as text


@pytest.mark.slow
def test_rekap_time_budget_per_file(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A file whose read overruns its budget is one line in REKAP; the others are recapped."""
    d = tmp_path_factory.mktemp("rekap-waktu")
    folder = d / "kiriman"
    folder.mkdir()
    # read + validated: about 5 s on a quiet 2-core machine (more under load); a sample file: about 0.3 s
    build_plan(H.VALID_ZI, folder / "lambat.xlsx", 70_000, dense=True)
    for i in range(2):
        shutil.copy(H.VALID_ZI, folder / f"unit-{i}.xlsx")  # well under a second each
    out = d / "REKAP.xlsx"
    o = H.run_case(H.Case("lambat:rekap", ["rekap", str(folder), "-o", str(out), "--tanpa-riwayat"],
                          expect_exit=(0, 1), timeout=240), d, _env(INTEGRITAS_BATAS_DETIK="2"))
    _assert_clean(o, o.rc or 0)
    text = " ".join(o.stdout.split())
    assert "lambat.xlsx" in text and "batas waktu 2 detik" in text, o.stdout[-1500:]
    with zipfile.ZipFile(out) as z:
        body = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
    assert b"batas waktu 2 detik" in body
    assert b"unit-0.xlsx" in body or b"unit-1.xlsx" in body


def with_large_own_sheet(src: Path, out: Path, rows: int) -> Path:
    """``src`` plus a unit's own sheet "Data Pendukung" of ``rows`` x 30 columns (A and AD filled)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as o:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"</sheets>", b'<sheet name="Data Pendukung" sheetId="99" r:id="rId999"/></sheets>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rId999" Type="{rel}" '
                                    'Target="worksheets/sheet99.xml"/></Relationships>'.encode())
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/xl/worksheets/sheet99.xml" '
                                    f'ContentType="{ctype}"/></Types>'.encode())
            o.writestr(info.filename, data)
        with o.open("xl/worksheets/sheet99.xml", "w") as w:
            w.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for start in range(1, rows + 1, 5000):
                w.write("".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="AD{r}"><v>1</v></c></row>'
                                for r in range(start, min(start + 5000, rows + 1))).encode())
            w.write(b"</sheetData></worksheet>")
    return out


def test_a_large_sheet_of_the_units_own_does_not_stop_the_copy(tmp_path: Path) -> None:
    """Only the sheets that get marks are rewritten; a unit's own sheet beyond the load limit is copied byte
    for byte, so a clean plan still gets its .hasil.xlsx (the review found exit 3 'terlalu besar')."""
    book = with_large_own_sheet(H.VALID_ZI, tmp_path / "lampiran-besar.xlsx", 85_000)  # 2,55 M cells
    o = H.run_case(H.Case("sheet-sendiri:tulis-hasil", ["validasi", "--tulis-hasil", str(book)], timeout=120),
                   tmp_path, _env())
    _assert_clean(o, 0)
    copy = tmp_path / "lampiran-besar.hasil.xlsx"
    assert copy.exists(), o.stdout
    with zipfile.ZipFile(book) as a, zipfile.ZipFile(copy) as b:
        assert a.read("xl/worksheets/sheet99.xml") == b.read("xl/worksheets/sheet99.xml")


def test_time_budget_without_sigalrm_uses_a_watchdog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no SIGALRM: a watchdog thread interrupts the main thread, turned into the same LimitError;
    a budget that ended in time never fires afterwards (review: there was no budget at all on Windows)."""
    import types

    monkeypatch.setattr(bounds, "signal", types.SimpleNamespace(**{k: getattr(bounds.signal, k)
                                                                  for k in ("SIGALRM", "signal")}))
    assert not hasattr(bounds.signal, "setitimer")
    started = time.monotonic()
    with pytest.raises(LimitError) as err, bounds.time_budget("unit.xlsx", 0.3) as budget:
        while time.monotonic() - started < 10:  # busy, as a reader would be
            sum(range(1000))
    assert budget.expired and time.monotonic() - started < 5
    assert "unit.xlsx" in str(err.value)
    with bounds.time_budget("cepat.xlsx", 0.2) as quick:
        pass
    time.sleep(0.4)  # its timer was cancelled: no interrupt arrives later
    assert not quick.expired
