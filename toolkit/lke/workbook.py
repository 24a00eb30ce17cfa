"""The LKE ZI 2026 form: sheet "Jawaban" laid out exactly as PortalRB's master list says.

Each question sits at its ``excel_baris``: the unit answers in K (answer), L (note) and M
(evidence: a link or a file name), the TPI in N (answer) and Q (note). Beside each question:
its soal_id (A), the criteria (I), the answer type (J) and a dropdown (or a whole-number /
0–4 rule) with the criteria as the input hint; O and P show the value of the unit's and the
TPI's answer, and the sub-area, area and component rows sum them live (AVERAGE × weight as
the 2021 workbook does), so a unit sees its score while filling. Percentages computed from
counts sit on their own row above the counts. Sheets *Petunjuk* and *Identitas* as in every
toolkit workbook ("Jenis Workbook" lke-zi, "Versi Skema" 2026.1).

:func:`read_form` reads a filled form back (recognising it by Identitas or by the soal_ids
in column A) into :class:`LkeForm`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

from toolkit.errors import WrongKindError
from toolkit.lke.master import CHOICE_TYPES, COUNT_TYPE, SHEET, SURVEY_TYPE, Node
from toolkit.lke.score import Derived, Lke2026Model, load_2026_model
from toolkit.schemas.common import IDENTITAS_SHEET, INSTRUCTIONS_SHEET
from toolkit.schemas.lke_zi import KIND
from toolkit.schemas.model import normalize_header
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.cells import XLSX_OPTIONS
from toolkit.workbook.reader import is_blank, open_calamine, read_identitas_raw

VERSION = "2026.1"
HEADER_ROW = 1
COLUMNS = {  # letter → header
    "A": "ID Soal", "B": "No", "C": "Uraian / Pertanyaan", "D": "Area", "E": "Bagian", "F": "Sub-area",
    "G": "Jenis", "H": "Bobot", "I": "Kriteria Penilaian", "J": "Pilihan Jawaban", "K": "Jawaban Unit",
    "L": "Catatan Unit", "M": "Bukti Dukung Unit (tautan/nama file)", "N": "Jawaban TPI", "O": "Nilai Unit",
    "P": "Nilai TPI", "Q": "Catatan TPI",
}
WIDTHS = {"A": 7, "B": 5, "C": 62, "D": 14, "E": 10, "F": 14, "G": 8, "H": 7, "I": 48, "J": 11, "K": 12,
          "L": 30, "M": 36, "N": 12, "O": 9, "P": 9, "Q": 30}
IDENTITAS = (
    ("nama_unit", "Nama Unit Kerja", "Nama lengkap unit, mis. Biro Umum"),
    ("kode_unit", "Kode Unit", "ID unit dari kantor pusat (dipakai PortalRB), mis. UNIT-BKD-001"),
    ("jenis_unit", "Jenis Unit", "Kantor Pusat, Kanwil, KPPN, Balai, OPD, …"),
    ("unit_induk", "Unit Induk", "Unit atasan langsung (boleh kosong)"),
    ("tahun", "Tahun", "Tahun evaluasi, mis. 2026"),
    ("tanggal_pengisian", "Tanggal Pengisian", "Tanggal workbook ini terakhir diisi"),
    ("kepala_nama", "Nama Kepala Unit", ""),
    ("kepala_nip", "NIP Kepala Unit", "18 angka tanpa spasi (ditulis sebagai teks)"),
    ("ketua_tpi", "Ketua TPI", "Nama ketua Tim Penilai Internal yang mereviu"),
)
FIXED = (("jenis_workbook", "Jenis Workbook", KIND), ("versi_skema", "Versi Skema", VERSION))
FORM_COLUMNS = {"unit_answer": "K", "unit_note": "L", "unit_evidence": "M", "tpi_answer": "N", "tpi_note": "Q"}
PART_LABEL = {"pemenuhan": "Pemenuhan", "reform": "Reform", "hasil": "Hasil"}


@dataclass
class Entry:
    soal_id: int
    row: int
    unit_answer: Any = None
    unit_note: Any = None
    unit_evidence: Any = None
    tpi_answer: Any = None
    tpi_note: Any = None

    def as_api(self) -> dict[str, Any]:
        return {"soal_id": self.soal_id, "jawaban_unit": _text(self.unit_answer),
                "jawaban_tpi": _text(self.tpi_answer), "catatan_unit": _text(self.unit_note),
                "bukti_dukung_unit": _text(self.unit_evidence), "catatan_tpi": _text(self.tpi_note)}


def _text(v: Any) -> str | None:
    """A cell as the API's string: None stays None, 12.0 → "12", 3.25 → "3.25", text stripped."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    text = str(v).strip()
    return text or None


