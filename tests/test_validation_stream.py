"""Huge sheets are validated streaming, in bounded memory, with the same findings as the loaded path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.validation_helpers import REPO, SAMPLES, write_huge_kalender
from toolkit.validation import validate_path

ALL_SAMPLES = sorted(SAMPLES.glob("*/*-valid.xlsx")) + sorted(SAMPLES.glob("*/*-invalid.xlsx"))


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_streaming_path_gives_the_same_findings(path: Path) -> None:
    loaded = validate_path(path)
    streamed = validate_path(path, stream_threshold=0)  # every sheet streamed from its XML
    assert streamed.flatten(["sheet", "cell", "rule_id", "severity", "message"]) == \
        loaded.flatten(["sheet", "cell", "rule_id", "severity", "message"])
    assert streamed.rows_checked == loaded.rows_checked


def test_small_generated_workbook_streams(tmp_path: Path) -> None:
    path = write_huge_kalender(tmp_path / "kecil.xlsx", 500, {7: {"C": "Bulan Ketigabelas"}, 300: {"B": "9"}})
    report = validate_path(path, stream_threshold=0)
    assert {(f.rule_id, f.cell) for f in report.findings if f.sheet == "Materi Tematik"} == {
        ("PILIHAN", "C11"), ("KAL-TEMA-RUJUKAN", "B304")}
    assert report.rows_checked == 502


# The child's own peak: VmHWM of its address space. Not ru_maxrss: on Linux a child started by
# fork/vfork + exec inherits the parent's high-water mark in ru_maxrss, so in a full pytest run
# (a parent of ~600 MB) it reported 625 MB for a child that peaks near 110 MB.
_CHILD = """
import json, sys
from toolkit.validation import validate_path
r = validate_path(sys.argv[1])
with open("/proc/self/status") as status:
    peak_kib = int(next(line for line in status if line.startswith("VmHWM:")).split()[1])
print(json.dumps({"findings": [[f.rule_id, f.sheet, f.cell] for f in r.findings], "rows": r.rows_checked,
                  "peak_mb": peak_kib / 1024}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from /proc (Linux)")
def test_one_million_rows_in_bounded_memory(tmp_path: Path) -> None:
    """1,000,000 rows of *Materi Tematik*: loading them (calamine) would take about 1 GB; we stay far below."""
    n = 1_000_000
    path = write_huge_kalender(tmp_path / "sejuta.xlsx", n, {
        10: {"C": "Bulan Ketigabelas"}, 500_000: {"B": "99"}, n - 1: {"D": '=HYPERLINK("http://x")'}})
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, cwd=REPO,
                          timeout=900, check=True)
    result = json.loads(proc.stdout)
    print(f"1.000.000 baris: puncak memori {result['peak_mb']:.0f} MB")
    found = {tuple(f) for f in result["findings"] if f[1] == "Materi Tematik"}
    assert found == {("PILIHAN", "Materi Tematik", "C14"), ("KAL-TEMA-RUJUKAN", "Materi Tematik", "B500004"),
                     ("INJEKSI-FORMULA", "Materi Tematik", f"D{n + 3}")}
    assert result["rows"] == n + 2
    assert result["peak_mb"] < 300
