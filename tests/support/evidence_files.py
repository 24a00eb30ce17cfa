"""Tiny but valid evidence files (PDF, PNG, JPEG, DOCX, XLSX) with an embedded creation date.

Used to build ``samples/bukti`` and by the tests and the benchmark. Each file
carries its own date (PDF /CreationDate, PNG "Creation Time" text chunk, JPEG EXIF
DateTimeOriginal, OOXML core.xml), so the checklist's date checks do not depend on
file-system times, which git and copying do not keep.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from pathlib import Path


def _pdf_escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, created: dt.date, lines: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF 1.4 with Helvetica text and a correct xref table."""
    text_lines = [title, *lines]
    ops = ["BT", "/F1 14 Tf", "50 780 Td"]
    for i, line in enumerate(text_lines):
        if i:
            ops.append("0 -20 Td")
        ops.append(f"({_pdf_escape(line)}) Tj")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    stamp = created.strftime("%Y%m%d") + "090000+07'00'"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({_pdf_escape(title)}) /Producer (integritas) /CreationDate (D:{stamp}) >>".encode("latin-1"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(created: dt.date, color: tuple[int, int, int] = (40, 90, 160), size: int = 16) -> bytes:
    """A small solid-colour PNG with a "Creation Time" text chunk."""
    raw = b"".join(b"\x00" + bytes(color) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + _chunk(b"tEXt", b"Creation Time\x00" + created.strftime("%Y-%m-%dT09:00:00").encode())
            + _chunk(b"IDAT", zlib.compress(raw, 9))
            + _chunk(b"IEND", b""))


def jpeg_bytes(created: dt.date, color: tuple[int, int, int] = (200, 120, 40), size: int = 16) -> bytes:
    """A small JPEG with EXIF DateTimeOriginal (Pillow)."""
    from PIL import Image

    img = Image.new("RGB", (size, size), color)
    exif = Image.Exif()
    stamp = created.strftime("%Y:%m:%d 09:00:00")
    exif[0x0132] = stamp  # DateTime
    exif.get_ifd(0x8769)[0x9003] = stamp  # DateTimeOriginal
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70, exif=exif.tobytes())
    return buf.getvalue()


def write_docx(path: Path, title: str, created: dt.date) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph("Dokumen contoh untuk folder bukti.")
    stamp = dt.datetime(created.year, created.month, created.day, 9, 0, 0)
    doc.core_properties.created = stamp
    doc.core_properties.modified = stamp
    doc.core_properties.title = title
    doc.save(str(path))


def write_xlsx(path: Path, title: str, created: dt.date, rows: tuple[tuple[str, ...], ...] = ()) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": title, "created": dt.datetime(created.year, created.month, created.day, 9)})
    ws = wb.add_worksheet("Data")
    ws.write_string(0, 0, title)
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    wb.close()


def _color(title: str) -> tuple[int, int, int]:
    h = zlib.crc32(title.encode("utf-8"))
    return h & 0xFF, (h >> 8) & 0xFF, (h >> 16) & 0xFF


def write_evidence(path: Path, title: str, created: dt.date) -> None:
    """Write a valid file of the kind its extension names."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ext = path.suffix.lower()
    if ext == ".pdf":
        path.write_bytes(pdf_bytes(title, created))
    elif ext == ".png":
        path.write_bytes(png_bytes(created, _color(title)))
    elif ext in (".jpg", ".jpeg"):
        path.write_bytes(jpeg_bytes(created, _color(title)))
    elif ext == ".docx":
        write_docx(path, title, created)
    elif ext == ".xlsx":
        write_xlsx(path, title, created)
    else:
        path.write_text(title + "\n", encoding="utf-8")
