"""Recalculate workbooks in LibreOffice headless (UNO), to compare our scores with a real spreadsheet.

One soffice process loads every file hidden, calls ``calculateAll()`` and stores
a recalculated copy in ``outdir`` (same file name). The UNO script runs under the
system Python (``/usr/bin/python3`` has ``import uno``); the soffice process has a
private throw-away profile.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from toolkit.office import OfficeError, _env, soffice_path

UNO_PYTHON_CANDIDATES = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")

_SCRIPT = r'''
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
def pv(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
soffice, profile, outdir, *files = sys.argv[1:]
pipe = "integritas%d" % os.getpid()
proc = subprocess.Popen([soffice, "-env:UserInstallation=file://" + profile, "--headless", "--invisible",
                         "--norestore", "--nolockcheck", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
ctx = None
for _ in range(600):
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe); break
    except Exception:
        time.sleep(0.1)
if ctx is None:
    proc.kill(); sys.exit("LibreOffice tidak dapat dihubungi")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
try:
    for f in files:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(f)), "_blank", 0,
                                           (pv("Hidden", True),))
        doc.calculateAll()
        out = os.path.join(outdir, os.path.basename(f))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (pv("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        print(out, flush=True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=60)
    except Exception:
        proc.kill()
'''


def uno_python() -> str:
    for candidate in UNO_PYTHON_CANDIDATES:
        if Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, env=_env())
            if probe.returncode == 0:
                return candidate
    raise OfficeError("Python dengan modul 'uno' tidak ditemukan (paket python3-uno).")


def recalculate(files: Sequence[str | Path], outdir: str | Path, *, timeout: int = 600) -> list[Path]:
    """Recalculated copies of ``files`` in ``outdir`` (one LibreOffice process for the batch)."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="integritas-uno-") as tmp:
        script = Path(tmp) / "recalc.py"
        script.write_text(_SCRIPT, encoding="utf-8")
        profile = Path(tmp) / "profile"
        cmd = [uno_python(), str(script), soffice_path(), profile.as_posix(), str(out), *[str(f) for f in files]]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_env())
        except subprocess.TimeoutExpired as exc:
            raise OfficeError(f"LibreOffice tidak selesai menghitung ulang dalam {timeout} detik.") from exc
    produced = [out / Path(f).name for f in files]
    missing = [p for p in produced if not p.exists()]
    if missing or proc.returncode != 0:
        raise OfficeError(f"LibreOffice gagal menghitung ulang {len(missing)} file: {proc.stderr.strip()[-400:]}")
    _ = sys  # keep import for callers that patch sys.executable in tests
    return produced
