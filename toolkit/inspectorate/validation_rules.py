"""Validation plug-ins for the inspectorate kinds (listed in ``toolkit.validation.registry.RULE_MODULES``).

Each rule id declared in ``bos-transaksi``, ``register-gratifikasi`` and ``register-risiko`` is
registered here; all of a kind's rules share one analysis of the workbook (cached for the
``WorkbookData`` object being validated), so validating runs the tax/gift/risk computation once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from toolkit.inspectorate import analysis
from toolkit.kinds import bos_transaksi, register_gratifikasi, register_risiko
from toolkit.schemas.model import Rule
from toolkit.validation.registry import cross_rule, registered_rules
from toolkit.validation.report import Finding
from toolkit.workbook.reader import WorkbookData

_cache: dict[tuple[str, int], tuple[WorkbookData, list[Finding]]] = {}


def _findings(kind: str, data: WorkbookData, compute: Callable[[WorkbookData], Any]) -> list[Finding]:
    key = (kind, id(data))
    hit = _cache.get(key)
    if hit is not None and hit[0] is data:
        return hit[1]
    if len(_cache) > 8:
        _cache.clear()
    found = list(compute(data).findings)
    _cache[key] = (data, found)
    return found


def prime(kind: str, data: WorkbookData, findings: list[Finding]) -> None:
    """Use ``findings`` (already computed, e.g. with a chosen reference date) for ``data``'s rules."""
    if len(_cache) > 8:
        _cache.clear()
    _cache[(kind, id(data))] = (data, list(findings))


def _register(kind: str, rule_ids: tuple[str, ...], compute: Callable[[WorkbookData], Any]) -> None:
    for rule_id in rule_ids:
        def implementation(data: WorkbookData, rule: Rule, _id: str = rule_id) -> Iterable[Finding]:
            return [f for f in _findings(kind, data, compute) if f.rule_id == _id]

        implementation.__qualname__ = f"inspectorate_{rule_id.replace('-', '_').lower()}"
        cross_rule(rule_id)(implementation)


def implementation(rule_id: str) -> Callable[[WorkbookData, Rule], Iterable[Finding]]:
    """The registered check function of ``rule_id`` (the kinds' ``checks.py`` join it to the schema)."""
    found = registered_rules().get(rule_id)
    if found is None:
        raise KeyError(rule_id)
    return found


_register(bos_transaksi.SCHEMA.kind, (
    "BOS-PAJAK-SELISIH", "BOS-FISIK", "BOS-FISIK-URAIAN", "BOS-HONOR-KOMITE", "BOS-BENDAHARA-TU",
    "BOS-NPWP-KOSONG", "BOS-KUALIFIKASI-KOSONG", "BOS-STATUS-PENERIMA", "BOS-TARIF-TIDAK-ADA", "BOS-TAHUN",
), analysis.analyse_bos)
_register(register_gratifikasi.SCHEMA.kind, (
    "GRAT-WAJIB-LAPOR", "GRAT-TERLAMBAT", "GRAT-LAPOR-TERLAMBAT", "GRAT-LAPOR-TIDAK-LENGKAP", "GRAT-TAHUN",
), analysis.analyse_gifts)
_register(register_risiko.SCHEMA.kind, (
    "RISIKO-RTP-PRIORITAS", "RISIKO-RTP-RUJUKAN", "RISIKO-LEVEL-SELISIH", "RISIKO-KODE-DUPLIKAT",
), analysis.analyse_risks)
