"""The picture a head of office reads, computed once: used by REKAP.xlsx and by the dashboard.

:func:`overview` turns a :class:`~toolkit.rekap.merge.RekapResult` into plain figures:
the counts ("how are we doing"), every unit with its score, traffic light and rank
("who is behind"), the units that sent nothing ("who has not sent"), a distribution of
the scores and the lowest/highest units (charts that stay readable at 10 and at 1,000
units), and per-area statistics where the kind has areas.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from toolkit.rekap.extract import progress_groups
from toolkit.rekap.merge import SUPERSEDED, RekapResult, UnitStatus

GREEN_AT, YELLOW_AT = 80.0, 50.0
LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED, LIGHT_NONE = "Hijau", "Kuning", "Merah", "-"
LIGHT_RULE = f"Lampu: Hijau nilai ≥ {GREEN_AT:.0f}, Kuning {YELLOW_AT:.0f} sampai < {GREEN_AT:.0f}, " \
             f"Merah < {YELLOW_AT:.0f}."
TOP_N = 10
BINS = tuple((lo, lo + 10) for lo in range(0, 100, 10))  # 0–10, …, 90–100 (100 in the last)
SCORE_FALLBACK_LABEL = "progres rata-rata (%)"
SCORE_FALLBACK_DEFINITION = ("Nilai = rata-rata Progres (%) semua baris unit (jenis workbook ini tidak punya nilai "
                             "tersendiri).")


def light(value: float | None) -> str:
    if value is None:
        return LIGHT_NONE
    if value >= GREEN_AT:
        return LIGHT_GREEN
    if value >= YELLOW_AT:
        return LIGHT_YELLOW
    return LIGHT_RED


@dataclass
class UnitFigure:
    """One unit of the list as the overview shows it."""

    no: int
    kode: str
    nama: str
    jenis: str
    induk: str
    sent: bool
    sent_on: dt.date | None
    deadline: dt.date | None
    on_time: bool | None
    errors: int | None
    warnings: int | None
    score: float | None
    progress: float | None
    evidence: float | None
    file: str = ""
    notes: list[str] = field(default_factory=list)
    rank: int | None = None

    @property
    def light(self) -> str:
        return light(self.score)

    @property
    def timeliness(self) -> str:
        if not self.sent:
            return "Belum"
        return {True: "Ya", False: "Terlambat", None: "-"}[self.on_time]


@dataclass
class AreaFigure:
    area: str
    average: float | None
    lowest: float | None
    highest: float | None
    below_50: int
    n: int


@dataclass
class Overview:
    title: str
    kind: str
    period: str
    generated_at: dt.datetime
    counts: dict[str, int]
    units: list[UnitFigure]
    score_label: str
    score_definition: str
    areas: list[AreaFigure]
    groups: tuple[str, ...]
    area_progress: dict[str, dict[str, float]]  # kode -> area -> progress

    @property
    def sent(self) -> list[UnitFigure]:
        return [u for u in self.units if u.sent]

    @property
    def missing(self) -> list[UnitFigure]:
        return [u for u in self.units if not u.sent]

    @property
    def late(self) -> list[UnitFigure]:
        return [u for u in self.units if u.sent and u.on_time is False]

    @property
    def ranked(self) -> list[UnitFigure]:
        """Units with a score, best first (ties: fewer errors, then code)."""
        return sorted((u for u in self.units if u.score is not None),
                      key=lambda u: (-(u.score or 0.0), u.errors or 0, u.kode))

    def bottom(self, n: int = TOP_N) -> list[UnitFigure]:
        """The ``n`` lowest scores, lowest first."""
        return list(reversed(self.ranked[-n:])) if self.ranked else []

    def behind(self, n: int = TOP_N) -> list[UnitFigure]:
        """Who is behind: the ``n`` lowest scores below green (lowest first); none when every unit is green."""
        return [u for u in self.bottom(n) if (u.score or 0.0) < GREEN_AT]

    def behind_title(self, n: int = TOP_N) -> str:
        below = sum(1 for s in self.scores if s < GREEN_AT)
        if not below:
            return f"Siapa tertinggal? Tidak ada: semua unit bernilai ≥ {GREEN_AT:.0f}"
        shown = len(self.behind(n))
        return (f"Siapa tertinggal? {below} unit bernilai < {GREEN_AT:.0f}"
                + (f", {shown} terendah" if below > shown else ""))

    def top(self, n: int = TOP_N) -> list[UnitFigure]:
        return self.ranked[:n]

    @property
    def scores(self) -> list[float]:
        return [u.score for u in self.units if u.score is not None]

    @property
    def average_score(self) -> float | None:
        s = self.scores
        return round(sum(s) / len(s), 1) if s else None

    @property
    def median_score(self) -> float | None:
        s = self.scores
        return round(statistics.median(s), 1) if s else None

    def lights(self) -> dict[str, int]:
        out = {LIGHT_GREEN: 0, LIGHT_YELLOW: 0, LIGHT_RED: 0, LIGHT_NONE: 0}
        for u in self.sent:
            out[u.light] += 1
        return out

    def distribution(self) -> list[tuple[str, int]]:
        """How many units per score band of 10 (0–<10 … 90–100)."""
        counts = [0] * len(BINS)
        for s in self.scores:
            counts[min(int(s // 10), len(BINS) - 1) if s >= 0 else 0] += 1
        return [(f"{lo}–{hi}" if hi < 100 else f"{lo}–100", n) for (lo, hi), n in zip(BINS, counts, strict=True)]

    def with_errors(self) -> list[UnitFigure]:
        return [u for u in self.sent if u.errors]


def _notes(us: UnitStatus) -> list[str]:
    notes: list[str] = list(us.notes)
    sub = us.submission
    if sub is None:
        return notes
    if us.superseded:
        notes.append(f"{len(us.superseded)} kiriman lama digantikan")
    if sub.renamed:
        notes.append(f"{len(sub.renamed)} kolom versi lama dipetakan")
    if sub.unknown_columns:
        notes.append(f"{sum(len(v) for v in sub.unknown_columns.values())} kolom tambahan")
    if sub.version != sub.schema_version:
        notes.append(f"versi skema {sub.version}")
    if sub.findings_source == "dasar":
        notes.append("validasi dasar")
    if sub.score is None and sub.score_label:
        notes.append(sub.score_label)
    return notes


def overview(result: RekapResult) -> Overview:
    groups = progress_groups(result.schema)
    subs = [us.submission for us in result.accepted if us.submission is not None]
    has_score = any(s.score is not None or s.score_definition for s in subs)
    label = next((s.score_label for s in subs if s.score is not None and s.score_label), "")
    definition = next((s.score_definition for s in subs if s.score_definition), "")
    if not has_score:
        label, definition = SCORE_FALLBACK_LABEL, SCORE_FALLBACK_DEFINITION
    units: list[UnitFigure] = []
    area_progress: dict[str, dict[str, float]] = {}
    for i, us in enumerate(result.units, start=1):
        sub = us.submission
        u = us.unit
        score = None
        if sub is not None:
            score = sub.score if has_score else sub.progress_total
            area_progress[u.kode] = dict(sub.progress)
        units.append(UnitFigure(
            no=i, kode=u.kode, nama=u.nama, jenis=u.jenis, induk=u.induk, sent=sub is not None,
            sent_on=us.sent_on, deadline=us.deadline, on_time=us.on_time,
            errors=sub.n_errors if sub else None, warnings=sub.n_warnings if sub else None, score=score,
            progress=sub.progress_total if sub else None, evidence=sub.evidence_pct if sub else None,
            file=sub.name if sub else "", notes=_notes(us)))
    ov = Overview(title=result.schema.title, kind=result.schema.kind, period=result.period_label(),
                  generated_at=result.generated_at, counts=result.counts(), units=units, score_label=label,
                  score_definition=definition, areas=[], groups=groups, area_progress=area_progress)
    for rank, uf in enumerate(ov.ranked, start=1):
        uf.rank = rank
    for g in groups:
        vals = [p[g] for p in area_progress.values() if g in p]
        ov.areas.append(AreaFigure(g, round(sum(vals) / len(vals), 1) if vals else None,
                                   min(vals) if vals else None, max(vals) if vals else None,
                                   sum(1 for v in vals if v < YELLOW_AT), len(vals)))
    return ov


def key_figures(ov: Overview) -> list[tuple[str, float | int | None, str]]:
    """(label, value, light) for the first block of the summary: counts first, then the score."""
    c = ov.counts
    n = c["unit"] or 1
    sent_pct = round(100.0 * c["mengirim"] / n, 1)
    lights = ov.lights()
    return [
        ("Unit dalam daftar", c["unit"], ""),
        ("Sudah mengirim", c["mengirim"], light(sent_pct)),
        ("Sudah mengirim (%)", sent_pct, light(sent_pct)),
        ("Belum mengirim", c["belum"], LIGHT_GREEN if not c["belum"] else LIGHT_RED),
        ("Terlambat", c["terlambat"], LIGHT_GREEN if not c["terlambat"] else LIGHT_YELLOW),
        ("Unit dengan temuan galat", len(ov.with_errors()), LIGHT_GREEN if not ov.with_errors() else LIGHT_YELLOW),
        ("Rata-rata nilai", ov.average_score, light(ov.average_score)),
        ("Median nilai", ov.median_score, light(ov.median_score)),
        # a lamp only where there are units: "0 Merah" would alarm for nothing
        (f"Unit lampu hijau (≥ {GREEN_AT:.0f})", lights[LIGHT_GREEN], LIGHT_GREEN if lights[LIGHT_GREEN] else ""),
        (f"Unit lampu kuning ({YELLOW_AT:.0f}–{GREEN_AT:.0f})", lights[LIGHT_YELLOW],
         LIGHT_YELLOW if lights[LIGHT_YELLOW] else ""),
        (f"Unit lampu merah (< {YELLOW_AT:.0f})", lights[LIGHT_RED], LIGHT_RED if lights[LIGHT_RED] else ""),
        ("Kiriman ganda (digantikan)", c[SUPERSEDED], ""),
        ("File tidak terbaca / tidak dikenal", c["Tidak Terbaca"] + c["Unit Tidak Dikenal"],
         LIGHT_GREEN if not (c["Tidak Terbaca"] + c["Unit Tidak Dikenal"]) else LIGHT_YELLOW),
    ]
