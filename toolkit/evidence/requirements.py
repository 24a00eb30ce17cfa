"""Which evidence a workbook's unit must show: requirements derived from the workbook + catalogue.

* official LKE ZI workbook (sheet "LKE ZI") — every indicator's data dukung (catalogue);
* ``rencana-aksi-zi`` (seed 001) — the *Kewajiban Unggah Evidence* of each Matriks
  Komitmen row for the quarters up to the reporting period, and for every activity
  of the Rencana Kerja its output, plus, per month it was carried out, daftar hadir,
  foto and materi when it is a gathering (seed 000 / seed 002);
* ``kalender-integritas`` (seed 000) — per Realisasi row (each occurrence) daftar
  hadir, foto and materi.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from toolkit.evidence.catalogue import Catalogue, EvidenceSpec
from toolkit.evidence.text import auto_keyword, fold, slug, tokens
from toolkit.indonesian import format_tanggal, month_name, parse_quarter, quarter_label
from toolkit.schemas.common import AREA_PERUBAHAN

ALL_KINDS = ("pdf", "gambar", "dokumen", "lembar", "presentasi", "video")


@dataclass(frozen=True)
class Scope:
    """Where the requirement's files are expected (see docs/evidence.md for the tree)."""

    area: int = 0  # 1..6; 0 = no area folder (Hasil, kalender)
    code: str = ""  # LKE indicator code "1.i.a"
    quarter: int = 0  # TW folder
    activity: str = ""  # "3" (kegiatan-03) or "internal-4" (kalender)
    month: int = 0  # month of the occurrence
    day: dt.date | None = None  # kalender occurrence date
    single_occurrence: bool = True  # the month folder may be left out


@dataclass(frozen=True)
class Requirement:
    id: str
    name: str
    area: str  # area name (or kelompok for the kalender)
    area_no: int
    indicator: str  # LKE indicator id ("P.1.i.a") when known
    activity: str  # activity text when the requirement belongs to an activity
    period: str  # "TW I", "Februari 2026", "15 Maret 2026" or ""
    source: str  # "LKE ZI", "Matriks Komitmen", "Rencana Kerja", "Realisasi"
    kinds: tuple[str, ...]
    keywords: tuple[str, ...]
    folder: str  # suggested folder, relative to the evidence root
    scope: Scope
    all_images: bool = False  # any photo in the folder counts (foto kegiatan)
    refs: tuple[str, ...] = ()  # file names the workbook itself cites (Referensi Bukti)
    detail: str = ""
    origin: str = ""  # workbook cell the requirement was read from, e.g. "Matriks Komitmen!F5"
    # where the requirement's text truly comes from: "seed 002 BAB II C.2 ...", "catatan unit Kota
    # Tangerang Selatan (LKE referensi kolom P baris N)", "penilaian toolkit", "seed 001 Matriks Komitmen"
    basis: str = ""

    @property
    def group(self) -> str:
        """Key for per-indicator completeness: the LKE indicator, else the activity."""
        return self.indicator or (f"Kegiatan: {self.activity}" if self.activity else self.name)


