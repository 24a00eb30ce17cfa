"""A stand-in for ``ProcessPoolExecutor`` that runs each task in this process, at once.

For tests that count or monkeypatch what the recap's workers call (a patch is not seen in a
real worker process). It has what ``toolkit.rekap.run`` uses of a pool and a future.
"""

from __future__ import annotations

from typing import Any


class InlineFuture:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self, timeout: float | None = None) -> Any:  # as concurrent.futures.Future
        return self.value

    def add_done_callback(self, fn: Any) -> None:
        fn(self)


class InlineExecutor:
    """Runs the tasks in this process (so that a monkeypatched function is the one used)."""

    def __init__(self, max_workers: int) -> None:
        self.max_workers = max_workers

    def __enter__(self) -> InlineExecutor:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def submit(self, fn: Any, *args: Any, **kwargs: Any) -> InlineFuture:
        return InlineFuture(fn(*args, **kwargs))
