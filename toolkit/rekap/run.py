"""The recap from end to end: discover, read on every core, resolve, write, remember.

``run_rekap`` is what ``integritas rekap`` calls:

1. :func:`discover_files` lists the workbooks in the folders and files given;
2. each file is read, validated and summarised by :func:`extract_submission` in a
   ``ProcessPoolExecutor`` (one worker per core), rows spilled to a temporary folder;
3. :func:`toolkit.rekap.merge.resolve` decides accepted / superseded / unknown /
   unreadable files and the units that sent nothing;
4. :func:`toolkit.rekap.writer.write_rekap` streams REKAP.xlsx (written to a
   temporary name first, then moved into place). With more than one worker the long
   tables are written *while* the workers read (:func:`_extract_and_write`): a quick
   first pass over Identitas and the header rows predicts step 3, and the prediction
   is checked against the full reads before the file is kept;
5. the history database records the new submissions (sha256 de-duplication).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from toolkit.errors import UnsafeWriteError, UsageError
from toolkit.rekap.extract import READ_FAILED, READ_OK, Submission, extract_submission, identify_many
from toolkit.rekap.history import History
from toolkit.rekap.merge import RekapResult, resolve
from toolkit.rekap.trends import TrendTable, history_trends, trend_table
from toolkit.rekap.units import UnitList, load_unit_list
from toolkit.rekap.writer import RekapWriter, accepted_extras, write_rekap
from toolkit.store import Store
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.limits import file_seconds, os_reason
from toolkit.workbook.verify import verify_workbook

# Files that look like spreadsheets: all are tried, and the ones we cannot read are listed.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
T = TypeVar("T")


@dataclass
class RekapRun:
    result: RekapResult
    output: Path
    new_in_history: int
    db_path: Path | None
    seconds: float
    trend: TrendTable | None = None  # every unit's score per period (history and this run)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # folders not searched, and why


def _skip(path: Path, exclude: set[Path]) -> bool:
    name = path.name
    return (name.startswith(("~$", ".")) or ".hasil." in name.lower() or path.resolve() in exclude
            or any(part.endswith("_bukti") for part in path.parts[:-1]))


MAX_INPUT_DEPTH = 40  # folder levels searched under a submissions folder


def discover_files(inputs: Sequence[str | Path], *, exclude: Iterable[str | Path] = (),
                   skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Workbook files in ``inputs`` (folders searched, ``MAX_INPUT_DEPTH`` levels deep; files taken as given).

    In folders, Office lock files (``~$…``), hidden files, result copies
    (``*.hasil.xlsx``), evidence folders (``*_bukti``) and ``exclude`` (the output) are skipped.
    Anything *named* like a workbook is taken, whatever it is (a FIFO, a folder named
    ``x.xlsx``), so that reading it reports it instead of skipping it silently. A symbolic
    link (or Windows junction) inside a searched folder is never followed, to a workbook or
    to a folder, inside or outside: a unit's submission is a file in the folder, and a link
    would count another unit's file (or a file outside the folder) as this one's; each link
    is added to ``skipped`` by name with where it points. A link given *as an input* is the
    user's own choice and is followed. Folders deeper than the limit are added to ``skipped``.
    """
    skip = {Path(p).resolve() for p in exclude}
    found: list[Path] = []
    seen: set[Path] = set()
    for item in inputs:
        p = Path(item)
        if not os.path.lexists(p):
            raise UsageError("file atau folder tidak ditemukan.", path=p)
        if p.is_dir() and p.suffix.lower() not in SPREADSHEET_SUFFIXES:
            candidates = sorted(f for f in _walk_inputs(p, skipped) if not _skip(f.relative_to(p), skip)
                                and f.resolve() not in skip)
        else:
            candidates = [p]
        for f in candidates:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                found.append(f)
    return found


