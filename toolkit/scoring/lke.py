"""Score an LKE ZI (Lembar Kerja Evaluasi Zona Integritas, PermenPAN-RB 90/2021 Lampiran III).

Reads the official workbook format (sheet "LKE ZI": weights in H, answer type in
J, answer in K, score in L, notes in O, evidence in P, link in Q) and evaluates
the workbook's *own* formulas with spreadsheet semantics (:mod:`.formula`), so the
official figure equals what Excel/LibreOffice shows for that file.

Per answer (the L-column formula of the workbook): Ya/Tidak → 1/0; A/B/C →
1/0.5/0; A/B/C/D → 1/0.67/0.33/0; A/B/C/D/E → 1/0.75/0.5/0.25/0; "%" rows take
the K value, which the workbook computes from counts (capped at 1); survey
indexes (0–4) are divided by 4 and multiplied by their weight. A sub-area is
``AVERAGE(questions) × weight``; areas, components and the total are ``SUM``s.

``AVERAGE`` skips unanswered questions (*Blm Diisi* is text), so a half-answered
sub-area can reach its full weight, and a fully unanswered one is ``#DIV/0!``.
We therefore report two figures everywhere: ``official`` (the workbook's) and
``strict`` (every unanswered question counted as 0), plus the list of
*Belum Diisi* questions and any anomalies of the file's formulas.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from toolkit.errors import UnreadableInputError, WrongKindError, debug_detail
from toolkit.schemas.common import AREA_ALIASES, AREA_PERUBAHAN
from toolkit.schemas.model import normalize_choice, normalize_header
from toolkit.scoring.formula import ExcelError, Sheet, Value, column_and_row, parse_formula, references
from toolkit.scoring.reference import reference_formulas
from toolkit.scoring.template import read_template_answers
from toolkit.workbook.preflight import check_workbook_file

LKE_SHEET = "LKE ZI"
BLM_DIISI = "Blm Diisi"

# Answer options per answer type, best first, with the value the workbook's L formula gives.
ANSWER_VALUES: dict[str, tuple[tuple[str, float], ...]] = {
    "Ya/Tidak": (("Ya", 1.0), ("Tidak", 0.0)),
    "A/B/C": (("A", 1.0), ("B", 0.5), ("C", 0.0)),
    "A/B/C/D": (("A", 1.0), ("B", 0.67), ("C", 0.33), ("D", 0.0)),
    "A/B/C/D/E": (("A", 1.0), ("B", 0.75), ("C", 0.5), ("D", 0.25), ("E", 0.0)),
}
COUNT_TYPES = ("Jumlah", "Rupiah")
PERCENT_TYPE = "%"
SURVEY_SCALE = 4.0


def answer_type_of(j_value: object) -> str:
    """Canonical answer type of a J cell: 'Ya/Tidak', 'A/B/C', …, '%', 'Jumlah', 'Nilai', '' or the raw text."""
    if j_value is None:
        return ""
    text = str(j_value).strip()
    if text.startswith("Nilai"):
        return "Nilai"
    return text


def answer_value(answer_type: str, answer: object) -> float | None:
    """Value of one answer, as the workbook's formula gives it (case-insensitive); None when unanswered/invalid."""
    options = ANSWER_VALUES.get(answer_type)
    if options is not None:
        key = normalize_choice(answer)
        for label, value in options:
            if key == label.casefold():
                return value
        return None
    if answer_type == PERCENT_TYPE:
        return float(answer) if isinstance(answer, (int, float)) and not isinstance(answer, bool) else None
    if answer_type == "Nilai":
        if isinstance(answer, (int, float)) and not isinstance(answer, bool):
            return float(answer) / SURVEY_SCALE
        return None
    return None


@dataclass
class Question:
    row: int
    code: str
    text: str
    answer_type: str
    answer: Any  # K as written (or computed for % rows)
    value: float | None  # L, official
    status: str  # "terisi", "belum_diisi", "tidak_dihitung", "galat"
    parent_row: int | None
    area: str | None
    component: str | None  # "pengungkit" / "hasil"
    part: str | None  # "pemenuhan" / "reform" / hasil sub-component label
    evidence: str = ""
    link: str = ""
    note: str = ""
    count_rows: tuple[int, ...] = ()
    unanswered_inputs: tuple[int, ...] = ()  # rows of counts left empty


