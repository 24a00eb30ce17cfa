"""Indonesian dates, months, periods, amounts in words (*terbilang*) and NIP.

Dates are written as the letters in the seeds write them: "6 April 2023"
(seed 000, Nota Dinas ND-1182/PB.1/2023). Month names follow Babel's ``id``
locale, and we also accept the abbreviations and English spellings people type
into spreadsheets ("Agu", "Aug", "Okt", "Oct").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.dates import format_date, get_month_names

MONTHS_FULL: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
MONTHS_SHORT: tuple[str, ...] = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)
QUARTERS: tuple[str, ...] = ("TW I", "TW II", "TW III", "TW IV")

# Excel/LibreOffice number formats that show Indonesian month names whatever the
# viewer's language: [$-421] is the Indonesian locale (LCID 0x0421). A plain
# "d mmmm yyyy" shows "8 July 2026" on an English Windows or LibreOffice.
EXCEL_DATE_FORMAT = "[$-421]d mmmm yyyy"
EXCEL_DATETIME_FORMAT = "[$-421]d mmmm yyyy hh:mm"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _month_aliases() -> dict[str, int]:
    aliases: dict[str, int] = {}
    babel_names = get_month_names("wide", locale="id")
    for i in range(1, 13):
        for name in (MONTHS_FULL[i - 1], MONTHS_SHORT[i - 1], babel_names[i],
                     dt.date(2000, i, 1).strftime("%B"), dt.date(2000, i, 1).strftime("%b")):
            aliases[name.casefold()] = i
    aliases.update({"agt": 8, "ags": 8, "aug": 8, "agust": 8, "sept": 9, "oct": 10, "dec": 12,
                    "des": 12, "nop": 11, "nopember": 11, "pebruari": 2, "peb": 2, "may": 5})
    return aliases


MONTH_ALIASES = _month_aliases()


def parse_month(text: object) -> int | None:
    """Return 1–12 for "Mei", "agustus", " Agu ", "Aug", 5, "5"; None if it is no month."""
    if text is None:
        return None
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        if not 1 <= text <= 12:  # also inf and nan
            return None
        n = int(text)
        return n if n == text else None
    key = re.sub(r"[\s.]+", "", str(text)).casefold()
    if key.isdigit():
        n = int(key)
        return n if 1 <= n <= 12 else None
    return MONTH_ALIASES.get(key)


def month_name(month: int) -> str:
    return MONTHS_FULL[month - 1]


def quarter_of_month(month: int) -> int:
    return (month - 1) // 3 + 1


def months_of_quarter(quarter: int) -> tuple[int, int, int]:
    start = (quarter - 1) * 3 + 1
    return (start, start + 1, start + 2)


_QUARTER_RE = re.compile(r"^(?:tw|triwulan|trw|q)\s*[-.]?\s*(iv|iii|ii|i|[1-4])$", re.IGNORECASE)


def parse_quarter(text: object) -> int | None:
    """"TW I", "tw-ii", "Triwulan III", "Q4", 2 → 1..4."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return int(text) if text in (1, 2, 3, 4) else None
    m = _QUARTER_RE.match(str(text).strip())
    if not m:
        return None
    token = m.group(1).upper()
    return ROMAN.get(token) or int(token)


def quarter_label(quarter: int) -> str:
    return QUARTERS[quarter - 1]


def format_tanggal(value: dt.date | dt.datetime) -> str:
    """6 April 2023 — day without leading zero, full Indonesian month, four-digit year."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="d MMMM y", locale="id")


_DATE_TEXT_RE = re.compile(r"^\s*(\d{1,2})[\s\-/.]+([A-Za-z]+|\d{1,2})[\s\-/.]+(\d{4})\s*$")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def parse_tanggal(value: object) -> dt.date | None:
    """Accept a real date, "6 April 2023", "06-04-2023", "6/4/2023", "2023-04-06"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        m = _ISO_RE.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DATE_TEXT_RE.match(text)
        if m:
            month = parse_month(m.group(2))
            if month is None:
                return None
            return dt.date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        return None
    return None


_YEAR_RE = re.compile(r"\b(19|20)\d{2}\b")
_WORD_RE = re.compile(r"[A-Za-z]+")


