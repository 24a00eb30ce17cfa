"""The cross-field checks of ``kalender-integritas``: each rule declared in the schema, joined to its logic.

A check carries its rule (id, severity, parameters) and the generic per-cell findings it
reports more precisely (``supersedes``: those are dropped for that column).
"""

from __future__ import annotations

from toolkit.kinds.kalender_integritas import SCHEMA
from toolkit.kinds.model import Check, check
from toolkit.validation import report as R
from toolkit.validation import rules_kalender as rules

CHECKS: tuple[Check, ...] = (
    check(SCHEMA, "KAL-FREKUENSI", rules.frekuensi, supersedes=[("kalender", "frekuensi", R.TIPE)]),
    check(SCHEMA, "KAL-REALISASI-RUJUKAN", rules.realisasi_rujukan),
    check(SCHEMA, "KAL-TEMA-RUJUKAN", rules.tema_rujukan),
    check(SCHEMA, "KAL-TEMA-SATUAN", rules.tema_satuan),
    check(SCHEMA, "KAL-REALISASI-TAHUN", rules.realisasi_tahun),
    check(SCHEMA, "KAL-REALISASI-MASA-DEPAN", rules.realisasi_masa_depan),
    check(SCHEMA, "KAL-REALISASI-BUKTI", rules.realisasi_bukti),
    check(SCHEMA, "KAL-DUPLIKAT", rules.duplikat),
)
