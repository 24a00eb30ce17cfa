"""Write an output file atomically, safely when two processes write at once.

Every writer of a result file (the .hasil copy, the checklist, REKAP.xlsx, a
score copy, a letter) goes through :func:`atomic_output`: it hands out a unique
temporary file in the target's own folder (so the final move is a rename on the
same file system), and only when writing succeeded moves it into place. A
reader therefore never sees a half-written file (a killed run leaves at most a hidden
``.<stem>.~<computer>-<pid>.<random>.tmp<suffix>`` next to the output, removed by the next
run that writes that output — see :func:`clean_stale`), two processes never share a
temporary name, and with ``overwrite=False`` an existing file — possibly a
user's own workbook — is never replaced, even if it appears while we write
(``os.link`` refuses an existing name atomically).

The finished file gets the permissions any new file would get (``0666`` minus the
umask), not the ``0600`` of :func:`tempfile.mkstemp`: colleagues on a shared folder
read results exactly as they read a file the user saved by hand.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import UnsafeWriteError


@contextlib.contextmanager
def atomic_output(target: str | Path, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a fresh temporary path next to ``target``; move it to ``target`` on success.

    The temporary name keeps the target's suffix (.xlsx/.xlsm/.docx/.pdf) because
    some writers look at it. On any exception the temporary file is removed and
    ``target`` is untouched.
    """
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(final)
    if final.exists() and not overwrite:
        raise UnsafeWriteError("file keluaran sudah ada; pakai --timpa untuk menimpanya atau pilih nama lain.",
                               path=final)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.stem}.{_OWNER}.", suffix=f".tmp{final.suffix}",
                                    dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.exists():
            os.chmod(tmp, new_file_mode())
        if overwrite:
            os.replace(tmp, final)
        else:
            _link_exclusive(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def current_umask() -> int:
    """The process umask, read without changing it where the system allows (Linux /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore (a moment's race with other threads)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """Permission bits of a newly created regular file under the current umask (e.g. 0644 under 022)."""
    return 0o666 & ~current_umask()


STALE_SECONDS = 6 * 3600  # a temporary file this old belongs to a run that was killed
_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "pc"
_OWNER = f"~{_HOST}-{os.getpid()}"  # in every temporary name: whose run it is
_OWNER_RE = re.compile(r"\.~(?P<host>[A-Za-z0-9-]+)-(?P<pid>\d+)\.")


def _dead_here(name: str) -> bool:
    """The temporary file was made on this computer by a process that no longer runs."""
    m = _OWNER_RE.search(name)
    if m is None or m.group("host") != _HOST:
        return False
    pid = int(m.group("pid"))
    if pid == os.getpid():
        return False
    return not _process_alive(pid)


_STILL_ACTIVE = 259  # GetExitCodeProcess: the process has not ended


def _process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (when unsure: True, so the 6-hour age rule decides).

    On Windows ``os.kill(pid, 0)`` is not a probe: signal 0 is CTRL_C_EVENT and would send
    Ctrl-C to the process group, so there the process is asked through OpenProcess/GetExitCodeProcess.
    """
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    try:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        return True
    process_query_limited_information = 0x1000
    error_invalid_parameter = 87  # no process with this id
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() != error_invalid_parameter  # type: ignore[attr-defined]
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def temp_pattern(final: Path) -> str:
    """The glob of ``final``'s temporary files: ``.<stem>.<random>.tmp<suffix>`` in the same folder."""
    return f".{glob.escape(final.stem)}.*.tmp{glob.escape(final.suffix)}"


def clean_stale(final: str | Path) -> list[Path]:
    """Remove ``final``'s temporary files left by killed runs; return them.

    This is the one place leftovers can be: next to the output, named
    ``.<stem>.~<computer>-<pid>.<random>.tmp<suffix>`` (hidden on Linux and macOS). One made on
    this computer by a process that no longer runs is removed at once; any other only when older
    than ``STALE_SECONDS`` (another PC on a shared folder may still be writing it).
    """
    target = Path(final)
    removed: list[Path] = []
    limit = time.time() - STALE_SECONDS
    try:
        candidates = list(target.parent.glob(temp_pattern(target)))
    except OSError:
        return removed
    for p in candidates:
        with contextlib.suppress(OSError):
            if p.is_file() and not p.is_symlink() and (_dead_here(p.name) or p.stat().st_mtime < limit):
                p.unlink()
                removed.append(p)
    return removed


def free_path(first: str | Path, numbered: str = "{stem} ({n}){suffix}") -> Path:
    """``first`` if no file has that name yet, else the first free ``numbered`` variant (n = 2, 3, …).

    For outputs that must never replace an earlier one (letters whose numbers are in the
    register, documents a button made last week).
    """
    candidate = Path(first)
    n = 2
    while candidate.exists():
        candidate = candidate.with_name(numbered.format(stem=Path(first).stem, n=n, suffix=Path(first).suffix))
        n += 1
    return candidate


def _link_exclusive(tmp: Path, final: Path) -> None:
    try:
        os.link(tmp, final)
    except FileExistsError as exc:
        raise UnsafeWriteError("file keluaran muncul saat sedang ditulis (proses lain?); tidak ditimpa.",
                               path=final) from exc
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # file systems without hard links (some network shares): create the name exclusively first
        try:
            fd = os.open(final, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError as exc2:
            raise UnsafeWriteError("file keluaran muncul saat sedang ditulis (proses lain?); tidak ditimpa.",
                                   path=final) from exc2
        os.close(fd)
        os.replace(tmp, final)
