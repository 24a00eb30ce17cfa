"""Risk register scoring: likelihood × impact on a 5×5 matrix, levels, priorities, heat map.

Seed 003 (``003_95f3c2ec03b2c94d.txt``), "Apa itu Register Risiko (RR) dan Rencana Tindak
Pengendalian (RTP) ?" names the RR fields and says an RTP is needed "guna ... mengatasi risiko
prioritas yang sudah teridentifikasi", but gives no scale. The scales, the level bands and which
levels are priority are data in ``toolkit/data/rules/risiko.yaml``: by default the
semi-quantitative product Kemungkinan × Dampak (1–25) with five bands named as seed 004 names
its levels (Sangat Tinggi, Tinggi, Sedang, Rendah) plus Sangat Rendah. A unit whose guideline
uses a different matrix writes it under ``matriks`` in that file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.inspectorate.ruleset import load_rules


@dataclass(frozen=True)
class Level:
    name: str
    low: int
    high: int
    color: str


@dataclass(frozen=True)
class RiskMatrix:
    likelihood_labels: Mapping[int, str]
    impact_labels: Mapping[int, str]
    levels: tuple[Level, ...]  # lowest first
    priority_from: str
    table: tuple[tuple[int, ...], ...] | None = None  # explicit scores [likelihood-1][impact-1]

    def score(self, likelihood: int, impact: int) -> int:
        if likelihood not in range(1, 6) or impact not in range(1, 6):
            raise ValueError(f"skor kemungkinan dan dampak harus 1-5, bukan {likelihood} dan {impact}")
        if self.table is not None:
            return self.table[likelihood - 1][impact - 1]
        return likelihood * impact

    def level_of_score(self, score: int) -> Level:
        for level in self.levels:
            if level.low <= score <= level.high:
                return level
        raise UnreadableInputError(f"skor risiko {score} tidak masuk pita level mana pun di risiko.yaml.")

    def level(self, likelihood: int, impact: int) -> Level:
        return self.level_of_score(self.score(likelihood, impact))

    def rank(self, level_name: str) -> int:
        return [lv.name for lv in self.levels].index(level_name)

    def is_priority(self, level_name: str) -> bool:
        return self.rank(level_name) >= self.rank(self.priority_from)

    def grid(self) -> list[list[tuple[int, Level]]]:
        """Rows likelihood 5..1 (top to bottom), columns impact 1..5, as a heat map is drawn."""
        return [[(self.score(lk, im), self.level(lk, im)) for im in range(1, 6)] for lk in range(5, 0, -1)]


def load_matrix(directory: str | Path | None = None) -> RiskMatrix:
    data = load_rules("risiko", directory=directory)
    levels = tuple(Level(str(x["nama"]), int(x["skor_min"]), int(x["skor_maks"]), str(x.get("warna", "#FFFFFF")))
                   for x in data["level"])
    table = None
    if data.get("matriks"):
        rows = data["matriks"]
        if len(rows) != 5 or any(len(r) != 5 for r in rows):
            raise UnreadableInputError("risiko.yaml: 'matriks' harus 5 baris × 5 skor.")
        table = tuple(tuple(int(x) for x in r) for r in rows)
    matrix = RiskMatrix({int(k): str(v) for k, v in data["skala_kemungkinan"].items()},
                        {int(k): str(v) for k, v in data["skala_dampak"].items()},
                        levels, str(data.get("prioritas_mulai", "Tinggi")), table)
    for lk in range(1, 6):  # every cell must land in a band: fail on a bad file, not on a user's row
        for im in range(1, 6):
            matrix.level(lk, im)
    if matrix.priority_from not in [lv.name for lv in levels]:
        raise UnreadableInputError(f"risiko.yaml: prioritas_mulai '{matrix.priority_from}' bukan nama level.")
    return matrix


@dataclass
class RiskAssessment:
    kode: str
    pernyataan: str
    likelihood: int | None
    impact: int | None
    score: int | None
    level: str | None
    priority: bool
    rtp_count: int
    row: int | None = None
    written_score: Any = None
    written_level: Any = None

    @property
    def needs_rtp(self) -> bool:
        return self.priority and self.rtp_count == 0


def assess(register: Iterable[Mapping[str, Any]], rtp: Iterable[Mapping[str, Any]],
           matrix: RiskMatrix | None = None, rows: Sequence[int | None] | None = None) -> list[RiskAssessment]:
    """Score, level and priority of every register row, and how many RTP rows each risk has."""
    matrix = matrix or load_matrix()
    counts: dict[str, int] = {}
    for r in rtp:
        code = _code(r.get("kode"))
        if code:
            counts[code] = counts.get(code, 0) + 1
    out = []
    for i, r in enumerate(register):
        lk, im = r.get("kemungkinan"), r.get("skor_dampak")
        ok = isinstance(lk, int) and isinstance(im, int) and 1 <= lk <= 5 and 1 <= im <= 5
        score = matrix.score(int(lk), int(im)) if ok else None  # type: ignore[arg-type]
        level = matrix.level_of_score(score).name if score is not None else None
        code = _code(r.get("kode"))
        out.append(RiskAssessment(
            kode=str(r.get("kode") or ""), pernyataan=str(r.get("pernyataan") or ""),
            likelihood=lk if ok else None, impact=im if ok else None, score=score, level=level,
            priority=bool(level and matrix.is_priority(level)), rtp_count=counts.get(code, 0),
            row=rows[i] if rows else None, written_score=r.get("skor"), written_level=r.get("level"),
        ))
    return out


def _code(value: Any) -> str:
    return "".join(str(value or "").split()).casefold()


def heatmap_png(assessments: Sequence[RiskAssessment], path: str | Path, *, matrix: RiskMatrix | None = None,
                title: str = "Peta Risiko") -> Path:
    """A 5×5 heat map (matplotlib, Agg): cells coloured by level, each listing its risk codes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    matrix = matrix or load_matrix()
    cells: dict[tuple[int, int], list[str]] = {}
    for a in assessments:
        if a.likelihood and a.impact:
            cells.setdefault((a.likelihood, a.impact), []).append(a.kode)
    fig, ax = plt.subplots(figsize=(8, 6.5), dpi=110)
    for lk in range(1, 6):
        for im in range(1, 6):
            level = matrix.level(lk, im)
            ax.add_patch(Rectangle((im - 0.5, lk - 0.5), 1, 1, facecolor=level.color, edgecolor="white", lw=2))
            codes = cells.get((lk, im), [])
            text = f"{matrix.score(lk, im)}"
            if codes:
                shown = codes[:4] + ([f"+{len(codes) - 4}"] if len(codes) > 4 else [])
                text += "\n" + "\n".join(shown)
            ax.text(im, lk, text, ha="center", va="center", fontsize=8,
                    fontweight="bold" if codes else "normal")
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6), [f"{i}\n{matrix.impact_labels.get(i, '')}" for i in range(1, 6)], fontsize=7)
    ax.set_yticks(range(1, 6), [f"{matrix.likelihood_labels.get(i, '')} {i}" for i in range(1, 6)], fontsize=7)
    ax.set_xlabel("Dampak")
    ax.set_ylabel("Kemungkinan")
    ax.set_title(title)
    ax.legend(handles=[Patch(facecolor=lv.color, label=f"{lv.name} ({lv.low}-{lv.high})") for lv in matrix.levels],
              loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7, title="Level", title_fontsize=8)
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, metadata={"Software": None})
    plt.close(fig)
    return out
