"""The agency's view of LKE ZI workbooks: every unit scored on its own and on the TPI's answers,
ranked by the TPI score, who meets WBK and WBBM (and why not), kept in the store per period,
and the proposal list (daftar usulan) the central office edits and confirms
(:mod:`toolkit.lke.proposals`).

Both models are read: the 2026 form (scored by the master list) and the official 2021 workbook
(scored by its own formulas, model ``permenpanrb-90-2021``); both give their answers by
``soal_id`` for the PortalRB API. Files are read in parallel (one process per core).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import ToolkitError, UsageError
from toolkit.lke.checks import check_form
from toolkit.lke.compare import compare
from toolkit.lke.files import form_model
from toolkit.lke.master import load_master
from toolkit.lke.model2021 import read_2021, score_2021
from toolkit.lke.workbook import LkeForm, _text, read_form
from toolkit.rekap.run import discover_files
from toolkit.scoring.lke import load_lke_cells
from toolkit.scoring.models import load_model
from toolkit.scoring.predikat import PredicateResult, angka, check, figures_from
from toolkit.store import lke as lke_store

MODEL_2021 = "permenpanrb-90-2021"
EXTENSIONS = (".xlsx", ".xlsm")


@dataclass
class UnitOutcome:
    path: str
    unit_id: str = ""
    name: str = ""
    model: str = ""  # "2026" / "2021"
    sha256: str = ""
    score_unit: float | None = None
    score_tpi: float | None = None
    unreviewed: int = 0
    wbk: bool = False
    wbbm: bool = False
    why_not_wbk: list[str] = field(default_factory=list)
    why_not_wbbm: list[str] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    year: str = ""  # Identitas Tahun
    errors: int = 0  # validation errors in the workbook
    problem: str | None = None  # unreadable / not an LKE workbook

    @property
    def best(self) -> str | None:
        return "WBBM" if self.wbbm else ("WBK" if self.wbk else None)

    @property
    def gap(self) -> float | None:
        if self.score_unit is None or self.score_tpi is None:
            return None
        return self.score_tpi - self.score_unit


def discover(inputs: Sequence[str | Path], skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """The workbooks named or inside the folders named: the recap's own bounded walk (no recursion, a
    depth limit, Office lock files and hidden files skipped). Links inside a folder are not followed and,
    with folders too deep, go to ``skipped`` (path, reason) so that the recap names them."""
    return [p for p in discover_files(inputs, skipped=skipped) if p.suffix.lower() in EXTENSIONS]


def _reasons(p: PredicateResult) -> list[str]:
    return [c.message() for c in p.unmet if c.key != "predikat"]


def _answers_of(form: LkeForm) -> list[dict[str, Any]]:
    return [{"soal_id": str(e.soal_id), "baris": e.row, "jawaban_unit": _text(e.unit_answer),
             "catatan_unit": _text(e.unit_note), "bukti_unit": _text(e.unit_evidence),
             "jawaban_tpi": _text(e.tpi_answer), "catatan_tpi": _text(e.tpi_note)}
            for e in sorted(form.entries.values(), key=lambda e: e.soal_id)]


def assess(path: str | Path) -> UnitOutcome:
    """One workbook: scores (unit, TPI), verdict on the TPI's answers, answers by soal_id."""

    p = Path(path)
    out = UnitOutcome(str(p))
    try:
        out.sha256 = hashlib.sha256(p.read_bytes()).hexdigest()
        model = form_model(p)
        if model == "2026":

            form = read_form(p)
            c = compare(form, has_wbk=True, improvements=False)
            out.score_unit, out.score_tpi, out.unreviewed = c.unit_total, c.tpi_total, len(c.unreviewed)
            predicates = c.verdict.predicates
        elif model == "2021":

            cells, _name = load_lke_cells(p)
            form = read_2021(p, cells)
            unit, tpi = score_2021(cells, path=str(p)), score_2021(cells, tpi=True, path=str(p))
            out.score_unit, out.score_tpi = unit.total_strict, tpi.total_strict
            out.unreviewed = sum(1 for e in form.entries.values()
                                 if e.row and e.unit_answer is not None and e.tpi_answer is None)
            m = load_model(MODEL_2021)
            figs = figures_from({k: tpi.strict(k) for k in tpi.rows},
                                {a.name: (a.strict, a.weight) for a in tpi.areas}, m)
            predicates = check(figs, m, has_wbk=True)
        else:
            out.problem = "bukan LKE ZI (formulir 2026 atau LKE ZI resmi 2021)"
            return out
        out.model = model
        out.unit_id, out.name = form.unit_id, form.unit_name
        year = form.identitas.get("tahun")
        out.year = str(int(year)) if isinstance(year, (int, float)) and not isinstance(year, bool) else \
            str(year or "").strip()
        out.answers = _answers_of(form)
        out.errors = len(check_form(form).errors)
        out.wbk, out.wbbm = predicates["WBK"].reached, predicates["WBBM"].reached
        out.why_not_wbk, out.why_not_wbbm = _reasons(predicates["WBK"]), _reasons(predicates["WBBM"])
    except ToolkitError as err:
        out.problem = err.message
    except OSError as err:
        out.problem = f"tidak dapat dibaca: {err.strerror or err}"
    return out


