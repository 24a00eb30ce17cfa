"""What a file really is (magic bytes, not the extension), whether a PDF is readable, and its date.

A unit that renames ``setup.exe`` to ``daftar-hadir.pdf`` or saves a photo as
``laporan.pdf`` must not get credit for it; so the kind is decided from the first
bytes of the content and compared with the extension. The check works on a
file's *head* and *tail* (the first and last 64 KiB), which the scanner keeps
while it streams the file through sha256, so no file is read twice or whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from toolkit.errors import UnreadableInputError
from toolkit.workbook.limits import LimitError, end_record_members, read_member

HEAD_BYTES = 64 * 1024
TAIL_BYTES = 64 * 1024

# kind -> accepted extensions (lower case, without dot)
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",),
    "gambar": ("jpg", "jpeg", "png", "gif", "webp", "bmp", "tif", "tiff", "heic"),
    "dokumen": ("docx", "doc", "odt", "rtf"),
    "lembar": ("xlsx", "xlsm", "xls", "ods", "csv"),
    "presentasi": ("pptx", "ppt", "odp"),
    "video": ("mp4", "mov", "avi", "mkv", "webm", "3gp"),
    "teks": ("txt", "md", "url"),
    "arsip": ("zip", "rar", "7z"),
}
KIND_LABELS: dict[str, str] = {
    "pdf": "PDF", "gambar": "gambar/foto", "dokumen": "dokumen Word", "lembar": "lembar kerja Excel",
    "presentasi": "presentasi", "video": "video", "teks": "teks", "arsip": "arsip terkompresi",
    "program": "program/aplikasi (berbahaya)", "html": "halaman HTML", "tidak-dikenal": "tidak dikenal",
}


# Files a unit must never be able to make someone open from our checklist: listed, never linked.
DANGEROUS_EXTENSIONS = frozenset(["exe", "com", "scr", "pif", "cpl", "msi", "msp", "msc", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "wsc", "hta", "url", "lnk", "scf", "inf", "reg", "jar", "dll", "sys", "sh", "desktop", "application", "appref-ms", "settingcontent-ms", "library-ms", "iqy", "slk", "xll", "xlam", "ppam"])


def is_dangerous(name: str, kind: str | None = None) -> bool:
    """A file that runs something when opened: by extension, or by content ("program", HTML)."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext in DANGEROUS_EXTENSIONS or kind in ("program", "html")


def kind_of_extension(ext: str) -> str | None:
    ext = ext.lower().lstrip(".")
    for kind, exts in EXTENSIONS.items():
        if ext in exts:
            return kind
    return None


@dataclass(frozen=True)
class Sniffed:
    kind: str  # one of EXTENSIONS' keys, "program", "html" or "tidak-dikenal"
    detail: str  # e.g. "PNG", "DOCX", "PE executable"


