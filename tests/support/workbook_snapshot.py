"""A workbook's content as plain data, to compare two files by what a person sees.

Used to prove that a regenerated template equals the committed one, and that a
copy we write keeps everything of the original: sheet names and visibility, cell
values, data validations (dropdowns), conditional formats, defined names, merged
cells, frozen panes and sheet protection. Bytes are never compared: zip
timestamps and XML attribute order change without changing the content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook


def _value(v: Any) -> Any:
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    return v


def workbook_snapshot(path: str | Path, *, values: bool = True) -> dict[str, Any]:
    wb = load_workbook(path, data_only=False, keep_vba=str(path).lower().endswith(".xlsm"))
    try:
        snap: dict[str, Any] = {
            "sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
            "defined_names": sorted((name, str(dn.attr_text)) for name, dn in wb.defined_names.items()),
        }
        for ws in wb.worksheets:
            sheet: dict[str, Any] = {
                "freeze": ws.freeze_panes,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "protected": bool(ws.protection.sheet),
                "validations": sorted(
                    (str(dv.sqref), dv.type or "", dv.formula1 or "", dv.formula2 or "", dv.operator or "")
                    for dv in ws.data_validations.dataValidation),
                "conditional": sorted(
                    (str(rng.sqref), rule.type or "", tuple(rule.formula or ()))
                    for rng in ws.conditional_formatting for rule in rng.rules),
                "widths": {k: round(v.width, 2) for k, v in ws.column_dimensions.items() if v.width},
                "print_landscape": ws.page_setup.orientation == "landscape",
            }
            if values:
                cells = {}
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is not None:
                            cells[c.coordinate] = _value(c.value)
                sheet["cells"] = cells
            snap[f"sheet:{ws.title}"] = sheet
        return snap
    finally:
        wb.close()
