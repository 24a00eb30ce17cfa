"""Excel cell addresses."""

from __future__ import annotations

import re

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


def split_address(address: str) -> tuple[int, int]:
    """"B12" -> (12, 2)."""
    m = _ADDR.match(address.upper())
    if not m:
        raise ValueError(f"alamat sel tidak sah: {address}")
    return int(m.group(2)), column_index(m.group(1))