class ScoreTotals(ABC):
    """What the verdict reads of any LKE score, 2021 workbook or 2026 model: totals and unanswered questions."""

    questions: list[Question]

    @abstractmethod
    def official(self, name: str) -> float | None:
        """The figure as the official workbook shows it (None where it shows an error)."""

    @abstractmethod
    def strict(self, name: str) -> float:
        """The figure with unanswered questions counted as 0."""

    @property
    def total_official(self) -> float | None:
        return self.official("total")

    @property
    def total_strict(self) -> float:
        return self.strict("total")

    @property
    def belum_diisi(self) -> list[Question]:
        return [q for q in self.questions if q.status == "belum_diisi"]


@dataclass
class Node:
    row: int
    code: str
    label: str
    weight: float | None
    official: float | None
    official_error: str | None
    strict: float | None
    children: list[int] = field(default_factory=list)
    kind: str = "group"  # group, subarea, question


@dataclass
class AreaScore:
    name: str
    weight: float
    official: float | None
    strict: float
    pemenuhan_row: int | None
    reform_row: int | None

    @property
    def share(self) -> float:
        return self.strict / self.weight if self.weight else 0.0


@dataclass
class LkeResult(ScoreTotals):
    path: str
    source: str  # "lke-resmi" or "templat"
    unit: str
    nodes: dict[int, Node]
    questions: list[Question]
    areas: list[AreaScore]
    rows: dict[str, int]  # named rows: total, pengungkit, hasil, pemenuhan, reform, bersih, ipak, kinerja, prima
    anomalies: list[str]
    _sheet: Sheet | None = field(default=None, repr=False)
    _strict_overrides: dict[str, Value] = field(default_factory=dict, repr=False)

    # headline figures
    def official(self, name: str) -> float | None:
        node = self.nodes.get(self.rows.get(name, -1))
        return node.official if node else None

    def strict(self, name: str) -> float:
        node = self.nodes.get(self.rows.get(name, -1))
        return node.strict if node and node.strict is not None else 0.0

    def official_text(self, name: str) -> str:
        node = self.nodes.get(self.rows.get(name, -1))
        if node is None:
            return "-"
        if node.official_error:
            return node.official_error
        if node.official is None:
            return "-"
        return f"{node.official:.2f}".replace(".", ",")

    def what_if(self, changes: dict[str, Value]) -> dict[str, float]:
        """Strict figures of every named row and area after changing some K cells (e.g. {"K9": "A"})."""
        if self._sheet is None:
            raise UnreadableInputError("hasil ini tidak menyimpan lembar kerja untuk simulasi.")
        sheet = self._sheet
        try:
            sheet.set_overrides(_strict_overrides(sheet, self.questions, base=dict(changes)))
            out = {name: _num(sheet.value(f"L{row}")) for name, row in self.rows.items()}
            for area in self.areas:
                out[f"area:{area.name}"] = sum(_num(sheet.value(f"L{r}"))
                                               for r in (area.pemenuhan_row, area.reform_row) if r)
            return out
        finally:
            sheet.set_overrides(self._strict_overrides)


    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready) for the terminal, JSON output and the documents' reports."""
        def fig(name: str) -> dict[str, Any]:
            node = self.nodes.get(self.rows.get(name, -1))
            return {"resmi": None if node is None else node.official,
                    "resmi_galat": None if node is None else node.official_error,
                    "belum_diisi_nol": None if node is None else node.strict,
                    "bobot": None if node is None else node.weight}
        return {
            "file": self.path,
            "sumber": self.source,
            "unit": self.unit,
            "total": fig("total"),
            "pengungkit": fig("pengungkit"),
            "hasil": fig("hasil"),
            "pemenuhan": fig("pemenuhan"),
            "reform": fig("reform"),
            "bersih_akuntabel": fig("bersih"),
            "ipak": fig("ipak"),
            "kinerja": fig("kinerja"),
            "pelayanan_prima": fig("prima"),
            "area": [{"nama": a.name, "bobot": a.weight, "resmi": a.official, "belum_diisi_nol": a.strict,
                      "persen": round(100 * a.share, 2)} for a in self.areas],
            "jumlah_pertanyaan": len(self.questions),
            "belum_diisi": [{"baris": q.row, "kode": q.code, "pertanyaan": q.text, "area": q.area,
                             "sel": f"K{q.row}"} for q in self.belum_diisi],
            "anomali": list(self.anomalies),
            "pertanyaan": [{k: v for k, v in asdict(q).items() if k not in ("count_rows",)}
                           for q in self.questions],
        }


