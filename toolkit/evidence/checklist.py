"""Build the evidence checklist of a workbook: per requirement Ada / Tidak Ada / Perlu Dicek.

``build_checklist(workbook, bukti)`` reads the workbook (read-only), derives what
must be shown (``toolkit.evidence.requirements``), scans the evidence folder
(``toolkit.evidence.scanner``), matches files (``toolkit.evidence.matching``) and
checks each matched file: empty, disguised type, type not accepted, unreadable
PDF, dated after the reporting period or before the year, identical content
(sha256) used for two different requirements.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.evidence.catalogue import Catalogue, load_catalogue
from toolkit.evidence.filetypes import KIND_LABELS
from toolkit.evidence.matching import FileFacts, facts, in_scope, loose_ok, name_match, ref_match, safe_ref
from toolkit.evidence.requirements import (
    Requirement,
    lke_requirements,
)
from toolkit.evidence.scanner import FileEntry, ScanResult, SkippedEntry, scan
from toolkit.evidence.text import compact
from toolkit.indonesian import (
    format_persen,
    format_tanggal,
    months_of_quarter,
    parse_quarter,
    quarter_of_month,
)
from toolkit.kinds.registry import require_capability
from toolkit.schemas.lke_zi import KIND as LKE_KIND
from toolkit.workbook import open_workbook
from toolkit.workbook.bounds import time_budget
from toolkit.workbook.reader import open_calamine

ADA = "Ada"
TIDAK_ADA = "Tidak Ada"
PERLU_DICEK = "Perlu Dicek"
STATUSES = (ADA, PERLU_DICEK, TIDAK_ADA)

HOW_LABELS = {
    "folder": "folder dan nama file",
    "foto": "foto di folder kegiatan",
    "nama": "nama file (di luar folder yang disarankan)",
    "referensi": "disebut di kolom Referensi Bukti",
    "folder-saja": "hanya letak folder (nama file tidak menyebut bukti ini)",
}


@dataclass
class MatchedFile:
    entry: FileEntry
    how: str  # key of HOW_LABELS
    problems: list[str] = field(default_factory=list)
    shared_with: list[str] = field(default_factory=list)

    @property
    def rel(self) -> str:
        return self.entry.rel

    @property
    def ok(self) -> bool:
        return not self.problems and self.how != "folder-saja"

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        return {"path": e.rel, "cara": self.how, "ukuran": e.size, "sha256": e.sha256,
                "jenis_isi": e.kind_detail, "tanggal": e.doc_date.isoformat() if e.doc_date else None,
                "sumber_tanggal": e.date_source, "masalah": list(self.problems)}


@dataclass
class ChecklistItem:
    requirement: Requirement
    status: str
    files: list[MatchedFile]
    reason: str
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        r = self.requirement
        return {"id": r.id, "bukti": r.name, "area": r.area, "indikator": r.indicator, "kegiatan": r.activity,
                "periode": r.period, "sumber": r.source, "dasar_bukti": r.basis, "folder": r.folder, "jenis_file": list(r.kinds),
                "kata_kunci": list(r.keywords), "status": self.status, "alasan": self.reason,
                "catatan": list(self.notes), "file": [f.to_dict() for f in self.files]}


@dataclass
class Checklist:
    workbook: Path
    evidence_dir: Path
    kind: str  # "rencana-aksi-zi", "kalender-integritas", "lke-zi"
    unit: str
    year: int | None
    period: str
    cutoff: dt.date | None
    catalogue_version: str
    items: list[ChecklistItem]
    unmatched: list[tuple[str, str]]  # (path, why)
    skipped: list[SkippedEntry]
    scan: ScanResult
    notes: list[str] = field(default_factory=list)

    def completeness(self) -> float:
        return _pct(self.items)

    def by_area(self) -> dict[str, float]:
        groups: dict[str, list[ChecklistItem]] = defaultdict(list)
        for it in self.items:
            groups[it.requirement.area].append(it)
        return {k: _pct(v) for k, v in groups.items()}

    def by_indicator(self) -> dict[str, float]:
        groups: dict[str, list[ChecklistItem]] = defaultdict(list)
        for it in self.items:
            groups[it.requirement.group].append(it)
        return {k: _pct(v) for k, v in groups.items()}

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for it in self.items:
            out[it.status] += 1
        return out

    def missing(self) -> list[ChecklistItem]:
        return [it for it in self.items if it.status == TIDAK_ADA]

    def to_check(self) -> list[ChecklistItem]:
        return [it for it in self.items if it.status == PERLU_DICEK]

    def item(self, ident: str) -> ChecklistItem:
        for it in self.items:
            if it.requirement.id == ident:
                return it
        raise KeyError(ident)

    def statuses(self) -> dict[str, str]:
        return {it.requirement.id: it.status for it in self.items}

    def damaged(self) -> list[tuple[str, str]]:
        """(file, why) of every evidence file that could not be read or was refused (a zip bomb, a
        damaged or lying part, no permission…): each is named, none counts as valid evidence."""
        return [(f.rel, f.read_error) for f in self.scan.files if f.read_error] if self.scan is not None else []

    def summary_line(self) -> str:
        c = self.counts()
        return (f"{len(self.items)} kebutuhan bukti: {c[ADA]} Ada, {c[PERLU_DICEK]} Perlu Dicek, "
                f"{c[TIDAK_ADA]} Tidak Ada; kelengkapan {format_persen(self.completeness())}.")

    def to_dict(self) -> dict[str, Any]:
        return {
            "workbook": self.workbook.name, "folder_bukti": self.evidence_dir.name, "jenis": self.kind,
            "unit": self.unit, "tahun": self.year, "periode": self.period,
            "batas_tanggal": self.cutoff.isoformat() if self.cutoff else None,
            "versi_katalog": self.catalogue_version, "ringkasan": self.counts(),
            "kelengkapan": round(self.completeness(), 2),
            "kelengkapan_per_area": {k: round(v, 2) for k, v in self.by_area().items()},
            "kelengkapan_per_indikator": {k: round(v, 2) for k, v in self.by_indicator().items()},
            "kebutuhan": [it.to_dict() for it in self.items],
            "file_tidak_dikenali": [{"path": p, "alasan": w} for p, w in self.unmatched],
            "dilewati": [{"path": s.rel, "alasan": s.reason} for s in self.skipped],
            "file_tidak_terbaca": [{"path": p, "alasan": w} for p, w in self.damaged()],
            "catatan": list(self.notes),
        }


def _pct(items: Iterable[ChecklistItem]) -> float:
    items = list(items)
    if not items:
        return 100.0
    return 100.0 * sum(1 for it in items if it.status == ADA) / len(items)


# --- the period ----------------------------------------------------------------------------------

def _period(identitas: dict[str, Any], as_of: dt.date | None) -> tuple[int | None, int, dt.date | None, str]:
    """(year, last quarter due, cutoff date, label) from Identitas (Tahun, Periode Laporan)."""
    year = identitas.get("tahun") if isinstance(identitas.get("tahun"), int) else None
    if as_of is not None:
        return (year or as_of.year), quarter_of_month(as_of.month), as_of, f"s.d. {format_tanggal(as_of)}"
    periode = str(identitas.get("periode") or "")
    q = parse_quarter(periode)
    if q is None:
        q = {"semester i": 2, "semester ii": 4, "tahunan": 4}.get(periode.casefold(), 4)
    if year is None:
        return None, q, None, periode
    last_month = months_of_quarter(q)[-1]
    end = (dt.date(year + (last_month == 12), last_month % 12 + 1, 1) - dt.timedelta(days=1))
    return year, q, end, periode or "Tahunan"


# --- checks on one matched file -------------------------------------------------------------------

def file_problems(e: FileEntry, req: Requirement, year: int | None, cutoff: dt.date | None) -> list[str]:
    out: list[str] = []
    if e.read_error:
        return [f"tidak dapat dibaca ({e.read_error})"]
    if e.size == 0:
        return ["file kosong (0 byte)"]
    if e.kind == "program":
        return [f"berisi {KIND_LABELS['program']} ({e.kind_detail}), bukan dokumen bukti; jangan dibuka"]
    if e.disguised:
        out.append(f"ekstensi .{e.ext} tetapi isinya {e.kind_detail} (jenis file disamarkan atau salah simpan)")
    elif e.kind not in req.kinds:
        accepted = ", ".join(KIND_LABELS.get(k, k) for k in req.kinds)
        out.append(f"jenis file {KIND_LABELS.get(e.kind, e.kind)} tidak diterima untuk bukti ini "
                   f"(diterima: {accepted})")
    if e.pdf_problem:
        out.append(f"PDF tidak dapat dibuka: {e.pdf_problem}")
    if e.doc_date is not None:
        if cutoff is not None and e.doc_date > cutoff:
            out.append(f"bertanggal {format_tanggal(e.doc_date)} ({e.date_source}), setelah akhir periode "
                       f"laporan {format_tanggal(cutoff)}")
        elif year is not None and e.doc_date.year < year:
            out.append(f"bertanggal {format_tanggal(e.doc_date)} ({e.date_source}), sebelum tahun {year}")
    return out


# --- matching --------------------------------------------------------------------------------------

def match_requirements(reqs: list[Requirement], files: list[FileFacts], *, year: int | None,
                       cutoff: dt.date | None) -> tuple[list[ChecklistItem], list[tuple[str, str]]]:
    by_area: dict[int | None, list[FileFacts]] = defaultdict(list)
    for f in files:
        by_area[f.area].append(f)
    siblings: dict[str, list[Requirement]] = defaultdict(list)
    for r in reqs:
        siblings[r.folder].append(r)
    strong: dict[str, list[MatchedFile]] = defaultdict(list)
    weak: dict[str, list[FileFacts]] = defaultdict(list)
    for r in reqs:
        cands = by_area.get(r.scope.area, []) + (by_area.get(None, []) if r.scope.area is not None else [])
        for f in cands:
            if in_scope(r, f):
                if name_match(r, f):
                    strong[r.id].append(MatchedFile(f.entry, "folder"))
                elif r.all_images and f.entry.kind == "gambar" and \
                        not any(name_match(o, f) for o in siblings[r.folder] if o.id != r.id and in_scope(o, f)):
                    strong[r.id].append(MatchedFile(f.entry, "foto"))
                elif ref_match(r, f):
                    strong[r.id].append(MatchedFile(f.entry, "referensi"))
                else:
                    weak[r.id].append(f)
            elif loose_ok(r, f) and name_match(r, f):
                strong[r.id].append(MatchedFile(f.entry, "nama"))
            elif not f.specific and (f.area is None or f.area == r.scope.area) and ref_match(r, f):
                strong[r.id].append(MatchedFile(f.entry, "referensi"))
    claimed = {m.rel for ms in strong.values() for m in ms}
    # an unnamed file in a folder counts as a candidate only where one requirement there still lacks a file
    for group in siblings.values():
        open_reqs = [r for r in group if not strong.get(r.id)]
        for r in group:
            leftover = [f for f in weak.get(r.id, []) if f.entry.rel not in claimed]
            if leftover and len(open_reqs) == 1 and open_reqs[0].id == r.id:
                strong[r.id].extend(MatchedFile(f.entry, "folder-saja") for f in leftover)
    claimed = {m.rel for ms in strong.values() for m in ms}
    by_id = {r.id: r for r in reqs}
    for rid, ms in strong.items():
        for m in ms:
            m.problems = file_problems(m.entry, by_id[rid], year, cutoff)
    _mark_duplicates(strong)
    items = [_item(r, strong.get(r.id, []), weak.get(r.id, []), claimed) for r in reqs]
    unmatched = []
    for f in files:
        if f.entry.rel not in claimed:
            unmatched.append((f.entry.rel, _unmatched_reason(f)))
    return items, unmatched


def _mark_duplicates(strong: dict[str, list[MatchedFile]]) -> None:
    """Identical content (sha256) under two requirements.

    Under a *different* file name it is a reused document (a February photo renamed to pass
    as May's): a problem. Under the same name it is the same document filed twice on
    purpose (an SK that is both a quarterly commitment and an activity output): a note.
    """
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rid, ms in strong.items():
        for m in ms:
            if m.entry.size > 0 and m.entry.sha256:
                owners[m.entry.sha256].append((rid, m.rel))
    for rid, ms in strong.items():
        for m in ms:
            others = sorted((o_rid, o_rel) for o_rid, o_rel in owners.get(m.entry.sha256, [])
                            if o_rid != rid and o_rel != m.rel)
            if not others:
                continue
            renamed = [o for o in others if compact(PurePosixPath(o[1]).stem) != compact(PurePosixPath(m.rel).stem)]
            if renamed:
                o_rid, o_rel = renamed[0]
                m.problems.append(f"isi sama persis (sha256) dengan {o_rel} yang dipakai untuk bukti {o_rid}; "
                                  "satu dokumen tidak boleh dihitung dua kali")
            else:
                o_rid, o_rel = others[0]
                m.shared_with.append(f"dokumen yang sama juga disimpan sebagai {o_rel} (bukti {o_rid})")


def _item(r: Requirement, matched: list[MatchedFile], weak: list[FileFacts], claimed: set[str]) -> ChecklistItem:
    matched = sorted(matched, key=lambda m: m.rel)
    good = [m for m in matched if m.ok]
    bad = [m for m in matched if not m.ok]
    notes: list[str] = []
    same_req = defaultdict(list)
    for m in good:
        same_req[m.entry.sha256].append(m.rel)
    for rels in same_req.values():
        if len(rels) > 1:
            notes.append(f"file ganda (isi sama): {', '.join(rels)}")
    for m in good:
        notes.extend(f"{m.rel}: {s}" for s in m.shared_with)
    for m in bad:
        if m.how == "folder-saja":
            notes.append(f"{m.rel}: ada di folder {r.folder}/ tetapi namanya tidak menyebut "
                         f"'{r.keywords[0] if r.keywords else r.name}'; pastikan isinya {r.name}")
        for p in m.problems:
            notes.append(f"{m.rel}: {p}")
    if good:
        hows = sorted({HOW_LABELS[m.how] for m in good})
        reason = f"{len(good)} file sah ({'; '.join(hows)})."
        if bad:
            reason += f" {len(bad)} file lain perlu dicek."
        return ChecklistItem(r, ADA, matched, reason, notes)
    if bad:
        return ChecklistItem(r, PERLU_DICEK, matched, "; ".join(notes) + ".", [])
    hint = f" dengan nama yang memuat '{r.keywords[0]}'" if r.keywords else ""
    others = [f.entry.rel for f in weak if f.entry.rel not in claimed]
    tail = f" Di folder itu ada file tanpa nama yang jelas: {', '.join(others[:3])}." if others else ""
    return ChecklistItem(r, TIDAK_ADA, [], f"Tidak ada file yang cocok. Simpan di {r.folder}/{hint}.{tail}", [])


def _unmatched_reason(f: FileFacts) -> str:
    if f.entry.read_error:
        return f"tidak dapat dibaca ({f.entry.read_error}); tidak dihitung sebagai bukti"
    if f.area is None and not f.entry.parts[:-1]:
        return "di luar folder area dan namanya tidak cocok dengan kebutuhan bukti mana pun"
    return "tidak cocok dengan kebutuhan bukti mana pun (periksa nama file dan foldernya)"


# --- the public entry point -------------------------------------------------------------------------

def _lke_workbook(path: Path) -> bool:
    cwb = open_calamine(path)
    try:
        return any(n.strip().casefold() == "lke zi" for n in cwb.sheet_names)
    finally:
        cwb.close()


def build_checklist(workbook_path: str | Path, evidence_dir: str | Path, *, as_of: dt.date | None = None,
                    include_lke: bool = False, catalogue: Catalogue | None = None,
                    scan_result: ScanResult | None = None, workers: int | None = None,
                    progress: Callable[[int, int], None] | None = None) -> Checklist:
    """The checklist of ``workbook_path`` against the files in ``evidence_dir``.

    ``as_of`` overrides the reporting period of Identitas (Tahun + Periode Laporan) as the
    cut-off: quarters and months after it are not yet due, files dated after it are flagged.
    ``include_lke`` adds every LKE ZI indicator's evidence to a work-plan checklist.
    """
    wb = Path(workbook_path)
    cat = catalogue or load_catalogue()
    notes: list[str] = []
    if _lke_workbook(wb):
        kind, unit = LKE_KIND, ""
        year = as_of.year if as_of else None
        cutoff = as_of
        period = f"s.d. {format_tanggal(as_of)}" if as_of else "LKE ZI"
        reqs = lke_requirements(cat)
    else:
        with time_budget(wb):  # the unit's workbook within its time budget (the evidence files have theirs)
            data = open_workbook(wb)
            kind = data.schema.kind
            unit = str(data.identitas.values.get("nama_unit") or "")
            year, quarter, cutoff, period = _period(data.identitas.values, as_of)
            evidence = require_capability(data.schema, "evidence", path=wb)
            reqs = evidence.requirements(data, cat, year=year, quarter=quarter, cutoff=cutoff, as_of=as_of)
            del data
        if include_lke:
            reqs += lke_requirements(cat)
        for r in reqs:
            for ref in r.refs:
                if not safe_ref(ref):
                    msg = (f"Referensi Bukti '{ref}' ({r.origin}) menunjuk ke luar folder bukti; diabaikan. "
                           "Tulis nama file saja.")
                    if msg not in notes:
                        notes.append(msg)
    seen: set[str] = set()
    for r in reqs:
        if r.id in seen:
            raise UnreadableInputError(f"id kebutuhan bukti ganda: {r.id}", path=wb)
        seen.add(r.id)
    result = scan_result or scan(evidence_dir, workers=workers, progress=progress)
    file_facts = [facts(e, cat, year) for e in result.files]
    items, unmatched = match_requirements(reqs, file_facts, year=year, cutoff=cutoff)
    return Checklist(wb, Path(evidence_dir), kind, unit, year, period, cutoff, cat.version, items, unmatched,
                     result.skipped, result, notes)
