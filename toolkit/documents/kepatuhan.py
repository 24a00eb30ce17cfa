"""Laporan Kepatuhan Kegiatan Penguatan Integritas (quarterly) from a ``kalender-integritas`` workbook.

Seed 000 (ToR Penguatan Integritas, bagian III) sets each activity's minimum
frequency per day/week/month/quarter/semester/year and the themed material of
some months. The scoring capability (:func:`toolkit.scoring.calendar_compliance`)
decides per period whether the minimum was met; this module turns its result into
the quarterly report:

* per activity, grouped by *Kelompok*: for each month of the quarter the periods
  met / evaluated (a period belongs to the month in which it ends: a week to the
  month of its last day, a quarter or semester to its last month), the quarter's
  compliance % and the cumulative compliance since January;
* the periods not met in the quarter;
* the themed material of the quarter's months: delivered or not, when, and what;
* the unit's compliance %: met periods and delivered themes over all evaluated
  ones (the same formula as ``ComplianceResult.percent``), for the quarter and
  cumulatively; and a bar chart per activity.
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
from toolkit.kinds import kalender_integritas
from toolkit.scoring.compliance import STATUS_MET, STATUS_MISSED, STATUS_RUNNING, calendar_compliance
from toolkit.workbook import open_workbook
from toolkit.workbook.reader import WorkbookData

CHART_NAME = "grafik_kepatuhan"
CHART_SIZE_CM = (16.0, 11.0)


def _quarter_end(year: int, q: int) -> dt.date:
    return dt.date(year, 3 * q, _cal.monthrange(year, 3 * q)[1])


def default_quarter(data: WorkbookData) -> int:
    """TW from Identitas *Periode*; else the last quarter ended by *Tanggal Pengisian*; else TW IV."""
    q = idn.parse_quarter(data.identitas.values.get("periode"))
    if q:
        return q
    filled = data.identitas.values.get("tanggal_pengisian")
    if isinstance(filled, dt.datetime):
        filled = filled.date()
    if isinstance(filled, dt.date) and filled.year == data.year:
        ended = [n for n in range(1, 5) if _quarter_end(filled.year, n) <= filled]
        return ended[-1] if ended else idn.quarter_of_month(filled.month)
    return 4


def _ratio(met: int, evaluated: int) -> str:
    return f"{met}/{evaluated}" if evaluated else "-"


def kepatuhan_data(data: WorkbookData, *, quarter: int | None = None, as_of: dt.date | None = None) -> dict[str, Any]:
    """The report's tables and paragraphs (kop, signatory … come from the caller's letter data)."""
    if data.schema.kind != kalender_integritas.SCHEMA.kind:
        raise UsageError(f"laporan kepatuhan dibuat dari workbook kalender-integritas, bukan {data.schema.kind}.",
                         path=data.path)
    year = data.year
    if not isinstance(year, int):
        raise UsageError("Tahun di sheet Identitas belum diisi.", path=data.path, sheet="Identitas")
    q = quarter or default_quarter(data)
    months = idn.months_of_quarter(q)
    q_start, q_end = dt.date(year, months[0], 1), _quarter_end(year, q)
    cutoff = min(as_of, q_end) if as_of else q_end
    result = calendar_compliance(data, as_of=cutoff)
    if not result.activities:
        raise UsageError("sheet Kalender belum berisi kegiatan.", path=data.path)
    groups: list[dict[str, Any]] = []
    tidak_terpenuhi: list[dict[str, str]] = []
    q_met = q_eval = 0
    for a in result.activities:
        inside = [p for p in a.periods if q_start <= p.end <= q_end]
        evaluated = [p for p in inside if p.status != STATUS_RUNNING]
        met = [p for p in evaluated if p.status == STATUS_MET]
        q_met += len(met)
        q_eval += len(evaluated)
        cells = {}
        for i, m in enumerate(months, start=1):
            in_month = [p for p in evaluated if p.end.month == m]
            running = any(p.status == STATUS_RUNNING and p.end.month == m for p in inside)
            text = _ratio(sum(1 for p in in_month if p.met), len(in_month))
            cells[f"b{i}"] = "berjalan" if text == "-" and running else text
        percent = 100.0 * len(met) / len(evaluated) if evaluated else None
        row: dict[str, Any] = {"no": str(a.no), "kegiatan": a.momen, "frekuensi": f"{a.frequency} per {a.unit}", **cells,
               "persen": "-" if percent is None else pct_text(percent),
               "kumulatif": "-" if a.percent is None else pct_text(a.percent),
               "_label": f"{a.kelompok[:1]}{a.no}. {short_label(a.momen, 40)}", "_persen": percent}
        if not groups or groups[-1]["judul"] != a.kelompok:
            groups.append({"judul": a.kelompok, "baris": []})
        groups[-1]["baris"].append(row)
        missed = [p.label for p in evaluated if p.status == STATUS_MISSED]
        if missed:
            tidak_terpenuhi.append({"no": str(len(tidak_terpenuhi) + 1), "kegiatan": a.momen,
                                    "kelompok": a.kelompok, "frekuensi": row["frekuensi"],
                                    "jumlah": str(len(missed)), "periode": ", ".join(missed)})
    tema: list[dict[str, str]] = []
    momen = {(a.kelompok, a.no): a.momen for a in result.activities}
    t_met = t_eval = 0
    for t in result.themes:
        month = idn.parse_month(t.period)
        tq = idn.quarter_of_month(month) if month else idn.parse_quarter(t.period)
        if tq != q:
            continue
        status = {STATUS_MET: "Tersampaikan", STATUS_MISSED: "Belum tersampaikan",
                  STATUS_RUNNING: "Berjalan"}[t.status]
        if t.status != STATUS_RUNNING:
            t_eval += 1
            t_met += t.status == STATUS_MET
        tema.append({"no": str(len(tema) + 1), "kegiatan": momen.get((t.kelompok, t.no), f"{t.kelompok} {t.no}"),
                     "periode": t.period, "tema": t.theme, "status": status,
                     "tanggal": idn.format_tanggal(t.matched_date) if t.matched_date else "-"})
    total_eval, total_met = q_eval + t_eval, q_met + t_met
    q_percent = 100.0 * total_met / total_eval if total_eval else None
    periode = f"Triwulan {idn.quarter_label(q).split()[1]} Tahun {year}"
    unit = result.unit
    ringkasan = [
        f"Sampai dengan {idn.format_tanggal(cutoff)}, {unit} melaksanakan {len(result.activities)} kegiatan "
        f"penguatan integritas dari kalender kegiatan. Pada {periode}, {q_met} dari {q_eval} periode "
        f"memenuhi frekuensi minimal"
        + (f" dan {t_met} dari {t_eval} materi tematik telah disampaikan" if t_eval else "") + ".",
        "Tingkat kepatuhan triwulan ini "
        + (f"{pct_text(q_percent)}%" if q_percent is not None else "belum dapat dihitung (belum ada periode "
           "yang selesai)")
        + (f"; kepatuhan kumulatif sejak Januari {year} {pct_text(result.percent)}%." if result.percent is not None
           else "."),
    ]
    kesimpulan: list[str] = []
    below = sorted(((r, float(r["persen"].replace(",", "."))) for g in groups for r in g["baris"]
                    if r["persen"] not in ("-", "100")), key=lambda x: x[1])
    if below:
        kesimpulan.append("Kegiatan yang belum memenuhi frekuensi minimal pada setiap periode: " + idn.join_natural(
            f"{r['kegiatan']} ({r['persen']}%)" for r, _v in below[:5]) + (" dan lainnya" if len(below) > 5 else "")
            + "; agar dijadwalkan ulang dan dicatat realisasinya pada sheet Realisasi.")
    else:
        kesimpulan.append("Seluruh kegiatan memenuhi frekuensi minimal pada setiap periode triwulan ini.")
    missing_themes = [t for t in tema if t["status"] == "Belum tersampaikan"]
    if missing_themes:
        kesimpulan.append("Materi tematik yang belum tersampaikan: " + idn.join_natural(
            f"\u201c{t['tema']}\u201d ({t['periode']})" for t in missing_themes)
            + "; agar disampaikan pada kesempatan pertama.")
    if result.unknown_realisations:
        kesimpulan.append(f"{len(result.unknown_realisations)} baris Realisasi tidak cocok dengan kegiatan di "
                          "Kalender dan tidak dihitung; periksa Kelompok dan No Kegiatan-nya.")
    return {
        "nama_unit": unit,
        "periode": periode,
        "tanggal_data": cutoff,
        "kolom": {f"b{i}": idn.month_name(m) for i, m in enumerate(months, start=1)},
        "pendahuluan": [
            "Kegiatan penguatan integritas dilaksanakan sesuai kalender kegiatan dengan frekuensi minimal per hari "
            "kerja, minggu, bulan, triwulan, semester atau tahun, termasuk penyampaian materi tematik pada bulan "
            "yang ditetapkan (Kerangka Acuan Kegiatan Penguatan Integritas).",
            f"Laporan ini memuat kepatuhan setiap kegiatan terhadap frekuensi minimalnya pada {periode}, "
            "periode yang tidak terpenuhi, dan penyampaian materi tematik. Hari kerja dihitung tanpa Sabtu, Minggu, "
            "hari libur nasional dan cuti bersama.",
        ],
        "ringkasan": ringkasan,
        "kepatuhan_persen": "-" if q_percent is None else pct_text(q_percent),
        "kumulatif_persen": "-" if result.percent is None else pct_text(result.percent),
        "kelompok": groups,
        "tidak_terpenuhi": tidak_terpenuhi,
        "tema": tema,
        "kesimpulan": kesimpulan,
    }


def kepatuhan_data_from_path(path: str | Path, *, quarter: int | None = None,
                             as_of: dt.date | None = None) -> dict[str, Any]:
    return kepatuhan_data(open_workbook(path, kind=kalender_integritas.SCHEMA.kind), quarter=quarter, as_of=as_of)


def kepatuhan_chart_png(groups: Sequence[Mapping[str, Any]]) -> bytes:
    """Bars: each activity's compliance in the quarter (activities without an evaluated period are left out)."""
    rows = [r for g in groups for r in g.get("baris", []) if r.get("_persen") is not None]
    labels = [str(r.get("_label") or r["kegiatan"]) for r in rows]
    values = [float(r["_persen"]) for r in rows]
    return bar_chart_png(labels, values, xlabel="Kepatuhan triwulan (%)", size_cm=CHART_SIZE_CM, threshold=100)
