"""atomic_output: no half-written files, no shared temp names, never replacing a file it must keep."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest

from toolkit.errors import UnsafeWriteError
from toolkit.workbook.atomic import atomic_output


def test_success_moves_into_place_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "hasil.xlsx"
    with atomic_output(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".xlsx" and tmp != target
        tmp.write_bytes(b"isi")
    assert target.read_bytes() == b"isi"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.xlsx"]


def test_failure_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "hasil.xlsx"
    target.write_bytes(b"lama")
    with pytest.raises(RuntimeError), atomic_output(target, overwrite=True) as tmp:
        tmp.write_bytes(b"setengah")
        raise RuntimeError("writer crashed")
    assert target.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.xlsx"]


def test_existing_file_is_never_replaced_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "workbook-unit.xlsx"
    target.write_bytes(b"milik unit")
    with pytest.raises(UnsafeWriteError, match="sudah ada"), atomic_output(target):
        pass
    assert target.read_bytes() == b"milik unit"


def test_file_appearing_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "hasil.xlsx"
    with pytest.raises(UnsafeWriteError, match="muncul"), atomic_output(target) as tmp:
        tmp.write_bytes(b"kita")
        target.write_bytes(b"proses lain")
    assert target.read_bytes() == b"proses lain"


def _writer(args: tuple[str, int]) -> str:
    target, i = args
    try:
        with atomic_output(target, overwrite=True) as tmp:
            tmp.write_bytes(f"penulis {i}".encode() * 10000)
        return "ok"
    except Exception as exc:  # noqa: BLE001 - reported to the test
        return f"{type(exc).__name__}: {exc}"


def test_eight_processes_writing_one_output(tmp_path: Path) -> None:
    target = tmp_path / "hasil.xlsx"
    with mp.get_context("spawn").Pool(8) as pool:
        results = pool.map(_writer, [(str(target), i) for i in range(8)])
    assert results == ["ok"] * 8
    content = target.read_bytes()
    assert len({content[i:i + 9] for i in range(0, len(content), len(b"penulis 0"))}) == 1  # one writer, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.xlsx"]


def test_free_path_never_returns_a_taken_name(tmp_path: Path) -> None:
    from toolkit.workbook.atomic import free_path

    first = tmp_path / "nota-dinas-KW-ACEH.docx"
    assert free_path(first) == first
    first.write_bytes(b"1")
    assert free_path(first) == tmp_path / "nota-dinas-KW-ACEH (2).docx"
    (tmp_path / "nota-dinas-KW-ACEH (2).docx").write_bytes(b"2")
    assert free_path(first) == tmp_path / "nota-dinas-KW-ACEH (3).docx"
    button = tmp_path / "rencana.nota-dinas.docx"
    button.write_bytes(b"1")
    assert free_path(button, "{stem}-{n}{suffix}") == tmp_path / "rencana.nota-dinas-2.docx"
