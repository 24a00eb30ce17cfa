"""The cross-field checks of ``tindak-lanjut-spi``: each rule declared in the schema, joined to its logic.

A check carries its rule (id, severity, parameters) and the generic per-cell findings it
reports more precisely (``supersedes``: those are dropped for that column).
"""

from __future__ import annotations

from toolkit.kinds.model import Check, check
from toolkit.kinds.tindak_lanjut_spi import SCHEMA
from toolkit.validation import report as R
from toolkit.validation import rules_spi as rules

CHECKS: tuple[Check, ...] = (
    check(SCHEMA, "SPI-RISIKO-URUT", rules.risiko_urut),
    check(SCHEMA, "SPI-MCP-ADA", rules.mcp_ada, supersedes=[("lampiran2", "area_mcp", R.WAJIB)]),
    check(SCHEMA, "SPI-WAKTU-TERBACA", rules.waktu_terbaca, supersedes=[("lampiran1", "waktu", R.TIPE)]),
    check(SCHEMA, "SPI-WAKTU-TAHUN", rules.waktu_tahun),
    check(SCHEMA, "SPI-PEMANTAUAN-RUJUKAN", rules.pemantauan_rujukan),
    check(SCHEMA, "SPI-REALISASI-TARGET", rules.realisasi_target),
    check(SCHEMA, "SPI-DUPLIKAT", rules.duplikat),
    check(SCHEMA, "SPI-NO-URUT", rules.no_urut),
)
