"""The office (kantor): its name, unit code, classification codes, number formats, default signatory.

Kept in the office configuration file (``kantor.yaml``, see ``toolkit.config``: the user config
folder, or ``$INTEGRITAS_KONFIG``), written by ``integritas kantor buat`` and shown by
``integritas kantor tampil``::

    kantor:
      nama: Inspektorat Daerah Provinsi Nusa Tenggara Timur
      kode_unit: ITDA
    klasifikasi:            # kode klasifikasi arsip yang dipakai kantor
      "000.1": Ketatausahaan dan Kerumahtanggaan
      "700.1": Pengawasan
    format_nomor:           # per jenis naskah (Tata Naskah Dinas)
      nota-dinas: "ND-{urut}/{kode_unit}/{klasifikasi}/{bulan_romawi}/{tahun}"
      surat-dinas: "{keamanan}-{urut}/{kode_unit}/{klasifikasi}/{tahun}"
    penandatangan: {jabatan: "Inspektur Daerah,", nama: …, nip: "…"}
    ttd: basah              # or: elektronik (TTE with a BSrE certificate)
    kop: {hierarki: […], alamat: […], telepon: …}
    basisdata: sqlite:///D:/arsip/integritas.sqlite   # the register (toolkit.store)

Number format fields: ``{urut}`` (running number, may be padded ``{urut:03d}``), ``{tahun}``,
``{bulan}``, ``{bulan_romawi}``, ``{kode_unit}`` (filled in from the office), ``{klasifikasi}``
(the letter's archive classification code, one of the office's codes) and ``{keamanan}`` (the
security classification of Tata Naskah Dinas: B biasa, T terbatas, R rahasia, SR sangat rahasia;
from the letter's ``keamanan`` or its ``sifat``). There is no built-in format: a kind of letter
without a format is not numbered (the sample's ``PB.1`` of the Treasury never leaks into another
office's letters).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.config import config_path, load_config
from toolkit.errors import UsageError

NUMBER_FIELDS = ("urut", "tahun", "bulan", "bulan_romawi", "kode_unit", "klasifikasi", "keamanan", "kode")
LETTER_PARTS = ("klasifikasi", "keamanan", "kode")  # filled per letter
KEAMANAN = {"biasa": "B", "terbatas": "T", "rahasia": "R", "sangat rahasia": "SR"}
SUGGESTED_FORMATS = {
    "nota-dinas": "ND-{urut}/{kode_unit}/{klasifikasi}/{bulan_romawi}/{tahun}",
    "surat-dinas": "{keamanan}-{urut}/{kode_unit}/{klasifikasi}/{tahun}",
    "laporan-monev": "LAP-{urut}/{kode_unit}/{tahun}",
    "laporan-kepatuhan": "LAP-{urut}/{kode_unit}/{tahun}",
    "laporan-spi": "LAP-{urut}/{kode_unit}/{tahun}",
}
TTD_CHOICES = ("basah", "elektronik")
KNOWN_KEYS = ("kantor", "klasifikasi", "format_nomor", "penandatangan", "ttd", "kop", "basisdata")


def format_fields(pattern: str) -> set[str]:
    try:
        return {f for _t, f, _s, _c in string.Formatter().parse(pattern) if f is not None}
    except ValueError as exc:
        raise UsageError(f"format nomor '{pattern}' tidak sah: kurung kurawal tidak berpasangan ({exc}).") from exc


def check_format(kind: str, pattern: str, kode_unit: str) -> str:
    """``pattern`` with ``{kode_unit}`` filled in; UsageError when it cannot number this office's letters."""
    names = format_fields(pattern)
    unknown = names - set(NUMBER_FIELDS)
    if unknown:
        raise UsageError(f"format nomor {kind} '{pattern}' memuat isian tidak dikenal: {', '.join(sorted(unknown))} "
                         f"(yang boleh: {', '.join('{' + f + '}' for f in NUMBER_FIELDS)}).")
    for need in ("urut", "tahun"):
        if need not in names:
            raise UsageError(f"format nomor {kind} '{pattern}' harus memuat {{{need}}} (nomor urut dimulai lagi "
                             "setiap tahun).")
    filled = pattern.replace("{kode_unit}", kode_unit)
    if kode_unit not in filled:
        raise UsageError(f"format nomor {kind} '{pattern}' tidak memuat kode unit kantor ini ({kode_unit}); tulis "
                         "{kode_unit} di formatnya — nomor tidak boleh memakai kode kantor lain.")
    return filled


