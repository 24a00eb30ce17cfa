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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from toolkit.errors import UnreadableInputError, UsageError
from toolkit.evidence.filetypes import (
    HEAD_BYTES,
    TAIL_BYTES,
    date_in_name,
    embedded_date,
    kind_of_extension,
    pdf_problem,
    sniff,
)
from toolkit.workbook.limits import MAX_EVIDENCE_DEPTH, MAX_EVIDENCE_FILES, Budget, open_regular, os_reason

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


def _is_inside(root_real: str, path: str) -> bool:
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _printable(name: str) -> str:
    """A file name as text that can be written anywhere (bytes that are not UTF-8 shown as U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def walk(root: str | Path) -> tuple[list[tuple[str, int, float, tuple[int, int]]], list[SkippedEntry]]:
    """(relative path, size, mtime, (device, inode)) of every regular file under ``root``.

    Links are never followed; folders deeper than ``MAX_EVIDENCE_DEPTH`` levels, names
    that are not valid UTF-8 and anything past ``MAX_EVIDENCE_FILES`` files are listed
    as skipped (with the reason), never opened.
    """
    base = Path(root)
    if not base.exists():
        raise UsageError("folder bukti tidak ditemukan.", path=base)
    if not base.is_dir():
        raise UsageError("--bukti harus sebuah folder, bukan file.", path=base)
    root_real = os.path.realpath(base)
    found: list[tuple[str, int, float, tuple[int, int]]] = []
    skipped: list[SkippedEntry] = []
    stack: list[tuple[str, str, int]] = [(root_real, "", 0)]
    too_many = False
    while stack:
        directory, prefix, depth = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(SkippedEntry(prefix or ".", f"folder tidak dapat dibuka ({os_reason(exc)})"))
            continue
        for entry in entries:
            rel = f"{prefix}{entry.name}"
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                skipped.append(SkippedEntry(_printable(rel), "nama file/folder bukan teks UTF-8 yang sah; "
                                                             "ganti namanya lalu kirim ulang"))
                continue
            if entry.is_symlink():
                target = _printable(os.readlink(entry.path))
                where = "ke luar folder bukti" if not _is_inside(root_real, entry.path) else "di dalam folder bukti"
                skipped.append(SkippedEntry(rel, f"tautan simbolik (menunjuk {where}: {target}) tidak diikuti; "
                                                 "salin file aslinya ke folder bukti"))
                continue
            if entry.name.casefold() in IGNORED_NAMES or entry.name.startswith(("~$", ".~lock")):
                skipped.append(SkippedEntry(rel, "file sistem/sementara diabaikan"))
                continue
            if entry.name.startswith("."):
                skipped.append(SkippedEntry(rel, "file/folder tersembunyi diabaikan"))
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                skipped.append(SkippedEntry(rel, f"tidak dapat dibaca ({os_reason(exc)})"))
                continue
            if stat.S_ISDIR(st.st_mode):
                if depth + 1 > MAX_EVIDENCE_DEPTH:
                    skipped.append(SkippedEntry(rel, f"folder bertingkat lebih dari {MAX_EVIDENCE_DEPTH} "
                                                     "tingkat; isinya tidak dibuka"))
                    continue
                # a folder reached without following a link is inside the evidence folder; checked
                # near the top only (realpath of a deep path costs one lstat per level)
                if depth < 2 and not _is_inside(root_real, entry.path):
                    skipped.append(SkippedEntry(rel, "berada di luar folder bukti; tidak dibuka"))
                    continue
                stack.append((entry.path, rel + "/", depth + 1))
            elif stat.S_ISREG(st.st_mode):
                if len(found) >= MAX_EVIDENCE_FILES:
                    too_many = True
                    continue
                found.append((rel, st.st_size, st.st_mtime, (st.st_dev, st.st_ino)))
            else:
                skipped.append(SkippedEntry(rel, "bukan file biasa (perangkat/pipa/soket); diabaikan"))
    if too_many:
        skipped.append(SkippedEntry(".", f"lebih dari {MAX_EVIDENCE_FILES:,} file; sisanya tidak dipindai"
                                    .replace(",", ".")))
    found.sort()
    skipped.sort(key=lambda s: s.rel)
    return found, skipped


def fingerprint(root_real: str, rel: str, size: int, mtime: float,
                ident: tuple[int, int] | None = None) -> FileEntry:
    """Stream one file through sha256, keeping head and tail for the content checks.

    The file is opened by handle (never following a link, never blocking on a FIFO) and,
    with ``ident`` from the walk, must still be the same file (device, inode): a file or
    folder swapped in during the scan is reported, not read. Nothing in one file can stop
    the scan: every failure becomes the entry's ``read_error``.
    """
    path = os.path.join(root_real, *rel.split("/"))
    ext = os.path.splitext(rel)[1].lower().lstrip(".")
    entry = FileEntry(rel=rel, size=size, mtime=mtime, ext=ext, ext_kind=kind_of_extension(ext))
    budget = Budget(path)
    try:
        fd, st = open_regular(path, follow=False, expect=ident)
    except UnreadableInputError as exc:
        entry.read_error = exc.message
        return entry
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
            _content_checks(entry, head, tail, container, Path(path), mtime)
    except UnreadableInputError as exc:
        entry.read_error = exc.message
    except OSError as exc:
        entry.read_error = os_reason(exc)
    except Exception as exc:  # a damaged file never stops the scan of the others
        entry.read_error = f"isi file tidak dapat diperiksa ({type(exc).__name__})"
    return entry


def _content_checks(entry: FileEntry, head: bytes, tail: bytes, container: BinaryIO | None, path: Path,
                    mtime: float) -> None:
    sniffed = sniff(head, path if container is not None else None, handle=container)
    entry.kind, entry.kind_detail = sniffed.kind, sniffed.detail
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


def _batch(root_real: str, items: Sequence[tuple[str, int, float, tuple[int, int]]]) -> list[FileEntry]:
    return [fingerprint(root_real, *item) for item in items]


def _chunks(items: Sequence[tuple[str, int, float, tuple[int, int]]], size: int
            ) -> Iterator[Sequence[tuple[str, int, float, tuple[int, int]]]]:
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
        for item in found:
            files.append(fingerprint(root_real, *item))
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