@dataclass
class RequirementSet:
    items: list[Requirement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- LKE -----------------------------------------------------------------------------------

def lke_requirements(cat: Catalogue) -> list[Requirement]:
    out = []
    for ind in cat.indicators:
        for ev in ind.evidence:
            out.append(Requirement(
                id=ev.id, name=ev.name, area=cat.area_name(ind.area), area_no=ind.area, indicator=ind.id,
                activity="", period="", source="LKE ZI", kinds=ev.kinds, keywords=ev.keywords,
                folder=ind.folder, scope=Scope(area=ind.area, code=ind.code), detail=ev.detail,
                origin=f"LKE ZI baris {ind.lke_row}", basis=ev.source))
    return out


# --- rencana-aksi-zi ---------------------------------------------------------------------------

_BULLET = re.compile(r"[•\u2022\u25cf\u25aa]|\n")


def split_bullets(text: str) -> list[str]:
    """Evidence items of a *Kewajiban Unggah Evidence* cell: bullets, lines, "Induk: - sub" pairs."""
    if not text:
        return []
    items: list[str] = []
    parent = ""
    for raw in _BULLET.split(text.replace("\r", "\n")):
        line = raw.strip()
        if not line:
            continue
        is_sub = line.startswith(("-", "–", "*"))
        line = line.lstrip("-–*· ").strip().rstrip(";,.")
        if not line:
            continue
        if line.endswith(":"):
            parent = line.rstrip(":").strip()
            continue
        if is_sub and parent:
            items.append(f"{parent}: {line}")
        else:
            parent = ""
            items.append(line)
    return items


def area_no(name: Any) -> int:
    if name in AREA_PERUBAHAN:
        return AREA_PERUBAHAN.index(name) + 1
    t = tokens(name)
    for i, a in enumerate(AREA_PERUBAHAN, start=1):
        if tokens(a)[:2] == t[:2]:
            return i
    return 0


def _commitment_spec(cat: Catalogue, tw: int, area: int, text: str, ident: str) -> EvidenceSpec:
    known = cat.find_commitment(tw, area, text)
    if known is not None:
        return EvidenceSpec(ident, text, known.kinds, known.keywords, source=known.source, lke=known.lke)
    kw = auto_keyword(text, 3)
    return EvidenceSpec(ident, text, ALL_KINDS, (kw,) if kw else (), source="Matriks Komitmen (unit)")


def commitment_requirements(data: Any, cat: Catalogue, up_to_quarter: int) -> list[Requirement]:
    out: list[Requirement] = []
    counters: dict[tuple[int, int], int] = {}
    for rec in data.records("komitmen"):
        tw = rec.get("triwulan")
        q = int(tw) if isinstance(tw, int) else _quarter_value(tw)
        area = area_no(rec.get("area"))
        if not q or not area or q > up_to_quarter:
            continue
        for text in split_bullets(str(rec.get("kewajiban_evidence") or "")):
            counters[(q, area)] = counters.get((q, area), 0) + 1
            ident = f"TW{q}.{area}-{counters[(q, area)]:02d}"
            spec = _commitment_spec(cat, q, area, text, ident)
            folder = f"{cat.area_folders[area]}/TW-{quarter_label(q).split()[1]}"
            out.append(Requirement(
                id=ident, name=text, area=cat.area_name(area), area_no=area, indicator=spec.lke,
                activity="", period=quarter_label(q), source="Matriks Komitmen", kinds=spec.kinds,
                keywords=spec.keywords, folder=folder, scope=Scope(area=area, quarter=q),
                origin=f"{rec.sheet}!{rec.cells.get('kewajiban_evidence', '')}", basis=spec.source))
    return out


def _quarter_value(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    for attr in ("number", "quarter", "value"):
        v = getattr(value, attr, None)
        if isinstance(v, int):
            return v
    return parse_quarter(str(value)) or 0


def is_meeting(text: str, cat: Catalogue) -> bool:
    low = " ".join(tokens(text))
    folded = fold(text)
    return any(" ".join(tokens(w)) in low or w in folded for w in cat.meeting_words)


def _refs(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(p.strip() for p in re.split(r"[;\n]", str(value)) if p.strip())


def activity_requirements(data: Any, cat: Catalogue, up_to_month: int, year: int | None) -> list[Requirement]:
    out: list[Requirement] = []
    for rec in data.records("rencana"):
        area = area_no(rec.get("area"))
        no = rec.get("no")
        kegiatan = str(rec.get("kegiatan") or "").strip()
        if not area or not isinstance(no, int) or not kegiatan:
            continue
        months = [m for m in range(1, 13) if rec.get(f"realisasi_m{m:02d}") and m <= up_to_month]
        if not months:
            continue
        base = f"{cat.area_folders[area]}/kegiatan-{no:02d}"
        label = f"{no}. {kegiatan}"
        refs = _refs(rec.get("bukti"))
        output = str(rec.get("output") or "").strip()
        origin = f"{rec.sheet}!{rec.cells.get('kegiatan', '')}"
        single = len(months) == 1
        ident = f"KG{area}.{no:02d}"
        if output:
            ev = cat.activity_evidence["output"]
            kw = auto_keyword(output, 3) or "laporan"
            last = months[-1]
            period = f"{month_name(last)} {year}" if year else month_name(last)
            out.append(Requirement(
                id=f"{ident}-output", name=f"Output: {output}", area=cat.area_name(area), area_no=area,
                indicator="", activity=label, period=period if not single else period,
                source="Rencana Kerja", kinds=ev.kinds, keywords=(kw,), folder=base,
                scope=Scope(area=area, activity=str(no), month=0, single_occurrence=True),
                refs=refs, origin=origin))
        if not is_meeting(kegiatan, cat):
            continue
        for m in months:
            period = f"{month_name(m)} {year}" if year else month_name(m)
            folder = base if single else f"{base}/{year or 'TTTT'}-{m:02d}"
            for key in cat.meeting_evidence:
                ev = cat.activity_evidence[key]
                out.append(Requirement(
                    id=f"{ident}-{m:02d}-{key}", name=f"{ev.name} {period}", area=cat.area_name(area),
                    area_no=area, indicator="", activity=label, period=period, source="Rencana Kerja",
                    kinds=ev.kinds, keywords=ev.keywords, folder=folder,
                    scope=Scope(area=area, activity=str(no), month=m, single_occurrence=single),
                    all_images=ev.all_images, refs=refs, origin=origin))
    return out


# --- kalender-integritas --------------------------------------------------------------------

def kalender_requirements(data: Any, cat: Catalogue, cutoff: dt.date) -> list[Requirement]:
    names = {(str(r.get("kelompok")), r.get("no")): str(r.get("momen") or "") for r in data.records("kalender")}
    out: list[Requirement] = []
    for rec in data.records("realisasi"):
        day = rec.get("tanggal")
        kelompok = str(rec.get("kelompok") or "")
        no = rec.get("no_kegiatan")
        if not isinstance(day, dt.date) or not isinstance(no, int) or day > cutoff:
            continue
        momen = str(rec.get("momen") or names.get((kelompok, no), "")) or f"Kegiatan {no}"
        act = f"{slug(kelompok)}-{no:02d}"
        folder = f"kegiatan/{act}/{day.isoformat()}"
        for key in cat.meeting_evidence:
            ev = cat.activity_evidence[key]
            out.append(Requirement(
                id=f"{act}-{day.isoformat()}-{key}", name=f"{ev.name} {format_tanggal(day)}", area=kelompok,
                area_no=0, indicator="", activity=f"{kelompok} {no}. {momen}", period=format_tanggal(day),
                source="Realisasi", kinds=ev.kinds, keywords=ev.keywords, folder=folder,
                scope=Scope(activity=act, month=day.month, day=day, single_occurrence=False),
                all_images=ev.all_images, refs=_refs(rec.get("bukti")),
                origin=f"{rec.sheet}!{rec.cells.get('tanggal', '')}"))
    return out
