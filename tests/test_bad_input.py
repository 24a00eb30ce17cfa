"""Unreadable input: a clear Indonesian message naming the file, exit code 3, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from toolkit.errors import UnreadableInputError, WrongKindError
from toolkit.workbook import open_workbook

FIXTURES = Path(__file__).parent / "fixtures"


def _make_zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(64):  # 64 MB of zeros in ~64 KB
                fh.write(chunk)


CASES = {
    "xls": (lambda p: p.write_bytes((FIXTURES / "format-lama.xls").read_bytes()), ".xls", "format Excel lama"),
    "xls-renamed": (lambda p: p.write_bytes((FIXTURES / "format-lama.xls").read_bytes()), ".xlsx",
                    "format Excel lama"),
    "password": (lambda p: p.write_bytes((FIXTURES / "terkunci-sandi.xlsx").read_bytes()), ".xlsx",
                 "kata sandi"),
    "corrupt-zip": (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100), ".xlsx", "rusak"),
    "truncated": (lambda p: p.write_bytes((Path(__file__).parent.parent / "templates/xlsx/rencana-aksi-zi.xlsx")
                                          .read_bytes()[:3000]), ".xlsx", "rusak"),
    "pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n%..."), ".xlsx", "PDF"),
    "text": (lambda p: p.write_text("No;Kegiatan\n1;Rapat\n"), ".xlsx", "bukan file Excel"),
    "empty": (lambda p: p.write_bytes(b""), ".xlsx", "kosong"),
    "zip-not-workbook": (lambda p: zipfile.ZipFile(p, "w").writestr("hello.txt", "hi"), ".xlsx",
                         "bukan workbook"),
    "zip-bomb": (_make_zip_bomb, ".xlsx", "bom zip"),
    "missing": (lambda p: None, ".xlsx", "tidak ditemukan"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_unreadable_input_is_refused_clearly(case: str, tmp_path: Path) -> None:
    make, suffix, words = CASES[case]
    path = tmp_path / f"unit-{case}{suffix}"
    make(path)
    with pytest.raises(UnreadableInputError) as err:
        open_workbook(path)
    assert words in err.value.message
    assert str(path) in err.value.describe()


def test_wrong_template_is_named(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Laporan Keuangan"
    wb.active["A1"] = "Neraca"
    path = tmp_path / "keuangan.xlsx"
    wb.save(path)
    with pytest.raises(WrongKindError, match="bukan workbook dari templat"):
        open_workbook(path)
    spi = tmp_path / "spi.xlsx"
    from toolkit.schemas import get_schema
    from toolkit.workbook.template import build_workbook

    build_workbook(get_schema("tindak-lanjut-spi"), spi)
    with pytest.raises(WrongKindError, match="salah templat"):
        open_workbook(spi, kind="rencana-aksi-zi")


@pytest.mark.parametrize("case", ["xls", "password", "corrupt-zip", "zip-bomb"])
def test_cli_exit_code_3_and_no_traceback(case: str, tmp_path: Path) -> None:
    """Through the real CLI: one clear line on stderr and exit 3 (validation's command, when present)."""
    make, suffix, words = CASES[case]
    path = tmp_path / f"unit-{case}{suffix}"
    make(path)
    code = ("import sys; from toolkit.workbook import open_workbook; from toolkit.cli import main;"
            "import click\n"
            "@main.command('baca-uji')\n@click.argument('f')\ndef _b(f):\n    open_workbook(f)\n"
            "main(['baca-uji', sys.argv[1]])")
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert run.returncode == 3, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("Galat: file ") and words in run.stderr
