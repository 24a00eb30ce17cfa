"""Cross-field rules of ``rencana-aksi-zi`` (seed 001: Matriks Rencana Kerja and Matriks Komitmen).

Each function implements one rule id declared in ``toolkit/schemas/rencana_aksi_zi.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from toolkit import indonesian as idn
from toolkit.schemas.common import MONTH_KEYS
from toolkit.schemas.model import Rule, normalize_header
from toolkit.validation.report import Finding
from toolkit.validation.util import at, quote, text_key
from toolkit.workbook.reader import Record, WorkbookData

PLAN = tuple(f"rencana_{k}" for k in MONTH_KEYS)
REAL = tuple(f"realisasi_{k}" for k in MONTH_KEYS)


def _months(rec: Record, keys: tuple[str, ...]) -> list[int]:
    return [i + 1 for i, k in enumerate(keys) if rec.values.get(k) is True]


def _spec(data: WorkbookData, key: str) -> Any:
    return data.schema.sheet(key)


def area_lengkap(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    key = rule.params.get("sheet", "rencana")
    sheet = data.sheets.get(key)
    if sheet is None or "area" not in sheet.layout.columns:
        return
    present = {rec.values.get("area") for rec in sheet.records}
    cell = sheet.layout.cell("area", sheet.layout.header_row)
    for area in rule.params.get("areas", ()):
        if area not in present:
            yield Finding(rule.id, rule.severity, sheet.name, cell, sheet.layout.header_row, "Area Perubahan",
                          area, f"Area Perubahan \"{area}\" belum punya satu kegiatan pun. Rencana ZI harus "
                          "mencakup keenam area (PermenPAN-RB 90/2021); tambahkan minimal satu kegiatan untuk "
                          "area ini.")


def area_alias(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    for key in ("rencana", "komitmen"):
        if key not in data.sheets:
            continue
        spec = _spec(data, key)
        for rec in data.records(key):
            if "area" in rec.alias_used and rec.raw.get("area") is not None:
                yield at(rule, None, rec, spec, "area",
                         f"Area {quote(rec.raw['area'])} ditulis berbeda dari nama resmi "
                         f"\"{rec.values['area']}\". Diterima, tetapi pilih nama resmi dari dropdown agar "
                         "rekap seragam.")


def rencana_ada(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    sheet = data.sheets.get("rencana")
    if sheet is None or not any(k in sheet.layout.columns for k in PLAN):
        return
    spec = sheet.layout.spec
    first_plan = next(k for k in PLAN if k in sheet.layout.columns)
    for rec in sheet.records:
        if not _months(rec, PLAN) and not any(k in rec.problems for k in PLAN):
            yield at(rule, None, rec, spec, "kegiatan" if "kegiatan" in rec.cells else first_plan,
                     f"Kegiatan {quote(rec.raw.get('kegiatan'))} belum punya bulan rencana. Tandai v pada "
                     "minimal satu kolom Rencana Jan–Des.")


def tw_bulan(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    if "komitmen" not in data.sheets or "rencana" not in data.sheets:
        return
    planned: dict[str, set[int]] = {}
    for rec in data.records("rencana"):
        area = rec.values.get("area")
        if area:
            planned.setdefault(area, set()).update(idn.quarter_of_month(m) for m in _months(rec, PLAN))
    spec = _spec(data, "komitmen")
    for rec in data.records("komitmen"):
        tw = idn.parse_quarter(rec.values.get("triwulan"))
        area = rec.values.get("area")
        if tw is None or not area or "area" in rec.problems:
            continue
        if tw not in planned.get(area, set()):
            months = "–".join(idn.MONTHS_SHORT[m - 1] for m in (idn.months_of_quarter(tw)[0],
                                                                 idn.months_of_quarter(tw)[2]))
            yield at(rule, None, rec, spec, "triwulan",
                     f"Komitmen {idn.quarter_label(tw)} untuk area \"{area}\" tidak punya kegiatan di Rencana "
                     f"Kerja yang direncanakan pada {months}. Tandai bulan rencana kegiatan area ini di "
                     f"{idn.quarter_label(tw)} ({months}) atau perbaiki Triwulan komitmen.")


def _norm_fokus(text: object) -> str:
    return normalize_header(str(text or "").replace("&", " dan "))


def tw_fokus(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    fokus = rule.params.get("fokus", {})
    spec = _spec(data, "komitmen")
    for rec in data.records("komitmen"):
        tw = rec.values.get("triwulan")
        expected = fokus.get(tw)
        given = rec.values.get("fokus")
        if expected and given and _norm_fokus(given) != _norm_fokus(expected):
            yield at(rule, None, rec, spec, "fokus",
                     f"Fokus {tw} menurut Matriks Komitmen adalah \"{expected}\", tertulis {quote(given)}. "
                     "Samakan dengan fokus triwulan yang baku.")


def realisasi_sebelum_rencana(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = _spec(data, "rencana")
    for rec in data.records("rencana"):
        plan = _months(rec, PLAN)
        real = _months(rec, REAL)
        if not plan or not real or real[0] >= plan[0] or rec.values.get("keterangan"):
            continue
        yield at(rule, None, rec, spec, REAL[real[0] - 1],
                 f"Realisasi bulan {idn.MONTHS_FULL[real[0] - 1]} mendahului bulan rencana pertama "
                 f"({idn.MONTHS_FULL[plan[0] - 1]}). Jelaskan di kolom Keterangan atau perbaiki bulan rencana.")


def selesai_100(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = _spec(data, "rencana")
    for rec in data.records("rencana"):
        if rec.values.get("progres") != 100 or "progres" in rec.problems:
            continue
        status = rec.values.get("status")
        missing = []
        if status != "Selesai":
            missing.append(f"status masih {quote(status) if status else 'kosong'} (harus Selesai)")
        if not rec.values.get("bukti"):
            missing.append("Referensi Bukti kosong")
        if missing:
            yield at(rule, None, rec, spec, "progres",
                     "Progres 100% tetapi " + " dan ".join(missing) + ". Ubah status menjadi Selesai dan "
                     "sebutkan nama file bukti, atau turunkan progres.")


def selesai_progres(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = _spec(data, "rencana")
    for rec in data.records("rencana"):
        progres = rec.values.get("progres")
        if rec.values.get("status") == "Selesai" and isinstance(progres, (int, float)) and progres != 100 \
                and "progres" not in rec.problems:
            yield at(rule, None, rec, spec, "progres",
                     f"Status Selesai tetapi progres {progres:g}%. Isi progres 100 bila kegiatan sudah "
                     "selesai, atau ubah status menjadi Sedang Berjalan.")


def terlambat(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    """Reference date: Identitas 'Tanggal Pengisian' (not today), so the result is reproducible."""
    as_of = data.identitas.values.get("tanggal_pengisian")
    year = data.year
    if not isinstance(year, int) or not isinstance(as_of, (dt.date, dt.datetime)):
        return
    if as_of.year < year:
        return
    current = 13 if as_of.year > year else as_of.month
    spec = _spec(data, "rencana")
    for rec in data.records("rencana"):
        if rec.values.get("status") in ("Selesai", "Dibatalkan"):
            continue
        real = set(_months(rec, REAL))
        for month in _months(rec, PLAN):
            if month >= current or month in real or REAL[month - 1] not in rec.cells:
                continue
            yield at(rule, None, rec, spec, REAL[month - 1],
                     f"Direncanakan pada {idn.MONTHS_FULL[month - 1]} {year} tetapi sampai tanggal pengisian "
                     f"({idn.format_tanggal(as_of)}) belum ada realisasi bulan itu. Tandai v pada Realisasi "
                     f"{idn.MONTHS_SHORT[month - 1]} bila sudah dilaksanakan, atau jelaskan keterlambatan di "
                     "Keterangan dan perbarui status.")


def duplikat(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = _spec(data, "rencana")
    seen: dict[tuple[str, ...], int] = {}
    for rec in data.records("rencana"):
        if not rec.values.get("kegiatan") or not rec.values.get("area"):
            continue
        key = text_key(rec.values.get("area"), rec.values.get("kegiatan"))
        if key in seen:
            yield at(rule, None, rec, spec, "kegiatan",
                     f"Kegiatan {quote(rec.raw.get('kegiatan'))} pada area \"{rec.values['area']}\" sudah "
                     f"ditulis di baris {seen[key]}. Hapus baris ganda ini atau gabungkan isinya.")
        else:
            seen[key] = rec.row


def no_urut(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = _spec(data, "rencana")
    position: dict[Any, int] = {}
    for rec in data.records("rencana"):
        no = rec.values.get("no")
        area = rec.values.get("area")
        position[area] = expected = position.get(area, 0) + 1  # by position: one stray number, one finding
        if not isinstance(no, int) or "no" in rec.problems:
            continue
        if no != expected:
            yield at(rule, None, rec, spec, "no",
                     f"Nomor {no} pada area \"{area}\" seharusnya {expected} (nomor dalam satu area berurutan "
                     "mulai 1).")
