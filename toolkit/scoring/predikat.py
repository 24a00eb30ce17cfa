"""The WBK/WBBM verdict (seed 002 BAB III) on an LKE ZI result, with gaps and what to improve.

WBK (BAB III A): total ≥ 75 with pengungkit ≥ 40; every pengungkit area ≥ 60 % of
its weight; "Pemerintah yang Bersih dan Akuntabel" ≥ 18,25 with Survei Persepsi
Anti Korupsi ≥ 15,5 and Kinerja Lebih Baik ≥ 2,5; "Pelayanan Publik yang Prima" ≥ 14.
WBBM (BAB III B): already WBK; total ≥ 85 with pengungkit ≥ 48; every area ≥ 75 %;
Bersih dan Akuntabel ≥ 19,50 (IPAK ≥ 15,5, Kinerja ≥ 3,75); Pelayanan Prima ≥ 15,75.

"Minimal" means *at least*: a value equal to the threshold meets it. Thresholds and
weights come from a versioned :mod:`model <toolkit.scoring.models>`.

The IPAK minimum is ambiguous in seed 002: the text says 15,5 for WBK and WBBM, but its own
totals (18,25 − 2,5 and 19,50 − 3,75) imply 15,75 (index 3,60). A value between the two is
never passed silently: the condition is *bergantung bacaan*, the predicate is not counted as
reached (the cautious reading), and the verdict says which reading makes it pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toolkit.scoring.formula import Value
from toolkit.scoring.lke import ANSWER_VALUES, PERCENT_TYPE, LkeResult, Question
from toolkit.scoring.models import DEFAULT_MODEL, ScoringModel, Thresholds, load_model

EPS = 1e-9
SURVEY_STEP = 0.1
TOP_CANDIDATES = 5


def angka(x: float | None, digits: int = 2) -> str:
    """12,50 — Indonesian decimal comma."""
    if x is None:
        return "-"
    return f"{x:,.{digits}f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@dataclass
class Improvement:
    row: int
    code: str
    text: str
    area: str | None
    current: Any
    proposed: Any
    step: str
    gain: float  # points gained on the condition's figure

    def to_dict(self) -> dict[str, Any]:
        return {"baris": self.row, "sel": f"K{self.row}", "kode": self.code, "pertanyaan": self.text,
                "area": self.area, "jawaban_sekarang": self.current, "usulan": self.proposed,
                "langkah": self.step, "tambahan_nilai": round(self.gain, 4)}


@dataclass
class Condition:
    key: str  # total, pengungkit, area:<name>, bersih, ipak, kinerja, prima, predikat
    label: str
    value: float | None
    threshold: float | None
    met: bool
    note: str = ""
    candidates: list[Improvement] = field(default_factory=list)
    # the other reading of an ambiguous threshold (IPAK 15,75); met only under the lower one
    threshold_alt: float | None = None
    ambiguous: bool = False

    @property
    def gap(self) -> float:
        if self.met or self.threshold is None:
            return 0.0
        target = self.threshold_alt if self.ambiguous and self.threshold_alt is not None else self.threshold
        return max(0.0, target - (self.value or 0.0))

    def message(self) -> str:
        if self.threshold is None:
            return f"{self.label}: {self.note}"
        if self.ambiguous and self.threshold_alt is not None:
            return (f"{self.label}: {angka(self.value)} — BERGANTUNG BACAAN: terpenuhi bila ambang dibaca "
                    f"{angka(self.threshold)} (teks seed 002 BAB III), kurang {angka(self.threshold_alt - (self.value or 0))}"
                    f" poin bila dibaca {angka(self.threshold_alt)} (jumlah yang tersirat di BAB III); {self.note}")
        status = "terpenuhi" if self.met else f"kurang {angka(self.gap)} poin"
        sign = "≥" if self.met else "<"
        extra = f"; {self.note}" if self.note else ""
        return f"{self.label}: {angka(self.value)} {sign} {angka(self.threshold)} ({status}{extra})"

    def to_dict(self) -> dict[str, Any]:
        return {"syarat": self.key, "uraian": self.label, "nilai": self.value, "ambang": self.threshold,
                "ambang_tersirat": self.threshold_alt, "bergantung_bacaan": self.ambiguous,
                "terpenuhi": self.met, "kurang_poin": round(self.gap, 4), "catatan": self.note,
                "pesan": self.message(), "usulan_perbaikan": [c.to_dict() for c in self.candidates]}


@dataclass
class PredicateResult:
    name: str
    reached: bool
    conditions: list[Condition]

    @property
    def unmet(self) -> list[Condition]:
        return [c for c in self.conditions if not c.met]

    @property
    def ambiguous(self) -> list[Condition]:
        """Conditions met only under the lower reading of an ambiguous threshold."""
        return [c for c in self.conditions if c.ambiguous]

    @property
    def reached_if_lower_reading(self) -> bool:
        """Reached when every ambiguous threshold is read as its lower value (seed 002's text)."""
        return all(c.met or c.ambiguous for c in self.conditions)

    def summary(self) -> str:
        if self.reached:
            return f"{self.name}: TERCAPAI (semua {len(self.conditions)} syarat terpenuhi)"
        if self.ambiguous and self.reached_if_lower_reading:
            c = self.ambiguous[0]
            return (f"{self.name}: BERGANTUNG BACAAN — tercapai bila ambang IPAK dibaca {angka(c.threshold)} "
                    f"(teks seed 002 BAB III), TIDAK tercapai bila dibaca {angka(c.threshold_alt)} (jumlah "
                    f"yang tersirat di BAB III); belum dihitung tercapai")
        return f"{self.name}: BELUM TERCAPAI ({len(self.unmet)} dari {len(self.conditions)} syarat belum terpenuhi)"

    def to_dict(self) -> dict[str, Any]:
        return {"predikat": self.name, "tercapai": self.reached,
                "tercapai_bila_ambang_rendah": self.reached_if_lower_reading, "ringkasan": self.summary(),
                "syarat": [c.to_dict() for c in self.conditions]}


@dataclass
class Verdict:
    model: ScoringModel
    basis: str  # "belum_diisi_nol" or "resmi"
    figures: dict[str, float | None]
    predicates: dict[str, PredicateResult]
    notes: list[str]

    @property
    def best(self) -> str | None:
        """The highest predicate reached ("WBBM", "WBK") or None."""
        for name in ("WBBM", "WBK"):
            p = self.predicates.get(name)
            if p and p.reached:
                return name
        return None

    def lines(self) -> list[str]:
        """The verdict as Indonesian sentences (terminal, reports)."""
        out = [f"Model penilaian: {self.model.title} ({self.model.id} v{self.model.version})"]
        out.append("Dasar: " + ("nilai dengan pertanyaan Belum Diisi dihitung 0" if self.basis == "belum_diisi_nol"
                                else "nilai resmi rumus LKE (rata-rata melewati Belum Diisi)"))
        out.extend(self.notes)
        for p in self.predicates.values():
            out.append(p.summary())
            for c in p.unmet:
                out.append(("  ? " if c.ambiguous else "  - ") + c.message())
                for cand in c.candidates:
                    out.append(f"      · {cand.code} {cand.text[:70]} (K{cand.row}): {cand.step} "
                               f"→ +{angka(cand.gain, 3)} poin")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model.to_dict(), "dasar": self.basis, "nilai": self.figures,
                "predikat_tertinggi": self.best, "catatan": list(self.notes),
                "predikat": {k: v.to_dict() for k, v in self.predicates.items()}, "uraian": self.lines()}


