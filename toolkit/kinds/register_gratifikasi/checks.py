"""The cross-field checks of ``register-gratifikasi``: every rule of the schema is a finding of the kind's analysis."""

from __future__ import annotations

from toolkit.inspectorate.validation_rules import analysis_findings
from toolkit.kinds.model import Check, check
from toolkit.kinds.register_gratifikasi import SCHEMA

CHECKS: tuple[Check, ...] = tuple(check(SCHEMA, r.id, analysis_findings, uses_analysis=True) for r in SCHEMA.rules)
