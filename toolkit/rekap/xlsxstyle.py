"""Formats, column widths, traffic lights and page setup shared by every sheet of REKAP.xlsx.

Rules every sheet follows (issue 18):

* a header wraps at word boundaries: its column is at least as wide as the longest
  *word* of the header (:func:`header_width`), so Excel never breaks "Rencana" into
  "Rencan a";
* column widths come from the content (:func:`fit_widths`), bounded;
* printable: A4 landscape, fit to one page wide, the header row repeated on every
  page, page numbers in the footer (:func:`print_setup`);
* numbers in an Indonesian reader's format: one decimal for percentages, whole
  numbers for counts, dates with Indonesian month names.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from toolkit.indonesian import EXCEL_DATE_FORMAT, EXCEL_DATETIME_FORMAT, format_tanggal
from toolkit.workbook import palette
from toolkit.workbook.cells import cell_address

GREEN, YELLOW, RED, GREY = palette.GREEN, palette.YELLOW, palette.RED, palette.GREY
FONT_GREEN, FONT_YELLOW, FONT_RED = "#006100", "#9C5700", "#9C0006"
# [$-421]: the Indonesian locale, so LibreOffice/Excel show "66,7" and "16 Maret 2026" whatever the viewer's language
PCT_FORMAT = "[$-421]0.0"
INT_FORMAT = "[$-421]0"
MAX_WIDTH = 60.0
A4 = 9


class Fmt:
    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        self.base = base
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "font_color": "#1F4E78"})
        self.h2 = wb.add_format({**base, "bold": True, "font_size": 11, "font_color": "#1F4E78", "bottom": 2,
                                 "bottom_color": "#1F4E78"})
        self.sub = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#595959", "text_wrap": True})
        self.label = wb.add_format({**base, "bold": True})
        self.head = wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78",
                                   "border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"})
        self.text = wb.add_format(base)
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.date = wb.add_format({**base, "num_format": EXCEL_DATE_FORMAT, "align": "left"})
        self.stamp = wb.add_format({**base, "num_format": EXCEL_DATETIME_FORMAT, "align": "left"})
        self.pct = wb.add_format({**base, "num_format": PCT_FORMAT})
        self.int = wb.add_format({**base, "num_format": INT_FORMAT})
        self.big = wb.add_format({**base, "bold": True, "font_size": 12, "num_format": "[$-421]0.##",
                                  "align": "right"})
        self.green = wb.add_format({"bg_color": GREEN, "font_color": FONT_GREEN})
        self.yellow = wb.add_format({"bg_color": YELLOW, "font_color": FONT_YELLOW})
        self.red = wb.add_format({"bg_color": RED, "font_color": FONT_RED})
        self.grey = wb.add_format({"bg_color": GREY})
        self.by_light = {"Hijau": self.green, "Kuning": self.yellow, "Merah": self.red}


def write_value(ws: Worksheet, r: int, c: int, value: Any, fmt: Fmt, number_format: Any = None) -> None:
    """A cell value from a unit's file, written by its type; text is always text."""
    if value is None:
        return
    if isinstance(value, str):
        ws.write_string(r, c, value)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            ws.write_string(r, c, str(value))
        elif number_format is not None:
            ws.write_number(r, c, value, number_format)
        else:
            ws.write_number(r, c, value)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, fmt.stamp if (value.hour or value.minute or value.second) else fmt.date)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt.date)
    else:  # time, timedelta, anything exotic: its text
        ws.write_string(r, c, value.isoformat() if hasattr(value, "isoformat") else str(value))


