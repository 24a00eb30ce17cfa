"""Issue 19: the hostile corpus, run through the CLI under a memory cap and time limits.

Every input is generated (tests/support/hostile.py); every run is a subprocess with
RLIMIT_AS = 1.5 GiB and a per-case time limit, classified as clean / hang / signal /
internal / over 1 GiB / unnamed / warning or English on stderr. The figures appear in the
pytest terminal summary (also under xdist; the table of every run too when one is not clean)
and the test fails on any run that is not clean.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support import hostile as H
from tests.support.office import configure_office
from tests.support.summary import SUMMARY_PROPERTY

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX (FIFOs, RLIMIT_AS)")

KIRIMAN = H.SAMPLES / "rekap" / "kiriman-tw2"
UNITS = H.SAMPLES / "rekap" / "daftar-unit.xlsx"
EVIDENCE = H.SAMPLES / "bukti" / "komdigi-2026"
INJECTION_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every input, built once per module; removed at the end even when a builder fails (the 5,000-level
    evidence tree would make pytest's own recursive cleanup of old temp folders fail)."""
    d = tmp_path_factory.mktemp("hostile")
    try:
        yield _build(d)
    finally:
        H.remove_tree(d)


def _build(d: Path) -> dict[str, Path]:
    out: dict[str, Path] = {"root": d}
    out.update(H.build_workbooks(d / "wb"))
    out.update(H.build_lke(d / "lke"))
    out.update(H.build_damaged_parts(d / "bagian"))
    out.update(H.build_big(d / "besar"))
    for command, (src, sheet) in H.INSPEKTORAT.items():
        out.update(H.build_kind_bad(src, sheet, d / command, f"{command}-"))
    out.update(H.build_data_files(d / "data"))
    out.update(H.build_huge_numbers(d / "angka"))
    out.update(H.build_long_plan(d / "panjang"))
    out["bukti"] = H.build_evidence(d / "ev")
    good = d / "baik"
    good.mkdir()
    for i in range(3):
        shutil.copy(H.VALID_ZI, good / f"unit-{i}.xlsx")
    out["baik"] = good
    (d / "bukti-kosong").mkdir()
    out["bukti-kosong"] = d / "bukti-kosong"
    return out


def _no_injection_in_csv(path: Path) -> str:
    """No cell starts a formula, and the evidence files named like formulas at the evidence root (whose
    path cell starts with the name) are there, neutralised with a leading apostrophe."""
    neutralised = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            for cell in row:
                if cell.startswith(INJECTION_START):
                    return f"injeksi di manifest CSV: {cell[:40]!r}"
                if cell.startswith("'") and cell[1:] in H.INJECTION_NAMES:
                    neutralised.add(cell[1:])
    missing = sorted(set(H.INJECTION_NAMES) - neutralised)
    return f"nama berbahaya di akar bukti tidak dinetralkan di manifest CSV: {missing}" if missing else ""


def _evidence_reported(r: subprocess.CompletedProcess[str]) -> str:
    """Every bomb or damaged evidence file, the FIFO, the odd name and the 5,000-deep folder are named."""
    said = "".join(r.stdout.split())
    folder = "1.ManajemenPerubahan/a.TimKerja/"
    expected = [f"tidakterbaca(tidakdihitungsebagaibukti):{folder}{name}:" for name in
                ("notulen-rapat.docx", "laporan-header-palsu.docx", "materi.odt", "daftar-hadir-rusak.docx")]
    expected += [f"dilewati:{folder}pipa.pdf:", f"dilewati:{folder}foto-", "lebihdari40tingkat"]
    missing = [e for e in expected if e not in said]
    return f"bukti bermasalah tidak disebut: {missing}" if missing else ""


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


BAD = ["xfd-sel", "dimensi-palsu", "bom-header-palsu", "bom-klasik", "deflate-rusak", "entitas",
       "rumus-5000", "anggota-ganda", "anggota-banyak", "terpotong", "fifo", "folder",
       "900mb", "header-palsu-rendah"]
BIG = {"900mb": "melebihi 400 MB", "header-palsu-rendah": "(header palsu)"}


def _said(*words: str) -> Callable[[subprocess.CompletedProcess[str]], str]:
    def check(r: subprocess.CompletedProcess[str]) -> str:
        return "" if all(w in r.stderr for w in words) else f"pesan tanpa {words}"
    return check


