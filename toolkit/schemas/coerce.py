"""Turn what people type into cells into typed values, tolerantly, and say why when we can't.

One function per column type. Each returns a :class:`Coerced` with the typed value
(or ``None`` for a blank cell) and, when the text cannot be read, a problem code
and an Indonesian message that validation turns into a finding. Nothing here
raises on bad cell content: a spreadsheet is untrusted input.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toolkit import indonesian as idn
from toolkit.schemas.model import ColumnType, normalize_choice

T = ColumnType


@dataclass(frozen=True)
class Coerced:
    value: Any
    problem: str | None = None  # stable code: "type.integer", "choice", …
    message: str | None = None
    canonical_from_alias: bool = False  # value came from an accepted other spelling


@dataclass(frozen=True)
class Frequency:
    """"Min 2x" per period: at least ``times`` times (``exact`` for "1x")."""

    times: int
    at_least: bool

    def label(self) -> str:
        return f"Min {self.times}x" if self.at_least else f"{self.times}x"


BLANK = Coerced(None)

# No count, rupiah amount or percent in these workbooks comes near Rp 1.000 triliun (1e15); past it a
# number is a typing accident or a hostile file (1e308: two of them sum to infinity, 1e30 overflows the
# rupiah arithmetic). Such a cell is a type problem like a text in a number column: reported with its
# cell, and never summed, averaged or taxed (every analysis skips cells with a problem).
MAX_NUMBER = 1e15
TOO_LARGE = "di luar batas angka yang wajar (lebih dari 1.000 triliun)"


def too_large(n: float) -> bool:
    """Beyond ±MAX_NUMBER (NaN and infinity included)."""
    return not -MAX_NUMBER <= n <= MAX_NUMBER


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def clean_text(value: object) -> str:
    if value.__class__ is str:  # the common case first (same result as the last line)
        return value.strip()  # type: ignore[attr-defined, no-any-return]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not -1e20 < value < 1e20:
        return idn.format_value(value)  # 1E+308, not 309 digits (a 16-18 digit NIK/NIP keeps every digit)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return idn.format_tanggal(value)
    if isinstance(value, dt.date):
        return idn.format_tanggal(value)
    return str(value).strip()


_NUM_ID = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567,5
_NUM_PLAIN = re.compile(r"^[-+]?\d+([.,]\d+)?$")


def parse_number(value: object) -> float | None:
    """12, 12.5, "12,5", "1.234.567", "Rp 1.500.000", "75 %" → float; None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            n = float(value)
        except OverflowError:  # an int past the float range
            return float("inf")
        return None if math.isnan(n) else n
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    text = re.sub(r"^(rp\.?)", "", text, flags=re.IGNORECASE).rstrip("%")
    if _NUM_ID.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if _NUM_PLAIN.match(text):
        return float(text.replace(",", "."))
    return None


def _text(value: object, **_: Any) -> Coerced:
    return Coerced(clean_text(value))


def _integer(value: object, **_: Any) -> Coerced:
    n = parse_number(value)
    if n is not None and too_large(n):
        return Coerced(clean_text(value), "type.range", TOO_LARGE)
    if n is None or not float(n).is_integer():
        return Coerced(clean_text(value), "type.integer", "harus bilangan bulat")
    return Coerced(int(n))


def _number(value: object, **_: Any) -> Coerced:
    n = parse_number(value)
    if n is None:
        return Coerced(clean_text(value), "type.number", "harus angka")
    if too_large(n):
        return Coerced(clean_text(value), "type.range", TOO_LARGE)
    return Coerced(int(n) if n.is_integer() else n)


def _percent(value: object, **_: Any) -> Coerced:
    n = parse_number(value)
    if n is None:
        return Coerced(clean_text(value), "type.percent", "harus angka persen 0 sampai 100")
    if too_large(n):
        return Coerced(clean_text(value), "type.range", TOO_LARGE)
    if isinstance(value, float) and 0 < value < 1 and not str(value).endswith("%"):
        # a cell formatted as % holds 0.75 for 75 %
        n = round(value * 100, 6)
    return Coerced(int(n) if float(n).is_integer() else n)