@dataclass
class LkeForm:
    path: Path | None
    identitas: dict[str, Any]
    identitas_cells: dict[str, str]
    entries: dict[int, Entry]  # by soal_id
    sheet: str = SHEET
    id_mismatches: list[tuple[int, Any]] = field(default_factory=list)  # (row, value in A) not the soal_id
    columns: dict[str, str] = field(default_factory=lambda: dict(FORM_COLUMNS))  # field → column letter
    model: str = "2026"

    def unit_answers(self) -> dict[int, Any]:
        return {i: e.unit_answer for i, e in self.entries.items()}

    def tpi_answers(self) -> dict[int, Any]:
        return {i: e.tpi_answer for i, e in self.entries.items()}

    @property
    def unit_id(self) -> str:
        return str(self.identitas.get("kode_unit") or "").strip()

    @property
    def unit_name(self) -> str:
        return str(self.identitas.get("nama_unit") or "").strip()


# --- layout --------------------------------------------------------------------------

def node_rows(model: Lke2026Model) -> dict[int, int]:
    """Row of each tree node's label: just above its first item, parents above children."""
    taken = {s.row for s in model.master.soals.values()} | {d.row for d in model.derived}
    first: dict[int, int] = {}

    def first_row(n: Node) -> int:
        rows = [s.row for s in n.soals] + [d.row for d in model.derived_of(n.id)]
        rows += [first_row(c) for c in n.children]
        first[n.id] = min(rows)
        return first[n.id]

    for root in model.master.roots:
        first_row(root)
    out: dict[int, int] = {}

    # chain length: a node whose first item is shared with its first child sits one row higher
    def assign(n: Node) -> None:
        for c in n.children:
            assign(c)
        below = [out[c.id] for c in n.children if first[c.id] == first[n.id] and c.id in out]
        row = (min(below) if below else first[n.id]) - 1
        if row > HEADER_ROW and row not in taken and row not in out.values():
            out[n.id] = row

    for root in model.master.roots:
        assign(root)
    return out


# --- writing -------------------------------------------------------------------------

def build_form(path: str | Path, *, identitas: Mapping[str, Any] | None = None,
               entries: Mapping[int, Mapping[str, Any]] | None = None, overwrite: bool = False,
               model: Lke2026Model | None = None) -> Path:
    """Write the 2026 form (empty, or filled with ``entries``: soal_id → {unit_answer, unit_note, …})."""
    m = model or load_2026_model()
    with atomic_output(path, overwrite=overwrite) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), XLSX_OPTIONS)
        try:
            _write(wb, m, dict(identitas or {}), entries or {})
        finally:
            wb.close()
    return Path(path)


