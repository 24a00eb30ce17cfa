"""Check a file before any spreadsheet library opens it.

A workbook from a unit is untrusted: it may be an old ``.xls``, an encrypted
(password-protected) file, a renamed PDF, a corrupt zip, a zip bomb, a FIFO named
``x.xlsx``, or a single value at ``XFD1048576`` that would make a reader allocate
512 GB. Each case becomes an :class:`UnreadableInputError` with an Indonesian
message that names the file and says what to do, before any parser spends memory
on it. The limits themselves, and how they are measured, are in
:mod:`toolkit.workbook.limits`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import UnreadableInputError
from toolkit.workbook import limits
from toolkit.workbook.limits import MAX_FILE_BYTES, LimitError, ZipFacts

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

# kept for callers that read them from here; the values live in limits.py
MAX_UNCOMPRESSED_BYTES = limits.MAX_UNCOMPRESSED_BYTES
MAX_RATIO = limits.MAX_RATIO
MAX_MEMBERS = limits.MAX_MEMBERS


@dataclass(frozen=True)
class CheckedWorkbook:
    """A workbook that passed every limit: where it is, which file it was, what it holds."""

    path: Path
    stat: os.stat_result
    facts: ZipFacts

    def unchanged(self) -> bool:
        """The name still points at the file that was checked (no swap since)."""
        return limits.same_file(self.path, self.stat)


def check_workbook_file(path: str | Path) -> Path:
    """Return the path when it is a readable .xlsx/.xlsm within every limit; raise UnreadableInputError otherwise."""
    return check_workbook(path).path


def check_workbook(path: str | Path, *, budget: limits.Budget | None = None) -> CheckedWorkbook:
    """Every check of :func:`check_workbook_file`, made on one open handle; returns what was checked."""
    p = Path(path)
    if not os.path.lexists(p):
        raise UnreadableInputError("file tidak ditemukan.", path=p)
    fd, st = limits.open_regular(p)
    with os.fdopen(fd, "rb") as fh:
        size = st.st_size
        if size == 0:
            raise UnreadableInputError("file kosong (0 byte).", path=p)
        if size > MAX_FILE_BYTES:
            raise LimitError(
                f"file terlalu besar ({size // (1024 * 1024)} MB; batas {MAX_FILE_BYTES // (1024 * 1024)} MB).",
                path=p)
        try:
            head = fh.read(8)
        except OSError as exc:
            raise UnreadableInputError(f"file tidak dapat dibaca: {limits.os_reason(exc)}.", path=p) from exc
        if head.startswith(OLE_MAGIC):
            fh.seek(0)
            if _is_encrypted_ooxml(fh.read(4 * 1024 * 1024)):
                raise UnreadableInputError(
                    "workbook dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata sandi "
                    "(File > Info > Protect Workbook), simpan, lalu kirim ulang.", path=p)
            raise UnreadableInputError(
                "format Excel lama (.xls) tidak didukung. Buka di Excel lalu Simpan Sebagai "
                "'Excel Workbook (.xlsx)' atau '.xlsm'.", path=p)
        if not head.startswith(ZIP_MAGIC):
            kind = _guess_kind(head)
            raise UnreadableInputError(
                f"bukan file Excel .xlsx/.xlsm{f' (isinya {kind})' if kind else ''}. "
                "Pastikan file yang dikirim adalah workbook dari templat.", path=p)
        if p.suffix.lower() not in WORKBOOK_SUFFIXES:
            raise UnreadableInputError(f"ekstensi '{p.suffix}' bukan .xlsx atau .xlsm.", path=p)
        try:
            facts = limits.inspect_zip(fh, p, size=size, budget=budget or limits.Budget(p))
        except OSError as exc:
            raise UnreadableInputError(f"file rusak atau terpotong ({limits.os_reason(exc)}).", path=p) from exc
    names = set(facts.names)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UnreadableInputError("file zip ini bukan workbook Excel (tidak ada xl/workbook.xml).", path=p)
    return CheckedWorkbook(p, st, facts)


def _is_encrypted_ooxml(data: bytes) -> bool:
    """An encrypted .xlsx is an OLE container holding 'EncryptedPackage'."""
    return "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data


def _guess_kind(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "PDF"
    if head[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1"):
        return "gambar"
    if head.lstrip().startswith((b"<", b"<?xml")):
        return "teks HTML/XML"
    if all(32 <= b < 127 or b in (9, 10, 13) for b in head):
        return "teks"
    return ""