# --- figures ------------------------------------------------------------------------

def figures_from(values: dict[str, float | None], areas: dict[str, tuple[float | None, float]],
                 model: ScoringModel) -> dict[str, float | None]:
    """The verdict's figures under a model: total, pengungkit, each area's points and share, hasil parts.

    ``values`` are the LKE's named rows; ``areas`` maps area name → (points, LKE weight).
    """
    out: dict[str, float | None] = {k: values.get(k) for k in ("bersih", "ipak", "kinerja", "prima", "hasil")}
    pengungkit: float | None = 0.0
    for name, weight in model.area_weights.items():
        points, lke_weight = areas.get(name, (None, 0.0))
        share = None if points is None or not lke_weight else points / lke_weight
        out[f"persen:{name}"] = None if share is None else 100 * share
        area_points = None if share is None else (points if model.pengungkit_mode == "lke" else share * weight)
        out[f"area:{name}"] = area_points
        if pengungkit is not None:
            pengungkit = None if area_points is None else pengungkit + area_points
    if model.pengungkit_mode == "lke":
        pengungkit = values.get("pengungkit")
    out["pengungkit"] = pengungkit
    hasil = values.get("hasil")
    out["total"] = None if pengungkit is None or hasil is None else pengungkit + hasil
    return out


def check(figures: dict[str, float | None], model: ScoringModel, *,
          has_wbk: bool | None = None) -> dict[str, PredicateResult]:
    """Every predicate's conditions on given figures (pure: used by tests at each boundary)."""
    results: dict[str, PredicateResult] = {}
    for name, t in model.predicates.items():
        conds = _conditions(figures, model, t, has_wbk=has_wbk, earlier=results)
        results[name] = PredicateResult(name, all(c.met for c in conds), conds)
    return results


