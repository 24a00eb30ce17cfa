"""One pass over a huge sheet for every check: the records are read once and handed to all rules.

A huge sheet is streamed from its XML (``toolkit.workbook.opening.RecordStream``); building its records
is the expensive part (tens of microseconds a row), so reading it once per rule would
multiply the time by the number of rules. Here each cross rule runs in its own
thread on a view of the data; the main thread reads the sheet once, runs the
generic per-cell checks on each batch of records and passes the same batch to every
rule that is iterating that sheet. Queues are bounded, so memory stays bounded.

A rule that starts iterating a sheet after its pass has begun (for example a rule
that reads two huge sheets one after the other) gets a fresh stream of its own:
slower, never wrong.
"""

from __future__ import annotations

import dataclasses
import itertools
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from toolkit.schemas.model import Rule
from toolkit.validation.report import Finding
from toolkit.workbook.reader import Record, SheetData, WorkbookData

BATCH = 2000
SUBSCRIBE_WAIT = 2.0  # seconds the reader waits for rules to start on a sheet


class _Broadcast:
    def __init__(self, source: Iterable[Record], waiting: dict[int, _Broadcast]) -> None:
        self.source = source
        self.lock = threading.Lock()
        self.subscribers: list[queue.Queue[list[Record] | None]] = []
        self.started = False
        self.waiting = waiting  # thread id -> the broadcast it is subscribed to (shared by a run)

    def iterate(self) -> Iterator[Record]:
        with self.lock:
            late = self.started
            q: queue.Queue[list[Record] | None] = queue.Queue(maxsize=4)
            if not late:
                self.subscribers.append(q)
        if late:
            yield from self.source
            return
        me = threading.get_ident()
        self.waiting[me] = self
        try:
            while True:
                batch = q.get()
                if batch is None:
                    return
                yield from batch
        finally:
            self.waiting.pop(me, None)
            with self.lock:
                if q in self.subscribers:
                    self.subscribers.remove(q)

    def publish(self, batch: list[Record] | None) -> None:
        with self.lock:
            targets = list(self.subscribers)
        for q in targets:
            while True:
                try:
                    q.put(batch, timeout=0.2)
                    break
                except queue.Full:
                    with self.lock:
                        if q not in self.subscribers:
                            break


class _View:
    """What a rule sees as ``sheet.records``: iterating it subscribes to the shared pass."""

    def __init__(self, broadcast: _Broadcast) -> None:
        self.broadcast = broadcast

    def __iter__(self) -> Iterator[Record]:
        return self.broadcast.iterate()


def run_shared_pass(data: WorkbookData, streamed: dict[str, Iterable[Record]],
                    rules: list[tuple[Rule, Callable[[WorkbookData, Rule], Iterable[Finding]]]],
                    on_batch: Callable[[str, list[Record]], None],
                    on_error: Callable[[Rule, BaseException], None],
                    cap: int = 200_000) -> tuple[list[Finding], int]:
    """Run ``rules`` in threads while the streamed sheets are read once.

    Returns the rules' findings (at most ``cap`` per rule) and how many were left out.
    """
    waiting: dict[int, _Broadcast] = {}
    casts = {key: _Broadcast(src, waiting) for key, src in streamed.items()}
    sheets = dict(data.sheets)
    for key, bc in casts.items():
        sheets[key] = SheetData(data.sheets[key].layout, _View(bc))  # type: ignore[arg-type]
    view = dataclasses.replace(data, sheets=sheets)
    results: list[list[Finding]] = [[] for _ in rules]
    omitted = [0] * len(rules)
    done = [False] * len(rules)

    def work(i: int, rule: Rule, impl: Callable[[WorkbookData, Rule], Iterable[Finding]]) -> None:
        try:
            for finding in impl(view, rule):
                if len(results[i]) < cap:
                    results[i].append(finding)
                else:
                    omitted[i] += 1
        except BaseException as exc:  # reported as a finding by the caller
            on_error(rule, exc)
        finally:
            done[i] = True

    threads = [threading.Thread(target=work, args=(i, r, f), daemon=True) for i, (r, f) in enumerate(rules)]
    for t in threads:
        t.start()
    for key, bc in casts.items():
        deadline = time.monotonic() + SUBSCRIBE_WAIT
        while time.monotonic() < deadline:
            # ready: subscribed to this sheet, subscribed to another one (it will come late), or finished
            if len(waiting) + sum(done) >= len(rules):
                break
            time.sleep(0.01)
        with bc.lock:
            bc.started = True
        iterator = iter(bc.source)
        while True:
            batch = list(itertools.islice(iterator, BATCH))
            if not batch:
                break
            on_batch(key, batch)
            bc.publish(batch)
        bc.publish(None)
    for t in threads:
        t.join()
    return [f for chunk in results for f in chunk], sum(omitted)


__all__ = ["run_shared_pass"]

