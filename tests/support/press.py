"""Press a workbook's buttons in LibreOffice headless and record what each macro asked Python to run.

Used by the tests (and by anyone checking a built template on Linux). The workbook is
first copied with xlwings' ``RunPython`` replaced by :data:`RECORDING_STUB`, which
appends its argument to a file instead of starting Python, and with xlwings'
``Dictionary`` class dropped (LibreOffice Basic cannot compile it, and a module that
does not compile silently disables the whole library). The pressing itself happens
in :mod:`tests.support.uno_press_script`, run by the system Python that has UNO.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.excel.vba import make_press_copy
from toolkit.office import OfficeError, _env, soffice_path

UNO_PYTHON = os.environ.get("INTEGRITAS_UNO_PYTHON", "/usr/bin/python3")
SCRIPT = Path(__file__).resolve().with_name("uno_press_script.py")

RECORDING_STUB = "\r\n".join([
    'Attribute VB_Name = "xlwings"',
    "Option Explicit",
    "",
    "' Test stub: records the command instead of starting Python.",
    "Public Function RunPython(PythonCommand As String)",
    "    Dim f As Integer",
    "    f = FreeFile",
    '    Open Environ("INTEGRITAS_PRESS_LOG") For Append As #f',
    "    Print #f, PythonCommand",
    "    Close #f",
    "End Function",
    "",
])


@dataclass(frozen=True)
class PressedButton:
    label: str
    scripts: tuple[str, ...]  # the macro URIs the button is bound to in LibreOffice
    pressed: bool
    recorded: tuple[str, ...]  # what RunPython received
    error: str | None = None


@dataclass(frozen=True)
class PressResult:
    buttons: tuple[PressedButton, ...]
    libraries: dict[str, list[str]]  # Basic library -> modules LibreOffice loaded
    copy: Path


def press_buttons(xlsm: str | Path, sheet: str, workdir: str | Path, *, keep_dictionary: bool = False,
                  timeout: int = 180) -> PressResult:
    """Press every button on ``sheet`` of a stubbed copy of ``xlsm`` (made in ``workdir``)."""
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    copy = work / f"{Path(xlsm).stem}.tekan.xlsm"
    if keep_dictionary:
        from pyopenvba import ExcelFile

        shutil.copyfile(xlsm, copy)
        with ExcelFile(copy) as wb:
            wb.set_module("xlwings", RECORDING_STUB)
            wb.save()
    else:
        make_press_copy(Path(xlsm), copy, RECORDING_STUB)
    log = work / "runpython.log"
    log.unlink(missing_ok=True)
    out = work / "press.json"
    out.unlink(missing_ok=True)
    if not Path(UNO_PYTHON).exists():
        raise OfficeError(f"{UNO_PYTHON} (Python dengan modul uno) tidak ditemukan; pasang python3-uno.")
    env = {**_env(), "INTEGRITAS_PRESS_LOG": str(log), "INTEGRITAS_SOFFICE": soffice_path()}
    proc = subprocess.run([UNO_PYTHON, str(SCRIPT), str(copy), sheet, str(out)], capture_output=True,
                          text=True, timeout=timeout, env=env)
    if proc.returncode != 0 or not out.exists():
        raise OfficeError(f"penekanan tombol di LibreOffice gagal: {(proc.stderr or proc.stdout).strip()[-800:]}")
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    buttons = tuple(
        PressedButton(b["label"], tuple(e["script"] for e in b["events"]), b["pressed"], tuple(b["recorded"]),
                      b.get("error"))
        for b in data["buttons"])
    return PressResult(buttons, data["libraries"], copy)
