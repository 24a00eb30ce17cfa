"""Benchmark: scoring N LKE workbooks with our evaluator vs recalculating them in LibreOffice (the naive path).

    python benchmarks/bench_scoring.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests.support
from tests.support.recalc import recalculate
from toolkit.scoring import score_lke

OFFICIAL = Path(__file__).resolve().parent.parent / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"


def main(n: int = 10) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(n):
            wb = openpyxl.load_workbook(OFFICIAL)
            ws = wb["LKE ZI"]
            rng = random.Random(i)
            for r in range(8, 198):
                if ws[f"J{r}"].value in ("A/B/C", "A/B/C/D", "A/B/C/D/E"):
                    ws[f"K{r}"] = rng.choice("ABC")
            path = Path(tmp) / f"lke-{i}.xlsx"
            wb.save(path)
            files.append(path)
        t0 = time.perf_counter()
        ours = [score_lke(f).total_official for f in files]
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        produced = recalculate(files, Path(tmp) / "lo")
        lo = [openpyxl.load_workbook(p, data_only=True)["LKE ZI"]["L208"].value for p in produced]
        t_lo = time.perf_counter() - t0
        assert all(abs((a or 0) - b) < 5e-5 for a, b in zip(ours, lo, strict=True))
        print(f"{n} LKE: toolkit {t_ours:.2f} s ({t_ours / n * 1000:.0f} ms/file); LibreOffice recalculation "
              f"{t_lo:.2f} s; ratio {t_lo / t_ours:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
