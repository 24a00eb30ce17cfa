"""The cross-field checks of ``rencana-aksi-zi``: each rule declared in the schema, joined to its logic.

A check carries its rule (id, severity, parameters) and the generic per-cell findings it
reports more precisely (``supersedes``: those are dropped for that column).
"""

from __future__ import annotations

from toolkit.kinds.model import Check, check
from toolkit.kinds.rencana_aksi_zi import SCHEMA
from toolkit.validation import rules_zi as rules

CHECKS: tuple[Check, ...] = (
    check(SCHEMA, "ZI-AREA-LENGKAP", rules.area_lengkap),
    check(SCHEMA, "ZI-AREA-ALIAS", rules.area_alias),
    check(SCHEMA, "ZI-RENCANA-ADA", rules.rencana_ada),
    check(SCHEMA, "ZI-TW-BULAN", rules.tw_bulan),
    check(SCHEMA, "ZI-TW-FOKUS", rules.tw_fokus),
    check(SCHEMA, "ZI-REALISASI-SEBELUM-RENCANA", rules.realisasi_sebelum_rencana),
    check(SCHEMA, "ZI-SELESAI-100", rules.selesai_100),
    check(SCHEMA, "ZI-SELESAI-PROGRES", rules.selesai_progres),
    check(SCHEMA, "ZI-TERLAMBAT", rules.terlambat),
    check(SCHEMA, "ZI-DUPLIKAT", rules.duplikat),
    check(SCHEMA, "ZI-NO-URUT", rules.no_urut),
)