def _walk_inputs(root: Path, skipped: list[tuple[Path, str]] | None) -> Iterator[Path]:
    """Entries named like spreadsheets under ``root``, iteratively (no recursion, bounded depth)."""
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            if skipped is not None:
                skipped.append((folder, f"folder tidak dapat dibuka ({os_reason(exc)})"))
            continue
        for e in entries:
            path = Path(e.path)
            if e.is_symlink() or _is_junction(e):
                if skipped is not None and not e.name.startswith(("~$", ".")):
                    skipped.append((path, f"tautan simbolik (menunjuk ke {_link_target(e)}) tidak diikuti, "
                                          "isinya tidak direkap; simpan file aslinya di folder kiriman"))
                continue
            if path.suffix.lower() in SPREADSHEET_SUFFIXES:
                yield path
            elif e.is_dir(follow_symlinks=False):
                if e.name.startswith(".") or e.name.endswith("_bukti"):
                    continue
                if depth + 1 > MAX_INPUT_DEPTH:
                    if skipped is not None:
                        skipped.append((path, f"folder lebih dari {MAX_INPUT_DEPTH} tingkat; isinya tidak dibaca"))
                    continue
                stack.append((path, depth + 1))


def _is_junction(entry: os.DirEntry[str]) -> bool:
    """A Windows junction (a folder link that is_symlink() does not report); Python 3.12+."""
    check = getattr(entry, "is_junction", None)
    return bool(check()) if check is not None else False


