"""Rules as the law stands on the day (issue 13): dated figures with their sources, and the fixes.

* "Min 1x per Hari" skips *cuti bersama* (the sample generator does; the product did not);
* Peraturan KPK 1/2026 gift limits from 20 January 2026, the 2019 limits before;
* ``integritas aturan`` on 31-12-2025 and 1-3-2026 differ exactly in the gift rules;
* every figure cites its source, and every seed quote is really in the seed;
* WBK/WBBM: an IPAK between 15,5 (seed 002's text) and 15,75 (its totals) says which reading passes.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.inspectorate import gifts as gf
from toolkit.rules import calendar
from toolkit.rules.dated import RULE_FILES, dated, load_rules
from toolkit.rules.figures import citations, leaf_keys, rules_on
from toolkit.schemas import register_gratifikasi as rg
from toolkit.scoring.models import load_model
from toolkit.scoring.predikat import check

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "samples" / "seeds"
SEED_FILES = {f"seed {p.name[:3]}": p for p in SEEDS.glob("00*.txt")}
D = dt.date


# --- 1. cuti bersama ------------------------------------------------------------------------

CUTI_BERSAMA_2023_H1 = [D(2023, 1, 23), D(2023, 3, 23), D(2023, 4, 19), D(2023, 4, 20), D(2023, 4, 21),
                        D(2023, 4, 24), D(2023, 4, 25), D(2023, 6, 2), D(2023, 6, 28), D(2023, 6, 30)]


def test_daily_compliance_skips_cuti_bersama() -> None:
    from toolkit.scoring.compliance import working_days

    days = set(working_days(2023))
    assert not days & set(CUTI_BERSAMA_2023_H1)
    assert all(d.weekday() < 5 for d in CUTI_BERSAMA_2023_H1)  # they are weekdays: only cuti bersama removes them


def test_kalender_sample_doa_bersama_is_112_of_114() -> None:
    from toolkit.scoring import calendar_compliance
    from toolkit.workbook import open_workbook

    data = open_workbook(REPO / "samples" / "kalender-integritas" / "kanwil-djpb-2023-valid.xlsx")
    result = calendar_compliance(data, as_of=D(2023, 6, 30))
    doa = next(a for a in result.activities if a.momen.lower().startswith("doa"))
    assert (doa.met_count, len(doa.evaluated)) == (112, 114)


# --- 2. gift limits of Peraturan KPK 1/2026 -------------------------------------------------

def _gift(nilai: int, acara: str, tanggal: dt.date, *, hubungan: str = rg.REKAN_KERJA,
          pemberi: str = "A") -> gf.Gift:
    return gf.Gift(tanggal, "Penerima", pemberi, hubungan, "Tidak", acara, "Barang", nilai)


@pytest.mark.parametrize(("tanggal", "nilai", "expected"), [
    (D(2026, 1, 19), 1_000_001, gf.WAJIB), (D(2026, 1, 20), 1_000_001, gf.BOLEH),
    (D(2026, 1, 20), 1_500_000, gf.BOLEH), (D(2026, 1, 20), 1_500_001, gf.WAJIB)])
def test_ceremony_limit_by_gift_date(tanggal: dt.date, nilai: int, expected: str) -> None:
    [d] = gf.classify([_gift(nilai, rg.UPACARA, tanggal, hubungan="Teman/Kerabat")])
    assert d.status == expected
    if tanggal >= D(2026, 1, 20):
        assert "Peraturan KPK Nomor 1 Tahun 2026" in d.reason


@pytest.mark.parametrize(("tanggal", "acara", "nilai", "expected"), [
    (D(2025, 12, 31), rg.REKAN_BIASA, 200_001, gf.WAJIB), (D(2026, 3, 1), rg.REKAN_BIASA, 500_000, gf.BOLEH),
    (D(2026, 3, 1), rg.REKAN_BIASA, 500_001, gf.WAJIB),
    # the Rp300.000 farewell/birthday category is gone in 2026: the colleague limit applies
    (D(2025, 12, 31), rg.REKAN_ACARA, 300_001, gf.WAJIB), (D(2026, 3, 1), rg.REKAN_ACARA, 450_000, gf.BOLEH)])
def test_colleague_limits_by_gift_date(tanggal: dt.date, acara: str, nilai: int, expected: str) -> None:
    [d] = gf.classify([_gift(nilai, acara, tanggal)])
    assert d.status == expected, d.reason


def test_colleague_yearly_total_2026_is_1_5_million() -> None:
    gifts = [_gift(500_000, rg.REKAN_BIASA, D(2026, m, 2)) for m in (2, 3, 4, 5)]
    assert [d.status for d in gf.classify(gifts)] == [gf.BOLEH, gf.BOLEH, gf.BOLEH, gf.WAJIB]


def test_gift_register_says_once_where_the_seed_and_the_regulation_differ() -> None:
    decisions = gf.classify([_gift(1_200_000, rg.UPACARA, D(2026, 3, m), hubungan="Teman/Kerabat", pemberi=str(m))
                             for m in (2, 3, 4)] + [_gift(900_000, rg.UPACARA, D(2025, 3, 3), hubungan="Teman/Kerabat")])
    notes = gf.rule_notes(decisions)
    assert notes == ["FAQ Inspektorat (seed 003) menyebut Rp1.000.000; Peraturan KPK Nomor 1 Tahun 2026 Pasal 2 ayat "
                     "(3) Peraturan KPK 2/2019 sebagaimana diubah menetapkan Rp1.500.000 untuk pemberian pertunangan, "
                     "pernikahan, kelahiran, upacara adat/agama, per pemberi."]
    assert gf.rule_notes(decisions[-1:]) == []  # 2025: the seed's limit is the law


def test_report_completeness_days_follow_the_version() -> None:
    old, new = gf.classify([_gift(2_000_000, rg.UPACARA, D(2025, 6, 2), hubungan="Teman/Kerabat"),
                            _gift(2_000_000, rg.UPACARA, D(2026, 6, 2), hubungan="Teman/Kerabat")])
    assert (old.completeness_days, new.completeness_days) == (30, 20)
    assert "20 hari kerja" in new.advice()


# --- integritas aturan ----------------------------------------------------------------------

def test_rules_on_the_two_dates_differ_exactly_in_the_gift_rules() -> None:
    before = {s.name: s.to_dict() for s in rules_on(D(2025, 12, 31)).sections}
    after = {s.name: s.to_dict() for s in rules_on(D(2026, 3, 1)).sections}
    assert before.keys() == after.keys()
    assert [n for n in before if before[n] != after[n]] == ["gratifikasi"]
    gifts = {f["kunci"]: f["nilai"] for f in after["gratifikasi"]["angka"]}
    assert gifts["upacara_per_pemberi"] == 1_500_000 and gifts["rekan_acara_per_pemberian"] is None


def test_aturan_command_prints_figures_with_sources() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "toolkit", "aturan", *args], capture_output=True, text=True,
                              cwd=REPO, check=False)

    out = run("--per-tanggal", "2026-03-01")
    assert out.returncode == 0, out.stderr
    assert "Rp1.500.000" in out.stdout and "Peraturan KPK Nomor 1 Tahun 2026" in out.stdout
    assert "FAQ Inspektorat (seed 003) menyebut 2,85 %; PP 51/2008 s.t.d.t.d. PP 9/2022 Pasal 3 ayat (1) " \
           "menetapkan 2,65 %" in out.stdout
    data = json.loads(run("--per-tanggal", "2025-12-31", "--json").stdout)
    assert data["tanggal"] == "2025-12-31"
    assert run("--per-tanggal", "kemarin").returncode == 2


# --- every figure dated and cited -----------------------------------------------------------

@pytest.mark.parametrize("name", [n for n in RULE_FILES if n in ("gratifikasi", "pajak_bos", "ppn")])
def test_every_figure_of_every_version_cites_a_source(name: str) -> None:
    versions = dated(name)
    for i, v in enumerate(versions.versions):
        cited = citations(v)
        for key in leaf_keys(v):
            parts = key.split(".")
            assert any(".".join(parts[:n]) in cited for n in range(len(parts), 0, -1)), f"{name} v{i}: {key}"
        for key, c in cited.items():
            assert c.uraian and (c.peraturan or c.seed), f"{name}: {key} has no source"
        assert versions.period(i)[0] is not None


def test_seed_quotes_are_in_the_seeds() -> None:
    """No data file claims a seed says something it does not (the rules files)."""
    checked = 0
    for name in ("gratifikasi", "pajak_bos", "ppn"):
        for v in dated(name).versions:
            for key, c in citations(v).items():
                if not c.seed:
                    continue
                seed_id = str(c.seed)[:8]
                assert seed_id in SEED_FILES, f"{name}: {key} cites unknown {c.seed}"
                if c.seed_kutipan:
                    text = SEED_FILES[seed_id].read_text(encoding="utf-8")
                    assert c.seed_kutipan in text, f"{name}: {key}: '{c.seed_kutipan}' not in {seed_id}"
                    checked += 1
                else:
                    assert c.seed_nilai is not None, f"{name}: {key} cites {c.seed} without a quote"
    assert checked >= 15


def test_versions_are_contiguous_and_the_old_limits_end_the_day_before() -> None:
    g = dated("gratifikasi")
    assert g.period(0)[1] == D(2026, 1, 19) and g.period(1) == (D(2026, 1, 20), None)
    assert load_rules("gratifikasi")["versi"][0]["upacara_per_pemberi"] == 1_000_000


def test_one_calendar_for_gifts_and_compliance() -> None:
    assert gf.is_working_day is calendar.is_working_day
    assert not calendar.is_working_day(D(2023, 6, 30))  # cuti bersama Iduladha


# --- 6. IPAK 15,5 or 15,75 ------------------------------------------------------------------

def _figures(model_id: str, ipak: float) -> dict[str, float | None]:
    m = load_model(model_id)
    fig: dict[str, float | None] = {"total": 95.0, "pengungkit": 55.0, "bersih": 22.5, "ipak": ipak,
                                    "kinerja": 5.0, "prima": 17.5, "hasil": 40.0}
    for name, weight in m.area_weights.items():
        fig[f"area:{name}"] = weight * 0.95
    return fig


@pytest.mark.parametrize("model_id", ["permenpanrb-90-2021", "pedoman-bpmp-2023"])
def test_ipak_between_the_two_readings_says_which_reading_passes(model_id: str) -> None:
    ipak = 3.55 / 4 * 17.5  # index 3,55 -> 15,53
    results = check(_figures(model_id, ipak), load_model(model_id), has_wbk=True)
    for name in ("WBK", "WBBM"):
        p = results[name]
        assert not p.reached and p.reached_if_lower_reading
        assert "BERGANTUNG BACAAN" in p.summary() and "15,50" in p.summary() and "15,75" in p.summary()
        cond = next(c for c in p.conditions if c.key == "ipak")
        assert cond.ambiguous and "15,75" in cond.message()
    clear = check(_figures(model_id, 15.75), load_model(model_id), has_wbk=True)
    assert clear["WBBM"].reached and not clear["WBBM"].ambiguous
    low = check(_figures(model_id, 15.4), load_model(model_id), has_wbk=True)
    assert not low["WBK"].reached and not low["WBK"].reached_if_lower_reading


# --- 8. the Bangka Tengah sample letter's Lampiran --------------------------------------------

def test_bangka_tengah_sample_lampiran_is_the_seeds() -> None:
    import re

    import yaml

    seed = (SEEDS / "004_56d18ce6d0bd0029.txt").read_text(encoding="utf-8")
    said = re.search(r"^Lampiran\s*:\s*(.+?)\s*$", seed, flags=re.M)
    assert said is not None and said.group(1) == "1 (satu) Lembar"
    sample = yaml.safe_load((REPO / "samples" / "surat" / "surat-dinas-700-40-itdakab-2024.yaml")
                            .read_text(encoding="utf-8"))
    assert sample["lampiran"] == said.group(1)


def test_aturan_can_list_the_days_off_of_the_year() -> None:
    listed = rules_on(D(2023, 6, 1), days_off=True).sections[-1]
    days = {f.key for f in listed.figures}
    assert {d.isoformat() for d in CUTI_BERSAMA_2023_H1} <= days and "2023-08-17" in days
    assert "hari-libur" not in {s.name for s in rules_on(D(2023, 6, 1)).sections}
