"""One root error and a few structured subclasses.

Every message a person reads is in Bahasa Indonesia and names the file, the sheet
and the cell where that is known. ``toolkit.cli`` maps these to exit codes:
0 clean, 1 findings, 2 usage, 3 unreadable input or internal failure.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3


class ToolkitError(Exception):
    """Root of every error the toolkit raises on purpose."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, message: str, *, path: str | Path | None = None,
                 sheet: str | None = None, cell: str | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.sheet = sheet
        self.cell = cell
        super().__init__(self.describe())

    def location(self) -> str:
        parts = []
        if self.path:
            parts.append(f"file {self.path}")
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(f"sel {self.cell}")
        return ", ".join(parts)

    def describe(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


def debug_detail(exc: BaseException) -> str:
    """`` [Kelas: teks]`` of an exception when INTEGRITAS_DEBUG is set, else "": the English text of a
    library stays out of what a person reads, and is still there for whoever debugs."""
    if not os.environ.get("INTEGRITAS_DEBUG"):
        return ""
    return f" [{type(exc).__name__}: {exc}]"


def yaml_reason(exc: Exception) -> str:
    """A YAML parse error as Indonesian text with line and column (PyYAML's own text is English)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return "isi YAML tidak sah"
    return f"isi YAML tidak sah pada baris {mark.line + 1}, kolom {mark.column + 1}"


class UnreadableInputError(ToolkitError):
    """The input cannot be read safely (wrong format, corrupt, encrypted, too large…)."""

    exit_code = EXIT_UNREADABLE


class WrongKindError(UnreadableInputError):
    """The workbook is readable but is not the expected kind (wrong template)."""


class UsageError(ToolkitError):
    """The call itself is wrong (options, arguments)."""

    exit_code = EXIT_USAGE


class TemplateError(ToolkitError):
    """A document template is missing variables, has unknown ones, or left placeholders."""

    exit_code = EXIT_UNREADABLE


class UnsafeWriteError(ToolkitError):
    """Writing would damage or overwrite a user's file, so nothing was written."""

    exit_code = EXIT_UNREADABLE


@dataclass(frozen=True)
class Location:
    """Where something is in a workbook (1-based row, Excel address)."""

    sheet: str
    cell: str
    row: int
    column: str | None = None