def shown_length(value: Any) -> int:
    """About how many characters a value takes on screen (for the column width)."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return len(format_tanggal(value)) + (6 if isinstance(value, dt.datetime) else 0)
    if isinstance(value, float):
        return len(f"{value:.1f}")
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def header_width(header: str) -> float:
    """The narrowest column in which ``header`` wraps only between words (bold, filter arrow)."""
    longest = max((len(w) for w in header.split()), default=0)
    return round(longest * 1.1 + 2.5, 1)


def fit_widths(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, minimum: float = 5.0,
               maximum: float = MAX_WIDTH, declared: Sequence[float | None] | None = None,
               one_line: bool = False) -> list[float]:
    """Column widths from the content (bounded), never narrower than the header's longest word
    (``one_line``: than the whole header)."""
    widths = [0.0] * len(headers)
    for row in rows:
        for c, v in enumerate(row[:len(headers)]):
            n = shown_length(v)
            if n > widths[c]:
                widths[c] = float(n)
    out = []
    for c, h in enumerate(headers):
        content = widths[c] * 1.05 + 1 if widths[c] else 0.0
        if declared is not None and declared[c]:
            content = max(content, float(declared[c] or 0))
        head = len(h) * 1.15 + 3 if one_line else header_width(h)
        out.append(max(minimum, head, min(content, maximum)))
    return out


def header(ws: Worksheet, r: int, headers: Sequence[str], fmt: Fmt, widths: Sequence[float] | None = None,
           *, first_col: int = 0) -> None:
    """A header row: wrapped at words, tall enough for the wrapped lines."""
    lines = 1
    for c, h in enumerate(headers):
        ws.write_string(r, first_col + c, h, fmt.head)
        if widths:
            ws.set_column(first_col + c, first_col + c, widths[c])
            lines = max(lines, _wrapped_lines(h, widths[c]))
    ws.set_row(r, max(15.0, 13.5 * lines + 3))


def _wrapped_lines(text: str, width: float) -> int:
    room = max(1.0, (width - 2.5) / 1.1)
    lines, used = 1, 0.0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need > room and used > 0:
            lines += 1
            used = len(word)
        else:
            used = need
    return lines


def print_setup(ws: Worksheet, *, header_row: int | None = None, one_page: bool = False,
                title: str = "Rekap integritas") -> None:
    """A4 landscape, fit to one page wide (one page in all when ``one_page``), repeated header row."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.fit_to_pages(1, 1 if one_page else 0)
    if header_row is not None:
        ws.repeat_rows(header_row)
    ws.set_footer(f"&L{title}&C&A&RHalaman &P dari &N")


def traffic(ws: Worksheet, r0: int, c0: int, r1: int, c1: int, fmt: Fmt, *, green: float = 80,
            yellow: float = 50) -> None:
    """Percent cells: green >= 80, yellow 50–80, red < 50; blank cells stay white."""
    if r1 < r0:
        return
    first = cell_address(r0 + 1, c0 + 1)
    rules = ((f"=AND(ISNUMBER({first}),{first}>={green})", fmt.green),
             (f"=AND(ISNUMBER({first}),{first}>={yellow},{first}<{green})", fmt.yellow),
             (f"=AND(ISNUMBER({first}),{first}<{yellow})", fmt.red))
    for formula, f in rules:
        ws.conditional_format(r0, c0, r1, c1, {"type": "formula", "criteria": formula, "format": f})


def text_rule(ws: Worksheet, r0: int, c: int, r1: int, text: str, f: Any) -> None:
    if r1 >= r0:
        ws.conditional_format(r0, c, r1, c, {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": f})


def light_rules(ws: Worksheet, r0: int, c: int, r1: int, fmt: Fmt) -> None:
    """A column holding Hijau/Kuning/Merah coloured as such."""
    for text, f in fmt.by_light.items():
        text_rule(ws, r0, c, r1, text, f)


class InRowOrder:
    """A worksheet whose cell writes are replayed in row order at :meth:`flush`.

    REKAP.xlsx is written with ``constant_memory`` (rows are streamed and a row, once
    left, cannot be written again); a sheet laid out in blocks side by side (the
    summary) writes through this and flushes once.
    """

    _DEFERRED = frozenset({"write_string", "write_number", "write_datetime", "write_boolean", "write_blank",
                           "merge_range", "set_row"})

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.ops: list[tuple[int, int, int, str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        if name in self._DEFERRED:
            def defer(*args: Any, **kwargs: Any) -> None:
                col = -1 if name == "set_row" else args[1]
                self.ops.append((args[0], col, len(self.ops), name, args, kwargs))
            return defer
        return getattr(self.ws, name)

    def flush(self) -> None:
        for _r, _c, _i, name, args, kwargs in sorted(self.ops, key=lambda op: op[:3]):
            getattr(self.ws, name)(*args, **kwargs)
        self.ops.clear()
