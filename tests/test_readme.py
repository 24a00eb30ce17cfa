"""The README is a newcomer's page: its commands run and its CLI reference is current."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

README = REPO / "README.md"


def _commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    joined = "\n".join(blocks).replace("\\\n", " ")
    cmds = []
    for line in joined.splitlines():
        line = line.split("  #")[0].strip()
        if line.startswith("integritas "):
            cmds.append(line)
    return cmds


def test_readme_shows_the_main_commands() -> None:
    cmds = _commands()
    for verb in ("validasi", "checklist", "surat", "rekap", "nilai", "inspektorat", "templat"):
        assert any(c.split()[1] == verb for c in cmds), f"README shows no 'integritas {verb}' example"


def test_every_readme_command_runs(tmp_path: Path) -> None:
    """Each example exits 0 (clean) or 1 (findings): never a usage error (2) or a crash (3).

    Run in order from an empty folder, as a pip user reads the page: the first example writes
    the starters (``integritas contoh -o samples``), so every file a later example names must be
    among the starters the package ships.
    """
    env = dict(os.environ)  # kantor.yaml and the office register in the test's own folders (conftest)
    assert _commands()[0] == "integritas contoh -o samples"
    for cmd in _commands():
        args = shlex.split(cmd)[1:]
        run = subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=tmp_path, capture_output=True,
                             text=True, env=env, timeout=300)
        assert run.returncode in (0, 1), f"{cmd}\n{run.stderr[-2000:]}"
        assert "Traceback" not in run.stderr, cmd


def test_cli_reference_is_current() -> None:
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_cli_reference.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
