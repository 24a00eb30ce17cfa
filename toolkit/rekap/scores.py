"""The recap's "Nilai" of one unit workbook, one function per kind of measure.

Each kind points to one of these through its ``recap_score`` capability
(``toolkit/kinds/``); the recap never asks which kind it is. A function takes the
parsed workbook and the cut-off date and returns a :class:`ScoreResult`: the value
(0–100, or None when nothing can be measured yet), a short label and the
definition written beside the figure in REKAP.xlsx and on the dashboard.

* :func:`plan_realisation` — rencana-aksi-zi: planned months realised up to the end of
  the period the workbook reports on;
* :func:`calendar_compliance_score` — kalender-integritas: compliance %;
* :func:`spi_followup_score` — tindak-lanjut-spi: average follow-up progress;
* :func:`lke_tpi_score` — lke-zi: the LKE ZI total, with the TPI's answers where reviewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from toolkit.lke.compare import compare
from toolkit.lke.files import form_model, read_any
from toolkit.rekap.periods import period_end, period_label, period_months
from toolkit.schemas.common import MONTH_KEYS
from toolkit.scoring import calendar_compliance, score_lke, spi_progress


@dataclass(frozen=True)
class ScoreResult:
    value: float | None
    label: str
    definition: str


# what a kind's ``recap_score`` capability is
ScoreFn = Callable[..., ScoreResult]

DEF_REALISASI = ("Nilai = persentase bulan rencana kegiatan sampai akhir periode laporan yang sudah "
                 "terealisasi (tanda v di Realisasi, paling banyak sebanyak bulan rencananya), seluruh kegiatan "
                 "di sheet Rencana Kerja. 100 = semua jadwal sampai akhir periode terlaksana.")
DEF_KALENDER = ("Nilai = kepatuhan kalender kegiatan integritas: periode yang frekuensi minimalnya terpenuhi "
                "dan tema yang tersampaikan, dibagi semua yang sudah jatuh tempo pada tanggal pengisian.")
DEF_SPI = ("Nilai = rata-rata progres tindak lanjut rencana aksi SPI (Lampiran I) menurut laporan pemantauan "
           "terakhir sampai tanggal rekap, 0–100.")
DEF_LKE = ("Nilai = nilai total LKE ZI (skala 100) dari jawaban yang telah direviu TPI; jawaban yang belum "
           "direviu memakai jawaban unit, pertanyaan Belum Diisi bernilai 0.")

LABEL_REALISASI = "realisasi rencana kerja (%)"
LABEL_KALENDER = "kepatuhan kalender (%)"
LABEL_SPI = "rata-rata progres tindak lanjut SPI (%)"
LABEL_LKE = "nilai LKE ZI (TPI)"


def _year_of(data: Any) -> int | None:
    year = data.identitas.values.get("tahun")
    return int(year) if isinstance(year, (int, float)) and not isinstance(year, bool) else None


def plan_realisation(data: Any, as_of: dt.date | None = None) -> ScoreResult:
    """Share of the planned months up to the period's end that were realised (per activity, capped).

    For each activity of the main sheet: ``planned`` = months marked in *Rencana* up to
    the last month of the period (Identitas > Periode; the whole year when unknown, and
    not beyond ``as_of`` when the recap runs before the period ends); ``realised`` = months
    marked in *Realisasi* up to the same month. The activity earns ``min(planned, realised)``.
    Nilai = 100 x earned / planned, over all activities. None when nothing was planned yet.
    """
    periode = data.identitas.values.get("periode")
    months = period_months(periode if isinstance(periode, str) else None)
    last = months[-1]
    year = _year_of(data)
    if as_of is not None and year is not None and as_of < period_end(year, periode):
        last = min(last, as_of.month if as_of.year == year else (12 if as_of.year > year else 0))
    schema = data.schema
    sheet = schema.main_sheet or schema.sheets[0].key
    planned = earned = 0
    for rec in data.records(sheet):
        v = rec.values
        p = sum(1 for k in MONTH_KEYS[:last] if v.get(f"rencana_{k}") is True)
        r = sum(1 for k in MONTH_KEYS[:last] if v.get(f"realisasi_{k}") is True)
        planned += p
        earned += min(p, r)
    value = round(100.0 * earned / planned, 1) if planned else None
    where = period_label(year, periode) if year else "periode laporan"
    return ScoreResult(value, LABEL_REALISASI, f"{DEF_REALISASI} Periode: {where}.")


def calendar_compliance_score(data: Any, as_of: dt.date | None = None) -> ScoreResult:
    result = calendar_compliance(data, as_of) if as_of is not None else calendar_compliance(data)
    value = result.percent
    return ScoreResult(None if value is None else round(float(value), 1), LABEL_KALENDER, DEF_KALENDER)


def spi_followup_score(data: Any, as_of: dt.date | None = None) -> ScoreResult:
    overall = spi_progress(data, as_of or dt.date.today()).overall
    return ScoreResult(None if overall is None else round(float(overall), 1), LABEL_SPI, DEF_SPI)


def lke_tpi_score(data: Any, as_of: dt.date | None = None) -> ScoreResult:
    """The LKE ZI total on the TPI's answers (the unit's where the TPI has not reviewed).

    ``data``: a parsed workbook (its ``path``), a path, a ``Comparison``/``LkeResult``. A 2026
    PortalRB form is scored by :mod:`toolkit.lke` (``compare(...).tpi_total``); the 2021 official
    workbook by its own formulas (``score_lke``, Belum Diisi = 0).
    """
    result = data
    for attr in ("lke_result", "result"):
        if hasattr(data, attr):
            result = getattr(data, attr)
            break
    total = getattr(result, "tpi_total", None)
    if total is None and not hasattr(result, "total_strict"):
        path = getattr(data, "path", data)
        if form_model(path) == "2026":
            total = compare(read_any(path)).tpi_total
        else:
            result = score_lke(path)
    if total is None:
        total = getattr(result, "total_strict", None)
    return ScoreResult(None if total is None else round(float(total), 2), LABEL_LKE, DEF_LKE)
