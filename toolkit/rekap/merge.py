"""Decide, for every file and every unit, what the recap does with it.

The rules (issue 5, "merge semantics that survive reality"):

* a file that cannot be read is listed with its reason (*Tidak Terbaca*); the run goes on;
* a file of another workbook kind is listed (*Jenis Lain*);
* a unit is identified by Identitas > Kode Unit, or failing that by its exact name, in
  the unit list; a file of a unit not in the list is listed (*Unit Tidak Dikenal*);
* when a unit sent more than one file the newer wins, by Identitas > Tanggal Pengisian
  and then by the file's modification time; the others are listed as *Digantikan*
  with the file that replaced them (both appear in the *Daftar File* sheet);
* a unit of the list without an accepted file is *Belum Mengirim*.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from toolkit.indonesian import format_tanggal
from toolkit.kinds import rencana_aksi_zi
from toolkit.rekap.extract import READ_OK, Submission
from toolkit.rekap.units import Unit, UnitList, deadline_for, normalize_code
from toolkit.schemas import WorkbookSchema, get_schema
from toolkit.schemas.coerce import clean_text, is_blank

ACCEPTED = "Diterima"
SUPERSEDED = "Digantikan"
UNKNOWN_UNIT = "Unit Tidak Dikenal"
UNREADABLE = "Tidak Terbaca"
OTHER_KIND = "Jenis Lain"
FILE_STATUSES = (ACCEPTED, SUPERSEDED, UNKNOWN_UNIT, UNREADABLE, OTHER_KIND)


@dataclass
class FileEntry:
    submission: Submission
    status: str
    reason: str = ""
    unit: Unit | None = None


@dataclass
class UnitStatus:
    unit: Unit
    submission: Submission | None = None
    superseded: list[Submission] = field(default_factory=list)
    deadline: dt.date | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def submitted(self) -> bool:
        return self.submission is not None

    @property
    def sent_on(self) -> dt.date | None:
        """Tanggal Kirim: Identitas > Tanggal Pengisian, else the file's modification date."""
        sub = self.submission
        if sub is None:
            return None
        return sub.tanggal_pengisian or dt.datetime.fromtimestamp(sub.mtime).date()

    @property
    def on_time(self) -> bool | None:
        if self.submission is None or self.deadline is None:
            return None
        sent = self.sent_on
        return sent is not None and sent <= self.deadline


@dataclass
class RekapResult:
    schema: WorkbookSchema
    units: list[UnitStatus]
    files: list[FileEntry]
    generated_at: dt.datetime
    period: tuple[int | None, str | None] = (None, None)
    unit_list_given: bool = True

    def by_status(self, status: str) -> list[FileEntry]:
        return [f for f in self.files if f.status == status]

    @property
    def accepted(self) -> list[UnitStatus]:
        return [u for u in self.units if u.submission is not None]

    @property
    def missing(self) -> list[UnitStatus]:
        return [u for u in self.units if u.submission is None]

    @property
    def late(self) -> list[UnitStatus]:
        return [u for u in self.units if u.on_time is False]

    def period_label(self) -> str:
        year, period = self.period
        return " ".join(str(x) for x in (period, year) if x) or "-"

    def rows_accepted(self, sheet_key: str) -> int:
        return sum(u.submission.row_counts.get(sheet_key, 0) for u in self.accepted if u.submission)

    def counts(self) -> dict[str, int]:
        return {
            "unit": len(self.units), "mengirim": len(self.accepted), "belum": len(self.missing),
            "terlambat": len(self.late), "file": len(self.files),
            **{status: len(self.by_status(status)) for status in FILE_STATUSES},
        }


def _newness(sub: Submission) -> tuple[dt.date, float, str]:
    return (sub.tanggal_pengisian or dt.date.min, sub.mtime, sub.path)


def _describe(sub: Submission) -> str:
    when = sub.tanggal_pengisian
    stamp = dt.datetime.fromtimestamp(sub.mtime).strftime("%d-%m-%Y %H:%M") if sub.mtime else "-"
    return (f"{sub.name} (Tanggal Pengisian {format_tanggal(when) if when else 'kosong'}, "
            f"waktu file {stamp})")


def choose_kind(subs: list[Submission], kind: str | None) -> WorkbookSchema:
    """The kind asked for, else the kind most of the readable files are."""
    if kind:
        return get_schema(kind)
    counted = Counter(s.kind for s in subs if s.read_status == READ_OK and s.kind)
    if not counted:
        return rencana_aksi_zi.SCHEMA  # nothing readable: the recap of the ZI action plans
    return get_schema(counted.most_common(1)[0][0])


