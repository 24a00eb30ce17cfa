"""Read a workbook's sheet XML directly, streaming: formula cells, sheet states and rows.

python-calamine returns a formula's cached value and nothing else, and it loads a
whole sheet into memory (about 900 MB for 1,000,000 rows of nine columns). This
module reads the ``xl/worksheets/sheetN.xml`` part of the zip in chunks with
regular expressions, so that

- every formula cell is found (``<c r="B5"><f>…</f>``) without evaluating anything;
- a sheet of any size yields its rows one at a time with bounded memory (only the
  shared-string table, i.e. the distinct texts, is held).

The rows have the shape ``toolkit.workbook.reader.records_from_rows`` expects:
``(0-based row, values from column A)``, typed like calamine's (float, str, bool,
date/datetime for cells with a date format).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from toolkit.workbook.cells import column_index

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CHUNK = 1 << 20

_FORMULA_RE = re.compile(r'<c\b([^>]*?)>\s*<f\b([^>]*?)(?:/>|>([^<]*)</f>)', re.S)
_ATTR_R = re.compile(r'\br="([A-Z]{1,3})(\d+)"')
_ROW_RE = re.compile(r'<row\b([^>]*?)(?:/>|>(.*?)</row>)', re.S)
_CELL_RE = re.compile(r'<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_V_RE = re.compile(r'<v>(.*?)</v>', re.S)
_T_RE = re.compile(r'<t\b[^>]*?(?:/>|>(.*?)</t>)', re.S)
_DATE_BUILTIN = set(range(14, 23)) | {45, 46, 47}
_EPOCH = dt.datetime(1899, 12, 30)


@dataclass(frozen=True)
class SheetPart:
    name: str
    path: str  # path of the part inside the zip, e.g. "xl/worksheets/sheet2.xml"
    state: str  # "visible" | "hidden" | "veryHidden"
    size: int  # uncompressed bytes


@dataclass(frozen=True)
class FormulaCell:
    sheet: str
    cell: str
    row: int
    column: int  # 1-based
    formula: str  # text of <f> ("" for a shared-formula child)


def _unescape(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if "_x" in text:
        text = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)
    return text


def sheet_parts(zf: zipfile.ZipFile) -> list[SheetPart]:
    """Every worksheet of the workbook in tab order, with its part path, state and size."""
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in zf.namelist():
        for rel in ET.fromstring(zf.read(rels_name)):
            target = rel.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id", "")] = path
    sizes = {i.filename: i.file_size for i in zf.infolist()}
    parts = []
    for sheet in wb.iter(f"{{{NS_MAIN}}}sheet"):
        rid = sheet.get(f"{{{NS_REL}}}id", "")
        path = targets.get(rid, "")
        parts.append(SheetPart(sheet.get("name", ""), path, sheet.get("state", "visible"), sizes.get(path, 0)))
    return parts


def _chunks(zf: zipfile.ZipFile, part: str, boundary: str) -> Iterator[str]:
    """The part's text in pieces that each end just after a ``boundary`` tag."""
    tail = ""
    with zf.open(part) as fh:
        while True:
            data = fh.read(CHUNK)
            if not data:
                break
            text = tail + data.decode("utf-8", errors="replace")
            cut = text.rfind(boundary)
            if cut < 0:
                tail = text
                continue
            cut += len(boundary)
            yield text[:cut]
            tail = text[cut:]
    if tail:
        yield tail


def formula_cells(zf: zipfile.ZipFile, part: SheetPart) -> Iterator[FormulaCell]:
    """Every cell of the sheet holding a formula (``<f>``), streaming; nothing is evaluated."""
    if part.path not in zf.namelist():
        return
    for chunk in _chunks(zf, part.path, "</c>"):
        if "<f" not in chunk:
            continue
        for m in _FORMULA_RE.finditer(chunk):
            r = _ATTR_R.search(m.group(1))
            if not r:
                continue
            col = column_index(r.group(1))
            row = int(r.group(2))
            yield FormulaCell(part.name, f"{r.group(1)}{row}", row, col, _unescape(m.group(3) or ""))


def shared_strings(zf: zipfile.ZipFile) -> list[str]:
    name = "xl/sharedStrings.xml"
    if name not in zf.namelist():
        return []
    out: list[str] = []
    si_tag = f"{{{NS_MAIN}}}si"
    t_tag = f"{{{NS_MAIN}}}t"
    rph_tag = f"{{{NS_MAIN}}}rPh"
    with zf.open(name) as fh:
        for _event, elem in ET.iterparse(fh, events=("end",)):
            if elem.tag == si_tag:
                parts = []
                for child in elem:
                    if child.tag == t_tag:
                        parts.append(child.text or "")
                    elif child.tag != rph_tag:
                        parts.extend(t.text or "" for t in child.iter(t_tag))
                out.append("".join(parts))
                elem.clear()
    return out


