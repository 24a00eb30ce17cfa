"""Every result file gets the permissions the umask gives a new file (issue 12).

The temp-file-then-rename path (``toolkit.workbook.atomic``) used to leave ``-rw-------``
files: colleagues on a shared folder could not open a letter or REKAP.xlsx. Each writer is
run for real under umask 022 and 027 and every file it wrote is checked.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLES
from tests.support.office import configure_office, simple_office
from toolkit.cli import main
from toolkit.workbook.atomic import atomic_output, current_umask, new_file_mode


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output


def _modes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): oct(stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("umask", [0o022, 0o027], indirect=True, ids=["umask022", "umask027"])
def test_umask_is_read_without_changing_it(umask: int) -> None:
    assert current_umask() == umask
    assert current_umask() == umask
    assert new_file_mode() == 0o666 & ~umask


@pytest.mark.parametrize("umask", [0o022, 0o027], indirect=True, ids=["umask022", "umask027"])
def test_atomic_output_follows_umask_for_new_and_replaced_files(umask: int, tmp_path: Path) -> None:
    target = tmp_path / "hasil.xlsx"
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"satu")  # writes into the mkstemp file (0600) itself
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    os.chmod(target, 0o600)
    with atomic_output(target, overwrite=True) as tmp:
        tmp.write_bytes(b"dua")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.libreoffice
@pytest.mark.parametrize("umask", [0o022, 0o027], indirect=True, ids=["umask022", "umask027"])
def test_every_writer_follows_umask(umask: int, tmp_path: Path) -> None:
    out = tmp_path / "keluaran"
    out.mkdir()
    register = out / "register-nomor.sqlite"
    # letters: .docx and PDF, the office's register (created by 'kantor buat'), its .xlsx export
    configure_office(tmp_path / "kantor", simple_office("PB.1"), register=str(register))
    _run("surat", "nota-dinas", "-d", str(SAMPLES / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml"),
         "-o", str(out / "nd.docx"), "--pdf", "--register", str(register))
    _run("surat", "daftar", "--register", str(register), "--xlsx", str(out / "register.xlsx"))
    # validation copy (.hasil.xlsx beside the workbook)
    shutil.copy(SAMPLES / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx", out / "ra.xlsx")
    os.chmod(out / "ra.xlsx", 0o666 & ~umask)
    _run("validasi", str(out / "ra.xlsx"), "--tulis-hasil")
    # checklist copy and its manifest
    _run("checklist", str(SAMPLES / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"),
         "--bukti", str(SAMPLES / "bukti" / "komdigi-2026"), "-o", str(out / "ra.checklist.xlsx"))
    # REKAP.xlsx
    _run("rekap", str(SAMPLES / "rekap" / "kiriman-tw2"), "--daftar-unit", str(SAMPLES / "rekap" / "daftar-unit.xlsx"),
         "-o", str(out / "REKAP.xlsx"), "--tanpa-riwayat", "--tanpa-progres", "--proses", "1")
    # the macro-enabled template and the starters
    _run("excel", "bangun", "-o", str(out / "xlsm"), "--jenis", "rencana-aksi-zi")
    _run("contoh", "-o", str(out / "contoh"))

    modes = _modes(out)
    for expected in ("nd.docx", "nd.pdf", "register.xlsx", "ra.hasil.xlsx", "ra.checklist.xlsx",
                     "ra.checklist.manifest.json", "REKAP.xlsx", "xlsm/rencana-aksi-zi.xlsm",
                     "contoh/surat/nota-dinas-nd-1182-pb1-2023.yaml"):
        assert expected in modes, sorted(modes)
    want = oct(0o666 & ~umask)
    wrong = {name: mode for name, mode in modes.items() if mode != want}
    assert not wrong, f"expected {want} for every output: {wrong}"
