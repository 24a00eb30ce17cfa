"""Issue 19: what we write is atomic and concurrency-safe — concurrent runs and SIGKILL mid-write.

Never a corrupt or partial file under a final name, never "Galat internal"; two writers
to one name without --timpa: one wins, the other says so in Indonesian.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.support.sigkill import ISSUE_COMMANDS, OFFICE, SOURCE, Stream, evidence, intact, register_problems
from tests.support.summary import SUMMARY_PROPERTY
from toolkit.workbook.atomic import clean_stale, temp_pattern


def _cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, timeout=timeout)


def test_four_identical_runs_at_once(tmp_path: Path) -> None:
    src = Path(shutil.copy(SOURCE, tmp_path / "unit.xlsx"))
    bukti = evidence(tmp_path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        timpa = list(pool.map(lambda _i: _cli("validasi", "--tulis-hasil", "--timpa", str(src)), range(4)))
        once = list(pool.map(lambda _i: _cli("checklist", str(src), "--bukti", str(bukti), "-o",
                                             str(tmp_path / "sama.xlsx")), range(4)))
    for r in timpa:
        assert r.returncode == 1 and "Galat internal" not in r.stderr, r.stderr
    assert not intact(tmp_path / "unit.hasil.xlsx")
    winners = [r for r in once if r.returncode in (0, 1)]
    losers = [r for r in once if r.returncode not in (0, 1)]
    assert winners, [r.stderr for r in once]
    for r in once:
        assert "Galat internal" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    for r in losers:  # 2: it existed before this run started; 3: it appeared while this run wrote
        assert r.returncode in (2, 3) and "sama.xlsx" in r.stderr and ("sudah ada" in r.stderr or "muncul" in r.stderr)
    for p in tmp_path.glob("sama*"):
        assert not intact(p), intact(p)
    assert not list(tmp_path.glob(".*.tmp*")), "file sementara tertinggal"


def test_mixed_writers_to_one_name(tmp_path: Path) -> None:
    """``validasi --tulis-hasil --timpa`` and ``checklist -o`` the same name at once (the audit saw a corrupt final
    file in 7 of 12 rounds): one wins, the other says so, never a corrupt file or a mix of the two."""
    import python_calamine as pc

    src = Path(shutil.copy(SOURCE, tmp_path / "unit.xlsx"))
    bukti = evidence(tmp_path)
    target = tmp_path / "unit.hasil.xlsx"
    outcomes: Counter[str] = Counter()
    # (the name exists before the round, checklist has --timpa): without --timpa checklist must refuse an existing
    # file, and may win or lose the race for a new one
    for round_, (present, overwrite) in enumerate([(False, False), (True, False), (True, True), (False, True)]):
        if not present:
            target.unlink(missing_ok=True)
        assert target.exists() == present
        timpa = ["--timpa"] if overwrite else []
        with ThreadPoolExecutor(max_workers=2) as pool:
            a = pool.submit(_cli, "validasi", "--tulis-hasil", "--timpa", str(src))
            b = pool.submit(_cli, "checklist", str(src), "--bukti", str(bukti), "-o", str(target), *timpa)
            va, ch = a.result(), b.result()
        for r in (va, ch):
            assert "Galat internal" not in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert va.returncode == 1, va.stderr  # --timpa: it always writes (findings: exit 1)
        if present and not overwrite:
            assert ch.returncode == 2, (ch.returncode, ch.stderr)
        if ch.returncode not in (0, 1):  # the loser names the file and says why
            assert ch.returncode in (2, 3) and "unit.hasil.xlsx" in ch.stderr, ch.stderr
            assert "sudah ada" in ch.stderr or "muncul" in ch.stderr, ch.stderr
        problem = intact(target)
        assert not problem, (round_, problem)
        sheets = set(pc.CalamineWorkbook.from_path(str(target)).sheet_names)
        made_by = {"validasi": "Hasil Validasi" in sheets, "checklist": "Checklist Bukti" in sheets}
        assert sum(made_by.values()) == 1, (round_, sorted(sheets))  # one writer's whole file, not a mix
        outcomes[f"{[k for k, v in made_by.items() if v][0]} menang, checklist exit {ch.returncode}"] += 1
        assert not list(tmp_path.glob(".*.tmp*")), "file sementara tertinggal"
    assert sum(outcomes.values()) == 4, outcomes


def test_sigkill_never_leaves_a_partial_file(tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    """Issue 19: 100 runs killed by SIGKILL at random moments across validasi --tulis-hasil, checklist, rekap
    and surat (nilai rides along): never a corrupt or partial file under a final name, the office register
    whole and consistent with the letters, and the next run cleans up and works.

    Two kill streams run side by side (2 cores), each in its own folder; both number their letters
    from the one office register. INTEGRITAS_SIGKILL_RUNS lowers the number of kills for local work.
    """
    begun = time.monotonic()
    target = int(os.environ.get("INTEGRITAS_SIGKILL_RUNS", "100"))
    made = _cli("kantor", "buat", "--dari", str(OFFICE))
    assert made.returncode == 0, made.stderr
    db = Path(os.environ["INTEGRITAS_DATA"]) / "integritas.sqlite"
    assert db.is_file()
    quota = -(-target // (2 * len(ISSUE_COMMANDS)))  # kills per command per stream
    deadline = time.monotonic() + 210  # with the measuring and the reruns: ~4 min at most
    streams = [Stream(tmp_path / name, db, quota, deadline, seed=19 + i) for i, name in enumerate("ab")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(Stream.prepare, streams))  # measured side by side: the same load as the kills
        list(pool.map(Stream.run, streams))
        seen_leftovers = sum(len(s.leftovers()) for s in streams)
        list(pool.map(Stream.rerun, streams))  # works, and removes the killed runs' leftovers

    def total(attr: str) -> Counter[str]:
        return sum((getattr(s, attr) for s in streams), Counter())

    runs, killed, aimed, writing = total("runs"), total("killed"), total("aimed"), total("writing")
    partial = [p for s in streams for p in s.partial]
    failed = [p for s in streams for p in s.failed]
    register = [p for s in streams for p in s.register]
    problems, statuses = register_problems(db, [s.folder / "nd.docx" for s in streams])
    register += problems
    leftovers = [n for s in streams for n in s.leftovers()]
    issue_kills = sum(killed[n] for n in ISSUE_COMMANDS)
    per = ", ".join(f"{n} {runs[n]}/{killed[n]}/{writing[n]}" for n in runs)
    # in the pytest terminal summary (tests/conftest.py): printing from a test is lost under xdist
    record_property(SUMMARY_PROPERTY, (
        f"SIGKILL: {sum(runs.values())} run, {sum(killed.values())} dibunuh di tengah jalan "
        f"({issue_kills} pada {', '.join(ISSUE_COMMANDS)}; {sum(aimed.values())} dibidik saat menulis), "
        f"{sum(writing.values())} kali dibunuh saat menulis (file sementara terlihat), {len(partial)} file "
        f"sebagian di nama akhir; per perintah run/dibunuh/saat menulis: {per}; register: "
        f"{statuses['terbit']} nomor terbit, {statuses['dicadangkan']} sedang dibuat (run terbunuh), "
        f"{statuses['batal']} batal, {len(register)} masalah; {seen_leftovers} file sementara tertinggal, "
        f"{len(leftovers)} masih ada setelah run ulang; {time.monotonic() - begun:.0f} detik"))
    assert not partial, partial
    assert not failed, failed
    assert not register, register
    # a test that can't fail is a defect: the kills must land mid-run, in every command, some while writing
    assert issue_kills >= target, f"hanya {issue_kills} dari {target} run yang terbunuh di tengah jalan: {per}"
    for name in ISSUE_COMMANDS:
        assert killed[name] >= 2 * quota, per
        assert writing[name] >= (3 if killed[name] >= 12 else 1), f"{name} tidak pernah terbunuh saat menulis: {per}"
    # every surat run that ended by itself issued its number; a killed one left at most a number being made
    surat_done = runs["surat"] - killed["surat"]
    assert statuses["terbit"] >= surat_done and sum(statuses.values()) <= runs["surat"], (statuses, per)
    assert seen_leftovers and not leftovers, leftovers


def test_clean_stale_leaves_a_live_writer_alone(tmp_path: Path) -> None:
    assert temp_pattern(Path("REKAP.xlsx")) == ".REKAP.*.tmp.xlsx"
    # a leftover of a live process (here: this one) is left alone
    from toolkit.workbook import atomic

    live = tmp_path / f".REKAP.{atomic._OWNER}.abc.tmp.xlsx"
    live.write_bytes(b"")
    assert clean_stale(tmp_path / "REKAP.xlsx") == [] and live.exists()
    # one of a process that has ended is removed
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f".REKAP.~{atomic._HOST}-{int(ended.stdout)}.abc.tmp.xlsx"
    dead.write_bytes(b"")
    assert clean_stale(tmp_path / "REKAP.xlsx") == [dead] and live.exists()
