"""Several processes on one store, on both backends: numbers and recap history stay exact."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import queue
import re
import time
from pathlib import Path

import pytest

from tests.support.office import set_sample_formats
from tests.support.synthetic_units import build_scenario
from toolkit.documents.register import NumberRegister
from toolkit.rekap import History, run_rekap
from toolkit.store import open_store

N_PROCS, N_EACH = 8, 200


def _allocate(url: str, n: int, tag: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    numbers = []
    with NumberRegister(url) as reg:
        for i in range(n):
            numbers.append(reg.allocate("nota-dinas", tanggal=dt.date(2026, 3, 1), hal=f"p{tag}-{i}"))
    out.put(numbers)


def collect(q: mp.Queue, procs: list, timeout: float) -> list:  # type: ignore[type-arg]
    """One result per worker; fails at once when a worker died without one (not after the whole timeout)."""
    got: list = []
    deadline = time.monotonic() + timeout
    while len(got) < len(procs):
        try:
            got.append(q.get(timeout=2))
        except queue.Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            assert not dead, f"a worker died without a result: exit codes {dead}"
            assert time.monotonic() < deadline, "the workers did not finish in time"
    return got


@pytest.mark.slow
def test_eight_processes_200_numbers_no_duplicate_no_gap(store_url: str) -> None:
    open_store(store_url).close()  # created and migrated once; the workers only open it
    with NumberRegister(store_url) as reg:  # an office sets its own formats (no built-in one since issue 16)
        set_sample_formats(reg)
    ctx = mp.get_context("fork")
    q: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    procs = [ctx.Process(target=_allocate, args=(store_url, N_EACH, t, q)) for t in range(N_PROCS)]
    for p in procs:
        p.start()
    got = collect(q, procs, timeout=600)
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    numbers = [n for chunk in got for n in chunk]
    assert len(numbers) == len(set(numbers)) == N_PROCS * N_EACH
    seq = sorted(int(re.fullmatch(r"ND-(\d+)/PB\.1/2026", n).group(1)) for n in numbers)  # type: ignore[union-attr]
    assert seq == list(range(1, N_PROCS * N_EACH + 1))  # no gap
    for chunk in got:  # each process saw its own numbers rising
        urut = [int(n.split("/")[0][3:]) for n in chunk]
        assert urut == sorted(urut)
    with NumberRegister(store_url) as reg:
        rows = reg.issued()
    assert [r.urut for r in rows] == list(range(1, N_PROCS * N_EACH + 1))
    assert len({r.hal for r in rows}) == N_PROCS * N_EACH


@pytest.fixture(scope="module")
def scenario40(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_scenario(tmp_path_factory.mktemp("rekap40"), n_units=40, n_files=40, n_duplicates=3,
                          n_unreadable=1, n_unknown=1, n_legacy=2)


def _recap(url: str, folder: str, units: str, out: str, q: mp.Queue) -> None:  # type: ignore[type-arg]
    run = run_rekap([folder], out, unit_list=units, db=url, workers=1)
    q.put(run.new_in_history)


@pytest.mark.slow
def test_two_recaps_at_once_both_complete_nothing_counted_twice(store_url: str, scenario40, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sc = scenario40
    open_store(store_url).close()
    ctx = mp.get_context("fork")
    q: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    procs = [ctx.Process(target=_recap, args=(store_url, str(sc.folder), str(sc.unit_list),
                                              str(tmp_path / f"R{i}.xlsx"), q)) for i in range(2)]
    for p in procs:
        p.start()
    news = collect(q, procs, timeout=600)
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    stored = 40 - 1  # every file but the unreadable one (accepted, superseded, unknown unit)
    assert sum(news) == stored  # each file counted by exactly one of the two runs
    with History(store_url) as h:
        assert h.count("submissions") == stored
        runs = h.store.read(lambda c: c.exec_driver_sql("SELECT n_new FROM runs ORDER BY id").all())
        assert sorted(r[0] for r in runs) == sorted(n for n in news if n)
        per_sub = h.store.read(lambda c: c.exec_driver_sql(
            "SELECT COUNT(*) FROM metrics GROUP BY sha256").all())
        assert len(per_sub) == stored  # every stored file has its metrics
        dup = h.store.read(lambda c: c.exec_driver_sql(
            "SELECT sha256, metric, COUNT(*) FROM metrics GROUP BY sha256, metric HAVING COUNT(*) > 1").all())
        assert dup == []
    # and a third run of the same files adds nothing
    assert run_rekap([sc.folder], tmp_path / "R3.xlsx", unit_list=sc.unit_list, db=store_url,
                     workers=1).new_in_history == 0
