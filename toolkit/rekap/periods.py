"""Reporting periods: which months a period covers, when it ends, and how periods are ordered.

A workbook reports on one period (Identitas > Tahun and Periode: "TW I".."TW IV",
"Semester I", "Semester II", "Tahunan"). Deadlines, lateness, plan realisation and
trends are all measured against *that* period, never against another one.
"""

from __future__ import annotations

import datetime as dt
import re

from toolkit.indonesian import QUARTERS, parse_quarter
from toolkit.schemas.common import PERIODE_LAPORAN

SEMESTERS = ("Semester I", "Semester II")
ANNUAL = "Tahunan"


def normalize_period(value: object) -> str | None:
    """"tw 2", "Triwulan II", "TW II" → "TW II"; "semester 1", "Smt II" → "Semester I/II"; "Tahunan"."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    q = parse_quarter(text)
    if q is not None:
        return QUARTERS[q - 1]
    m = re.match(r"^(?:semester|smt|sem|s)\s*[-.]?\s*(ii|i|2|1)$", text, re.IGNORECASE)
    if m:
        return SEMESTERS[0 if m.group(1).upper() in ("I", "1") else 1]
    if text.casefold() in ("tahunan", "tahun", "setahun", "annual"):
        return ANNUAL
    return None


def period_months(periode: str | None) -> tuple[int, ...]:
    """Months covered by a period (the whole year when the period is unknown)."""
    p = normalize_period(periode)
    if p in QUARTERS:
        q = QUARTERS.index(p) + 1
        return tuple(range(3 * q - 2, 3 * q + 1))
    if p == SEMESTERS[0]:
        return tuple(range(1, 7))
    if p == SEMESTERS[1]:
        return tuple(range(7, 13))
    return tuple(range(1, 13))


def period_end(year: int, periode: str | None) -> dt.date:
    """Last day of the period (31 Desember for Tahunan or an unknown period)."""
    last = period_months(periode)[-1]
    if last == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, last + 1, 1) - dt.timedelta(days=1)


def period_order(periode: str | None) -> int:
    """Sort key within a year: TW I < TW II < Semester I … (by end month, quarters first)."""
    p = normalize_period(periode)
    if p is None:
        return 99
    return period_months(p)[-1] * 10 + PERIODE_LAPORAN.index(p)


def period_key(tahun: object, periode: object) -> tuple[int, int]:
    try:
        year = int(float(str(tahun)))
    except ValueError:
        year = 0
    return (year, period_order(periode if isinstance(periode, str) else None))


def period_label(tahun: object, periode: object) -> str:
    """"TW II 2026" (what a person reads)."""
    p = normalize_period(periode) or (str(periode) if periode else "")
    year = str(int(tahun)) if isinstance(tahun, (int, float)) and not isinstance(tahun, bool) else str(tahun or "")
    return " ".join(x for x in (p, year) if x) or "-"
