"""The inspectorate kinds' checks: each rule's findings come from the kind's analysis.

Every rule id declared in the BOS, gift and risk schemas is found while the analysis
computes taxes, gift decisions and risk levels (``toolkit.inspectorate.analysis``), so
validation does not compute anything again: the engine runs the analysis once (or takes
the one the caller already made, e.g. with a chosen reference date) and hands it to each
check, which keeps its own rule's findings. Nothing is cached between calls.
"""

from __future__ import annotations

from typing import Any

from toolkit.schemas.model import Rule
from toolkit.validation.report import Finding
from toolkit.workbook.reader import WorkbookData


def analysis_findings(data: WorkbookData, rule: Rule, analysis: Any) -> list[Finding]:
    """The findings of ``rule`` in ``analysis`` (a Bos-, Gift- or RiskAnalysis of ``data``)."""
    return [f for f in analysis.findings if f.rule_id == rule.id]
