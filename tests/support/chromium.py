"""Headless Chromium (Debian's ``chromium``) for tests: one run gives the DOM, a screenshot and a PDF.

``render(page, outdir)`` starts Chromium once with a fresh profile and asks for all three
at once (``--dump-dom``, ``--screenshot``, ``--print-to-pdf``). The network is disabled:
Chromium runs in an empty network namespace (``unshare --net``) when the system allows
it, and in every case with a host-resolver rule that fails every name and a dead proxy,
so a page that needed the internet would show it.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
         "--no-pdf-header-footer", "--hide-scrollbars")


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def offline_prefix() -> list[str]:
    """``unshare --net`` (no network interface at all) when this process may create a namespace."""
    tool = shutil.which("unshare")
    if tool is None:
        return []
    probe = subprocess.run([tool, "--net", "true"], capture_output=True)
    if probe.returncode == 0:
        return [tool, "--net"]
    probe = subprocess.run([tool, "-rn", "true"], capture_output=True)
    return [tool, "-rn"] if probe.returncode == 0 else []


@dataclass
class Rendered:
    dom: str
    screenshot: Path
    pdf: Path
    offline_namespace: bool

    def screenshot_size(self) -> tuple[int, int]:
        with self.screenshot.open("rb") as fh:
            head = fh.read(24)
        assert head[:8] == b"\x89PNG\r\n\x1a\n", "screenshot is not a PNG"
        width, height = struct.unpack(">II", head[16:24])
        return int(width), int(height)


def render(page: Path, outdir: Path, *, window: tuple[int, int] = (1400, 2000), timeout: int = 120) -> Rendered:
    binary = chromium_binary()
    if binary is None:
        raise RuntimeError("chromium tidak terpasang (scripts/setup-env.sh memasangnya)")
    outdir.mkdir(parents=True, exist_ok=True)
    shot, pdf = outdir / f"{page.stem}.png", outdir / f"{page.stem}.pdf"
    prefix = offline_prefix()
    with tempfile.TemporaryDirectory(prefix="integritas-chromium-") as profile:
        cmd = [*prefix, binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}",
               f"--screenshot={shot}", f"--print-to-pdf={pdf}", "--dump-dom", page.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not shot.exists() or not pdf.exists():
        raise RuntimeError(f"chromium gagal ({proc.returncode}): {proc.stderr[-2000:]}")
    return Rendered(proc.stdout, shot, pdf, bool(prefix))
