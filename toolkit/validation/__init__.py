"""Validation of unit workbooks: every finding at its cell, in Indonesian, from the schemas.

Public API (see the shared brief):
``validate_path(path, expected_kind=None) -> Report``, ``validate_data(data) -> Report``,
``Report``/``Finding``, ``write_results_copy(src, report, dest=None) -> Path``, and the
rule plug-in registry (``cross_rule``, ``RULE_MODULES``).
"""

from __future__ import annotations

from typing import Any

from toolkit.validation.registry import RULE_MODULES, CrossRule, cross_rule
from toolkit.validation.report import Finding, Report

__all__ = ["RULE_MODULES", "CrossRule", "Finding", "Report", "cross_rule", "validate_data",
           "validate_path", "write_results_copy"]


def __getattr__(name: str) -> Any:  # lazy: the engine imports the rule modules
    if name in ("validate_path", "validate_data"):
        from toolkit.validation import engine
        return getattr(engine, name)
    if name == "write_results_copy":
        from toolkit.validation import writeback
        return writeback.write_results_copy
    raise AttributeError(name)
