"""Walk an evidence folder safely and fingerprint every file, streaming, on all cores.

Safety: the walk uses ``os.scandir`` and never follows a symbolic link (a link is
reported, its target never opened); folders deeper than ``MAX_EVIDENCE_DEPTH`` and
names that are not UTF-8 are listed, not opened; each file is opened by handle with
``O_NOFOLLOW | O_NONBLOCK`` and must be the regular file the walk saw (same device
and inode), so a FIFO or a link swapped in during the scan is reported, never read.
Speed: each file is read once in 1 MiB chunks into sha256 (hashlib releases the
GIL on large buffers); the head and tail kept from that same pass feed the type
sniffing, the PDF check and the embedded date. Large folders are split in
batches over a process pool (one worker per core).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from toolkit.errors import UnreadableInputError, UsageError, debug_detail
from toolkit.evidence.filetypes import (
    HEAD_BYTES,
    TAIL_BYTES,
    date_in_name,
    embedded_date,
    kind_of_extension,
    pdf_problem,
    sniff,
)
from toolkit.evidence.handles import (
    FD_WALK,
    FOLDER_SWAPPED,
    FileOpener,
    is_inside,
    open_folder,
    open_root,
    swapped,
)
from toolkit.workbook.limits import (
    MAX_EVIDENCE_DEPTH,
    MAX_EVIDENCE_FILES,
    MAX_MEMBER_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    Budget,
    LimitError,
    MiB,
    end_record_members,
    file_seconds,
    inspect_zip,
    os_reason,
)

CHUNK = 1024 * 1024
PARALLEL_THRESHOLD = 400  # below this many files one process is faster than starting workers
BATCH = 256

IGNORED_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", ".gitkeep", ".keep"})


@dataclass
class FileEntry:
    """One evidence file: where, how big, its fingerprint, what it really is, its date."""

    rel: str  # POSIX path relative to the evidence folder
    size: int
    mtime: float
    sha256: str = ""
    ext: str = ""
    ext_kind: str | None = None  # kind implied by the extension
    kind: str = "tidak-dikenal"  # kind found in the content (magic bytes)
    kind_detail: str = ""
    doc_date: dt.date | None = None
    date_source: str = ""  # "nama file", "metadata dokumen", "waktu ubah file"
    pdf_problem: str | None = None
    read_error: str | None = None

    @property
    def name(self) -> str:
        return PurePosixPath(self.rel).name

    @property
    def parts(self) -> tuple[str, ...]:
        return PurePosixPath(self.rel).parts

    @property
    def disguised(self) -> bool:
        """The extension promises one kind and the content is another."""
        if self.size == 0 or self.read_error:
            return False
        if self.kind == "program":
            return True
        if self.ext_kind is None:
            return False
        if self.ext_kind == "teks" and self.kind == "teks":
            return False
        return self.kind != self.ext_kind

    def mtime_iso(self) -> str:
        return dt.datetime.fromtimestamp(self.mtime, tz=dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class SkippedEntry:
    rel: str
    reason: str


@dataclass
class ScanResult:
    root: Path
    files: list[FileEntry] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)

    def by_rel(self) -> dict[str, FileEntry]:
        return {f.rel: f for f in self.files}


def _printable(name: str) -> str:
    """A file name as text that can be written anywhere (bytes that are not UTF-8 shown as U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


Found = tuple[str, int, float, tuple[int, int]]


class _Walk:
    """The state of one walk: what was found, what was skipped, and the per-entry rules."""

    def __init__(self, root_real: str) -> None:
        self.root_real = root_real
        self.found: list[Found] = []
        self.skipped: list[SkippedEntry] = []
        self.too_many = False

    def skip(self, rel: str, reason: str) -> None:
        self.skipped.append(SkippedEntry(rel, reason))

    def entry(self, name: str, rel: str, st_of: Callable[[], os.stat_result], link_target: Callable[[], str],
              is_link: bool, depth: int) -> tuple[int, int] | None:
        """Judge one listed entry; returns the (device, inode) of a folder to descend into."""
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            self.skip(_printable(rel), "nama file/folder bukan teks UTF-8 yang sah; ganti namanya lalu kirim ulang")
            return None
        if is_link:
            try:
                target = _printable(link_target())
            except (OSError, NotImplementedError):  # readlink without dir_fd support on an old system
                target = "?"
            full = os.path.join(self.root_real, *rel.split("/"))
            where = "ke luar folder bukti" if not is_inside(self.root_real, full) else "di dalam folder bukti"
            self.skip(rel, f"tautan simbolik (menunjuk {where}: {target}) tidak diikuti; "
                           "salin file aslinya ke folder bukti")
            return None
        if name.casefold() in IGNORED_NAMES or name.startswith(("~$", ".~lock")):
            self.skip(rel, "file sistem/sementara diabaikan")
            return None
        if name.startswith("."):
            self.skip(rel, "file/folder tersembunyi diabaikan")
            return None
        try:
            st = st_of()
        except OSError as exc:
            self.skip(rel, f"tidak dapat dibaca ({os_reason(exc)})")
            return None
        if stat.S_ISLNK(st.st_mode):  # became a link since it was listed
            self.skip(rel, "tautan simbolik tidak diikuti; salin file aslinya ke folder bukti")
        elif stat.S_ISDIR(st.st_mode):
            if depth + 1 > MAX_EVIDENCE_DEPTH:
                self.skip(rel, f"folder bertingkat lebih dari {MAX_EVIDENCE_DEPTH} tingkat; isinya tidak dibuka")
                return None
            return (st.st_dev, st.st_ino)
        elif stat.S_ISREG(st.st_mode):
            if len(self.found) >= MAX_EVIDENCE_FILES:
                self.too_many = True
            else:
                self.found.append((rel, st.st_size, st.st_mtime, (st.st_dev, st.st_ino)))
        else:
            self.skip(rel, "bukan file biasa (perangkat/pipa/soket); diabaikan")
        return None


def walk(root: str | Path) -> tuple[list[Found], list[SkippedEntry]]:
    """(relative path, size, mtime, (device, inode)) of every regular file under ``root``.

    Links are never followed: each folder is opened from its parent's handle with
    ``O_NOFOLLOW`` and listed through that handle (``toolkit.evidence.handles``), so a folder
    swapped for a link during the walk is reported, never entered. Folders deeper than
    ``MAX_EVIDENCE_DEPTH`` levels, names that are not valid UTF-8 and anything past
    ``MAX_EVIDENCE_FILES`` files are listed as skipped (with the reason), never opened.
    """
    base = Path(root)
    if not base.exists():
        raise UsageError("folder bukti tidak ditemukan.", path=base)
    if not base.is_dir():
        raise UsageError("--bukti harus sebuah folder, bukan file.", path=base)
    w = _Walk(os.path.realpath(base))
    if FD_WALK:
        _walk_handles(w)
    else:
        _walk_paths(w)
    if w.too_many:
        w.skip(".", f"lebih dari {MAX_EVIDENCE_FILES:,} file; sisanya tidak dipindai".replace(",", "."))
    w.found.sort()
    w.skipped.sort(key=lambda s: s.rel)
    return w.found, w.skipped


def _walk_handles(w: _Walk) -> None:
    """The walk by folder handles (openat + O_NOFOLLOW, scandir on the handle)."""
    try:
        root_fd = open_root(w.root_real)
    except OSError as exc:
        raise UnreadableInputError(f"folder bukti tidak dapat dibuka ({os_reason(exc)}).", path=w.root_real) from exc
    try:
        stack: list[tuple[tuple[str, ...], int, tuple[int, int] | None]] = [((), 0, None)]
        while stack:
            parts, depth, ident = stack.pop()
            where = "/".join(parts) or "."
            try:
                fd = open_folder(root_fd, parts)
            except OSError as exc:
                w.skip(where, FOLDER_SWAPPED if swapped(exc) else f"folder tidak dapat dibuka ({os_reason(exc)})")
                continue
            try:
                st = os.fstat(fd)
                if ident is not None and (st.st_dev, st.st_ino) != ident:
                    w.skip(where, FOLDER_SWAPPED)
                    continue
                entries = _listing(w, where, fd)
                if entries is None:
                    continue
                prefix = "/".join(parts) + "/" if parts else ""
                for e in entries:
                    def st_of(name: str = e.name, at: int = fd) -> os.stat_result:
                        return os.stat(name, dir_fd=at, follow_symlinks=False)

                    def target(name: str = e.name, at: int = fd) -> str:
                        return os.readlink(name, dir_fd=at)

                    child = w.entry(e.name, prefix + e.name, st_of, target, e.is_symlink(), depth)
                    if child is not None:
                        stack.append((parts + (e.name,), depth + 1, child))
            finally:
                os.close(fd)
    finally:
        os.close(root_fd)


def _listing(w: _Walk, where: str, folder: int | str) -> list[os.DirEntry[str]] | None:
    """The entries of ``folder`` (a handle or a path) by name; None, and the folder named as skipped,
    when it cannot be listed."""
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        w.skip(where, f"folder tidak dapat dibuka ({os_reason(exc)})")
        return None


def _walk_paths(w: _Walk) -> None:
    """The walk by path (Windows: no dir_fd). Each folder must be, before and after it is listed,
    the folder its parent's listing saw (device, file index) and lie inside the evidence folder."""
    stack: list[tuple[str, str, int, tuple[int, int] | None]] = [(w.root_real, "", 0, None)]
    while stack:
        directory, prefix, depth, ident = stack.pop()
        where = prefix.rstrip("/") or "."

        def same(directory: str = directory, ident: tuple[int, int] | None = ident) -> bool:
            if ident is None:
                return True
            try:
                st = os.lstat(directory)
            except OSError:
                return False
            return not stat.S_ISLNK(st.st_mode) and (st.st_dev, st.st_ino) == ident and \
                is_inside(w.root_real, directory)

        if not same():
            w.skip(where, FOLDER_SWAPPED)
            continue
        entries = _listing(w, where, directory)
        if entries is None:
            continue
        if not same():
            w.skip(where, FOLDER_SWAPPED)
            continue
        for e in entries:
            def st_of(path: str = e.path) -> os.stat_result:
                return os.lstat(path)  # DirEntry.stat() has no device/file index on Windows

            def target(path: str = e.path) -> str:
                return os.readlink(path)

            is_link = e.is_symlink() or bool(getattr(e, "is_junction", lambda: False)())
            child = w.entry(e.name, prefix + e.name, st_of, target, is_link, depth)
            if child is not None:
                stack.append((e.path, prefix + e.name + "/", depth + 1, child))


SLOW_READ_BYTES_PER_SECOND = 10 * MiB  # a slow shared drive: a large video still gets the time to be read


def evidence_budget(path: str | Path, size: int) -> Budget:
    """The time budget of one evidence file: the per-file budget plus the time to read its size at
    :data:`SLOW_READ_BYTES_PER_SECOND` (a 2 GB video on a network share is slow, not hostile)."""
    return Budget(path, file_seconds() + size / SLOW_READ_BYTES_PER_SECOND)


def fingerprint(root_real: str, rel: str, size: int, mtime: float,
                ident: tuple[int, int] | None = None, *, opener: FileOpener | None = None) -> FileEntry:
    """Stream one file through sha256, keeping head and tail for the content checks.

    The file is opened by handle from its folder's handle (never following a link, in the
    path or at its end, never blocking on a FIFO) and, with ``ident`` from the walk, must
    still be the same file (device, inode): a file or folder swapped in during the scan is
    reported, not read. ``opener`` keeps folder handles across the files of one batch. Nothing in one file can stop
    the scan: every failure becomes the entry's ``read_error``.
    """
    path = os.path.join(root_real, *rel.split("/"))
    ext = os.path.splitext(rel)[1].lower().lstrip(".")
    entry = FileEntry(rel=rel, size=size, mtime=mtime, ext=ext, ext_kind=kind_of_extension(ext))
    budget = evidence_budget(path, size)
    own = opener is None
    handles = opener or FileOpener(root_real)
    try:
        fd, _st = handles.open(rel, ident)
    except UnreadableInputError as exc:
        entry.read_error = exc.message.rstrip(".")
        return entry
    finally:
        if own:
            handles.close()
    try:
        with os.fdopen(fd, "rb") as fh:
            want = min(CHUNK, size + 1)  # no 1 MiB buffer for a 20 KiB file
            first = fh.read(want)
            digest = hashlib.sha256(first)
            head = first[:HEAD_BYTES]
            tail = first[-TAIL_BYTES:]
            if len(first) == want:  # larger than the walk saw, or larger than one chunk
                while True:
                    budget.check()
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    digest.update(chunk)
                    tail = (tail + chunk)[-TAIL_BYTES:] if len(chunk) < TAIL_BYTES else chunk[-TAIL_BYTES:]
            entry.sha256 = digest.hexdigest()
            entry.size = fh.tell()
            if entry.size == 0:
                entry.kind, entry.kind_detail = "kosong", "file kosong"
                return entry
            # ZIP/OLE containers are looked into through the same handle, never re-opened by name
            container = fh if head[:2] == b"PK" or head[:4] == b"\xd0\xcf\x11\xe0" else None
            _content_checks(entry, head, tail, container, Path(path), mtime, budget)
    except UnreadableInputError as exc:
        entry.read_error = exc.message.rstrip(".")
    except OSError as exc:
        entry.read_error = os_reason(exc)
    except Exception as exc:  # a damaged file never stops the scan of the others
        entry.read_error = "isi file rusak atau tidak dapat diperiksa" + debug_detail(exc)
    return entry


def _mb(n: int) -> str:
    return f"{n / MiB:,.0f} MB".replace(",", ".")


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def evidence_zip_limits(size: int) -> tuple[int, int]:
    """(one member, all members) measured while inflating an evidence file of ``size`` bytes:
    the workbook limits, or twice the file's size when larger (a presentation may store a
    large video uncompressed; a bomb is caught by its ratio or by these sizes either way)."""
    return max(MAX_MEMBER_BYTES, 2 * size), max(MAX_UNCOMPRESSED_BYTES, 2 * size)


def check_container(handle: BinaryIO, path: Path, size: int, budget: Budget) -> None:
    """Inflate every member of a ZIP-based evidence file (docx, xlsx, pptx, odt, zip…) through
    the handle, measuring it (``toolkit.workbook.limits.inspect_zip``): a zip bomb, a lying
    header, a damaged deflate stream, a failed CRC or an XML entity declaration raises
    LimitError/UnreadableInputError naming the part. Memory stays at one 1 MiB chunk."""
    member, total = evidence_zip_limits(size)
    _declared_sizes(handle, path, size, member, total)
    inspect_zip(handle, path, size=size, budget=budget, sheets=False, member_limit=member, total_limit=total)


def _declared_sizes(handle: BinaryIO, path: Path, size: int, member: int, total: int) -> None:
    """Refuse at once a zip whose own directory declares a member or a total past the limits (an
    honest bomb), instead of inflating hundreds of MB to find out; a lying header is measured."""
    end_record_members(handle, size, path)
    try:
        infos = zipfile.ZipFile(handle).infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error):
        return  # inspect_zip names the damage
    declared = 0
    for info in infos:
        declared += info.file_size
        # deflate never grows data by more than a few bytes per 16 KiB block: more compressed bytes
        # than that for the size the header declares is a header that lies (a bomb that hides)
        if info.compress_type == zipfile.ZIP_DEFLATED and \
                info.compress_size > info.file_size + info.file_size // 1000 + 1024:
            raise LimitError(f"bagian '{info.filename}' menyatakan {_n(info.file_size)} byte setelah dibuka untuk "
                             f"{_n(info.compress_size)} byte data terkompresi (header palsu atau file rusak); "
                             "file ditolak.", path=path)
        if info.file_size > member:
            raise LimitError(f"bagian '{info.filename}' menyatakan {_mb(info.file_size)} setelah dibuka "
                             f"(batas {_mb(member)}; terlalu besar untuk dibaca dengan aman); file ditolak.", path=path)
    if declared > total:
        raise LimitError(f"isi file menyatakan {_mb(declared)} setelah dibuka (batas {_mb(total)}; terlalu besar untuk dibaca dengan aman); "
                         "file ditolak.", path=path)