def _num(v: Value) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0


# --- reading ---------------------------------------------------------------------------

def load_lke_cells(path: str | Path) -> tuple[dict[str, Any], str]:
    """All non-empty cells of the "LKE ZI" sheet (formulas as text) and the sheet's name."""
    p = check_workbook_file(path)
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:
        raise UnreadableInputError(f"workbook tidak dapat dibaca (isinya rusak){debug_detail(exc)}.", path=p) from exc
    try:
        name = next((n for n in wb.sheetnames if normalize_header(n) == normalize_header(LKE_SHEET)), None)
        if name is None:
            raise WrongKindError(f"sheet '{LKE_SHEET}' tidak ditemukan; sheet yang ada: {', '.join(wb.sheetnames)}.",
                                 path=p)
        cells: dict[str, Any] = {}
        ws = wb[name]
        ws.reset_dimensions()  # the file's <dimension> is a claim: never pad rows to it
        for row in ws.iter_rows():
            for c in row:
                v = getattr(c, "value", None)
                if v is None or not hasattr(c, "coordinate"):
                    continue
                if isinstance(v, str) and v.startswith("=") and not isinstance(getattr(c, "data_type", "f"), str):
                    pass
                cells[c.coordinate] = v
        return cells, name
    finally:
        wb.close()


_CODE_RE = re.compile(r"^(?:[A-Z]|[IVX]+|[ivx]+|\d+|[a-z])\.?\s*$|^-$")


def _row_label(cells: dict[str, Any], row: int) -> tuple[str, str, str]:
    """(code, label, label column) of a row: the first text in B–G that is not a numbering mark."""
    code = ""
    for col in "BCDEFG":
        v = cells.get(f"{col}{row}")
        if v is None:
            continue
        text = str(v).strip()
        if not text:
            continue
        if _CODE_RE.match(text) and col != "G":
            code = text.rstrip(".").strip()
            continue
        return code, re.sub(r"\s+", " ", text.lstrip("- ").strip()), col
    return code, "", ""


def _area_name(label: str) -> str | None:
    key = normalize_choice(label)
    for name in AREA_PERUBAHAN:
        if normalize_choice(name) == key:
            return name
    for alias, name in AREA_ALIASES.items():
        if normalize_choice(alias) == key:
            return name
    return None


def _float(v: Any) -> float | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    try:
        return float(str(v).replace(",", "."))
    except (TypeError, ValueError):
        return None