def _cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    cases: list[H.Case] = []
    for name in BAD:
        p = c[name]
        # the big ones: refused by the total size measured while inflating, and the lying header as such
        said = _said(BIG[name]) if name in BIG else None
        cases.append(H.Case(f"{name}:validasi", ["validasi", str(p)], names=[p.name], expect_exit=(3,), check=said))
        cases.append(H.Case(f"{name}:validasi --tulis-hasil", ["validasi", "--tulis-hasil", str(p)],
                            names=[p.name], expect_exit=(3,), check=said))
        empty = work / f"bukti-kosong-{name}"
        empty.mkdir()
        cases.append(H.Case(f"{name}:checklist", ["checklist", str(p), "--bukti", str(empty), "-o",
                                                  str(work / f"{name}.checklist.xlsx")],
                            names=[p.name], expect_exit=(3,), check=said))
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
            os.link(p, target)
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
        if name in BIG:  # nilai and surat laporan open workbooks through the same preflight: not again here
            continue
        cases.append(H.Case(f"{name}:nilai", ["nilai", str(p)], names=[p.name], expect_exit=(3,)))
        cases.append(H.Case(f"{name}:surat laporan", [
            "surat", "laporan", "-d", str(H.LAPORAN_DATA), "-w", str(p), "-o", str(work / f"laporan-{name}.docx")],
            names=[p.name], expect_exit=(2, 3) if name == "folder" else (3,)))  # a folder: click's usage error
    cases.extend(_more_cases(c, work))
    good = c["baik"] / "unit-0.xlsx"
    cases.append(H.Case("validasi-beberapa", ["validasi", str(good), str(c["xfd-sel"]), str(good)],
                        names=["xfd-sel.xlsx"], expect_exit=(3,),
                        check=lambda r: "" if r.stdout.count("bersih") == 2 and "xfd-sel.xlsx" in r.stdout + r.stderr
                        else "file baik tidak dilaporkan (dua kali 'bersih')"))
    for name in ("lke-rumus-5000", "lke-rantai-5000", "lke-dimensi", "lke-entitas", "lke-entitas-sheet",
                 "lke-entitas-ss", "lke-jawaban-cmd"):
        p = c[name]
        cases.append(H.Case(f"{name}:nilai", ["nilai", str(p)], names=[p.name], expect_exit=(0, 1, 3)))
    for name in ("lke-dimensi", "lke-entitas-sheet", "lke-jawaban-cmd"):
        p = c[name]
        cases.append(H.Case(f"{name}:surat laporan --lke", [
            "surat", "laporan", "-d", str(H.LAPORAN_DATA), "-w", str(H.VALID_ZI), "--lke", str(p),
            "-o", str(work / f"laporan-{name}.docx")], names=[p.name], expect_exit=(3,)))
    # the formula-looking answer is refused with the file, the sheet and the cell
    p = c["lke-jawaban-cmd"]
    cases.append(H.Case("lke-jawaban-cmd:nilai (pesan)", ["nilai", str(p)], names=[p.name], expect_exit=(3,),
                        check=_said("lke-jawaban-cmd.xlsx", "K9")))
    out = work / "bukti.checklist.xlsx"
    cases.append(H.Case("bukti-bermusuhan:checklist",
                        ["checklist", str(good), "--bukti", str(c["bukti"]), "-o", str(out)],
                        expect_exit=(0, 1), timeout=90,
                        check=lambda r, out=out: _evidence_reported(r) or _checklist_outputs_ok(out)))
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


