"""Inspectorate rules of seed 003: BOS taxes and spending rules, gift limits, risk register.

Public API::

    from toolkit.inspectorate import inspect_path
    result = inspect_path("sekolah.xlsx")          # kind from the workbook: BOS, gifts or risks
    result.report                                   # toolkit.validation.report.Report (findings)
    write_inspection_copy("sekolah.xlsx", result)   # <name>.hasil-inspektorat.xlsx, never the input

Lower level: ``taxes`` (``Transaction``, ``compute_transaction``, ``compute_all``, ``TaxRules``),
``gifts`` (``Gift``, ``classify``, ``add_working_days``), ``risk`` (``load_matrix``, ``assess``,
``heatmap_png``), ``analysis`` (one pass over a ``WorkbookData``), ``ruleset`` (dated rules files).
"""

from __future__ import annotations

from typing import Any

from toolkit.inspectorate import inspection

__all__ = ["InspectionResult", "inspect_data", "inspect_path", "write_inspection_copy"]


def __getattr__(name: str) -> Any:  # lazy: keeps `import toolkit.inspectorate.taxes` light
    if name in __all__:
        return getattr(inspection, name)
    raise AttributeError(name)