def parse_period_months(text: object, default_year: int | None = None) -> list[tuple[int, int]]:
    """Months named by a free-text period, as sorted (year, month) pairs.

    Handles what seed 004's "Waktu Pelaksanaan" column holds: "Mei 2024",
    "Januari - Desember 2024", "Oktober - Desember 2024", "April 2024", and
    "Triwulan II: Juni 2024 Triwulan III: September 2024 Triwulan IV: November 2024"
    (the months named, not the quarter labels). A bare "Triwulan II 2024" means
    its three months. Returns [] when nothing can be read.
    """
    if text is None:
        return []
    if isinstance(text, (dt.date, dt.datetime)):
        return [(text.year, text.month)]
    s = str(text)
    years = [int(m.group(0)) for m in _YEAR_RE.finditer(s)]
    year = years[-1] if years else default_year
    if year is None:
        return []
    # tokens in order: months and range dashes
    tokens: list[object] = []
    for m in re.finditer(r"[A-Za-z]+|[-–—]|\bs\.?d\.?\b|\bsampai\b|\bhingga\b", s):
        word = m.group(0)
        if word in "-–—" or word.lower().startswith(("s.d", "sd", "sampai", "hingga")):
            tokens.append("-")
            continue
        month = parse_month(word)
        if month is not None and len(word) >= 3:
            tokens.append(month)
    result: set[tuple[int, int]] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if isinstance(tok, int):
            if i + 2 < len(tokens) and tokens[i + 1] == "-" and isinstance(tokens[i + 2], int):
                end = tokens[i + 2]
                assert isinstance(end, int)
                for mo in range(tok, end + 1):
                    result.add((year, mo))
                i += 3
                continue
            result.add((year, tok))
        i += 1
    if not result:
        for m in re.finditer(r"(?:triwulan|tw)\s*(iv|iii|ii|i|[1-4])", s, re.IGNORECASE):
            q = parse_quarter("TW " + m.group(1))
            if q:
                result.update((year, mo) for mo in months_of_quarter(q))
    return sorted(result)


# --- terbilang -------------------------------------------------------------------

_SCALES = ("", "ribu", "juta", "miliar", "triliun", "kuadriliun")


@lru_cache(maxsize=4096)
def terbilang(amount: int | float) -> str:
    """Amount in Indonesian words: 1.001.000 → "satu juta seribu".

    Whole numbers only (a float such as 1500000.0 is accepted); 0.5 raises
    ValueError instead of silently giving "" — round money first (``whole_rupiah``).

    num2words' ``lang="id"`` says "satu juta satu ribu" for 1.001.000; Indonesian
    says "seribu" whenever the thousands group is exactly one, and "satu" before
    juta/miliar/triliun. A blind text replacement is wrong too (21.001 would become
    "dua puluh seribu satu"), so we build the words group by group, asking
    num2words only for each 1–999 group, and pin the result with our own tests.
    """
    from num2words import num2words

    if isinstance(amount, float):
        if not amount.is_integer():
            raise ValueError(f"terbilang hanya untuk bilangan bulat, bukan {amount}")
        amount = int(amount)
    if amount < 0:
        return "minus " + terbilang(-amount)
    if amount == 0:
        return "nol"
    groups: list[int] = []
    rest = int(amount)
    while rest:
        rest, group = divmod(rest, 1000)
        groups.append(group)
    if len(groups) > len(_SCALES):
        raise ValueError(f"angka terlalu besar untuk terbilang: {amount}")
    words: list[str] = []
    for power in range(len(groups) - 1, -1, -1):
        group = groups[power]
        if not group:
            continue
        if power == 1 and group == 1:
            words.append("seribu")
            continue
        words.append(str(num2words(group, lang="id")))
        if _SCALES[power]:
            words.append(_SCALES[power])
    return re.sub(r"\s+", " ", " ".join(words)).strip()


def whole_rupiah(amount: float | int) -> int:
    """Whole rupiah, rounding half away from zero (1500000.5 → 1500001), as both
    ``format_rupiah`` and ``terbilang_rupiah`` do, so the figure and the words agree."""
    value = Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(value)


def terbilang_rupiah(amount: float | int) -> str:
    """"satu juta seribu rupiah" (the form used after an amount in a letter)."""
    return f"{terbilang(whole_rupiah(amount))} rupiah"


def format_rupiah(amount: float | int) -> str:
    """Rp1.001.000 (thousands with dots, as Indonesian documents write them)."""
    whole = whole_rupiah(amount)
    sign = "-" if whole < 0 else ""
    return f"{sign}Rp{abs(whole):,}".replace(",", ".")


# --- NIP ---------------------------------------------------------------------------

NIP_RE = re.compile(r"^\d{18}$")


