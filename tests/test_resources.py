"""Packaged files are found through toolkit.resources only; starters cover every kind (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from toolkit.cli import main
from toolkit.resources import resource_path
from toolkit.schemas import kinds
from toolkit.starters import SHARED_FOLDERS, kind_folders, starter_files

TOOLKIT = REPO / "toolkit"


def test_resource_path_finds_repository_folders_and_package_data() -> None:
    assert resource_path("templates/docx/nota-dinas.docx").is_file()
    assert resource_path("templates/xlsx/vba/Integritas.bas").is_file()
    assert resource_path("data/rules/ppn.yaml").is_file()
    assert resource_path("samples/surat/nota-dinas-nd-1182-pb1-2023.yaml").is_file()
    assert resource_path("data/tidak-ada.yaml") == TOOLKIT / "data" / "tidak-ada.yaml"
    with pytest.raises(ValueError):
        resource_path("../pyproject.toml")


def test_no_module_finds_its_own_files_beside_itself() -> None:
    """``Path(__file__)`` outside toolkit/resources.py is how files went missing from the wheel."""
    offenders = [p.relative_to(REPO).as_posix() for p in sorted(TOOLKIT.rglob("*.py"))
                 if p.name != "resources.py" and re.search(r"Path\(__file__\)|parents\[\d\]", p.read_text("utf-8"))]
    assert offenders == []


def test_every_starter_folder_is_mapped_into_the_wheel() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    folders = [*SHARED_FOLDERS, *(kind for kind, filled in kind_folders().items() if filled)]
    assert len(folders) >= 10
    for folder in folders:
        assert f'"samples/{folder}" = "toolkit/_resources/samples/{folder}"' in pyproject


def test_starters_have_a_filled_workbook_for_every_kind() -> None:
    """A filled ``-valid`` sample where the repository has one, else the kind's empty template."""
    files = starter_files()
    names = {f.relative.as_posix() for f in files}
    for kind in kinds():
        assert any(n.startswith(f"{kind}/") and n.endswith(("-valid.xlsx", f"{kind}-kosong.xlsx")) for n in names), kind
    for f in files:
        assert (f.source is None) == (f.kind is not None) and (f.source is None or f.source.is_file())
    assert not any(n.endswith((".faults.yaml", ".golden.json")) for n in names)


def test_contoh_writes_starters_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "samples"
    first = CliRunner().invoke(main, ["contoh", "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert (out / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml").read_bytes() == \
        (REPO / "samples" / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml").read_bytes()
    assert (out / "rekap" / "kiriman-tw2").is_dir() and (out / "bukti" / "komdigi-2026").is_dir()
    for f in starter_files():
        assert (out / f.relative).is_file(), f.relative
    (out / "surat" / "milik-saya.yaml").write_text("x: 1\n", encoding="utf-8")
    again = CliRunner().invoke(main, ["contoh", "-o", str(out)])
    assert again.exit_code == 3 and "--timpa" in again.output
    forced = CliRunner().invoke(main, ["contoh", "-o", str(out), "--timpa"])
    assert forced.exit_code == 0, forced.output
    assert (out / "surat" / "milik-saya.yaml").read_text(encoding="utf-8") == "x: 1\n"
