"""Where PostgreSQL cannot start, the store tests skip loudly — and on CI (CI=true) they fail instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = '''
def test_probe(store_url):
    assert store_url
'''


def test_postgres_missing_skips_with_reason_or_fails_on_ci(tmp_path: Path) -> None:
    # the probe lives outside tests/, so load the real conftest as a plugin
    local = _run_with_plugin(tmp_path, None)
    assert local.returncode == 0, local.stdout + local.stderr
    assert "1 passed, 1 skipped" in local.stdout
    assert "PostgreSQL tidak dapat dijalankan" in local.stdout and "DILEWATI" in local.stdout
    ci = _run_with_plugin(tmp_path, "true")
    assert ci.returncode == 1, ci.stdout + ci.stderr
    assert "CI=true" in ci.stdout and "1 passed" in ci.stdout


def _run_with_plugin(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    repo = Path(__file__).resolve().parent.parent
    test = tmp_path / "test_probe.py"
    test.write_text(PROBE)
    env = dict(os.environ, INTEGRITAS_UJI_PG_BIN=str(tmp_path / "tidak-ada"), PYTHONPATH=str(repo))
    env.pop("CI", None)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-rs",
                           "-p", "tests.conftest", "--rootdir", str(tmp_path), str(test)],
                          capture_output=True, text=True, env=env, cwd=str(tmp_path))
