"""Deadlines per period (issue 18 point 3): lateness is measured against the period a workbook reports on.

A TW III workbook filled on 5 Oktober is not late against TW II's 15 Juli; the unit list
gives per-period deadlines in "Batas Kirim <periode>" columns or in a *Batas Kirim* sheet.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from tests.support.synthetic_units import identitas_for, komitmen_rows, unit_rows, write_unit_workbook_fast
from toolkit.errors import UsageError
from toolkit.rekap import Unit, load_unit_list, run_rekap, write_unit_list
from toolkit.rekap.units import deadline_for

JULY_15, OCT_5 = dt.date(2026, 7, 15), dt.date(2026, 10, 5)


def _inbox(folder: Path, units: list[Unit], filled: dt.date, periode: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    for u in units:
        write_unit_workbook_fast(folder / f"{u.kode}.xlsx",
                                 identitas_for(u.kode, u.nama, "Kanwil", periode=periode, tanggal=filled),
                                 {"rencana": unit_rows(rng, 6, quarter=3), "komitmen": komitmen_rows()})
    return folder


def _late(tmp_path: Path, units: list[Unit], **kw: object) -> dict[str, tuple[dt.date | None, bool | None, list[str]]]:
    lst = write_unit_list(tmp_path / "daftar.xlsx", units, **kw)  # type: ignore[arg-type]
    inbox = _inbox(tmp_path / "masuk", units, OCT_5, "TW III")
    run = run_rekap([inbox], tmp_path / "REKAP.xlsx", unit_list=lst, db=None, workers=1)
    return {us.unit.kode: (us.deadline, us.on_time, us.notes) for us in run.result.units}


def test_a_tw3_workbook_is_not_late_against_tw2s_deadline(tmp_path: Path) -> None:
    got = _late(tmp_path, [Unit("KW-A", "Kanwil A", batas_kirim=JULY_15)])
    deadline, on_time, notes = got["KW-A"]
    assert deadline is None and on_time is None  # not judged against another period's deadline
    assert any("15 Juli 2026" in n and "TW III 2026" in n for n in notes)


def test_per_period_columns_and_the_deadline_sheet(tmp_path: Path) -> None:
    units = [Unit("KW-A", "Kanwil A", batas_kirim=JULY_15, deadlines=(("TW III", dt.date(2026, 10, 15)),)),
             Unit("KW-B", "Kanwil B", batas_kirim=JULY_15, deadlines=(("TW III", dt.date(2026, 10, 1)),)),
             Unit("KW-C", "Kanwil C")]
    sheet = {(2026, "TW III"): dt.date(2026, 10, 4), (None, "TW II"): JULY_15}
    got = _late(tmp_path, units, period_deadlines=sheet)
    assert got["KW-A"][:2] == (dt.date(2026, 10, 15), True)  # its own TW III column
    assert got["KW-B"][:2] == (dt.date(2026, 10, 1), False)
    assert got["KW-C"][:2] == (dt.date(2026, 10, 4), False)  # the Batas Kirim sheet, for every unit
    # the list reads back what was written
    back = load_unit_list(tmp_path / "daftar.xlsx")
    assert back.period_deadlines == sheet
    assert dict(back.units[0].deadlines) == {"TW III": dt.date(2026, 10, 15)}


def test_single_deadline_after_the_period_still_counts() -> None:
    unit = Unit("KW-A", "Kanwil A", batas_kirim=dt.date(2026, 10, 15))
    assert deadline_for(unit, 2026, "TW III") == (dt.date(2026, 10, 15), "")
    assert deadline_for(unit, 2026, "Semester II")[0] is None  # 15 Oktober is before 31 Desember
    assert deadline_for(Unit("X", "X"), 2026, "TW I", default=dt.date(2026, 4, 10)) == (dt.date(2026, 4, 10), "")


def test_a_bad_date_in_a_period_column_names_the_cell(tmp_path: Path) -> None:
    import openpyxl

    path = write_unit_list(tmp_path / "daftar.xlsx", [Unit("KW-A", "Kanwil A", deadlines=(("TW I", JULY_15),))])
    wb = openpyxl.load_workbook(path)
    wb["Daftar Unit"]["I4"] = "besok"
    wb.save(path)
    with pytest.raises(UsageError) as info:
        load_unit_list(path)
    assert "I4" in info.value.describe() and "Batas Kirim TW I" in info.value.describe()