def _write(wb: Any, m: Lke2026Model, ident: dict[str, Any], entries: Mapping[int, Mapping[str, Any]]) -> None:
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    f = {
        "title": wb.add_format({**base, "bold": True, "font_size": 14, "font_color": "#1F4E78"}),
        "header": wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78",
                                 "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}),
        "label": wb.add_format({**base, "bold": True, "border": 1, "bg_color": "#DDEBF7"}),
        "fixed": wb.add_format({**base, "border": 1, "bg_color": "#EDEDED"}),
        "help": wb.add_format({**base, "italic": True, "font_color": "#7F7F7F", "text_wrap": True}),
        "input": wb.add_format({**base, "locked": False, "border": 1, "border_color": "#BFBFBF",
                                "bg_color": "#FFF2CC", "align": "center"}),
        "input_tpi": wb.add_format({**base, "locked": False, "border": 1, "border_color": "#BFBFBF",
                                    "bg_color": "#E2EFDA", "align": "center"}),
        "note": wb.add_format({**base, "locked": False, "border": 1, "border_color": "#BFBFBF", "text_wrap": True}),
        "nip": wb.add_format({**base, "locked": False, "num_format": "@", "border": 1}),
        "text": wb.add_format({**base, "text_wrap": True, "border": 1, "border_color": "#D9D9D9"}),
        "small": wb.add_format({**base, "font_size": 9, "text_wrap": True, "border": 1, "border_color": "#D9D9D9",
                                "font_color": "#404040"}),
        "id": wb.add_format({**base, "font_color": "#7F7F7F", "border": 1, "border_color": "#D9D9D9",
                             "align": "center"}),
        "node": wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "node_num": wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "num_format": "0.00"}),
        "value": wb.add_format({**base, "num_format": "0.00", "border": 1, "border_color": "#D9D9D9",
                                "bg_color": "#F2F2F2"}),
        "pct": wb.add_format({**base, "num_format": "0.0%", "border": 1, "border_color": "#D9D9D9",
                              "bg_color": "#F2F2F2", "align": "center"}),
        "para": wb.add_format({**base, "text_wrap": True}),
    }
    _instructions(wb, f)
    _identitas(wb, f, ident)
    ws = wb.add_worksheet(SHEET)
    for col, header in COLUMNS.items():
        ws.write_string(f"{col}{HEADER_ROW}", header, f["header"])
        ws.set_column(f"{col}:{col}", WIDTHS[col])
    ws.set_column("D:G", None, None, {"level": 1, "hidden": True})
    ws.set_row(0, 30)
    ws.freeze_panes(HEADER_ROW, 3)
    ws.autofilter(0, 0, 0, len(COLUMNS) - 1)
    master = m.master
    placed = node_rows(m)
    # node rows
    for node_id, row in placed.items():
        n = master.nodes[node_id]
        code, _, label = n.name.partition(" ")
        ws.write_string(f"B{row}", code.rstrip("."), f["node"])
        ws.write_string(f"C{row}", label.strip() or n.name, f["node"])
        for col in "ADEFGIJKLMNQ":
            ws.write_blank(f"{col}{row}", None, f["node"])
        ws.write_number(f"H{row}", n.weight, f["node_num"])
        for value_col in "OP":
            ws.write_formula(f"{value_col}{row}", _node_formula(m, n, value_col, placed), f["node_num"])
    # questions
    for s in master.soals.values():
        r = s.row
        node = master.node_of(s)
        e = dict(entries.get(s.id) or {})
        ws.write_number(f"A{r}", s.id, f["id"])
        ws.write_string(f"C{r}", s.text, f["text"])
        ws.write_string(f"D{r}", s.area or "Hasil", f["small"])
        ws.write_string(f"E{r}", PART_LABEL.get(s.part, s.part), f["small"])
        ws.write_string(f"F{r}", node.name, f["small"])
        ws.write_string(f"G{r}", s.type, f["small"])
        if s.weight:
            ws.write_number(f"H{r}", s.weight, f["value"])
        ws.write_string(f"I{r}", s.criteria, f["small"])
        ws.write_string(f"J{r}", s.type_name if s.type != COUNT_TYPE else "Jumlah (angka)", f["small"])
        for col, key, fmt in (("K", "unit_answer", "input"), ("N", "tpi_answer", "input_tpi")):
            _write_answer(ws, f"{col}{r}", e.get(key), f[fmt])
            _validate(ws, f"{col}{r}", s)
        for col, key in (("L", "unit_note"), ("M", "unit_evidence"), ("Q", "tpi_note")):
            v = e.get(key)
            if v is None or v == "":
                ws.write_blank(f"{col}{r}", None, f["note"])
            else:
                ws.write_string(f"{col}{r}", str(v), f["note"])
        if s.type != COUNT_TYPE:
            ws.write_formula(f"O{r}", _value_formula(s, "K", r), f["value"])
            ws.write_formula(f"P{r}", _value_formula(s, "N", r), f["value"])
        ws.set_row(r - 1, 42)
    # derived percentages
    by_id = {s.id: s for s in master.soals.values()}
    for d in m.derived:
        r = d.row
        ws.write_string(f"C{r}", f"Persentase: {d.label}", f["text"])
        ws.write_string(f"J{r}", "% (dihitung)", f["small"])
        for src, dst in (("K", "O"), ("N", "P")):
            ws.write_formula(f"{src}{r}", _derived_formula(d, src, by_id), f["pct"])
            ws.write_formula(f"{dst}{r}", f'=IF({src}{r}="","",{src}{r})', f["value"])
        for col in "LMQ":
            ws.write_blank(f"{col}{r}", None, f["text"])
    ws.protect("", {"autofilter": True, "format_columns": True, "format_rows": True, "sort": False})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.activate()


