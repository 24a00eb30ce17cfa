"""The recap on a generated quarter of 200 unit workbooks (issue 5, "Done means").

The inbox is built by ``tests.support.synthetic_units.build_scenario``: duplicates (newer by
Identitas date, newer by file time only, older second sending), older templates with
renamed columns and an extra column, unreadable files, files of units not in the
list, and units that sent nothing. REKAP.xlsx is then opened again (calamine and
openpyxl) and checked against what was generated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests.support.synthetic_units import EXTRA_COLUMN, FORMULA_TEXT, LEGACY_HEADERS, build_scenario
from toolkit.rekap import (
    SUPERSEDED,
    UNKNOWN_UNIT,
    UNREADABLE,
    load_unit_list,
    run_rekap,
)
from toolkit.rekap.writer import AREAS_SHEET, FILES_SHEET, MISSING_SHEET, UNITS_SHEET, data_sheet_name
from toolkit.schemas import get_schema

SCHEMA = get_schema("rencana-aksi-zi")
RENCANA = data_sheet_name(SCHEMA.sheet("rencana").name)
KOMITMEN = data_sheet_name(SCHEMA.sheet("komitmen").name)


@pytest.fixture(scope="module")
def recap(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("rekap200")
    sc = build_scenario(root, n_units=200, n_files=200)
    run = run_rekap([sc.folder], root / "REKAP.xlsx", unit_list=sc.unit_list, db=root / "riwayat.sqlite",
                    workers=2)
    return sc, run


def _sheet(path: Path, name: str) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    try:
        return [list(r) for r in wb.get_sheet_by_name(name).to_python()]
    finally:
        wb.close()


def _table(rows: list[list], header_first: str) -> tuple[list[str], list[list]]:
    """(header, rows below it) for the table whose first header cell is ``header_first``."""
    for i, row in enumerate(rows):
        if row and row[0] == header_first:
            body = [r for r in rows[i + 1:] if any(v not in ("", None) for v in r)]
            return [str(h) for h in row], body
    raise AssertionError(f"tabel dengan judul {header_first!r} tidak ditemukan")


@pytest.mark.slow
def test_every_case_reported_exactly(recap) -> None:  # type: ignore[no-untyped-def]
    sc, run = recap
    result = run.result
    assert len(result.files) == 200
    assert {us.unit.kode: us.submission.name for us in result.accepted} == sc.winners
    assert sorted(f.submission.name for f in result.by_status(SUPERSEDED)) == sorted(sc.superseded)
    assert sorted(f.submission.name for f in result.by_status(UNKNOWN_UNIT)) == sorted(sc.unknown)
    assert sorted(f.submission.name for f in result.by_status(UNREADABLE)) == sorted(sc.unreadable)
    assert sorted(us.unit.kode for us in result.missing) == sorted(sc.missing)
    assert all(f.reason for f in result.by_status(UNREADABLE))
    # every superseded file names the one that replaced it, and both are listed
    for entry in result.by_status(SUPERSEDED):
        winner = sc.winners[sc.superseded[entry.submission.name]]
        assert winner in entry.reason
    late = {code for code, name in sc.winners.items() if sc.dates[name] > dt.date(2026, 7, 15)}
    assert {us.unit.kode for us in result.late} == late


@pytest.mark.slow
def test_long_table_rows_equal_sum_of_accepted_units(recap) -> None:  # type: ignore[no-untyped-def]
    sc, run = recap
    for key, sheet in (("rencana", RENCANA), ("komitmen", KOMITMEN)):
        header, body = _table(_sheet(run.output, sheet), "Kode Unit")
        assert len(body) == sc.expected_rows(key) == run.result.rows_accepted(key)
        per_unit: dict[str, int] = {}
        for row in body:
            per_unit[row[0]] = per_unit.get(row[0], 0) + 1
        assert per_unit == {code: sc.rows[name][key] for code, name in sc.winners.items()}
        assert header[:2] == ["Kode Unit", "Nama Unit"]


@pytest.mark.slow
def test_renamed_and_extra_columns_are_kept(recap) -> None:  # type: ignore[no-untyped-def]
    sc, run = recap
    header, body = _table(_sheet(run.output, RENCANA), "Kode Unit")
    progres = header.index("Progres (%)")
    extra = header.index(f"{EXTRA_COLUMN} [kolom tambahan]")
    legacy_rows = [r for r in body if r[0] in sc.legacy]
    assert len(legacy_rows) == sum(sc.rows[sc.winners[c]]["rencana"] for c in sc.legacy)
    assert all(isinstance(r[progres], float) for r in legacy_rows)  # 'Capaian (%)' mapped to Progres (%)
    assert all(isinstance(r[extra], float) and r[extra] > 0 for r in legacy_rows)
    assert all(r[extra] in ("", None) for r in body if r[0] not in sc.legacy)
    files = {f.submission.name: f.submission for f in run.result.files}
    legacy_sub = files[sc.winners[sc.legacy[0]]]
    assert {text.split("'")[1] for text in legacy_sub.renamed} == set(LEGACY_HEADERS.values())
    assert legacy_sub.version == "0.9"
    _h, listing = _table(_sheet(run.output, FILES_SHEET), "No")
    row = next(r for r in listing if r[1] == legacy_sub.name)
    assert "Capaian (%)" in row[12] and EXTRA_COLUMN in row[13]


@pytest.mark.slow
def test_formula_like_text_stays_text(recap) -> None:  # type: ignore[no-untyped-def]
    sc, run = recap
    wb = openpyxl.load_workbook(run.output, read_only=True)
    ws = wb[RENCANA]
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    ket = header.index("Keterangan")
    found = []
    for row in ws.iter_rows(min_row=2):
        cell = row[ket]
        if cell.value == FORMULA_TEXT:
            found.append((row[0].value, cell.data_type))
    wb.close()
    assert sorted(code for code, _t in found) == sorted(sc.formula)
    assert {t for _c, t in found} == {"s"}  # a string cell, never a formula
    assert "<f>" not in _zip_text(run.output, _sheet_part(run.output, RENCANA))


def _sheet_part(path: Path, name: str) -> str:
    """The zip member of the sheet called ``name`` (XlsxWriter numbers sheets in workbook order)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return f"xl/worksheets/sheet{wb.sheetnames.index(name) + 1}.xml"
    finally:
        wb.close()


