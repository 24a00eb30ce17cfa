"""Laporan Progres Tindak Lanjut SPI from a ``tindak-lanjut-spi`` workbook (seed 004).

Seed 004's Lampiran I gives every action its *Kriteria dan Ukuran Keberhasilan*
("… dibuktikan dengan laporan … diberikan nilai 100", "Dihitung berdasarkan %
pengaduan yang telah ditindaklanjuti") and its *Waktu Pelaksanaan*. The scoring
capability (:func:`toolkit.scoring.spi_progress`) computes each action's progress
from the latest *Pemantauan* report on or before the report date; this module
writes it as a report: per action the criterion, how it is measured, the progress
and whether it is overdue; the monitoring details; the overdue actions; a chart.

The report date ("keadaan per") is, unless given: *Tanggal Pengisian* of the
Identitas sheet, else the end of the Identitas *Periode* quarter, else today.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from toolkit import indonesian as idn
from toolkit.documents.charts import bar_chart_png, pct_text, short_label
from toolkit.errors import UsageError
from toolkit.kinds import tindak_lanjut_spi
from toolkit.scoring.spi import spi_progress
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import WorkbookData

CHART_NAME = "grafik_spi"
CHART_SIZE_CM = (16.0, 8.0)
MEASURE_TEXT = {
    "nilai": "Nilai 0–100 dari laporan (100 bila terbukti)",
    "persentase": "Realisasi ÷ Target × 100%",
    "status": "Status pelaksanaan",
}


def default_as_of(data: WorkbookData) -> dt.date:
    filled = data.identitas.values.get("tanggal_pengisian")
    if isinstance(filled, dt.datetime):
        return filled.date()
    if isinstance(filled, dt.date):
        return filled
    q = idn.parse_quarter(data.identitas.values.get("periode"))
    if q and isinstance(data.year, int):
        return dt.date(data.year, 3 * q, _cal.monthrange(data.year, 3 * q)[1])
    return dt.date.today()


def _num(x: float | None) -> str:
    if x is None:
        return "-"
    return str(int(x)) if float(x).is_integer() else pct_text(x)


def spi_progres_data(data: WorkbookData, *, as_of: dt.date | None = None) -> dict[str, Any]:
    """The report's tables and paragraphs (kop, signatory … come from the caller's letter data)."""
    if data.schema.kind != tindak_lanjut_spi.SCHEMA.kind:
        raise UsageError(f"laporan progres SPI dibuat dari workbook tindak-lanjut-spi, bukan {data.schema.kind}.",
                         path=data.path)
    day = as_of or default_as_of(data)
    result = spi_progress(data, day)
    if not result.actions:
        raise UsageError("sheet Lampiran I belum berisi rencana aksi.", path=data.path)
    kegiatan: list[dict[str, Any]] = []
    rincian: list[dict[str, Any]] = []
    terlambat: list[dict[str, Any]] = []
    for a in result.actions:
        row = {"no": str(a.no), "kegiatan": a.kegiatan.strip(), "kriteria": a.kriteria.strip(),
               "ukuran": MEASURE_TEXT.get(a.measure, a.measure), "penanggung_jawab": a.penanggung_jawab.strip(),
               "waktu": a.waktu.strip(), "progres": pct_text(a.progress),
               "terlambat": "Ya" if a.overdue else "Tidak",
               "_label": f"{a.no}. {short_label(a.kegiatan, 44)}", "_progres": a.progress}
        kegiatan.append(row)
        rincian.append({"no": str(a.no),
                        "pemantauan": idn.format_tanggal(a.last_report) if a.last_report else "-",
                        "status": a.status, "target": _num(a.target), "realisasi": _num(a.realisasi),
                        "progres": pct_text(a.progress), "tenggat": idn.format_tanggal(a.due) if a.due else "-",
                        "terlambat": row["terlambat"], "catatan": a.note or "-"})
        if a.overdue:
            terlambat.append({"no": str(len(terlambat) + 1), "kegiatan": row["kegiatan"],
                              "penanggung_jawab": row["penanggung_jawab"],
                              "tenggat": idn.format_tanggal(a.due) if a.due else "-",
                              "progres": row["progres"], "status": a.status})
    year = data.year if isinstance(data.year, int) else day.year
    unit = result.unit
    overall = result.overall or 0.0
    done = len(result.completed)
    ringkasan = [
        f"Sampai dengan {idn.format_tanggal(day)}, rencana aksi tindak lanjut hasil Survei Penilaian Integritas "
        f"(SPI) Tahun {year - 1} {unit} memuat {len(result.actions)} kegiatan: {done} telah mencapai ukuran "
        f"keberhasilannya (progres 100%) dan {len(result.actions) - done} masih berjalan atau belum dilaksanakan. "
        f"Rata-rata progres seluruh kegiatan {pct_text(overall)}%.",
        (f"Sebanyak {len(terlambat)} kegiatan terlambat: batas Waktu Pelaksanaannya sudah lewat tetapi progresnya "
         "belum 100%." if terlambat else "Tidak ada kegiatan yang melewati batas Waktu Pelaksanaan."),
    ]
    kesimpulan = []
    low = sorted((a for a in result.actions if a.progress < 100), key=lambda a: a.progress)
    if low:
        kesimpulan.append("Kegiatan yang belum mencapai ukuran keberhasilan: " + idn.join_natural(
            f"nomor {a.no} ({pct_text(a.progress)}%)" for a in low) + "; penanggung jawab agar melaporkan "
            "pemantauan berikutnya beserta data dukungnya.")
    else:
        kesimpulan.append("Seluruh kegiatan rencana aksi telah mencapai ukuran keberhasilannya.")
    if terlambat:
        kesimpulan.append("Kegiatan yang terlambat agar segera diselesaikan dan kendalanya dijelaskan pada sheet "
                          "Pemantauan.")
    no_report = [a for a in result.actions if a.last_report is None]
    if no_report:
        kesimpulan.append("Belum ada laporan pemantauan untuk kegiatan nomor "
                          + idn.join_natural(str(a.no) for a in no_report) + ".")
    return {
        "nama_unit": unit,
        "periode": f"Keadaan per {idn.format_tanggal(day)}",
        "tahun_spi": str(year - 1),
        "tanggal_data": day,
        "pendahuluan": [
            f"Hasil Survei Penilaian Integritas Tahun {year - 1} ditindaklanjuti dengan rencana aksi yang memuat "
            "kegiatan, tujuan, output, kriteria dan ukuran keberhasilan, penanggung jawab serta waktu "
            "pelaksanaannya.",
            "Laporan ini memuat progres setiap kegiatan menurut ukuran keberhasilannya, berdasarkan laporan "
            "pemantauan terakhir, serta kegiatan yang melewati batas waktu pelaksanaan.",
        ],
        "ringkasan": ringkasan,
        "progres_persen": pct_text(overall),
        "kegiatan": kegiatan,
        "rincian": rincian,
        "terlambat": terlambat,
        "kesimpulan": kesimpulan,
    }


def spi_progres_data_from_path(path: str | Path, *, as_of: dt.date | None = None) -> dict[str, Any]:
    return spi_progres_data(open_workbook(path, kind=tindak_lanjut_spi.SCHEMA.kind), as_of=as_of)


def spi_chart_png(kegiatan: Sequence[Mapping[str, Any]]) -> bytes:
    rows = [r for r in kegiatan if r.get("_progres") is not None]
    return bar_chart_png([str(r.get("_label") or r["kegiatan"]) for r in rows],
                         [float(r["_progres"]) for r in rows], xlabel="Progres (%)", size_cm=CHART_SIZE_CM)
