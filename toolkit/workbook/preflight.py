"""Check a file before any spreadsheet library opens it.

A workbook from a unit is untrusted: it may be an old ``.xls``, an encrypted
(password-protected) file, a renamed PDF, a corrupt zip or a zip bomb. Each case
becomes an :class:`UnreadableInputError` with an Indonesian message that names
the file and says what to do, before any parser spends memory on it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from toolkit.errors import UnreadableInputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

# Limits for untrusted workbooks. A real unit workbook is a few MB unpacked; a
# national-scale one (1,000,000 rows) about 150 MB. Anything past these is refused.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for one member larger than 10 MB
MAX_MEMBERS = 10_000


def check_workbook_file(path: str | Path) -> Path:
    """Return the path when it is a readable .xlsx/.xlsm; raise UnreadableInputError otherwise."""
    p = Path(path)
    if not p.exists():
        raise UnreadableInputError("file tidak ditemukan.", path=p)
    if p.is_dir():
        raise UnreadableInputError("ini folder, bukan file workbook.", path=p)
    size = p.stat().st_size
    if size == 0:
        raise UnreadableInputError("file kosong (0 byte).", path=p)
    if size > MAX_FILE_BYTES:
        raise UnreadableInputError(
            f"file terlalu besar ({size // (1024 * 1024)} MB; batas {MAX_FILE_BYTES // (1024 * 1024)} MB).", path=p)
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnreadableInputError(f"file tidak dapat dibuka: {exc.strerror or exc}.", path=p) from exc

    if head.startswith(OLE_MAGIC):
        if _is_encrypted_ooxml(p):
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
        raise UnreadableInputError(
            f"ekstensi '{p.suffix}' bukan .xlsx atau .xlsm.", path=p)
    _check_zip(p)
    return p


def _check_zip(p: Path) -> None:
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise UnreadableInputError(f"isi file mencurigakan ({len(infos)} bagian).", path=p)
            total = 0
            names = set()
            for info in infos:
                names.add(info.filename)
                total += info.file_size
                if info.file_size > 10 * 1024 * 1024 and info.compress_size and \
                        info.file_size / info.compress_size > MAX_RATIO:
                    raise UnreadableInputError(
                        "file ditolak: bagian '" + info.filename + "' mengembang "
                        f"{info.file_size // max(info.compress_size, 1)} kali saat dibuka (zip bomb).", path=p)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise UnreadableInputError(
                    f"file ditolak: isinya {total // (1024 * 1024)} MB setelah dibuka (batas "
                    f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB).", path=p)
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise UnreadableInputError(
                    "file zip ini bukan workbook Excel (tidak ada xl/workbook.xml).", path=p)
            bad = zf.testzip() if total < 64 * 1024 * 1024 else None
            if bad:
                raise UnreadableInputError(f"file rusak: bagian '{bad}' tidak utuh.", path=p)
    except zipfile.BadZipFile as exc:
        raise UnreadableInputError("file rusak (zip tidak utuh). Minta unit mengirim ulang.", path=p) from exc
    except (OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise UnreadableInputError(f"file rusak atau terpotong: {exc}.", path=p) from exc


def _is_encrypted_ooxml(p: Path) -> bool:
    """An encrypted .xlsx is an OLE container holding 'EncryptedPackage'."""
    try:
        data = p.read_bytes()[: 4 * 1024 * 1024]
    except OSError:
        return False
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