def sniff(head: bytes, path: Path | None = None, *, handle: BinaryIO | None = None) -> Sniffed:
    """The content's kind from its first bytes (and, for ZIP containers, its member names).

    ``handle`` (an open, seekable file) is looked into instead of re-opening ``path`` by name.
    """
    h = head
    if h.startswith(b"%PDF-") or b"%PDF-" in h[:1024]:
        return Sniffed("pdf", "PDF")
    if h.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("gambar", "PNG")
    if h.startswith(b"\xff\xd8\xff"):
        return Sniffed("gambar", "JPEG")
    if h[:6] in (b"GIF87a", b"GIF89a"):
        return Sniffed("gambar", "GIF")
    if h[:4] == b"RIFF" and h[8:12] == b"WEBP":
        return Sniffed("gambar", "WEBP")
    if h[:2] == b"BM" and len(h) > 14:
        return Sniffed("gambar", "BMP")
    if h[:4] in (b"II*\x00", b"MM\x00*"):
        return Sniffed("gambar", "TIFF")
    if h[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return Sniffed("gambar", "HEIC")
    if h[4:8] == b"ftyp":
        return Sniffed("video", "MP4/MOV")
    if h[:4] == b"\x1aE\xdf\xa3":
        return Sniffed("video", "MKV/WEBM")
    if h[:4] == b"RIFF" and h[8:12] == b"AVI ":
        return Sniffed("video", "AVI")
    if h[:2] == b"MZ":
        return Sniffed("program", "PE executable")
    if h[:4] == b"\x7fELF":
        return Sniffed("program", "ELF executable")
    if h[:2] == b"#!":
        return Sniffed("program", "skrip")
    if h[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        ext = path.suffix.lower().lstrip(".") if path else ""
        if ext in ("xls",):
            return Sniffed("lembar", "XLS (OLE)")
        if ext in ("ppt",):
            return Sniffed("presentasi", "PPT (OLE)")
        return Sniffed("dokumen", "DOC (OLE)")
    if h[:4] == b"PK\x03\x04" or h[:4] == b"PK\x05\x06":
        return _sniff_zip(handle if handle is not None else path)
    if h[:6] == b"7z\xbc\xaf'\x1c" or h[:4] == b"Rar!":
        return Sniffed("arsip", "7Z/RAR")
    if h[:5] == b"{\\rtf":
        return Sniffed("dokumen", "RTF")
    stripped = h.lstrip()[:512].lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return Sniffed("html", "HTML")
    if h and _looks_text(h):
        return Sniffed("teks", "teks")
    return Sniffed("tidak-dikenal", "tidak dikenal")


def _looks_text(h: bytes) -> bool:
    sample = h[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        try:
            sample[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


@contextlib.contextmanager
def _open_zip(source: Path | BinaryIO) -> Iterator[zipfile.ZipFile]:
    """A zip of an evidence file, its member count bounded before ``zipfile`` reads the directory."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh, _open_zip(fh) as zf:
            yield zf
        return
    source.seek(0, 2)
    size = source.tell()
    end_record_members(source, size, Path("?"))
    with zipfile.ZipFile(source) as zf:
        yield zf


def _sniff_zip(source: Path | BinaryIO | None) -> Sniffed:
    if source is None:
        return Sniffed("arsip", "ZIP")
    try:
        with _open_zip(source) as zf:
            names = zf.namelist()
            mime = ""
            if "mimetype" in names:  # at most 80 bytes inflated, whatever the header says
                mime = (read_member(zf, "mimetype", 80) or b"").decode("ascii", "replace")
    except LimitError:
        return Sniffed("arsip", "ZIP mencurigakan (terlalu banyak bagian)")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, UnreadableInputError):
        return Sniffed("arsip", "ZIP rusak")
    joined = set(names)
    if "[Content_Types].xml" in joined:
        if any(n.startswith("word/") for n in names):
            return Sniffed("dokumen", "DOCX")
        if any(n.startswith("xl/") for n in names):
            return Sniffed("lembar", "XLSX")
        if any(n.startswith("ppt/") for n in names):
            return Sniffed("presentasi", "PPTX")
    if "mimetype" in joined:
        if "spreadsheet" in mime:
            return Sniffed("lembar", "ODS")
        if "text" in mime:
            return Sniffed("dokumen", "ODT")
        if "presentation" in mime:
            return Sniffed("presentasi", "ODP")
    return Sniffed("arsip", "ZIP")


# --- PDF structure ---------------------------------------------------------------------

def pdf_problem(head: bytes, tail: bytes, size: int) -> str | None:
    """Why a PDF cannot be opened, judged from its structure; ``None`` when it looks sound.

    Checks the ``%PDF-`` header, the ``%%EOF`` trailer (a cut-off upload lacks it),
    a ``startxref`` whose offset lies inside the file, and encryption.
    """
    if not head.startswith(b"%PDF-"):
        return "header %PDF- tidak di awal file"
    end = tail[-2048:]
    if b"%%EOF" not in end:
        return "akhir file (%%EOF) tidak ada; file kemungkinan terpotong saat diunggah/disalin"
    m = list(re.finditer(rb"startxref\s+(\d+)", end))
    if not m:
        return "tabel referensi (startxref) tidak ditemukan"
    offset = int(m[-1].group(1))
    if offset <= 0 or offset >= size:
        return "tabel referensi (startxref) menunjuk ke luar file"
    trailer = tail[-8192:]
    if b"/Encrypt" in trailer and re.search(rb"/Encrypt\s", trailer):
        return "PDF terkunci/terenkripsi; kirim versi tanpa kata sandi"
    return None


# --- dates embedded in content -------------------------------------------------------------

_PDF_DATE = re.compile(rb"/CreationDate\s*\(D:(\d{4})(\d{2})(\d{2})")
_XMP_DATE = re.compile(rb"<xmp:CreateDate>(\d{4})-(\d{2})-(\d{2})")
_EXIF_DATE = re.compile(rb"(\d{4}):(\d{2}):(\d{2}) \d{2}:\d{2}:\d{2}")
_PNG_TIME = re.compile(rb"(?:Creation Time|date:create)\x00+(\d{4})-(\d{2})-(\d{2})")
_CORE_DATE = re.compile(r"<dcterms:created[^>]*>(\d{4})-(\d{2})-(\d{2})")
_NAME_DATE = re.compile(r"(?<!\d)(20\d{2})[-_. ]?(0[1-9]|1[0-2])[-_. ]?(0[1-9]|[12]\d|3[01])(?!\d)")


def _date(y: bytes | str, m: bytes | str, d: bytes | str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def date_in_name(name: str) -> dt.date | None:
    """``2026-03-15_daftar-hadir.pdf`` / ``20260315 foto.jpg`` -> 15 March 2026."""
    m = _NAME_DATE.search(name)
    return _date(*m.groups()) if m else None


def embedded_date(kind: str, head: bytes, tail: bytes, path: Path | None = None, *,
                  handle: BinaryIO | None = None) -> dt.date | None:
    """The document's own creation date: PDF /CreationDate or XMP, JPEG EXIF, PNG text, OOXML core.xml."""
    if kind == "pdf":
        for blob in (tail[-16384:], head[:16384], tail, head):
            if b"/CreationDate" in blob or b"xmp:CreateDate" in blob:
                for rx in (_PDF_DATE, _XMP_DATE):
                    m = rx.search(blob)
                    if m:
                        return _date(*m.groups())
        return None
    if kind == "gambar":
        if head.startswith(b"\xff\xd8") and b"Exif" in head[:HEAD_BYTES]:
            m = _EXIF_DATE.search(head)
            return _date(*m.groups()) if m else None
        if head.startswith(b"\x89PNG"):
            m = _PNG_TIME.search(_png_text(head))
            return _date(*m.groups()) if m else None
        return None
    source = handle if handle is not None else path
    if kind in ("dokumen", "lembar", "presentasi") and source is not None and head[:2] == b"PK":
        try:
            with _open_zip(source) as zf:  # 20,000 bytes inflated at most, whatever the header says
                core = (read_member(zf, "docProps/core.xml", 20000) or b"").decode("utf-8", "replace")
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, UnreadableInputError):
            return None
        found = _CORE_DATE.search(core)
        return _date(*found.groups()) if found else None
    return None


def _png_text(head: bytes) -> bytes:
    """tEXt/zTXt/iTXt payloads of a PNG's first chunks."""
    out = []
    pos = 8
    while pos + 8 <= len(head):
        length, ctype = struct.unpack(">I4s", head[pos:pos + 8])
        data = head[pos + 8:pos + 8 + length]
        if ctype in (b"tEXt", b"iTXt"):
            out.append(data)
        elif ctype == b"zTXt":
            key, _, rest = data.partition(b"\x00")
            with contextlib.suppress(zlib.error):  # at most 64 KiB inflated, whatever the chunk holds
                out.append(key + b"\x00" + zlib.decompressobj().decompress(rest[1:], HEAD_BYTES))
        elif ctype == b"IDAT" or ctype == b"IEND":
            break
        pos += 12 + length
    return b"\n".join(out)
