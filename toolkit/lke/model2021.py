"""LKE ZI workbooks of the 2021 model (PermenPAN-RB 90/2021 Lampiran III) in the 2026 flow.

The same answers travel to PortalRB with the master list's ``soal_id``: :func:`crosswalk_2021`
pairs each 2026 question with the 2021 row that asks it (word for word, else the model's
``padanan_2021``); :func:`read_2021` reads an official 2021 workbook (answers in K, notes in O,
evidence in P/Q, the TPI's answer and note in columns headed "Jawaban TPI"/"Catatan TPI")
into the same :class:`~toolkit.lke.workbook.LkeForm` as a 2026 form. Scores of a 2021
workbook stay those of its own formulas (:mod:`toolkit.scoring.lke`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.lke.score import load_2026_model
from toolkit.lke.workbook import IDENTITAS, Entry, LkeForm
from toolkit.schemas.model import normalize_header
from toolkit.scoring.formula import column_and_row
from toolkit.scoring.lke import EVALUATOR_HEADERS, LkeResult, load_lke_cells, score_cells
from toolkit.scoring.models import DATA_DIR as MODELS_DIR
from toolkit.scoring.reference import reference_cells, reference_formulas, reference_rows
from toolkit.workbook.reader import is_blank, open_calamine, read_identitas_raw
from toolkit.yamlfile import read_yaml

TPI_NOTE_HEADERS = ("catatan tpi", "catatan evaluator", "catatan penilai")


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").casefold()).strip()


@cache
def crosswalk_2021() -> dict[int, int]:
    """soal_id → row of the 2021 'LKE ZI' sheet with the same question (input rows only)."""
    m = load_2026_model()
    raw = read_yaml(MODELS_DIR / "lke-zi-2026.yaml", what="model LKE 2026", error=UnreadableInputError)
    fixed = {int(k): int(v) for k, v in (raw.get("padanan_2021") or {}).items()}
    rows = reference_rows()
    candidates: dict[str, list[int]] = {}
    for r, cols in rows.items():
        j = str(cols.get("J") or "").strip()
        k = cols.get("K")
        if not j or "L" not in cols or (isinstance(k, str) and k.startswith("=")) or j == "%":
            continue
        text = next((str(cols[c]) for c in "GFEDC" if c in cols and len(str(cols[c]).strip()) > 3), "")
        candidates.setdefault(_norm(text.lstrip("- ")), []).append(r)
    out: dict[int, int] = {}
    used = set(fixed.values())
    for s in m.master.soals.values():
        if s.id in fixed:
            out[s.id] = fixed[s.id]
            continue
        free = [r for r in candidates.get(_norm(s.text), []) if r not in used]
        if free:
            r = min(free, key=lambda r: abs(r - s.row))
            out[s.id] = r
            used.add(r)
    return out


def _header_column(cells: dict[str, Any], headers: tuple[str, ...]) -> str | None:
    for addr, v in cells.items():
        c, r = column_and_row(addr)
        if r <= 3 and normalize_header(v) in headers:
            return c
    return None


def read_2021_cells(path: str | Path) -> tuple[dict[str, Any], str]:
    return load_lke_cells(path)


def read_2021(path: str | Path, cells: dict[str, Any] | None = None) -> LkeForm:
    """An official 2021 workbook as an :class:`LkeForm` keyed by the 2026 soal_ids."""
    p = Path(path)
    sheet_name = ""
    if cells is None:
        cells, sheet_name = load_lke_cells(p)
    tpi_col = _header_column(cells, EVALUATOR_HEADERS)
    note_col = _header_column(cells, TPI_NOTE_HEADERS)

    def get(col: str | None, row: int) -> Any:
        if col is None:
            return None
        v = cells.get(f"{col}{row}")
        if isinstance(v, str) and (v.startswith("=") or not v.strip()):
            return None
        return v

    entries: dict[int, Entry] = {}
    walk = crosswalk_2021()
    for s in load_2026_model().master.soals.values():
        r = walk.get(s.id)
        if r is None:
            entries[s.id] = Entry(s.id, 0)
            continue
        evidence = get("Q", r) or get("P", r)
        entries[s.id] = Entry(s.id, r, get("K", r), get("O", r), evidence, get(tpi_col, r), get(note_col, r))
    ident, ident_cells = _identitas(p)
    ident.setdefault("kode_unit", p.stem)
    ident.setdefault("nama_unit", p.stem)
    columns = {"unit_answer": "K", "unit_note": "O", "unit_evidence": "Q", "tpi_answer": tpi_col or "",
               "tpi_note": note_col or ""}
    return LkeForm(p, ident, ident_cells, entries, sheet=sheet_name or "LKE ZI", columns=columns, model="2021")


def _identitas(p: Path) -> tuple[dict[str, Any], dict[str, str]]:
    cwb = open_calamine(p)
    try:
        _name, raw = read_identitas_raw(cwb, p)
    finally:
        cwb.close()
    ident: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for key, label, _hint in IDENTITAS:
        hit = raw.get(normalize_header(label))
        if hit and not is_blank(hit[0]):
            ident[key], cells[key] = hit
    return ident, cells


def score_2021(cells: dict[str, Any], *, tpi: bool = False, path: str = "") -> LkeResult:
    """Score a 2021 workbook with its own formulas; ``tpi``: the TPI's answers where given, else the unit's."""
    work = dict(cells)
    if tpi:
        col = _header_column(cells, EVALUATOR_HEADERS)
        if col is not None:
            for addr, v in cells.items():
                c, r = column_and_row(addr)
                if c == col and r > 3 and not is_blank(v):
                    k = cells.get(f"K{r}")
                    if not (isinstance(k, str) and k.startswith("=")):
                        work[f"K{r}"] = v
    return score_cells(work, path=path, source="lke-resmi", reference=reference_formulas())


def fill_2021(answers: dict[int, Any], *, tpi: dict[int, Any] | None = None) -> dict[str, Any]:
    """Reference cells of the 2021 sheet with K (and the TPI column R) filled from soal_id answers."""
    cells = reference_cells()
    walk = crosswalk_2021()
    for i, v in answers.items():
        if i in walk and v is not None:
            cells[f"K{walk[i]}"] = v
    if tpi:
        cells["R2"] = "Jawaban TPI"
        for i, v in tpi.items():
            if i in walk and v is not None:
                cells[f"R{walk[i]}"] = v
    return cells
