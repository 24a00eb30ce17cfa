"""One entry for "a report from this workbook": the workbook kind decides which report.

==================== ===================== ===================================================
workbook kind        document kind         report
==================== ===================== ===================================================
rencana-aksi-zi      ``laporan-monev``     Laporan Monitoring dan Evaluasi ZI (+ Penilaian LKE ZI)
kalender-integritas  ``laporan-kepatuhan`` Laporan Kepatuhan Kegiatan Penguatan Integritas
tindak-lanjut-spi    ``laporan-spi``       Laporan Progres Tindak Lanjut SPI
==================== ===================== ===================================================

``integritas surat laporan -w WORKBOOK`` and the Excel button *Buat Laporan* both
call :func:`report_data_from_path`, so they give the same document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.workbook.reader import WorkbookData, read_workbook

REPORT_FOR_KIND = {
    "rencana-aksi-zi": "laporan-monev",
    "kalender-integritas": "laporan-kepatuhan",
    "tindak-lanjut-spi": "laporan-spi",
}
# what a user may type after --jenis
JENIS_ALIASES = {
    "monev": "laporan-monev", "laporan-monev": "laporan-monev", "rencana-aksi-zi": "laporan-monev",
    "kepatuhan": "laporan-kepatuhan", "laporan-kepatuhan": "laporan-kepatuhan",
    "kalender-integritas": "laporan-kepatuhan",
    "spi": "laporan-spi", "laporan-spi": "laporan-spi", "tindak-lanjut-spi": "laporan-spi",
}
WORKBOOK_FOR_REPORT = {v: k for k, v in REPORT_FOR_KIND.items()}


def report_kind_for(workbook_kind: str, path: Any = None) -> str:
    try:
        return REPORT_FOR_KIND[workbook_kind]
    except KeyError:
        kinds = ", ".join(REPORT_FOR_KIND)
        raise UsageError(f"belum ada laporan untuk workbook {workbook_kind}; laporan dibuat dari workbook {kinds}.",
                         path=path) from None


def resolve_jenis(jenis: str | None) -> str | None:
    if jenis is None:
        return None
    key = jenis.strip().casefold()
    if key not in JENIS_ALIASES:
        raise UsageError(f"--jenis '{jenis}' tidak dikenal; pilih monev, kepatuhan atau spi.")
    return JENIS_ALIASES[key]


def report_data(data: WorkbookData, *, jenis: str | None = None, quarter: int | None = None,
                as_of: dt.date | None = None, lke: str | Path | None = None,
                has_wbk: bool | None = None) -> tuple[str, dict[str, Any]]:
    """(document kind, report data) for a workbook already read."""
    detected = report_kind_for(data.schema.kind, data.path)
    wanted = resolve_jenis(jenis) or detected
    if wanted != detected:
        raise UsageError(f"workbook ini berjenis {data.schema.kind}; laporan {wanted} dibuat dari workbook "
                         f"{WORKBOOK_FOR_REPORT[wanted]}.", path=data.path)
    if lke is not None and wanted != "laporan-monev":
        raise UsageError("--lke hanya untuk laporan monev dari workbook rencana-aksi-zi.")
    if wanted == "laporan-monev":
        if as_of is not None:
            raise UsageError("laporan monev dihitung per akhir triwulan; pakai --triwulan, bukan --per-tanggal.")
        from toolkit.documents.monev import monev_data

        out = monev_data(data, quarter=quarter)
        if lke is not None:
            from toolkit.documents.lke_section import lke_section_from_path

            section = lke_section_from_path(lke, has_wbk=has_wbk)
            out["lke"] = section
            out["kesimpulan"].append(section["_kesimpulan"])
        return wanted, out
    if wanted == "laporan-kepatuhan":
        from toolkit.documents.kepatuhan import kepatuhan_data

        return wanted, kepatuhan_data(data, quarter=quarter, as_of=as_of)
    if quarter is not None:
        raise UsageError("laporan progres SPI dihitung per tanggal; pakai --per-tanggal, bukan --triwulan.")
    from toolkit.documents.spi_progres import spi_progres_data

    return wanted, spi_progres_data(data, as_of=as_of)


def report_data_from_path(path: str | Path, *, jenis: str | None = None, quarter: int | None = None,
                          as_of: dt.date | None = None, lke: str | Path | None = None,
                          has_wbk: bool | None = None) -> tuple[str, dict[str, Any]]:
    """Read the workbook (its kind detected from the Identitas sheet) and build its report's data."""
    wanted = resolve_jenis(jenis)
    expected = WORKBOOK_FOR_REPORT[wanted] if wanted else None
    return report_data(read_workbook(path, expected_kind=expected), jenis=jenis, quarter=quarter, as_of=as_of,
                       lke=lke, has_wbk=has_wbk)
