"""Indonesian working days: Monday–Friday that are neither a public holiday nor *cuti bersama*.

One calendar for every rule that counts days (gift report deadlines, "Min 1x per Hari"
compliance). Public holidays and the government's *cuti bersama* come from the package
``holidays`` (country ``ID``, categories ``public`` and ``government``), which follows the
yearly Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

CATEGORIES = ("public", "government")
SOURCE = ("SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB tentang hari libur nasional "
          "dan cuti bersama (setiap tahun)")


@lru_cache(maxsize=32)
def holidays_of(year: int) -> holidays.HolidayBase:
    """Public holidays and *cuti bersama* of one year."""
    return holidays.country_holidays("ID", years=[year], categories=CATEGORIES, language="id")


def days_off(year: int) -> dict[dt.date, str]:
    """Every public holiday and *cuti bersama* of ``year`` with its name, in date order."""
    return dict(sorted(holidays_of(year).items()))


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday and not an Indonesian public holiday or *cuti bersama*."""
    return day.weekday() < 5 and day not in holidays_of(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (the day itself is not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days(year: int) -> list[dt.date]:
    """Every working day of a year."""
    day = dt.date(year, 1, 1)
    out = []
    while day.year == year:
        if is_working_day(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def package_version() -> str:
    return str(getattr(holidays, "__version__", "?"))
