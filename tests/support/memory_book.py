"""An in-memory stand-in for an xlwings ``Book`` (no Excel needed), backed by openpyxl.

It implements the part of xlwings' object model that :class:`toolkit.excel.adapter.XlwingsBook`
uses, and keeps Excel's rules that matter for the entry points:

- a value starting with ``=`` becomes a formula, unless the cell is formatted as
  text (``number_format = "@"``), as in Excel;
- a protected sheet refuses a format change or a write into a locked cell (Excel
  raises a COM error), so the adapter must lift and restore protection;
- ``api.SaveCopyAs`` writes the current state and leaves the book as it is;
- ``app.alert`` records the message boxes (``book.app.alerts``).

``memory_book(path)`` gives the adapter over such a book; tests also install it as
``xlwings.Book.caller`` to run a button's recorded command.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.excel.adapter import XlwingsBook

_FLAG_ATTR = {
    "AllowFormattingCells": "formatCells", "AllowFormattingColumns": "formatColumns",
    "AllowFormattingRows": "formatRows", "AllowInsertingColumns": "insertColumns",
    "AllowInsertingRows": "insertRows", "AllowInsertingHyperlinks": "insertHyperlinks",
    "AllowDeletingColumns": "deleteColumns", "AllowDeletingRows": "deleteRows",
    "AllowSorting": "sort", "AllowFiltering": "autoFilter", "AllowUsingPivotTables": "pivotTables",
}
_FLAG_ORDER = tuple(_FLAG_ATTR)


class ProtectedSheetError(PermissionError):
    """What Excel raises (as a COM error) when a protected sheet is changed."""


@dataclass
class Alert:
    message: str
    title: str | None
    mode: str | None


class _App:
    def __init__(self) -> None:
        self.alerts: list[Alert] = []

    def alert(self, prompt: str, title: str | None = None, buttons: str = "ok", mode: str | None = None,
              callback: str | None = None) -> str:
        self.alerts.append(Alert(prompt, title, mode))
        return "ok"


class _Protection:
    _ws: Worksheet

    def __init__(self, ws: Worksheet) -> None:
        object.__setattr__(self, "_ws", ws)

    def __getattr__(self, name: str) -> bool:
        return not bool(getattr(self._ws.protection, _FLAG_ATTR[name]))


class _SheetApi:
    def __init__(self, ws: Worksheet) -> None:
        self._ws = ws
        self.Protection = _Protection(ws)

    @property
    def ProtectContents(self) -> bool:  # noqa: N802 - COM names
        return bool(self._ws.protection.sheet)

    @property
    def ProtectDrawingObjects(self) -> bool:  # noqa: N802
        return bool(self._ws.protection.objects)

    @property
    def ProtectScenarios(self) -> bool:  # noqa: N802
        return bool(self._ws.protection.scenarios)

    def Unprotect(self, password: str = "") -> None:  # noqa: N802
        self._ws.protection.sheet = False

    def Protect(self, password: str = "", drawing: bool = True, contents: bool = True,  # noqa: N802
                scenarios: bool = True, ui_only: bool = False, *flags: bool) -> None:
        p = self._ws.protection
        p.sheet = bool(contents)
        p.objects = bool(drawing)
        p.scenarios = bool(scenarios)
        for name, allowed in zip(_FLAG_ORDER, flags, strict=False):
            setattr(p, _FLAG_ATTR[name], not allowed)


class _Font:
    _rng: _Range

    def __init__(self, rng: _Range) -> None:
        object.__setattr__(self, "_rng", rng)

    def __setattr__(self, name: str, value: Any) -> None:
        if name != "bold":
            raise AttributeError(name)
        self._rng._check_format()
        for cell in self._rng._cells():
            cell.font = Font(bold=bool(value), name=cell.font.name, size=cell.font.size)


class _Range:
    def __init__(self, sheet: _Sheet, r0: int, c0: int, r1: int, c1: int, ndim: int | None = None) -> None:
        self.sheet, self.r0, self.c0, self.r1, self.c1, self._ndim = sheet, r0, c0, r1, c1, ndim

    @property
    def _ws(self) -> Worksheet:
        return self.sheet.ws

    def _cells(self) -> Iterator[Any]:
        for r in range(self.r0, self.r1 + 1):
            for c in range(self.c0, self.c1 + 1):
                yield self._ws.cell(r, c)

    def _check_format(self) -> None:
        p = self._ws.protection
        if p.sheet and p.formatCells:
            raise ProtectedSheetError(f"sheet '{self._ws.title}' terproteksi: format sel tidak dapat diubah")

    def options(self, ndim: int | None = None, **_: Any) -> _Range:
        return _Range(self.sheet, self.r0, self.c0, self.r1, self.c1, ndim)

    def resize(self, rows: int, cols: int) -> _Range:
        return _Range(self.sheet, self.r0, self.c0, self.r0 + rows - 1, self.c0 + cols - 1)

    @property
    def value(self) -> Any:
        rows = [[self._ws.cell(r, c).value for c in range(self.c0, self.c1 + 1)]
                for r in range(self.r0, self.r1 + 1)]
        if self._ndim == 2:
            return rows
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        return rows[0] if len(rows) == 1 else rows

    @value.setter
    def value(self, data: Any) -> None:
        rows = data if isinstance(data, list) and data and isinstance(data[0], list) else [[data]]
        p = self._ws.protection
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                cell = self._ws.cell(self.r0 + i, self.c0 + j)
                if p.sheet and cell.protection.locked:
                    raise ProtectedSheetError(f"sheet '{self._ws.title}' terproteksi: sel {cell.coordinate} terkunci")
                cell.value = v
                if isinstance(v, str) and cell.number_format == "@":
                    cell.data_type = "s"  # a text cell keeps "=..." as text, as Excel does

    @property
    def number_format(self) -> str:
        return str(self._ws.cell(self.r0, self.c0).number_format)

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        self._check_format()
        for cell in self._cells():
            cell.number_format = fmt

    @property
    def color(self) -> str | None:
        fill = self._ws.cell(self.r0, self.c0).fill
        if fill is None or fill.fill_type != "solid":
            return None
        rgb = str(fill.fgColor.rgb or "")
        return "#" + rgb[-6:] if len(rgb) >= 6 else None

    @color.setter
    def color(self, value: str | None) -> None:
        self._check_format()
        for cell in self._cells():
            if value is None:
                cell.fill = PatternFill(fill_type=None)
            else:
                cell.fill = PatternFill(fill_type="solid", fgColor="FF" + value.lstrip("#").upper())

    @property
    def font(self) -> _Font:
        return _Font(self)

    @property
    def column_width(self) -> float:
        return float(self._ws.column_dimensions[get_column_letter(self.c0)].width or 8.43)

    @column_width.setter
    def column_width(self, width: float) -> None:
        for c in range(self.c0, self.c1 + 1):
            self._ws.column_dimensions[get_column_letter(c)].width = width


class _Sheet:
    def __init__(self, book: MemoryXwBook, ws: Worksheet) -> None:
        self.book, self.ws = book, ws
        self.api = _SheetApi(ws)

    @property
    def name(self) -> str:
        return str(self.ws.title)

    def range(self, address: str | tuple[int, int]) -> _Range:
        if isinstance(address, tuple):
            r, c = address
            return _Range(self, r, c, r, c)
        c0, r0, c1, r1 = range_boundaries(address)
        return _Range(self, r0, c0, r1, c1)  # type: ignore[arg-type]

    @property
    def used_range(self) -> _Range:
        return _Range(self, 1, 1, max(self.ws.max_row, 1), max(self.ws.max_column, 1))

    def delete(self) -> None:
        self.book.wb.remove(self.ws)

    def activate(self) -> None:
        self.book.wb.active = self.book.wb.worksheets.index(self.ws)


class _Sheets:
    def __init__(self, book: MemoryXwBook) -> None:
        self.book = book

    def __iter__(self) -> Iterator[_Sheet]:
        return (_Sheet(self.book, ws) for ws in self.book.wb.worksheets)

    def __len__(self) -> int:
        return len(self.book.wb.worksheets)

    def __getitem__(self, key: str | int) -> _Sheet:
        if isinstance(key, int):
            return _Sheet(self.book, self.book.wb.worksheets[key])
        for ws in self.book.wb.worksheets:
            if ws.title.casefold() == key.casefold():
                return _Sheet(self.book, ws)
        raise KeyError(key)

    def add(self, name: str | None = None, before: _Sheet | None = None, after: _Sheet | None = None) -> _Sheet:
        index = len(self.book.wb.worksheets)
        if after is not None:
            index = self.book.wb.worksheets.index(after.ws) + 1
        elif before is not None:
            index = self.book.wb.worksheets.index(before.ws)
        ws = self.book.wb.create_sheet(title=name, index=index)
        return _Sheet(self.book, ws)


class _BookApi:
    def __init__(self, book: MemoryXwBook) -> None:
        self._book = book

    def SaveCopyAs(self, filename: str) -> None:  # noqa: N802 - COM name
        self._book.wb.save(filename)


class MemoryXwBook:
    """An xlwings-shaped workbook held in memory (openpyxl), opened from ``path``."""

    def __init__(self, path: str | Path) -> None:
        self.fullname = str(Path(path).resolve())
        self.wb = openpyxl.load_workbook(path, keep_vba=Path(path).suffix.lower() == ".xlsm")
        self.app = _App()
        self.api = _BookApi(self)
        self.sheets = _Sheets(self)

    @property
    def name(self) -> str:
        return Path(self.fullname).name

    def save(self, path: str | Path | None = None) -> None:
        """Save like Excel's Save (``path`` None) or SaveAs (the book then lives at ``path``)."""
        target = Path(path) if path is not None else Path(self.fullname)
        self.wb.save(target)
        self.fullname = str(target.resolve())


def memory_book(path: str | Path) -> XlwingsBook:
    """The entry points' adapter over an in-memory book opened from ``path``."""
    return XlwingsBook(MemoryXwBook(path))
