"""The cross-field checks of ``register-gratifikasi``: every rule of the schema is a finding of the inspectorate analysis."""

from __future__ import annotations

from toolkit.inspectorate import validation_rules
from toolkit.kinds.model import Check, check
from toolkit.kinds.register_gratifikasi import SCHEMA

CHECKS: tuple[Check, ...] = tuple(check(SCHEMA, r.id, validation_rules.implementation(r.id)) for r in SCHEMA.rules)