def _date(value: object, **_: Any) -> Coerced:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        # a date serial that lost its format
        return Coerced(dt.date(1899, 12, 30) + dt.timedelta(days=int(value)))
    d = idn.parse_tanggal(value)
    if d is None:
        return Coerced(clean_text(value), "type.date", "harus tanggal, mis. 6 April 2023 atau 06/04/2023")
    return Coerced(d)


def _month(value: object, **_: Any) -> Coerced:
    m = idn.parse_month(value)
    if m is None:
        return Coerced(clean_text(value), "type.month", "harus nama bulan, mis. Mei atau Agustus")
    return Coerced(m)


def _quarter(value: object, **_: Any) -> Coerced:
    q = idn.parse_quarter(value)
    if q is None:
        return Coerced(clean_text(value), "type.quarter", "harus TW I, TW II, TW III atau TW IV")
    return Coerced(idn.quarter_label(q))


def _year(value: object, **_: Any) -> Coerced:
    n = parse_number(value)
    if n is None or not float(n).is_integer() or not 2000 <= n <= 2100:
        return Coerced(clean_text(value), "type.year", "harus tahun empat angka, mis. 2026")
    return Coerced(int(n))


@lru_cache(maxsize=512)
def _choice_index(choices: tuple[str, ...]) -> dict[str, str]:
    """normalized value -> list value (the first one wins, as in a linear scan)."""
    index: dict[str, str] = {}
    for c in choices:
        index.setdefault(normalize_choice(c), c)
    return index


@lru_cache(maxsize=512)
def _choice_exact(choices: tuple[str, ...]) -> dict[str, str]:
    """list value as written -> what ``_choice_index`` gives for it (skips normalizing the usual exact hit)."""
    index = _choice_index(choices)
    return {c: index[normalize_choice(c)] for c in choices}


def match_choice(text: str, choices: tuple[str, ...],
                 aliases: Mapping[str, str] | None = None) -> tuple[str | None, bool]:
    """Canonical list value for ``text`` (case/space tolerant), and whether an alias was used."""
    exact = _choice_exact(choices if choices.__class__ is tuple else tuple(choices)).get(text)
    if exact is not None:
        return exact, False
    key = normalize_choice(text)
    found = _choice_index(tuple(choices)).get(key)
    if found is not None:
        return found, False
    for alias, canonical in (aliases or {}).items():
        if normalize_choice(alias) == key:
            return canonical, True
    return None, False


def _choice(value: object, *, choices: tuple[str, ...] = (), aliases: Mapping[str, str] | None = None,
            **_: Any) -> Coerced:
    text = clean_text(value)
    found, via_alias = match_choice(text, choices, aliases)
    if found is None:
        return Coerced(text, "choice", "tidak ada dalam daftar pilihan")
    return Coerced(found, canonical_from_alias=via_alias)


_SPLIT = re.compile(r"\s*(?:[\n;]|,(?=\s*[A-Z]))\s*")


def _multi_choice(value: object, *, choices: tuple[str, ...] = (),
                  aliases: Mapping[str, str] | None = None, **_: Any) -> Coerced:
    text = clean_text(value)
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    found: list[str] = []
    unknown: list[str] = []
    for part in parts:
        c, _alias = match_choice(part, choices, aliases)
        if c is not None:
            found.append(c)
            continue
        # "Area Pengawasan APIP Area Penganggaran" written on one line (seed 004)
        rest = normalize_choice(part)
        for choice in sorted(choices, key=len, reverse=True):
            k = normalize_choice(choice)
            if k in rest:
                found.append(choice)
                rest = rest.replace(k, " ")
        if rest.strip():
            unknown.append(part)
    ordered = tuple(dict.fromkeys(found))
    if unknown:
        return Coerced(ordered, "choice", "memuat nilai di luar daftar: " + "; ".join(unknown))
    return Coerced(ordered)


