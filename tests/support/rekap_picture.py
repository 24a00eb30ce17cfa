"""A RekapResult of N units without reading N workbooks: for the picture's tests at 10, 200 and 1,000 units.

Units are named like the real DJPb offices; each accepted unit gets a score, progress per
area, evidence completeness, findings and one spilled row, so REKAP.xlsx and the dashboard
are written exactly as ``integritas rekap`` writes them, in a fraction of the time.
"""

from __future__ import annotations

import datetime as dt
import pickle
import random
from pathlib import Path

from toolkit.rekap.extract import SheetRows, Spill, Submission
from toolkit.rekap.history import Trend, TrendPoint
from toolkit.rekap.merge import RekapResult, resolve
from toolkit.rekap.scores import DEF_REALISASI, LABEL_REALISASI
from toolkit.rekap.trends import TrendTable, trend_table
from toolkit.rekap.units import Unit, UnitList
from toolkit.schemas.common import AREA_PERUBAHAN

PROVINCES = ("Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu",
             "Lampung", "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat", "Jawa Tengah",
             "DI Yogyakarta", "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur",
             "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Sulawesi Utara",
             "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo", "Maluku", "Papua")
PERIOD = "TW II"
YEAR = 2026


def units(n: int) -> list[Unit]:
    out = []
    for i in range(n):
        prov = PROVINCES[i % len(PROVINCES)]
        if i < len(PROVINCES):
            out.append(Unit(f"KW-{i + 1:03d}", f"Kantor Wilayah DJPb Provinsi {prov}", "Kanwil",
                            "Direktorat Jenderal Perbendaharaan", batas_kirim=dt.date(YEAR, 7, 15)))
        else:
            out.append(Unit(f"KPPN-{i + 1:04d}", f"KPPN Tipe A1 Kota {prov} {i // len(PROVINCES)}", "KPPN",
                            f"Kantor Wilayah DJPb Provinsi {prov}", batas_kirim=dt.date(YEAR, 7, 15)))
    return out


def synthetic_result(n: int, spill_dir: Path, *, seed: int = 7, sent_share: float = 0.85) -> RekapResult:
    rng = random.Random(seed)
    ulist = UnitList(units(n))
    spill_dir.mkdir(parents=True, exist_ok=True)
    subs = []
    for i, u in enumerate(ulist.units):
        if rng.random() > sent_share and i:
            continue
        base = rng.betavariate(4, 1.6) * 100
        progress = {a: round(min(100.0, max(0.0, base + rng.uniform(-25, 25))), 1) for a in AREA_PERUBAHAN}
        filled = dt.date(YEAR, 7, rng.randint(1, 25))
        spill = spill_dir / f"{u.kode}.pkl"
        with spill.open("wb") as fh:
            pickle.dump(Spill({"rencana": SheetRows(["area", "no", "kegiatan", "progres"], [],
                                                    [(4, [AREA_PERUBAHAN[0], 1, "Menyusun SK Tim Kerja ZI", 50],
                                                      [])])}, [], []), fh)
        sub = Submission(f"/kiriman/{u.kode}_TW2.xlsx", f"{i:064x}", 1000, dt.datetime(YEAR, 7, 1).timestamp(),
                         kind="rencana-aksi-zi", version="1.0", schema_version="1.0",
                         identitas={"kode_unit": u.kode, "nama_unit": u.nama, "tahun": YEAR, "periode": PERIOD,
                                    "tanggal_pengisian": filled},
                         row_counts={"rencana": 1}, n_errors=rng.choice((0, 0, 0, 1, 3)),
                         n_warnings=rng.choice((0, 2, 5)), findings_source="validasi", progress=progress,
                         progress_total=round(sum(progress.values()) / len(progress), 1),
                         evidence_pct=round(rng.uniform(20, 100), 1), score=round(base, 1),
                         score_label=LABEL_REALISASI, score_definition=DEF_REALISASI, spill=str(spill))
        subs.append(sub)
    return resolve(subs, ulist, now=dt.datetime(YEAR, 7, 20, 9, 30))


def synthetic_trend(result: RekapResult, *, seed: int = 3) -> TrendTable:
    """Three earlier periods in the history for every unit that sent, then this run."""
    rng = random.Random(seed)
    trends = []
    for us in result.accepted:
        assert us.submission is not None and us.submission.score is not None
        now = us.submission.score
        points = []
        for year, period, back in ((YEAR - 1, "TW III", 3), (YEAR - 1, "TW IV", 2), (YEAR, "TW I", 1)):
            value = round(max(0.0, min(100.0, now - back * rng.uniform(-4, 12))), 1)
            points.append(TrendPoint(year, period, None, "", {"nilai": value}))
        trends.append(Trend(us.unit.key, us.unit.kode, us.unit.nama, points))
    return trend_table(trends, result)
