"""Libraries whose private parts we use have an upper bound that the tested version satisfies (issue 12).

Moving a pin (README, "Versi dependensi"): raise the bound in pyproject.toml and the version in
requirements/constraints.txt together, reinstall (scripts/setup-env.sh), and run the guarding test
named below; this test fails when the two files disagree or a bound is dropped.
"""

from __future__ import annotations

import re
from importlib import metadata

import pytest
import tomllib
from packaging.requirements import Requirement

from tests.conftest import REPO

# distribution -> (what of it we rely on, the test that guards it)
INTERNALS = {
    "docxtpl": ("documents/engine.py: DocxTemplate.patch_xml pipeline", "tests/test_documents_golden.py"),
    "xlsxwriter": ("rekap/fastsheet.py: Worksheet._write_single_row, _write_string, _write_number, "
                   "Format._get_xf_index", "tests/test_rekap_fastsheet.py"),
    "python-calamine": ("workbook/reader.py: the Python types of cell values (pre-1.0)", "tests/test_reader.py"),
    "xlwings": ("excel/vba.py: quickstart_standalone.xlsm and the VBA module's version", "tests/test_excel_build.py"),
    "pyopenvba": ("excel/vba.py: rewriting vbaProject.bin", "tests/test_excel_build.py"),
}


def _requirements() -> dict[str, Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    return {re.sub(r"[-_.]+", "-", r.name).lower(): r for r in reqs}


def _constraints() -> dict[str, str]:
    out = {}
    for line in (REPO / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            out[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return out


@pytest.mark.parametrize("dist", sorted(INTERNALS))
def test_internals_have_an_upper_bound_that_the_tested_version_meets(dist: str) -> None:
    req = _requirements()[dist]
    assert any(s.operator in ("<", "<=", "==", "~=") for s in req.specifier), f"{req} has no upper bound"
    tested = _constraints()[dist]
    assert req.specifier.contains(tested), f"constraints pin {dist}=={tested} outside {req.specifier}"
    installed = metadata.version(dist)
    assert installed == tested, f"{dist} {installed} installed, constraints say {tested}: run scripts/setup-env.sh"
    assert (REPO / INTERNALS[dist][1]).is_file()
