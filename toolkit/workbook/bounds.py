"""What one command may hold of a workbook, and for how long (issue 19: dense sheets under every limit).

The preflight (:mod:`toolkit.workbook.limits`) lets through any sheet a streaming reader can check:
20 M cells, 300 MB of XML. Reading such a sheet *whole* (python-calamine builds a dense box of
32 bytes per cell from A1, plus the text, plus a Python object per value) or rewriting it in a
copy cannot be done in bounded memory, so:

- :func:`check_loadable` refuses a sheet past ``limits.MAX_LOADED_AREA`` cells or
  ``limits.MAX_LOADED_SHEET_BYTES`` of XML *before* any reader allocates for it, from the
  facts the preflight measured (``reader.CalamineBook`` applies it to every sheet it loads);
  :func:`loadable` tells the streaming validation which sheets to stream instead;
- :func:`time_budget` bounds the whole processing of one file (read, validation, copy) in
  time: a timer raises :class:`~toolkit.workbook.limits.LimitError` wherever the work is.

Each refusal is one Indonesian line naming the file, the sheet and the limit (exit 3).
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.workbook.limits import (
    MAX_LOADED_AREA,
    MAX_LOADED_SHEET_BYTES,
    LimitError,
    SheetFacts,
    ZipFacts,
    file_seconds,
    time_message,
)
from toolkit.workbook.limits import _mb as mb_
from toolkit.workbook.limits import _n as n_


def check_loadable(f: SheetFacts, path: Path, *, why: str = "dibaca utuh", advice: str = "") -> None:
    """Refuse a sheet too large to be read whole or rewritten (:data:`MAX_LOADED_AREA`,
    :data:`MAX_LOADED_SHEET_BYTES`), before any reader allocates for it."""
    where = f"sheet '{f.sheet}'" if f.sheet else f"bagian '{f.part.rsplit('/', 1)[-1]}'"
    if f.area > MAX_LOADED_AREA:
        raise LimitError(
            f"{where} terlalu besar untuk {why}: {n_(f.max_row)} baris x {n_(f.max_col)} kolom = {n_(f.area)} sel "
            f"(batas {n_(MAX_LOADED_AREA)} sel). " + (advice or "Rencana unit biasanya beberapa ribu baris; "
                                                      "hapus baris di luar tabel atau bagi datanya, lalu kirim "
                                                      "ulang."), path=path)
    if f.size > MAX_LOADED_SHEET_BYTES:
        raise LimitError(
            f"{where} terlalu besar untuk {why}: isinya {mb_(f.size)} setelah dibuka (batas "
            f"{mb_(MAX_LOADED_SHEET_BYTES)}). " + (advice or "Persingkat teks sel atau bagi datanya, lalu kirim "
                                                    "ulang."), path=path)


def loadable(f: SheetFacts) -> bool:
    """The sheet may be read whole (see :func:`check_loadable`)."""
    return f.area <= MAX_LOADED_AREA and f.size <= MAX_LOADED_SHEET_BYTES


def sheet_facts(facts: ZipFacts, sheet: str) -> SheetFacts | None:
    """The facts of the worksheet whose tab is named ``sheet`` (None when workbook.xml did not name it)."""
    for f in facts.sheets.values():
        if f.sheet == sheet:
            return f
    return None



@dataclass
class TimeBudget:
    """What :func:`time_budget` yields: ``expired`` is set when the timer fired (even if some code
    caught the :class:`LimitError`), ``message`` is the line that says so."""

    path: Path
    seconds: float
    expired: bool = False

    @property
    def message(self) -> str:
        return time_message(self.seconds)

    def error(self) -> LimitError:
        return LimitError(self.message, path=self.path)


@contextlib.contextmanager
def time_budget(path: str | Path, seconds: float | None = None) -> Iterator[TimeBudget]:
    """The whole processing of one file (read, validation, write-back) within its time budget.

    A timer (``SIGALRM``) raises :class:`LimitError` in the main thread once the budget is
    spent, wherever the work is (the preflight's :class:`Budget` only covers the inflating).
    Without ``SIGALRM`` (Windows) a watchdog thread interrupts the main thread instead
    (:func:`_thread.interrupt_main`), turned into the same :class:`LimitError`. Outside the main
    thread nothing is enforced here. Nested budgets: the inner one is set aside and the outer
    one restored afterwards.
    """
    seconds = file_seconds() if seconds is None else seconds
    budget = TimeBudget(Path(path), seconds)
    if threading.current_thread() is not threading.main_thread():
        yield budget
        return
    if not hasattr(signal, "setitimer"):
        with _watchdog(budget):
            yield budget
        return

    def expired(_signum: int, _frame: Any) -> None:
        budget.expired = True
        raise budget.error()

    previous = signal.signal(signal.SIGALRM, expired)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield budget
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0] > 0:  # an enclosing budget keeps running (at least a moment, so it still fires)
            signal.setitimer(signal.ITIMER_REAL, max(outer[0] - (time.monotonic() - started), 0.01))


@contextlib.contextmanager
def _watchdog(budget: TimeBudget) -> Iterator[None]:
    """The time budget where there is no ``SIGALRM`` (Windows): a timer thread interrupts the main
    thread (a KeyboardInterrupt at its next bytecode, as a signal would be), and the interrupt of an
    expired budget becomes its LimitError. A budget that ended first never fires (the lock)."""
    lock = threading.Lock()
    done = False

    def fire() -> None:
        with lock:
            if done:
                return
            budget.expired = True
            _thread.interrupt_main()

    timer = threading.Timer(budget.seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if budget.expired:
            raise budget.error() from None
        raise
    finally:
        with lock:
            done = True
        timer.cancel()
