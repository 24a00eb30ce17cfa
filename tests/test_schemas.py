"""Every workbook kind is declared once and consistently (DESIGN: 'A workbook kind is declared once')."""

from __future__ import annotations

import re

import pytest

from toolkit.errors import UsageError
from toolkit.schemas import ColumnType, all_schemas, get_schema, normalize_header
from toolkit.schemas.common import AREA_PERUBAHAN, IDENTITAS_FIELDS

SCHEMAS = all_schemas()


def test_at_least_the_three_seed_kinds() -> None:
    assert {"rencana-aksi-zi", "tindak-lanjut-spi", "kalender-integritas"} <= set(SCHEMAS)


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_schema_is_consistent(kind: str) -> None:
    schema = SCHEMAS[kind]
    assert re.fullmatch(r"\d+\.\d+", schema.version)
    assert schema.sheets and schema.instructions
    sheet_names = [normalize_header(s.name) for s in schema.sheets]
    assert len(set(sheet_names)) == len(sheet_names)
    for spec in schema.sheets:
        keys = [c.key for c in spec.columns]
        assert len(set(keys)) == len(keys), f"{spec.name}: duplicate column keys"
        headers = [normalize_header(h) for c in spec.columns for h in c.all_headers()]
        assert len(set(headers)) == len(headers), f"{spec.name}: two columns answer to the same header"
        for col in spec.columns:
            if col.type in (ColumnType.CHOICE, ColumnType.MULTI_CHOICE):
                assert col.list_name in schema.lists, f"{spec.name}.{col.key}: list {col.list_name} missing"
        for key in spec.key_columns:
            assert key in keys
    rule_ids = [r.id for r in schema.rules]
    assert len(set(rule_ids)) == len(rule_ids)
    assert all(re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)+", r) for r in rule_ids)
    identitas_keys = [f.key for f in schema.identitas]
    assert {f.key for f in IDENTITAS_FIELDS} <= set(identitas_keys)
    assert schema.main_sheet in [s.key for s in schema.sheets]


def test_rencana_aksi_zi_shape_from_seed_001() -> None:
    schema = get_schema("rencana-aksi-zi")
    plan = schema.sheet("rencana")
    headers = [c.header for c in plan.columns]
    for h in ("Area Perubahan", "No", "Kegiatan", "Output", "PIC", "Status", "Progres (%)", "Referensi Bukti"):
        assert h in headers
    assert [c.header for c in plan.columns if c.group == "Rencana"] == [
        f"Rencana {m}" for m in ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")]
    assert len([c for c in plan.columns if c.group == "Realisasi"]) == 12
    matrix = schema.sheet("komitmen")
    assert [c.header for c in matrix.columns] == [
        "Triwulan", "Fokus", "Area Perubahan", "Output yang Dimonitor", "PIC", "Kewajiban Unggah Evidence"]
    assert schema.lists["area_perubahan"] == AREA_PERUBAHAN and len(AREA_PERUBAHAN) == 6


def test_tindak_lanjut_spi_shape_from_seed_004() -> None:
    schema = get_schema("tindak-lanjut-spi")
    assert [c.header for c in schema.sheet("lampiran1").columns] == [
        "No", "Permasalahan", "Kegiatan", "Tujuan", "Output", "Kriteria dan Ukuran Keberhasilan",
        "Penanggung Jawab", "Waktu Pelaksanaan"]
    l2 = [c.header for c in schema.sheet("lampiran2").columns]
    assert l2[2:] == ["Rekomendasi", "Rencana Aksi", "Area Intervensi MCP", "Kriteria Keberhasilan",
                      "Ukuran Keberhasilan"]
    assert schema.lists["tingkat_risiko"] == ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah")


def test_kalender_shape_from_seed_000() -> None:
    schema = get_schema("kalender-integritas")
    assert [c.header for c in schema.sheet("kalender").columns] == [
        "Kelompok", "No", "Momen Kegiatan", "Frekuensi", "Satuan", "PIC/Pemateri", "Media", "Peserta",
        "Injeksi Materi"]
    assert schema.lists["satuan_periode"] == ("Hari", "Minggu", "Bulan", "Triwulan", "Semester", "Tahunan")
    assert schema.lists["kelompok"] == ("Internal", "Eksternal", "Strategi Komunikasi")
    assert {"tanggal", "no_kegiatan", "jumlah_peserta", "materi", "bukti"} <= set(
        schema.sheet("realisasi").column_keys())


def test_get_schema_is_tolerant_and_strict() -> None:
    assert get_schema("Rencana_Aksi_ZI").kind == "rencana-aksi-zi"
    with pytest.raises(UsageError, match="tidak dikenal"):
        get_schema("laporan-keuangan")