def _more_cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    """One-byte damage in every part; inspektorat on its own kind's bad workbooks; a FIFO given to rekap."""
    cases: list[H.Case] = []
    for name in sorted(k for k in c if k.startswith("rusak-")):
        p = c[name]
        cases.append(H.Case(f"{name}:validasi", ["validasi", str(p)], names=[p.name], expect_exit=(3,),
                            check=lambda r: "disebut header palsu" if "header palsu" in r.stderr else ""))
    p = c["rusak-xl_worksheets_sheet2_xml"]
    cases.append(H.Case("rusak-sheet2:checklist", ["checklist", str(p), "--bukti", str(c["bukti-kosong"]), "-o",
                                                   str(work / "rusak-sheet2.checklist.xlsx")],
                        names=[p.name], expect_exit=(3,)))
    for command in H.INSPEKTORAT:
        for bad in ("xfd-sel", "deflate-rusak", "entitas"):
            p = c[f"{command}-{bad}"]
            cases.append(H.Case(f"{command}-{bad}:inspektorat {command}", ["inspektorat", command, str(p)],
                                names=[p.name], expect_exit=(3,)))
        p = c[f"{command}-xfd-sel"]
        cases.append(H.Case(f"{command}-xfd-sel:inspektorat {command} --salin",
                            ["inspektorat", command, "--salin", str(p)], names=[p.name], expect_exit=(3,)))
    cases.extend(_data_file_cases(c, work))
    cases.extend(_text_cases(c, work))
    cases.extend(_number_cases(c, work))
    cases.extend(_long_plan_cases(c, work))
    pipe = work / "langsung" / "pipa.xlsx"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    out = work / "R_pipa_langsung.xlsx"
    cases.append(H.Case("fifo-argumen:rekap", ["rekap", str(pipe), str(c["baik"] / "unit-1.xlsx"), "-o", str(out),
                                              "--tanpa-riwayat", "--tanpa-progres"], names=["pipa.xlsx"],
                        expect_exit=(0, 1), timeout=60,
                        check=lambda r, o=out: "" if o.exists() and _named(r, "pipa.xlsx") and "FIFO" in r.stdout
                        else "REKAP tidak ditulis atau pipa tidak disebut"))
    return cases


def _long_plan_cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    """A 2.6 M-cell plan under every preflight limit (G1): validasi streams it; the commands that must hold it
    whole refuse it in one line with the limit; rekap recaps the other units and names it."""
    p = c["rencana-panjang"]
    limit = _said("batas 2.500.000 sel")
    folder = work / "rekap-panjang"
    shutil.copytree(c["baik"], folder)
    os.link(p, folder / p.name)
    out = work / "R_panjang.xlsx"
    return [
        H.Case("rencana-panjang:validasi", ["validasi", str(p)], names=[p.name], expect_exit=(0, 1), timeout=60),
        H.Case("rencana-panjang:validasi --tulis-hasil", ["validasi", "--tulis-hasil", str(p)], names=[p.name],
               expect_exit=(3,), check=limit),
        H.Case("rencana-panjang:checklist", ["checklist", str(p), "--bukti", str(c["bukti-kosong"]), "-o",
                                             str(work / "panjang.checklist.xlsx")], names=[p.name], expect_exit=(3,),
               check=limit),
        H.Case("rencana-panjang:nilai", ["nilai", str(p)], names=[p.name], expect_exit=(3,), check=limit),
        H.Case("rencana-panjang:surat laporan", ["surat", "laporan", "-d", str(H.LAPORAN_DATA), "-w", str(p), "-o",
                                                 str(work / "laporan-panjang.docx")], names=[p.name], expect_exit=(3,)),
        H.Case("rencana-panjang:rekap", ["rekap", str(folder), "-o", str(out), "--tanpa-riwayat", "--tanpa-progres"],
               names=[p.name], expect_exit=(0, 1), timeout=90,
               check=lambda r: "" if out.exists() and _named(r, p.name) else "REKAP tidak ditulis atau file tidak disebut"),
    ]


def _number_cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    """1e308, 1e30 and inf where amounts are summed, taxed and charted: a finding naming the cell, never an
    internal error or a warning (the progress chart of rekap is drawn: no --tanpa-progres)."""
    def finding(cell: str, shown: str) -> Callable[[subprocess.CompletedProcess[str]], str]:
        return lambda r: "" if cell in r.stdout and shown in r.stdout else f"{cell} {shown} tidak dilaporkan"
    cases = []
    for name, command, cell, shown in (("pajak-1e30", "pajak", "K4", "1E+30"), ("pajak-1e308", "pajak", "K4", "1E+308"),
                                       ("pajak-inf", "pajak", "K4", "inf"),
                                       ("gratifikasi-1e308", "gratifikasi", "K4", "1E+308")):
        p = c[name]
        cases.append(H.Case(f"{name}:inspektorat {command}", ["inspektorat", command, str(p)], names=[p.name],
                            expect_exit=(1,), check=finding(cell, shown)))
    p = c["pajak-1e308"]
    cases.append(H.Case("pajak-1e308:inspektorat pajak --salin", ["inspektorat", "pajak", "--salin", str(p)],
                        names=[p.name], expect_exit=(1,), check=finding("K4", "1E+308")))
    p = c["progres-1e308"]
    cases.append(H.Case("progres-1e308:validasi", ["validasi", str(p)], names=[p.name], expect_exit=(1,),
                        check=finding("AE4", "1E+308")))
    for name in ("progres-1e308", "progres-inf"):
        p = c[name]
        folder = work / f"rekap-{name}"
        folder.mkdir()
        shutil.copy(p, folder / p.name)
        out = work / f"R_{name}.xlsx"
        cases.append(H.Case(f"{name}:rekap", ["rekap", str(folder), "-o", str(out), "--tanpa-riwayat"],
                            names=[p.name], expect_exit=(0, 1), timeout=60,
                            check=lambda r, o=out: "" if o.exists() else "REKAP tidak ditulis"))
    return cases


