"""Benchmark: the PortalRB API under PortalRB-like load, over real TLS on loopback.

    python benchmarks/bench_layanan.py [--units 300] [--clients 8] [--rounds 2]

* inputs: a synthetic agency (10 % official 2021 workbooks, the rest 2026 forms) generated into
  benchmarks/_work/layanan-<units>/ (gitignored) and reused; recap into a SQLite store there,
  every unit proposed and confirmed, one token;
* server: ``integritas layanan jalan`` in a subprocess (uvicorn, self-signed certificate);
* load: ``--clients`` concurrent PortalRB-like clients (list WBK, list WBBM, each unit; retry on
  5xx), each fetching every unit ``--rounds`` times, after one warm-up pass.

Prints requests per second, p50/p99/max latency, errors, and the server's resident memory before
and after the load (flat = no growth per request). The client runs in this process, so on a
2-core machine the figure is a lower bound of what the server alone can do.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
WORK = ROOT / "_work"


def main() -> None:
    from tests.support import lke_server
    from tests.support.lke_agency import build_agency
    from tests.support.portalrb_client import PortalRB
    from tests.support.tls import self_signed
    from toolkit.lke.recap import run_recap
    from toolkit.store import lke as lke_store
    from toolkit.store import open_store

    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=300)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    work = WORK / f"layanan-{args.units}"
    folder = work / "unit"
    if not folder.exists() or len(list(folder.glob("*.xlsx"))) != args.units:
        shutil.rmtree(work, ignore_errors=True)
        t = time.perf_counter()
        build_agency(folder, n=args.units, n2021=max(1, args.units // 10))
        print(f"agensi sintetis: {args.units} workbook dalam {time.perf_counter() - t:.1f} s")
    db = work / "integritas.sqlite"
    db.unlink(missing_ok=True)
    store = open_store(f"sqlite:///{db}")
    t = time.perf_counter()
    run = run_recap([folder], work / "REKAP.xlsx", store=store, overwrite=True)
    print(f"rekap: {len(run.recap.ranked)} unit dalam {time.perf_counter() - t:.1f} s")
    lke_store.save_proposals(store, run.recap.period, [
        lke_store.Proposal(o.unit_id, o.name, "WBBM" if o.wbbm else "WBK", not o.wbk) for o in run.recap.ranked])
    _id, token = lke_store.create_token(store, "bench")
    store.close()
    cert, key = self_signed(work / "tls")
    server = lke_server.start(f"sqlite:///{db}", work, cert=cert, key=key, extra=("--batas-per-detik", "100000"))
    try:
        with server.client(token) as c:
            warm = PortalRB(c).fetch()
            assert not warm.failed, warm.failed
        rss_before = server.rss_kib()
        latencies: list[float] = []
        failures: list[str] = []

        def client() -> None:
            with server.client(token) as c:
                for _ in range(args.rounds):
                    r = PortalRB(c, delays=(0, 0.5, 1.0)).fetch()
                    latencies.extend(r.latencies)
                    failures.extend(f"{k}: {v}" for k, v in r.failed.items())

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        elapsed = time.perf_counter() - t
        rss_after = server.rss_kib()
    finally:
        server.stop()
    latencies.sort()
    n = len(latencies)

    def pct(p: float) -> float:
        return latencies[min(n - 1, max(0, int(n * p) - 1))] * 1000

    print(f"beban: {args.clients} klien x {args.rounds} putaran x {args.units} unit = {n} permintaan "
          f"dalam {elapsed:.2f} s")
    print(f"  {n / elapsed:.0f} permintaan/detik; latensi p50 {pct(0.50):.1f} ms, p99 {pct(0.99):.1f} ms, "
          f"maks {latencies[-1] * 1000:.1f} ms; galat {len(failures)}")
    print(f"  memori server (RSS): {rss_before / 1024:.1f} MiB sebelum, {rss_after / 1024:.1f} MiB sesudah "
          f"(selisih {(rss_after - rss_before) / 1024:+.1f} MiB)")
    if failures:
        print("  " + "\n  ".join(failures[:10]))
        sys.exit(1)


if __name__ == "__main__":
    main()
