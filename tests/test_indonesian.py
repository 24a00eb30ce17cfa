"""Indonesian dates, months, periods, terbilang and NIP (seed 000, seed 004)."""

from __future__ import annotations

import datetime as dt

import pytest
from num2words import num2words

from toolkit import indonesian as idn

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]


@pytest.mark.parametrize("month", range(1, 13))
def test_format_tanggal_every_month(month: int) -> None:
    assert idn.format_tanggal(dt.date(2023, month, 6)) == f"6 {MONTHS[month - 1]} 2023"


def test_format_tanggal_seed_000_date() -> None:
    # seed 000: "Tanggal : 6 April 2023"
    assert idn.format_tanggal(dt.datetime(2023, 4, 6, 10, 30)) == "6 April 2023"


@pytest.mark.parametrize("text,month", [
    ("Mei", 5), ("agustus", 8), (" Agu ", 8), ("Aug", 8), ("OKT", 10), ("Desember", 12), ("des", 12),
    ("Nopember", 11), (5, 5), ("5", 5), (12.0, 12),
])
def test_parse_month_tolerant(text: object, month: int) -> None:
    assert idn.parse_month(text) == month


@pytest.mark.parametrize("text", ["Agustusan", "13", 0, "", None, True, "Triwulan"])
def test_parse_month_rejects(text: object) -> None:
    assert idn.parse_month(text) is None


@pytest.mark.parametrize("text,expected", [
    ("Mei 2024", [(2024, 5)]),
    ("April 2024", [(2024, 4)]),
    ("Oktober - Desember 2024", [(2024, 10), (2024, 11), (2024, 12)]),
    ("Januari - Desember 2024", [(2024, m) for m in range(1, 13)]),
    # seed 004, Lampiran I row 4
    ("Triwulan II: Juni 2024 Triwulan III: September 2024 Triwulan IV: November 2024",
     [(2024, 6), (2024, 9), (2024, 11)]),
    ("Triwulan II 2024", [(2024, 4), (2024, 5), (2024, 6)]),
    ("segera", []),
])
def test_parse_period_months_seed_004(text: str, expected: list[tuple[int, int]]) -> None:
    assert idn.parse_period_months(text) == expected


def test_parse_period_uses_default_year() -> None:
    assert idn.parse_period_months("Mei", default_year=2026) == [(2026, 5)]
    assert idn.parse_period_months("Mei") == []


@pytest.mark.parametrize("text,quarter", [("TW I", 1), ("tw-ii", 2), ("Triwulan III", 3), ("Q4", 4), (2, 2)])
def test_parse_quarter(text: object, quarter: int) -> None:
    assert idn.parse_quarter(text) == quarter


@pytest.mark.parametrize("amount,words", [
    (0, "nol"),
    (1, "satu"),
    (11, "sebelas"),
    (100, "seratus"),
    (1000, "seribu"),
    (1100, "seribu seratus"),
    (11000, "sebelas ribu"),
    (21001, "dua puluh satu ribu satu"),
    (200000, "dua ratus ribu"),
    (1000000, "satu juta"),
    (1001000, "satu juta seribu"),
    (1000001, "satu juta satu"),
    (1001001001, "satu miliar satu juta seribu satu"),
    (1000000000000, "satu triliun"),
])
def test_terbilang(amount: int, words: str) -> None:
    assert idn.terbilang(amount) == words


def test_num2words_known_mistake_is_repaired() -> None:
    # The library's raw output is wrong for 1.001.000; ours must not be.
    assert num2words(1001000, lang="id") != "satu juta seribu"
    assert idn.terbilang(1001000) == "satu juta seribu"


def test_rupiah_and_terbilang_rupiah() -> None:
    assert idn.format_rupiah(1001000) == "Rp1.001.000"
    assert idn.terbilang_rupiah(1500000) == "satu juta lima ratus ribu rupiah"


def test_nip_seed_004() -> None:
    # seed 004: "NIP 19640911 198903 1 009"
    assert idn.format_nip("196409111989031009") == "19640911 198903 1 009"
    assert idn.format_nip("19640911 198903 1 009") == "19640911 198903 1 009"
    assert idn.is_valid_nip("19640911 198903 1 009")


@pytest.mark.parametrize("nip", ["19640911198903100", "196413111989031009", "196409111989131009",
                                 "196409111989033009", 196409111989031009.0, "abc"])
def test_nip_invalid(nip: object) -> None:
    assert not idn.is_valid_nip(nip)


@pytest.mark.parametrize("text,date", [
    ("6 April 2023", dt.date(2023, 4, 6)), ("06-04-2023", dt.date(2023, 4, 6)),
    ("6/4/2023", dt.date(2023, 4, 6)), ("2023-04-06", dt.date(2023, 4, 6)), ("17 Agustus 1945", dt.date(1945, 8, 17)),
])
def test_parse_tanggal(text: str, date: dt.date) -> None:
    assert idn.parse_tanggal(text) == date


@pytest.mark.parametrize("text", ["31 Februari 2023", "kemarin", "6 Apil 2023"])
def test_parse_tanggal_rejects(text: str) -> None:
    assert idn.parse_tanggal(text) is None


@pytest.mark.parametrize("amount,figure,words", [
    (1500000.99, "Rp1.500.001", "satu juta lima ratus ribu satu rupiah"),
    (1500000.5, "Rp1.500.001", "satu juta lima ratus ribu satu rupiah"),
    (2.5, "Rp3", "tiga rupiah"),  # half away from zero, not Python's banker's rounding
    (0.4, "Rp0", "nol rupiah"),
    (-1001000, "-Rp1.001.000", "minus satu juta seribu rupiah"),
])
def test_rupiah_figure_and_words_agree(amount: float, figure: str, words: str) -> None:
    assert idn.format_rupiah(amount) == figure
    assert idn.terbilang_rupiah(amount) == words


def test_terbilang_refuses_fractions() -> None:
    assert idn.terbilang(1500000.0) == "satu juta lima ratus ribu"
    with pytest.raises(ValueError, match="bilangan bulat"):
        idn.terbilang(0.5)


@pytest.mark.parametrize(("value", "text"), [
    (100.0, "100"), (2.5, "2,5"), (198503302009011001.0, "198503302009011000"),  # an 18-digit NIP: its digits
    (123456789012345678, "123456789012345678"),
    (1e308, "1E+308"), (-2.5e21, "-2,5E+21"), (3.25e-12, "3,25E-12"), (10**400, "1E+400"),  # Excel's own notation
])
def test_format_value_numbers(value: object, text: str) -> None:
    assert idn.format_value(value) == text
