"""Progress of the SPI follow-up action plan (``tindak-lanjut-spi``, seed 004 Lampiran I).

Each action has a success criterion ("Kriteria dan Ukuran Keberhasilan"). Seed 004
uses two kinds, and we compute progress accordingly from the latest *Pemantauan*
report on or before ``as_of``:

* "… dibuktikan dengan laporan … diberikan nilai 100" → the reported *Nilai (0-100)*
  (or 100 when the status is *Selesai* and no value was given);
* "Dihitung berdasarkan % pengaduan yang telah ditindaklanjuti" → Realisasi / Target × 100
  (capped at 100);
* anything else → by status: Selesai 100, Dalam Proses 50, Belum Dilaksanakan 0.

An action is overdue when the last month of its *Waktu Pelaksanaan* ("Mei 2024",
"Oktober - Desember 2024", "Triwulan II: Juni 2024 …") has ended before ``as_of``
and its progress is below 100.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.indonesian import format_tanggal, parse_period_months
from toolkit.kinds import tindak_lanjut_spi
from toolkit.workbook.reader import WorkbookData

MEASURE_SCORE = "nilai"
MEASURE_PERCENT = "persentase"
MEASURE_STATUS = "status"
STATUS_PROGRESS = {"selesai": 100.0, "dalam proses": 50.0, "belum dilaksanakan": 0.0}


def measure_kind(criterion: str) -> str:
    text = criterion.casefold()
    if re.search(r"nilai\s*100", text):
        return MEASURE_SCORE
    if "%" in text or "persen" in text:
        return MEASURE_PERCENT
    return MEASURE_STATUS


@dataclass
class ActionProgress:
    no: int
    kegiatan: str
    kriteria: str
    measure: str
    penanggung_jawab: str
    waktu: str
    months: list[tuple[int, int]]
    due: dt.date | None
    next_due: dt.date | None
    progress: float
    status: str
    last_report: dt.date | None
    target: float | None
    realisasi: float | None
    overdue: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"no": self.no, "kegiatan": self.kegiatan, "kriteria": self.kriteria, "ukuran": self.measure,
                "penanggung_jawab": self.penanggung_jawab, "waktu_pelaksanaan": self.waktu,
                "tenggat": self.due.isoformat() if self.due else None,
                "tenggat_berikutnya": self.next_due.isoformat() if self.next_due else None,
                "progres_persen": round(self.progress, 2), "status": self.status,
                "pemantauan_terakhir": self.last_report.isoformat() if self.last_report else None,
                "target": self.target, "realisasi": self.realisasi, "terlambat": self.overdue, "catatan": self.note}


@dataclass
class SpiProgress:
    unit: str
    as_of: dt.date
    actions: list[ActionProgress]

    @property
    def overall(self) -> float | None:
        return None if not self.actions else sum(a.progress for a in self.actions) / len(self.actions)

    @property
    def overdue(self) -> list[ActionProgress]:
        return [a for a in self.actions if a.overdue]

    @property
    def completed(self) -> list[ActionProgress]:
        return [a for a in self.actions if a.progress >= 100]

    def table(self) -> list[dict[str, Any]]:
        return [{"no": a.no, "kegiatan": a.kegiatan[:80], "ukuran": a.measure, "progres_persen": round(a.progress, 2),
                 "status": a.status, "waktu_pelaksanaan": a.waktu,
                 "tenggat": format_tanggal(a.due) if a.due else "-", "terlambat": "Ya" if a.overdue else "Tidak",
                 "catatan": a.note} for a in self.actions]

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "per_tanggal": self.as_of.isoformat(),
                "progres_rata_rata_persen": None if self.overall is None else round(self.overall, 2),
                "jumlah_kegiatan": len(self.actions), "selesai": len(self.completed),
                "terlambat": [a.no for a in self.overdue], "kegiatan": [a.to_dict() for a in self.actions]}


def _num(v: object) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _date(v: object) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    return v if isinstance(v, dt.date) else None


def spi_progress(data: WorkbookData, as_of: dt.date | None = None) -> SpiProgress:
    if data.schema.kind != tindak_lanjut_spi.SCHEMA.kind:
        raise UnreadableInputError(f"progres SPI hanya untuk workbook tindak-lanjut-spi, bukan '{data.schema.kind}'.",
                                   path=data.path)
    as_of = as_of or dt.date.today()
    year = data.year if isinstance(data.year, int) else as_of.year
    reports: dict[int, list[Any]] = {}
    for rec in data.records("pemantauan"):
        day = _date(rec.get("tanggal"))
        if day is None or day > as_of or not isinstance(rec.get("no_kegiatan"), int):
            continue
        reports.setdefault(rec.get("no_kegiatan"), []).append((day, rec.row, rec))
    actions = []
    for rec in data.records("lampiran1"):
        no = rec.get("no")
        if not isinstance(no, int):
            continue
        kriteria = str(rec.get("kriteria") or "")
        kind = measure_kind(kriteria)
        waktu_raw = rec.raw.get("waktu")
        waktu = str(rec.get("waktu") if rec.get("waktu") is not None else (waktu_raw or ""))
        if hasattr(rec.get("waktu"), "label"):
            waktu = str(waktu_raw)
        months = parse_period_months(waktu_raw if waktu_raw is not None else waktu, default_year=year)
        ends = [dt.date(y, m, _cal.monthrange(y, m)[1]) for y, m in months]
        due = max(ends) if ends else None
        next_due = min((e for e in ends if e >= as_of), default=None)
        latest = max(reports.get(no, []), default=None, key=lambda t: (t[0], t[1]))
        progress, status, target, real, note = 0.0, "Belum Dilaksanakan", None, None, ""
        last_date = None
        if latest is not None:
            last_date, _row, rep = latest
            status = str(rep.get("status") or status)
            target, real = _num(rep.get("target")), _num(rep.get("realisasi"))
            nilai = _num(rep.get("nilai"))
            if kind == MEASURE_PERCENT:
                if target and real is not None:
                    progress = min(100.0, 100.0 * real / target)
                elif target == 0:
                    progress, note = 100.0, "tidak ada pengaduan yang harus ditindaklanjuti"
                elif nilai is not None:
                    progress = nilai
                else:
                    note = "Target/Realisasi belum diisi"
            elif kind == MEASURE_SCORE:
                if nilai is not None:
                    progress = nilai
                elif status.casefold() == "selesai":
                    progress, note = 100.0, "Selesai tanpa nilai; dianggap 100"
            else:
                progress = nilai if nilai is not None else STATUS_PROGRESS.get(status.casefold(), 0.0)
        else:
            note = "belum ada pemantauan"
        progress = max(0.0, min(100.0, progress))
        if not months:
            note = (note + "; " if note else "") + "Waktu Pelaksanaan tidak terbaca"
        overdue = due is not None and as_of > due and progress < 100
        actions.append(ActionProgress(no, str(rec.get("kegiatan") or ""), kriteria, kind,
                                      str(rec.get("penanggung_jawab") or ""), waktu, months, due, next_due,
                                      progress, status, last_date, target, real, overdue, note))
    unit = str(data.identitas.values.get("nama_unit") or data.path.stem)
    return SpiProgress(unit, as_of, actions)
