# mypy: disable-error-code="has-type"
"""An XlsxWriter worksheet whose innermost loop is cheaper, with byte-identical output.

REKAP.xlsx of 500 units x 200 rows holds about two million cells in its long tables,
and in ``constant_memory`` mode XlsxWriter spends most of the recap's writing time per
cell: ``write_string`` → ``_check_dimensions`` (both through the A1-notation
decorator) when a cell is stored, then ``_write_cell`` (a list of attributes, three
regular expressions, four method calls and a file write per text cell) when its row
is flushed. :class:`FastWorksheet`

* adds ``put_cells(row, [(col, value), …])``: a row's plain text and number cells
  stored at once, bounds and dimensions checked once per row;
* flushes a row with the XML of its text and number cells built inline and written
  in one piece, and hands every other case (rich strings, formulas, booleans, blanks,
  Excel's ``_xHHHH_`` escapes, control characters, rows with a format or a comment)
  back to XlsxWriter.

The XML written is the same, byte for byte, as XlsxWriter's own (checked in
``tests/test_rekap_fastsheet.py`` against the stock ``Worksheet``); the class is only
used through XlsxWriter's documented ``add_worksheet(name, worksheet_class=...)``.
"""

from __future__ import annotations

import re
from typing import Any

from xlsxwriter.utility import COL_NAMES, xl_col_to_name
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

# What makes XlsxWriter's _escape_control_characters change a text (xmlwriter.py).
_NEEDS_ESCAPE = re.compile("_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")


class FastWorksheet(Worksheet):
    """``Worksheet`` with a faster inner loop for text and number cells in constant_memory mode."""

    def put_cells(self, row: int, items: list[tuple[int, Any]], within: tuple[int, int] | None = None) -> None:
        """Write a row's unformatted cells: ``(column, value)`` with value a ``str`` or a finite
        ``int``/``float`` (not bool). The same as ``write_string``/``write_number`` for each one,
        with the bounds and dimensions checked once for the row. ``within=(first, last)``
        promises that every column is in that range (saves finding the smallest and largest)."""
        if not items:
            return
        if not self.constant_memory or not 0 <= row < self.xls_rowmax:
            self._put_one_by_one(row, items)
            return
        colmin, colmax = self.dim_colmin, self.dim_colmax
        if within is not None and colmin is not None and colmax is not None \
                and colmin <= within[0] and within[1] <= colmax:
            lo, hi = colmin, colmax  # inside what is already used: nothing to check or widen
        else:
            lo = min(c for c, _v in items)
            hi = max(c for c, _v in items)
            if lo < 0 or hi >= self.xls_colmax:
                self._put_one_by_one(row, items)
                return
        if row < self.previous_row:
            return  # as write_string(): a row already written cannot be changed in constant_memory mode
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or lo < self.dim_colmin:
            self.dim_colmin = lo
        if self.dim_colmax is None or hi > self.dim_colmax:
            self.dim_colmax = hi
        if row > self.previous_row:
            self._write_single_row(row)
        cells = self.table[row]
        half = self.xls_strmax // 2
        for col, value in items:
            if value.__class__ is str:
                if len(value) > half:
                    self._write_string(row, col, value)  # may need truncating to 32,767 characters
                else:
                    cells[col] = CellStringTuple(value, None)
            else:
                cells[col] = CellNumberTuple(value, None)

    def _put_one_by_one(self, row: int, items: list[tuple[int, Any]]) -> None:
        for col, value in items:
            if value.__class__ is str:
                self._write_string(row, col, value)
            else:
                self._write_number(row, col, value)

    def _write_single_row(self, current_row_num: int = 0) -> None:
        row_num: int = self.previous_row
        cells = self.table.get(row_num)
        if not cells or row_num in self.row_info or row_num in self.comments or not self.constant_memory:
            super()._write_single_row(current_row_num)  # formatted, empty or commented rows
            return
        self.previous_row = current_row_num
        self._write_row(row_num, None)
        fh = self.fh
        col_info = self.col_info
        texts = _text_xml_cache(self)
        row_text = str(row_num + 1)
        parts: list[str] = []  # one write per row instead of one per cell
        for col in range(self.dim_colmin, self.dim_colmax + 1):
            cell = cells.get(col)
            if cell is None:
                continue
            kind = cell.__class__
            if kind is CellStringTuple:
                tail = texts.get(cell.string)
                if tail is None:
                    tail = _text_tail(cell.string)
                    if len(texts) > _CACHE_LIMIT:
                        texts.clear()
                    texts[cell.string] = tail
            elif kind is CellNumberTuple or kind is CellDatetimeTuple:
                tail = f"><v>{cell.number:.16G}</v></c>"
            else:
                tail = ""
            if not tail:  # every other case: XlsxWriter itself
                if parts:
                    fh.write("".join(parts))
                    parts = []
                super()._write_cell(row_num, col, cell)
                continue
            # the attributes as _write_cell builds them (this row has no row format)
            name = COL_NAMES.get(col)
            if name is None:
                name = COL_NAMES[col] = xl_col_to_name(col)
            if cell.format:
                parts.append(f'<c r="{name}{row_text}" s="{cell.format._get_xf_index()}"{tail}')
            else:
                info = col_info.get(col)
                if info is not None and info.column_format is not None:
                    parts.append(f'<c r="{name}{row_text}" s="{info.column_format._get_xf_index()}"{tail}')
                else:
                    parts.append(f'<c r="{name}{row_text}"{tail}')
        if parts:
            fh.write("".join(parts))
        self._xml_end_tag("row")
        self.table.clear()

    # The undecorated writers (no A1-notation parsing): the long tables only use row/column numbers.
    def write_text_fast(self, row: int, col: int, string: str) -> Any:
        return self._write_string(row, col, string)

    def write_number_fast(self, row: int, col: int, number: float) -> Any:
        return self._write_number(row, col, number)


_CACHE_LIMIT = 20_000  # distinct texts remembered per worksheet (bounded memory)


def _text_xml_cache(ws: FastWorksheet) -> dict[str, str]:
    cache: dict[str, str] | None = ws.__dict__.get("_text_xml")
    if cache is None:
        cache = ws.__dict__["_text_xml"] = {}
    return cache


def _text_tail(string: Any) -> str:
    """What follows the attributes of an inline-text <c> element, as XlsxWriter writes it; "" when
    XlsxWriter must write the cell itself (escapes, control characters, rich strings, not a str)."""
    if string.__class__ is not str or _NEEDS_ESCAPE.search(string) or (
            string.startswith("<r>") and string.endswith("</r>")):
        return ""
    preserve = ' xml:space="preserve"' if string and (string[0].isspace() or string[-1].isspace()) else ""
    if "&" in string or "<" in string or ">" in string:
        string = string.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{preserve}>{string}</t></is></c>'
