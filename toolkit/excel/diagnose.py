"""``integritas excel periksa``: is this PC ready for the buttons?

Checks, in the order a person fixes them: Python, the toolkit, xlwings against the
pinned version, the xlwings version the workbook's VBA expects, and the interpreter
``RunPython`` will start (``xlwings.conf``: sheet, file beside the workbook, or the
user file ``%USERPROFILE%\\.xlwings\\xlwings.conf``), which must be able to import
the toolkit.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from toolkit import __version__
from toolkit.excel.vba import (
    XLWINGS_MODULE,
    installed_xlwings_version,
    pinned_xlwings_version,
    read_project_modules,
    vba_version,
    xlwings_standalone_workbook,
)

OK, PROBLEM, INFO = "OK", "MASALAH", "INFO"
INTERPRETER_KEYS = ("INTERPRETER_WIN", "INTERPRETER")


@dataclass(frozen=True)
class Check:
    status: str  # OK | MASALAH | INFO
    what: str
    detail: str

    def line(self) -> str:
        return f"[{self.status}] {self.what}: {self.detail}"


def read_conf_file(path: Path) -> dict[str, str]:
    """An xlwings.conf file: lines of ``"KEY","value"``."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        values = re.findall(r'"([^"]*)"', line)
        if len(values) >= 2:
            out[values[0].strip().upper()] = os.path.expandvars(values[1])
    return out


def conf_sources(workbook: Path | None) -> list[tuple[str, Path]]:
    import xlwings

    sources = []
    if workbook is not None:
        sources.append(("folder workbook", workbook.resolve().parent / "xlwings.conf"))
    sources.append(("pengguna", Path(xlwings.USER_CONFIG_FILE)))
    return sources


def interpreter_setting(workbook: Path | None) -> tuple[str | None, str]:
    """(interpreter, where it was set) as RunPython resolves it; (None, "") when unset."""
    if workbook is not None and workbook.suffix.lower() in (".xlsm", ".xlsx") and workbook.is_file():
        try:
            import openpyxl

            wb = openpyxl.load_workbook(workbook, read_only=True)
            if "xlwings.conf" in wb.sheetnames:
                rows = {str(r[0]).upper(): r[1] for r in wb["xlwings.conf"].iter_rows(values_only=True) if r and r[0]}
                for key in INTERPRETER_KEYS:
                    if rows.get(key):
                        return str(rows[key]), "sheet xlwings.conf"
        except Exception:  # an unreadable workbook is reported by the VBA check
            pass
    for label, path in conf_sources(workbook):
        if path.is_file():
            conf = read_conf_file(path)
            for key in INTERPRETER_KEYS:
                if conf.get(key):
                    return conf[key], f"{label} ({path})"
    return None, ""


def diagnose(workbook: Path | None = None, *, probe: bool = True) -> list[Check]:
    checks: list[Check] = []
    py = sys.version_info
    checks.append(Check(OK if py >= (3, 10) else PROBLEM, "Python",
                        f"{sys.version.split()[0]} di {sys.executable}" +
                        ("" if py >= (3, 10) else " (perlu 3.10 atau lebih baru)")))
    checks.append(Check(OK, "Toolkit", f"integritas {__version__}"))
    try:
        installed = installed_xlwings_version()
    except ImportError:
        checks.append(Check(PROBLEM, "xlwings", "belum terpasang; jalankan: pip install integritas-toolkit"))
        return checks
    pinned = pinned_xlwings_version()
    if pinned and pinned != installed:
        checks.append(Check(PROBLEM, "xlwings", f"terpasang {installed}, toolkit menetapkan {pinned}: "
                                                f"pip install xlwings=={pinned}"))
    else:
        checks.append(Check(OK, "xlwings", f"{installed} (sesuai versi yang ditetapkan toolkit)"))
    source = workbook if workbook is not None and workbook.suffix.lower() == ".xlsm" else None
    try:
        modules = read_project_modules(source or xlwings_standalone_workbook())
        wanted = vba_version(modules.get(XLWINGS_MODULE, ""))
    except Exception as exc:
        wanted = None
        checks.append(Check(PROBLEM, "VBA", f"proyek VBA tidak terbaca ({type(exc).__name__}: {exc})"))
    else:
        where = source.name if source else "templat yang akan dibangun"
        if wanted is None:
            checks.append(Check(PROBLEM, "VBA", f"{where}: modul xlwings (RunPython) tidak ada"))
        elif wanted != installed:
            checks.append(Check(PROBLEM, "VBA", f"{where} mengharapkan xlwings {wanted}, terpasang {installed}. "
                                                "Bangun ulang templat: integritas excel bangun"))
        else:
            checks.append(Check(OK, "VBA", f"{where} mengharapkan xlwings {wanted}"))
    interpreter, where = interpreter_setting(workbook)
    if interpreter is None:
        checks.append(Check(INFO, "xlwings.conf", "Interpreter belum diatur: RunPython memakai 'python' dari PATH. "
                                                  f"Atur INTERPRETER_WIN di {conf_sources(None)[-1][1]}"))
        interpreter = "python"
    else:
        checks.append(Check(OK, "xlwings.conf", f"Interpreter = {interpreter} (dari {where})"))
    if probe:
        checks.append(probe_interpreter(interpreter))
    return checks


def probe_interpreter(interpreter: str) -> Check:
    """Can the interpreter RunPython starts import the toolkit, with the same versions?"""
    exe = interpreter
    if os.name != "nt" and re.match(r"^[A-Za-z]:\\", interpreter):
        return Check(INFO, "Interpreter", f"{interpreter} adalah path Windows; diperiksa di PC Windows")
    if exe.lower().endswith("pythonw.exe"):
        exe = exe[:-len("pythonw.exe")] + "python.exe"
    code = "import toolkit, xlwings; print(toolkit.__version__, xlwings.__version__)"
    try:
        proc = subprocess.run([exe, "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check(PROBLEM, "Interpreter", f"{interpreter} tidak dapat dijalankan ({exc})")
    if proc.returncode != 0:
        return Check(PROBLEM, "Interpreter", f"{interpreter} tidak dapat mengimpor toolkit: "
                                             f"{proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}")
    versions = proc.stdout.split()
    import xlwings

    if versions[:2] != [__version__, xlwings.__version__]:
        return Check(PROBLEM, "Interpreter", f"{interpreter} memakai toolkit/xlwings {' '.join(versions)}, "
                                             f"bukan {__version__}/{xlwings.__version__}")
    return Check(OK, "Interpreter", f"{interpreter} mengimpor toolkit {versions[0]} dan xlwings {versions[1]}")
