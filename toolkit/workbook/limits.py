"""Resource limits for every untrusted file, enforced before anything is allocated.

A unit's workbook or evidence file is untrusted (DESIGN principle 4). Everything a
reader is later asked to do is bounded here first:

- **what the file is**: :func:`open_regular` opens by handle (``O_NOFOLLOW`` where
  wanted, ``O_NONBLOCK`` so a FIFO cannot hang the open) and checks the *handle* with
  ``fstat`` — a FIFO, a device, a socket or a folder named ``x.xlsx`` is refused
  before a byte is read, and a file swapped in between a folder scan and the open is
  caught by comparing device and inode;
- **what a zip really holds**: :func:`inspect_zip` reads the member count from the
  end record before ``zipfile`` builds its table, then inflates every member itself
  from the raw stream, counting the bytes that come out (a header that declares
  30 KB for a stream that inflates to 1 GiB is caught at the first MiB past the
  declaration), with a ratio limit measured while inflating, a CRC check, and a
  corrupt deflate stream named by its member;
- **what the XML may do**: no ``<!DOCTYPE``/``<!ENTITY`` in any XML member (so no
  entity expansion in calamine, openpyxl, ElementTree or lxml later); :func:`parse_xml`
  is the one XML parser for our own reads (lxml, entities never resolved, no network);
- **how big a sheet is**: every worksheet part is streamed through a bounded regex
  scan for its ``<dimension>`` and its cell addresses, so a single value at
  ``XFD1048576`` is refused before python-calamine is asked to allocate 512 GB;
- **how long**: :class:`Budget` — a time budget per file, checked while inflating (the whole
  processing of a file: ``toolkit.workbook.bounds.time_budget``);
- **what may be held**: the limits of a sheet read whole (``MAX_LOADED_AREA``,
  ``MAX_LOADED_SHEET_BYTES``), applied by ``toolkit.workbook.bounds`` from the facts found here.

Each refusal is a :class:`LimitError` (an :class:`UnreadableInputError`, exit 3): one
Indonesian line naming the file and the limit.
"""

from __future__ import annotations

import errno
import html
import os
import re
import stat
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from toolkit.errors import UnreadableInputError

MiB = 1024 * 1024

# --- the limits (one place; docs/keamanan-masukan.md lists them) -----------------------------
MAX_FILE_BYTES = 200 * MiB            # a workbook file on disk
MAX_UNCOMPRESSED_BYTES = 400 * MiB    # all members of one workbook, as measured while inflating
MAX_MEMBER_BYTES = 300 * MiB          # one member, measured
MAX_RATIO = 200                       # inflated / compressed, for a member past RATIO_FLOOR bytes
RATIO_FLOOR = 10 * MiB
MAX_MEMBERS = 10_000                  # zip members (from the end record, before zipfile parses)
MAX_SHEET_AREA = 20_000_000           # rows x columns from A1 of the cells holding a value
SPARSE_AREA_FREE = 4_000_000          # below this area any sheet is fine; above it the sheet must be dense
MIN_DENSITY = 8                       # above SPARSE_AREA_FREE: at least one value per this many cells
MAX_FORMULA_DEPTH = 100               # nested parentheses in one formula (Excel allows 64)
MAX_EVIDENCE_DEPTH = 40               # folder levels under an evidence folder
MAX_EVIDENCE_FILES = 200_000          # files in one evidence folder
MAX_METADATA_BYTES = 256 * 1024       # docProps/core.xml, mimetype… read from an evidence file
FILE_SECONDS = 90.0                   # time budget for one file (INTEGRITAS_BATAS_DETIK overrides)
# a sheet read whole (calamine: 32 bytes per cell of its box, plus the text, plus Python objects) or
# rewritten in a copy: beyond these only the streaming validation reads it (a 70,000-row action plan,
# 2.3 M cells and 34 MB of XML, peaks near 450 MB when read whole; unit plans have a few thousand rows)
MAX_LOADED_AREA = 2_500_000           # rows x columns from A1 of a sheet read whole
MAX_LOADED_SHEET_BYTES = 48 * MiB     # the XML of a sheet read whole or rewritten
MAX_CELL_TEXT = 32_767                # Excel's limit for the text in one cell

_CHUNK = MiB
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DOCTYPE = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")


class LimitError(UnreadableInputError):
    """An untrusted file crosses one of the limits above (exit 3, names the file and the limit)."""