def _ge(value: float | None, threshold: float) -> bool:
    return value is not None and value >= threshold - EPS


def _conditions(fig: dict[str, float | None], model: ScoringModel, t: Thresholds, *,
                has_wbk: bool | None, earlier: dict[str, PredicateResult]) -> list[Condition]:
    conds: list[Condition] = []
    if t.requires:
        if has_wbk is None:
            conds.append(Condition("predikat", f"Telah berpredikat {t.requires}", None, None, False,
                                   note=f"belum dinyatakan (pakai --sudah-{t.requires.lower()} bila unit "
                                        f"telah ditetapkan {t.requires})"))
        else:
            conds.append(Condition("predikat", f"Telah berpredikat {t.requires}", None, None, has_wbk,
                                   note="sudah" if has_wbk else f"unit belum ditetapkan {t.requires}"))
    conds.append(Condition("total", "Nilai total (pengungkit + hasil)", fig.get("total"), t.total,
                           _ge(fig.get("total"), t.total)))
    conds.append(Condition("pengungkit", "Nilai komponen pengungkit", fig.get("pengungkit"), t.pengungkit,
                           _ge(fig.get("pengungkit"), t.pengungkit)))
    for name, weight in model.area_weights.items():
        need = weight * t.area_percent / 100
        value = fig.get(f"area:{name}")
        conds.append(Condition(f"area:{name}", f"Area {name} (minimal {angka(t.area_percent, 0)}% dari bobot "
                                               f"{angka(weight)})", value, need, _ge(value, need)))
    for key, threshold in (("bersih", t.bersih), ("ipak", t.ipak), ("kinerja", t.kinerja), ("prima", t.prima)):
        label = str(model.hasil[key]["label"])
        cond = Condition(key, f"Hasil: {label}", fig.get(key), threshold, _ge(fig.get(key), threshold))
        weight = float(model.hasil[key]["bobot"])
        if key == "ipak" and t.ipak_implied is not None and t.ipak_implied > threshold + EPS:
            cond.threshold_alt = t.ipak_implied
            if cond.met and not _ge(fig.get(key), t.ipak_implied):
                cond.met = False
                cond.ambiguous = True
                cond.note = (f"indeks survei (skala 0-4) minimal {angka(threshold / weight * 4, 3)} atau "
                             f"{angka(t.ipak_implied / weight * 4, 3)}")
        if key in ("ipak", "prima") and not cond.met and not cond.ambiguous:
            cond.note = f"indeks survei (skala 0-4) minimal {angka(threshold / weight * 4, 3)}"
            if key == "ipak" and cond.threshold_alt is not None:
                cond.note += (f" (ambang dibaca {angka(threshold)} menurut teks seed 002 BAB III; jumlahnya "
                              f"menyiratkan {angka(cond.threshold_alt)})")
        conds.append(cond)
    return conds


# --- improvements ---------------------------------------------------------------------