def _content_checks(entry: FileEntry, head: bytes, tail: bytes, container: BinaryIO | None, path: Path,
                    mtime: float, budget: Budget | None = None) -> None:
    sniffed = sniff(head, path if container is not None else None, handle=container)
    entry.kind, entry.kind_detail = sniffed.kind, sniffed.detail
    if container is not None and head[:2] == b"PK":
        try:
            check_container(container, path, entry.size, budget or evidence_budget(path, entry.size))
        except UnreadableInputError as exc:
            # the file is named with its damage and never counts as evidence; its content is not read further
            entry.read_error = exc.message.rstrip(".")
            return
    if sniffed.kind == "pdf":
        entry.pdf_problem = pdf_problem(head, tail, entry.size)
    named = date_in_name(entry.rel.rsplit("/", 1)[-1])
    if named:
        entry.doc_date, entry.date_source = named, "nama file"
    else:
        embedded = embedded_date(sniffed.kind, head, tail, path if container is not None else None,
                                 handle=container)
        if embedded:
            entry.doc_date, entry.date_source = embedded, "metadata dokumen"
        else:
            entry.doc_date = dt.datetime.fromtimestamp(mtime).date()
            entry.date_source = "waktu ubah file"


def _batch(root_real: str, items: Sequence[Found]) -> list[FileEntry]:
    with FileOpener(root_real) as opener:
        return [fingerprint(root_real, *item, opener=opener) for item in items]