def score_cells(cells: dict[str, Any], *, path: str = "", source: str = "lke-resmi", unit: str = "",
                sheet_name: str = LKE_SHEET, reference: dict[str, Any] | None = None) -> LkeResult:
    """Score the cells of an LKE ZI sheet (formulas as text)."""
    sheet = Sheet(cells, sheet_name, path or None)
    anomalies: list[str] = []
    if not any(str(cells.get(f"{c}2", "")).strip() == "Jawaban" for c in "K"):
        raise WrongKindError("bukan LKE ZI format resmi: sel K2 harus berjudul 'Jawaban' "
                             "(kolom H Bobot, J Pilihan Jawaban, K Jawaban, L Nilai).", path=path or None,
                             sheet=sheet_name, cell="K2")
    # the tree, from the L formulas
    last_row = max(column_and_row(a)[1] for a in cells)
    children: dict[int, list[int]] = {}
    for addr, node in sheet.formulas.items():
        col, row = column_and_row(addr)
        if col != "L":
            continue
        kids = []
        for ref in references(node):
            c, r = column_and_row(ref)
            if c == "L" and r != row:
                kids.append(r)
        if kids:
            children[row] = sorted(set(kids), key=kids.index)
    referenced = {r for kids in children.values() for r in kids}
    # named rows
    rows: dict[str, int] = {}
    for row in range(1, last_row + 1):
        _code, label, _col = _row_label(cells, row)
        key = normalize_header(label)
        for name, wanted in (("total", "nilai evaluasi zona integritas"), ("pengungkit", "total pengungkit"),
                             ("hasil", "total hasil"), ("pemenuhan", "pemenuhan"), ("reform", "reform"),
                             ("bersih", "birokrasi yang bersih dan akuntabel"),
                             ("prima", "pelayanan publik yang prima")):
            if key == wanted and name not in rows:
                rows[name] = row
        if key.startswith("nilai survey persepsi korupsi") or key.startswith("nilai survei persepsi korupsi"):
            rows.setdefault("ipak", row)
        if key.startswith("capaian kinerja lebih baik"):
            rows.setdefault("kinerja", row)
    missing = [n for n in ("total", "pengungkit", "hasil", "pemenuhan", "reform", "bersih", "prima") if n not in rows]
    if missing:
        raise WrongKindError("struktur LKE ZI tidak dikenali: baris " + ", ".join(missing) + " tidak ditemukan.",
                             path=path or None, sheet=sheet_name)
    # areas (under pemenuhan and reform)
    areas: dict[str, AreaScore] = {}
    part_of: dict[int, tuple[str | None, str | None, str | None]] = {}

    def walk(row: int, area: str | None, component: str | None, part: str | None) -> None:
        part_of[row] = (area, component, part)
        for kid in children.get(row, []):
            _c, label, _col = _row_label(cells, kid)
            kid_area = area or _area_name(label)
            kid_part = part
            if kid in (rows["pemenuhan"],):
                kid_part = "pemenuhan"
            elif kid == rows["reform"]:
                kid_part = "reform"
            elif component == "hasil" and part is None:
                kid_part = label
            if kid_area and not area and kid_part in ("pemenuhan", "reform"):
                entry = areas.setdefault(kid_area, AreaScore(kid_area, 0.0, 0.0, 0.0, None, None))
                if kid_part == "pemenuhan":
                    entry.pemenuhan_row = kid
                else:
                    entry.reform_row = kid
            walk(kid, kid_area, component, kid_part)

    walk(rows["pengungkit"], None, "pengungkit", None)
    walk(rows["hasil"], None, "hasil", None)
    # questions
    questions: list[Question] = []
    for row in range(1, last_row + 1):
        j = answer_type_of(cells.get(f"J{row}"))
        l_formula = sheet.formula_text.get(f"L{row}")
        if not j or l_formula is None or j in COUNT_TYPES or row in children:
            continue
        code, label, _col = _row_label(cells, row)
        k_addr = f"K{row}"
        count_rows: tuple[int, ...] = ()
        if k_addr in sheet.formulas:
            count_rows = tuple(sorted({column_and_row(r)[1] for r in references(sheet.formulas[k_addr])
                                       if column_and_row(r)[0] == "K"}))
        parent = next((p for p, kids in children.items() if row in kids), None)
        area, component, part = part_of.get(parent, (None, None, None)) if parent else (None, None, None)
        if parent is None and row in part_of:
            area, component, part = part_of[row]
        questions.append(Question(
            row=row, code=code, text=label, answer_type=j, answer=None, value=None, status="terisi",
            parent_row=parent, area=area, component=component, part=part,
            evidence=str(cells.get(f"P{row}") or "").strip(), link=str(cells.get(f"Q{row}") or "").strip(),
            note=str(cells.get(f"O{row}") or "").strip(), count_rows=count_rows))
    # evaluate: official
    _fill_questions(sheet, questions, cells)
    for q in questions:
        if q.status == "tidak_dihitung":
            anomalies.append(
                f"Baris {q.row} ({q.code} {q.text[:60]}): Pilihan Jawaban '{cells.get(f'J{q.row}')}' di J{q.row} "
                f"tidak dikenal rumus L{q.row}, sehingga jawaban '{q.answer}' tidak ikut dinilai (nilai '-').")
    for row, _kids in children.items():
        f = sheet.formula_text.get(f"L{row}", "")
        if f.upper().startswith("=AVERAGE") and row not in referenced and row not in rows.values():
            _c, label, _col = _row_label(cells, row)
            anomalies.append(f"Sub-area baris {row} ({label[:60]}) tidak dijumlahkan oleh rumus mana pun; "
                             "nilainya tidak memengaruhi total resmi.")
    official = {row: sheet.value(f"L{row}") for row in set(children) | set(rows.values())}
    # strict: unanswered counted as 0
    strict_overrides = _strict_overrides(sheet, questions, base={})
    sheet.set_overrides(strict_overrides)
    nodes: dict[int, Node] = {}
    for row in sorted(set(children) | set(rows.values())):
        code, label, _col = _row_label(cells, row)
        v = official[row]
        s = sheet.value(f"L{row}")
        f = sheet.formula_text.get(f"L{row}", "")
        nodes[row] = Node(
            row=row, code=code, label=label, weight=_float(cells.get(f"H{row}")),
            official=float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None,
            official_error=str(v) if isinstance(v, ExcelError) else (None if isinstance(v, (int, float)) else
                                                                       f"bukan angka: {v!r}"),
            strict=float(s) if isinstance(s, (int, float)) and not isinstance(s, bool) else None,
            children=children.get(row, []),
            kind="subarea" if f.upper().startswith("=AVERAGE") else "group")
    for entry in areas.values():
        parts = [nodes[r] for r in (entry.pemenuhan_row, entry.reform_row) if r in nodes]
        entry.weight = sum(n.weight or 0.0 for n in parts)
        offs = [n.official for n in parts]
        entry.official = None if any(o is None for o in offs) else sum(o for o in offs if o is not None)
        entry.strict = sum(n.strict or 0.0 for n in parts)
    ordered = [areas[a] for a in AREA_PERUBAHAN if a in areas]
    if reference is not None:
        anomalies.extend(_compare_formulas(sheet, reference))
    result = LkeResult(path=path, source=source, unit=unit, nodes=nodes, questions=questions, areas=ordered,
                       rows=rows, anomalies=anomalies, _sheet=sheet, _strict_overrides=strict_overrides)
    return result


