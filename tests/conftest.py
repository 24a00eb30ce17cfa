"""Shared fixtures. LibreOffice is a real dependency of the suite: missing it fails, never skips."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
TEMPLATES_XLSX = REPO / "templates" / "xlsx"
TEMPLATES_DOCX = REPO / "templates" / "docx"
SHARED = REPO.parent / "shared"  # present beside the clone in CI; tests never require it
SEEDS = SAMPLES / "seeds"
LKE_REFERENCE = SAMPLES / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) harus terpasang untuk test ini; jalankan scripts/test.sh"
    return found


@pytest.fixture(autouse=True)
def _isolated_office(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's kantor.yaml or store (contract: config/data dirs in tmp).

    The XDG folders cover anything else that asks platformdirs/click for the user's folders;
    subprocesses inherit all of it through os.environ. (pip's cache, XDG_CACHE_HOME, is left alone.)
    """
    home = tmp_path_factory.mktemp("pengguna")
    monkeypatch.setenv("INTEGRITAS_KONFIG", str(home / "kantor.yaml"))
    monkeypatch.setenv("INTEGRITAS_DATA", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    for name in ("INTEGRITAS_BASISDATA", "INTEGRITAS_REGISTER", "INTEGRITAS_REKAP_DB"):
        monkeypatch.delenv(name, raising=False)


# -- stores: SQLite and a throw-away PostgreSQL (tests/support/postgres.py) ----------------------------

def _postgres_unavailable(reason: str) -> None:
    """Loud skip on a developer machine; on CI (CI=true) the PostgreSQL tests must run, so fail."""
    import os

    message = f"PostgreSQL tidak dapat dijalankan: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI=true: test PostgreSQL wajib berjalan)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_cluster():  # type: ignore[no-untyped-def]
    """One cluster per test session (per xdist worker), on 127.0.0.1 and a free port, removed at the end."""
    from tests.support.postgres import PostgresUnavailable, start_cluster

    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        _postgres_unavailable(str(exc))
    yield cluster
    cluster.destroy()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store on each backend: a SQLite file in tmp, or a new database in the session's cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'integritas.sqlite'}"
    cluster = request.getfixturevalue("postgres_cluster")
    return str(cluster.create_database())


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """Say plainly whether the PostgreSQL half of the store tests ran (CI output must show it did)."""
    counts: dict[str, int] = {}
    for outcome in ("passed", "failed", "skipped", "error"):
        reports = [r for r in terminalreporter.stats.get(outcome, []) if "postgresql" in getattr(r, "nodeid", "")]
        if reports:
            counts[outcome] = len({r.nodeid for r in reports})
    if counts:
        text = ", ".join(f"{n} {dict(passed='lulus', failed='gagal', skipped='DILEWATI', error='galat')[k]}"
                         for k, n in counts.items())
        terminalreporter.write_line(f"Test basis data PostgreSQL: {text}.", bold=True,
                                    red=bool(counts.get("skipped") or counts.get("failed")))
    _print_recorded_summaries(terminalreporter)


def _print_recorded_summaries(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Text a test recorded for the summary (e.g. the hostile corpus' figures). Printing from a test does not
    reach the terminal under xdist (``-n 2`` in CI); a report's user properties do, from any worker."""
    from tests.support.summary import SUMMARY_PROPERTY

    seen: set[str] = set()
    for outcome in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") != "call" or report.nodeid in seen:
                continue
            texts = [str(v) for k, v in getattr(report, "user_properties", ()) if k == SUMMARY_PROPERTY]
            if texts:
                seen.add(report.nodeid)
                for text in texts:
                    terminalreporter.write_line(text, bold=text.startswith("KORPUS"), red=outcome != "passed")

@pytest.fixture(scope="module", autouse=True)
def _layout_of_produced_documents() -> Iterator[None]:
    """Every letter or report the tests of a module produce: rendered to PDF once (one LibreOffice batch at
    the end of the module) and checked — no page with only the signature block, no command-line words
    (issue 16). Documents written by subprocesses are checked by their own tests."""
    from toolkit.documents import render as render_mod

    produced: list[Path] = []
    original = render_mod.render_prepared

    def recording(*args: Any, **kwargs: Any) -> Any:
        issued = original(*args, **kwargs)
        produced.append(Path(issued.path))
        return issued

    patch = pytest.MonkeyPatch()
    patch.setattr(render_mod, "render_prepared", recording)
    try:
        yield
    finally:
        patch.undo()
    if produced:
        from tests.support.layout import check_documents

        problems = check_documents(produced)
        assert not problems, "\n".join(problems)
