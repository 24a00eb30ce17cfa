"""Issue 19: the hostile corpus, run through the CLI under a memory cap and time limits.

Every input is generated (tests/support/hostile.py); every run is a subprocess with
RLIMIT_AS = 1.5 GiB and a per-case time limit, classified as clean / hang / signal /
internal / over 1 GiB / unnamed. The figures are printed at the end (``-s`` shows them)
and the test fails on any run that is not clean.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support import hostile as H

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX (FIFOs, RLIMIT_AS)")

INJECTION_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("hostile")
    out: dict[str, Path] = {"root": d}
    out.update(H.build_workbooks(d / "wb"))
    out.update(H.build_lke(d / "lke"))
    out["bukti"] = H.build_evidence(d / "ev")
    good = d / "baik"
    good.mkdir()
    for i in range(3):
        shutil.copy(H.VALID_ZI, good / f"unit-{i}.xlsx")
    out["baik"] = good
    yield out
    H.remove_tree(d)


def _no_injection_in_csv(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            for cell in row:
                if cell.startswith(INJECTION_START):
                    return f"injeksi di manifest CSV: {cell[:40]!r}"
    return ""


def _checklist_outputs_ok(out: Path) -> str:
    """The checklist copy, its manifests: open, no cell starts a formula, dangerous files not linked."""
    js, cs = out.with_name(out.stem + ".manifest.json"), out.with_name(out.stem + ".manifest.csv")
    for p in (out, js, cs):
        if not p.exists():
            return f"tidak ada {p.name}"
    json.loads(js.read_text(encoding="utf-8"))
    problem = _no_injection_in_csv(cs)
    if problem:
        return problem
    import openpyxl

    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    return f"rumus di {ws.title}!{c.coordinate}: {str(c.value)[:40]}"
                if c.hyperlink is not None:
                    target = str(c.hyperlink.target or c.value or "").lower()
                    if target.endswith((".exe", ".bat", ".hta", ".url", ".lnk")):
                        return f"file berbahaya ditautkan di {ws.title}!{c.coordinate}"
    return ""


def _cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    cases: list[H.Case] = []
    bad = ["xfd-sel", "dimensi-palsu", "bom-header-palsu", "bom-klasik", "deflate-rusak", "entitas",
           "rumus-5000", "anggota-ganda", "anggota-banyak", "terpotong", "fifo", "folder"]
    for name in bad:
        p = c[name]
        cases.append(H.Case(f"{name}:validasi", ["validasi", str(p)], names=[p.name], expect_exit=(3,)))
        cases.append(H.Case(f"{name}:validasi --tulis-hasil",
                            ["validasi", "--tulis-hasil", str(p)], names=[p.name], expect_exit=(3,)))
        empty = work / f"bukti-kosong-{name}"
        empty.mkdir()
        cases.append(H.Case(f"{name}:checklist", ["checklist", str(p), "--bukti", str(empty), "-o",
                                                  str(work / f"{name}.checklist.xlsx")],
                            names=[p.name], expect_exit=(3,)))
        folder = work / f"rekap-{name}"
        folder.mkdir()
        for g in c["baik"].iterdir():
            shutil.copy(g, folder / g.name)
        target = folder / p.name
        if p.is_dir():
            target.mkdir()
        elif name == "fifo":
            os.mkfifo(target)
        else:
            shutil.copy(p, target)
        out = work / f"R_{name}_rekap.xlsx"

        def rekap_ok(r: subprocess.CompletedProcess[str], out: Path = out, bad_name: str = p.name) -> str:
            if not out.exists():
                return "REKAP tidak ditulis"
            if bad_name not in r.stdout + r.stderr:
                return "file rusak tidak disebut"
            return ""
        cases.append(H.Case(f"{name}:rekap", ["rekap", str(folder), "-o", str(out), "--tanpa-riwayat",
                                              "--tanpa-progres"], names=[p.name], expect_exit=(0, 1),
                            check=rekap_ok, timeout=60))
    good = c["baik"] / "unit-0.xlsx"
    cases.append(H.Case("validasi-beberapa", ["validasi", str(good), str(c["xfd-sel"]), str(good)],
                        names=["xfd-sel.xlsx"], expect_exit=(3,),
                        check=lambda r: "" if r.stdout.count("bersih") >= 1 and "xfd-sel.xlsx" in r.stdout + r.stderr
                        else "file baik tidak dilaporkan"))
    for name in ("lke-rumus-5000", "lke-rantai-5000", "lke-dimensi", "lke-entitas"):
        p = c[name]
        cases.append(H.Case(f"{name}:nilai", ["nilai", str(p)], names=[p.name], expect_exit=(0, 1, 3)))
    out = work / "bukti.checklist.xlsx"
    cases.append(H.Case("bukti-bermusuhan:checklist",
                        ["checklist", str(good), "--bukti", str(c["bukti"]), "-o", str(out)],
                        expect_exit=(0, 1), timeout=90,
                        check=lambda r, out=out: _checklist_outputs_ok(out)))
    fifty = _fifty_and_one(c, work)
    out50 = work / "R_lima_puluh.xlsx"

    def fifty_ok(r: subprocess.CompletedProcess[str], out: Path = out50) -> str:
        import python_calamine as pc

        if not out.exists():
            return "REKAP 50 tidak ditulis"
        lines = [ln for ln in (r.stdout + r.stderr).splitlines() if "xfd-sel.xlsx" in ln]
        if not lines:
            return "file beracun tidak disebut"
        wb = pc.CalamineWorkbook.from_path(str(out))
        text = " ".join(str(v) for name in wb.sheet_names for row in wb.get_sheet_by_name(name).to_python()
                        for v in row)
        wb.close()
        missing = [f"U{i:03d}" for i in range(50) if f"U{i:03d}" not in text]
        return f"unit tidak direkap: {missing[:5]}" if missing else ""
    cases.append(H.Case("50-baik-1-beracun:rekap", ["rekap", str(fifty), "-o", str(out50), "--tanpa-riwayat",
                                                    "--tanpa-progres"], names=["xfd-sel.xlsx"],
                        expect_exit=(0, 1), check=fifty_ok, timeout=120))
    cases.extend(_permission_cases(c, work))
    deep_in = work / "rekap-dalam"
    shutil.copytree(c["baik"], deep_in)
    fd = os.open(deep_in, os.O_RDONLY)
    for _ in range(1100):
        os.mkdir("d", dir_fd=fd)
        nfd = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = nfd
    os.close(fd)
    cases.append(H.Case("folder-1100:rekap", ["rekap", str(deep_in), "-o", str(work / "REKAP-dalam.xlsx"),
                                              "--tanpa-riwayat", "--tanpa-progres"], expect_exit=(0, 1, 3),
                        timeout=60))
    return cases


def _named(result: H.Outcome, name: str) -> bool:
    """The terminal wraps long temp paths (a line break can fall inside a name): compare without whitespace."""
    return name in "".join((result.stdout + result.stderr).split())


def _permission_cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    """chmod 000 on a workbook, an evidence folder and a file among submissions (run without DAC override:
    tests run as root, and root ignores file modes)."""
    wrapper = H.without_dac_override()
    if wrapper is None:
        return []
    d = work / "izin"
    d.mkdir()
    closed = Path(shutil.copy(H.VALID_ZI, d / "tertutup.xlsx"))
    closed.chmod(0)
    bukti = d / "bukti"
    (bukti / "1. Manajemen Perubahan").mkdir(parents=True)
    (bukti / "terkunci").mkdir()
    (bukti / "terkunci").chmod(0)
    folder = d / "kiriman"
    shutil.copytree(c["baik"], folder)
    shutil.copy(closed, folder / "tertutup.xlsx")
    (folder / "tertutup.xlsx").chmod(0)
    (folder / "sub-terkunci").mkdir()
    (folder / "sub-terkunci").chmod(0)
    out = work / "R_izin_rekap.xlsx"
    out_c = work / "izin.checklist.xlsx"
    return [
        H.Case("chmod-000-file:validasi", ["validasi", str(closed)], names=["tertutup.xlsx"], expect_exit=(3,),
               wrapper=wrapper),
        H.Case("chmod-000-folder:checklist", ["checklist", str(c["baik"] / "unit-0.xlsx"), "--bukti", str(bukti),
                                              "-o", str(out_c)], expect_exit=(0, 1), wrapper=wrapper,
               check=lambda r, o=out_c: "" if o.exists() else "checklist tidak ditulis"),
        H.Case("chmod-000:rekap", ["rekap", str(folder), "-o", str(out), "--tanpa-riwayat", "--tanpa-progres"],
               names=["tertutup.xlsx"], expect_exit=(0, 1), wrapper=wrapper,
               check=lambda r, o=out: "" if o.exists() and _named(r, "tertutup.xlsx") and _named(r, "sub-terkunci")
               else "file/folder tertutup tidak disebut"),
    ]


def _fifty_and_one(c: dict[str, Path], work: Path) -> Path:
    import random

    from tests.support.synthetic_units import (
        identitas_for,
        komitmen_rows,
        unit_rows,
        write_unit_workbook_fast,
    )

    folder = work / "lima-puluh"
    folder.mkdir()
    rng = random.Random(50)
    for i in range(50):
        kode = f"U{i:03d}"
        write_unit_workbook_fast(folder / f"{kode}.xlsx", identitas_for(kode, f"Unit Uji {i}", "KPPN"),
                                 {"rencana": unit_rows(rng, 12), "komitmen": komitmen_rows()})
    shutil.copy(c["xfd-sel"], folder / "xfd-sel.xlsx")
    return folder


def test_hostile_corpus(corpus: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    try:  # the 1,100-deep folder is removed even when a case fails (pytest's own cleanup recurses)
        cases = _cases(corpus, tmp_path)
        tally = H.Tally()
        with ThreadPoolExecutor(max_workers=2) as pool:
            for outcome in pool.map(lambda case: H.run_case(case, tmp_path), cases):
                tally.add(outcome)
        report = tally.report()
        with capsys.disabled():
            print("\n" + report)
        figures = tally.figures()
        assert figures["clean"] == figures["runs"], report
    finally:
        H.remove_tree(tmp_path)


def test_zip_writer_lies_as_intended(tmp_path: Path) -> None:
    """The corpus' bomb really declares 30 KB with a matching CRC (so the test proves something)."""
    m = H.bomb_member("x.xml", 8 * H.MiB, declare=30_000)
    p = H.write_zip(tmp_path / "b.zip", [m])
    with zipfile.ZipFile(p) as z:
        assert z.getinfo("x.xml").file_size == 30_000
        assert z.read("x.xml") == bytes(30_000)  # zipfile trusts the header and sees a valid member
