"""Gift limits of seed 003 (ITBAN KHUSUS, Gratifikasi) at every limit: below, at, above, cumulative.

Seed 003: weddings and similar ceremonies "batasan nilai sebesar Rp1.000.000,00 ... setiap pemberi";
colleagues for "pisah sambut, pensiun, mutasi jabatan, atau ulang tahun ... tidak dalam bentuk uang
... paling banyak senilai Rp300.000,00 ... dengan total pemberian tidak melebihi Rp 1.000.000,00 ...
dalam 1 (satu) tahun dari pemberi yang sama"; colleagues "tidak terkait kedinasan paling banyak
senilai Rp200.000,00"; where to report: "UPG ... di Inspektorat Provinsi NTB atau ... KPK melalui
aplikasi GOL". The 30-working-day deadline is a setting (UU 20/2001 Pasal 12C), not from the seed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.inspectorate import gifts as gf
from toolkit.schemas import register_gratifikasi as rg

D = dt.date
DAY = D(2025, 3, 3)


def gift(nilai: int, acara: str = rg.UPACARA, *, tanggal: dt.date = DAY, pemberi: str = "A",
         penerima: str = "Penerima", hubungan: str = rg.REKAN_KERJA, bentuk: str = "Barang",
         kedinasan: str = "Tidak", konflik: str | None = None) -> gf.Gift:
    return gf.Gift(tanggal, penerima, pemberi, hubungan, kedinasan, acara, bentuk, nilai, konflik)


def statuses(*gifts: gf.Gift) -> list[str]:
    return [d.status for d in gf.classify(gifts)]


B, W = gf.BOLEH, gf.WAJIB


@pytest.mark.parametrize(("nilai", "expected"), [(999_999, B), (1_000_000, B), (1_000_001, W)])
def test_ceremony_limit_per_giver(nilai: int, expected: str) -> None:
    assert statuses(gift(nilai, hubungan="Teman/Kerabat", bentuk=rg.UANG)) == [expected]


def test_ceremony_limit_sums_one_givers_gifts_at_one_ceremony() -> None:
    same_giver = (gift(600_000, hubungan="Teman/Kerabat"), gift(400_000, hubungan="Teman/Kerabat"),
                  gift(1, hubungan="Teman/Kerabat"))
    assert statuses(*same_giver) == [B, B, W]
    two_givers = (gift(600_000, pemberi="A", hubungan="Keluarga"), gift(600_000, pemberi="B", hubungan="Keluarga"))
    assert statuses(*two_givers) == [B, B]


@pytest.mark.parametrize(("nilai", "expected"), [(299_999, B), (300_000, B), (300_001, W)])
def test_colleague_farewell_limit_per_gift(nilai: int, expected: str) -> None:
    assert statuses(gift(nilai, rg.REKAN_ACARA)) == [expected]


@pytest.mark.parametrize(("nilai", "expected"), [(199_999, B), (200_000, B), (200_001, W)])
def test_colleague_ordinary_limit_per_gift(nilai: int, expected: str) -> None:
    assert statuses(gift(nilai, rg.REKAN_BIASA)) == [expected]


@pytest.mark.parametrize("bentuk", [rg.UANG, "Voucher/Kupon"])
@pytest.mark.parametrize("acara", [rg.REKAN_ACARA, rg.REKAN_BIASA])
def test_never_cash_between_colleagues(acara: str, bentuk: str) -> None:
    decision = gf.classify([gift(10_000, acara, bentuk=bentuk)])[0]
    assert decision.status == W and "uang" in decision.reason


def test_colleague_yearly_total_below_at_above_and_next_year() -> None:
    seq = [gift(300_000, rg.REKAN_ACARA, tanggal=D(2025, m, 1)) for m in (1, 2, 3)]  # 900.000
    seq.append(gift(100_000, rg.REKAN_BIASA, tanggal=D(2025, 4, 1)))  # 1.000.000: at the limit
    seq.append(gift(1, rg.REKAN_BIASA, tanggal=D(2025, 5, 1)))  # 1.000.001: above
    seq.append(gift(200_000, rg.REKAN_BIASA, tanggal=D(2026, 1, 2)))  # a new year starts again
    decisions = gf.classify(seq)
    assert [d.status for d in decisions] == [B, B, B, B, W, B]
    assert [d.running_total for d in decisions] == [300_000, 600_000, 900_000, 1_000_000, 1_000_001, 200_000]
    assert "setahun" in decisions[4].reason


def test_yearly_total_is_in_date_order_and_per_receiver() -> None:
    late = gift(200_000, rg.REKAN_BIASA, tanggal=D(2025, 12, 1))
    early = [gift(200_000, rg.REKAN_BIASA, tanggal=D(2025, m, 1)) for m in range(1, 6)]  # 1.000.000 by May
    other_receiver = gift(200_000, rg.REKAN_BIASA, tanggal=D(2025, 12, 2), penerima="Lain")
    decisions = gf.classify([late, *early, other_receiver])
    assert decisions[0].status == W and decisions[0].running_total == 1_200_000  # listed first, given last
    assert [d.status for d in decisions[1:6]] == [B] * 5
    assert decisions[6].status == B


def test_colleague_limits_only_between_colleagues() -> None:
    d = gf.classify([gift(100_000, rg.REKAN_ACARA, hubungan="Teman/Kerabat")])[0]
    assert d.status == W and "rekan kerja" in d.reason


def test_duty_relations_conflicts_and_flowers() -> None:
    assert statuses(gift(100_000, hubungan="Penyedia Barang/Jasa")) == [W]  # even a wedding gift from a vendor
    assert statuses(gift(100_000, rg.REKAN_BIASA, kedinasan="Ya")) == [W]
    assert statuses(gift(100_000, konflik="Ya", hubungan="Keluarga")) == [W]
    assert statuses(gift(5_000_000, bentuk="Karangan Bunga", hubungan="Teman/Kerabat")) == [B]
    assert statuses(gift(50_000, rg.KEDINASAN, hubungan="Instansi Pemerintah", kedinasan="Ya")) == [W]
    assert statuses(gift(50_000, rg.LAINNYA, hubungan="Lainnya")) == [W]


@pytest.mark.parametrize(("acara", "bentuk", "kedinasan", "expected"), [
    (rg.SEMINAR, "Barang", "Ya", B),
    (rg.HIDANGAN, "Makanan/Hidangan", "Ya", B),
    (rg.PROMOSI, "Barang", "Tidak", B),
    (rg.PROMOSI, rg.UANG, "Tidak", W),
    (rg.LOMBA, rg.UANG, "Tidak", B),
    (rg.LOMBA, rg.UANG, "Ya", W),
    (rg.UMUM, "Voucher/Kupon", "Tidak", B),
    (rg.MUSIBAH, rg.UANG, "Tidak", B),
])
def test_other_allowed_categories(acara: str, bentuk: str, kedinasan: str, expected: str) -> None:
    assert statuses(gift(400_000, acara, bentuk=bentuk, kedinasan=kedinasan, hubungan="Lainnya")) == [expected]


def test_where_and_by_when_to_report() -> None:
    d = gf.classify([gift(1_500_000, hubungan="Teman/Kerabat", tanggal=D(2025, 3, 27))])[0]
    assert d.must_report
    assert any("UPG" in c for c in d.channels) and any("GOL" in c for c in d.channels)
    # 27 Mar 2025 + 30 working days, skipping Nyepi (29 Mar) and its cuti bersama (28 Mar), Idul Fitri
    # (31 Mar, 1 Apr) with cuti bersama 2-4 and 7 Apr, Good Friday (18 Apr), 1 May, Waisak (12 May)
    # with cuti bersama 13 May: 23 May 2025.
    assert d.deadline == D(2025, 5, 23)
    assert "23 Mei 2025" in d.advice()
    assert d.report_state(D(2025, 5, 23)) == "GRAT-WAJIB-LAPOR"
    assert d.report_state(D(2025, 5, 24)) == "GRAT-TERLAMBAT"
    d.gift.dilaporkan, d.gift.tanggal_lapor = "Ya", D(2025, 5, 26)
    assert d.report_state(D(2025, 6, 1)) == "GRAT-LAPOR-TERLAMBAT"
    d.gift.tanggal_lapor = D(2025, 5, 23)
    assert d.report_state(D(2025, 6, 1)) is None


def test_working_days() -> None:
    assert gf.add_working_days(D(2025, 1, 3), 1) == D(2025, 1, 6)  # Friday -> Monday
    assert not gf.is_working_day(D(2025, 8, 17)) and not gf.is_working_day(D(2025, 8, 18))  # + cuti bersama
    assert gf.is_working_day(D(2025, 8, 19))
