"""Gifts (gratifikasi): allowed or must-report, with the seed's limits, where and by when to report.

Seed 003 (``003_95f3c2ec03b2c94d.txt``), ITBAN KHUSUS, *Gratifikasi*. The limits (in
``toolkit/data/rules/gratifikasi.yaml``) are the seed's:

* "pemberian terkait dengan pertunangan, pernikahan, kelahiran, aqiqah, baptis, khitanan, potong
  gigi, atau upacara adat/agama lainnya dengan batasan nilai sebesar Rp1.000.000,00 ... setiap
  pemberi" — summed per giver per ceremony (same receiver, giver, occasion and date);
* "pemberian sesama rekan kerja dalam rangka pisah sambut, pensiun, mutasi jabatan, atau ulang tahun
  yang tidak dalam bentuk uang atau alat tukar lainnya paling banyak senilai Rp300.000,00 ... setiap
  pemberian per orang, dengan total pemberian tidak melebihi Rp 1.000.000,00 ... dalam 1 (satu)
  tahun dari pemberi yang sama";
* "pemberian sesama rekan kerja yang tidak dalam bentuk uang atau alat tukar lainnya, dan tidak
  terkait kedinasan paling banyak senilai Rp200.000,00 ... dengan total pemberian tidak melebihi
  Rp.1.000.000,00 ... dalam 1 (satu) tahun dari pemberi yang sama".

From 20 January 2026 Peraturan KPK Nomor 1 Tahun 2026 raises the ceremony limit to Rp1.500.000
per giver and the colleague limits to Rp500.000 per giver and Rp1.500.000 a year, and removes the
Rp300.000 category (such gifts fall under the colleague rule). The gift's date picks the version
(``gratifikasi.yaml``); each limit's reason cites the regulation of its version.

Limits are inclusive ("paling banyak", "tidak melebihi"). The yearly total counts every colleague
gift from the same giver to the same receiver in the calendar year (both colleague categories,
including gifts already must-report) — the cautious reading. Anything else the seed lists as
allowed is allowed when not cash where the seed says so and without a conflict of interest; the
seed's "tidak boleh diterima" situations, and anything not listed, must be reported: "Gratifikasi
dapat dilaporkan melalui UPG ... di Inspektorat Provinsi NTB atau ... kepada KPK melalui aplikasi
GOL". The deadline (30 working days) is NOT in the seed; see the rules file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.indonesian import format_rupiah, format_tanggal
from toolkit.rules.calendar import add_working_days, is_working_day
from toolkit.rules.dated import dated
from toolkit.rules.figures import citation_for, seed_differences
from toolkit.schemas import register_gratifikasi as rg

BOLEH = "Boleh diterima"
WAJIB = "Wajib dilaporkan"
SEED = "seed 003 ITBAN KHUSUS"

# Categories the seed allows without a rupiah limit, with the condition it states.
_ALLOWED_NO_LIMIT: dict[str, str] = {
    rg.MUSIBAH: "pemberian terkait musibah/bencana yang dialami penerima atau keluarganya, sepanjang tidak "
                "ada konflik kepentingan dan wajar",
    rg.SEMINAR: "perangkat/perlengkapan peserta kegiatan kedinasan seperti seminar, workshop, pelatihan, "
                "yang berlaku umum",
    rg.PROMOSI: "alat promosi/sosialisasi berlogo, tidak berbentuk uang, berlaku umum",
    rg.LOMBA: "hadiah kejuaraan/lomba yang diikuti dengan biaya sendiri dan tidak terkait kedinasan",
    rg.PENGHARGAAN: "penghargaan dari pemerintah terkait peningkatan prestasi kerja sesuai peraturan",
    rg.UMUM: "hadiah langsung/undian, diskon/rabat, voucher, point rewards atau souvenir yang berlaku umum "
             "dan tidak terkait kedinasan",
    rg.HONOR_STANDAR: "kompensasi kegiatan kedinasan sesuai standar biaya instansi, tanpa pembiayaan ganda",
    rg.INVESTASI: "keuntungan/bunga penempatan dana, investasi, saham pribadi, atau manfaat koperasi yang "
                  "berlaku umum",
    rg.PROFESI: "kompensasi profesi di luar kedinasan, tidak terkait tugas, tanpa konflik kepentingan",
    rg.HIDANGAN: "hidangan atau sajian yang berlaku umum",
    rg.CENDERAMATA_INSTANSI: "cendera mata/plakat kepada instansi dalam hubungan kedinasan, tidak untuk "
                             "individu pegawai",
}
# Of those, the ones the seed allows even when tied to official duties.
_DUTY_OK = {rg.SEMINAR, rg.PENGHARGAAN, rg.HONOR_STANDAR, rg.HIDANGAN, rg.CENDERAMATA_INSTANSI}
# Of those, the ones the seed says must not be money ("tidak dalam bentuk uang atau alat tukar lainnya").
_NO_CASH = {rg.PROMOSI}
# Flower bouquets are allowed on these occasions, with no limit (seed: "karangan bunga sebagai ucapan
# ... pertunangan, pernikahan, kelahiran, kematian, ... pisah sambut, pensiun, promosi jabatan").
_FLOWERS_OK = {rg.UPACARA, rg.MUSIBAH, rg.REKAN_ACARA}
_CASH_FORMS = {rg.UANG, "Voucher/Kupon"}
_COLLEAGUE = {rg.REKAN_ACARA, rg.REKAN_BIASA}


@dataclass
class Gift:
    tanggal: dt.date
    penerima: str
    pemberi: str
    hubungan: str
    terkait_kedinasan: str  # "Ya" / "Tidak"
    acara: str
    bentuk: str
    nilai: int
    konflik: str | None = None
    dilaporkan: str | None = None
    tanggal_lapor: dt.date | None = None
    saluran: str | None = None
    no: int | None = None
    row: int | None = None

    @classmethod
    def from_values(cls, v: Mapping[str, Any], row: int | None = None) -> Gift:
        nilai = v.get("nilai")
        return cls(
            tanggal=v["tanggal"], penerima=str(v.get("penerima") or ""), pemberi=str(v.get("pemberi") or ""),
            hubungan=v.get("hubungan") or "Lainnya", terkait_kedinasan=v.get("terkait_kedinasan") or "Tidak",
            acara=v.get("acara") or rg.LAINNYA, bentuk=v.get("bentuk") or "Lainnya",
            nilai=int(nilai) if isinstance(nilai, (int, float)) else 0, konflik=v.get("konflik"),
            dilaporkan=v.get("dilaporkan"), tanggal_lapor=v.get("tanggal_lapor"), saluran=v.get("saluran"),
            no=v.get("no"), row=row,
        )


@dataclass
class GiftDecision:
    gift: Gift
    status: str  # BOLEH | WAJIB
    reason: str  # Indonesian, citing the seed
    limit: int | None = None  # the rupiah limit that applied
    running_total: int | None = None  # the total the limit was compared with
    deadline: dt.date | None = None  # last day to report (must-report only)
    channels: tuple[str, ...] = ()
    completeness_days: int | None = None  # working days to complete a report once filed

    @property
    def must_report(self) -> bool:
        return self.status == WAJIB

    def report_state(self, as_of: dt.date) -> str | None:
        """Which rule applies today: GRAT-TERLAMBAT, GRAT-WAJIB-LAPOR, GRAT-LAPOR-TERLAMBAT or None."""
        if not self.must_report or self.deadline is None:
            return None
        if self.gift.dilaporkan == "Ya":
            if self.gift.tanggal_lapor and self.gift.tanggal_lapor > self.deadline:
                return "GRAT-LAPOR-TERLAMBAT"
            return None
        return "GRAT-TERLAMBAT" if as_of > self.deadline else "GRAT-WAJIB-LAPOR"

    def advice(self) -> str:
        if not self.must_report:
            return self.reason
        where = " atau ".join(self.channels)
        when = f" paling lambat {format_tanggal(self.deadline)}" if self.deadline else ""
        complete = (f" Lengkapi laporan dalam {self.completeness_days} hari kerja sejak tanggal pelaporan."
                    if self.completeness_days else "")
        return f"{self.reason} Laporkan melalui {where}{when}.{complete}"


__all__ = ["BOLEH", "WAJIB", "Gift", "GiftDecision", "GiftRules", "add_working_days", "classify",
           "is_working_day", "rule_notes"]


class GiftRules:
    def __init__(self, directory: str | Path | None = None) -> None:
        self.versions = dated("gratifikasi", directory=directory)

    def for_date(self, day: dt.date) -> Mapping[str, Any]:
        v = self.versions.in_force(day)
        if v is None:  # the first version starts before any plausible gift date; keep a clear failure
            v = self.versions.versions[0]
        return v


def _rp(n: int) -> str:
    return format_rupiah(n)


def classify(gifts: Iterable[Gift], rules: GiftRules | None = None) -> list[GiftDecision]:
    """A decision for every gift, in input order; cumulative limits are applied in date order."""
    rules = rules or GiftRules()
    items = list(gifts)
    order = sorted(range(len(items)), key=lambda i: (items[i].tanggal, items[i].row or 0, i))
    colleague_year: dict[tuple[str, str, int], int] = defaultdict(int)
    ceremony: dict[tuple[str, str, str, dt.date], int] = defaultdict(int)
    out: list[GiftDecision | None] = [None] * len(items)
    for i in order:
        g = items[i]
        cfg = rules.for_date(g.tanggal)
        key = (_norm(g.penerima), _norm(g.pemberi))
        extra: dict[str, Any] = {}
        if g.acara in _COLLEAGUE and g.hubungan == rg.REKAN_KERJA and g.bentuk != "Karangan Bunga":
            colleague_year[(*key, g.tanggal.year)] += g.nilai
            extra["year_total"] = colleague_year[(*key, g.tanggal.year)]
        if g.acara == rg.UPACARA:
            ceremony[(*key, g.acara, g.tanggal)] += g.nilai
            extra["ceremony_total"] = ceremony[(*key, g.acara, g.tanggal)]
        status, reason, limit, total = _decide(g, cfg, **extra)
        deadline = None
        channels: tuple[str, ...] = ()
        complete = None
        if status == WAJIB:
            deadline = add_working_days(g.tanggal, int(cfg["batas_lapor_hari_kerja"]))
            channels = tuple(cfg["saluran"])
            complete = cfg.get("kelengkapan_laporan_hari_kerja")
        out[i] = GiftDecision(g, status, reason, limit, total, deadline, channels,
                              int(complete) if complete is not None else None)
    return [d for d in out if d is not None]


def _source(cfg: Mapping[str, Any], key: str) -> str:
    """The legal source of one limit of the version in force ("Peraturan KPK Nomor 1 Tahun 2026 ...")."""
    c = citation_for(cfg, key)
    if c is None:
        return SEED
    if c.law and c.seed and c.seed_nilai is None:
        return f"{c.law}; {SEED}"
    return c.law or SEED


_LIMIT_KEYS = {rg.UPACARA: ("upacara_per_pemberi",),
               rg.REKAN_ACARA: ("rekan_acara_per_pemberian", "rekan_per_pemberi_per_tahun"),
               rg.REKAN_BIASA: ("rekan_biasa_per_pemberian", "rekan_per_pemberi_per_tahun")}


def rule_notes(decisions: Iterable[GiftDecision], rules: GiftRules | None = None) -> list[str]:
    """Where seed 003's limits and the regulation applied differ: one sentence each, said once per run."""
    rules = rules or GiftRules()
    out: list[str] = []
    for d in decisions:
        if d.limit is None and d.gift.acara not in _LIMIT_KEYS:
            continue
        cfg = rules.for_date(d.gift.tanggal)
        cited = cfg.get("dasar") or {}
        keys = [k for k in _LIMIT_KEYS.get(d.gift.acara, ()) if k in cited]
        body = {k: v for k, v in cfg.items() if k != "dasar"}
        for text in seed_differences({**body, "dasar": {k: cited[k] for k in keys}}):
            if text not in out:
                out.append(text)
    return out


