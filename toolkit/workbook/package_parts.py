"""Package-part helpers of the safe copy: part paths, relationships, sheet parts, root namespaces.

Split out of :mod:`toolkit.workbook.safe_copy` (size limit); no behaviour of its own.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass

from toolkit.workbook.ooxml_patch import rel_prefix


def _declare_on_root(xml: str, prefix: str, ns: str) -> str:
    """``xml`` with ``xmlns:prefix="ns"`` on its root element (openpyxl declares ``r:`` on each <sheet>
    only, so a <sheet> we add after them would use an undeclared prefix)."""
    root = re.search(r"<(?![?!])[\w:]+\b[^>]*>", xml)
    if root is None or f'xmlns:{prefix}="' in root.group(0):
        return xml
    tag = root.group(0)
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return xml[:root.start()] + tag[:end] + f' xmlns:{prefix}="{ns}"' + tag[end:] + xml[root.end():]



def _info_like(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = zipfile.ZIP_DEFLATED
    new.external_attr = info.external_attr
    return new


# --- helpers ---------------------------------------------------------------------------

def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _rels_path(part: str) -> str:
    d, b = posixpath.split(part)
    return posixpath.join(d, "_rels", b + ".rels")


def _rel_target(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _relative(from_part: str, to_part: str) -> str:
    return posixpath.relpath(to_part, posixpath.dirname(from_part))


_REL_RE = re.compile(r"<Relationship\b[^>]*?/>", re.S)
_EMPTY_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')


def _attr(tag: str, name: str) -> str | None:
    m = re.search(r'\b' + re.escape(name) + r'="([^"]*)"', tag)
    return html.unescape(m.group(1)) if m else None


def _new_rid(rels: str) -> str:
    used = set(re.findall(r'\bId="([^"]*)"', rels))
    n = len(used) + 1
    while f"rId{n}" in used:
        n += 1
    return f"rId{n}"


@dataclass(frozen=True)
class _Part:
    name: str
    path: str


def _sheet_parts(zin: zipfile.ZipFile) -> list[_Part]:
    """Every worksheet in tab order with its part path (names unescaped)."""
    wb = zin.read("xl/workbook.xml").decode("utf-8")
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in zin.namelist():
        for tag in _REL_RE.findall(zin.read(rels_name).decode("utf-8")):
            targets[_attr(tag, "Id") or ""] = _rel_target("xl/workbook.xml", _attr(tag, "Target") or "")
    prefix = rel_prefix(wb)
    out = []
    for tag in re.findall(r"<sheet\b[^>]*?/?>", wb):
        rid = _attr(tag, f"{prefix}:id") or ""
        out.append(_Part(_attr(tag, "name") or "", targets.get(rid, "")))
    return out
