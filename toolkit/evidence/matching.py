"""Match scanned files to requirements: by folder, by Indonesian file-name keywords, by type.

The folder convention (``docs/evidence.md``)::

    bukti/<NN-area>/<kode-indikator | TW-I..IV | kegiatan-NN[/YYYY-MM]>/<file>

A file *in* a requirement's folder whose name carries one of its keywords is a
match ("folder dan nama"); a file lying loose in the area folder (or the root)
whose name carries the keywords is a match too ("nama file"); a photo anywhere in
an activity's month folder counts as its *foto*; a file the workbook cites in
Referensi Bukti counts for that activity's output. A file in the right folder
whose name says nothing is only a candidate ("Perlu Dicek").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from toolkit.evidence.catalogue import Catalogue
from toolkit.evidence.filetypes import date_in_name
from toolkit.evidence.requirements import Requirement
from toolkit.evidence.scanner import FileEntry
from toolkit.evidence.text import (
    compact,
    component_has_code,
    fold,
    leading_number,
    matches_any,
    month_of_component,
    quarter_of_component,
    raw_tokens,
    tokens,
)

_ACTIVITY = re.compile(r"^(?:kegiatan|keg|kgt|activity)[^0-9a-z]*(\d{1,3})(?!\d)")
_CODE = re.compile(r"^(?:[prh][-_. ]?)?(?:\d|i{1,3}|iv)[-_. ]+(?:i{1,3}|iv|v|vi|vii|[a-h])\b")


@dataclass
class FileFacts:
    """What a file's place and name say: area, indicator code, quarter, activity, month."""

    entry: FileEntry
    area: int | None  # None: not inside an area folder
    components: tuple[str, ...]  # directory names below the area folder
    quarter: int | None = None
    activity: str | None = None
    month: int | None = None
    day_iso: str | None = None
    specific: bool = False
    name_tokens: list[str] = field(default_factory=list)
    name_compact: str = ""


def area_of_component(component: str, cat: Catalogue) -> int | None:
    n = leading_number(component)
    if n is not None and (1 <= n <= 6 or n == 7):
        return 0 if n == 7 else n
    toks = " ".join(tokens(component))
    for no, kws in cat.area_keywords.items():
        for kw in kws:
            if len(kw) > 3 and " ".join(tokens(kw)) in toks:
                return no
    if raw_tokens(component)[:1] == ["hasil"]:
        return 0
    return None


def facts(entry: FileEntry, cat: Catalogue, year: int | None) -> FileFacts:
    dirs = entry.parts[:-1]
    area: int | None = None
    rest = tuple(dirs)
    if dirs:
        if raw_tokens(dirs[0])[:1] == ["kegiatan"] and len(dirs) > 1 and not _ACTIVITY.match(fold(dirs[0])):
            area, rest = 0, tuple(dirs[1:])  # kalender: kegiatan/<kelompok>-<no>/<tanggal>/
            f = FileFacts(entry, area, rest)
            f.activity = "-".join(raw_tokens(rest[0])) if rest else None
            f.specific = f.activity is not None
        else:
            a = area_of_component(dirs[0], cat)
            if a is not None:
                area, rest = a, tuple(dirs[1:])
            f = FileFacts(entry, area, rest)
            for comp in rest:
                folded = fold(comp).strip()
                m = _ACTIVITY.match(folded)
                if m and f.activity is None:
                    f.activity = str(int(m.group(1)))
                    f.specific = True
                    continue
                q = quarter_of_component(comp)
                if q and f.quarter is None:
                    f.quarter = q
                    f.specific = True
                    continue
                if _CODE.match(folded):
                    f.specific = True
    else:
        f = FileFacts(entry, None, ())
    stem = PurePosixPath(entry.name).stem
    for comp in (*rest[1:], stem) if f.activity else (stem,):
        month = month_of_component(comp, year)
        if month:
            f.month = month
            break
    for comp in (*rest, stem):
        d = date_in_name(comp)
        if d:
            f.day_iso = d.isoformat()
            break
    f.name_tokens = tokens(stem)
    f.name_compact = compact(stem)
    return f


def in_scope(req: Requirement, f: FileFacts) -> bool:
    """The file lies in the requirement's own folder (tolerant spelling)."""
    s = req.scope
    if s.area and f.area != s.area:
        return False
    if s.code:
        return any(component_has_code(c, s.code) for c in f.components)
    if s.quarter:
        return f.quarter == s.quarter and f.activity is None
    if s.activity:
        if f.activity != s.activity:
            return False
        if s.day is not None:
            return f.day_iso == s.day.isoformat() or (f.day_iso is None and f.month == s.month)
        if s.month == 0:
            return True
        return f.month == s.month or (f.month is None and s.single_occurrence)
    return False


def loose_ok(req: Requirement, f: FileFacts) -> bool:
    """A file outside any specific folder may match by name within its area (or from the root)."""
    if f.specific:
        return False
    if req.scope.activity:
        return False  # per-occurrence evidence must sit in its activity folder
    return f.area is None or f.area == req.scope.area


def name_match(req: Requirement, f: FileFacts) -> str | None:
    return matches_any(f.name_tokens, f.name_compact, req.keywords)


def ref_match(req: Requirement, f: FileFacts) -> bool:
    if not req.refs or not req.id.endswith("-output"):
        return False
    name = compact(f.entry.name)
    return any(compact(PurePosixPath(r.replace("\\", "/")).name) == name for r in req.refs if safe_ref(r))


def safe_ref(ref: str) -> bool:
    """A name cited in the workbook may not leave the evidence folder (``..``, absolute, drive)."""
    r = ref.replace("\\", "/").strip()
    if not r or r.startswith("/") or re.match(r"^[a-zA-Z]:", r) or r.startswith("~"):
        return False
    return ".." not in PurePosixPath(r).parts