def _mb(n: int) -> str:
    return f"{n / MiB:,.0f} MB".replace(",", ".")


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- time ------------------------------------------------------------------------------------

def file_seconds() -> float:
    """The time budget for one file: FILE_SECONDS, or INTEGRITAS_BATAS_DETIK when set to a positive number."""
    raw = os.environ.get("INTEGRITAS_BATAS_DETIK", "").strip().replace(",", ".")
    try:
        value = float(raw) if raw else FILE_SECONDS
    except ValueError:
        return FILE_SECONDS
    return value if value > 0 else FILE_SECONDS


def time_message(seconds: float) -> str:
    """The line for a file past its time budget."""
    return f"pemrosesan file melebihi batas waktu {seconds:.0f} detik per file; file ditolak."


class Budget:
    """A time budget for one file: ``check()`` raises LimitError once it is spent."""

    def __init__(self, path: str | Path, seconds: float | None = None) -> None:
        self.path = Path(path)
        seconds = file_seconds() if seconds is None else seconds
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitError(time_message(self.seconds), path=self.path)


# --- what the file is ------------------------------------------------------------------------

_OS_REASONS = {
    errno.EACCES: "tidak ada izin membaca", errno.EPERM: "tidak ada izin membaca",
    errno.ENOENT: "tidak ditemukan", errno.ELOOP: "tautan simbolik berputar/tidak diikuti",
    errno.ENAMETOOLONG: "nama atau path terlalu panjang", errno.EIO: "galat baca pada perangkat penyimpanan",
    errno.ENOTDIR: "bagian path bukan folder", errno.EISDIR: "ini folder", errno.EMFILE: "terlalu banyak file terbuka",
}


def os_reason(exc: OSError) -> str:
    """An OS error as Indonesian text (strerror is English): 'tidak ada izin membaca', …"""
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    return f"galat sistem {errno.errorcode.get(exc.errno or 0, type(exc).__name__)}"


