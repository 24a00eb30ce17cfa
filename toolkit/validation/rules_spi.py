"""Cross-field rules of ``tindak-lanjut-spi`` (seed 004: Lampiran I, Lampiran II, Pemantauan)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from toolkit import indonesian as idn
from toolkit.schemas.model import Rule
from toolkit.validation.report import Finding
from toolkit.validation.util import at, quote, text_key
from toolkit.workbook.reader import WorkbookData


def risiko_urut(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    order = list(rule.params.get("order", ()))
    spec = data.schema.sheet("lampiran2")
    highest = -1
    previous = None
    for rec in data.records("lampiran2"):
        level = rec.values.get("tingkat_risiko")
        if level not in order:
            continue
        index = order.index(level)
        starts_group = level != previous
        previous = level
        if index < highest and starts_group:  # once per misplaced group, at its first row
            yield at(rule, None, rec, spec, "tingkat_risiko",
                     f"Tingkat risiko \"{level}\" muncul setelah kelompok \"{order[highest]}\". Urutkan "
                     "Lampiran II per kelompok: " + ", ".join(order) + " (pindahkan kelompok ini ke tempatnya).")
        highest = max(highest, index)


def mcp_ada(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = data.schema.sheet("lampiran2")
    sheet = data.sheets.get("lampiran2")
    if sheet is None or "area_mcp" not in sheet.layout.columns:
        return
    for rec in sheet.records:
        if rec.raw.get("area_mcp") is None:
            yield at(rule, None, rec, spec, "area_mcp",
                     "Area Intervensi MCP kosong. Setiap rencana aksi harus menyebut minimal satu area MCP "
                     "KPK (mis. Area Pelayanan Publik; pisahkan beberapa area dengan titik koma).")


def waktu_terbaca(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = data.schema.sheet("lampiran1")
    for rec in data.records("lampiran1"):
        raw = rec.raw.get("waktu")
        if raw is None:
            continue
        if not idn.parse_period_months(raw, default_year=None):
            yield at(rule, None, rec, spec, "waktu",
                     f"Waktu Pelaksanaan {quote(raw)} tidak menyebut bulan dan tahun. Tulis mis. \"Mei 2024\" "
                     "atau \"Januari - Desember 2024\".")


def waktu_tahun(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    year = data.year
    if not isinstance(year, int):
        return
    spec = data.schema.sheet("lampiran1")
    for rec in data.records("lampiran1"):
        months = idn.parse_period_months(rec.raw.get("waktu"), default_year=None)
        other = sorted({y for y, _m in months if y != year})
        if other:
            yield at(rule, None, rec, spec, "waktu",
                     f"Waktu Pelaksanaan {quote(rec.raw.get('waktu'))} jatuh pada tahun "
                     f"{', '.join(map(str, other))}, bukan tahun tindak lanjut {year} (Identitas). "
                     "Periksa tahunnya.")


def pemantauan_rujukan(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    if "pemantauan" not in data.sheets or "lampiran1" not in data.sheets:
        return
    known = {rec.values.get("no") for rec in data.records("lampiran1")}
    spec = data.schema.sheet("pemantauan")
    for rec in data.records("pemantauan"):
        no = rec.values.get("no_kegiatan")
        if isinstance(no, int) and no not in known:
            yield at(rule, None, rec, spec, "no_kegiatan",
                     f"No Kegiatan {no} tidak ada di Lampiran I. Isi nomor kegiatan sesuai kolom No di "
                     "Lampiran I.")


def realisasi_target(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = data.schema.sheet("pemantauan")
    for rec in data.records("pemantauan"):
        target, real = rec.values.get("target"), rec.values.get("realisasi")
        if isinstance(target, (int, float)) and isinstance(real, (int, float)) and real > target:
            yield at(rule, None, rec, spec, "realisasi",
                     f"Realisasi {real:g} melebihi target {target:g}. Periksa kembali angka realisasi atau "
                     "target.")


def duplikat(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = data.schema.sheet("lampiran1")
    seen: dict[tuple[str, ...], int] = {}
    for rec in data.records("lampiran1"):
        if not rec.values.get("permasalahan") or not rec.values.get("kegiatan"):
            continue
        key = text_key(rec.values["permasalahan"], rec.values["kegiatan"])
        if key in seen:
            yield at(rule, None, rec, spec, "kegiatan",
                     f"Permasalahan dan kegiatan ini sama dengan baris {seen[key]}. Hapus baris ganda atau "
                     "gabungkan isinya.")
        else:
            seen[key] = rec.row


def no_urut(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    for key, group_key in (("lampiran1", None), ("lampiran2", "tingkat_risiko")):
        if key not in data.sheets:
            continue
        spec = data.schema.sheet(key)
        position: dict[Any, int] = {}
        for rec in data.records(key):
            no = rec.values.get("no")
            group = rec.values.get(group_key) if group_key else None
            position[group] = expected = position.get(group, 0) + 1  # by position: one stray number, one finding
            if not isinstance(no, int) or "no" in rec.problems:
                continue
            if no != expected:
                where = f" pada kelompok \"{group}\"" if group_key else ""
                yield at(rule, None, rec, spec, "no",
                         f"Nomor {no}{where} seharusnya {expected} (nomor berurutan mulai 1).")
