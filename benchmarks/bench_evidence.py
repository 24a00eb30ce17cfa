"""Benchmark: scanning an evidence folder of 20,000 files with sha256, ours vs the naive way, same run.

    python benchmarks/bench_evidence.py [--files 20000]

* input: generated into benchmarks/_work/evidence-<files>/ (gitignored), reused when there:
  six area folders x TW/kegiatan folders, mostly PDFs/PNGs of 16-128 KiB
  and 1 % large ones (2 MiB), as a unit's scanned PDFs and phone photos look;
* naive: one thread, ``os.walk`` + ``open().read()`` of the whole file + ``hashlib.sha256``;
* ours: ``toolkit.evidence.scan`` — ``os.scandir`` walk that never follows links, 1 MiB
  streamed chunks into sha256, magic-byte sniffing, PDF structure check and embedded date,
  batches over a process pool (one worker per core); also shown with one worker.

Prints files/second for each and the ratio. The page cache is warmed first so that the
disk does not decide the race.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from tests.support.evidence_files import pdf_bytes, png_bytes  # noqa: E402
from toolkit.evidence.scanner import scan  # noqa: E402

WORK = ROOT / "_work"
AREAS = ("01-manajemen-perubahan", "02-penataan-tatalaksana", "03-penataan-sistem-manajemen-sdm",
         "04-penguatan-akuntabilitas-kinerja", "05-penguatan-pengawasan", "06-peningkatan-kualitas-pelayanan-publik")


def generate(folder: Path, n: int) -> None:
    marker = folder / ".lengkap"
    if marker.exists():
        return
    rng = random.Random(4)
    for i in range(n):
        area = AREAS[i % 6]
        sub = f"TW-{'I' * (1 + i % 3)}" if i % 2 else f"kegiatan-{1 + i % 7:02d}/2026-{1 + i % 6:02d}"
        d = folder / area / sub
        d.mkdir(parents=True, exist_ok=True)
        date = dt.date(2026, 1 + i % 6, 1 + i % 28)
        big = i % 100 == 0
        pad = rng.randbytes(2 * 1024 * 1024 if big else rng.randint(16, 128) * 1024)
        if i % 3 == 0:
            (d / f"foto_{i:05d}.png").write_bytes(png_bytes(date) + pad)
        else:
            body = pdf_bytes(f"Dokumen {i}", date)
            (d / f"laporan_{i:05d}.pdf").write_bytes(body[:9] + b"%" + pad + b"\n" + body[9:])
    marker.write_text("ok")


def naive(folder: Path) -> int:
    count = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as fh:
                data = fh.read()
            hashlib.sha256(data).hexdigest()
            count += 1
    return count


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=20000)
    args = ap.parse_args()
    folder = WORK / f"evidence-{args.files}"
    t0 = time.perf_counter()
    generate(folder, args.files)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"folder: {folder} ({args.files} file, {size / 2**20:.0f} MiB; disiapkan dalam "
          f"{time.perf_counter() - t0:.1f} s); inti CPU: {os.cpu_count()}")
    naive(folder)  # warm the page cache
    rounds = 3  # the machine may be shared: best of three, alternating, for each side
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    runs = {
        "naive": lambda: naive(folder),
        "one": lambda: len(scan(folder, workers=1).files),
        "threads": lambda: len(scan(folder, mode="thread").files),
        "processes": lambda: len(scan(folder, mode="process").files),
    }
    for _ in range(rounds):
        for key, fn in runs.items():
            t, n = timed(fn)
            best[key] = min(best.get(key, t), t)
            counts[key] = int(n)  # type: ignore[call-overload]
    assert counts["naive"] - 1 == counts["one"] == counts["threads"] == counts["processes"], counts
    n = counts["one"]
    cores = os.cpu_count()
    print(f"naif  (os.walk + baca utuh + sha256, 1 thread) : {n / best['naive']:8.0f} file/detik "
          f"({best['naive']:.2f} s)")
    print(f"kita  (scan, 1 thread)                         : {n / best['one']:8.0f} file/detik ({best['one']:.2f} s)")
    print(f"kita  (scan, {cores} thread)                         : {n / best['threads']:8.0f} file/detik "
          f"({best['threads']:.2f} s)")
    print(f"kita  (scan, {cores} proses)                         : {n / best['processes']:8.0f} file/detik "
          f"({best['processes']:.2f} s)")
    ours = min(best["threads"], best["processes"])
    print(f"rasio kita/naif: {best['naive'] / ours:.2f}x; kita memeriksa juga jenis isi (magic bytes), "
          "struktur PDF dan tanggal dokumen, dan tidak pernah membaca file utuh ke memori")
    return 0


if __name__ == "__main__":
    sys.exit(main())
