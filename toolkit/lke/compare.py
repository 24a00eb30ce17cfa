"""The unit's and the TPI's answers side by side: both scores, the gap per area and per
question, the questions the TPI has not reviewed, and the WBK/WBBM verdict on the TPI's
answers with the cheapest improvements (:func:`toolkit.scoring.predikat.evaluate`).

Where the TPI has not reviewed a question yet, the TPI score uses the unit's answer
(the same rule as the recap's "Nilai LKE ZI (TPI)"), and the question is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.lke.master import COUNT_TYPE
from toolkit.lke.score import EPS, Lke2026Model, LkeScore, load_2026_model, score_answers
from toolkit.lke.workbook import LkeForm
from toolkit.scoring.predikat import Verdict, angka, evaluate


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


@dataclass
class QuestionGap:
    soal_id: int
    row: int
    text: str
    area: str | None
    unit_answer: Any
    tpi_answer: Any
    unit_value: float | None
    tpi_value: float | None

    @property
    def gap(self) -> float:
        return (self.tpi_value or 0.0) - (self.unit_value or 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"soal_id": self.soal_id, "baris": self.row, "pertanyaan": self.text, "area": self.area,
                "jawaban_unit": self.unit_answer, "jawaban_tpi": self.tpi_answer,
                "nilai_unit": self.unit_value, "nilai_tpi": self.tpi_value, "selisih": round(self.gap, 4)}


@dataclass
class Comparison:
    unit_id: str
    unit_name: str
    unit: LkeScore
    tpi: LkeScore
    unreviewed: list[tuple[int, int, str]]  # (soal_id, row, text) the TPI has not answered
    questions: list[QuestionGap]  # questions whose value differs
    verdict: Verdict  # on the TPI's answers

    @property
    def tpi_total(self) -> float:
        return self.tpi.strict("total")

    @property
    def unit_total(self) -> float:
        return self.unit.strict("total")

    def area_gaps(self) -> list[tuple[str, float, float, float]]:
        """(area, unit points, TPI points, TPI − unit) per change area, then hasil."""
        out = [(a.name, a.strict, b.strict, b.strict - a.strict) for a, b in zip(self.unit.areas, self.tpi.areas,
                                                                                  strict=True)]
        out.append(("Hasil", self.unit.strict("hasil"), self.tpi.strict("hasil"),
                    self.tpi.strict("hasil") - self.unit.strict("hasil")))
        return out

    def lines(self) -> list[str]:
        out = [f"Nilai LKE ZI {self.unit_name} ({self.unit_id}): unit {angka(self.unit_total)}, "
               f"TPI {angka(self.tpi_total)} (selisih {angka(self.tpi_total - self.unit_total)})"]
        for name, u, t, g in self.area_gaps():
            out.append(f"  {name}: unit {angka(u)}, TPI {angka(t)}, selisih {angka(g)}")
        if self.unreviewed:
            out.append(f"Belum direviu TPI: {len(self.unreviewed)} pertanyaan (dinilai dengan jawaban unit): "
                       + ", ".join(f"N{r}" for _i, r, _t in self.unreviewed[:20])
                       + (" …" if len(self.unreviewed) > 20 else ""))
        for q in sorted(self.questions, key=lambda q: q.gap)[:10]:
            out.append(f"  soal {q.soal_id} (baris {q.row}): unit '{q.unit_answer}' → TPI '{q.tpi_answer}' "
                       f"({angka(q.gap, 2)})")
        out.append("Predikat menurut jawaban TPI:")
        out.extend("  " + line for line in self.verdict.lines())
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"unit_id": self.unit_id, "nama_unit": self.unit_name,
                "nilai_unit": self.unit.figures_strict, "nilai_tpi": self.tpi.figures_strict,
                "selisih_area": [{"area": n, "unit": u, "tpi": t, "selisih": g} for n, u, t, g in self.area_gaps()],
                "belum_direviu": [{"soal_id": i, "sel": f"N{r}", "pertanyaan": t} for i, r, t in self.unreviewed],
                "selisih_pertanyaan": [q.to_dict() for q in self.questions],
                "predikat_tpi": self.verdict.to_dict()}


def tpi_effective_answers(form: LkeForm) -> dict[int, Any]:
    """The TPI's answers, the unit's where the TPI has not answered."""
    return {i: (e.unit_answer if _blank(e.tpi_answer) else e.tpi_answer) for i, e in form.entries.items()}


def compare(form: LkeForm, model: Lke2026Model | None = None, *, has_wbk: bool | None = None,
            improvements: bool = True) -> Comparison:
    """Both scores and the verdict; ``improvements=False`` skips the what-if search (the recap's speed)."""
    m = model or load_2026_model()
    unit = score_answers(form.unit_answers(), m)
    tpi = score_answers(tpi_effective_answers(form), m)
    unreviewed = [(s.id, s.row, s.text) for s in m.master.soals.values()
                  if _blank(form.entries[s.id].tpi_answer) and not _blank(form.entries[s.id].unit_answer)]
    u_values = unit.question_values()
    t_values = tpi.question_values()
    gaps = []
    for s in m.master.soals.values():
        if s.type == COUNT_TYPE:
            continue
        uv, tv = u_values.get(s.row), t_values.get(s.row)
        if abs((uv or 0.0) - (tv or 0.0)) > EPS:
            e = form.entries[s.id]
            gaps.append(QuestionGap(s.id, s.row, s.text, s.area, e.unit_answer, e.tpi_answer, uv, tv))
    for d in m.derived:
        uv, tv = u_values.get(d.row), t_values.get(d.row)
        if abs((uv or 0.0) - (tv or 0.0)) > EPS:
            gaps.append(QuestionGap(0, d.row, d.label, None, uv, tv, uv, tv))
    tpi.path, tpi.unit = str(form.path or ""), form.unit_name
    if not improvements:
        tpi._sheet = None  # evaluate then lists no candidates (no what-if rescoring)
    verdict = evaluate(tpi, m.scoring, has_wbk=has_wbk)  # type: ignore[arg-type]  # LkeScore offers what evaluate reads
    return Comparison(form.unit_id, form.unit_name, unit, tpi, unreviewed, gaps, verdict)
