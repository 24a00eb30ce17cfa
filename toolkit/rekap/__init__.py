"""Central-office recap: merge the units' workbooks, see the whole picture, write back.

Public API:

* :func:`run_rekap` (inputs, output, unit_list=…, db=…) → :class:`RekapRun` (``.result``)
* :func:`discover_files`, :func:`load_unit_list` / :class:`UnitList` / :class:`Unit`,
  :func:`write_unit_list`
* :func:`resolve` → :class:`RekapResult` (``.units``, ``.files``, ``.accepted``, ``.missing``,
  ``.by_status(...)``, ``.rows_accepted(sheet_key)``)
* :func:`write_rekap` (result, path) → REKAP.xlsx
* :class:`History` (SQLite, sha256 de-duplication; ``.record(result)``, ``.trend(unit)``)
* :func:`write_letters` (result, outdir, register) → one Nota Dinas per unit (``--surat``)

See docs/rekap.md.
"""

from __future__ import annotations

from toolkit.rekap.extract import Submission, extract_submission
from toolkit.rekap.history import History, Trend, default_db_path
from toolkit.rekap.merge import (
    ACCEPTED,
    OTHER_KIND,
    SUPERSEDED,
    UNKNOWN_UNIT,
    UNREADABLE,
    FileEntry,
    RekapResult,
    UnitStatus,
    resolve,
)
from toolkit.rekap.run import RekapRun, discover_files, run_rekap
from toolkit.rekap.units import Unit, UnitList, load_unit_list, write_unit_list
from toolkit.rekap.writer import write_rekap

__all__ = [
    "ACCEPTED", "OTHER_KIND", "SUPERSEDED", "UNKNOWN_UNIT", "UNREADABLE",
    "FileEntry", "History", "RekapResult", "RekapRun", "Submission", "Trend", "Unit", "UnitList", "UnitStatus",
    "default_db_path", "discover_files", "extract_submission", "load_unit_list", "resolve", "run_rekap",
    "write_rekap", "write_unit_list",
]
