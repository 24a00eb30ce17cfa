"""The new sheets of a safe copy, built by XlsxWriter in a scratch ("donor") workbook.

:mod:`toolkit.workbook.safe_copy` transplants each donor sheet into the copy of the unit's
workbook; here are the sheets' data types (:class:`NewSheet`, :class:`Link`), the donor
itself (:func:`build_donor`), how one value is written (:func:`write_value`: text stays
text, never a formula) and how a transplanted sheet's XML is adapted to the copy's styles
and strings (:func:`adapt_sheet`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import urllib.parse
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from toolkit.errors import UsageError
from toolkit.indonesian import EXCEL_DATE_FORMAT, EXCEL_DATETIME_FORMAT
from toolkit.workbook.cells import XLSX_OPTIONS, row_and_column


@dataclass(frozen=True)
class Link:
    """A hyperlink cell: ``#'Sheet'!A1`` (inside the workbook), a relative/absolute file path, or a URL."""

    text: str
    target: str



@dataclass
class NewSheet:
    """A sheet added to the copy.

    ``rows`` are written from A1 (``str`` as text, numbers, ``bool``, dates as
    "6 April 2023", :class:`Link`, ``None`` blank, lists joined with ", "); rows whose
    0-based index is in ``header_rows`` get the header style, ``title_rows`` the title
    style. ``widths`` are column widths from column A, ``freeze`` a cell like "A2",
    ``images`` (cell, PNG path) pairs. ``draw(workbook, worksheet)`` (XlsxWriter objects)
    may add anything XlsxWriter can write (formats, charts, images) after the rows.
    """

    name: str
    rows: Iterable[Sequence[Any]] = ()
    header_rows: Collection[int] = ()
    title_rows: Collection[int] = ()
    widths: Sequence[float] = ()
    freeze: str | None = None
    autofilter: str | None = None
    images: Sequence[tuple[str, str | Path]] = ()
    draw: Callable[[Any, Any], None] | None = None
    final_name: str = field(default="", init=False)


# --- the scratch workbook the new sheets are built in ------------------------------------

def build_donor(sheets: list[NewSheet], path: Path) -> Path:
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    streaming = all(s.draw is None and not s.images for s in sheets)
    wb = xlsxwriter.Workbook(str(path), {**XLSX_OPTIONS, "constant_memory": streaming,
                                         "tmpdir": str(path.parent)})
    try:
        formats = {
            "header": wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1,
                                     "text_wrap": True, "valign": "top"}),
            "title": wb.add_format({"bold": True, "font_size": 13, "font_color": "#1F4E78"}),
            "link": wb.add_format({"font_color": "#0563C1", "underline": 1}),
            "date": wb.add_format({"num_format": EXCEL_DATE_FORMAT, "align": "left"}),
            "datetime": wb.add_format({"num_format": EXCEL_DATETIME_FORMAT, "align": "left"}),
        }
        for sheet in sheets:
            ws = wb.add_worksheet(sheet.final_name)
            for c, width in enumerate(sheet.widths):
                ws.set_column(c, c, width)
            header, title = set(sheet.header_rows), set(sheet.title_rows)
            for r, row in enumerate(sheet.rows):
                fmt = formats["header"] if r in header else formats["title"] if r in title else None
                for c, value in enumerate(row):
                    write_value(ws, r, c, value, fmt, formats)
            if sheet.freeze:
                fr, fc = row_and_column(sheet.freeze)
                ws.freeze_panes(fr - 1, fc - 1)
            if sheet.autofilter:
                ws.autofilter(sheet.autofilter)
            for cell, image in sheet.images:
                ws.insert_image(cell, str(image))
            if sheet.draw is not None:
                sheet.draw(wb, ws)
    except XlsxWriterException as exc:
        raise UsageError(f"sheet hasil tidak dapat dibentuk: {exc}") from exc
    finally:
        wb.close()
    return path