def _zip_text(path: Path, member: str) -> str:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read(member).decode("utf-8")


@pytest.mark.slow
def test_summary_and_missing_sheets(recap) -> None:  # type: ignore[no-untyped-def]
    sc, run = recap
    _h, missing = _table(_sheet(run.output, MISSING_SHEET), "No")
    assert sorted(r[1] for r in missing) == sorted(sc.missing)
    header, body = _table(_sheet(run.output, UNITS_SHEET), "No")
    assert len(body) == 200
    sent = {r[1]: r[header.index("Sudah Kirim")] for r in body}
    assert {k for k, v in sent.items() if v == "Ya"} == set(sc.winners)
    # progress per area equals the mean of the unit's own rows (recomputed from the long table)
    code = sorted(sc.winners)[0]
    lh, rows = _table(_sheet(run.output, RENCANA), "Kode Unit")
    area_i, pct_i = lh.index("Area Perubahan"), lh.index("Progres (%)")
    mine = [r for r in rows if r[0] == code]
    ah, area_rows = _table(_sheet(run.output, AREAS_SHEET), "Kode Unit")
    summary_row = next(r for r in area_rows if r[0] == code)
    for area in {r[area_i] for r in mine}:
        values = [r[pct_i] for r in mine if r[area_i] == area]
        assert summary_row[ah.index(f"Progres {area} (%)")] == pytest.approx(sum(values) / len(values), abs=0.051)


@pytest.mark.slow
def test_history_rerun_adds_nothing(recap, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sc, run = recap
    from toolkit.rekap import History

    assert run.new_in_history == 182 + 9 + 4  # accepted, superseded and unknown-unit files
    again = run_rekap([sc.folder], tmp_path / "REKAP2.xlsx", unit_list=sc.unit_list, db=run.db_path)
    assert again.new_in_history == 0
    with History(run.db_path) as history:
        assert history.count("submissions") == 195
        assert history.count("runs") == 1
        trend = history.trend(sorted(sc.winners)[0])
    assert trend is not None and len(trend.points) == 1
    assert trend.points[0].metrics["baris"] == sum(sc.rows[sc.winners[sorted(sc.winners)[0]]].values())


def test_unit_list_rejects_duplicate_codes(tmp_path: Path) -> None:
    from toolkit.errors import UsageError
    from toolkit.rekap import Unit, write_unit_list

    path = write_unit_list(tmp_path / "daftar.xlsx", [Unit("KW-01", "Satu"), Unit("kw-01 ", "Dua")])
    with pytest.raises(UsageError) as info:
        load_unit_list(path)
    assert "A5" in info.value.describe() and "A4" in info.value.describe()
