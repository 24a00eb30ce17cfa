#!/usr/bin/env python
"""Benchmark: number allocation, 8 processes at once, on SQLite and on PostgreSQL — against naive paths.

Ours: ``NumberRegister.allocate`` (one transaction per number: SQLite ``BEGIN IMMEDIATE`` in
WAL mode; PostgreSQL row lock on the counter; number row inserted in the same
transaction). Checked afterwards: no duplicate, no gap.

Naive, same run, same process count: (1) a plain counter file (read, add one, write; no
lock) and (2) autocommit per statement (``SELECT MAX(urut)+1`` then ``INSERT``, each its own
transaction, no lock) on the same backend. They are as fast or faster and hand out
duplicate numbers — the figure that matters is the duplicates column.

PostgreSQL runs in a throw-away cluster (tests/support/postgres.py) with fsync ON, so
commits cost what they cost on a real server. Usage:
python benchmarks/bench_store.py [--procs 8] [--each 200] [--tanpa-postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from toolkit.documents.register import NumberRegister  # noqa: E402
from toolkit.store import open_store  # noqa: E402


def _ours(url: str, n: int, q: mp.Queue) -> None:  # type: ignore[type-arg]
    with NumberRegister(url) as reg:
        q.put([reg.allocate("nota-dinas", tanggal=dt.date(2026, 1, 5)) for _ in range(n)])


def _file_counter(path: str, n: int, q: mp.Queue) -> None:  # type: ignore[type-arg]
    got = []
    for _ in range(n):
        p = Path(path)
        try:
            last = int(p.read_text() or 0)
        except ValueError:  # read while another process was writing
            last = 0
        p.write_text(str(last + 1))
        got.append(str(last + 1))
    q.put(got)


def _autocommit(url: str, n: int, q: mp.Queue) -> None:  # type: ignore[type-arg]
    got = []
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=60)
        ph = "?"
    else:
        import psycopg

        conn = psycopg.connect(url, autocommit=True)  # type: ignore[assignment]
        ph = "%s"
    for _ in range(n):
        nxt = conn.execute("SELECT COALESCE(MAX(urut), 0) + 1 FROM naif").fetchone()[0]  # type: ignore[index]
        conn.execute(f"INSERT INTO naif (urut) VALUES ({ph})", (nxt,))
        got.append(str(nxt))
    conn.close()
    q.put(got)


def run_parallel(target, arg: str, procs: int, each: int) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    ctx = mp.get_context("fork")
    q: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    ps = [ctx.Process(target=target, args=(arg, each, q)) for _ in range(procs)]
    start = time.perf_counter()
    for p in ps:
        p.start()
    got = [n for _ in ps for n in q.get(timeout=1800)]
    for p in ps:
        p.join()
    return time.perf_counter() - start, got


def report(label: str, seconds: float, numbers: list[str], total: int) -> None:
    dups = sum(c - 1 for c in Counter(numbers).values() if c > 1)
    print(f"  {label:<44} {total / seconds:>9.0f} nomor/detik   ganda: {dups:>5}   ({seconds:.2f} detik)")


def bench_backend(name: str, url: str, tmp: Path, procs: int, each: int) -> None:
    total = procs * each
    print(f"\n{name}: {procs} proses x {each} nomor = {total}")
    open_store(url).close()
    seconds, got = run_parallel(_ours, url, procs, each)
    with NumberRegister(url) as reg:
        urut = [r.urut for r in reg.issued()]
    ok = urut == list(range(1, total + 1)) and len(set(got)) == total
    report("toolkit (transaksi + kunci)", seconds, got, total)
    print(f"  {'':<44} {'tanpa ganda dan tanpa lompatan' if ok else '!! GANDA ATAU LOMPATAN'}")
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        conn.execute("CREATE TABLE naif (urut INTEGER)")
        conn.commit()
        conn.close()
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE naif (urut INTEGER)")
    seconds, got = run_parallel(_autocommit, url, procs, each)
    report("naif: autocommit per perintah, tanpa kunci", seconds, got, total)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--procs", type=int, default=8)
    ap.add_argument("--each", type=int, default=200)
    ap.add_argument("--tanpa-postgres", action="store_true")
    ap.add_argument("--pg-fsync-off", action="store_true", help="PostgreSQL tanpa fsync (batas atas CPU, bukan angka nyata)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        counter = tmp / "penghitung.txt"
        counter.write_text("0")
        seconds, got = run_parallel(_file_counter, str(counter), args.procs, args.each)
        print(f"File penghitung biasa: {args.procs} proses x {args.each} nomor")
        report("naif: baca-tambah-tulis file, tanpa kunci", seconds, got, args.procs * args.each)
        bench_backend("SQLite (WAL, BEGIN IMMEDIATE)", f"sqlite:///{tmp / 'bench.sqlite'}", tmp, args.procs, args.each)
        if args.tanpa_postgres:
            return
        from tests.support.postgres import start_cluster

        cluster = start_cluster(fsync=not args.pg_fsync_off)
        try:
            bench_backend(f"PostgreSQL (fsync {'off' if args.pg_fsync_off else 'on'}, port {cluster.port})", cluster.create_database("bench"), tmp,
                          args.procs, args.each)
        finally:
            cluster.destroy()


if __name__ == "__main__":
    main()
