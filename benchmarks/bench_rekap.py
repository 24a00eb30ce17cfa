"""Benchmark: recap of 500 unit workbooks x 200 rows, ours vs the naive way, in the same run.

    python benchmarks/bench_rekap.py [--units 500] [--rows 200]

* inputs: generated into benchmarks/_work/rekap-<units>x<rows>/ (gitignored) with
  XlsxWriter ``constant_memory`` on both cores; reused when already there;
* ours: ``run_rekap`` (python-calamine on every core, validation, progress per area,
  REKAP.xlsx streamed with XlsxWriter constant_memory while the workers read, SQLite history);
* naive: ``openpyxl.load_workbook`` per file on one core, every row appended to one
  openpyxl workbook, saved (no validation at all).

Each side runs in its own subprocess (ours first, then naive, one after the other); the
wall-clock ratio is the figure of the target. On a machine that is busy with other work
the wall ratio understates ours (it needs both cores), so the CPU seconds of every
process of each side are printed too. Peak memory is ``ru_maxrss`` of that process
plus the largest of its children (``RUSAGE_CHILDREN``, the workers), an upper bound
of what was resident at once. Targets (issue 5): >= 5x faster, < 2 GiB peak.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent
WORK = ROOT / "_work"

OURS = r"""
import json, resource, sys, time
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests.support
from toolkit.rekap import run_rekap
folder, units, out, db = sys.argv[1:5]
t = time.perf_counter()
run = run_rekap([folder], out, unit_list=units, db=db, show_progress=sys.stderr.isatty())
seconds = time.perf_counter() - t
usage, child = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
me, kids = usage.ru_maxrss, child.ru_maxrss
cpu = usage.ru_utime + usage.ru_stime + child.ru_utime + child.ru_stime
print(json.dumps({"seconds": seconds, "self_kib": me, "children_kib": kids, "cpu": cpu,
                  "rows": run.result.rows_accepted("rencana"), "units": len(run.result.accepted)}))
"""

NAIVE = r"""
import json, resource, sys, time
from pathlib import Path
import openpyxl
folder, out = sys.argv[1:3]
t = time.perf_counter()
merged = openpyxl.Workbook()
ws = merged.active
ws.title = "Rencana Kerja"
ws2 = merged.create_sheet("Matriks Komitmen")
rows = 0
for path in sorted(Path(folder).glob("*.xlsx")):
    wb = openpyxl.load_workbook(path)
    ident = wb["Identitas"]
    kode = next((r[1].value for r in ident.iter_rows() if r[0].value == "Kode Unit"), None)
    for name, target in (("Rencana Kerja", ws), ("Matriks Komitmen", ws2)):
        for row in wb[name].iter_rows(min_row=4, values_only=True):
            if any(v is not None for v in row):
                target.append([kode, *row])
                rows += name == "Rencana Kerja"
    wb.close()
merged.save(out)
seconds = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_SELF)
me = usage.ru_maxrss
print(json.dumps({"seconds": seconds, "self_kib": me, "children_kib": 0, "rows": rows,
                  "cpu": usage.ru_utime + usage.ru_stime}))
"""


def _one(args: tuple[str, int, int, int]) -> None:
    from tests.support.synthetic_units import (
        identitas_for,
        komitmen_rows,
        unit_rows,
        write_unit_workbook_fast,
    )

    folder, i, n_rows, seed = args
    rng = random.Random(seed + i)
    kode = f"KPPN-{i:03d}"
    write_unit_workbook_fast(Path(folder) / f"{kode}.xlsx", identitas_for(kode, f"KPPN Kota {i:03d}", "KPPN"),
                             {"rencana": unit_rows(rng, n_rows), "komitmen": komitmen_rows()})


def generate(n_units: int, n_rows: int) -> tuple[Path, Path]:
    from toolkit.rekap.units import Unit, write_unit_list

    base = WORK / f"rekap-{n_units}x{n_rows}"
    inbox = base / "kiriman"
    units = base / "daftar-unit.xlsx"
    marker = base / ".lengkap"
    if marker.exists():
        return inbox, units
    inbox.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(_one, [(str(inbox), i, n_rows, 7) for i in range(1, n_units + 1)], chunksize=16))
    write_unit_list(units, [Unit(f"KPPN-{i:03d}", f"KPPN Kota {i:03d}", "KPPN") for i in range(1, n_units + 1)])
    marker.write_text("ok")
    print(f"masukan: {n_units} workbook x {n_rows} baris dibuat dalam {time.perf_counter() - t:.1f} s ({inbox})")
    return inbox, units


def _run(code: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"gagal:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--rows", type=int, default=200)
    args = ap.parse_args()
    inbox, units = generate(args.units, args.rows)
    out = WORK / "hasil"
    out.mkdir(parents=True, exist_ok=True)
    db = out / "riwayat.sqlite"
    for old in (db, out / "REKAP.xlsx", out / "naif.xlsx"):  # run_rekap refuses to overwrite
        old.unlink(missing_ok=True)
    ours = _run(OURS, str(inbox), str(units), str(out / "REKAP.xlsx"), str(db))
    naive = _run(NAIVE, str(inbox), str(out / "naif.xlsx"))
    assert ours["rows"] == naive["rows"] == args.units * args.rows, (ours, naive)
    peak_ours = (ours["self_kib"] + ours["children_kib"]) / 1024
    peak_naive = naive["self_kib"] / 1024
    ratio = naive["seconds"] / ours["seconds"]
    print(f"{args.units} workbook x {args.rows} baris = {ours['rows']} baris Rencana Kerja, {os.cpu_count()} inti")
    print(f"  kita (calamine, {os.cpu_count()} proses, validasi + REKAP.xlsx): {ours['seconds']:7.1f} s, "
          f"puncak memori {peak_ours:6.0f} MiB (induk {ours['self_kib'] / 1024:.0f} + pekerja terbesar "
          f"{ours['children_kib'] / 1024:.0f})")
    print(f"  naif (openpyxl load_workbook, 1 proses, tanpa validasi):     {naive['seconds']:7.1f} s, "
          f"puncak memori {peak_naive:6.0f} MiB")
    print(f"  waktu CPU (semua proses): kita {ours['cpu']:.1f} s, naif {naive['cpu']:.1f} s "
          f"({naive['cpu'] / ours['cpu']:.1f}x lebih sedikit; beban mesin saat diukur: "
          f"{os.getloadavg()[0]:.1f})")
    print(f"  rasio: {ratio:.1f}x lebih cepat (target >= 5x: {'tercapai' if ratio >= 5 else 'BELUM'}); "
          f"memori < 2 GiB: {'ya' if peak_ours < 2048 else 'TIDAK'}")


if __name__ == "__main__":
    main()
