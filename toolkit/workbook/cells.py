"""Excel cell addresses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_ADDR = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def cell_address(row: int, col: int) -> str:
    """(row 1-based, col 1-based) -> "B12"."""
    return f"{column_letter(col)}{row}"


def row_and_column(address: str) -> tuple[int, int]:
    """"B12" -> (12, 2): row first, column as a number (cf. toolkit.scoring.formula.column_and_row)."""
    m = _ADDR.match(address.upper())
    if not m:
        raise ValueError(f"alamat sel tidak sah: {address}")
    return int(m.group(2)), column_index(m.group(1))


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide (words kept whole)."""
    room = max(1.0, (width - 1.5) / 1.1)
    total = 0
    for paragraph in str(text).splitlines() or [""]:
        lines, used = 1, 0.0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need > room and used > 0:
                lines += 1 + int((len(word) - 1) // room)
                used = len(word) % room or room
            else:
                used = need
        total += lines
    return max(total, 1)


def row_height(values: Iterable[object], widths: Sequence[float], *, line_pt: float = 13.0,
               minimum: float = 15.0) -> float:
    """A row height (points) that shows every wrapped value in full: rows never overlap when printed,
    whatever application computes (or does not compute) row heights on opening."""
    lines = 1
    for c, value in enumerate(values):
        if value is None or value == "" or c >= len(widths):
            continue
        lines = max(lines, wrapped_lines(str(value), widths[c]))
    return min(409.0, max(minimum, lines * line_pt + 2))


# OWASP "CSV injection": a cell starting with one of these is run as a formula by spreadsheet programs
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


# every workbook we write with XlsxWriter: a unit's text stays text (never a formula, link or number)
# and a number that is not finite is written as #NUM!, not an internal error
XLSX_OPTIONS: dict[str, bool] = {"strings_to_formulas": False, "strings_to_urls": False,
                                 "strings_to_numbers": False, "nan_inf_to_errors": True}


def safe_cell(value: object) -> object:
    """Text from user data made inert for CSV/XLSX: a leading ``= + - @`` tab or CR gets a ``'`` in front.

    Anything that is not text is returned unchanged. Spreadsheet programs then show the
    text as typed (OWASP CSV-injection guidance) instead of evaluating it.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
