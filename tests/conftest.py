"""Shared fixtures. LibreOffice is a real dependency of the suite: missing it fails, never skips."""

from __future__ import annotations

import shutil
from pathlib import Path

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
