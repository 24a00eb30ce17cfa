"""Laporan Monitoring dan Evaluasi (seed 001, BAB IV) from a ``rencana-aksi-zi`` workbook.

Seed 001 §4.1–4.2: monitoring follows the work plan as it runs so that problems
are found early; evaluation looks at what was achieved. The quarterly report
therefore shows, at the end of the quarter:

* per Area Perubahan: number of activities, finished / running / not started,
  overdue, average progress — and a bar chart of the average progress;
* per activity: area, activity, PIC, planned months, status, progress;
* overdue activities: a planned month inside the period has passed and no
  realisation was marked in that month or later (the ZI-TERLAMBAT rule of the
  rencana-aksi-zi schema), unless the activity is finished or cancelled.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from toolkit import indonesian as idn
from toolkit.documents.charts import bar_chart_png, pct_text
from toolkit.errors import UnreadableInputError, UsageError
from toolkit.kinds import rencana_aksi_zi
from toolkit.schemas.common import AREA_PERUBAHAN, MONTH_KEYS
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import Record, WorkbookData

DONE = {"Selesai", "Dibatalkan"}
CHART_SIZE_CM = (16.0, 8.0)
_pct = pct_text


def _months(rec_values: Mapping[str, Any], prefix: str) -> list[int]:
    return [i for i, key in enumerate(MONTH_KEYS, start=1) if rec_values.get(f"{prefix}_{key}") is True]


def _month_list(months: Sequence[int]) -> str:
    return ", ".join(idn.MONTHS_SHORT[m - 1] for m in months) or "-"


def overdue_months(planned: Sequence[int], realised: Sequence[int], last_month: int) -> list[int]:
    """Planned months up to ``last_month`` with no realisation in that month or later (up to ``last_month``)."""
    late = []
    for m in planned:
        if m > last_month:
            continue
        if not any(m <= r <= last_month for r in realised):
            late.append(m)
    return late


def _progress(rec: Record, path: Path) -> float:
    """The activity's Progres (%) — refused, naming its cell, when it is outside 0–100 (the column's range):
    a report that averages an impossible progress would print a wrong figure and chart."""
    value = rec.values.get("progres")
    progress = float(value or 0)
    if not math.isfinite(progress) or not 0 <= progress <= 100:
        raise UnreadableInputError(f"Progres (%) bernilai {idn.format_value(value)}, di luar 0–100; laporan tidak "
                                   "dibuat. Perbaiki isian sel ini lebih dahulu.",
                                   path=path, sheet=rec.sheet, cell=rec.cells.get("progres"))
    return progress


def monev_data(data: WorkbookData, *, quarter: int | None = None) -> dict[str, Any]:
    """The report's tables and paragraphs (no letter fields: kop, signatory … come from the caller)."""
    if data.schema.kind != rencana_aksi_zi.SCHEMA.kind:
        raise UsageError(f"laporan monev dibuat dari workbook rencana-aksi-zi, bukan {data.schema.kind}.",
                         path=data.path)
    year = data.year
    if not isinstance(year, int):
        raise UsageError("Tahun di sheet Identitas belum diisi.", path=data.path, sheet="Identitas")
    q = quarter or idn.parse_quarter(data.identitas.values.get("periode")) or 4
    last_month = q * 3
    as_of = dt.date(year, last_month, 1) + dt.timedelta(days=31)
    as_of = as_of.replace(day=1) - dt.timedelta(days=1)
    kegiatan: list[dict[str, str]] = []
    terlambat: list[dict[str, str]] = []
    stats: dict[str, dict[str, Any]] = {a: {"jumlah": 0, "selesai": 0, "berjalan": 0, "belum": 0, "terlambat": 0,
                                            "progres_total": 0.0} for a in AREA_PERUBAHAN}
    for n, rec in enumerate(data.records("rencana"), start=1):
        v = rec.values
        area = str(v.get("area") or rec.raw.get("area") or "")
        planned = _months(v, "rencana")
        realised = _months(v, "realisasi")
        status = str(v.get("status") or "")
        progress = _progress(rec, data.path)
        row = {"no": str(n), "area": area, "kegiatan": str(v.get("kegiatan") or ""), "pic": str(v.get("pic") or ""),
               "rencana": _month_list(planned), "status": status, "progres": _pct(progress)}
        kegiatan.append(row)
        s = stats.setdefault(area, {"jumlah": 0, "selesai": 0, "berjalan": 0, "belum": 0, "terlambat": 0,
                                    "progres_total": 0.0})
        s["jumlah"] += 1
        s["progres_total"] += progress
        s["selesai"] += status == "Selesai"
        s["berjalan"] += status == "Sedang Berjalan"
        s["belum"] += status in ("Belum Dimulai", "Tertunda")
        late = [] if status in DONE else overdue_months(planned, realised, last_month)
        if late:
            s["terlambat"] += 1
            terlambat.append({"no": str(len(terlambat) + 1), "kegiatan": row["kegiatan"], "area": area,
                              "pic": row["pic"], "bulan": _month_list(late), "status": status,
                              "progres": row["progres"]})
    per_area = []
    for i, (area, s) in enumerate(((a, s) for a, s in stats.items() if s["jumlah"]), start=1):
        per_area.append({"no": str(i), "area": area, "jumlah": str(s["jumlah"]), "selesai": str(s["selesai"]),
                         "berjalan": str(s["berjalan"]), "belum": str(s["belum"]), "terlambat": str(s["terlambat"]),
                         "progres": _pct(s["progres_total"] / s["jumlah"]),
                         "_progres": s["progres_total"] / s["jumlah"]})
    total = len(kegiatan)
    if not total:
        raise UsageError("sheet Rencana Kerja belum berisi kegiatan.", path=data.path, sheet="Rencana Kerja")
    mean = sum(float(k["progres"].replace(",", ".")) for k in kegiatan) / total
    done = sum(1 for k in kegiatan if k["status"] == "Selesai")
    running = sum(1 for k in kegiatan if k["status"] == "Sedang Berjalan")
    periode = f"Triwulan {idn.quarter_label(q).split()[1]} Tahun {year}"
    unit = str(data.identitas.values.get("nama_unit") or "")
    ringkasan = [
        f"Sampai dengan {idn.format_tanggal(as_of)}, rencana kerja pembangunan Zona Integritas {unit} memuat "
        f"{total} kegiatan pada {len(per_area)} area perubahan: {done} selesai, {running} sedang berjalan dan "
        f"{total - done - running} belum dimulai atau tertunda. Rata-rata progres seluruh kegiatan {_pct(mean)}%.",
        (f"Sebanyak {len(terlambat)} kegiatan terlambat: bulan rencananya sudah lewat tetapi belum ada realisasi."
         if terlambat else "Tidak ada kegiatan yang terlambat dari jadwal rencana kerja."),
    ]
    lowest = sorted(per_area, key=lambda a: a["_progres"])[:2]
    kesimpulan = [
        "Area dengan rata-rata progres terendah: " + idn.join_natural(
            f"{a['area']} ({a['progres']}%)" for a in lowest) + "; agar menjadi perhatian pada triwulan berikutnya.",
    ]
    if terlambat:
        kesimpulan.append("PIC kegiatan yang terlambat agar segera melaksanakan kegiatan dan mengunggah data "
                          "dukung, serta menjelaskan kendalanya di kolom Keterangan rencana kerja.")
    return {
        "nama_unit": unit,
        "periode": periode,
        "tanggal_data": as_of,
        "pendahuluan": [
            "Monitoring dan evaluasi dilakukan untuk memantau pelaksanaan rencana kerja pembangunan Zona "
            "Integritas, agar kendala dapat diketahui sejak dini dan dapat dilakukan tindakan perbaikan, serta "
            "untuk menilai capaian sasaran dan tujuannya (Program Kerja Pembangunan ZI, BAB IV).",
            f"Laporan ini memuat progres per area perubahan dan per kegiatan sampai akhir {periode}, "
            "beserta daftar kegiatan yang terlambat.",
        ],
        "ringkasan": ringkasan,
        "per_area": per_area,
        "kegiatan": kegiatan,
        "terlambat": terlambat,
        "kesimpulan": kesimpulan,
    }


def monev_data_from_path(path: str | Path, *, quarter: int | None = None) -> dict[str, Any]:
    return monev_data(open_workbook(path, kind=rencana_aksi_zi.SCHEMA.kind), quarter=quarter)


def progress_chart_png(per_area: Sequence[Mapping[str, Any]]) -> bytes:
    """Horizontal bars: average progress per Area Perubahan (0–100 %), as a PNG of the template's size."""
    labels = [str(a["area"]) for a in per_area]
    values = [float(a.get("_progres", str(a["progres"]).replace(",", "."))) for a in per_area]
    return bar_chart_png(labels, values, xlabel="Rata-rata progres (%)", size_cm=CHART_SIZE_CM)