def _write_answer(ws: Any, cell: str, value: Any, fmt: Any) -> None:
    if value is None or value == "":
        ws.write_blank(cell, None, fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(cell, value, fmt)
    else:
        ws.write_string(cell, str(value), fmt)


def _validate(ws: Any, cell: str, s: Any) -> None:
    hint = s.criteria.replace("\n", " ")
    hint = hint[:250] + ("…" if len(hint) > 250 else "")
    title = {"JUMLAH": "Isi jumlah (angka)", SURVEY_TYPE: "Isi indeks 0–4"}.get(s.type, f"Pilih {s.type_name}")
    common = {"input_title": title[:32], "input_message": hint, "error_type": "stop"}
    if s.type in CHOICE_TYPES:
        ws.data_validation(cell, {"validate": "list", "source": list(s.options),
                                  "error_title": "Jawaban tidak sah",
                                  "error_message": "Pilih salah satu: " + ", ".join(s.options), **common})
    elif s.type == COUNT_TYPE:
        ws.data_validation(cell, {"validate": "integer", "criteria": ">=", "value": 0,
                                  "error_title": "Bukan jumlah",
                                  "error_message": "Isi bilangan bulat 0 atau lebih.", **common})
    elif s.type == SURVEY_TYPE:
        ws.data_validation(cell, {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 4,
                                  "error_title": "Indeks 0–4", "error_message": "Isi angka 0 sampai 4.",
                                  **common})


def _value_formula(s: Any, col: str, r: int) -> str:
    a = f"{col}{r}"
    if s.type == SURVEY_TYPE:
        return f'=IF({a}="","",{a}/4)'
    expr = '""'
    for key, mult in reversed(s.multipliers):
        expr = f'IF({a}="{key}",{_num(mult)},{expr})'
    return f'=IF({a}="","",{expr})'


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _derived_formula(d: Derived, col: str, by_id: dict[int, Any]) -> str:
    cell = {i: f"{col}{by_id[i].row}" for i in (*d.required, *d.numerator, *d.denominator)}
    if d.before:
        cell[d.before] = f"{col}{by_id[d.before].row}"
        cell[d.after or 0] = f"{col}{by_id[d.after or 0].row}"
    blank = "OR(" + ",".join(f'{cell[i]}=""' for i in d.required) + ")"
    if d.formula == "penurunan":
        b, a = cell[d.before or 0], cell[d.after or 0]
        return f'=IF({blank},"",IF(AND({b}=0,{a}=0),1,MAX(0,({b}-{a})/{b})))'
    num = "+".join(cell[i] for i in d.numerator)
    den = "(" + "+".join(cell[i] for i in d.denominator) + ")"
    return f'=IF({blank},"",MIN(1,({num})/{den}))'


def _node_formula(m: Lke2026Model, n: Node, col: str, placed: dict[int, int]) -> str:
    parts = [f"{col}{placed[c.id]}" for c in n.children if c.id in placed]
    items = [s for s in n.soals if s.type != COUNT_TYPE]
    if items and any(s.weight > 0 for s in items):
        weighted = "+".join(f"N({col}{s.row})*{_num(s.weight)}" for s in items)
        cells = ",".join(f"{col}{s.row}" for s in items)
        parts.append(f'IF(COUNT({cells})=0,"",{weighted})')
    elif items or m.derived_of(n.id):
        rows = [s.row for s in items] + [d.row for d in m.derived_of(n.id)]
        cells = ",".join(f"{col}{r}" for r in sorted(rows))
        parts.append(f"AVERAGE({cells})*{_num(n.weight)}")
    return "=" + ("+".join(parts) if parts else "0")


def _instructions(wb: Any, f: dict[str, Any]) -> None:
    ws = wb.add_worksheet(INSTRUCTIONS_SHEET)
    ws.set_column("A:A", 110)
    ws.write_string("A1", "PETUNJUK PENGISIAN — LEMBAR KERJA EVALUASI ZONA INTEGRITAS 2026", f["title"])
    lines = (
        "1. Isi sheet Identitas: nama unit, Kode Unit (ID dari kantor pusat), tahun evaluasi.",
        "2. Sheet Jawaban: untuk setiap pertanyaan isi Jawaban Unit (kolom K, pilih dari daftar), Catatan Unit (L) "
        "dan Bukti Dukung (M: tautan https://… atau nama file). Pertanyaan 'Jumlah' diisi angka.",
        "3. Baris 'Persentase' dihitung sendiri dari jumlah di bawahnya; kolom O menunjukkan nilai jawaban Anda.",
        "4. Tim Penilai Internal (TPI) mengisi Jawaban TPI (kolom N) dan Catatan TPI (kolom Q).",
        "5. Jangan menyisipkan atau menghapus baris: nomor baris dan ID Soal (kolom A) mengikuti daftar soal "
        "PortalRB.",
        "6. Periksa dengan: integritas validasi FILE.xlsx — nilai dengan: integritas nilai FILE.xlsx",
    )
    for i, line in enumerate(lines, start=3):
        ws.write_string(f"A{i}", line, f["para"])


def _identitas(wb: Any, f: dict[str, Any], ident: dict[str, Any]) -> None:
    ws = wb.add_worksheet(IDENTITAS_SHEET)
    ws.set_column("A:A", 24)
    ws.set_column("B:B", 44)
    ws.set_column("C:C", 60)
    ws.write_string("A1", "IDENTITAS UNIT KERJA", f["title"])
    row = 3
    for key, label, hint in IDENTITAS:
        ws.write_string(f"A{row}", label, f["label"])
        v = ident.get(key)
        fmt = f["nip"] if key == "kepala_nip" else f["note"]
        if v is None or v == "":
            ws.write_blank(f"B{row}", None, fmt)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            ws.write_number(f"B{row}", v, fmt)
        else:
            ws.write_string(f"B{row}", str(v), fmt)
        ws.write_string(f"C{row}", hint, f["help"])
        row += 1
    for _key, label, value in FIXED:
        ws.write_string(f"A{row}", label, f["label"])
        ws.write_string(f"B{row}", value, f["fixed"])
        row += 1
    ws.protect("", {"format_columns": True})


# --- reading -------------------------------------------------------------------------

def is_2026_identitas(raw: Mapping[str, tuple[Any, str]]) -> bool:
    kind = raw.get(normalize_header("Jenis Workbook"), (None, ""))[0]
    version = raw.get(normalize_header("Versi Skema"), (None, ""))[0]
    return str(kind or "").strip().casefold() == KIND and str(version or "").strip().startswith("2026")


def read_form(path: str | Path, model: Lke2026Model | None = None) -> LkeForm:
    """Read a filled 2026 form; WrongKindError when the file is not one."""
    m = model or load_2026_model()
    p = Path(path)
    cwb = open_calamine(p)
    try:
        _name, raw = read_identitas_raw(cwb, p)
        names = list(cwb.sheet_names)
        sheet = next((n for n in names if normalize_header(n) == normalize_header(SHEET)), None)
        if sheet is None:
            raise WrongKindError(f"bukan LKE ZI 2026: sheet '{SHEET}' tidak ada (sheet: {', '.join(names)}).",
                                 path=p)
        rows = cwb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        by_row = m.master.by_row()

        def cell(r: int, col: str) -> Any:
            i = ord(col) - ord("A")
            if r - 1 >= len(rows) or i >= len(rows[r - 1]):
                return None
            v = rows[r - 1][i]
            return None if is_blank(v) else v

        ids_ok = sum(1 for r, s in by_row.items() if _same_id(cell(r, "A"), s.id))
        if not is_2026_identitas(raw) and ids_ok < len(by_row) // 2:
            raise WrongKindError("bukan LKE ZI 2026: Identitas tidak menyebut lke-zi versi 2026 dan kolom A "
                                 "sheet Jawaban tidak berisi ID Soal daftar PortalRB.", path=p, sheet=sheet)
        entries: dict[int, Entry] = {}
        mismatches: list[tuple[int, Any]] = []
        for r, s in by_row.items():
            if not _same_id(cell(r, "A"), s.id):
                mismatches.append((r, cell(r, "A")))
            entries[s.id] = Entry(s.id, r, cell(r, "K"), cell(r, "L"), cell(r, "M"), cell(r, "N"), cell(r, "Q"))
        ident: dict[str, Any] = {}
        ident_cells: dict[str, str] = {}
        for key, label, _hint in (*IDENTITAS, *[(k, lbl, "") for k, lbl, _v in FIXED]):
            hit = raw.get(normalize_header(label))
            if hit:
                ident[key], ident_cells[key] = hit
        return LkeForm(p, ident, ident_cells, entries, sheet, mismatches)
    finally:
        cwb.close()


def _same_id(value: Any, soal_id: int) -> bool:
    try:
        return int(float(value)) == soal_id
    except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite number in the cell
        return False