def resolve(subs: list[Submission], unit_list: UnitList | None, *, kind: str | None = None,
            default_deadline: dt.date | None = None, now: dt.datetime | None = None) -> RekapResult:
    schema = choose_kind(subs, kind)
    files: list[FileEntry] = []
    candidates: dict[str, list[tuple[Submission, Unit]]] = {}
    ad_hoc: dict[str, Unit] = {}
    for sub in sorted(subs, key=lambda s: s.path):
        if sub.read_status != READ_OK:
            files.append(FileEntry(sub, UNREADABLE, sub.reason))
            continue
        if sub.kind != schema.kind:
            files.append(FileEntry(sub, OTHER_KIND, f"workbook berjenis '{sub.kind}', rekap ini '{schema.kind}'."))
            continue
        kode, nama = sub.kode_unit, sub.nama_unit
        unit: Unit | None
        if unit_list is not None:
            unit = unit_list.find(kode, nama)
            if unit is None:
                shown = clean_text(kode) if not is_blank(kode) else "kosong"
                files.append(FileEntry(sub, UNKNOWN_UNIT,
                                       f"Kode Unit '{shown}' (Nama Unit '{clean_text(nama) if nama else '-'}') "
                                       "tidak ada di daftar unit."))
                continue
        else:
            code = normalize_code(kode) or normalize_code(nama)
            if not code:
                files.append(FileEntry(sub, UNKNOWN_UNIT, "Kode Unit dan Nama Unit di Identitas kosong."))
                continue
            unit = ad_hoc.setdefault(code, Unit(kode=clean_text(kode or nama), nama=clean_text(nama or kode),
                                                jenis=clean_text(sub.identitas.get("jenis_unit") or ""),
                                                induk=clean_text(sub.identitas.get("unit_induk") or "")))
        candidates.setdefault(unit.key, []).append((sub, unit))
    winners: dict[str, Submission] = {}
    losers: dict[str, list[Submission]] = {}
    for key, entries in candidates.items():
        ordered = sorted(entries, key=lambda e: _newness(e[0]), reverse=True)
        win, unit = ordered[0]
        winners[key] = win
        files.append(FileEntry(win, ACCEPTED, "" if len(ordered) == 1 else
                               f"terbaru dari {len(ordered)} kiriman unit ini", unit))
        for sub, _u in ordered[1:]:
            same = " (isi file sama persis)" if sub.sha256 == win.sha256 else ""
            files.append(FileEntry(sub, SUPERSEDED, f"digantikan oleh kiriman yang lebih baru: "
                                   f"{_describe(win)}{same}; kiriman ini: {_describe(sub)}.", unit))
        losers[key] = [s for s, _u in ordered[1:]]
    units_src = list(unit_list) if unit_list is not None else sorted(ad_hoc.values(), key=lambda u: u.key)
    periods = Counter((s.identitas.get("tahun"), s.identitas.get("periode")) for s in winners.values())
    period = periods.most_common(1)[0][0] if periods else (None, None)
    sheet_deadlines = unit_list.period_deadlines if unit_list is not None else {}
    units = []
    for u in units_src:
        won = winners.get(u.key)
        # lateness is measured against the period the workbook reports on (the run's period when none was sent)
        tahun, periode = (won.identitas.get("tahun"), won.identitas.get("periode")) if won else period
        deadline, note = deadline_for(u, tahun, periode, period_deadlines=sheet_deadlines, default=default_deadline)
        us = UnitStatus(u, won, losers.get(u.key, []), deadline)
        if note:
            us.notes.append(note)
        units.append(us)
    unreadable = [f.submission for f in files if f.status == UNREADABLE]
    for us in units:
        if us.submission is None and us.unit.key:
            for sub in unreadable:
                if sub.name and us.unit.key == normalize_code(sub.name.replace("_", " ").split()[0]):
                    us.notes.append(f"ada file tidak terbaca yang mungkin milik unit ini: {sub.name}")
    order = {status: i for i, status in enumerate(FILE_STATUSES)}
    files.sort(key=lambda f: (order[f.status], f.submission.path))
    return RekapResult(schema, units, files, now or dt.datetime.now().replace(microsecond=0), period,
                       unit_list is not None)
