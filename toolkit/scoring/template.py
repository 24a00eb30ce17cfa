"""Our own LKE ZI template: one row per question of the official LKE, generated from a schema.

The sheet *LKE ZI* lists every answerable row of the official workbook (Baris LKE =
its row number there) with the answer type, weight, the regulation's explanation,
and columns for the unit's answer, evidence (*data dukung*), link and the
evaluator's answer and note. Scoring fills the answers into the official formulas
(:mod:`toolkit.scoring.reference`), so the figures equal the official workbook's.
Write one with :func:`build_lke_template`; score it with ``integritas nilai FILE``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.errors import WrongKindError
from toolkit.schemas.lke_zi import KIND, LKE_SHEET, SCHEMA
from toolkit.schemas.model import normalize_header
from toolkit.scoring.reference import reference_cells, reference_rows
from toolkit.workbook.reader import iter_records, open_calamine, read_identitas_raw, sheet_layout
from toolkit.workbook.template import build_workbook

INPUT_TYPES = ("Ya/Tidak", "A/B/C", "A/B/C/D", "A/B/C/D/E", "Jumlah", "Rupiah", "%", "Ya")


def template_rows() -> list[dict[str, Any]]:
    """One row per answerable cell of the official LKE (K without a formula)."""
    rows = []
    section = ""
    for row, cols in reference_rows().items():
        j = str(cols.get("J") or "").strip()
        label = next((str(cols[c]) for c in "CDEF" if c in cols and len(str(cols[c]).strip()) > 3), "")
        if label and not j:
            section = " ".join(label.split())
        k = cols.get("K")
        if not j or (isinstance(k, str) and k.startswith("=")) or "L" not in cols:
            continue
        if j not in INPUT_TYPES and not j.startswith("Nilai"):
            continue
        text = str(cols.get("G") or cols.get("E") or "").strip()
        code = next((str(cols[c]).strip() for c in "FD" if c in cols and len(str(cols[c]).strip()) <= 4), "")
        rows.append({"baris": row, "kode": code, "bagian": section, "pertanyaan": text, "pilihan": j,
                     "penjelasan": str(cols.get("I") or "").strip()})
    return rows


def build_lke_template(path: str | Path, identitas: dict[str, Any] | None = None,
                       answers: dict[int, Any] | None = None) -> Path:
    rows = template_rows()
    for r in rows:
        if answers and r["baris"] in answers:
            r["jawaban"] = answers[r["baris"]]
    ident = {"jenis_workbook": KIND, "versi_skema": SCHEMA.version, **(identitas or {})}
    return build_workbook(SCHEMA, path, identitas=ident, rows={"lke": rows})


def read_template_answers(path: str | Path, *, evaluator: bool = False) -> dict[str, Any]:
    """Reference cells with K filled from the template's answers; raises WrongKindError for other files."""
    p = Path(path)
    cwb = open_calamine(p)
    try:
        _name, raw = read_identitas_raw(cwb, p)
        kind = raw.get(normalize_header("Jenis Workbook"), (None, ""))[0]
        if str(kind or "").strip().casefold() != KIND:
            raise WrongKindError("bukan LKE ZI (format resmi maupun templat lke-zi).", path=p)
        layout = sheet_layout(cwb, p, SCHEMA, LKE_SHEET)
        if layout is None or "baris" not in layout.columns:
            raise WrongKindError("sheet 'LKE ZI' dengan kolom 'Baris LKE' tidak ditemukan.", path=p)
        cells = reference_cells()
        unit = raw.get(normalize_header("Nama Unit Kerja"), (None, ""))[0]
        cells["_unit"] = unit
        valid_rows = {r["baris"] for r in template_rows()}
        key = "jawaban_evaluator" if evaluator else "jawaban"
        for rec in iter_records(cwb, p, SCHEMA, layout):
            row = rec.get("baris")
            if row not in valid_rows:
                continue
            value = rec.raw.get(key)
            if value is None:
                continue
            if isinstance(value, str) and value.strip().replace(",", ".").replace(".", "", 1).isdigit():
                value = float(value.strip().replace(",", "."))
            cells[f"K{row}"] = value
        for evidence_key, col in (("bukti", "P"), ("tautan", "Q")):
            for rec in iter_records(cwb, p, SCHEMA, layout):
                if rec.get(evidence_key) and rec.get("baris"):
                    cells[f"{col}{rec.get('baris')}"] = rec.get(evidence_key)
        return cells
    finally:
        cwb.close()
