"""Issue 19: what we write is atomic and concurrency-safe — concurrent runs and SIGKILL mid-write.

Never a corrupt or partial file under a final name, never "Galat internal"; two writers
to one name without --timpa: one wins, the other says so in Indonesian.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support import hostile as H
from toolkit.workbook.atomic import clean_stale, temp_pattern
from toolkit.workbook.verify import verify_workbook

SOURCE = H.SAMPLES / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx"
KIRIMAN = H.SAMPLES / "rekap" / "kiriman-tw2"


def _cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, timeout=timeout)


def _evidence(d: Path) -> Path:
    b = d / "bukti" / "1. Manajemen Perubahan"
    b.mkdir(parents=True)
    for i in range(20):
        (b / f"dokumen-{i}.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000) + b"\n%%EOF\n")
    return d / "bukti"


def _intact(path: Path) -> str:
    """'' when the file under a final name is whole, else why not."""
    try:
        if path.suffix in (".xlsx", ".xlsm"):
            verify_workbook(path)
        elif path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                bad = z.testzip()
                if bad:
                    return f"{path.name}: {bad} rusak"
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            text = path.read_text(encoding="utf-8")
            if not text.startswith("path,size,sha256,mtime") or not text.endswith("\n"):
                return f"{path.name}: CSV terpotong"
        if path.stat().st_size == 0:
            return f"{path.name}: 0 byte"
    except Exception as exc:
        return f"{path.name}: {type(exc).__name__}: {exc}"
    return ""


def test_four_identical_runs_at_once(tmp_path: Path) -> None:
    src = Path(shutil.copy(SOURCE, tmp_path / "unit.xlsx"))
    bukti = _evidence(tmp_path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        timpa = list(pool.map(lambda _i: _cli("validasi", "--tulis-hasil", "--timpa", str(src)), range(4)))
        once = list(pool.map(lambda _i: _cli("checklist", str(src), "--bukti", str(bukti), "-o",
                                             str(tmp_path / "sama.xlsx")), range(4)))
    for r in timpa:
        assert r.returncode == 1 and "Galat internal" not in r.stderr, r.stderr
    assert not _intact(tmp_path / "unit.hasil.xlsx")
    winners = [r for r in once if r.returncode in (0, 1)]
    losers = [r for r in once if r.returncode not in (0, 1)]
    assert winners, [r.stderr for r in once]
    for r in once:
        assert "Galat internal" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    for r in losers:  # 2: it existed before this run started; 3: it appeared while this run wrote
        assert r.returncode in (2, 3) and "sama.xlsx" in r.stderr and ("sudah ada" in r.stderr or "muncul" in r.stderr)
    for p in tmp_path.glob("sama*"):
        assert not _intact(p), _intact(p)
    assert not list(tmp_path.glob(".*.tmp*")), "file sementara tertinggal"


def test_sigkill_never_leaves_a_partial_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = Path(shutil.copy(SOURCE, tmp_path / "unit.xlsx"))
    bukti = _evidence(tmp_path)
    kiriman = Path(shutil.copytree(KIRIMAN, tmp_path / "kiriman"))
    commands = [
        ["validasi", "--tulis-hasil", "--timpa", str(src)],
        ["checklist", str(src), "--bukti", str(bukti), "-o", str(tmp_path / "unit.checklist.xlsx"), "--timpa"],
        ["rekap", str(kiriman), "-o", str(tmp_path / "REKAP.xlsx"), "--timpa", "--tanpa-riwayat", "--tanpa-progres"],
        ["nilai", str(H.LKE_REFERENCE), "--tulis-hasil", "--timpa", "-o", str(tmp_path / "lke.hasil.xlsx")],
    ]
    rng = random.Random(19)
    runs = int(os.environ.get("INTEGRITAS_SIGKILL_RUNS", "24"))
    # one whole run of each first: how long it takes here, so that kills land across the whole run,
    # the writing at its end included
    took = []
    for argv in commands:
        start = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "toolkit", *argv], capture_output=True, text=True, timeout=180)
        assert r.returncode in (0, 1), r.stderr
        took.append(time.monotonic() - start)
    killed = partial = 0
    budget = time.monotonic() + 90
    seen_temps: set[str] = set()
    done = 0
    for i in range(runs):
        if time.monotonic() > budget:
            break
        argv = commands[i % len(commands)]
        proc = subprocess.Popen([sys.executable, "-m", "toolkit", *argv], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.4, 1.05) * took[i % len(commands)])
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
        done += 1
        seen_temps |= {p.name for p in tmp_path.iterdir() if p.name.startswith(".") and ".tmp" in p.name}
        for p in tmp_path.iterdir():
            if p.is_file() and not p.name.startswith(".") and p.suffix in (".xlsx", ".json", ".csv") \
                    and p.name != "unit.xlsx":
                problem = _intact(p)
                if problem:
                    partial += 1
                    print("SEBAGIAN:", problem)
    # no kill landed while writing yet (a loaded machine shifts the timing): aim a few more at the end
    for extra in range(12 if not seen_temps else 0):
        j = extra % len(commands)
        proc = subprocess.Popen([sys.executable, "-m", "toolkit", *commands[j]], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.8, 1.0) * took[j])
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
        done += 1
        seen_temps |= {p.name for p in tmp_path.iterdir() if p.name.startswith(".") and ".tmp" in p.name}
        if seen_temps:
            break
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and ".tmp" in p.name]
    with capsys.disabled():
        print(f"\nSIGKILL: {done} run, {killed} dibunuh di tengah jalan, {partial} file sebagian di nama akhir, "
              f"{len(seen_temps)} kali dibunuh saat menulis (file sementara tersembunyi tertinggal, dibersihkan "
              f"run berikutnya; {len(leftovers)} masih ada di akhir)")
    assert partial == 0
    assert done >= 8
    # a test that can't fail is a defect: the kills must actually land mid-run, some while writing
    # (kills are spread over 0.4-1.05 of each command's measured time, so most land before the end)
    assert killed >= 3, f"hanya {killed} dari {done} run yang terbunuh di tengah jalan"
    assert seen_temps, "tidak ada run yang terbunuh saat menulis (tidak pernah tampak file sementara)"
    # the next run removes the leftovers of killed runs of its own output (their processes are gone)
    for target in ("unit.hasil.xlsx", "unit.checklist.xlsx", "REKAP.xlsx", "lke.hasil.xlsx"):
        clean_stale(tmp_path / target)
    remaining = [n for n in leftovers if (tmp_path / n).exists()]
    assert not remaining, remaining
    assert temp_pattern(Path("REKAP.xlsx")) == ".REKAP.*.tmp.xlsx"
    # a leftover of a live process (here: this one) is left alone
    from toolkit.workbook import atomic

    live = tmp_path / f".REKAP.{atomic._OWNER}.abc.tmp.xlsx"
    live.write_bytes(b"")
    assert clean_stale(tmp_path / "REKAP.xlsx") == [] and live.exists()
