"""Re-open what we wrote, with parsers other than the one that wrote it, before saying it is done.

``verify_workbook`` is run on every produced workbook while it still has its temporary
name: each XML part must parse with namespace processing (expat, which refuses a prefix
such as ``r:`` used without its declaration — LibreOffice refuses such a file too), the
package must have its content types and workbook part, and python-calamine must open it
and find the sheets we meant to add. A failure is an :class:`UnsafeWriteError` naming the
final file; nothing is moved into place.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.parsers import expat

from toolkit.errors import UnsafeWriteError, debug_detail

_XML = (".xml", ".rels", ".vml")


def verify_workbook(path: str | Path, *, expect_sheets: Iterable[str] = (), name: str | Path | None = None) -> None:
    """Raise UnsafeWriteError unless ``path`` is a well-formed, namespace-correct workbook with ``expect_sheets``."""
    p = Path(path)
    shown = Path(name) if name is not None else p
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
            for required in ("[Content_Types].xml", "xl/workbook.xml"):
                if required not in names:
                    raise UnsafeWriteError(f"hasil tidak utuh (bagian {required} tidak ada); tidak disimpan.",
                                           path=shown)
            for member in sorted(names):
                if not member.lower().endswith(_XML):
                    continue
                parser = expat.ParserCreate(namespace_separator=" ")  # streamed: namespaces checked, nothing kept
                try:
                    with z.open(member) as fh:
                        parser.ParseFile(fh)
                except expat.ExpatError as exc:  # expat's own text is English: line and column only
                    raise UnsafeWriteError(f"hasil tidak dapat dibuka: XML bagian '{member}' tidak sah (baris "
                                           f"{exc.lineno}, kolom {exc.offset + 1}){debug_detail(exc)}; tidak "
                                           "disimpan.", path=shown) from exc
    except zipfile.BadZipFile as exc:
        raise UnsafeWriteError("hasil bukan zip yang utuh; tidak disimpan.", path=shown) from exc
    wanted = list(expect_sheets)
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(p))
        try:
            have = list(wb.sheet_names)
        finally:
            wb.close()
    except Exception as exc:  # any failure of the independent reader means the file is not good
        raise UnsafeWriteError(f"hasil tidak dapat dibaca ulang oleh pembaca kedua{debug_detail(exc)}; tidak "
                               "disimpan.", path=shown) from exc
    missing = [s for s in wanted if s not in have]
    if missing:
        raise UnsafeWriteError(f"hasil tidak memuat sheet {', '.join(missing)}; tidak disimpan.", path=shown)
