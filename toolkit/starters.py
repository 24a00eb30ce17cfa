"""Starter material for a new user: the sample letter data, a filled workbook per kind, a rekap inbox.

A clone has them in ``samples/``; a pip user gets the same folders from the package with
``integritas contoh -o FOLDER``. The folder names are kept, so every example command in the
README works after ``integritas contoh -o samples`` (or with the folder you chose in place of
``samples``). A workbook kind that has no filled sample yet gets its empty template
(``<kind>/<kind>-kosong.xlsx``, the same as ``integritas templat``), so every kind has a starter.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import UnreadableInputError, UnsafeWriteError
from toolkit.resources import resource_path
from toolkit.schemas import get_schema, kinds
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.template import build_workbook

# Folders beside the per-kind ones; each is mapped into the wheel by pyproject
# ([tool.hatch.build.targets.wheel.force-include]), as is samples/<kind> for every kind that has one.
SHARED_FOLDERS: dict[str, str] = {
    "surat": "data naskah (YAML) untuk integritas surat",
    "lke": "LKE ZI resmi (Lampiran III PermenPAN-RB 90/2021)",
    "rekap": "kiriman unit, daftar unit dan pengirim untuk integritas rekap",
    "bukti": "folder bukti (data dukung) satu unit",
}
# test artefacts kept beside the samples in the repository; not starter material
_SKIP_SUFFIXES = (".faults.yaml", ".golden.json")


@dataclass(frozen=True)
class StarterFile:
    source: Path | None  # None: an empty template built from the kind's schema
    relative: Path  # inside the output folder
    kind: str | None = None


def kind_folders() -> dict[str, bool]:
    """Kind -> whether the package has its filled samples (``samples/<kind>/``); else an empty template."""
    return {kind: resource_path(f"samples/{kind}").is_dir() for kind in kinds()}


def starter_folders() -> dict[str, str]:
    """Folder -> what it holds, as ``integritas contoh`` writes them."""
    folders = dict(SHARED_FOLDERS)
    for kind, filled in kind_folders().items():
        folders[kind] = f"workbook {kind}" + (" (valid dan dengan kesalahan)" if filled else
                                               " (templat kosong; belum ada contoh terisi)")
    return folders


def starter_files() -> list[StarterFile]:
    """Every starter file, in a stable order: copies of the shipped samples, or an empty template per kind."""
    files: list[StarterFile] = []
    for folder in SHARED_FOLDERS:
        files.extend(_copies(folder))
    for kind, filled in kind_folders().items():
        if filled:
            files.extend(_copies(kind))
        else:
            files.append(StarterFile(None, Path(kind) / f"{kind}-kosong.xlsx", kind))
    return files


def _copies(folder: str) -> list[StarterFile]:
    root = resource_path(f"samples/{folder}")
    if not root.is_dir():
        raise UnreadableInputError("contoh bawaan tidak ada di paket (pasang ulang integritas-toolkit).", path=root)
    return [StarterFile(p, Path(folder) / p.relative_to(root)) for p in _walk(root)]


def _walk(root: Path) -> Iterator[Path]:
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.name.endswith(_SKIP_SUFFIXES) and "__pycache__" not in p.parts:
            yield p


def write_starters(outdir: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Copy the starter folders into ``outdir``; refuses before writing anything if a file exists.

    Files already in ``outdir`` that are not starters are never touched.
    """
    out = Path(outdir)
    files = starter_files()
    if not overwrite:
        taken = [out / f.relative for f in files if (out / f.relative).exists()]
        if taken:
            raise UnsafeWriteError(f"{len(taken)} file contoh sudah ada di folder ini (mis. {taken[0].name}); "
                                   "pakai --timpa untuk menimpanya atau pilih folder lain.", path=out)
    written: list[Path] = []
    for f in files:
        target = out / f.relative
        with atomic_output(target, overwrite=overwrite) as tmp:
            if f.source is not None:
                shutil.copyfile(f.source, tmp)
            else:
                build_workbook(get_schema(str(f.kind)), tmp)
        written.append(target)
    return written