def _text_cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    """A unit's awkward text is text: surat laporan keeps it (no leftover-placeholder refusal, no raw vertical
    tab); REKAP reports the 40,005-character cell instead of cutting it silently."""
    p = c["teks-bermusuhan"]
    letter = work / "laporan-teks.docx"

    def letter_ok(r: subprocess.CompletedProcess[str]) -> str:
        from toolkit.documents.placeholders import docx_text

        if not letter.exists():
            return "laporan tidak ditulis"
        text = docx_text(letter)
        kept = all(t in text for t in ("[daring]", "${anggaran}", "«utama»", "[...]"))
        return "" if kept and "\x0b" not in text else "teks unit tidak utuh atau tab vertikal tertinggal"
    out = work / "R_teks.xlsx"
    folder = work / "rekap-teks"
    folder.mkdir()
    shutil.copy(p, folder / p.name)

    def rekap_ok(r: subprocess.CompletedProcess[str]) -> str:
        import python_calamine as pc

        if not out.exists():
            return "REKAP tidak ditulis"
        wb = pc.CalamineWorkbook.from_path(str(out))
        text = " ".join(str(v) for name in wb.sheet_names for row in wb.get_sheet_by_name(name).to_python()
                        for v in row)
        wb.close()
        return "" if "TEKS-TERLALU-PANJANG" in text and "40.005 karakter" in text else "teks panjang tidak dilaporkan"
    return [
        H.Case("teks-bermusuhan:surat laporan", ["surat", "laporan", "-d", str(H.LAPORAN_DATA), "-w", str(p),
                                                 "--nomor", "LAP-91/ITDA/2026", "-o", str(letter)],
               expect_exit=(0,), check=letter_ok),
        H.Case("teks-bermusuhan:rekap", ["rekap", str(folder), "-o", str(out), "--tanpa-riwayat", "--tanpa-progres"],
               expect_exit=(0, 1), check=rekap_ok, timeout=60),
    ]


