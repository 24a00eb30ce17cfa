"""Validation of unit workbooks: every finding at its cell, in Indonesian, from the kinds.

Public API: ``validate_path(path, expected_kind=None) -> Report``,
``validate_data(data) -> Report``, ``Report``/``Finding``,
``write_results_copy(src, report, dest=None) -> Path``. A kind's cross-field checks are
declared with the kind (``toolkit/kinds/<kind>/checks.py``); their logic for the
action-plan kinds is in ``rules_zi``, ``rules_spi`` and ``rules_kalender``.
"""

from __future__ import annotations

from toolkit.validation.engine import validate_data, validate_path
from toolkit.validation.report import Finding, Report
from toolkit.validation.writeback import write_results_copy

__all__ = ["Finding", "Report", "validate_data", "validate_path", "write_results_copy"]
