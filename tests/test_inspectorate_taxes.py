"""BOS taxes and spending rules against a hand-computed golden table (seed 003 ITBAN I, checked
against the regulation in force on each transaction's date).

Every expected figure below was computed by hand: PPh 21 PNS "Golongan I dan II = 0%, Golongan III
= 5% dan Golongan IV = 15% ... final" (seed 003, PMK 262/2010); honoraria of Non PNS 5 % / 6 %
without NPWP on 50 % of the gross (PER-16/PJ/2016, PMK 168/2023; the seed says of the gross);
routine Non PNS before 2024 above PTKP "Rp4,5 juta/ bulan", from 2024 the TER table of PMK 168/2023
(only its 0 % rows are loaded; above them BOS-TER-TIDAK-LENGKAP); PPh 22 1,5 % / 3 % on goods above
Rp2.000.000; PPh 23 "2% dan 4% jika tanpa NPWP"; PPh 4(2) construction per PP 9/2022 (1,75 / 2,65 /
4 %, integrated 2,65 / 4 %, consultancy 3,5 / 6 %; the seed's 2,85 % is not applied), "Sewa tanah/
bangunan = 10%", "Hadiah undian = 25%" without PPN; PPN at ppn.yaml's rate (10 % before 1 April
2022, 11 % from then, 12 % × DPP 11/12 from 1 January 2025). Each tax rounded down to the rupiah.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from toolkit.inspectorate import taxes as tx
from toolkit.inspectorate.ruleset import DEFAULT_RULES_DIR

# id | date | jenis | status | npwp | kualifikasi | bruto | incl. PPN | penerima | uraian | komite
#    || pph21 | pph22 | pph23 | pph4_2 | ppn | flags
GOLDEN = """
1  |2024-07-01|Honorarium Kegiatan|PNS Golongan I|Ya|-|1000000|-|P1|Honor narasumber|-|| 0|0|0|0|0|
2  |2024-07-01|Honorarium Kegiatan|PNS Golongan II|Ya|-|1000000|-|P2|Honor narasumber|-|| 0|0|0|0|0|
3  |2024-07-01|Honorarium Kegiatan|PNS Golongan III|Ya|-|1000000|-|P3|Honor narasumber|-|| 50000|0|0|0|0|
4  |2024-07-01|Honorarium Kegiatan|PNS Golongan IV|Ya|-|1000000|-|P4|Honor narasumber|-|| 150000|0|0|0|0|
5  |2024-07-01|Honorarium Kegiatan|PNS Golongan III|Ya|-|333333|-|P5|Honor panitia|-|| 16666|0|0|0|0|
6  |2024-07-01|Honorarium Kegiatan|PNS Golongan IV|Ya|-|123457|-|P6|Honor panitia|-|| 18518|0|0|0|0|
7  |2024-07-01|Honorarium Kegiatan|PNS Golongan III|Tidak|-|1000000|-|P7|Honor PNS tanpa NPWP|-|| 50000|0|0|0|0|
8  |2024-07-01|Penghasilan Rutin|PNS Golongan IV|Ya|-|2000000|-|P8|Honor bulanan PNS|-|| 300000|0|0|0|0|
9  |2024-07-01|Honorarium Kegiatan|Non PNS|Ya|-|1000000|-|N1|Honor narasumber|-|| 25000|0|0|0|0|
10 |2024-07-01|Honorarium Kegiatan|Non PNS|Tidak|-|1000000|-|N2|Honor narasumber|-|| 30000|0|0|0|0|
11 |2024-07-01|Honorarium Kegiatan|Non PNS|-|-|1000000|-|N3|Honor narasumber|-|| 30000|0|0|0|0|BOS-NPWP-KOSONG
12 |2024-07-01|Honorarium Kegiatan|Non PNS|Ya|-|250001|-|N4|Honor juri|-|| 6250|0|0|0|0|
13 |2024-07-01|Penghasilan Rutin|Non PNS|Ya|-|4500000|-|R1|Honor guru honorer|-|| 0|0|0|0|0|
14 |2024-07-01|Penghasilan Rutin|Non PNS|Ya|-|4500001|-|R2|Honor guru honorer|-|| 0|0|0|0|0|
15 |2024-07-01|Penghasilan Rutin|Non PNS|Ya|-|5000000|-|R3|Honor guru honorer|-|| 0|0|0|0|0|
16 |2024-07-01|Penghasilan Rutin|Non PNS|Tidak|-|5000000|-|R4|Honor guru honorer|-|| 0|0|0|0|0|
17 |2024-07-05|Penghasilan Rutin|Non PNS|Ya|-|3000000|-|R5|Honor operator|-|| 0|0|0|0|0|
18 |2024-07-25|Penghasilan Rutin|Non PNS|Ya|-|3000000|-|R5|Honor operator tambahan|-|| 0|0|0|0|0|BOS-TER-TIDAK-LENGKAP
19 |2024-08-05|Penghasilan Rutin|Non PNS|Ya|-|3000000|-|R5|Honor operator|-|| 0|0|0|0|0|
20 |2024-07-01|Jasa|Badan Usaha/Toko|Ya|-|2000000|-|J1|Servis komputer|-|| 0|0|40000|0|220000|
21 |2024-07-01|Jasa|Badan Usaha/Toko|Tidak|-|2000000|-|J2|Perbaikan pintu|-|| 0|0|80000|0|220000|
22 |2024-07-01|Jasa|Badan Usaha/Toko|-|-|2000000|-|J3|Sewa alat sound system|-|| 0|0|80000|0|220000|BOS-NPWP-KOSONG
23 |2024-07-01|Jasa|Badan Usaha/Toko|Ya|-|10000|-|J4|Servis kecil|-|| 0|0|200|0|1100|
24 |2024-07-01|Makan Minum/Catering|Badan Usaha/Toko|Ya|-|1500000|-|C1|Catering rapat|-|| 0|0|30000|0|0|
25 |2024-07-01|Makan Minum/Catering|Badan Usaha/Toko|Tidak|-|1500000|-|C2|Makan minum rapat|-|| 0|0|60000|0|0|
26 |2024-07-01|Jasa|Badan Usaha/Toko|Ya|-|2220000|Ya|J5|Pemeliharaan AC|-|| 0|0|40000|0|220000|
27 |2024-07-01|Jasa Konstruksi - Pelaksana|Badan Usaha/Toko|Ya|Kecil|10000000|-|K1|Pemeliharaan toilet|-|| 0|0|0|175000|1100000|
28 |2024-07-01|Jasa Konstruksi - Pelaksana|Badan Usaha/Toko|Ya|Menengah|10000000|-|K2|Pemeliharaan atap|-|| 0|0|0|265000|1100000|
29 |2024-07-01|Jasa Konstruksi - Pelaksana|Badan Usaha/Toko|Ya|Besar|10000000|-|K3|Pemeliharaan sanitasi|-|| 0|0|0|265000|1100000|
30 |2024-07-01|Jasa Konstruksi - Pelaksana|Badan Usaha/Toko|Ya|Tidak Ada|10000000|-|K4|Pemeliharaan lantai|-|| 0|0|0|400000|1100000|
31 |2024-07-01|Jasa Konstruksi - Pelaksana|Badan Usaha/Toko|Ya|-|10000000|-|K5|Pemeliharaan talang|-|| 0|0|0|400000|1100000|BOS-KUALIFIKASI-KOSONG
32 |2024-07-01|Jasa Konstruksi - Perencana/Pengawas|Badan Usaha/Toko|Ya|Kecil|4000000|-|E1|Pengawasan pemeliharaan|-|| 0|0|0|140000|440000|
33 |2024-07-01|Jasa Konstruksi - Perencana/Pengawas|Badan Usaha/Toko|Ya|Menengah|4000000|-|E2|Perencanaan pemeliharaan|-|| 0|0|0|140000|440000|
34 |2024-07-01|Jasa Konstruksi - Perencana/Pengawas|Badan Usaha/Toko|Ya|Besar|4000000|-|E3|Pengawasan pemeliharaan|-|| 0|0|0|140000|440000|
35 |2024-07-01|Jasa Konstruksi - Perencana/Pengawas|Badan Usaha/Toko|Ya|Tidak Ada|4000000|-|E4|Pengawasan pemeliharaan|-|| 0|0|0|240000|440000|
36 |2024-07-01|Sewa Tanah/Bangunan|Badan Usaha/Toko|Ya|-|6000000|-|S1|Sewa aula|-|| 0|0|0|600000|660000|
37 |2024-07-01|Hadiah Undian|Non PNS|Ya|-|2000000|-|H1|Hadiah undian jalan sehat|-|| 0|0|0|500000|0|
38 |2024-07-01|Belanja Barang|Badan Usaha/Toko|Ya|-|1000000|-|B1|Pembelian ATK|-|| 0|0|0|0|110000|
39 |2022-03-31|Belanja Barang|Badan Usaha/Toko|Ya|-|1000000|-|B2|Pembelian ATK|-|| 0|0|0|0|100000|
40 |2022-04-01|Belanja Barang|Badan Usaha/Toko|Ya|-|1000000|-|B3|Pembelian ATK|-|| 0|0|0|0|110000|
41 |2025-01-01|Belanja Barang|Badan Usaha/Toko|Ya|-|1000000|-|B4|Pembelian komputer|-|| 0|0|0|0|110000|
42 |2025-01-02|Belanja Barang|Badan Usaha/Toko|Ya|-|999999|-|B5|Pembelian material|-|| 0|0|0|0|109999|
43 |2024-07-01|Belanja Barang|Badan Usaha/Toko|Ya|-|1110000|Ya|B6|Pembelian ATK|-|| 0|0|0|0|110000|
44 |2024-07-01|Belanja Barang|Badan Usaha/Toko|Ya|-|1000000|Ya|B7|Pembelian paket data|-|| 0|0|0|0|99099|
45 |2024-07-01|Pembangunan Fisik|Badan Usaha/Toko|Ya|Kecil|50000000|-|F1|Pembangunan jamban baru|-|| 0|0|0|0|0|BOS-FISIK
46 |2024-07-01|Jasa|Badan Usaha/Toko|Ya|-|1000000|-|F2|Pembangunan ruang kelas baru|-|| 0|0|20000|0|110000|BOS-FISIK-URAIAN
47 |2024-07-01|Jasa|Badan Usaha/Toko|Ya|-|1000000|-|F3|Pemeliharaan jamban/toilet|-|| 0|0|20000|0|110000|
48 |2024-07-01|Honorarium Kegiatan|Non PNS|Ya|-|500000|-|KM|Honor rapat komite|Ya|| 12500|0|0|0|0|BOS-HONOR-KOMITE
49 |2024-07-01|Honorarium Kegiatan|Badan Usaha/Toko|Ya|-|400000|-|BU|Honor lewat toko|-|| 0|0|0|0|0|BOS-STATUS-PENERIMA
50 |2024-07-01|Lainnya|Badan Usaha/Toko|Ya|-|1000000|-|L1|Biaya administrasi bank|-|| 0|0|0|0|0|
51 |2022-02-20|Honorarium Kegiatan|PNS Golongan III|Ya|-|1000000|-|T1|Honor sebelum aturan berlaku|-|| 0|0|0|0|0|BOS-TARIF-TIDAK-ADA
52 |2022-02-21|Honorarium Kegiatan|PNS Golongan III|Ya|-|1000000|-|T2|Honor hari pertama aturan|-|| 50000|0|0|0|0|
53 |2024-07-01|Belanja Barang|Badan Usaha/Toko|Ya|-|3000000|-|B8|Pembelian laptop|-|| 0|45000|0|0|330000|
54 |2024-07-01|Belanja Barang|Badan Usaha/Toko|Tidak|-|3000000|-|B9|Pembelian printer|-|| 0|90000|0|0|330000|
55 |2024-07-01|Belanja Barang|Badan Usaha/Toko|Ya|-|2000000|-|B10|Pembelian buku|-|| 0|0|0|0|220000|
56 |2024-07-01|Belanja Barang|Badan Usaha/Toko|Ya|-|3330000|Ya|B11|Pembelian proyektor|-|| 0|45000|0|0|330000|
57 |2024-07-01|Jasa Konstruksi - Terintegrasi|Badan Usaha/Toko|Ya|Kecil|10000000|-|T3|Rancang bangun pemeliharaan|-|| 0|0|0|265000|1100000|
58 |2024-07-01|Jasa Konstruksi - Terintegrasi|Badan Usaha/Toko|Ya|Tidak Ada|10000000|-|T4|Rancang bangun pemeliharaan|-|| 0|0|0|400000|1100000|
59 |2023-07-03|Penghasilan Rutin|Non PNS|Ya|-|5000000|-|R6|Honor guru honorer 2023|-|| 25000|0|0|0|0|
60 |2023-07-03|Jasa Konstruksi - Pelaksana|Badan Usaha/Toko|Ya|Besar|10000000|-|K6|Pemeliharaan atap 2023|-|| 0|0|0|265000|1100000|
"""


def _opt(text: str) -> str | None:
    return None if text.strip() == "-" else text.strip()


def parse_golden() -> list[tuple[str, tx.Transaction, dict[str, int], set[str]]]:
    cases = []
    for line in GOLDEN.strip().splitlines():
        left, right = line.split("||")
        f = [x.strip() for x in left.split("|")]
        e = [x.strip() for x in right.split("|")]
        t = tx.Transaction(
            tanggal=dt.date.fromisoformat(f[1]), jenis_belanja=f[2], status_penerima=f[3], npwp=_opt(f[4]),
            kualifikasi=_opt(f[5]), nilai_bruto=int(f[6]), termasuk_ppn=_opt(f[7]), penerima=f[8], uraian=f[9],
            komite=_opt(f[10]), no=int(f[0]), row=int(f[0]),
        )
        expected = dict(zip(tx.TAX_KEYS, (int(x) for x in e[:5]), strict=True))
        flags = {x for x in e[5].split(",") if x}
        cases.append((f[0], t, expected, flags))
    return cases


CASES = parse_golden()


def test_golden_table_is_big_enough_and_covers_every_branch() -> None:
    assert len(CASES) >= 40
    kinds = {t.jenis_belanja for _id, t, _e, _f in CASES}
    from toolkit.schemas.bos_transaksi import JENIS_BELANJA, KUALIFIKASI, STATUS_PENERIMA

    assert kinds == set(JENIS_BELANJA)
    assert {t.status_penerima for _i, t, _e, _f in CASES} == set(STATUS_PENERIMA)
    assert {t.kualifikasi for _i, t, _e, _f in CASES if t.jenis_belanja.startswith("Jasa Konstruksi")} == {
        *KUALIFIKASI, None}
    flags = set().union(*(f for _i, _t, _e, f in CASES))
    assert flags == {"BOS-NPWP-KOSONG", "BOS-KUALIFIKASI-KOSONG", "BOS-FISIK", "BOS-FISIK-URAIAN",
                     "BOS-HONOR-KOMITE", "BOS-STATUS-PENERIMA", "BOS-TARIF-TIDAK-ADA", "BOS-TER-TIDAK-LENGKAP"}


@pytest.fixture(scope="module")
def golden_results() -> dict[str, tx.TaxResult]:
    results = tx.compute_all([t for _i, t, _e, _f in CASES])
    return {case_id: res for (case_id, *_rest), res in zip(CASES, results, strict=True)}


@pytest.mark.parametrize(("case_id", "transaction", "expected", "flags"), CASES, ids=[c[0] for c in CASES])
def test_golden_transaction(case_id: str, transaction: tx.Transaction, expected: dict[str, int], flags: set[str],
                            golden_results: dict[str, tx.TaxResult]) -> None:
    res = golden_results[case_id]
    assert {k: res.amount(k) for k in tx.TAX_KEYS} == expected
    assert {f.rule_id for f in res.flags} == flags
    assert res.total_withheld == expected["pph21"] + expected["pph22"] + expected["pph23"] + expected["pph4_2"]


def test_rates_are_the_regulations_and_cite_it(golden_results: dict[str, tx.TaxResult]) -> None:
    assert golden_results["27"].lines[0].rate_percent == "1,75%"
    # seed 003 says 2,85 % for medium/large contractors; PP 9/2022 sets 2,65 %
    assert golden_results["28"].lines[0].rate_percent == "2,65%"
    assert golden_results["32"].lines[0].rate_percent == "3,5%"
    assert "PP 9/2022 Pasal 3 ayat (1)" in golden_results["28"].lines[0].basis
    assert "seed 003 ITBAN I" in golden_results["32"].lines[0].basis  # the seed agrees with PP 9/2022 here


def test_seed_and_regulation_differences_are_said_once(golden_results: dict[str, tx.TaxResult]) -> None:
    notes = tx.rule_notes(golden_results.values())
    assert len(notes) == len(set(notes))
    construction = [n for n in notes if "2,85 %" in n]
    assert construction == [
        "FAQ Inspektorat (seed 003) menyebut 2,85 %; PP 51/2008 s.t.d.t.d. PP 9/2022 Pasal 3 ayat (1) menetapkan "
        "2,65 % untuk PPh 4(2) final pekerjaan konstruksi (pelaksana), per kualifikasi (Menengah, Besar)."]
    assert any("50 % bruto" in n for n in notes)  # honoraria of non-employees
    assert any("hadiah undian tidak dipungut PPN" in n for n in notes)
    # a small contractor's rate is the seed's too: no note from that transaction alone
    assert tx.rule_notes([golden_results["27"]]) == []


def test_lottery_prizes_bear_final_pph_and_no_ppn(golden_results: dict[str, tx.TaxResult]) -> None:
    res = golden_results["37"]
    assert res.amount("ppn") == 0 and res.amount("pph4_2") == 500000
    assert [ln.tax for ln in res.lines] == ["pph4_2"]


def test_pph22_on_goods_bought_by_the_treasurer(golden_results: dict[str, tx.TaxResult]) -> None:
    line = next(ln for ln in golden_results["53"].lines if ln.tax == "pph22")
    assert (line.rate_percent, line.base, line.amount) == ("1,5%", 3000000, 45000)
    assert golden_results["53"].total_withheld == 45000  # PPh 22 is withheld; PPN is collected on top
    assert golden_results["38"].amount("pph22") == 0  # Rp1.000.000: not collected up to Rp2.000.000


def test_ppn_rate_cites_its_law(golden_results: dict[str, tx.TaxResult]) -> None:
    ppn = [ln for ln in golden_results["41"].lines if ln.tax == "ppn"][0]
    assert ppn.rate_percent == "12%" and "UU 7/2021" in ppn.basis and "11/12" in ppn.basis


def test_recorded_taxes_are_compared() -> None:
    t = tx.Transaction(dt.date(2025, 3, 1), "Honorarium Kegiatan", 1_000_000, "PNS Golongan III", "Ya",
                       recorded={"pph21": 150_000, "pph23": None, "pph4_2": 0, "ppn": None})
    res = tx.compute_transaction(t, tx.TaxRules())
    assert res.differences() == {"pph21": (150_000, 50_000)}


def _rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def test_rounding_rule_is_data(tmp_path: Path) -> None:
    rules_dir = _rules_copy(tmp_path)
    path = rules_dir / "pajak_bos.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pembulatan: bawah", "pembulatan: terdekat"),
                    encoding="utf-8")
    t = tx.Transaction(dt.date(2024, 7, 1), "Honorarium Kegiatan", 333_333, "PNS Golongan III", "Ya")
    assert tx.compute_transaction(t, tx.TaxRules(rules_dir)).amount("pph21") == 16_667  # 16.666,65 -> 16.667
    assert tx.compute_transaction(t, tx.TaxRules()).amount("pph21") == 16_666


def test_a_change_in_law_is_a_data_change(tmp_path: Path) -> None:
    """A new dated version applies from its date on; older transactions keep the old rate."""
    rules_dir = _rules_copy(tmp_path)
    path = rules_dir / "pajak_bos.yaml"
    text = path.read_text(encoding="utf-8")
    body = text[text.index("  - berlaku_mulai: 2024-01-01"):]
    new_version = body.replace("berlaku_mulai: 2024-01-01", "berlaku_mulai: 2026-01-01").replace(
        'pph23: {npwp: "2", tanpa_npwp: "4"', 'pph23: {npwp: "3", tanpa_npwp: "6"')
    assert new_version != body
    path.write_text(text + new_version, encoding="utf-8")
    rules = tx.TaxRules(rules_dir)
    old = tx.Transaction(dt.date(2025, 12, 31), "Jasa", 1_000_000, "Badan Usaha/Toko", "Ya")
    new = tx.Transaction(dt.date(2026, 1, 1), "Jasa", 1_000_000, "Badan Usaha/Toko", "Ya")
    assert tx.compute_transaction(old, rules).amount("pph23") == 20_000
    assert tx.compute_transaction(new, rules).amount("pph23") == 30_000


@pytest.mark.parametrize(("a", "b", "nip_a", "nip_b", "same"), [
    ("Baiq Nurul Aini, S.Pd.", "baiq  nurul aini", None, None, True),
    ("Drs. H. Muhammad Amin", "Muhammad Amin, M.Pd.", None, None, True),
    ("Lalu Ahmad Fauzi", "Baiq Nurul Aini", None, None, False),
    ("Baiq Nurul Aini", "Baiq Nurul Aini", "198804122019032008", "197906232005011003", False),
    ("B. N. Aini", "Baiq Nurul Aini", "198804122019032008", "198804122019032008", True),
    ("Baiq Nurul Aini", None, None, None, False),
])
def test_segregation_of_duties(a: str, b: str | None, nip_a: str | None, nip_b: str | None, same: bool) -> None:
    flag = tx.segregation_flag({"bendahara_nama": a, "kasubag_tu_nama": b, "bendahara_nip": nip_a,
                                "kasubag_tu_nip": nip_b})
    assert (flag is not None) == same
    if flag:
        assert flag.rule_id == "BOS-BENDAHARA-TU" and "Tata Usaha" in flag.message