def _data_file_cases(c: dict[str, Path], work: Path) -> list[H.Case]:
    """YAML and JSON a person passes: a letter's data, rekap's sender, a unit's manifest; links among the
    submissions."""
    p = c["yaml-bom"]
    cases = [H.Case("yaml-bom:surat nota-dinas -d", ["surat", "nota-dinas", "-d", str(p), "-o", str(work / "nd.docx")],
                    names=[p.name], expect_exit=(3,))]
    for name in ("yaml-bom-pengirim", "yaml-latin1", "yaml-rusak"):
        p = c[name]
        cases.append(H.Case(f"{name}:rekap --pengirim", [
            "rekap", str(KIRIMAN), "--daftar-unit", str(UNITS), "-o", str(work / f"R_{name}.xlsx"),
            "--surat", str(work / f"surat-{name}"), "--pengirim", str(p), "--tanpa-riwayat", "--tanpa-progres"],
            names=[p.name], expect_exit=(3,), timeout=60))
    for name in ("manifest-fifo", "manifest-dalam"):
        p = c[name]
        cases.append(H.Case(f"{name}:checklist --verifikasi", [
            "checklist", str(H.VALID_ZI), "--bukti", str(EVIDENCE), "--verifikasi", str(p)],
            names=[p.name], expect_exit=(3,), timeout=30))
    links = work / "tautan"
    links.mkdir()
    shutil.copy(c["baik"] / "unit-0.xlsx", links / "unit-0.xlsx")
    (links / "tautan.xlsx").symlink_to(H.SAMPLES / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx")
    (links / "etc-luar").symlink_to("/etc")
    out = work / "R_tautan.xlsx"
    cases.append(H.Case("tautan:rekap", ["rekap", str(links), "-o", str(out), "--tanpa-riwayat", "--tanpa-progres"],
                        expect_exit=(0, 1), timeout=60,
                        check=lambda r, o=out: "" if o.exists() and _named(r, "tautan.xlsx") and _named(r, "etc-luar")
                        else "REKAP tidak ditulis atau tautan tidak disebut"))
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
        H.Case("chmod-000-file:validasi --tulis-hasil", ["validasi", "--tulis-hasil", str(closed)],
               names=["tertutup.xlsx"], expect_exit=(3,), wrapper=wrapper),
        H.Case("chmod-000-file:checklist", ["checklist", str(closed), "--bukti", str(bukti), "-o",
                                            str(work / "tertutup.checklist.xlsx")],
               names=["tertutup.xlsx"], expect_exit=(3,), wrapper=wrapper),
        H.Case("chmod-000-file:nilai", ["nilai", str(closed)], names=["tertutup.xlsx"], expect_exit=(3,),
               wrapper=wrapper),
        H.Case("chmod-000-folder:checklist", ["checklist", str(c["baik"] / "unit-0.xlsx"), "--bukti", str(bukti),
                                              "-o", str(out_c)], expect_exit=(0, 1), wrapper=wrapper,
               check=lambda r, o=out_c: "" if o.exists() and _named(r, "terkunci")
               else "checklist tidak ditulis atau folder terkunci tidak disebut"),
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


def test_hostile_corpus(corpus: dict[str, Path], tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    """Every case clean. The figures (and, when a case is not clean, the table of every run) go into the
    pytest terminal summary through the report's user properties (tests/conftest.py): output printed in
    an xdist worker is not relayed, a report is."""
    begun = time.monotonic()
    try:  # the deep folders are removed even when a case fails (pytest's own cleanup recurses)
        configure_office(tmp_path / "kantor")  # surat laporan numbers its report from the office register
        cases = _cases(corpus, tmp_path)
        tally = H.Tally()
        with ThreadPoolExecutor(max_workers=2) as pool:
            for outcome in pool.map(lambda case: H.run_case(case, tmp_path), cases):
                tally.add(outcome)
        figures = tally.figures()
        clean = figures["clean"] == figures["runs"]
        record_property(SUMMARY_PROPERTY, tally.summary(time.monotonic() - begun))
        if not clean:
            record_property(SUMMARY_PROPERTY, tally.report())
        assert clean, tally.report()
    finally:
        H.remove_tree(tmp_path)


def test_zip_writer_lies_as_intended(tmp_path: Path) -> None:
    """The corpus' bomb really declares 30 KB with a matching CRC (so the test proves something)."""
    m = H.bomb_member("x.xml", 8 * H.MiB, declare=30_000)
    p = H.write_zip(tmp_path / "b.zip", [m])
    with zipfile.ZipFile(p) as z:
        assert z.getinfo("x.xml").file_size == 30_000
        assert z.read("x.xml") == bytes(30_000)  # zipfile trusts the header and sees a valid member


def test_a_warning_or_english_on_stderr_is_not_clean(tmp_path: Path) -> None:
    """run_case classifies a run whose stderr carries a Python warning (or English text) as not clean."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text("import warnings\nwarnings.warn('Ignoring URL', UserWarning)\n")
    env = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{H.REPO}"}
    warned = H.run_case(H.Case("peringatan", ["--versi"], expect_exit=(0,)), tmp_path, env)
    assert warned.rc == 0 and warned.verdict.startswith("warning/English"), (warned.verdict, warned.stderr)
    quiet = H.run_case(H.Case("tenang", ["--versi"], expect_exit=(0,)), tmp_path)
    assert quiet.verdict == "clean", (quiet.verdict, quiet.stderr)
    for text in ("x.py:3: ResourceWarning: unclosed file <_io.BufferedReader>",
                 "Galat: file a.xlsx: TypeError: NAN/INF not supported in write_number()",
                 "while parsing a flow sequence\n  in \"<unicode string>\", line 1, column 7",
                 "memory allocation of 549755813888 bytes failed"):
        assert H.foreign_text(text), text
    for text in ("Galat: file komdigi-2026-invalid.xlsx: file rusak: aliran data bagian 'x' rusak.",
                 "PERINGATAN: nomor tidak mengikuti format kantor; tetap dicatat."):
        assert not H.foreign_text(text), text
