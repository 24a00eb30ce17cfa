"""The repo carries copies of the seed documents and the official LKE workbook so that a clone
anywhere runs its tests; where the project's shared/ folder is beside the clone (CI), they must
be identical to it."""

from __future__ import annotations

import hashlib

import pytest

from .conftest import LKE_REFERENCE, SEEDS, SHARED


def _sha(path) -> str:  # type: ignore[no-untyped-def]
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_repo_copies_exist() -> None:
    assert len(list(SEEDS.glob("00*.txt"))) == 5
    assert LKE_REFERENCE.exists()


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="no shared/ beside this clone (only in CI/workspace)")
def test_copies_equal_the_shared_originals() -> None:
    originals = sorted((SHARED / "seeds").glob("*"))
    assert originals
    for original in originals:
        assert _sha(SEEDS / original.name) == _sha(original), original.name
    assert _sha(LKE_REFERENCE) == _sha(SHARED / "reference" / LKE_REFERENCE.name)
