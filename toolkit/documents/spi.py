"""Lampiran I and II of the SPI follow-up letter (seed 004) from a ``tindak-lanjut-spi`` workbook.

Lampiran I: one row per problem (No, Permasalahan, Kegiatan, Tujuan, Output,
Kriteria dan Ukuran Keberhasilan, Penanggung Jawab, Waktu Pelaksanaan).
Lampiran II: the matrix grouped by risk level in the order of seed 004 —
A Risiko Sangat Tinggi, B Risiko Tinggi, C Risiko Sedang, D Risiko Rendah — each
row with Rekomendasi, Rencana Aksi, Area Intervensi MCP, Kriteria and Ukuran
Keberhasilan. A level without rows is left out, the letters follow the levels
that are present.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.documents.kinds import cell_value
from toolkit.errors import UsageError
from toolkit.kinds import tindak_lanjut_spi
from toolkit.schemas.tindak_lanjut_spi import TINGKAT_RISIKO
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import Record, WorkbookData

LAMPIRAN1_KEYS = ("no", "permasalahan", "kegiatan", "tujuan", "output", "kriteria", "penanggung_jawab", "waktu")
LAMPIRAN2_KEYS = ("no", "rekomendasi", "rencana_aksi", "area_mcp", "kriteria", "ukuran")


def _text(value: Any) -> str:
    return str(cell_value(value))


def _row(rec: Record, keys: tuple[str, ...], data: WorkbookData) -> dict[str, str]:
    out = {}
    for key in keys:
        value = rec.values.get(key)
        if value is None:
            value = rec.raw.get(key)
        if value is None and key != "no":
            cell = rec.cells.get(key, "")
            raise UsageError(f"kolom '{key}' kosong; lengkapi sebelum membuat Lampiran.",
                             path=data.path, sheet=rec.sheet, cell=cell)
        out[key] = _text(value)
    return out


def spi_lampiran(data: WorkbookData) -> dict[str, Any]:
    """``lampiran1``, ``lampiran2`` (grouped), and both titles, ready for the surat-dinas template."""
    if data.schema.kind != tindak_lanjut_spi.SCHEMA.kind:
        raise UsageError(f"Lampiran SPI dibuat dari workbook tindak-lanjut-spi, bukan {data.schema.kind}.",
                         path=data.path)
    lampiran1 = [_row(r, LAMPIRAN1_KEYS, data) for r in data.records("lampiran1")]
    by_level: dict[str, list[dict[str, str]]] = {level: [] for level in TINGKAT_RISIKO}
    for rec in data.records("lampiran2"):
        level = rec.values.get("tingkat_risiko")
        if level not in by_level:
            raise UsageError(f"tingkat risiko '{rec.raw.get('tingkat_risiko')}' tidak dikenal (pilih: "
                             f"{', '.join(TINGKAT_RISIKO)}).", path=data.path, sheet=rec.sheet,
                             cell=rec.cells.get("tingkat_risiko"))
        by_level[level].append(_row(rec, LAMPIRAN2_KEYS, data))
    groups: list[dict[str, Any]] = []
    for level in TINGKAT_RISIKO:
        rows = by_level[level]
        if rows:
            groups.append({"kode": "ABCDEFGH"[len(groups)], "judul": f"Risiko {level}", "baris": rows})
    year = data.year
    spi_year = year - 1 if isinstance(year, int) else None
    unit = str(data.identitas.values.get("nama_unit") or "").strip()
    suffix = f" TAHUN {spi_year}" if spi_year else ""
    return {
        "lampiran1": lampiran1,
        "lampiran2": groups,
        "judul_lampiran1": f"RENCANA AKSI TINDAK LANJUT HASIL SURVEI PENILAIAN INTEGRITAS{suffix}",
        "judul_lampiran2": [f"MATRIKS RENCANA AKSI TINDAKLANJUT SPI{suffix}", *([unit.upper()] if unit else [])],
    }


def spi_lampiran_from_path(path: str | Path) -> dict[str, Any]:
    return spi_lampiran(open_workbook(path, kind=tindak_lanjut_spi.SCHEMA.kind))
