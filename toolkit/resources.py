"""Files the toolkit ships with, found the same way in a wheel, an editable install and a clone.

Everything a command opens that is not the user's own file — the Word templates, the VBA
modules, the rules and scoring data, the starter samples — is looked up here and nowhere
else, so that a ``pip install``-ed toolkit on a staff PC finds exactly what a clone finds.

Names are relative to the repository layout (DESIGN.md): ``templates/docx/nota-dinas.docx``,
``templates/xlsx/vba/Integritas.bas``, ``samples/surat/…``; files inside the package are
named from the package folder: ``data/rules/ppn.yaml``, ``data/evidence/katalog.yaml``.

Where they live:

- in a wheel, the repository folders ``templates/`` and the starter part of ``samples/``
  are mapped into the package as ``toolkit/_resources/templates`` and
  ``toolkit/_resources/samples`` (pyproject: ``[tool.hatch.build.targets.wheel.force-include]``);
- in a clone or an editable install they are the repository's own folders beside
  ``toolkit/``.

A test (``tests/test_wheel.py``) builds the wheel, installs it into a fresh virtualenv and
records every file the commands open from the package: each one is inside the wheel.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGED_DIR = PACKAGE_DIR / "_resources"  # where the wheel puts templates/ and samples/
SOURCE_ROOT = PACKAGE_DIR.parent  # the repository, when running from a clone
REPOSITORY_FOLDERS = ("templates", "samples")


def _candidates(relative: str) -> list[Path]:
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"resource name must be relative and inside the package: {relative!r}")
    if rel.parts and rel.parts[0] in REPOSITORY_FOLDERS:
        return [PACKAGED_DIR / rel, SOURCE_ROOT / rel]
    return [PACKAGE_DIR / rel]


def resource_path(relative: str) -> Path:
    """The path of a shipped file or folder, e.g. ``resource_path("templates/docx/nota-dinas.docx")``.

    Returns the first location that exists (wheel layout first, then the clone's); when none
    does, the wheel location, so that a caller's "tidak ditemukan" message names where the
    file should be.
    """
    candidates = _candidates(relative)
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def is_source_checkout() -> bool:
    """True when running from a clone (or an editable install) rather than an installed wheel."""
    return not PACKAGED_DIR.exists() and (SOURCE_ROOT / "pyproject.toml").is_file()
