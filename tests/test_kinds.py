"""The workbook kinds: registered once, each with its schema, checks and capabilities."""

from __future__ import annotations

import pytest

from toolkit.errors import EXIT_USAGE, UsageError
from toolkit.kinds.model import WorkbookKind
from toolkit.kinds.registry import (
    CAPABILITIES,
    KIND_PACKAGES,
    MissingCapabilityError,
    all_kinds,
    all_schemas,
    get_kind,
    kinds_with,
    require_capability,
)
from toolkit.schemas import get_schema

EXPECTED = {
    "rencana-aksi-zi": {"report", "evidence", "nota_summary", "recap_score"},
    "tindak-lanjut-spi": {"score", "report", "recap_score"},
    "kalender-integritas": {"score", "report", "evidence", "recap_score"},
    "bos-transaksi": {"inspection"},
    "register-gratifikasi": {"inspection"},
    "register-risiko": {"inspection"},
}


def test_every_registered_package_gives_one_kind_with_its_own_schema() -> None:
    kinds = all_kinds()
    assert len(kinds) == len(KIND_PACKAGES) == len(all_schemas())
    assert [k.name for k in kinds] == list(all_schemas())
    for k in kinds:
        assert isinstance(k, WorkbookKind)
        assert k.schema is all_schemas()[k.name] is get_schema(k.name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_capabilities_per_kind(name: str) -> None:
    kind = get_kind(name)
    assert {c for c in CAPABILITIES if kind.has(c)} == EXPECTED[name]


def test_checks_are_the_schema_rules_in_order_with_their_parameters() -> None:
    for kind in all_kinds():
        assert [c.rule for c in kind.checks] == list(kind.schema.rules), kind.name
        for c in kind.checks:
            assert callable(c.run)
            for s in c.supersedes:
                spec = kind.schema.sheet(s.sheet)
                spec.column(s.column)  # KeyError when the superseded column does not exist


def test_superseded_generic_findings_are_declared_by_the_checks() -> None:
    assert get_kind("tindak-lanjut-spi").superseded() == {("lampiran2", "area_mcp", "WAJIB"),
                                                         ("lampiran1", "waktu", "TIPE")}
    assert get_kind("kalender-integritas").superseded() == {("kalender", "frekuensi", "TIPE")}
    assert get_kind("rencana-aksi-zi").superseded() == frozenset()


def test_names_are_compared_tolerantly_and_unknown_names_list_the_kinds() -> None:
    assert get_kind("Rencana_Aksi ZI").name == "rencana-aksi-zi"
    assert get_kind(get_schema("register-risiko")) is get_kind("register-risiko")
    with pytest.raises(UsageError, match="tidak dikenal; pilihan: rencana-aksi-zi, tindak-lanjut-spi"):
        get_kind("lke-zi-2099")


def test_kinds_with_and_the_uniform_missing_capability_message() -> None:
    assert [k.name for k in kinds_with("inspection")] == ["bos-transaksi", "register-gratifikasi",
                                                         "register-risiko"]
    assert require_capability("kalender-integritas", "report").document == "laporan-kepatuhan"
    with pytest.raises(MissingCapabilityError) as err:
        require_capability("bos-transaksi", "report", path="bos.xlsx")
    assert err.value.exit_code == EXIT_USAGE
    assert err.value.message == ("laporan (integritas surat laporan, tombol Buat Laporan) belum tersedia untuk "
                                 "workbook berjenis 'bos-transaksi'; tersedia untuk: rencana-aksi-zi, "
                                 "tindak-lanjut-spi, kalender-integritas.")
    with pytest.raises(KeyError):
        get_kind("bos-transaksi").has("terbang")
