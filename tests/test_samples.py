"""The sample workbooks in samples/<kind>/ (issue 2 point 4), built from samples/data/*.yaml.

- regenerating every sample gives the same cell content as the committed file;
- every valid sample reads back into the records of its YAML source (seed text);
- every sample opens in LibreOffice and its PDF shows the unit and an activity;
- each invalid sample differs from its valid twin exactly at the cells its
  faults file lists.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from toolkit.office import convert, pdf_text
from toolkit.schemas import get_schema
from toolkit.schemas.coerce import Frequency
from toolkit.workbook import open_workbook

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "samples" / "seeds"  # a copy of ../shared/seeds (tests/test_seeds_copy.py keeps them equal)


def _load_builder() -> Any:
    spec = importlib.util.spec_from_file_location("build_samples", REPO / "scripts" / "build_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_samples"] = module
    spec.loader.exec_module(module)
    return module


bs = _load_builder()
CASES = bs.case_names()


def _paths(case: str) -> dict[str, Path]:
    data = bs.load_case(case)
    folder = REPO / "samples" / data["kind"]
    return {"valid": folder / f"{case}-valid.xlsx", "invalid": folder / f"{case}-invalid.xlsx",
            "faults": folder / f"{case}-invalid.faults.yaml"}


def _cells(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    """Every non-empty cell of every sheet (openpyxl: a formula is its text, so it differs from a number)."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, dict[tuple[int, int], Any]] = {}
    for ws in wb.worksheets:
        out[ws.title] = {(c.row - 1, c.column - 1): c.value for row in ws.iter_rows() for c in row
                         if c.value not in ("", None)}
    wb.close()
    return out


def _addr(cell: str) -> tuple[int, int]:
    from toolkit.workbook.cells import row_and_column
    row, col = row_and_column(cell)
    return row - 1, col - 1


def test_there_are_four_cases_one_per_seed_table() -> None:
    assert CASES == ["bangka-tengah-2024", "kanwil-djpb-2023", "komdigi-2026", "kppn-2023"]
    for case in CASES:
        for path in _paths(case).values():
            assert path.exists(), path


@pytest.mark.parametrize("case", CASES)
def test_regenerating_gives_the_same_cells(case: str, tmp_path: Path) -> None:
    built = bs.build_case(case, outdir=tmp_path)
    committed = _paths(case)
    for which in ("valid", "invalid"):
        assert _cells(built[which]) == _cells(committed[which]), f"{case}-{which}: jalankan scripts/build_samples.py"
    assert yaml.safe_load(built["faults"].read_text("utf-8")) == yaml.safe_load(
        committed["faults"].read_text("utf-8"))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, list):
        return tuple(value)
    return value


@pytest.mark.parametrize("case", CASES)
def test_valid_sample_reads_back_into_the_yaml_records(case: str) -> None:
    data = bs.load_case(case)
    schema = get_schema(data["kind"])
    wb = open_workbook(_paths(case)["valid"], kind=schema.kind)
    assert wb.identitas.problems == {}
    for key, value in data["identitas"].items():
        assert wb.identitas.values[key] == _plain(value), key
    assert wb.identitas.values["jenis_workbook"] == schema.kind
    expected = bs.case_rows(data)
    for spec in schema.sheets:
        records = wb.records(spec.key)
        rows = expected[spec.key]
        assert len(records) == len(rows), spec.name
        assert wb.sheets[spec.key].layout.missing == [] and wb.sheets[spec.key].layout.unknown == []
        for rec, row in zip(records, rows, strict=True):
            assert rec.problems == {}, (spec.name, rec.row, rec.problems)
            for col in spec.columns:
                got: Any = rec.values.get(col.key)
                want = _plain(row.get(col.key))
                if isinstance(got, Frequency):
                    got = got.label()
                assert got == want, (spec.name, rec.row, col.key, got, want)


