"""Scoring and compliance: LKE ZI and the WBK/WBBM verdict, activity-frequency compliance, SPI progress.

Public API (the contract other capabilities code against):

* :func:`score_lke` (path) → :class:`LkeResult`
* :func:`verdict` (result, model="permenpanrb-90-2021") → :class:`Verdict`
* :func:`calendar_compliance` (WorkbookData) → :class:`ComplianceResult`
* :func:`spi_progress` (WorkbookData, as_of) → :class:`SpiProgress`

Every result has ``to_dict()`` returning plain data (JSON-ready) for reports.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ComplianceResult", "LkeResult", "SpiProgress", "Verdict",
    "calendar_compliance", "load_model", "score_lke", "spi_progress", "verdict",
]


def __getattr__(name: str) -> Any:  # lazy: importing toolkit.scoring stays cheap
    if name in ("score_lke", "LkeResult"):
        from toolkit.scoring import lke
        return getattr(lke, name)
    if name in ("verdict", "Verdict"):
        from toolkit.scoring import predikat as mod
        return getattr(mod, "evaluate" if name == "verdict" else name)
    if name == "load_model":
        from toolkit.scoring.models import load_model
        return load_model
    if name in ("calendar_compliance", "ComplianceResult"):
        from toolkit.scoring import compliance as calendar
        return getattr(calendar, name)
    if name in ("spi_progress", "SpiProgress"):
        from toolkit.scoring import spi
        return getattr(spi, name)
    raise AttributeError(name)
