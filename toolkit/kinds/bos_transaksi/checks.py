"""The cross-field checks of ``bos-transaksi``: every rule of the schema is a finding of the kind's analysis."""

from __future__ import annotations

from toolkit.inspectorate.validation_rules import analysis_findings
from toolkit.kinds.bos_transaksi import SCHEMA
from toolkit.kinds.model import Check, check

CHECKS: tuple[Check, ...] = tuple(check(SCHEMA, r.id, analysis_findings, uses_analysis=True) for r in SCHEMA.rules)
