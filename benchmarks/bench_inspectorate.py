"""Benchmark: BOS taxes for many transactions — our path (rules loaded once, dated lookup by bisect)
against the naive path (re-reading the YAML rules for every transaction).

    python benchmarks/bench_inspectorate.py [N]
"""

from __future__ import annotations

import datetime as dt
import sys
import time

import yaml

from toolkit.inspectorate import taxes as tx
from toolkit.inspectorate.ruleset import DEFAULT_RULES_DIR, DatedVersions

KINDS = ["Honorarium Kegiatan", "Jasa", "Belanja Barang", "Jasa Konstruksi - Pelaksana", "Makan Minum/Catering"]


def transactions(n: int) -> list[tx.Transaction]:
    start = dt.date(2022, 3, 1)
    return [tx.Transaction(start + dt.timedelta(days=i % 1400), KINDS[i % len(KINDS)], 100_000 + i * 37,
                           "Non PNS" if i % 5 == 0 else "Badan Usaha/Toko", "Ya" if i % 3 else "Tidak",
                           "Kecil", penerima=f"P{i % 97}") for i in range(n)]


class NaiveRules(tx.TaxRules):
    """Re-reads and re-parses both YAML files on every lookup (what a straightforward script does)."""

    def __init__(self) -> None:
        super().__init__()
        self.rounding = "bawah"

    def __getattribute__(self, name: str):  # type: ignore[no-untyped-def]
        if name in ("taxes", "ppn"):
            fname = "pajak_bos" if name == "taxes" else "ppn"
            data = yaml.safe_load((DEFAULT_RULES_DIR / f"{fname}.yaml").read_text(encoding="utf-8"))
            items = sorted(((v["berlaku_mulai"], v) for v in data["versi"]), key=lambda t: t[0])
            return DatedVersions(fname, tuple(s for s, _ in items), tuple(v for _, v in items))
        return object.__getattribute__(self, name)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    items = transactions(n)
    t0 = time.perf_counter()
    ours = tx.compute_all(items, tx.TaxRules())
    t_ours = time.perf_counter() - t0
    naive_n = max(200, n // 50)
    t0 = time.perf_counter()
    naive = tx.compute_all(items[:naive_n], NaiveRules())
    t_naive = (time.perf_counter() - t0) * n / naive_n
    assert [r.amount("ppn") for r in ours[:naive_n]] == [r.amount("ppn") for r in naive]
    print(f"transaksi: {n}")
    print(f"toolkit (aturan dimuat sekali): {t_ours:.2f} s  ({n / t_ours:,.0f} transaksi/s)")
    print(f"naif (YAML dibaca tiap transaksi, diekstrapolasi dari {naive_n}): {t_naive:.2f} s")
    print(f"rasio: {t_naive / t_ours:.1f}x lebih cepat")


if __name__ == "__main__":
    main()
