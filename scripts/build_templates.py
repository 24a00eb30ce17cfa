"""Regenerate templates/xlsx/<kind>.xlsx from the schemas (the committed templates).

    python scripts/build_templates.py
"""

from __future__ import annotations

from pathlib import Path

from toolkit.schemas import all_schemas
from toolkit.workbook.template import build_workbook

OUT = Path(__file__).resolve().parent.parent / "templates" / "xlsx"


def main() -> None:
    for kind, schema in all_schemas().items():
        path = build_workbook(schema, OUT / f"{kind}.xlsx")
        print(f"{path.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