_MARKS_TRUE = {"v", "✓", "✔", "√", "x", "1", "ya", "y", "●", "•", "o", "*"}
_MARKS_FALSE = {"0", "-", "tidak", "t", "n"}


def _mark(value: object, **_: Any) -> Coerced:
    if isinstance(value, bool):
        return Coerced(value)
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return Coerced(bool(value))
        return Coerced(clean_text(value), "type.mark", "isi v untuk menandai bulan, atau kosongkan")
    key = str(value).strip().casefold()
    if key in _MARKS_TRUE:
        return Coerced(True)
    if key in _MARKS_FALSE:
        return Coerced(False)
    return Coerced(clean_text(value), "type.mark", "isi v untuk menandai bulan, atau kosongkan")


def _period(value: object, *, year: int | None = None, **_: Any) -> Coerced:
    text = clean_text(value)
    months = idn.parse_period_months(value, default_year=year)
    if not months:
        return Coerced(text, "type.period", "harus menyebut bulan dan tahun, mis. Mei 2024 atau "
                                            "Januari - Desember 2024")
    return Coerced(text)


_FREQ = re.compile(r"^(min(?:imal)?\.?\s*)?(\d+)\s*(x|kali)$", re.IGNORECASE)


def parse_frequency(value: object) -> Frequency | None:
    if value is None:
        return None
    m = _FREQ.match(str(value).strip())
    if not m:
        return None
    times = int(m.group(2))
    if times < 1:
        return None
    return Frequency(times=times, at_least=bool(m.group(1)))


def _frequency(value: object, **_: Any) -> Coerced:
    f = parse_frequency(value)
    if f is None:
        return Coerced(clean_text(value), "type.frequency", "harus berbentuk Min 1x, Min 2x atau 1x")
    return Coerced(f)


def _nip(value: object, **_: Any) -> Coerced:
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        return Coerced(idn.normalize_nip(value), "type.nip_number",
                       "NIP tersimpan sebagai angka sehingga digit terakhir bisa hilang; tulis sebagai teks")
    digits = idn.normalize_nip(value)
    if not idn.is_valid_nip(digits):
        return Coerced(clean_text(value), "type.nip", "NIP harus 18 angka (tanggal lahir, TMT, jenis kelamin, "
                                                      "nomor urut), mis. 19640911 198903 1 009")
    return Coerced(digits)


def _yes_no(value: object, **_: Any) -> Coerced:
    if isinstance(value, bool):
        return Coerced("Ya" if value else "Tidak")
    key = normalize_choice(value)
    if key in ("ya", "y", "ada", "1", "true"):
        return Coerced("Ya")
    if key in ("tidak", "t", "tdk", "tidak ada", "0", "false", "n"):
        return Coerced("Tidak")
    return Coerced(clean_text(value), "choice", "harus Ya atau Tidak")


_COERCERS: dict[ColumnType, Callable[..., Coerced]] = {
    T.TEXT: _text,
    T.LONG_TEXT: _text,
    T.INTEGER: _integer,
    T.NUMBER: _number,
    T.MONEY: _number,
    T.PERCENT: _percent,
    T.DATE: _date,
    T.MONTH: _month,
    T.QUARTER: _quarter,
    T.YEAR: _year,
    T.CHOICE: _choice,
    T.MULTI_CHOICE: _multi_choice,
    T.MARK: _mark,
    T.PERIOD: _period,
    T.FREQUENCY: _frequency,
    T.NIP: _nip,
    T.YES_NO: _yes_no,
}


def coerce(value: object, type_: ColumnType, *, choices: tuple[str, ...] = (),
           aliases: Mapping[str, str] | None = None, year: int | None = None) -> Coerced:
    """Typed value of one cell. A blank cell is ``Coerced(None)`` for every type."""
    if is_blank(value):
        return BLANK
    if isinstance(value, str):
        value = value.strip()
    return _COERCERS[type_](value, choices=choices, aliases=aliases, year=year)
