"""One entry for "a report from this workbook": the workbook's kind decides which report.

Each kind with the ``report`` capability (``toolkit.kinds``) names its document kind
(the template under templates/docx/), what a user may type after ``--jenis``, and the
function that builds the report's data: today rencana-aksi-zi → Laporan Monitoring dan
Evaluasi ZI (+ Penilaian LKE ZI), kalender-integritas → Laporan Kepatuhan Kegiatan
Penguatan Integritas, tindak-lanjut-spi → Laporan Progres Tindak Lanjut SPI.

``integritas surat laporan -w WORKBOOK`` and the Excel button *Buat Laporan* both
call :func:`report_data_from_path`, so they give the same document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.kinds.model import WorkbookKind
from toolkit.kinds.registry import get_kind, kinds_with, require_capability
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import WorkbookData


def report_kind_for(workbook_kind: str, path: Any = None) -> str:
    """The document kind of ``workbook_kind``'s report (uniform message when it has none)."""
    return str(require_capability(workbook_kind, "report", path=path).document)


def _kind_for_jenis(jenis: str) -> WorkbookKind:
    key = jenis.strip().casefold()
    for kind in kinds_with("report"):
        assert kind.report is not None
        if key in kind.report.aliases or key == kind.report.document:
            return kind
    choices = ", ".join(k.report.aliases[0] for k in kinds_with("report") if k.report is not None)
    raise UsageError(f"--jenis '{jenis}' tidak dikenal; pilih {choices}.")


def resolve_jenis(jenis: str | None) -> str | None:
    """The document kind a user means by ``--jenis`` (monev, kepatuhan, spi, or a full name)."""
    if jenis is None:
        return None
    report = _kind_for_jenis(jenis).report
    assert report is not None
    return report.document


def report_data(data: WorkbookData, *, jenis: str | None = None, quarter: int | None = None,
                as_of: dt.date | None = None, lke: str | Path | None = None,
                has_wbk: bool | None = None) -> tuple[str, dict[str, Any]]:
    """(document kind, report data) for a workbook already read."""
    kind = get_kind(data.schema)
    detected = report_kind_for(kind.name, data.path)
    wanted = resolve_jenis(jenis) or detected
    if wanted != detected:
        assert jenis is not None
        raise UsageError(f"workbook ini berjenis {kind.name}; laporan {wanted} dibuat dari workbook "
                         f"{_kind_for_jenis(jenis).name}.", path=data.path)
    report = kind.report
    assert report is not None
    if lke is not None and not report.takes_lke:
        takers = [k for k in kinds_with("report") if k.report is not None and k.report.takes_lke]
        raise UsageError("--lke hanya untuk " + " dan ".join(
            f"laporan {k.report.aliases[0]} dari workbook {k.name}" for k in takers if k.report) + ".")
    return wanted, report.build(data, quarter=quarter, as_of=as_of, lke=lke, has_wbk=has_wbk)


def report_data_from_path(path: str | Path, *, jenis: str | None = None, quarter: int | None = None,
                          as_of: dt.date | None = None, lke: str | Path | None = None,
                          has_wbk: bool | None = None) -> tuple[str, dict[str, Any]]:
    """Read the workbook (its kind detected from the Identitas sheet) and build its report's data."""
    expected = _kind_for_jenis(jenis).name if jenis is not None else None
    return report_data(open_workbook(path, kind=expected), jenis=jenis, quarter=quarter, as_of=as_of,
                       lke=lke, has_wbk=has_wbk)
