"""Review findings of the last round: liveness probe, Indonesian YAML/OS errors, WAL warning."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.config import load_config
from toolkit.errors import UnreadableInputError, UsageError
from toolkit.rules import dated
from toolkit.store.core import wal_warning
from toolkit.workbook import atomic

ENGLISH = re.compile(r"\b(the|not|found|expected|mapping|while|scanning|Errno|Error)\b")


def test_liveness_probe_tells_running_from_ended_processes() -> None:
    assert atomic._process_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not atomic._process_alive(child.pid)


def test_liveness_probe_never_signals_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows signal 0 is CTRL_C_EVENT: os.kill must not be called there."""
    def no_kill(*_a: object) -> None:
        raise AssertionError("os.kill dipanggil di Windows")

    monkeypatch.setattr(atomic.os, "kill", no_kill)
    monkeypatch.setattr(atomic.os, "name", "nt")
    # no kernel32 here: unsure means alive, so the 6-hour age rule decides
    assert atomic._process_alive(999_999) is True


def test_broken_office_config_is_one_indonesian_line(tmp_path: Path) -> None:
    f = tmp_path / "kantor.yaml"
    f.write_text("basisdata: sqlite:///x\n  - : [\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_config(f)
    text = str(info.value)
    assert str(f) in text and re.search(r"baris \d+, kolom \d+", text), text
    assert not ENGLISH.search(info.value.message), text
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(UsageError) as info:
        load_config(folder)
    assert not ENGLISH.search(info.value.message), str(info.value)


def test_broken_rules_file_is_one_indonesian_line(tmp_path: Path) -> None:
    f = tmp_path / "gratifikasi.yaml"
    f.write_text("a: b\nc: [1, 2\n", encoding="utf-8")
    with pytest.raises(UnreadableInputError) as info:
        dated.load_rules("gratifikasi", directory=tmp_path)
    assert re.search(r"baris \d+, kolom \d+", info.value.message), str(info.value)
    assert not ENGLISH.search(info.value.message), str(info.value)


def test_wal_warning_is_indonesian(tmp_path: Path) -> None:
    text = wal_warning(tmp_path / "integritas.sqlite", "delete")
    assert text.startswith("PERINGATAN:") and "WAL" in text and "delete" in text