def date_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of cellXfs whose number format is a date or time."""
    name = "xl/styles.xml"
    if name not in zf.namelist():
        return set()
    root = ET.fromstring(zf.read(name))
    custom: dict[int, str] = {}
    for nf in root.iter(f"{{{NS_MAIN}}}numFmt"):
        custom[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "")
    dates: set[int] = set()
    xfs = root.find(f"{{{NS_MAIN}}}cellXfs")
    if xfs is None:
        return dates
    for i, xf in enumerate(xfs.findall(f"{{{NS_MAIN}}}xf")):
        fid = int(xf.get("numFmtId", "0"))
        if fid in _DATE_BUILTIN or (fid in custom and _is_date_format(custom[fid])):
            dates.add(i)
    return dates


def _is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code.split(";")[0]).lower()
    return bool(re.search(r"[dy]|m{3,}|h|(?<![#0])m(?![#0])", code)) and "@" not in code


_col_cache: dict[str, int] = {}


def _col_index(letters: str) -> int:
    """0-based column of "B" (cached)."""
    index = column_index(letters) - 1
    _col_cache[letters] = index
    return index


def _attr(attrs: str, marker: str) -> str | None:
    i = attrs.find(marker)
    if i < 0:
        return None
    i += len(marker)
    return attrs[i:attrs.index('"', i)]


def _serial_to_date(serial: float) -> dt.date | dt.datetime:
    value = _EPOCH + dt.timedelta(days=serial)
    if serial == int(serial):
        return value.date()
    return value


class SheetStream:
    """Rows of one sheet, parsed from its XML part in chunks (bounded memory)."""

    def __init__(self, path: Path, part: SheetPart, strings: list[str], dates: set[int]) -> None:
        self.path = path
        self.part = part
        self.strings = strings
        self.dates = dates

    def rows(self, limit: int | None = None) -> Iterator[tuple[int, list[Any]]]:
        """(0-based row, values from column A); rows without cells are skipped."""
        with zipfile.ZipFile(self.path) as zf:
            next_row = 0
            for chunk in _chunks(zf, self.part.path, "</row>"):
                for rm in _ROW_RE.finditer(chunk):
                    body = rm.group(2)
                    r_attr = re.search(r'\br="(\d+)"', rm.group(1))
                    row_index = int(r_attr.group(1)) - 1 if r_attr else next_row
                    next_row = row_index + 1
                    if limit is not None and row_index >= limit:
                        return
                    if not body:
                        continue
                    values = self._cells(body)
                    if values:
                        yield row_index, values

    def _cells(self, body: str) -> list[Any]:
        values: list[Any] = []
        col = 0
        for cm in _CELL_RE.finditer(body):
            attrs = cm.group(1)
            ref = _attr(attrs, ' r="')
            if ref:
                letters = ref.rstrip("0123456789")
                col = _col_cache[letters] if letters in _col_cache else _col_index(letters)
            inner = cm.group(2)
            value: Any = None
            if inner:
                value = self._value(inner, _attr(attrs, ' t="') or "n", _attr(attrs, ' s="'))
            if value is not None:
                if col >= len(values):
                    values.extend([""] * (col - len(values) + 1))
                values[col] = value
            col += 1
        return values

    def _value(self, inner: str, t: str, style: str | None) -> Any:
        if t == "inlineStr":
            return _unescape("".join(m.group(1) or "" for m in _T_RE.finditer(inner)))
        vm = _V_RE.search(inner)
        if vm is None:
            return None
        raw = vm.group(1)
        if t == "s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                return None
        if t in ("str", "e"):
            return _unescape(raw)
        if t == "b":
            return raw.strip() in ("1", "true")
        if t == "d":
            try:
                return dt.datetime.fromisoformat(raw)
            except ValueError:
                return _unescape(raw)
        try:
            number = float(raw)
        except ValueError:
            return _unescape(raw)
        if style is not None and style.isdigit() and int(style) in self.dates and 0 <= number < 2958466:
            return _serial_to_date(number)
        return number


def merged_ranges(zf: zipfile.ZipFile, part: SheetPart) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Merged ranges as calamine gives them: ((r0, c0), (r1, c1)), 0-based."""
    out = []
    for chunk in _chunks(zf, part.path, "</row>"):
        for m in re.finditer(r'<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"', chunk):
            out.append(((int(m.group(2)) - 1, column_index(m.group(1)) - 1),
                        (int(m.group(4)) - 1, column_index(m.group(3)) - 1)))
    return out