def write_value(ws: Any, r: int, c: int, value: Any, fmt: Any = None, formats: dict[str, Any] | None = None
                ) -> None:
    """Write one value with XlsxWriter: text stays text (never a formula), links, dates in Indonesian."""
    formats = formats or {}
    if value is None:
        if fmt is not None:
            ws.write_blank(r, c, None, fmt)
        return
    if isinstance(value, Link):
        url = link_url(value.target)
        if url and len(url) < 2080 and can_link(ws) and ws.write_url(r, c, url, fmt or formats.get("link"), string=value.text) == 0:
            return
        ws.write_string(r, c, value.text, fmt)
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, fmt or formats.get("datetime"))
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt or formats.get("date"))
    elif isinstance(value, (list, tuple)):
        ws.write_string(r, c, ", ".join(str(v) for v in value), fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


URL_LIMIT = 65_530  # Excel's limit of hyperlinks in one worksheet


def can_link(ws: Any) -> bool:
    """``ws`` (an XlsxWriter worksheet) may take one more hyperlink: past Excel's limit XlsxWriter
    drops the link with an English warning on stderr, so the caller writes plain text instead."""
    return int(getattr(ws, "hlink_count", 0)) < URL_LIMIT


def link_url(target: str) -> str:
    """An XlsxWriter URL for a :class:`Link` target ("" when it cannot be a link)."""
    if target.startswith("#"):
        return "internal:" + target[1:]
    if re.match(r"^(https?|ftp|mailto):", target, re.I):
        return target
    path = target.replace("\\", "/")
    if path.startswith("file:///"):
        path = path[len("file:///"):]
    return "external:" + urllib.parse.quote(path, safe="/:._-~()!$&'+,;=@%")


# --- adapting a transplanted sheet -------------------------------------------------------

_PIECE = 4 * 1024 * 1024
_STYLE_TAG = re.compile(r"<(c|row|col)\b[^>]*>")
_SST_CELL = re.compile(r'<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)</v>\s*</c>')


def adapt_sheet(xml: str, xf_map: dict[int, int], sst: list[str]) -> str:
    return _adapt_head(_adapt_body(xml, xf_map, sst))


def _adapt_head(xml: str) -> str:
    cut = xml.find("<sheetData")
    cut = len(xml) if cut < 0 else cut
    return re.sub(r'\s+tabSelected="1"', "", xml[:cut]) + xml[cut:]


def adapt_sheet_stream(src: IO[bytes], dst: IO[bytes], xf_map: dict[int, int], sst: list[str]) -> None:
    """:func:`adapt_sheet` piece by piece (cut after a ``</row>``), for a new sheet of any length: a
    Hasil Validasi of 200,000 findings is some 100 MB of XML, which as one string took ~1 GB."""
    pending = ""
    head_done = False
    decoder = codecs.getincrementaldecoder("utf-8")()
    while True:
        piece = src.read(_PIECE)
        pending += decoder.decode(piece, final=not piece)
        if not head_done:
            if "<sheetData" not in pending and piece:
                continue
            head_done = True
            cut = pending.find("<sheetData")
            cut = len(pending) if cut < 0 else cut
            dst.write(_adapt_head(_adapt_body(pending[:cut], xf_map, sst)).encode("utf-8"))
            pending = pending[cut:]
        cut = pending.rfind("</row>") + len("</row>") if piece else len(pending)
        if cut >= len("</row>"):
            dst.write(_adapt_body(pending[:cut], xf_map, sst).encode("utf-8"))
            pending = pending[cut:]
        if not piece:
            if pending:
                dst.write(_adapt_body(pending, xf_map, sst).encode("utf-8"))
            return


def _adapt_body(xml: str, xf_map: dict[int, int], sst: list[str]) -> str:
    def restyle(m: re.Match[str]) -> str:
        attr = "style" if m.group(1) == "col" else "s"
        return re.sub(r'(\s' + attr + r'=")(\d+)(")', lambda a: f"{a.group(1)}{xf_map.get(int(a.group(2)), 0)}"
                      f"{a.group(3)}", m.group(0), count=1)

    xml = _STYLE_TAG.sub(restyle, xml)
    if sst:
        xml = _SST_CELL.sub(lambda m: f'<c{m.group(1)}{m.group(2)} t="inlineStr"><is>{sst[int(m.group(3))]}</is></c>',
                            xml)
    return xml
