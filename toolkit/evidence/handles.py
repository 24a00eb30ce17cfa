"""Open evidence folders and files by handle, never through a link, whatever is swapped in meanwhile.

Where the system supports it (Linux, macOS, the BSDs) every folder and file is opened
*relative to its parent folder's handle* (``openat``), one component at a time, each with
``O_NOFOLLOW``: a folder or file replaced by a symbolic link between the moment the walk
saw it and the moment it is opened makes the open fail (``ELOOP``/``ENOTDIR``) instead of
leading outside the evidence folder. Folders are listed through their handle
(``os.scandir(fd)``) and compared (device, inode) with what their parent's listing saw.

Windows has no ``dir_fd``/``O_NOFOLLOW``: there the walk and the opens go by path, and
the same questions are asked *after* the open instead (the handle's device and file
index must be the ones the walk saw, and the real path must still lie inside the
evidence folder). That leaves a window a process racing the scan could still use on
Windows; the handle check then catches a different file, but not a folder listed
through a junction swapped in and out between two checks.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence

from toolkit.errors import UnreadableInputError
from toolkit.workbook.limits import LimitError, open_regular, os_reason

# openat-style walking is available (not on Windows)
FD_WALK = (os.open in os.supports_dir_fd and os.scandir in os.supports_fd and os.stat in os.supports_dir_fd
           and hasattr(os, "O_DIRECTORY") and hasattr(os, "O_NOFOLLOW"))

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)

FOLDER_SWAPPED = "folder berganti selama pemindaian (kini tautan simbolik atau folder lain); isinya tidak dibaca"
PATH_SWAPPED = ("folder di jalurnya berganti selama pemindaian (kini tautan simbolik atau bukan folder); "
                "file tidak dibaca.")


def is_inside(root_real: str, path: str) -> bool:
    """The real path of ``path`` is ``root_real`` or lies under it."""
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def open_root(root_real: str) -> int:
    """A handle on the evidence folder itself: ``root_real`` is the folder the user named with every
    link resolved, so its last component is never a link — unless the folder was swapped for one
    since (then ``ELOOP``)."""
    return os.open(root_real, _DIR_FLAGS)


def open_folder(root_fd: int, parts: Sequence[str]) -> int:
    """A new handle on ``root/parts…``, each component opened from its parent's handle without
    following a link (``OSError`` ``ELOOP``/``ENOTDIR`` when one was swapped for a link). Caller closes."""
    fd = os.dup(root_fd)
    try:
        for name in parts:
            child = os.open(name, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def swapped(exc: OSError) -> bool:
    """The error an ``O_NOFOLLOW|O_DIRECTORY`` open gives for a link or a non-folder in the path."""
    return exc.errno in (errno.ELOOP, errno.ENOTDIR, getattr(errno, "EMLINK", -1))


class FileOpener:
    """Opens the files of one evidence folder by handle; keeps the last parent folder's handle
    open, so a batch of files in the same folder costs one ``openat`` each."""

    def __init__(self, root_real: str) -> None:
        self.root_real = root_real
        self._root_fd: int | None = None
        self._parent: tuple[tuple[str, ...], int] | None = None

    def close(self) -> None:
        if self._parent is not None:
            os.close(self._parent[1])
            self._parent = None
        if self._root_fd is not None:
            os.close(self._root_fd)
            self._root_fd = None

    def __enter__(self) -> FileOpener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _parent_fd(self, parts: tuple[str, ...]) -> int:
        if self._parent is not None and self._parent[0] == parts:
            return self._parent[1]
        if self._parent is not None:
            os.close(self._parent[1])
            self._parent = None
        if self._root_fd is None:
            self._root_fd = open_root(self.root_real)
        fd = open_folder(self._root_fd, parts)
        self._parent = (parts, fd)
        return fd

    def open(self, rel: str, expect: tuple[int, int] | None) -> tuple[int, os.stat_result]:
        """(fd, fstat) of the regular file ``rel``, the one the walk saw (device, inode); raises
        LimitError/UnreadableInputError with one Indonesian line otherwise."""
        path = os.path.join(self.root_real, *rel.split("/"))
        if not FD_WALK:
            return self._open_by_path(path, expect)
        parts = tuple(rel.split("/"))
        try:
            parent = self._parent_fd(parts[:-1])
        except OSError as exc:
            if swapped(exc):
                raise LimitError(PATH_SWAPPED, path=path) from exc
            raise UnreadableInputError(f"folder file ini tidak dapat dibuka ({os_reason(exc)}).", path=path) from exc
        return open_regular(path, follow=False, expect=expect, dir_fd=parent)

    def _open_by_path(self, path: str, expect: tuple[int, int] | None) -> tuple[int, os.stat_result]:
        """Windows: open by name, then check the handle (same file as the walk saw) and the real path."""
        fd, st = open_regular(path, follow=False, expect=expect)
        if not is_inside(self.root_real, path):
            os.close(fd)
            raise LimitError(PATH_SWAPPED, path=path)
        return fd, st