def _link_target(entry: os.DirEntry[str]) -> str:
    try:
        target = os.readlink(entry.path)
    except OSError:
        return "?"
    return target.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def extract_all(files: Sequence[Path], spill_dir: str, *, workers: int | None = None,
                evidence_root: str | None = None, as_of: dt.date | None = None,
                show_progress: bool = False, console: Console | None = None) -> list[Submission]:
    """Summaries of ``files`` in their order, read on ``workers`` processes (default: every core)."""
    n = max(1, min(workers or os.cpu_count() or 1, len(files) or 1))
    results: dict[int, Submission] = {}
    progress = Progress(TextColumn("[bold]Membaca workbook unit"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console or Console(stderr=True),
                        disable=not show_progress, transient=True)
    if n == 1:
        with progress:
            task = progress.add_task("baca", total=len(files))
            for i, f in enumerate(files):
                results[i] = extract_submission(str(f), spill_dir, evidence_root=evidence_root, as_of=as_of)
                progress.advance(task)
    else:
        # submit before the progress bar starts its refresh thread (fork-safety)
        futures: dict[Future[Submission], int] = {}
        try:
            with ProcessPoolExecutor(max_workers=n) as pool:
                dog = _Watchdog(pool)
                futures = {dog.track(pool.submit(extract_submission, str(f), spill_dir, evidence_root=evidence_root,
                                                 as_of=as_of)): i for i, f in enumerate(files)}
                with progress:
                    task = progress.add_task("baca", total=len(files))
                    for fut, i in futures.items():
                        results[i] = dog.result(fut)
                        progress.advance(task)
        except BrokenProcessPool:  # a worker died (a file crashed its reader): the others still count
            return _recover(files, futures, spill_dir, evidence_root=evidence_root, as_of=as_of)
    return [results[i] for i in range(len(files))]


class _Watchdog:
    """Waits on a pool's futures, but never forever: when no file of the pool has finished for
    ``stall`` seconds (a worker stuck after its reader aborted cannot even run its own time budget),
    the pool's processes are killed and BrokenProcessPool raised, so the caller's recovery reads
    the remaining files one by one, each in a fresh process with a time limit."""

    def __init__(self, pool: ProcessPoolExecutor, stall: float | None = None) -> None:
        self.pool = pool
        self.stall = stall if stall is not None else 2 * file_seconds() + 30
        self.last = time.monotonic()

    def track(self, fut: Future[Any]) -> Future[Any]:
        fut.add_done_callback(self._progress)
        return fut

    def _progress(self, _fut: Future[Any]) -> None:
        self.last = time.monotonic()

    def result(self, fut: Future[T]) -> T:
        while True:
            with contextlib.suppress(FutureTimeout):
                return fut.result(timeout=min(5.0, self.stall))
            if time.monotonic() - self.last > self.stall:
                kill_workers(self.pool)
                raise BrokenProcessPool("pembaca tidak selesai dalam batas waktu")


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """SIGKILL every process of ``pool`` (its own management thread then marks the pool broken)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()


WORKER_LOST = ("proses pembaca berhenti mendadak saat membaca file ini (file merusak pembaca atau "
               "melampaui batas waktu); file dilewati, file lain tetap direkap.")


def _recover(files: Sequence[Path], futures: dict[Future[Submission], int], spill_dir: str, *,
             evidence_root: str | None, as_of: dt.date | None = None) -> list[Submission]:
    """After a worker died: keep every finished read, read the rest one by one in a fresh process each,
    and mark the file whose process dies (or overruns its time) as unreadable."""
    done: dict[int, Submission] = {}
    for fut, i in futures.items():
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            done[i] = fut.result()
    for i, f in enumerate(files):
        if i not in done:
            done[i] = _isolated(f, spill_dir, evidence_root=evidence_root, as_of=as_of)
    return [done[i] for i in range(len(files))]


def _isolated(f: Path, spill_dir: str, *, evidence_root: str | None, as_of: dt.date | None) -> Submission:
    pool = ProcessPoolExecutor(max_workers=1)
    try:
        fut = pool.submit(extract_submission, str(f), spill_dir, evidence_root=evidence_root, as_of=as_of)
        return fut.result(timeout=2 * file_seconds() + 30)
    except (BrokenProcessPool, FutureTimeout):
        kill_workers(pool)
        return Submission(str(f), "", 0, 0.0, READ_FAILED, WORKER_LOST)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def run_rekap(inputs: Sequence[str | Path], output: str | Path, *,
              unit_list: str | Path | UnitList | None = None, kind: str | None = None,
              db: str | Path | Store | None = None, workers: int | None = None, evidence_root: str | Path | None = None,
              default_deadline: dt.date | None = None, show_progress: bool = False,
              console: Console | None = None, on_written: Callable[[RekapResult, str], None] | None = None,
              now: dt.datetime | None = None, overwrite: bool = False) -> RekapRun:
    """Recap ``inputs`` into ``output`` (REKAP.xlsx); record the history in ``db`` (None = no history).

    ``on_written(result, spill_dir)`` runs after REKAP.xlsx is written, while the
    rows and findings spilled by the workers still exist (used for the letters).
    """

    start = time.perf_counter()
    out = Path(output)
    if out.suffix.lower() != ".xlsx":
        raise UsageError("hasil rekap ditulis sebagai .xlsx, mis. -o REKAP.xlsx.", path=out)
    units = load_unit_list(unit_list) if isinstance(unit_list, (str, Path)) else unit_list
    _refuse_unsafe_output(out, inputs, units, overwrite=overwrite)
    exclude = [out] + ([units.path] if units is not None and units.path else [])
    skipped: list[tuple[Path, str]] = []
    files = discover_files(inputs, exclude=exclude, skipped=skipped)
    if not files:
        raise UsageError("tidak ada file workbook (.xlsx/.xlsm) pada masukan: " + ", ".join(map(str, inputs)))
    history_at: str | Path | Store | None = db
    db_path = (db.path or Path(db.display())) if isinstance(db, Store) else (Path(db) if db is not None else None)
    if history_at is not None:  # a broken history database fails before anything is written
        History(history_at).close()
        if isinstance(history_at, Store):  # no pooled connection is inherited by the worker processes
            history_at.engine.dispose()
    n = max(1, min(workers or os.cpu_count() or 1, len(files)))
    with tempfile.TemporaryDirectory(prefix="integritas-rekap-") as spill_dir:
        with atomic_output(out, overwrite=overwrite) as tmp:
            if n == 1:
                subs = extract_all(files, spill_dir, workers=1,
                                   evidence_root=str(evidence_root) if evidence_root else None,
                                   show_progress=show_progress, console=console)
                result = resolve(subs, units, kind=kind, default_deadline=default_deadline, now=now)
                write_rekap(result, tmp, trend=trend_for(history_at, result))
            else:
                result = _extract_and_write(files, spill_dir, tmp, units, n, kind=kind,
                                            evidence_root=str(evidence_root) if evidence_root else None,
                                            default_deadline=default_deadline, now=now,
                                            show_progress=show_progress, console=console, db_path=history_at)
            verify_workbook(tmp, name=out)  # re-opened by other parsers before it takes the final name
        # REKAP.xlsx is in place; the letters still need the workers' spills
        if on_written is not None:
            on_written(result, spill_dir)
    new = 0
    if history_at is not None:
        with History(history_at) as history:
            new = history.record(result, output=out)
    return RekapRun(result, out, new, db_path, time.perf_counter() - start, trend_for(history_at, result),
                    skipped=skipped)


def _refuse_unsafe_output(out: Path, inputs: Sequence[str | Path], units: UnitList | None, *,
                          overwrite: bool) -> None:
    """REKAP.xlsx never replaces a unit's workbook or the unit list, and an existing file only with --timpa."""
    target = out.resolve()
    if units is not None and units.path and Path(units.path).resolve() == target:
        raise UnsafeWriteError("file hasil sama dengan daftar unit (--daftar-unit); pilih nama lain.", path=out)
    for item in inputs:
        p = Path(item).resolve()
        if p == target or (out.exists() and p.is_dir() and p in target.parents):
            raise UnsafeWriteError("file hasil adalah (atau berada di antara) file masukan unit; tulis REKAP di "
                                   "folder lain atau dengan nama lain.", path=out)
    if out.exists() and not overwrite:
        raise UsageError("file hasil sudah ada; pakai --timpa untuk menimpanya atau pilih nama lain.", path=out)


def _extract_and_write(files: Sequence[Path], spill_dir: str, tmp: Path, units: UnitList | None, n: int, *,
                       kind: str | None, evidence_root: str | None, default_deadline: dt.date | None,
                       now: dt.datetime | None, show_progress: bool, console: Console | None,
                       db_path: str | Path | Store | None = None) -> RekapResult:
    """Read on ``n`` worker processes while this process writes the long tables of REKAP.xlsx.

    1. first in the workers' queue, each file's Identitas and header rows are read
       (:func:`toolkit.rekap.extract.identify_submission`, which runs the preflight);
    2. as each batch is identified, its files are submitted for the full read (validation,
       spill), each with its preflight result so the file is inflated and measured once;
       the identifications are resolved: which file of which unit is accepted, in which
       order, with which extra columns;
    3. the accepted units' rows are written as soon as each one's worker is done,
       in the order of the unit list (the order ``write_rekap`` uses);
    4. when every file is read, the recap is resolved from the full reads. If that is
       exactly what was streamed (it is, unless a file read differently the second time)
       the summary sheets are added and the file closed; otherwise it is discarded
       and REKAP.xlsx written again from the spills with ``write_rekap``.
    """
    progress = Progress(TextColumn("[bold]Membaca workbook unit"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console or Console(stderr=True),
                        disable=not show_progress, transient=True)
    futures: list[Future[Submission]] = []
    try:
        return _extract_and_write_pool(files, spill_dir, tmp, units, n, progress, futures, kind=kind,
                                       evidence_root=evidence_root, default_deadline=default_deadline, now=now,
                                       db_path=db_path)
    except BrokenProcessPool:  # a worker died: keep every finished read, redo the rest one by one
        with contextlib.suppress(Exception):
            tmp.unlink()
        subs = _recover(files, dict(zip(futures, range(len(futures)), strict=False)), spill_dir,
                        evidence_root=evidence_root)
        result = resolve(subs, units, kind=kind, default_deadline=default_deadline, now=now)
        write_rekap(result, tmp, trend=trend_for(db_path, result))
        return result


def _extract_and_write_pool(files: Sequence[Path], spill_dir: str, tmp: Path, units: UnitList | None, n: int,
                            progress: Progress, futures: list[Future[Submission]], *, kind: str | None,
                            evidence_root: str | None, default_deadline: dt.date | None,
                            now: dt.datetime | None, db_path: str | Path | Store | None) -> RekapResult:
    box: list[RekapWriter] = []
    try:
        subs = _read_and_stream(files, spill_dir, tmp, units, n, progress, futures, kind=kind,
                                evidence_root=evidence_root, default_deadline=default_deadline, now=now,
                                writer_box=box)
    except BaseException:  # a dead worker (recovered by the caller), Ctrl-C, a failure: no open temp files left
        for w in box:
            with contextlib.suppress(Exception):
                w.discard()
        raise
    writer = box[-1] if box else None
    result = resolve(subs, units, kind=kind, default_deadline=default_deadline, now=now)
    trend = trend_for(db_path, result)
    if writer is not None and writer.matches(result):
        writer.finish(result, trend=trend)
    else:
        if writer is not None:
            writer.discard()
        write_rekap(result, tmp, trend=trend)
    return result


def trend_for(db_path: str | Path | Store | None, result: RekapResult) -> TrendTable | None:
    """Every unit's score per period: the history plus this run (recorded only after REKAP.xlsx is written)."""
    if db_path is None:
        return None
    with History(db_path) as history:
        return trend_table(history_trends(history, result.schema.kind), result)


def _read_and_stream(files: Sequence[Path], spill_dir: str, tmp: Path, units: UnitList | None, n: int,
                     progress: Progress, futures: list[Future[Submission]], *, kind: str | None,
                     evidence_root: str | None, default_deadline: dt.date | None, now: dt.datetime | None,
                     writer_box: list[RekapWriter]) -> list[Submission]:
    """The pool part of ``_extract_and_write``; the open writer (if still good) is left in ``writer_box``."""
    # submit before the progress bar starts its refresh thread (fork-safety)
    with ProcessPoolExecutor(max_workers=n) as pool:
        dog = _Watchdog(pool)  # a stuck worker never hangs the recap
        # first in the queue: the quick identification (Identitas and header rows), in batches
        names = [str(f) for f in files]
        step = max(1, min(32, len(names) // (4 * n) or 1))
        starts = range(0, len(names), step)
        batches = [dog.track(pool.submit(identify_many, names[i:i + step])) for i in starts]
        # then the full reads, each handed its file's preflight from the identification so that
        # every file is inflated and measured once (reused only while the file is unchanged);
        # the workers are still busy with later batches while one batch's reads are queued
        identified: list[Submission] = []
        for i, batch in zip(starts, batches, strict=True):
            subs = dog.result(batch)
            identified.extend(subs)
            checked = {sub.path: sub.checked for sub in subs}
            futures.extend(dog.track(pool.submit(extract_submission, name, spill_dir, evidence_root=evidence_root,
                                                 checked=checked.get(name))) for name in names[i:i + step])
        by_path = {str(f): fut for f, fut in zip(files, futures, strict=True)}
        with progress:
            task = progress.add_task("baca", total=len(files))
            for fut in futures:
                fut.add_done_callback(lambda _f: progress.advance(task))
            predicted = resolve(identified, units, kind=kind, default_deadline=default_deadline, now=now)
            writer: RekapWriter | None = RekapWriter(tmp, predicted.schema, accepted_extras(predicted))
            assert writer is not None
            writer_box.append(writer)
            for us in predicted.accepted:
                assert us.submission is not None
                sub = dog.result(by_path[us.submission.path])
                if writer is None:
                    continue
                if sub.read_status != READ_OK or sub.kind != predicted.schema.kind:
                    writer.discard()  # the full read disagrees: written again below
                    writer = None
                    writer_box.clear()
                    continue
                us.submission = sub
                writer.add_unit(us)
            return [dog.result(fut) for fut in futures]