@dataclass(frozen=True)
class Office:
    """The office settings of ``kantor.yaml`` (validated)."""

    nama: str
    kode_unit: str
    klasifikasi: dict[str, str] = field(default_factory=dict)
    format_nomor: dict[str, str] = field(default_factory=dict)  # kind -> pattern, {kode_unit} filled in
    penandatangan: dict[str, Any] = field(default_factory=dict)
    ttd: str | None = None
    kop: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def letter_defaults(self) -> dict[str, Any]:
        """What a letter takes from the office when its data does not say it."""
        out: dict[str, Any] = {}
        if self.kop:
            out["kop"] = dict(self.kop)
        if self.penandatangan:
            out["penandatangan"] = dict(self.penandatangan)
        if self.ttd:
            out["ttd"] = self.ttd
        return out

    def apply_defaults(self, data: dict[str, Any]) -> None:
        """The office's kop, default signatory and signature kind, where the letter's data says nothing."""
        for key, value in self.letter_defaults().items():
            if key == "ttd" and data.get("tte") is not None:
                continue
            data.setdefault(key, value)

    def to_yaml_dict(self, basisdata: str | None = None) -> dict[str, Any]:
        raw: dict[str, Any] = {"kantor": {"nama": self.nama, "kode_unit": self.kode_unit}}
        if self.klasifikasi:
            raw["klasifikasi"] = dict(self.klasifikasi)
        raw["format_nomor"] = {k: v.replace(self.kode_unit, "{kode_unit}") for k, v in self.format_nomor.items()}
        if self.penandatangan:
            raw["penandatangan"] = dict(self.penandatangan)
        if self.ttd:
            raw["ttd"] = self.ttd
        if self.kop:
            raw["kop"] = dict(self.kop)
        if basisdata:
            raw["basisdata"] = basisdata
        return raw


