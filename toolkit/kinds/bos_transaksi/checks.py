"""The cross-field checks of ``bos-transaksi``: every rule of the schema is a finding of the inspectorate analysis."""

from __future__ import annotations

from toolkit.inspectorate import validation_rules
from toolkit.kinds.bos_transaksi import SCHEMA
from toolkit.kinds.model import Check, check

CHECKS: tuple[Check, ...] = tuple(check(SCHEMA, r.id, validation_rules.implementation(r.id)) for r in SCHEMA.rules)