def normalize_nip(value: object) -> str:
    """Digits only. Excel often turns an 18-digit NIP into a float; we never accept that silently."""
    if value is None:
        return ""
    if isinstance(value, float):
        # 1.96409111989031e+17 has lost digits already; keep what we can for the message
        return f"{value:.0f}"
    return re.sub(r"\D", "", str(value))


def format_nip(value: object) -> str:
    """NIP 19640911 198903 1 009 (birth date, appointment month, sex, serial), as in seed 004."""
    digits = normalize_nip(value)
    if not NIP_RE.match(digits):
        return str(value or "").strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def is_valid_nip(value: object) -> bool:
    digits = normalize_nip(value)
    if not NIP_RE.match(digits) or isinstance(value, float):
        return False
    try:
        dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        month = int(digits[12:14])
        sex = digits[14]
    except ValueError:
        return False
    return 1 <= month <= 12 and sex in "12"


def join_natural(items: Iterable[str]) -> str:
    """"a, b, dan c" (Indonesian list)."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


# --- numbers -------------------------------------------------------------------------


def format_angka(value: float | int | None, decimals: int | None = None, *, empty: str = "-") -> str:
    """Indonesian number text: thousands with dots, decimal comma; whole numbers without decimals.

    ``format_angka(1000)`` → "1.000"; ``format_angka(66.666, 1)`` → "66,7";
    ``format_angka(100.0)`` → "100"; ``format_angka(2.5)`` → "2,5"; None → ``empty``.
    ``decimals=None`` shows a float's decimals only when it has them (at most two).
    """
    if value is None or isinstance(value, bool):
        return empty
    if isinstance(value, float) and value != value:  # nan
        return empty
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            decimals = 0
        else:
            decimals = 1 if round(float(value), 1) == round(float(value), 2) else 2
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_persen(value: float | int | None, decimals: int = 1, *, empty: str = "-") -> str:
    """"66,7 %" (one decimal, with the space Indonesian style guides use); None → ``empty``."""
    if value is None:
        return empty
    return f"{format_angka(value, decimals)} %"


def format_detik(seconds: float) -> str:
    """"1,7 detik" (one decimal)."""
    return f"{format_angka(seconds, 1)} detik"


_ISO_STAMP_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


def format_waktu(value: dt.datetime) -> str:
    """"30 November 2026 pukul 21.37" (a moment as a person reads it)."""
    return f"{format_tanggal(value)} pukul {value:%H.%M}"


def format_iso_text(text: str) -> str:
    """ISO date/time text kept in a store ("2026-03-16", "2026-11-30T21:37:09") as a person reads it;
    any other text unchanged."""
    m = _ISO_STAMP_RE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return text
    try:
        if m.group(4) is None:
            return format_tanggal(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        return format_waktu(dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)),
                                        int(m.group(5))))
    except ValueError:
        return text


def _scientific(value: float | Decimal) -> str:
    """Excel's own way for a number no NIP or NIK is near: "1E+308", "2,5E-12" (decimal comma)."""
    mantissa, exponent = f"{value:.14E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".").replace(".", ",")
    return f"{mantissa}E{exponent[0]}{exponent[1:].lstrip('0') or '0'}"


def format_value(value: object) -> str:
    """A value from a user's cell shown back to a person (findings, notes): never ``100.0`` or ``1.9e+17``.

    Whole numbers without decimals (``100.0`` → "100"; an 18-digit NIP typed as a number
    shows its digits, not the exponent), other numbers with a decimal comma ("2,5"),
    dates as "16 Maret 2026", booleans as Ya/Tidak, text unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int):
        return str(value) if abs(value) < 10**20 else _scientific(Decimal(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if abs(value) >= 1e20 or 0 < abs(value) < 1e-9:
            return _scientific(value)
        if value.is_integer():
            # past 15 digits a spreadsheet number has lost digits already: show the 15 it kept (as Excel does)
            return f"{value:.0f}" if abs(value) < 1e15 else str(int(Decimal(f"{value:.15g}")))
        text = repr(value)
        if "e" in text or "E" in text:
            text = f"{value:.10f}".rstrip("0")
        return text.replace(".", ",")
    if isinstance(value, dt.datetime):
        return format_waktu(value) if (value.hour or value.minute or value.second) else format_tanggal(value)
    if isinstance(value, dt.date):
        return format_tanggal(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(format_value(v) for v in value)
    if hasattr(value, "label") and callable(value.label):
        return str(value.label())
    return str(value)