def office_from_mapping(raw: Mapping[str, Any], path: Path | None = None) -> Office:
    """Validate the office part of ``kantor.yaml`` (one Indonesian line per problem, naming the key)."""
    import difflib

    for key in raw:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            hint = f"; mungkin maksudnya '{close[0]}'?" if close else f" (yang dikenal: {', '.join(KNOWN_KEYS)})"
            raise UsageError(f"kunci '{key}' tidak dikenal di konfigurasi kantor{hint}", path=path)
    office = raw.get("kantor")
    if not isinstance(office, Mapping):
        raise UsageError("konfigurasi kantor belum berisi 'kantor:' dengan nama dan kode_unit; buat dengan "
                         "'integritas kantor buat'.", path=path)
    nama = str(office.get("nama") or "").strip()
    kode = str(office.get("kode_unit") or "").strip()
    if not nama or not kode:
        raise UsageError("'kantor.nama' dan 'kantor.kode_unit' wajib diisi.", path=path)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,29}", kode):
        raise UsageError(f"kode unit '{kode}' tidak sah: huruf, angka, titik atau tanda hubung, tanpa spasi "
                         "(mis. ITDA, PB.1).", path=path)
    klas_raw = raw.get("klasifikasi") or {}
    if isinstance(klas_raw, list):
        klas = {str(k).strip(): "" for k in klas_raw}
    elif isinstance(klas_raw, Mapping):
        klas = {str(k).strip(): str(v or "").strip() for k, v in klas_raw.items()}
    else:
        raise UsageError("'klasifikasi' harus berupa daftar kode atau pasangan kode: uraian.", path=path)
    formats_raw = raw.get("format_nomor") or {}
    if not isinstance(formats_raw, Mapping):
        raise UsageError("'format_nomor' harus berisi pasangan jenis-naskah: format.", path=path)
    formats = {str(k): check_format(str(k), str(v), kode) for k, v in formats_raw.items()}
    for kind, pattern in formats.items():
        if "klasifikasi" in format_fields(pattern) and not klas:
            raise UsageError(f"format nomor {kind} memakai {{klasifikasi}}, tetapi kantor belum punya daftar "
                             "'klasifikasi'.", path=path)
    ttd = raw.get("ttd")
    if ttd is not None and str(ttd).strip().lower() not in TTD_CHOICES:
        raise UsageError(f"'ttd: {ttd}' tidak dikenal; tulis basah atau elektronik.", path=path)
    who = raw.get("penandatangan") or {}
    kop = raw.get("kop") or {}
    if not isinstance(who, Mapping) or not isinstance(kop, Mapping):
        raise UsageError("'penandatangan' dan 'kop' harus berupa kelompok isian.", path=path)
    return Office(nama=nama, kode_unit=kode, klasifikasi=klas, format_nomor=formats,
                  penandatangan=dict(who), ttd=str(ttd).strip().lower() if ttd else None, kop=dict(kop), path=path)


def load_office(path: str | Path | None = None, *, required: bool = True) -> Office | None:
    """The office of the configuration file; None (or a UsageError saying how to create it) when absent."""
    cfg = load_config(path)
    where = cfg.path or (Path(path) if path else config_path())
    if cfg.path is None or "kantor" not in cfg.raw:
        if not required:
            return None
        raise UsageError(f"konfigurasi kantor belum ada (dicari di {where}). Buat sekali dengan "
                         "'integritas kantor buat' (tanya-jawab) atau 'integritas kantor buat --dari FILE.yaml'; "
                         "lokasi lain: $INTEGRITAS_KONFIG.")
    return office_from_mapping(cfg.raw, cfg.path)


def security_code(data: Mapping[str, Any]) -> str:
    """{keamanan}: the letter's ``keamanan`` (B/T/R/SR) or, without it, from its ``sifat``."""
    given = str(data.get("keamanan") or "").strip().upper()
    if given:
        if given not in KEAMANAN.values():
            raise UsageError(f"'keamanan: {given}' tidak dikenal; tulis B (biasa), T (terbatas), R (rahasia) atau "
                             "SR (sangat rahasia).")
        return given
    sifat = str(data.get("sifat") or "").strip().lower()
    return KEAMANAN.get(sifat, "B")


def number_parts(office: Office | None, kind: str, pattern: str, data: Mapping[str, Any]) -> dict[str, str]:
    """The per-letter fields a format needs (klasifikasi, keamanan, kode), checked against the office."""
    names = format_fields(pattern)
    parts: dict[str, str] = {}
    if "klasifikasi" in names:
        code = str(data.get("klasifikasi") or "").strip()
        if not code:
            known = ", ".join(office.klasifikasi) if office and office.klasifikasi else ""
            raise UsageError(f"format nomor {kind} memerlukan kode klasifikasi arsip: isi 'klasifikasi:' di data "
                             f"naskah{' (kode kantor: ' + known + ')' if known else ''}.")
        if office and office.klasifikasi and code not in office.klasifikasi:
            raise UsageError(f"kode klasifikasi '{code}' tidak ada di daftar klasifikasi kantor "
                             f"({', '.join(office.klasifikasi)}).")
        parts["klasifikasi"] = code
    if "keamanan" in names:
        parts["keamanan"] = security_code(data)
    if "kode" in names:
        parts["kode"] = str(data.get("kode") or "").strip()
    return parts
