"""Activity-frequency compliance for ``kalender-integritas`` (seed 000, ToR bagian III).

Each activity of the calendar has a minimum frequency per period ("Min 1x" per
Hari/Minggu/Bulan/Triwulan/Semester/Tahunan). From the *Realisasi* log we count,
per activity and period, how often it was held and whether the minimum was met.
"Hari" means every Indonesian working day: Monday–Friday that is neither a public
holiday nor *cuti bersama* (:mod:`toolkit.rules.calendar`, the calendar of the gift
deadlines). Periods that have not ended by ``as_of`` and are not met yet are *berjalan* (in progress) and not counted.

Themed material (sheet *Materi Tematik*, e.g. "Integritas seorang Pemimpin
(Februari)") is delivered when a realisation of that activity in that month or
quarter names the theme in *Materi Disampaikan* — matched tolerantly (case,
punctuation, quotes and word order do not matter; most of the theme's words
must be there).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.indonesian import MONTHS_FULL, format_tanggal, parse_month, parse_quarter, quarter_label
from toolkit.kinds import kalender_integritas
from toolkit.rules import calendar
from toolkit.workbook.reader import WorkbookData

STATUS_MET = "terpenuhi"
STATUS_MISSED = "tidak terpenuhi"
STATUS_RUNNING = "berjalan"
STOPWORDS = {"dan", "yang", "dalam", "di", "ke", "dari", "untuk", "pada", "atau", "serta", "dengan", "adalah",
             "the", "of", "is", "our", "seorang", "segala", "materi", "tematik"}


@dataclass
class PeriodCheck:
    label: str
    start: dt.date
    end: dt.date
    count: int
    required: int
    status: str

    @property
    def met(self) -> bool:
        return self.status == STATUS_MET


@dataclass
class ActivityCompliance:
    kelompok: str
    no: int
    momen: str
    frequency: str
    unit: str  # satuan
    periods: list[PeriodCheck]

    @property
    def evaluated(self) -> list[PeriodCheck]:
        return [p for p in self.periods if p.status != STATUS_RUNNING]

    @property
    def met_count(self) -> int:
        return sum(1 for p in self.evaluated if p.met)

    @property
    def percent(self) -> float | None:
        ev = self.evaluated
        return None if not ev else 100.0 * self.met_count / len(ev)

    @property
    def realised(self) -> int:
        return sum(p.count for p in self.periods)


@dataclass
class ThemeCheck:
    kelompok: str
    no: int
    period: str
    theme: str
    status: str  # terpenuhi / tidak terpenuhi / berjalan
    matched_date: dt.date | None = None
    matched_text: str = ""


@dataclass
class ComplianceResult:
    unit: str
    year: int
    as_of: dt.date
    activities: list[ActivityCompliance]
    themes: list[ThemeCheck]
    unknown_realisations: list[int] = field(default_factory=list)  # Excel rows not in the calendar

    @property
    def frequency_percent(self) -> float | None:
        ev = sum(len(a.evaluated) for a in self.activities)
        return None if not ev else 100.0 * sum(a.met_count for a in self.activities) / ev

    @property
    def theme_percent(self) -> float | None:
        ev = [t for t in self.themes if t.status != STATUS_RUNNING]
        return None if not ev else 100.0 * sum(1 for t in ev if t.status == STATUS_MET) / len(ev)

    @property
    def percent(self) -> float | None:
        """Compliance % of the unit: met periods and delivered themes over all evaluated ones."""
        ev = sum(len(a.evaluated) for a in self.activities)
        met = sum(a.met_count for a in self.activities)
        themes = [t for t in self.themes if t.status != STATUS_RUNNING]
        ev += len(themes)
        met += sum(1 for t in themes if t.status == STATUS_MET)
        return None if not ev else 100.0 * met / ev

    def table(self) -> list[dict[str, Any]]:
        """One row per activity (for the terminal, the xlsx sheet and reports)."""
        rows = []
        for a in self.activities:
            themes = [t for t in self.themes if t.kelompok == a.kelompok and t.no == a.no]
            missed = [p.label for p in a.evaluated if not p.met]
            rows.append({
                "kelompok": a.kelompok, "no": a.no, "kegiatan": a.momen, "frekuensi": f"{a.frequency} per {a.unit}",
                "periode_dinilai": len(a.evaluated), "periode_terpenuhi": a.met_count,
                "kepatuhan_persen": None if a.percent is None else round(a.percent, 2),
                "jumlah_realisasi": a.realised,
                "tema_wajib": len([t for t in themes if t.status != STATUS_RUNNING]),
                "tema_tersampaikan": len([t for t in themes if t.status == STATUS_MET]),
                "periode_tidak_terpenuhi": ", ".join(missed[:12]) + (" …" if len(missed) > 12 else ""),
            })
        return rows

    def to_dict(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 2)
        return {
            "unit": self.unit, "tahun": self.year, "per_tanggal": self.as_of.isoformat(),
            "kepatuhan_persen": r(self.percent), "kepatuhan_frekuensi_persen": r(self.frequency_percent),
            "kepatuhan_tema_persen": r(self.theme_percent),
            "kegiatan": self.table(),
            "periode": [{"kelompok": a.kelompok, "no": a.no, "periode": p.label, "mulai": p.start.isoformat(),
                         "selesai": p.end.isoformat(), "jumlah": p.count, "minimal": p.required, "status": p.status}
                        for a in self.activities for p in a.periods],
            "tema": [{"kelompok": t.kelompok, "no": t.no, "periode": t.period, "tema": t.theme, "status": t.status,
                      "tanggal": t.matched_date.isoformat() if t.matched_date else None, "materi": t.matched_text}
                     for t in self.themes],
            "realisasi_tanpa_kegiatan": list(self.unknown_realisations),
        }


# --- periods ----------------------------------------------------------------------------

def working_days(year: int) -> list[dt.date]:
    """Indonesian working days of a year: Monday–Friday that are neither public holidays nor *cuti bersama*."""
    return calendar.working_days(year)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def periods_for(unit: str, year: int) -> list[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of every period of a unit (satuan) in a year."""
    key = unit.strip().casefold()
    if key == "hari":
        return [(format_tanggal(d), d, d) for d in working_days(year)]
    if key == "minggu":
        out = []
        wd = set(working_days(year))
        start = dt.date(year, 1, 1) - dt.timedelta(days=dt.date(year, 1, 1).weekday())
        while start.year <= year:
            end = start + dt.timedelta(days=6)
            s, e = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
            if any(s + dt.timedelta(days=i) in wd for i in range((e - s).days + 1)):
                out.append((f"Minggu {format_tanggal(s)}", s, e))
            start += dt.timedelta(days=7)
            if start > dt.date(year, 12, 31):
                break
        return out
    if key == "bulan":
        return [(f"{MONTHS_FULL[m - 1]} {year}", dt.date(year, m, 1), _month_end(year, m)) for m in range(1, 13)]
    if key == "triwulan":
        return [(f"{quarter_label(q)} {year}", dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
                for q in range(1, 5)]
    if key == "semester":
        return [(f"Semester I {year}", dt.date(year, 1, 1), dt.date(year, 6, 30)),
                (f"Semester II {year}", dt.date(year, 7, 1), dt.date(year, 12, 31))]
    if key in ("tahunan", "tahun"):
        return [(f"Tahun {year}", dt.date(year, 1, 1), dt.date(year, 12, 31))]
    raise UnreadableInputError(f"satuan periode '{unit}' tidak dikenal (Hari, Minggu, Bulan, Triwulan, "
                               "Semester, Tahunan).")


# --- theme matching -----------------------------------------------------------------------

def _words(text: str) -> list[str]:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"\([^)]*\)", " ", s)  # "(Februari)" is the period, not the theme
    return [w for w in re.findall(r"[0-9a-z]+", s) if w not in STOPWORDS and len(w) >= 3]


