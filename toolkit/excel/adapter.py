"""What an entry point needs from the calling workbook, and its xlwings implementation.

:class:`BookAdapter` is the interface the button entry points in
``toolkit.excel_entry`` talk to. :class:`XlwingsBook` implements it over an xlwings
``Book``: the real one (``xw.Book.caller()`` inside Excel on Windows) or the
in-memory :class:`tests.support.memory_book.MemoryXwBook`, which mimics the part of
xlwings' object model used here on top of openpyxl, so the same adapter code runs
in tests without Excel.

Excel does the writing when the call comes from a button (DESIGN principle 4): the
user's file on disk is only read, through a copy of the book's current state
(``SaveCopyAs``), exactly as the command line reads a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

# Sheet protection flags, in the order of Excel's Worksheet.Protect arguments after
# Password, DrawingObjects, Contents, Scenarios, UserInterfaceOnly.
PROTECTION_FLAGS = (
    "AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows", "AllowInsertingColumns",
    "AllowInsertingRows", "AllowInsertingHyperlinks", "AllowDeletingColumns", "AllowDeletingRows",
    "AllowSorting", "AllowFiltering", "AllowUsingPivotTables",
)


class BookAdapter(Protocol):
    """The calling workbook, as the entry points use it."""

    @property
    def name(self) -> str: ...

    @property
    def path(self) -> Path | None:
        """The workbook's file on disk (None for a book never saved)."""

    def save_copy(self, dest: Path) -> Path:
        """Write the book's current state (unsaved edits included) to ``dest``; the book is unchanged."""

    def sheet_names(self) -> list[str]: ...

    def replace_sheet(self, name: str, *, after: str | None = None) -> None:
        """Create sheet ``name`` (deleting one of that name first), after sheet ``after`` or last."""

    def read_values(self, sheet: str) -> list[list[Any]]:
        """The values of the sheet's used range, as rows (empty list for an empty sheet)."""

    def write_rows(self, sheet: str, top_left: str, rows: Sequence[Sequence[Any]], *, text: bool = True) -> None:
        """Write ``rows`` from ``top_left``; ``text`` stores every value as text, never as a formula."""

    def set_bold(self, sheet: str, address: str) -> None: ...

    def set_column_widths(self, sheet: str, widths: Sequence[float]) -> None: ...

    def set_fill(self, sheet: str, addresses: Sequence[str], color: str | None) -> None:
        """Fill cells with ``color`` ("#RRGGBB") or clear the fill (None), protection kept."""

    def get_fill(self, sheet: str, address: str) -> str | None:
        """A cell's fill colour ("#RRGGBB") or None when it has none."""

    def activate(self, sheet: str) -> None: ...

    def alert(self, message: str, title: str, *, critical: bool = False) -> None:
        """A message box in the calling application."""


class XlwingsBook:
    """:class:`BookAdapter` over an xlwings ``Book`` (real Excel or the in-memory fake)."""

    def __init__(self, book: Any) -> None:
        self.book = book

    @property
    def name(self) -> str:
        return str(self.book.name)

    @property
    def path(self) -> Path | None:
        full = str(self.book.fullname or "")
        if not full or "://" in full:
            return None
        p = Path(full)
        return p if p.is_absolute() else None

    def save_copy(self, dest: Path) -> Path:
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.book.api.SaveCopyAs(str(dest))
        return dest

    def sheet_names(self) -> list[str]:
        return [str(s.name) for s in self.book.sheets]

    def _sheet(self, name: str) -> Any:
        return self.book.sheets[name]

    def replace_sheet(self, name: str, *, after: str | None = None) -> None:
        names = self.sheet_names()
        if name in names:
            if len(names) == 1:
                raise ValueError("tidak dapat mengganti satu-satunya sheet")
            self._sheet(name).delete()
            names.remove(name)
        anchor = self._sheet(after if after in names else names[-1])
        self.book.sheets.add(name, after=anchor)

    def read_values(self, sheet: str) -> list[list[Any]]:
        values = self._sheet(sheet).used_range.options(ndim=2).value
        return [list(r) for r in values or []]

    def write_rows(self, sheet: str, top_left: str, rows: Sequence[Sequence[Any]], *, text: bool = True) -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        data = [list(r) + [None] * (width - len(r)) for r in rows]
        rng = self._sheet(sheet).range(top_left).resize(len(data), width)
        if text:
            rng.number_format = "@"  # Excel keeps "=..." typed into a text cell as text
            data = [["" if v is None else str(v) for v in r] for r in data]
        rng.value = data

    def set_bold(self, sheet: str, address: str) -> None:
        self._sheet(sheet).range(address).font.bold = True

    def set_column_widths(self, sheet: str, widths: Sequence[float]) -> None:
        sh = self._sheet(sheet)
        for i, w in enumerate(widths):
            sh.range((1, i + 1)).column_width = w

    def set_fill(self, sheet: str, addresses: Sequence[str], color: str | None) -> None:
        if not addresses:
            return
        sh = self._sheet(sheet)
        with _unprotected(sh):
            for address in addresses:
                sh.range(address).color = color

    def get_fill(self, sheet: str, address: str) -> str | None:
        color = self._sheet(sheet).range(address).color
        if color is None:
            return None
        if isinstance(color, (tuple, list)):
            return "#{:02X}{:02X}{:02X}".format(*(int(c) for c in color[:3]))
        return str(color).upper()

    def activate(self, sheet: str) -> None:
        self._sheet(sheet).activate()

    def alert(self, message: str, title: str, *, critical: bool = False) -> None:
        self.book.app.alert(message, title=title, buttons="ok", mode="critical" if critical else "info")


@contextmanager
def _unprotected(sheet: Any) -> Iterator[None]:
    """Lift a sheet's (password-less) protection for a write, then put the same protection back.

    The templates protect their sheets without a password so that headers and
    formulas stay put; colouring a cell needs the protection lifted for a moment.
    """
    api = sheet.api
    if not api.ProtectContents:
        yield
        return
    flags = [bool(getattr(api.Protection, f)) for f in PROTECTION_FLAGS]
    drawing, scenarios = bool(api.ProtectDrawingObjects), bool(api.ProtectScenarios)
    api.Unprotect("")
    try:
        yield
    finally:
        api.Protect("", drawing, True, scenarios, False, *flags)