def _chunks(items: Sequence[Found], size: int) -> Iterator[Sequence[Found]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def scan(root: str | Path, *, workers: int | None = None, mode: str = "process",
         progress: Callable[[int, int], None] | None = None) -> ScanResult:
    """Scan an evidence folder: safe walk, then fingerprint every file (parallel when large).

    ``mode="process"`` (default) runs batches of files on a process pool, one worker per
    core; ``mode="thread"`` uses threads (``read`` and sha256 release the GIL, no pickling),
    which the benchmark shows slower on two cores because the per-file checks hold the GIL.
    """
    base = Path(root)
    found, skipped = walk(base)
    root_real = os.path.realpath(base)
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    files: list[FileEntry] = []
    total = len(found)
    if n_workers <= 1 or total < PARALLEL_THRESHOLD:
        with FileOpener(root_real) as opener:
            for item in found:
                files.append(fingerprint(root_real, *item, opener=opener))
                if progress and len(files) % 500 == 0:
                    progress(len(files), total)
    else:
        pool: Executor = (ProcessPoolExecutor(max_workers=n_workers) if mode == "process"
                          else ThreadPoolExecutor(max_workers=n_workers))
        try:
            with pool:
                for batch in pool.map(_batch, [root_real] * ((total + BATCH - 1) // BATCH),
                                      _chunks(found, BATCH)):
                    files.extend(batch)
                    if progress:
                        progress(len(files), total)
        except OSError as exc:  # e.g. no semaphores in a sandbox: fall back to one process
            if files:
                raise UnreadableInputError(f"pemindaian paralel gagal: {exc}.", path=base) from exc
            files = _batch(root_real, found)
    if progress:
        progress(total, total)
    return ScanResult(base, files, skipped)