def describe_mode(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "ini folder, bukan file"
    if stat.S_ISFIFO(mode):
        return "ini pipa (FIFO), bukan file biasa"
    if stat.S_ISSOCK(mode):
        return "ini soket, bukan file biasa"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "ini perangkat (device), bukan file biasa"
    if stat.S_ISLNK(mode):
        return "ini tautan simbolik"
    return "bukan file biasa"


_O_BASE = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def open_regular(path: str | Path, *, follow: bool = True, expect: tuple[int, int] | None = None,
                 dir_fd: int | None = None) -> tuple[int, os.stat_result]:
    """Open ``path`` read-only and return (fd, fstat) — only when the handle is a regular file.

    ``O_NONBLOCK`` keeps a FIFO from blocking the open; the check is made on the handle
    (``fstat``), so whatever was swapped in under the name is what is judged. With
    ``follow=False`` a symbolic link as the last component is refused (``O_NOFOLLOW``).
    ``expect=(st_dev, st_ino)`` (from an earlier folder scan) refuses a different file.
    ``dir_fd``: the handle of the folder ``path`` is in; only its last component is opened,
    relative to that handle (``openat``), and ``path`` names the file in messages.
    """
    p = Path(path)
    flags = _O_BASE | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(p.name, flags, dir_fd=dir_fd) if dir_fd is not None else os.open(p, flags)
    except FileNotFoundError as exc:
        raise UnreadableInputError("file tidak ditemukan.", path=p) from exc
    except IsADirectoryError as exc:
        raise LimitError("ini folder, bukan file.", path=p) from exc
    except PermissionError as exc:
        raise UnreadableInputError("tidak ada izin untuk membaca file ini (periksa hak akses file/folder).",
                                   path=p) from exc
    except OSError as exc:
        if exc.errno in (errno.ELOOP, getattr(errno, "EMLINK", -1)):  # O_NOFOLLOW on a link (EMLINK: BSD)
            raise LimitError("tautan simbolik tidak diikuti; kirim file aslinya.", path=p) from exc
        if exc.errno == errno.ENXIO:  # a FIFO/socket without a writer
            raise LimitError("ini pipa/soket, bukan file biasa; tidak dibuka.", path=p) from exc
        raise UnreadableInputError(f"file tidak dapat dibuka ({os_reason(exc)}).", path=p) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LimitError(describe_mode(st.st_mode) + "; tidak dibuka.", path=p)
        if expect is not None and (st.st_dev, st.st_ino) != expect:
            raise LimitError("file berganti selama pemindaian (nama yang sama kini menunjuk file lain); "
                             "tidak dibaca.", path=p)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def check_regular(path: str | Path) -> os.stat_result:
    """``open_regular`` and close: the path names a regular, readable file (refused otherwise)."""
    fd, st = open_regular(path)
    os.close(fd)
    return st


def same_file(path: str | Path, st: os.stat_result) -> bool:
    """The name still points at the file ``st`` describes (device, inode, size, mtime)."""
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


# --- XML -------------------------------------------------------------------------------------

def parse_xml(data: bytes, *, path: str | Path | None = None, part: str = "") -> Any:
    """Parse an XML document with lxml: no DTD, no entities resolved, no network, depth-limited."""
    from lxml import etree

    if any(marker in data for marker in _DOCTYPE):
        raise LimitError(f"bagian '{part}' memuat deklarasi DOCTYPE/ENTITY (tidak diizinkan).", path=path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_blank_text=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableInputError(f"XML bagian '{part}' rusak (baris {exc.lineno}).", path=path) from exc


# --- zip -------------------------------------------------------------------------------------

# a cell holding something (its start tag is not self-closing): (column letters, row)
_VALUED_RE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br="([A-Z]{1,4})([0-9]{1,8})"[^>]*?(?<!/)>')
# the same for the usual spelling (<c r="…" first, no prefix): a literal start, several times faster
_VALUED_FAST = re.compile(rb'<c r="([A-Z]{1,4})([0-9]{1,8})"[^>]*?(?<!/)>')
_EMPTY_FAST = re.compile(rb'<c r="([A-Z]{1,4})([0-9]{1,8})"[^>]*?/>')
# a formatting-only cell, <c r="B1" s="3"/> (calamine skips it): column letters and row
_EMPTY_RE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br="([A-Z]{1,4})([0-9]{1,8})"[^>]*?/>')
_DIM_RE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref="([A-Z]{0,4})([0-9]{0,8})'
                     rb'(?::([A-Z]{1,4})([0-9]{1,8}))?"')
_FORMULA_RE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?f\b[^>]*>([^<]{64,})<')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _address(row: int, col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


@dataclass
class SheetFacts:
    """What the bounded scan found in one worksheet part."""

    part: str
    sheet: str = ""  # the tab's name, when workbook.xml names this part
    cells: int = 0  # cells holding something (not self-closing)
    max_row: int = 0
    max_col: int = 0
    any_row: int = 0  # over every cell element, empty ones included
    any_col: int = 0
    dimension: tuple[int, int] | None = None  # (rows, columns) of <dimension ref>, from A1
    deepest_formula: int = 0
    size: int = 0  # bytes of the part, measured while inflating

    @property
    def far_cell(self) -> str:
        """The corner of the box from A1 that holds every value (what a reader allocates)."""
        return _address(max(self.max_row, 1), max(self.max_col, 1))

    @property
    def area(self) -> int:
        return self.max_row * self.max_col


@dataclass
class ZipFacts:
    members: int = 0
    total: int = 0
    names: list[str] = field(default_factory=list)
    sheets: dict[str, SheetFacts] = field(default_factory=dict)


def _formula_depth(text: bytes) -> int:
    depth = deepest = 0
    for ch in text:
        if ch == 40:  # (
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch == 41:
            depth -= 1
    return deepest


class _SheetScanner:
    """Fed the inflated bytes of a worksheet part in pieces; bounded memory."""

    def __init__(self, part: str) -> None:
        self.facts = SheetFacts(part)
        self.carry = b""

    def feed(self, data: bytes) -> None:
        data = self.carry + data
        cut = data.rfind(b">") + 1
        self.carry = data[cut:][-4096:]  # a tag is never longer; anything longer is not a cell address
        self._scan(data[:cut])

    def _scan(self, text: bytes) -> None:
        f = self.facts
        if f.dimension is None:
            m = _DIM_RE.search(text)
            if m:
                row = int(m.group(4) or m.group(2) or 0)
                col = _col_number(m.group(3) or m.group(1) or b"")
                f.dimension = (row, col)
        # findall + sets keep the per-cell work in C (a Python loop per cell took 5 µs; 3 M cells = 15 s);
        # the literal-start patterns serve files where every cell is spelled <c r="…" (Excel, LibreOffice,
        # openpyxl, XlsxWriter); anything else (prefixes, other attribute order) takes the general ones
        usual = text.count(b"<c ") == text.count(b'<c r="') and b":c " not in text and b"<c\t" not in text \
            and b"<c\n" not in text and b"<c\r" not in text
        valued = (_VALUED_FAST if usual else _VALUED_RE).findall(text)
        if valued:
            f.cells += len(valued)
            col = max(map(_col_number, {c for c, _r in valued}))
            row = max(map(int, {r for _c, r in valued}))
            f.max_col = max(f.max_col, col)
            f.max_row = max(f.max_row, row)
            f.any_col, f.any_row = max(f.any_col, col), max(f.any_row, row)
        dim = f.dimension
        if dim is not None and dim[0] * dim[1] > SPARSE_AREA_FREE and b"/>" in text:
            # only a large claimed dimension needs the formatting-only cells (is the claim honest?)
            empty = (_EMPTY_FAST if usual else _EMPTY_RE).findall(text)
            if empty:
                f.any_col = max(f.any_col, max(map(_col_number, {c for c, _r in empty})))
                f.any_row = max(f.any_row, max(map(int, {r for _c, r in empty})))
        if b"((" in text:
            for m in _FORMULA_RE.finditer(text):
                depth = _formula_depth(m.group(1))
                if depth > f.deepest_formula:
                    f.deepest_formula = depth


def end_record_members(fh: IO[bytes], size: int, path: Path) -> int:
    """Member count from the zip's end record (zip64 too), read before zipfile parses the directory."""
    tail_len = min(size, 65_536 + 22)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise UnreadableInputError("file rusak (akhir zip tidak ditemukan; file terpotong?). "
                                   "Minta unit mengirim ulang.", path=path)
    count = struct.unpack("<H", tail[at + 10:at + 12])[0]
    cd_size = struct.unpack("<I", tail[at + 12:at + 16])[0]
    if count == 0xFFFF or cd_size == 0xFFFFFFFF:
        loc = tail.rfind(b"PK\x06\x07", 0, at)
        if loc >= 0 and loc + 20 <= len(tail):
            offset = struct.unpack("<Q", tail[loc + 8:loc + 16])[0]
            if offset < size:
                fh.seek(offset)
                rec = fh.read(56)
                if rec[:4] == b"PK\x06\x06" and len(rec) >= 56:
                    count = struct.unpack("<Q", rec[32:40])[0]
                    cd_size = struct.unpack("<Q", rec[40:48])[0]
    if count > MAX_MEMBERS or cd_size > MAX_MEMBERS * 1100:
        raise LimitError(f"isi file mencurigakan ({_n(count)} bagian zip; batas {_n(MAX_MEMBERS)}).", path=path)
    fh.seek(0)
    return count


def _inflate_member(fh: IO[bytes], info: zipfile.ZipInfo, path: Path, budget: Budget, facts: ZipFacts,
                    sink: _SheetScanner | None, xml: bool, member_limit: int | None = None,
                    total_limit: int | None = None) -> int:
    """Inflate one member from its raw stream, counting; returns the measured size."""
    name = info.filename
    member_limit = MAX_MEMBER_BYTES if member_limit is None else member_limit
    total_limit = MAX_UNCOMPRESSED_BYTES if total_limit is None else total_limit
    if info.flag_bits & 0x1:
        raise UnreadableInputError(f"bagian '{name}' terenkripsi; hapus kata sandi lalu kirim ulang.", path=path)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise LimitError(f"bagian '{name}' memakai metode kompresi yang tidak didukung "
                         f"({info.compress_type}).", path=path)
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise UnreadableInputError(f"file rusak: header bagian '{name}' tidak utuh.", path=path)
    n_len, x_len = struct.unpack("<HH", local[26:30])
    fh.seek(info.header_offset + 30 + n_len + x_len)
    left = info.compress_size
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    out = 0
    crc = 0
    declared = info.file_size
    prefix_crc: int | None = None  # CRC of the first ``declared`` bytes, once the stream went past them
    edge = b""  # the last bytes of the previous piece, to find markers cut in two

    def take(piece: bytes) -> None:
        nonlocal out, crc, edge, prefix_crc
        if not piece:
            return
        if out <= declared < out + len(piece):
            prefix_crc = zlib.crc32(piece[:declared - out], crc)
        out += len(piece)
        crc = zlib.crc32(piece, crc)
        if out > member_limit:
            raise LimitError(f"bagian '{name}' mengembang lebih dari {_mb(member_limit)} saat dibuka "
                             "(terlalu besar untuk dibaca dengan aman); file ditolak.", path=path)
        if facts.total + out > total_limit:
            raise LimitError(f"isi file melebihi {_mb(total_limit)} setelah dibuka (terlalu besar untuk dibaca "
                             "dengan aman); "
                             "file ditolak.", path=path)
        if out > RATIO_FLOOR and out > MAX_RATIO * max(info.compress_size, 1):
            raise LimitError(f"bagian '{name}' mengembang lebih dari {MAX_RATIO} kali saat dibuka "
                             "(ciri bom zip); file ditolak.", path=path)
        if xml:
            window = edge + piece[:16]
            if any(m in piece for m in _DOCTYPE) or any(m in window for m in _DOCTYPE):
                raise LimitError(f"bagian '{name}' memuat deklarasi DOCTYPE/ENTITY (entitas XML tidak "
                                 "diizinkan); file ditolak.", path=path)
            edge = piece[-16:]
        if sink is not None:
            sink.feed(piece)

    try:
        while left > 0:
            budget.check()
            raw = fh.read(min(_CHUNK, left))
            if not raw:
                raise UnreadableInputError(f"file terpotong: bagian '{name}' tidak lengkap.", path=path)
            left -= len(raw)
            if inflater is None:
                take(raw)
                continue
            data = raw
            while data:
                take(inflater.decompress(data, _CHUNK))
                data = inflater.unconsumed_tail
                if inflater.eof:
                    break
            if inflater.eof:
                break
        if inflater is not None:
            while not inflater.eof and inflater.unconsumed_tail:
                take(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
            if not inflater.eof:
                take(inflater.flush())
                raise UnreadableInputError(f"file rusak: aliran data bagian '{name}' terpotong.", path=path)
    except zlib.error as exc:
        raise UnreadableInputError(f"file rusak: aliran data bagian '{name}' tidak dapat dibuka "
                                   "(deflate rusak). Minta unit mengirim ulang.", path=path) from exc
    if out > declared and prefix_crc == info.CRC:
        # the declared bytes are whole (their CRC matches) and the stream goes on: headers that lie
        raise LimitError(f"bagian '{name}' berisi {_n(out)} byte, padahal header zip menyatakan "
                         f"{_n(declared)} byte (header palsu); file ditolak.", path=path)
    if out != declared:
        # shorter than declared, or longer with bytes that do not match: the stream is damaged
        raise UnreadableInputError(f"file rusak: aliran data bagian '{name}' rusak (menghasilkan {_n(out)} "
                                   f"byte, bukan {_n(declared)} byte seperti di header zip). "
                                   "Minta unit mengirim ulang.", path=path)
    if crc != info.CRC:
        raise UnreadableInputError(f"file rusak: bagian '{name}' gagal uji CRC.", path=path)
    return out


def inspect_zip(fh: IO[bytes], path: str | Path, *, size: int, budget: Budget | None = None,
                sheets: bool = True, member_limit: int | None = None,
                total_limit: int | None = None) -> ZipFacts:
    """Measure every member of the zip open in ``fh`` (see the module docstring); raise on a limit.

    With ``sheets=True`` the worksheet parts (``xl/worksheets/*.xml``) are scanned for their
    dimension, cell addresses and formula depth, and the limits on those are applied.
    ``member_limit``/``total_limit`` replace the workbook limits (evidence files, which may hold
    large stored media, pass limits scaled to their size).
    """
    p = Path(path)
    budget = budget or Budget(p)
    facts = ZipFacts()
    end_record_members(fh, size, p)
    try:
        zf = zipfile.ZipFile(fh)
    except zipfile.BadZipFile as exc:
        raise UnreadableInputError("file rusak (zip tidak utuh). Minta unit mengirim ulang.", path=p) from exc
    except (OSError, EOFError, ValueError, struct.error) as exc:
        raise UnreadableInputError("file rusak atau terpotong (daftar isi zip tidak terbaca).", path=p) from exc
    infos = zf.infolist()
    facts.members = len(infos)
    if len(infos) > MAX_MEMBERS:
        raise LimitError(f"isi file mencurigakan ({_n(len(infos))} bagian zip; batas {_n(MAX_MEMBERS)}).", path=p)
    labels = _sheet_labels(zf) if sheets else {}
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise LimitError(f"bagian '{info.filename}' muncul dua kali di dalam zip; file ditolak.", path=p)
        seen.add(info.filename)
        facts.names.append(info.filename)
    for info in infos:
        if info.is_dir():
            continue
        name = info.filename
        lower = name.lower()
        scanner = _SheetScanner(name) if sheets and lower.startswith("xl/worksheets/") and \
            lower.endswith(".xml") else None
        facts.total += _inflate_member(fh, info, p, budget, facts, scanner, lower.endswith(_XML_SUFFIXES),
                                       member_limit, total_limit)
        if scanner is not None:
            scanner.facts.size = info.file_size  # equal to the measured size (checked above)
            scanner.feed(b">")
            scanner.facts.sheet = labels.get(name, "")
            facts.sheets[name] = scanner.facts
            check_sheet(scanner.facts, p)
    return facts


def _sheet_labels(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> tab name, read with regexes from at most 1 MB of workbook.xml and its rels
    (no XML parser before the entity check; a missing name only makes messages less precise)."""
    wb = read_member(zf, "xl/workbook.xml", MiB)
    rels = read_member(zf, "xl/_rels/workbook.xml.rels", MiB)
    if not wb or not rels:
        return {}
    targets: dict[str, str] = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid = re.search(rb'\bId="([^"]+)"', tag)
        target = re.search(rb'\bTarget="([^"]+)"', tag)
        if rid and target:
            t = target.group(1).decode("utf-8", "replace")
            targets[rid.group(1).decode("utf-8", "replace")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    out: dict[str, str] = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", wb):
        name = re.search(rb'\bname="([^"]*)"', tag)
        rid = re.search(rb'\b\w+:id="([^"]+)"', tag)
        if name and rid and rid.group(1).decode("utf-8", "replace") in targets:
            out[targets[rid.group(1).decode("utf-8", "replace")]] = html.unescape(name.group(1).decode("utf-8", "replace"))
    return out


def check_sheet(f: SheetFacts, path: Path) -> None:
    """Refuse a sheet whose cells would make a reader allocate far more than the file holds."""
    part = f.part.rsplit("/", 1)[-1]
    where = f"sheet '{f.sheet}'" if f.sheet else f"bagian '{part}'"
    area = f.area
    if area > MAX_SHEET_AREA or (area > SPARSE_AREA_FREE and f.cells * MIN_DENSITY < area):
        raise LimitError(
            f"{where} memuat sel terisi di {f.far_cell}: area A1:{f.far_cell} = {_n(area)} sel untuk "
            f"{_n(f.cells)} sel berisi (batas {_n(SPARSE_AREA_FREE)} sel untuk sheet yang jarang terisi, "
            f"{_n(MAX_SHEET_AREA)} sel seluruhnya). Hapus isi sel di luar tabel lalu kirim ulang.", path=path)
    if f.dimension is not None:
        rows, cols = f.dimension
        dim_area = rows * cols
        any_area = max(f.any_row * f.any_col, area)
        if dim_area > SPARSE_AREA_FREE and dim_area > 2 * any_area:
            raise LimitError(
                f"{where} menyatakan dimensi sampai {_address(rows, cols)} ({_n(dim_area)} sel), jauh "
                f"melebihi sel yang ada (sampai {_address(max(f.any_row, 1), max(f.any_col, 1))}); file ditolak. "
                "Buka dan simpan ulang di Excel.", path=path)
    if f.deepest_formula > MAX_FORMULA_DEPTH:
        raise LimitError(f"{where} memuat rumus bertingkat {_n(f.deepest_formula)} kurung "
                         f"(batas {MAX_FORMULA_DEPTH}); file ditolak.", path=path)


# --- small reads from evidence files ----------------------------------------------------------

def read_member(zf: zipfile.ZipFile, name: str, limit: int = MAX_METADATA_BYTES) -> bytes | None:
    """At most ``limit`` inflated bytes of one member (header sizes not trusted); None when unreadable."""
    try:
        with zf.open(name) as fh:
            return fh.read(limit)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError):
        return None
