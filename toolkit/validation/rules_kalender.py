"""Cross-field rules of ``kalender-integritas`` (seed 000, ToR bagian III: Kalender, Materi Tematik, Realisasi)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from toolkit import indonesian as idn
from toolkit.schemas.model import Rule
from toolkit.validation.report import Finding
from toolkit.validation.util import at, quote, text_key
from toolkit.workbook.reader import WorkbookData


def _calendar(data: WorkbookData) -> dict[tuple[Any, Any], Any]:
    """(kelompok, no) -> satuan of every Kalender activity."""
    return {(rec.values.get("kelompok"), rec.values.get("no")): rec.values.get("satuan")
            for rec in data.records("kalender")}


def frekuensi(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = data.schema.sheet("kalender")
    for rec in data.records("kalender"):
        if "frekuensi" in rec.problems:
            yield at(rule, None, rec, spec, "frekuensi",
                     f"Frekuensi {quote(rec.raw.get('frekuensi'))} tidak berbentuk \"Min 1x\", \"Min 2x\" atau "
                     "\"1x\". Tulis jumlah minimum kali per satuan (kolom Satuan: Hari, Minggu, Bulan, "
                     "Triwulan, Semester, Tahunan).")


def _reference(data: WorkbookData, rule: Rule, sheet_key: str, no_key: str) -> Iterator[Finding]:
    if sheet_key not in data.sheets or "kalender" not in data.sheets:
        return
    known = _calendar(data)
    spec = data.schema.sheet(sheet_key)
    for rec in data.records(sheet_key):
        group, no = rec.values.get("kelompok"), rec.values.get(no_key)
        if group is None or not isinstance(no, int):
            continue
        if (group, no) not in known:
            yield at(rule, None, rec, spec, no_key,
                     f"Kegiatan No {no} kelompok \"{group}\" tidak ada di sheet Kalender. Isi nomor kegiatan "
                     "sesuai kolom No di Kalender (dalam kelompok yang sama).")


def realisasi_rujukan(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    return _reference(data, rule, "realisasi", "no_kegiatan")


def tema_rujukan(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    return _reference(data, rule, "tema", "no_kegiatan")


def tema_satuan(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    if "tema" not in data.sheets:
        return
    known = _calendar(data)
    spec = data.schema.sheet("tema")
    for rec in data.records("tema"):
        periode = rec.values.get("periode")
        satuan = known.get((rec.values.get("kelompok"), rec.values.get("no_kegiatan")))
        if periode is None or satuan is None:
            continue
        # seed 000 names the month of each quarterly theme ("Integritas seorang Pemimpin (Februari)"),
        # so a month is fine for any activity; a quarter label only fits a quarterly (or rarer) one.
        if idn.parse_quarter(periode) is not None and satuan in ("Hari", "Minggu", "Bulan"):
            yield at(rule, None, rec, spec, "no_kegiatan",
                     f"Tema per triwulan ({periode}) untuk kegiatan bersatuan {satuan}. Kegiatan "
                     f"{satuan.lower()}an diberi tema per bulan (mis. Februari); tulis bulannya, atau perbaiki "
                     "Satuan di Kalender bila kegiatan ini triwulanan.")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def realisasi_tahun(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    year = data.year
    if not isinstance(year, int):
        return
    spec = data.schema.sheet("realisasi")
    for rec in data.records("realisasi"):
        d = _date(rec.values.get("tanggal"))
        if d is not None and d.year != year:
            yield at(rule, None, rec, spec, "tanggal",
                     f"Tanggal {idn.format_tanggal(d)} di luar tahun {year} (Identitas). Periksa tahunnya; "
                     "kegiatan tahun lain dicatat di workbook tahun itu.")


def realisasi_masa_depan(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    as_of = _date(data.identitas.values.get("tanggal_pengisian"))
    if as_of is None:
        return
    spec = data.schema.sheet("realisasi")
    for rec in data.records("realisasi"):
        d = _date(rec.values.get("tanggal"))
        if d is not None and d > as_of:
            yield at(rule, None, rec, spec, "tanggal",
                     f"Tanggal {idn.format_tanggal(d)} sesudah tanggal pengisian ({idn.format_tanggal(as_of)}). "
                     "Realisasi hanya dicatat setelah kegiatan dilaksanakan; perbaiki tanggal atau tanggal "
                     "pengisian di Identitas.")


def realisasi_bukti(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    sheet = data.sheets.get("realisasi")
    if sheet is None or "bukti" not in sheet.layout.columns:
        return
    spec = sheet.layout.spec
    for rec in sheet.records:
        if rec.values.get("bukti") is None:
            yield at(rule, None, rec, spec, "bukti",
                     "Bukti kosong. Sebutkan nama file daftar hadir, foto atau materi kegiatan ini.")


def duplikat(data: WorkbookData, rule: Rule) -> Iterator[Finding]:
    spec = data.schema.sheet("kalender")
    seen: dict[tuple[str, ...], int] = {}
    for rec in data.records("kalender"):
        if not rec.values.get("momen") or not rec.values.get("kelompok"):
            continue
        key = text_key(rec.values["kelompok"], rec.values["momen"])
        if key in seen:
            yield at(rule, None, rec, spec, "momen",
                     f"Kegiatan {quote(rec.raw.get('momen'))} sudah ada di kelompok \"{rec.values['kelompok']}\" "
                     f"(baris {seen[key]}). Hapus baris ganda atau gabungkan isinya.")
        else:
            seen[key] = rec.row