def test_komdigi_sample_holds_every_activity_of_seed_001() -> None:
    seed = (SEEDS / "001_1ff2b76cbc969348.txt").read_text("utf-8")
    wb = open_workbook(_paths("komdigi-2026")["valid"])
    rencana = wb.records("rencana")
    # seed 001 "Matriks Rencana Kerja Pembangunan ZI": 7 + 5 + 7 + 3 + 7 + 6 activities
    assert len(rencana) == 35
    per_area = {a: sum(1 for r in rencana if r.values["area"] == a) for a in schema_areas()}
    assert list(per_area.values()) == [7, 5, 7, 3, 7, 6]
    for r in rencana:
        assert r.values["kegiatan"] in seed and r.values["output"] in seed
        assert r.values["progres"] != 100 or (r.values["status"] == "Selesai" and r.values["bukti"])
        assert any(r.values[f"rencana_m{m:02d}"] for m in range(1, 13))
    pics = {r.values["pic"] for r in rencana}
    assert pics == {"Annisa Nurul Aini Firdaus", "Isnaldi", "Johny Aryo Permadi", "Herri Triansyah",
                    "Irene Septine", "Aji Digda Aguna"}
    komitmen = wb.records("komitmen")
    assert len(komitmen) == 24
    # the matrix runs over several pages; the seed repeats its header at each page break
    header = "Triwulan\tFokus\tArea Perubahan\tOutput yang Dimonitor\tPIC\tKewajiban Unggah Evidence (EZiko)"
    flat = " ".join(seed.replace(header, " ").split())
    for r in komitmen:
        for line in r.values["output_dimonitor"].splitlines() + r.values["kewajiban_evidence"].splitlines():
            text = line.strip().lstrip("•-").strip()
            assert text in flat, text


def schema_areas() -> tuple[str, ...]:
    from toolkit.schemas.common import AREA_PERUBAHAN
    return AREA_PERUBAHAN


def test_bangka_tengah_sample_holds_both_lampiran_of_seed_004() -> None:
    seed = " ".join((SEEDS / "004_56d18ce6d0bd0029.txt").read_text("utf-8").split())
    wb = open_workbook(_paths("bangka-tengah-2024")["valid"])
    l1, l2 = wb.records("lampiran1"), wb.records("lampiran2")
    assert [r.values["no"] for r in l1] == [1, 2, 3, 4, 5, 6, 7]
    assert [r.values["tingkat_risiko"] for r in l2] == ["Sangat Tinggi"] * 2 + ["Tinggi"] * 3 + ["Sedang"] * 3 + [
        "Rendah"]
    for r in l1 + l2:
        for key in ("permasalahan", "kegiatan", "tujuan", "rekomendasi", "ukuran"):
            if key in r.values:
                # one line per "- item": joined back with spaces it is the seed's text
                assert " ".join(r.values[key].split()) in seed, (key, r.row)
    assert max(len(r.values["area_mcp"]) for r in l2) == 3
    assert wb.identitas.values["kepala_nip"] == "196409111989031009"


@pytest.mark.parametrize("case,activities", [("kanwil-djpb-2023", (11, 3, 4)), ("kppn-2023", (11, 6, 4))])
def test_calendar_samples_hold_seed_000_and_a_plausible_log(case: str, activities: tuple[int, int, int]) -> None:
    import holidays

    wb = open_workbook(_paths(case)["valid"])
    kal = wb.records("kalender")
    groups = ("Internal", "Eksternal", "Strategi Komunikasi")
    assert tuple(sum(1 for r in kal if r.values["kelompok"] == g) for g in groups) == activities
    off = set(holidays.country_holidays("ID", years=2023))
    log = wb.records("realisasi")
    assert all(dt.date(2023, 1, 1) <= r.values["tanggal"] <= dt.date(2023, 6, 30) for r in log)
    assert all(r.values["tanggal"].weekday() < 5 and r.values["tanggal"] not in off for r in log)
    assert all(r.values["bukti"].startswith(r.values["tanggal"].isoformat()) for r in log)
    daily = [r for r in log if r.values["kelompok"] == "Internal" and r.values["no_kegiatan"] == 1]
    assert 100 <= len(daily) <= 125  # every working day of Semester I minus a few misses
    themes = {(t.values["kelompok"], t.values["no_kegiatan"], t.values["periode"]): t.values["tema"]
              for t in wb.records("tema")}
    # seed 000: "Integritas seorang Pemimpin (Februari)" is delivered in February
    feb = [r for r in log if r.values["materi"] == themes[("Internal", 4, "Februari")]]
    assert feb and all(r.values["tanggal"].month == 2 for r in feb)


