"""Regenerate templates/xlsx/<kind>.xlsx from the schemas (the committed templates).

    python scripts/build_templates.py
"""

from __future__ import annotations

from pathlib import Path

from toolkit.kinds.registry import get_kind
from toolkit.schemas import all_schemas
from toolkit.workbook.template import build_workbook

OUT = Path(__file__).resolve().parent.parent / "templates" / "xlsx"


def main() -> None:
    for kind, schema in all_schemas().items():
        form = get_kind(kind).form
        if form is not None:  # a fixed form: <kind>.xlsx is the default model, <kind>-<model>.xlsx the others
            for i, model in enumerate(form.models):
                path = form.build_template(OUT / (f"{kind}.xlsx" if i == 0 else f"{kind}-{model}.xlsx"), model=model,
                                           overwrite=True)
                print(f"{path.relative_to(OUT.parent.parent)}")
            continue
        path = build_workbook(schema, OUT / f"{kind}.xlsx")
        print(f"{path.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