def _fill_questions(sheet: Sheet, questions: list[Question], cells: dict[str, Any]) -> None:
    for q in questions:
        k = sheet.value(f"K{q.row}")
        l_value = sheet.value(f"L{q.row}")
        q.answer = str(k) if isinstance(k, ExcelError) else k
        q.unanswered_inputs = tuple(r for r in q.count_rows if sheet.value(f"K{r}") in (None, ""))
        if isinstance(l_value, ExcelError):
            raw = cells.get(f"K{q.row}")
            q.status = "belum_diisi" if (raw is None or raw == "") and not q.count_rows else "galat"
            q.value = None
        elif isinstance(l_value, str):
            if l_value.casefold() == BLM_DIISI.casefold():
                q.status = "belum_diisi"
            else:
                q.status = "tidak_dihitung"
            q.value = None
        elif isinstance(l_value, bool):
            q.status, q.value = "tidak_dihitung", None
        else:
            q.value = float(l_value)  # type: ignore[arg-type]
            q.status = "terisi"


def _strict_overrides(sheet: Sheet, questions: Iterable[Question], base: dict[str, Value]) -> dict[str, Value]:
    """L overrides that count every unanswered question as 0 (and leave answered ones as they are)."""
    overrides = dict(base)
    sheet.set_overrides(overrides)
    for q in questions:
        if f"L{q.row}" in base:
            continue
        addr = f"L{q.row}"
        v = sheet.value(addr)
        k = sheet.value(f"K{q.row}")
        unanswered = (isinstance(v, str) and v.casefold() == BLM_DIISI.casefold()) or (
            isinstance(v, ExcelError) and (k is None or k == "" or (isinstance(k, str)
                                                                    and k.casefold() == BLM_DIISI.casefold())))
        if unanswered:
            overrides[addr] = 0.0
    sheet.set_overrides({})
    return overrides


