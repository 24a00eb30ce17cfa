"""Faults: PostgreSQL stopped in the middle of a recap or of allocations; unusable SQLite locations.

These tests stop and restart their own throw-away cluster (not the session's shared one).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.support.office import set_sample_formats
from tests.support.synthetic_units import build_scenario
from tests.test_store_concurrency import collect
from toolkit.documents.register import NumberRegister
from toolkit.store import StoreError, open_store

PY = [sys.executable, "-m", "toolkit"]


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    from tests.conftest import _postgres_unavailable
    from tests.support.postgres import PostgresUnavailable, start_cluster

    try:
        c = start_cluster()
    except PostgresUnavailable as exc:
        _postgres_unavailable(str(exc))
    yield c
    c.destroy()


@pytest.fixture(scope="module")
def scenario200(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_scenario(tmp_path_factory.mktemp("rekap200"), n_units=200, n_files=200)


def _history(url: str) -> dict[str, list[tuple]]:
    with open_store(url) as s:
        return s.read(lambda c: {
            "runs": [tuple(r) for r in c.exec_driver_sql("SELECT kind, period, n_files, n_new FROM runs ORDER BY id")],
            "submissions": [tuple(r) for r in c.exec_driver_sql(
                "SELECT sha256, kind, unit_key, kode_unit, nama_unit, tahun, periode, tanggal_pengisian, file_name, "
                "status, versi_skema FROM submissions ORDER BY sha256")],
            "metrics": [tuple(r) for r in c.exec_driver_sql("SELECT sha256, metric, value FROM metrics ORDER BY id")],
        })


def _rekap_cmd(url: str, sc, out: Path) -> list[str]:  # type: ignore[no-untyped-def]
    return [*PY, "--basisdata", url, "rekap", str(sc.folder), "--daftar-unit", str(sc.unit_list), "-o", str(out),
            "--tanpa-progres", "--proses", "2", "--timpa"]


@pytest.mark.slow
def test_postgresql_killed_during_a_200_workbook_recap(cluster, scenario200, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sc = scenario200
    url = cluster.create_database("putus")
    open_store(url).close()
    spill = Path(tempfile.mkdtemp(prefix="spill-"))
    env = dict(os.environ, TMPDIR=str(spill))
    proc = subprocess.Popen(_rekap_cmd(url, sc, tmp_path / "R.xlsx"), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    # the history was opened and checked; the workbooks are being read: stop the server like a power cut
    while not any(spill.glob("integritas-rekap-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "rekap selesai sebelum server dihentikan"
    cluster.stop("immediate")
    try:
        out, err = proc.communicate(timeout=300)
    finally:
        cluster.start()
    shutil.rmtree(spill, ignore_errors=True)
    assert proc.returncode == 3, (out, err)
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Galat:") and "PostgreSQL" in lines[0], err
    assert "terputus" in lines[0] or "ditolak" in lines[0]
    assert not (tmp_path / "R.xlsx").exists()  # nothing half-written
    assert _history(url) == {"runs": [], "submissions": [], "metrics": []}  # no partial run
    # the rerun gives what an uninterrupted run gives
    rerun = subprocess.run(_rekap_cmd(url, sc, tmp_path / "R.xlsx"), capture_output=True, text=True)
    assert rerun.returncode == 1, rerun.stderr  # findings: units missing, unreadable files
    assert "195 kiriman baru" in rerun.stdout
    clean = cluster.create_database("utuh")
    ref = subprocess.run(_rekap_cmd(clean, sc, tmp_path / "R-utuh.xlsx"), capture_output=True, text=True)
    assert ref.returncode == 1, ref.stderr
    assert _history(url) == _history(clean)
    assert len(_history(url)["submissions"]) == 195


def _allocate_until_error(url: str, tag: int, q: mp.Queue) -> None:  # type: ignore[type-arg]
    got: list[str] = []
    try:
        with NumberRegister(url) as reg:
            for i in range(5000):
                got.append(reg.allocate("surat-dinas", tanggal=dt.date(2026, 5, 5), hal=f"{tag}-{i}"))
    except StoreError as exc:
        q.put((got, exc.message))
        return
    q.put((got, None))


@pytest.mark.slow
def test_postgresql_killed_during_allocation_no_gap_no_duplicate(cluster) -> None:  # type: ignore[no-untyped-def]
    url = cluster.create_database("nomor")
    open_store(url).close()
    with NumberRegister(url) as reg:  # an office sets its own formats (no built-in one since issue 16)
        set_sample_formats(reg)
    ctx = mp.get_context("fork")
    q: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    procs = [ctx.Process(target=_allocate_until_error, args=(url, t, q)) for t in range(4)]
    for p in procs:
        p.start()
    import psycopg

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with psycopg.connect(cluster.url(url.rsplit("/", 1)[1]), autocommit=True) as conn:
            n = conn.execute("SELECT COUNT(*) FROM nomor_terbit").fetchone()[0]  # type: ignore[index]
        if n >= 150:
            break
        time.sleep(0.05)
    cluster.stop("immediate")
    results = collect(q, procs, timeout=120)
    for p in procs:
        p.join(60)
    cluster.start()
    messages = [m for _g, m in results]
    assert all(m and "PostgreSQL" in m and "\n" not in m for m in messages), messages
    seen = [n for g, _m in results for n in g]
    with NumberRegister(url) as reg:
        rows = reg.issued(letter_type="surat-dinas")
        stored = [r.nomor for r in rows]
        assert [r.urut for r in rows] == list(range(1, len(rows) + 1))  # no gap, no duplicate
        assert set(seen) <= set(stored)  # every number a caller was given is in the register
        assert len(stored) - len(seen) <= len(procs)  # at most one commit per process whose reply was lost
        nxt = reg.allocate("surat-dinas", tanggal=dt.date(2026, 5, 5))
    assert int(re.match(r"700/(\d+)/", nxt).group(1)) == len(rows) + 1  # type: ignore[union-attr]


def test_missing_sqlite_folder_from_the_command_line(tmp_path: Path) -> None:
    run = subprocess.run([*PY, "--basisdata", str(tmp_path / "tidak-ada" / "x.sqlite"), "basisdata", "info"],
                         capture_output=True, text=True)
    assert run.returncode == 3
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "folder basis data SQLite tidak ada" in lines[0], run.stderr


def _unprivileged(fn) -> str:  # type: ignore[no-untyped-def]
    """Run ``fn() -> str`` as an ordinary user: root ignores file permissions, so a root test run forks a child
    that drops to 'nobody' first (modules are imported before the fork: the interpreter lives under /root)."""
    if os.geteuid() != 0:
        return str(fn())
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = str(fn())
        except BaseException as exc:  # noqa: BLE001
            result = f"PENGECUALIAN {type(exc).__name__}: {exc}"
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        data = fh.read().decode()
    os.waitpid(pid, 0)
    return data


def _open_message(url: str):  # type: ignore[no-untyped-def]
    def run() -> str:
        try:
            open_store(url).close()
        except StoreError as exc:
            return exc.describe()
        return "TERBUKA"
    return run


def test_read_only_sqlite_location_is_a_clear_message(tmp_path: Path) -> None:
    open_store(tmp_path / "pemanasan.sqlite").close()  # every module the child needs is imported now
    base = Path(tempfile.mkdtemp(prefix="integritas-ro-"))  # outside root's 0700 pytest folder
    ro = base / "terkunci"
    try:
        ro.mkdir()
        os.chmod(base, 0o755)
        os.chmod(ro, 0o555)
        message = _unprivileged(_open_message(str(ro / "x.sqlite")))
        assert "lokasi basis data SQLite hanya-baca" in message and "\n" not in message, message
        assert not (ro / "x.sqlite").exists()
        # an existing store file that is read-only, in a read-only folder (a CD, a locked share)
        os.chmod(ro, 0o755)
        open_store(ro / "x.sqlite").close()
        for f in ro.iterdir():
            os.chmod(f, 0o444)
        os.chmod(ro, 0o555)
        message = _unprivileged(_open_message(str(ro / "x.sqlite")))
        assert "lokasi basis data SQLite hanya-baca" in message and "\n" not in message, message
    finally:
        os.chmod(ro, 0o755)
        shutil.rmtree(base, ignore_errors=True)