def _norm(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _decide(g: Gift, cfg: Mapping[str, Any], *, year_total: int | None = None,
            ceremony_total: int | None = None) -> tuple[str, str, int | None, int | None]:
    cash = g.bentuk in _CASH_FORMS
    if g.konflik == "Ya":
        return WAJIB, f"Ada konflik kepentingan ({SEED}: gratifikasi yang tidak boleh diterima).", None, None
    if g.hubungan in rg.HUBUNGAN_KONFLIK and g.acara not in (rg.HIDANGAN, rg.SEMINAR, rg.HONOR_STANDAR):
        return WAJIB, (f"Pemberi adalah {g.hubungan.lower()}: pemberian terkait layanan, pemeriksaan atau "
                       f"pengadaan tidak boleh diterima ({SEED})."), None, None
    if g.acara in (rg.KEDINASAN, rg.LAINNYA):
        what = "terkait tugas/layanan kedinasan" if g.acara == rg.KEDINASAN else "tidak termasuk yang boleh diterima"
        return WAJIB, f"Pemberian {what} ({SEED}).", None, None
    if g.bentuk == "Karangan Bunga" and g.acara in _FLOWERS_OK:
        return BOLEH, f"Karangan bunga sebagai ucapan pada acara ini boleh diterima ({SEED}).", None, None
    if g.terkait_kedinasan == "Ya" and g.acara not in _DUTY_OK:
        return WAJIB, f"Pemberian terkait kedinasan/jabatan penerima ({SEED}).", None, None
    if g.acara == rg.UPACARA:
        limit = int(cfg["upacara_per_pemberi"])
        total = ceremony_total if ceremony_total is not None else g.nilai
        src = _source(cfg, "upacara_per_pemberi")
        if total > limit:
            return WAJIB, (f"Pemberian pernikahan/kelahiran/upacara adat atau agama {_rp(total)} dari pemberi ini "
                           f"melebihi batas {_rp(limit)} setiap pemberi ({src})."), limit, total
        return BOLEH, (f"Pemberian pernikahan/kelahiran/upacara adat atau agama {_rp(total)}, tidak melebihi "
                       f"{_rp(limit)} setiap pemberi ({src})."), limit, total
    if g.acara in _COLLEAGUE:
        return _colleague(g, cfg, cash, year_total)
    if g.acara in _ALLOWED_NO_LIMIT:
        if g.acara in _NO_CASH and cash:
            return WAJIB, f"Alat promosi/sosialisasi tidak boleh berbentuk uang atau alat tukar ({SEED}).", None, None
        return BOLEH, f"Boleh diterima: {_ALLOWED_NO_LIMIT[g.acara]} ({SEED}).", None, None
    return WAJIB, f"Kategori pemberian tidak dikenal; laporkan untuk dinilai ({SEED}).", None, None


def _colleague(g: Gift, cfg: Mapping[str, Any], cash: bool,
               year_total: int | None) -> tuple[str, str, int | None, int | None]:
    occasion = ("pisah sambut/pensiun/mutasi/ulang tahun" if g.acara == rg.REKAN_ACARA
                else "antar rekan kerja yang tidak terkait kedinasan")
    if g.hubungan != rg.REKAN_KERJA:
        return WAJIB, (f"Batas pemberian {occasion} hanya berlaku antar rekan kerja; pemberi berhubungan "
                       f"'{g.hubungan}' ({SEED})."), None, None
    if cash:
        return WAJIB, (f"Pemberian antar rekan kerja tidak boleh berbentuk uang atau alat tukar lainnya "
                       f"({SEED})."), None, None
    key = "rekan_acara_per_pemberian" if g.acara == rg.REKAN_ACARA else "rekan_biasa_per_pemberian"
    removed = ""
    if cfg.get(key) is None:  # Peraturan KPK 1/2026 removed the farewell/birthday category
        removed = (f"Kategori {occasion} tersendiri sudah dihapus ({_source(cfg, key)}); berlaku batas pemberian "
                   "antar rekan kerja. ")
        key = "rekan_biasa_per_pemberian"
    per_gift = int(cfg[key])
    yearly = int(cfg["rekan_per_pemberi_per_tahun"])
    src = _source(cfg, key)
    if g.nilai > per_gift:
        return WAJIB, (f"{removed}Pemberian {occasion} {_rp(g.nilai)} melebihi batas {_rp(per_gift)} setiap "
                       f"pemberian ({src})."), per_gift, g.nilai
    total = year_total if year_total is not None else g.nilai
    if total > yearly:
        return WAJIB, (f"{removed}Total pemberian dari rekan kerja yang sama pada tahun {g.tanggal.year} menjadi "
                       f"{_rp(total)}, melebihi {_rp(yearly)} setahun ({_source(cfg, 'rekan_per_pemberi_per_tahun')})."
                       ), yearly, total
    return BOLEH, (f"{removed}Pemberian {occasion} {_rp(g.nilai)} (batas {_rp(per_gift)}), total dari pemberi ini "
                   f"tahun {g.tanggal.year} {_rp(total)} (batas {_rp(yearly)}) ({src})."), per_gift, total
