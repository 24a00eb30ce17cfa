"""The optional "Penilaian LKE ZI" section of the Laporan Monev (seed 002 BAB III; PermenPAN-RB 90/2021).

From an LKE ZI workbook scored by :func:`toolkit.scoring.score_lke` and judged by
:func:`toolkit.scoring.verdict`:

* the total, pengungkit and hasil, both as the workbook's own formulas give them
  (*resmi*: AVERAGE skips unanswered questions) and with every *Belum Diisi*
  question counted as 0;
* per area: weight, both figures and the share of the weight;
* the questions still *Belum Diisi*;
* the WBK/WBBM verdict: each unmet condition with its gap in points, and the
  questions whose next answer step raises the score most for the next predicate
  to reach (largest gain first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.documents.charts import pct_text
from toolkit.documents.wording import for_document
from toolkit.scoring.lke import score_lke
from toolkit.scoring.models import DEFAULT_MODEL
from toolkit.scoring.predikat import evaluate

TOP_QUESTIONS = 5
MAX_BELUM_DIISI = 30


def _angka(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.2f}".replace(".", ",")


def lke_section(result: Any, verdict: Any, *, top: int = TOP_QUESTIONS) -> dict[str, Any]:
    """The ``lke`` variable of the laporan-monev template (plain text values)."""
    komponen = []
    m = verdict.model
    weights = {"pengungkit": m.pengungkit_weight, "hasil": m.hasil_weight,
               "total": m.pengungkit_weight + m.hasil_weight}
    for label, name in (("Komponen Pengungkit", "pengungkit"), ("Komponen Hasil", "hasil"),
                        ("Nilai Total", "total")):
        komponen.append({"komponen": label, "bobot": _angka(weights[name]),
                         "resmi": result.official_text(name), "nol": _angka(result.strict(name))})
    area = []
    for i, a in enumerate(result.areas, start=1):
        area.append({"no": str(i), "area": a.name, "bobot": _angka(a.weight),
                     "resmi": "-" if a.official is None else _angka(a.official), "nol": _angka(a.strict),
                     "persen": pct_text(100 * a.share)})
    belum = [{"no": str(i), "kode": q.code, "pertanyaan": " ".join(str(q.text).split()), "area": q.area or "-",
              "sel": f"K{q.row}"} for i, q in enumerate(result.belum_diisi[:MAX_BELUM_DIISI], start=1)]
    syarat = []
    for name, pred in verdict.predicates.items():
        for c in pred.unmet:
            syarat.append({"predikat": name, "syarat": c.label,
                           "nilai": "-" if c.value is None else _angka(c.value),
                           "ambang": "-" if c.threshold is None else _angka(c.threshold),
                           "kurang": "-" if c.threshold is None else _angka(c.gap),
                           "catatan": for_document(c.note) if c.note else "-"})
    target = next((p for p in (verdict.predicates.get("WBK"), verdict.predicates.get("WBBM"))
                   if p is not None and not p.reached), None)
    usulan: list[dict[str, str]] = []
    if target is not None:
        best: dict[int, Any] = {}
        for c in target.unmet:
            for cand in c.candidates:
                if cand.row not in best or cand.gain > best[cand.row].gain:
                    best[cand.row] = cand
        for i, cand in enumerate(sorted(best.values(), key=lambda x: (-x.gain, x.row))[:top], start=1):
            usulan.append({"no": str(i), "kode": cand.code, "pertanyaan": " ".join(str(cand.text).split()),
                           "sel": f"K{cand.row}", "langkah": cand.step, "tambahan": _angka(cand.gain)})
    best_name = verdict.best
    ringkasan = [
        f"Nilai Lembar Kerja Evaluasi (LKE) Zona Integritas {_angka(result.total_strict)} (pertanyaan Belum Diisi "
        f"dihitung 0); nilai menurut rumus LKE {result.official_text('total')}. Model penilaian: "
        f"{verdict.model.title}.",
        (f"Predikat yang terpenuhi menurut nilai ini: {best_name}." if best_name else
         "Syarat predikat WBK belum terpenuhi."),
    ]
    if result.belum_diisi:
        n = len(result.belum_diisi)
        if result.total_official is None:
            # a sub-area with no answer at all: the workbook's AVERAGE gives #DIV/0! up to the total
            ringkasan.append(f"Sebanyak {n} pertanyaan masih Belum Diisi; ada sub-area yang seluruhnya kosong "
                             f"sehingga rumus LKE menghasilkan {result.official_text('total')} dan belum memberi "
                             "nilai resmi.")
        elif result.total_official > result.total_strict:
            ringkasan.append(f"Sebanyak {n} pertanyaan masih Belum Diisi; rumus LKE melewatinya saat merata-rata "
                             "sehingga nilai resminya lebih tinggi dari nilai yang sebenarnya dicapai.")
        else:
            ringkasan.append(f"Sebanyak {n} pertanyaan masih Belum Diisi dan perlu dijawab sebelum evaluasi.")
    predikat = [p.summary() for p in verdict.predicates.values()]
    kesimpulan = (f"Nilai LKE ZI {_angka(result.total_strict)}; "
                  + (f"predikat {best_name} terpenuhi menurut nilai ini." if best_name
                     else "syarat predikat WBK belum terpenuhi.")
                  + (f" Untuk mencapai {target.name}, jawaban yang paling menaikkan nilai tercantum pada bagian "
                     "Penilaian LKE ZI." if target is not None and usulan else ""))
    return {"ringkasan": ringkasan, "komponen": komponen, "area": area, "predikat": predikat, "syarat": syarat,
            "target": target.name if target is not None else "", "usulan": usulan, "belum_diisi": belum,
            "jumlah_belum_diisi": str(len(result.belum_diisi)),
            "_best": best_name, "_total": result.total_strict, "_kesimpulan": kesimpulan}


def lke_section_from_path(path: str | Path, *, model: str | None = None, has_wbk: bool | None = None,
                          top: int = TOP_QUESTIONS) -> dict[str, Any]:
    result = score_lke(path)
    return lke_section(result, evaluate(result, model or DEFAULT_MODEL, has_wbk=has_wbk), top=top)