def _canon_formula(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def _compare_formulas(sheet: Sheet, reference: dict[str, Any]) -> list[str]:
    out = []
    for addr, ref_formula in reference.items():
        mine = sheet.formula_text.get(addr)
        if mine is None:
            if addr in sheet.constants and sheet.constants[addr] not in (None, ""):
                out.append(f"Sel {addr}: rumus LKE resmi diganti nilai tetap {sheet.constants[addr]!r}.")
            elif addr not in sheet.constants:
                out.append(f"Sel {addr}: rumus LKE resmi hilang.")
        elif _canon_formula(mine) != _canon_formula(ref_formula):
            out.append(f"Sel {addr}: rumus berbeda dari LKE resmi ({mine[:60]} ≠ {ref_formula[:60]}).")
    return out


def formula_check(formula: str) -> bool:
    try:
        parse_formula(formula)
    except SyntaxError:
        return False
    return True


def score_lke(path: str | Path, *, evaluator: bool = False) -> LkeResult:
    """Score an LKE ZI workbook: the official format, or our own ``lke-zi`` template.

    ``evaluator=True`` scores the evaluator's answers (a column headed "Jawaban
    Evaluator"/"Jawaban Penilai" when the file has one) instead of the unit's.
    """
    p = Path(path)
    cells, name = _load_any(p)
    if cells is None:
        cells = read_template_answers(p, evaluator=evaluator)
        unit = str(cells.pop("_unit", "") or "")
        return score_cells(cells, path=str(p), source="templat", unit=unit, sheet_name=LKE_SHEET)
    if evaluator:
        cells = _evaluator_cells(cells, p, name)
    try:
        return score_cells(cells, path=str(p), source="lke-resmi", unit="", sheet_name=name,
                           reference=reference_formulas())
    except RecursionError as exc:  # a chain of thousands of cells referring to each other
        raise UnreadableInputError("rumus saling merujuk terlalu dalam untuk dihitung; file ditolak.",
                                   path=p, sheet=name) from exc


def _load_any(p: Path) -> tuple[dict[str, Any] | None, str]:
    try:
        cells, name = load_lke_cells(p)
    except WrongKindError:
        return None, ""
    if str(cells.get("K2", "")).strip() != "Jawaban":
        return None, name
    return cells, name


EVALUATOR_HEADERS = ("jawaban evaluator", "jawaban penilai", "jawaban tpi", "jawaban tpn")


def _evaluator_cells(cells: dict[str, Any], path: Path, sheet: str) -> dict[str, Any]:
    col = None
    for addr, v in cells.items():
        c, r = column_and_row(addr)
        if r <= 3 and normalize_header(v) in EVALUATOR_HEADERS:
            col = c
            break
    if col is None:
        raise UnreadableInputError("kolom 'Jawaban Evaluator' tidak ditemukan di baris judul; tambahkan kolom "
                                   "itu atau nilai tanpa --penilai.", path=path, sheet=sheet)
    out = dict(cells)
    for addr in list(cells):
        c, r = column_and_row(addr)
        if c == "K" and r > 3 and not (isinstance(cells[addr], str) and cells[addr].startswith("=")):
            out.pop(addr)
    for addr, v in cells.items():
        c, r = column_and_row(addr)
        if c == col and r > 3 and not (isinstance(out.get(f"K{r}"), str) and str(out.get(f"K{r}")).startswith("=")):
            out[f"K{r}"] = v
    return out
