"""Shared helpers for the tests/test_excel*.py files (not a test module)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from oletools.olevba import VBA_Parser

from toolkit.schemas import get_schema
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import records_as_dicts

REPO = Path(__file__).resolve().parent.parent
ZI_SAMPLE = REPO / "samples" / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"

VML_SHAPE = re.compile(r"<v:shape\b.*?</v:shape>", re.S)


def olevba_modules(path: Path) -> dict[str, str]:
    """Module name (without .bas/.cls) -> source, as oletools' olevba lists them."""
    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code.replace("\r\n", "\n") for _f, _s, name, code in parser.extract_macros()}
    finally:
        parser.close()


def vml_buttons(xlsm: Path, sheet_name: str) -> list[dict[str, Any]]:
    """The form buttons of ``sheet_name``: caption, macro (FmlaMacro) and anchor, read from the package XML."""
    with zipfile.ZipFile(xlsm) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet name="{re.escape(sheet_name)}" sheetId="\d+" r:id="(rId\d+)"', wb)
        assert rid, sheet_name
        target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or \
            re.search(rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
        assert target
        sheet_part = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
        sheet_rels = sheet_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if sheet_rels not in z.namelist():
            return []
        srels = z.read(sheet_rels).decode()
        vml = re.search(r'Target="\.\./drawings/(vmlDrawing\d+\.vml)"', srels)
        if not vml:
            return []
        text = z.read(f"xl/drawings/{vml.group(1)}").decode()
    out = []
    for shape in VML_SHAPE.findall(text):
        if 'ObjectType="Button"' not in shape:
            continue
        caption = re.search(r"<font[^>]*>([^<]*)</font>", shape)
        macro = re.search(r"<x:FmlaMacro>([^<]*)</x:FmlaMacro>", shape)
        anchor = re.search(r"<x:Anchor>([^<]*)</x:Anchor>", shape)
        out.append({"caption": caption.group(1) if caption else None,
                    "macro": macro.group(1) if macro else None,
                    "anchor": [int(x) for x in anchor.group(1).split(",")] if anchor else None})
    return out


def zi_rows_from_sample() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Identitas and rows of the committed rencana-aksi-zi sample (to rebuild it as an .xlsm)."""
    data = open_workbook(ZI_SAMPLE)
    schema = get_schema("rencana-aksi-zi")
    rows = {spec.key: records_as_dicts(data, spec.key) for spec in schema.sheets if spec.key in data.sheets}
    ident = {k: v for k, v in data.identitas.values.items() if v is not None}
    return ident, rows
