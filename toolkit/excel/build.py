"""Build the macro-enabled templates (``<kind>.xlsm``), one per workbook kind.

The workbook itself comes from the same schema-driven writer as the ``.xlsx``
templates (``toolkit.workbook.template.build_workbook``); the ``customize`` hook adds
the button bar on the main sheet and ``vba_project`` the project from
:mod:`toolkit.excel.vba`.

The built ``.xlsm`` files are *not* committed: they contain xlwings' VBA code (a
third-party binary part) and are outputs of this build. ``integritas excel bangun``
writes them, and the tests build them afresh in CI.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from toolkit.errors import UnsafeWriteError
from toolkit.excel.buttons import ButtonSpec, add_button_bar, buttons_for, main_sheet
from toolkit.excel.vba import VBA_DIR, VbaProjectInfo, build_vba_project
from toolkit.schemas import WorkbookSchema, all_schemas, get_schema
from toolkit.workbook.template import build_workbook


@dataclass(frozen=True)
class BuiltTemplate:
    kind: str
    path: Path
    sheet: str  # the sheet that carries the buttons
    buttons: tuple[ButtonSpec, ...]
    vba: VbaProjectInfo


def template_name(kind: str) -> str:
    return f"{kind}.xlsm"


def build_xlsm(schema: WorkbookSchema, dest: str | Path, vba_bin: str | Path, **kwargs: object) -> Path:
    """Write ``schema``'s macro-enabled template to ``dest`` with the VBA project ``vba_bin``.

    ``kwargs`` go to ``build_workbook`` (``identitas=``, ``rows=`` for a filled copy).
    """
    out = Path(dest)
    if out.suffix.lower() != ".xlsm":
        raise UnsafeWriteError("workbook bertombol harus berakhiran .xlsm.", path=out)
    spec = main_sheet(schema)
    buttons = buttons_for(schema)

    def customize(wb: Workbook, sheets: dict[str, Worksheet]) -> None:
        add_button_bar(wb, sheets[spec.key], spec, buttons)

    return build_workbook(schema, out, customize=customize, vba_project=vba_bin, **kwargs)  # type: ignore[arg-type]


def build_templates(outdir: str | Path, kinds: Iterable[str] | None = None, *,
                    vba_dir: Path = VBA_DIR) -> list[BuiltTemplate]:
    """Build ``<kind>.xlsm`` for every kind (or the given ones) into ``outdir``."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    schemas = [get_schema(k) for k in kinds] if kinds else list(all_schemas().values())
    built: list[BuiltTemplate] = []
    with tempfile.TemporaryDirectory(prefix="integritas-xlsm-") as tmp:
        info = build_vba_project(Path(tmp) / "vbaProject.bin", vba_dir=vba_dir)
        for schema in schemas:
            path = build_xlsm(schema, out / template_name(schema.kind), info.path)
            built.append(BuiltTemplate(schema.kind, path, main_sheet(schema).name, buttons_for(schema),
                                       VbaProjectInfo(path, info.xlwings_version, info.modules)))
    return built
