"""rekap inflates and measures every workbook once: the identification's preflight is handed to the
full read, and reused only while the file is exactly the one that was checked."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import toolkit.rekap.extract as rekap_extract
import toolkit.rekap.run as rekap_run
import toolkit.workbook.reader as reader
from tests.support.inline_pool import InlineExecutor
from tests.support.synthetic_units import build_scenario
from toolkit.rekap import run_rekap
from toolkit.rekap.extract import READ_FAILED, READ_OK, extract_submission, identify_submission


def _count_checks(monkeypatch: Any) -> Counter[str]:
    calls: Counter[str] = Counter()
    real = reader.check_workbook

    def counting(path: Any, **kw: Any) -> Any:
        calls[Path(path).name] += 1
        return real(path, **kw)

    monkeypatch.setattr(reader, "check_workbook", counting)
    monkeypatch.setattr(rekap_extract, "check_workbook", counting)
    return calls


def test_rekap_checks_each_readable_file_once(tmp_path: Path, monkeypatch: Any) -> None:
    sc = build_scenario(tmp_path / "sc", n_units=12, n_files=12, n_duplicates=1, n_unreadable=2,
                        n_unknown=1, n_legacy=2)
    calls = _count_checks(monkeypatch)
    monkeypatch.setattr(rekap_run, "ProcessPoolExecutor", InlineExecutor)
    run = run_rekap([sc.folder], tmp_path / "REKAP.xlsx", unit_list=sc.unit_list, workers=2,
                    now=dt.datetime(2026, 7, 20, 9, 30))
    assert run.result.rows_accepted("rencana") > 0
    readable = [p.name for p in sc.folder.glob("*.xlsx") if p.name not in sc.unreadable]
    assert readable and len(readable) >= 10
    assert {name: calls[name] for name in readable} == dict.fromkeys(readable, 1)


def test_a_file_changed_after_identification_is_checked_again(tmp_path: Path, monkeypatch: Any) -> None:
    sc = build_scenario(tmp_path / "sc", n_units=2, n_files=2, n_duplicates=0, n_unreadable=0,
                        n_unknown=0, n_legacy=0)
    first, second = sorted(sc.folder.glob("*.xlsx"))
    spill = tmp_path / "spill"
    spill.mkdir()
    calls = _count_checks(monkeypatch)

    sub = identify_submission(str(first))
    assert sub.checked is not None and calls[first.name] == 1
    assert extract_submission(str(first), str(spill), checked=sub.checked).read_status == READ_OK
    assert calls[first.name] == 1  # reused: the same file

    # swapped for another workbook under the same name: checked again and read as the new file
    sub = identify_submission(str(first))
    shutil.copyfile(second, tmp_path / "lain.xlsx")
    os.replace(tmp_path / "lain.xlsx", first)
    again = extract_submission(str(first), str(spill), checked=sub.checked)
    assert calls[first.name] == 3
    assert again.read_status == READ_OK
    assert again.identitas == identify_submission(str(second)).identitas

    # swapped for something that is not a workbook: the stale check does not let it through
    sub = identify_submission(str(first))
    (tmp_path / "bukan.xlsx").write_bytes(b"%PDF-1.7 bukan workbook" * 100)
    os.replace(tmp_path / "bukan.xlsx", first)
    bad = extract_submission(str(first), str(spill), checked=sub.checked)
    assert bad.read_status == READ_FAILED and "bukan file Excel" in bad.reason