def _steps(q: Question) -> tuple[dict[str, Value], Any, str] | None:
    """The next answer step for a question: (K overrides, proposed answer, description)."""
    if q.status == "tidak_dihitung":
        return None
    options = ANSWER_VALUES.get(q.answer_type)
    if options is not None:
        current = str(q.answer or "").strip().casefold()
        labels = [o[0] for o in options]
        idx = next((i for i, label in enumerate(labels) if label.casefold() == current), None)
        if idx is None:
            return {f"K{q.row}": labels[0]}, labels[0], f"isi jawaban '{labels[0]}'"
        if idx == 0:
            return None
        return {f"K{q.row}": labels[idx - 1]}, labels[idx - 1], f"naikkan '{labels[idx]}' → '{labels[idx - 1]}'"
    if q.answer_type == PERCENT_TYPE:
        if isinstance(q.value, float) and q.value >= 1 - EPS:
            return None
        return {f"K{q.row}": 1.0}, 1.0, "lengkapi hingga 100% (realisasi = jumlah yang wajib)"
    if q.answer_type == "Nilai":
        cur = float(q.answer) if isinstance(q.answer, (int, float)) and not isinstance(q.answer, bool) else 0.0
        if cur >= 4 - EPS:
            return None
        new = min(4.0, round(cur + SURVEY_STEP, 6))
        return {f"K{q.row}": new}, new, f"naikkan indeks survei {angka(cur, 2)} → {angka(new, 2)}"
    return None


def improvements(result: LkeResult, model: ScoringModel) -> dict[str, list[Improvement]]:
    """For every figure, the questions whose next answer step raises it most (largest gain first)."""
    base = _figures_of(result, model, result.what_if({}))
    per_key: dict[str, list[Improvement]] = {}
    for q in result.questions:
        step = _steps(q)
        if step is None:
            continue
        changes, proposed, text = step
        fig = _figures_of(result, model, result.what_if(changes))
        for key, value in fig.items():
            before = base.get(key)
            if value is None or before is None or key.startswith("persen:"):
                continue
            gain = value - before
            if gain > EPS:
                per_key.setdefault(key, []).append(Improvement(q.row, q.code, q.text, q.area, q.answer, proposed,
                                                               text, gain))
    for items in per_key.values():
        items.sort(key=lambda i: (-i.gain, i.row))
    return per_key


def _figures_of(result: LkeResult, model: ScoringModel, values: dict[str, float]) -> dict[str, float | None]:
    areas: dict[str, tuple[float | None, float]] = {
        a.name: (values.get(f"area:{a.name}", a.strict), a.weight) for a in result.areas}
    return figures_from(dict(values), areas, model)


def evaluate(result: LkeResult, model: str | ScoringModel = DEFAULT_MODEL, *, basis: str = "belum_diisi_nol",
             has_wbk: bool | None = None, candidates: int = TOP_CANDIDATES) -> Verdict:
    """WBK/WBBM verdict. ``basis``: "belum_diisi_nol" (unanswered = 0, default) or "resmi"."""
    m = load_model(model) if isinstance(model, str) else model
    notes: list[str] = []
    for a in result.areas:
        if m.pengungkit_mode == "lke" and abs(m.area_weights.get(a.name, a.weight) - a.weight) > EPS:
            notes.append(f"Bobot area {a.name} di LKE ({angka(a.weight)}) berbeda dari model "
                         f"({angka(m.area_weights.get(a.name))}).")
    if basis == "resmi":
        values: dict[str, float | None] = {k: result.official(k) for k in result.rows}
        areas = {a.name: (a.official, a.weight) for a in result.areas}
    else:
        values = {k: result.strict(k) for k in result.rows}
        areas = {a.name: (a.strict, a.weight) for a in result.areas}  # type: ignore[misc]
    figs = figures_from(values, areas, m)
    if result.belum_diisi:
        notes.append(f"{len(result.belum_diisi)} pertanyaan Belum Diisi; nilai resmi total "
                     f"{result.official_text('total')}, bila Belum Diisi dihitung 0: {angka(result.total_strict)}.")
    predicates = check(figs, m, has_wbk=has_wbk)
    if any(not p.reached for p in predicates.values()) and result._sheet is not None:
        ranked = improvements(result, m)
        for p in predicates.values():
            for c in p.unmet:
                c.candidates = ranked.get(c.key, [])[:candidates]
    return Verdict(m, basis, figs, predicates, notes)