def theme_matches(theme: str, delivered: str) -> bool:
    """Tolerant match of a required theme against the material text that was delivered."""
    want = _words(theme)
    have = _words(delivered)
    if not want or not have:
        return False
    have_set = set(have)

    def present(w: str) -> bool:
        return w in have_set or any(SequenceMatcher(None, w, h).ratio() >= 0.85 for h in have_set)

    hits = sum(1 for w in want if present(w))
    return hits / len(want) >= 0.7


# --- computation ----------------------------------------------------------------------------

def _text(v: object) -> str:
    return "" if v is None else str(v).strip()


def calendar_compliance(data: WorkbookData, as_of: dt.date | None = None) -> ComplianceResult:
    """Compliance of one unit's kalender-integritas workbook."""
    if data.schema.kind != kalender_integritas.SCHEMA.kind:
        raise UnreadableInputError(f"kepatuhan kalender hanya untuk workbook kalender-integritas, bukan "
                                   f"'{data.schema.kind}'.", path=data.path)
    year = data.year
    if not isinstance(year, int):
        raise UnreadableInputError("Tahun di sheet Identitas kosong atau tidak terbaca; kepatuhan dihitung per tahun.",
                                   path=data.path, sheet="Identitas", cell=data.identitas.cells.get("tahun"))
    if as_of is None:
        filled = data.identitas.values.get("tanggal_pengisian")
        as_of = filled if isinstance(filled, dt.date) and filled.year == year else dt.date(year, 12, 31)
    unit = _text(data.identitas.values.get("nama_unit")) or data.path.stem
    # realisations by (kelompok, no)
    done: dict[tuple[str, int], list[tuple[dt.date, str]]] = {}
    calendar_keys = set()
    activities_rec = [r for r in data.records("kalender") if r.get("kelompok") and isinstance(r.get("no"), int)]
    for rec in activities_rec:
        calendar_keys.add((_text(rec.get("kelompok")).casefold(), rec.get("no")))
    unknown: list[int] = []
    for rec in data.records("realisasi"):
        day = rec.get("tanggal")
        key = (_text(rec.get("kelompok")).casefold(), rec.get("no_kegiatan"))
        if not isinstance(day, dt.date):
            continue
        if isinstance(day, dt.datetime):
            day = day.date()
        if key not in calendar_keys:
            unknown.append(rec.row)
            continue
        if day.year == year and day <= as_of:
            done.setdefault(key, []).append((day, _text(rec.get("materi"))))
    activities: list[ActivityCompliance] = []
    for rec in activities_rec:
        key = (_text(rec.get("kelompok")).casefold(), rec.get("no"))
        freq = rec.get("frekuensi")
        times = getattr(freq, "times", 1) or 1
        label = freq.label() if hasattr(freq, "label") else (_text(rec.raw.get("frekuensi")) or "Min 1x")
        unit_name = _text(rec.get("satuan")) or "Bulan"
        dates = sorted(d for d, _m in done.get(key, []))
        checks = []
        for plabel, start, end in periods_for(unit_name, year):
            if start > as_of:
                continue
            count = sum(1 for d in dates if start <= d <= end)
            status = STATUS_MET if count >= times else (STATUS_RUNNING if end > as_of else STATUS_MISSED)
            checks.append(PeriodCheck(plabel, start, end, count, times, status))
        activities.append(ActivityCompliance(_text(rec.get("kelompok")), rec.get("no"), _text(rec.get("momen")),
                                             label, unit_name, checks))
    themes: list[ThemeCheck] = []
    for rec in data.records("tema"):
        key = (_text(rec.get("kelompok")).casefold(), rec.get("no_kegiatan"))
        period = _text(rec.get("periode"))
        month = parse_month(period)
        quarter = parse_quarter(period)
        if month:
            start, end = dt.date(year, month, 1), _month_end(year, month)
        elif quarter:
            start, end = dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        else:
            continue
        if start > as_of:
            continue
        theme = _text(rec.get("tema"))
        hit = next(((d, m) for d, m in sorted(done.get(key, [])) if start <= d <= end and theme_matches(theme, m)),
                   None)
        status = STATUS_MET if hit else (STATUS_RUNNING if end > as_of else STATUS_MISSED)
        themes.append(ThemeCheck(_text(rec.get("kelompok")), rec.get("no_kegiatan"), period, theme, status,
                                 hit[0] if hit else None, hit[1] if hit else ""))
    return ComplianceResult(unit, year, as_of, activities, themes, unknown)
