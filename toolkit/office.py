"""LibreOffice headless as a real document and spreadsheet client.

Used to convert letters to PDF (one soffice process per batch, or one per core
each with its own user profile), and by tests to prove that what we write opens
in a real office suite. Every call uses a private, throw-away user profile so two
runs never fight over ``~/.config/libreoffice`` and a crashed run leaves nothing
behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from toolkit.errors import ToolkitError

DEFAULT_TIMEOUT = 600


class OfficeError(ToolkitError):
    """LibreOffice is missing or did not produce what was asked."""


def soffice_path() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if Path(candidate).exists():
            return candidate
    raise OfficeError("LibreOffice (soffice) tidak ditemukan. Pasang LibreOffice, mis. "
                      "'apt-get install libreoffice-calc libreoffice-writer', lalu ulangi.")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONHOME", None)
    return env


def convert(files: Sequence[str | Path], target: str, outdir: str | Path, *,
            timeout: int = DEFAULT_TIMEOUT) -> list[Path]:
    """Convert ``files`` with one soffice process; return the produced paths in order.

    ``target`` is a LibreOffice filter spec such as ``"pdf"``, ``"xlsx"`` or
    ``"xlsx:Calc MS Excel 2007 XML"``.
    """
    if not files:
        return []
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    ext = target.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="integritas-lo-") as profile:
        cmd = [soffice_path(), f"-env:UserInstallation=file://{Path(profile).as_posix()}", "--headless",
               "--norestore", "--nolockcheck", "--nodefault", "--convert-to", target,
               "--outdir", str(out), *[str(Path(f)) for f in files]]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_env())
        except subprocess.TimeoutExpired as exc:
            raise OfficeError(f"LibreOffice tidak selesai dalam {timeout} detik.") from exc
    produced = [out / (Path(f).stem + "." + ext) for f in files]
    missing = [p for p in produced if not p.exists()]
    if missing:
        raise OfficeError(
            f"LibreOffice gagal mengonversi {len(missing)} file (mis. {missing[0].name}): "
            f"{(proc.stderr or proc.stdout).strip()[:400]}")
    return produced


def convert_parallel(files: Sequence[str | Path], target: str, outdir: str | Path, *,
                     workers: int | None = None, timeout: int = DEFAULT_TIMEOUT) -> list[Path]:
    """Split ``files`` over ``workers`` soffice processes (default: one per core), each with its own profile."""
    files = list(files)
    if not files:
        return []
    n = max(1, min(workers or os.cpu_count() or 1, len(files)))
    chunks = [files[i::n] for i in range(n)]
    with ThreadPoolExecutor(max_workers=n) as pool:
        results = list(pool.map(lambda chunk: convert(chunk, target, outdir, timeout=timeout), chunks))
    by_name = {p.stem: p for chunk in results for p in chunk}
    return [by_name[Path(f).stem] for f in files]


def pdf_text(pdf: str | Path) -> str:
    """Text of a PDF (poppler's pdftotext, layout kept)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise OfficeError("pdftotext tidak ditemukan (paket poppler-utils).")
    proc = subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise OfficeError(f"pdftotext gagal untuk {pdf}: {proc.stderr.strip()}")
    return proc.stdout
