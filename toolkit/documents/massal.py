"""Mail merge: one letter per row of a workbook (``integritas surat … --massal WORKBOOK``).

The first sheet's first row names the fields, e.g. ``yth``, ``hal``, ``nama_unit``,
``penandatangan.nama`` (a dot sets a field inside a group; headers are compared
case- and space-insensitively, "Nama Unit" = ``nama_unit``). Each row is laid over
the common data from ``--data``; text in the common data may use the row's
columns as ``{{ nama_unit }}`` (jinja2, StrictUndefined: a column that does not
exist is an error, not an empty string). A cell with several lines gives a list
where the template expects one (``yth``, ``tembusan``). The optional column
``nama_file`` names each output file.

A column that is neither a template field nor used in the common data is an
error — exactly like an unknown variable in a single letter.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment

from toolkit.errors import UsageError
from toolkit.schemas.coerce import is_blank
from toolkit.workbook.reader import open_calamine

FILE_COLUMN = "nama_file"
_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def _key(header: object) -> str:
    text = re.sub(r"[^0-9a-zA-Z_.]+", "_", str(header).strip().casefold()).strip("_")
    return text


def read_rows(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Header keys and (Excel row, values) of the first sheet; blank rows skipped."""
    p = Path(path)
    cwb = open_calamine(p)
    try:
        sheet = cwb.get_sheet_by_index(0)
        rows = list(sheet.iter_rows())
    finally:
        cwb.close()
    if not rows:
        raise UsageError("workbook massal kosong: baris 1 harus berisi nama kolom.", path=p)
    headers = [_key(h) if not is_blank(h) else "" for h in rows[0]]
    dupes = sorted({h for h in headers if h and headers.count(h) > 1})
    if dupes:
        raise UsageError(f"nama kolom ganda di baris 1: {', '.join(dupes)}.", path=p)
    out: list[tuple[int, dict[str, Any]]] = []
    for r, row in enumerate(rows[1:], start=2):
        values = {}
        for h, v in zip(headers, row, strict=False):
            if not h:
                continue
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            if isinstance(v, dt.datetime) and v.time() == dt.time(0, 0):
                v = v.date()
            values[h] = None if is_blank(v) else v
        if any(v is not None for v in values.values()):
            out.append((r, values))
    return [h for h in headers if h], out


def columns_used_in(base: Any) -> set[str]:
    """Row columns referenced by ``{{ … }}`` in the common data."""
    used: set[str] = set()
    if isinstance(base, str) and ("{{" in base or "{%" in base):
        used |= meta.find_undeclared_variables(_ENV.parse(base))
    elif isinstance(base, Mapping):
        for v in base.values():
            used |= columns_used_in(v)
    elif isinstance(base, list):
        for v in base:
            used |= columns_used_in(v)
    return used


def _fill(value: Any, row: Mapping[str, Any], where: str) -> Any:
    if isinstance(value, str) and ("{{" in value or "{%" in value):
        try:
            return _ENV.from_string(value).render(row)
        except UndefinedError as exc:
            raise UsageError(f"data bersama '{where}' memakai kolom yang tidak ada di workbook massal: "
                             f"{exc.message}.") from exc
    if isinstance(value, Mapping):
        return {k: _fill(v, row, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, row, where) for v in value]
    return value


def merge_row(base: Mapping[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    """The data of one letter: common data with ``{{ column }}`` filled, then the row's own fields."""
    text_row = {k: ("" if v is None else v) for k, v in row.items()}
    data: dict[str, Any] = {k: _fill(copy.deepcopy(v), text_row, k) for k, v in base.items()}
    used = columns_used_in(base)
    for key, value in row.items():
        if key == FILE_COLUMN or value is None:
            continue
        if "." in key:
            group, sub = key.split(".", 1)
            target = data.setdefault(group, {})
            if not isinstance(target, dict):
                raise UsageError(f"kolom '{key}': '{group}' bukan kelompok isian.")
            target[sub] = value
        elif key in used and key not in base:
            continue  # only used to fill the common text
        else:
            data[key] = value
    return data


def iter_letters(base: Mapping[str, Any], workbook: str | Path,
                 allowed: set[str]) -> Iterator[tuple[int, str | None, dict[str, Any]]]:
    """(Excel row, file name or None, letter data) per row; unknown columns stop before anything is written."""
    headers, rows = read_rows(workbook)
    used = columns_used_in(base)
    unknown = [h for h in headers if h != FILE_COLUMN and h.split(".")[0] not in allowed and h not in used]
    if unknown:
        raise UsageError(f"kolom tidak dikenal templat dan tidak dipakai di data bersama: {', '.join(unknown)} "
                         f"(kolom yang dikenal: {', '.join(sorted(allowed))}).", path=workbook)
    for r, row in rows:
        name = row.get(FILE_COLUMN)
        yield r, (str(name) if name else None), merge_row(base, row)


def safe_filename(text: str) -> str:
    """A file name from a row (letters, digits, dash, underscore, dot)."""
    name = re.sub(r"[^0-9A-Za-z._-]+", "-", text).strip("-.")
    return name or "naskah"