def _soffice_pdf_texts(paths: list[Path], outdir: Path) -> dict[str, str]:
    pdfs = convert(paths, "pdf", outdir)
    return {p.stem: pdf_text(p) for p in pdfs}


@pytest.mark.slow
def test_every_sample_opens_in_libreoffice_and_shows_its_text(tmp_path: Path, soffice: str) -> None:
    paths = [p for case in CASES for k, p in _paths(case).items() if k != "faults"]
    texts = _soffice_pdf_texts(paths, tmp_path)
    expected = {
        "komdigi-2026": ("Pusat Pengembangan Aparatur Komdigi", "Penetapan Agen Perubahan"),
        "bangka-tengah-2024": ("Pemerintah Kabupaten Bangka Tengah", "Survei Penilaian Integritas"),
        "kanwil-djpb-2023": ("Kantor Wilayah DJPb Provinsi Kepulauan", "Pembinaan Mental dan Kerohanian"),
        "kppn-2023": ("KPPN Pangkalpinang", "Asistensi Penyusunan Laporan Keuangan"),
    }
    for case, (unit, activity) in expected.items():
        for which in ("valid", "invalid"):
            text = " ".join(texts[f"{case}-{which}"].split())
            assert unit in text and activity in text, f"{case}-{which}"


@pytest.mark.parametrize("case", CASES)
def test_invalid_sample_differs_exactly_at_the_listed_faults(case: str) -> None:
    paths = _paths(case)
    doc = yaml.safe_load(paths["faults"].read_text("utf-8"))
    faults = doc["faults"]
    assert 10 <= len(faults) <= 20
    valid, invalid = _cells(paths["valid"]), _cells(paths["invalid"])
    expected: set[tuple[str, tuple[int, int]]] = set()
    missing_sheets, hidden = set(), set()
    for f in faults:
        changed = f.get("changed") or ([{"sheet": f["sheet"], "cell": f["cell"]}] if f["cell"] else [])
        expected |= {(c["sheet"], _addr(c["cell"])) for c in changed}
        if f.get("sheet_level") == "missing":
            missing_sheets.add(f["sheet"])
        if f.get("sheet_level") == "hidden":
            hidden.add(f["sheet"])
    actual: set[tuple[str, tuple[int, int]]] = set()
    for name in set(valid) | set(invalid):
        if name in missing_sheets:
            assert name in valid and name not in invalid
            continue
        a, b = valid.get(name, {}), invalid.get(name, {})
        actual |= {(name, k) for k in set(a) | set(b) if a.get(k) != b.get(k)}
    assert actual == expected
    wb = openpyxl.load_workbook(paths["invalid"])
    assert {ws.title for ws in wb.worksheets if ws.sheet_state != "visible"} == hidden
    # formula faults are real formulas; text that looks like a formula stays text
    for f in faults:
        if f["rule_id"] in ("FORMULA", "INJEKSI-FORMULA"):
            cell = wb[f["sheet"]][f["cell"]]
            assert (cell.data_type == "f") == (f["rule_id"] == "FORMULA")
            assert str(cell.value).startswith("=")


def test_fault_lists_cover_every_generic_and_kind_rule() -> None:
    generic = {"WAJIB", "TIPE", "PILIHAN", "RENTANG", "IDENTITAS-WAJIB", "IDENTITAS-NIP", "IDENTITAS-TAHUN",
               "SHEET-HILANG", "KOLOM-HILANG", "KOLOM-TIDAK-DIKENAL", "SHEET-TERSEMBUNYI", "FORMULA",
               "INJEKSI-FORMULA"}
    used: dict[str, set[str]] = {}
    for case in CASES:
        doc = yaml.safe_load(_paths(case)["faults"].read_text("utf-8"))
        used.setdefault(doc["kind"], set()).update(f["rule_id"] for f in doc["faults"])
    assert generic <= set().union(*used.values())
    for kind, ids in used.items():
        declared = {r.id for r in get_schema(kind).rules}
        assert ids - generic <= declared, kind
        # every declared rule has a fault, except whole-area absence (see docs/samples.md)
        assert declared - ids <= {"ZI-AREA-LENGKAP"}, (kind, declared - ids)
