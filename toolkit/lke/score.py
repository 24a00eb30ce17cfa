"""Score LKE ZI 2026 answers by the master list's multipliers and weights.

Per question: a choice answer gives its multiplier (``skema_penilaian``); a survey index
(0–4) gives index / 4; counts give nothing themselves but feed the model's derived
indicators (``indikator_turunan``: a percentage capped at 1, as the 2021 workbook computes
it from the same counts). A sub-area scores ``AVERAGE(items) × bobot_maksimal``; a node
whose questions carry their own weight (the hasil questions) scores ``SUM(value × bobot)``;
every other node is the sum of its children.

As for the 2021 workbook we keep two figures: ``official`` (the average skips unanswered
items, as Excel's AVERAGE skips "Blm Diisi"; a percentage that divides by zero or a survey
index that is not a number makes its node an error, None, as #DIV/0! does) and ``strict`` (unanswered = 0), the basis of
the WBK/WBBM verdict. :class:`LkeScore` offers the interface :mod:`toolkit.scoring.predikat`
uses on a 2021 :class:`~toolkit.scoring.lke.LkeResult` (named figures, areas, questions,
``what_if``), so the verdict and the cheapest improvements come from the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from toolkit.errors import UnreadableInputError, UsageError
from toolkit.lke.master import COUNT_TYPE, SURVEY_SCALE, SURVEY_TYPE, MasterList, Node, Soal, load_master
from toolkit.schemas.common import AREA_PERUBAHAN
from toolkit.scoring.lke import AreaScore, Question, ScoreTotals
from toolkit.scoring.models import DATA_DIR as MODELS_DIR
from toolkit.scoring.models import ScoringModel, load_model
from toolkit.yamlfile import read_yaml

MODEL_ID = "lke-zi-2026"
EPS = 1e-9


@dataclass(frozen=True)
class Derived:
    id: str
    label: str
    formula: str  # "rasio" or "penurunan"
    numerator: tuple[int, ...]
    denominator: tuple[int, ...]
    before: int | None
    after: int | None
    required: tuple[int, ...]
    not_above: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    node_id: int
    row: int  # the form row of the percentage (just above its counts)

    def compute(self, counts: Mapping[int, float | None]) -> tuple[float | None, str]:
        """(value, status) with status "terisi", "belum_diisi" or "galat" (division by zero)."""
        if any(counts.get(i) is None for i in self.required):
            return None, "belum_diisi"
        if self.formula == "penurunan":
            b, a = counts[self.before or 0] or 0.0, counts[self.after or 0] or 0.0
            if b == 0 and a == 0:
                return 1.0, "terisi"
            if b == 0:
                return None, "galat"
            return max(0.0, (b - a) / b), "terisi"
        num = sum(counts[i] or 0.0 for i in self.numerator)
        den = sum(counts[i] or 0.0 for i in self.denominator)
        if den == 0:
            return None, "galat"
        return min(1.0, num / den), "terisi"


@dataclass(frozen=True)
class Lke2026Model:
    scoring: ScoringModel
    master: MasterList
    derived: tuple[Derived, ...]
    hasil_soal: dict[str, int]  # ipak/kinerja/prima → soal_id
    by_node: dict[int, tuple[Derived, ...]] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        groups: dict[int, list[Derived]] = {}
        for d in self.derived:
            groups.setdefault(d.node_id, []).append(d)
        object.__setattr__(self, "by_node", {k: tuple(v) for k, v in groups.items()})

    def derived_of(self, node_id: int) -> tuple[Derived, ...]:
        return self.by_node.get(node_id, ())


@cache
def load_2026_model(model: str = MODEL_ID) -> Lke2026Model:
    path = MODELS_DIR / f"{model}.yaml"
    if not path.exists():
        raise UsageError(f"model LKE 2026 '{model}' tidak dikenal.")
    raw = read_yaml(path, what="model LKE 2026", error=UnreadableInputError)
    master = load_master()
    derived = []
    for d in raw.get("indikator_turunan") or ():
        ids = [*d.get("pembilang", ()), *d.get("penyebut", ()), *d.get("wajib", ())]
        ids += [d[k] for k in ("sebelum", "sesudah") if k in d]
        unknown = [i for i in ids if i not in master.soals]
        if unknown:
            raise UsageError(f"model {model}: soal {unknown} tidak ada di daftar soal.")
        nodes = {master.soals[i].node_id for i in ids}
        if len(nodes) != 1:
            raise UsageError(f"model {model}: indikator {d['id']} memakai soal dari beberapa sub-area.")
        first_row = min(master.soals[i].row for i in ids)
        derived.append(Derived(
            id=str(d["id"]), label=str(d["label"]), formula=str(d["rumus"]),
            numerator=tuple(d.get("pembilang", ())), denominator=tuple(d.get("penyebut", ())),
            before=d.get("sebelum"), after=d.get("sesudah"), required=tuple(d.get("wajib", ())),
            not_above=tuple((tuple(a), tuple(b)) for a, b in d.get("tidak_melebihi", ())),
            node_id=nodes.pop(), row=first_row - 1))
    hasil_soal = {k: int(v["soal"]) for k, v in raw["hasil"].items() if "soal" in v}
    return Lke2026Model(load_model(model), master, tuple(derived), hasil_soal)


def answer_number(value: object) -> float | None:
    """A count or survey index as a number: 12, 12.0, "12", "3,5" (Indonesian comma)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if not text:
        return None
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def soal_value(soal: Soal, answer: object) -> tuple[float | None, str]:
    """(value 0–1, status) of one non-count answer."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return None, "belum_diisi"
    if soal.type == SURVEY_TYPE:
        n = answer_number(answer)
        if n is None or not 0 <= n <= SURVEY_SCALE:
            return None, "galat"
        return n / SURVEY_SCALE, "terisi"
    m = soal.multiplier(answer)
    return (None, "galat") if m is None else (m, "terisi")


@dataclass
class NodeScore:
    node: Node
    official: float | None
    strict: float


@dataclass
class LkeScore(ScoreTotals):
    """Scores of one set of answers (the unit's or the TPI's) under the 2026 model."""

    model: Lke2026Model
    answers: dict[int, Any]
    questions: list[Question]  # scored items: choice/survey questions and derived indicators
    nodes: dict[int, NodeScore]
    figures_official: dict[str, float | None]
    figures_strict: dict[str, float]
    areas: list[AreaScore]
    path: str = ""
    unit: str = ""
    source: str = "lke-2026"
    anomalies: list[str] = field(default_factory=list)
    _sheet: object = True  # predikat.evaluate simulates improvements when this is set
    rows: dict[str, int] = field(default_factory=dict)

    def official(self, name: str) -> float | None:
        return self.figures_official.get(name)

    def strict(self, name: str) -> float:
        return self.figures_strict.get(name, 0.0)

    def official_text(self, name: str) -> str:
        v = self.official(name)
        return "#DIV/0!" if v is None else f"{v:.2f}".replace(".", ",")

    def what_if(self, changes: dict[str, Any]) -> dict[str, float]:
        """Strict figures after changing answers, keyed as predikat asks ({"K9": "A"}; a derived row takes 0–1)."""
        by_row = {int(k.lstrip("K")): v for k, v in changes.items()}
        again = score_answers(self.answers, self.model, row_overrides=by_row)
        out = dict(again.figures_strict)
        for a in again.areas:
            out[f"area:{a.name}"] = a.strict
        return out

    def question_values(self) -> dict[int, float | None]:
        """Value 0–1 per scored row (soal rows and derived rows)."""
        return {q.row: q.value for q in self.questions}


def _counts(model: Lke2026Model, answers: Mapping[int, Any]) -> dict[int, float | None]:
    return {s.id: answer_number(answers.get(s.id)) for s in model.master.soals.values() if s.type == COUNT_TYPE}


def score_answers(answers: Mapping[int, Any], model: Lke2026Model | None = None, *,
                  row_overrides: Mapping[int, Any] | None = None) -> LkeScore:
    """Score answers by soal_id (choice text, survey index or count; None when unanswered)."""
    m = model or load_2026_model()
    master = m.master
    overrides = dict(row_overrides or {})
    by_row = master.by_row()
    answers = dict(answers)
    for row, v in overrides.items():
        if row in by_row:
            answers[by_row[row].id] = v
    counts = _counts(m, answers)
    questions: list[Question] = []
    items_of: dict[int, list[tuple[float | None, float]]] = {}  # node → (value, own weight)
    errors: set[int] = set()  # nodes with an item the 2021 workbook would show as an error (#DIV/0!, #VALUE!)
    for node in master.nodes.values():
        for s in node.soals:
            if s.type == COUNT_TYPE:
                continue
            value, status = soal_value(s, answers.get(s.id))
            questions.append(Question(row=s.row, code=f"soal {s.id}", text=s.text, answer_type=_type21(s),
                                      answer=answers.get(s.id), value=value, status=status, parent_row=node.id,
                                      area=s.area, component="hasil" if s.part == "hasil" else "pengungkit",
                                      part=s.part))
            items_of.setdefault(node.id, []).append((value, s.weight))
            if status == "galat" and s.type == SURVEY_TYPE:
                errors.add(node.id)
        for d in m.derived_of(node.id):
            if d.row in overrides:
                value, status = float(overrides[d.row]), "terisi"
            else:
                value, status = d.compute(counts)
            questions.append(Question(row=d.row, code=d.id, text=d.label, answer_type="%", answer=value,
                                      value=value, status=status, parent_row=node.id, area=node.area,
                                      component="pengungkit", part=node.part,
                                      count_rows=tuple(master.soals[i].row for i in d.required)))
            items_of.setdefault(node.id, []).append((value, 0.0))
            if status == "galat":
                errors.add(node.id)
    questions.sort(key=lambda q: q.row)
    scores: dict[int, NodeScore] = {}

    def walk(node: Node) -> NodeScore:
        off: float | None = 0.0
        strict = 0.0
        for c in node.children:
            cs = walk(c)
            off = None if off is None or cs.official is None else off + cs.official
            strict += cs.strict
        items = items_of.get(node.id, [])
        if items:
            if any(w > 0 for _v, w in items):
                own_off = sum((v or 0.0) * w for v, w in items)
                own_strict = own_off
                if all(v is None for v, _w in items):
                    own_off = None  # type: ignore[assignment]
            else:
                answered = [v for v, _w in items if v is not None]
                own_off = (sum(answered) / len(answered) * node.weight) if answered else None  # type: ignore[assignment]
                own_strict = sum(v or 0.0 for v, _w in items) / len(items) * node.weight
            if node.id in errors:
                own_off = None  # type: ignore[assignment]
            off = None if off is None or own_off is None else off + own_off
            strict += own_strict
        scores[node.id] = NodeScore(node, off, strict)
        return scores[node.id]

    for root in master.roots:
        walk(root)
    figs_off, figs_strict, areas = _figures(m, scores, answers)
    return LkeScore(model=m, answers=answers, questions=questions, nodes=scores, figures_official=figs_off,
                    figures_strict=figs_strict, areas=areas,
                    rows={k: 0 for k in figs_strict})


def _type21(s: Soal) -> str:
    return "Nilai" if s.type == SURVEY_TYPE else s.type_name


def _figures(m: Lke2026Model, scores: dict[int, NodeScore], answers: Mapping[int, Any]
             ) -> tuple[dict[str, float | None], dict[str, float], list[AreaScore]]:
    off: dict[str, float | None] = {}
    strict: dict[str, float] = {}
    master = m.master
    for ns in scores.values():
        n = ns.node
        if n.level == "komponen":
            key = "hasil" if n.part == "hasil" else "pengungkit"
        elif n.level == "sub_komponen" and n.part in ("pemenuhan", "reform"):
            key = n.part
        elif n.level == "sub_komponen" and any(s.id == m.hasil_soal.get("prima") for s in n.soals):
            key = "prima"
        elif n.level == "sub_komponen":
            key = "bersih"
        else:
            continue
        off[key], strict[key] = ns.official, ns.strict
    for key in ("ipak", "kinerja"):
        s = master.soals[m.hasil_soal[key]]
        v, _st = soal_value(s, answers.get(s.id))
        strict[key] = (v or 0.0) * s.weight
        off[key] = None if v is None else v * s.weight
    off["total"] = None if off.get("pengungkit") is None or off.get("hasil") is None else \
        (off["pengungkit"] or 0.0) + (off["hasil"] or 0.0)
    strict["total"] = strict["pengungkit"] + strict["hasil"]
    areas: list[AreaScore] = []
    for name in AREA_PERUBAHAN:
        parts = [ns for ns in scores.values() if ns.node.level == "area_perubahan" and ns.node.area == name]
        weight = sum(p.node.weight for p in parts)
        offs = [p.official for p in parts]
        pem = next((p.node.id for p in parts if p.node.part == "pemenuhan"), None)
        ref = next((p.node.id for p in parts if p.node.part == "reform"), None)
        areas.append(AreaScore(name, weight, None if any(o is None for o in offs) else sum(o or 0 for o in offs),
                               sum(p.strict for p in parts), pem, ref))
    return off, strict, areas


def score_2026_json(answers: Mapping[int, Any]) -> dict[str, Any]:
    """Plain figures (JSON-ready) of a set of answers."""
    s = score_answers(answers)
    return {"resmi": s.figures_official, "belum_diisi_nol": s.figures_strict,
            "area": {a.name: {"bobot": a.weight, "belum_diisi_nol": a.strict, "resmi": a.official}
                     for a in s.areas}}