@dataclass
class LkeRecap:
    period: str
    outcomes: list[UnitOutcome]  # ranked by TPI score, unreadable last
    duplicates: list[tuple[str, list[str]]]  # unit id → files (the last one is kept)

    @property
    def ranked(self) -> list[UnitOutcome]:
        return [o for o in self.outcomes if o.problem is None]

    @property
    def problems(self) -> list[UnitOutcome]:
        return [o for o in self.outcomes if o.problem is not None]

    def lines(self) -> list[str]:
        ok = self.ranked
        out = [f"Rekap LKE ZI periode {self.period}: {len(ok)} unit dinilai, {len(self.problems)} file bermasalah; "
               f"memenuhi WBK {sum(o.wbk for o in ok)}, memenuhi WBBM {sum(o.wbbm for o in ok)}."]
        for unit_id, paths in self.duplicates:
            out.append(f"Unit {unit_id} dikirim {len(paths)} kali; dipakai {Path(paths[-1]).name}.")
        for o in self.problems:
            out.append(f"{Path(o.path).name}: {o.problem}")
        return out


def collect(inputs: Sequence[str | Path], *, period: str | None = None, processes: int | None = None) -> LkeRecap:
    """Assess every workbook; ``period`` defaults to the most common Identitas Tahun (else the master list's)."""
    skipped: list[tuple[Path, str]] = []
    paths = discover(inputs, skipped)
    if not paths and not skipped:
        raise UsageError("tidak ada workbook .xlsx/.xlsm untuk direkap.")
    workers = max(1, min(processes or os.cpu_count() or 1, len(paths) or 1))
    if workers == 1:
        outcomes = [assess(p) for p in paths]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(assess, paths, chunksize=8))
    by_unit: dict[str, list[UnitOutcome]] = {}
    for o in outcomes:
        if o.problem is None:
            if not o.unit_id:
                o.problem = "Kode Unit di sheet Identitas kosong"
                continue
            by_unit.setdefault(o.unit_id, []).append(o)
    outcomes += [UnitOutcome(str(path), problem=f"dilewati: {reason}") for path, reason in skipped]
    duplicates = [(u, [o.path for o in os_]) for u, os_ in by_unit.items() if len(os_) > 1]
    kept = [os_[-1] for os_ in by_unit.values()]
    kept.sort(key=lambda o: (-(o.score_tpi or 0.0), o.unit_id))
    if period is None:


        years = Counter(o.year for o in kept if o.year.isdigit())
        period = years.most_common(1)[0][0] if years else str(load_master().year)
    return LkeRecap(period, kept + [o for o in outcomes if o.problem is not None], duplicates)


def keep(recap: LkeRecap, store: Any) -> int:
    """Answers and scores of every assessed unit into the store for the recap's period."""

    return lke_store.save_units(store, recap.period, (
        lke_store.UnitRecord(o.unit_id, o.name, o.model, o.path, o.sha256, o.score_unit, o.score_tpi, o.best,
                             o.answers) for o in recap.ranked))


def reasons_text(o: UnitOutcome) -> str:
    if o.wbbm:
        return "memenuhi syarat nilai WBBM (syarat: telah berpredikat WBK)"
    if o.wbk:
        return "memenuhi WBK; belum WBBM: " + "; ".join(o.why_not_wbbm)
    return "belum WBK: " + "; ".join(o.why_not_wbk)


def table_rows(recap: LkeRecap) -> list[list[Any]]:
    rows = []
    for rank, o in enumerate(recap.ranked, start=1):
        rows.append([rank, o.unit_id, o.name, o.model, o.score_unit, o.score_tpi, o.gap, o.unreviewed,
                     "Ya" if o.wbk else "Tidak", "Ya" if o.wbbm else "Tidak", o.errors, reasons_text(o),
                     Path(o.path).name])
    return rows


HEADERS = ["Peringkat", "ID Unit", "Nama Unit", "Model", "Nilai Unit", "Nilai TPI", "Selisih (TPI − Unit)",
           "Belum Direviu TPI", "Memenuhi WBK", "Memenuhi WBBM", "Galat Validasi", "Keterangan", "File"]


def summary_rows(recap: LkeRecap) -> Iterable[str]:
    for rank, o in enumerate(recap.ranked[:20], start=1):
        yield (f"{rank:>3}. {o.unit_id} {o.name[:40]}: TPI {angka(o.score_tpi)} (unit {angka(o.score_unit)}) "
               f"{o.best or '-'}")
