"""The rules engine: every check the schemas declare, one finding per problem at its cell.

``validate_path(path)`` opens a unit's workbook (read-only, never evaluated) with
``toolkit.workbook.open_workbook`` and returns a :class:`Report`:

- structure: missing sheets and columns, unknown columns, empty required sheets,
  hidden and very hidden sheets, merged cells in the data body;
- Identitas: required fields, NIP of 18 digits, year, list values;
- every cell: required (``WAJIB``), type (``TIPE``, from ``Record.problems``),
  dropdown values with case/space tolerance and a "did you mean" (``PILIHAN``),
  minimum/maximum and percent 0–100 (``RENTANG``);
- untrusted content: formula cells (``FORMULA``, found in the sheet XML because
  calamine only returns cached values) and formula-like text (``INJEKSI-FORMULA``);
- every cross-field check of the workbook's kind (``toolkit.kinds``: each check carries
  its rule and the generic findings it supersedes).

A sheet whose XML part is larger than ``STREAM_THRESHOLD_BYTES`` is not loaded: its
rows are streamed from the XML (``toolkit.workbook.xmlscan``) each time a check
iterates them, so 1,000,000 rows validate in bounded memory.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from toolkit.errors import UnreadableInputError, debug_detail
from toolkit.kinds.model import Check
from toolkit.kinds.registry import get_kind, kind_key, kinds_with, require_capability
from toolkit.schemas.coerce import clean_text
from toolkit.schemas.common import LISTS_SHEET
from toolkit.schemas.model import Column, ColumnType, Rule, SheetSpec, WorkbookSchema
from toolkit.validation import report as R
from toolkit.validation.broadcast import run_shared_pass
from toolkit.validation.report import Finding, Report
from toolkit.validation.util import quote, suggest
from toolkit.workbook.cells import cell_address, row_and_column
from toolkit.workbook.opening import RecordStream, open_workbook
from toolkit.workbook.preflight import CheckedWorkbook, check_workbook
from toolkit.workbook.reader import Record, SheetData, WorkbookData
from toolkit.workbook.xmlscan import (
    FormulaCell,
    formula_cells,
    sheet_parts,
)

T = ColumnType
STREAM_THRESHOLD_BYTES = 64 * 1024 * 1024  # sheet XML size; calamine needs ~2x this in memory
MAX_FINDINGS = 200_000

_INJECTION = re.compile(
    r"""^\s*(?:
        =.                                   # any text starting with '=' (Excel would evaluate it)
      | [+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(   # +HYPERLINK(  -SUM(  @cmd(
      | [+\-@=].*\|                          # DDE: +cmd|' /C calc'!A0
      | [+\-@]\s*'?[A-Za-z_][A-Za-z0-9_. ]*'?!\s*\$?[A-Z]{1,3}\$?\d  # +Sheet1!A1
    )""", re.X | re.S)


def looks_like_formula(text: object) -> bool:
    """Text a spreadsheet would run as a formula if it were typed in (CSV/formula injection)."""
    return isinstance(text, str) and bool(_INJECTION.match(text))


def validate_path(path: str | Path, expected_kind: str | None = None, *,
                  stream_threshold: int = STREAM_THRESHOLD_BYTES) -> Report:
    """Validate one workbook file. Raises UnreadableInputError / WrongKindError."""
    checked = check_workbook(path)  # once: the form recognition and the reading reuse it
    form_report = _validate_form(path, expected_kind, checked)
    if form_report is not None:
        return form_report
    data = open_workbook(path, kind=expected_kind, stream_threshold=stream_threshold, checked=checked)
    return validate_data(data, formulas=scan_formulas(data.path))


def _validate_form(path: str | Path, expected_kind: str | None, checked: CheckedWorkbook) -> Report | None:
    """A kind whose workbook is a fixed form (``form`` capability) validates the file itself."""
    for kind in kinds_with("form"):
        if expected_kind is not None and kind_key(expected_kind) != kind.name:
            continue
        assert kind.form is not None
        if kind.form.recognise(path, checked=checked):
            return kind.form.validate(path)  # type: ignore[no-any-return]
    return None


def scan_formulas(path: Path) -> list[FormulaCell]:
    """Every formula cell of the workbook, found in the sheet XML (calamine returns cached values only)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return [fc for part in sheet_parts(zf) for fc in formula_cells(zf, part)]
    except (OSError, zipfile.BadZipFile, KeyError):
        return []
    except Exception as exc:  # broken XML in a part calamine did not need
        raise UnreadableInputError(f"struktur workbook rusak{debug_detail(exc)}.", path=path) from exc


# --- the checks ------------------------------------------------------------------------

class _Collector:
    def __init__(self, report: Report, limit: int) -> None:
        self.report = report
        self.limit = limit

    def add(self, finding: Finding) -> None:
        if len(self.report.findings) < self.limit:
            self.report.findings.append(finding)
        else:
            self.report.omitted += 1

    def extend(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.add(f)


def validate_data(data: WorkbookData, *, formulas: list[FormulaCell] | None = None,
                  max_findings: int = MAX_FINDINGS, analysis: Any = None, as_of: dt.date | None = None) -> Report:
    """Every finding for already-read workbook data (formula cells are scanned from data.path).

    A kind whose checks use its analysis (the inspectorate kinds) gets ``analysis`` when the
    caller already computed it, else the kind's analysis as of ``as_of`` is computed here, once.
    """
    schema = data.schema
    report = Report(path=data.path, kind=schema.kind, version=data.version,
                    sheet_names={k: s.name for k, s in data.sheets.items()})
    out = _Collector(report, max_findings)
    if formulas is None:
        formulas = scan_formulas(data.path) if data.path and Path(data.path).is_file() else []
    out.extend(_structure(data))
    out.extend(_identitas(data))
    kind = get_kind(schema)
    superseded = kind.superseded()  # generic findings a check of this kind reports more precisely
    counts: dict[str, int] = {}
    streamed: dict[str, Iterable[Record]] = {
        k: s.records for k, s in data.sheets.items() if isinstance(s.records, RecordStream)}

    def check_batch(key: str, records: Iterable[Record]) -> None:
        spec = data.sheets[key].layout.spec
        plan = _record_plan(spec, superseded, key)  # once per sheet, not per record
        n = 0
        for rec in records:
            n += 1
            found = _check_planned(rec, plan, schema)
            if found:
                out.extend(found)
        counts[key] = counts.get(key, 0) + n

    for key, sheet in data.sheets.items():
        if key not in streamed:
            check_batch(key, sheet.records)
    schema_sheets = {s.name for s in data.sheets.values()} | {data.identitas.sheet_name or ""}
    out.extend(_formula_findings(formulas, schema_sheets))
    if analysis is None and any(c.uses_analysis for c in kind.checks):
        analysis = require_capability(kind, "inspection").analyse(data, as_of=as_of)
    rules = [(c.rule, _bound(c, analysis)) for c in kind.checks]
    failures: list[tuple[Any, BaseException]] = []
    if streamed:  # huge sheets: one shared pass for the per-cell checks and every rule
        found, omitted = run_shared_pass(data, streamed, rules, check_batch,
                                         lambda rule, exc: failures.append((rule, exc)), cap=max_findings)
        out.extend(found)
        report.omitted += omitted
    else:
        for rule, impl in rules:
            try:
                out.extend(impl(data, rule))
            except Exception as exc:  # one broken rule must not hide every other finding
                failures.append((rule, exc))
    for rule, error in failures:
        out.add(Finding(R.ATURAN_GAGAL, "error", "", "", None, None, rule.id,
                        f"Aturan {rule.id} gagal dijalankan ({type(error).__name__}: {error}); workbook tidak "
                        "diperiksa penuh. Laporkan ke tim toolkit beserta file ini."))
    for key, sheet in data.sheets.items():
        spec = sheet.layout.spec
        report.rows_checked += counts.get(key, 0)
        if counts.get(key, 0) == 0 and spec.required_rows:
            out.add(Finding(R.SHEET_KOSONG, "error", sheet.name, cell_address(spec.first_data_row, 1),
                            spec.first_data_row, None, None,
                            f"Sheet '{sheet.name}' belum berisi data. Isi minimal satu baris mulai baris "
                            f"{sheet.layout.header_row + 1}."))
    report.sort()
    return report


def _bound(check: Check, analysis: Any) -> Callable[[WorkbookData, Rule], Iterable[Finding]]:
    """``check`` as the engine calls a rule: (data, rule) -> findings, with the analysis passed in."""
    if not check.uses_analysis:
        return check.run
    return lambda data, rule: check.run(data, rule, analysis)


def _structure(data: WorkbookData) -> Iterator[Finding]:
    for spec in data.missing_sheets:
        yield Finding(R.SHEET_HILANG, "error", spec.name, "", None, None, None,
                      f"Sheet '{spec.name}' tidak ada. Jangan menghapus atau mengganti nama sheet templat; "
                      f"salin sheet '{spec.name}' dari templat {data.schema.kind} "
                      "terbaru.")
    if data.identitas.sheet_name is None:
        yield Finding(R.SHEET_HILANG, "error", "Identitas", "", None, None, None,
                      "Sheet 'Identitas' tidak ada. Salin sheet Identitas dari templat lalu isi data unit.")
    known = {data.schema.version, *data.schema.renamed_columns}
    if data.version not in known:
        yield Finding(R.VERSI_SKEMA, "warning", "Identitas", data.identitas.cells.get("versi_skema", ""), None,
                      "Versi Skema", data.version,
                      f"Versi Skema '{data.version}' tidak dikenal untuk {data.schema.kind} (yang dikenal: "
                      f"{', '.join(sorted(known))}); workbook dibaca menurut versi {data.schema.version}. "
                      f"Pakai templat {data.schema.kind} terbaru.")
    for key, sheet in data.sheets.items():
        layout = sheet.layout
        spec = layout.spec
        for col in layout.missing:
            where = cell_address(layout.header_row, spec.column_keys().index(col.key) + 1)  # template position
            yield Finding(R.KOLOM_HILANG, "error", sheet.name, where, layout.header_row, col.header, None,
                          f"Kolom '{col.header}' tidak ditemukan di baris judul (baris {layout.header_row}). "
                          "Kembalikan judul kolom seperti di templat; jangan menghapus atau mengganti "
                          "nama kolom.")
        for c, text in layout.unknown:
            yield Finding(R.KOLOM_TIDAK_DIKENAL, "error", sheet.name, cell_address(layout.header_row, c + 1),
                          layout.header_row, text, text,
                          f"Kolom '{text}' tidak dikenal templat {data.schema.kind}; isinya tidak diperiksa "
                          "(rekap menyalinnya apa adanya). Hapus kolom tambahan ini atau pindahkan isinya "
                          "ke Keterangan.")
        yield from _merged_findings(data, key, sheet)
    for name, state in data.hidden_sheets:
        if name == LISTS_SHEET and state == "hidden":
            continue  # the template's own dropdown lists may be hidden
        if state == "very hidden":
            yield Finding(R.SHEET_TERSEMBUNYI, "error", name, "", None, None, state,
                          f"Sheet '{name}' disembunyikan sangat dalam (very hidden, hanya bisa lewat makro). "
                          "Isi seperti ini tidak boleh ada di workbook yang dikirim: buka Visual Basic "
                          "Editor, ubah Visible menjadi xlSheetVisible, periksa isinya, lalu hapus bila "
                          "tidak diperlukan.")
        else:
            yield Finding(R.SHEET_TERSEMBUNYI, "error", name, "", None, None, state,
                          f"Sheet '{name}' disembunyikan. Tampilkan (klik kanan tab > Unhide) dan pastikan "
                          "isinya memang perlu dikirim (data di sheet tersembunyi tidak diperiksa), lalu hapus "
                          "atau tampilkan sheet itu.")


def _merged_findings(data: WorkbookData, key: str, sheet: SheetData) -> Iterator[Finding]:
    layout = sheet.layout
    spec = layout.spec
    by_index = {c: k for k, c in layout.columns.items()}
    for text in data.merged_ranges.get(sheet.name, []):
        first, _, last = text.partition(":")
        try:
            r0, c0 = row_and_column(first)
            r1, c1 = row_and_column(last)
        except ValueError:
            continue
        if r1 <= layout.header_row:
            continue  # title and header rows may be merged
        keys = [by_index.get(c - 1) for c in range(c0, c1 + 1)]
        single_fill_down = c0 == c1 and keys[0] is not None and spec.column(keys[0]).fill_down
        if single_fill_down:
            continue  # a grouped column (Area Perubahan, Tingkat Risiko) may be merged
        header = spec.column(keys[0]).header if keys[0] else None
        yield Finding(R.SEL_GABUNG, "warning", sheet.name, first, r0, header, text,
                      f"Sel {text} digabung (merge) di area data. Pisahkan gabungan (Merge & Center > "
                      "Unmerge Cells) dan isi setiap baris, agar data dapat disaring dan direkap dengan benar.")


_IDENTITAS_RULE = {"kepala_nip": R.IDENTITAS_NIP, "tahun": R.IDENTITAS_TAHUN}


def _identitas(data: WorkbookData) -> Iterator[Finding]:
    ident = data.identitas
    if ident.sheet_name is None:
        return
    sheet = ident.sheet_name
    schema = data.schema
    for f in schema.identitas:
        if f.fixed:
            continue
        cell = ident.cells.get(f.key)
        row = row_and_column(cell)[0] if cell else None
        raw = ident.raw.get(f.key)
        if cell is None:
            if f.required:
                yield Finding(R.IDENTITAS_WAJIB, "error", sheet, "", None, f.label, None,
                              f"Baris '{f.label}' tidak ditemukan di sheet Identitas. Kembalikan baris itu "
                              "seperti di templat lalu isi nilainya di kolom B.")
            continue
        if raw is None:
            if f.required:
                yield Finding(R.IDENTITAS_WAJIB, "error", sheet, cell, row, f.label, None,
                              f"{f.label} wajib diisi (sel {cell}). {f.help}".strip())
            continue
        if looks_like_formula(raw):
            yield _injection(sheet, cell, row, f.label, raw)
        problem = ident.problems.get(f.key)
        if problem is None:
            continue
        rule_id = _IDENTITAS_RULE.get(f.key)
        if rule_id is None:
            rule_id = R.PILIHAN if problem.problem == "choice" else R.TIPE
        if rule_id == R.PILIHAN:
            msg = _choice_message(f.label, raw, schema.choices(f.list_name), None)
        elif rule_id == R.IDENTITAS_NIP:
            msg = (f"{f.label} {quote(raw)} tidak sah: {problem.message}. Tulis 18 angka sebagai teks "
                   "(format sel Text, atau awali dengan tanda petik ').")
        elif rule_id == R.IDENTITAS_TAHUN:
            msg = f"{f.label} {quote(raw)} tidak sah: {problem.message}."
        else:
            msg = f"{f.label} {quote(raw)} tidak sah: {problem.message}."
        yield Finding(rule_id, "error", sheet, cell, row, f.label, raw, msg)


def _injection(sheet: str, cell: str, row: int | None, header: str | None, raw: Any) -> Finding:
    return Finding(R.INJEKSI_FORMULA, "error", sheet, cell, row, header, raw,
                   f"Isi sel {quote(raw)} tampak seperti rumus (diawali {str(raw).strip()[0]}) dan bisa "
                   "dijalankan oleh Excel saat dibuka atau direkap (injeksi rumus). Tulis sebagai teks biasa "
                   "tanpa tanda =, +, - atau @ di depan.")


def _formula_findings(formulas: list[FormulaCell], schema_sheets: set[str]) -> Iterator[Finding]:
    """A formula in a data or Identitas sheet is an error (its value cannot be trusted); elsewhere a warning."""
    for fc in formulas:
        shown = "=" + fc.formula if fc.formula else "(rumus bersama)"
        severity: R.Severity = "error" if fc.sheet in schema_sheets else "warning"
        yield Finding(R.FORMULA, severity, fc.sheet, fc.cell, fc.row, None, shown,
                      f"Sel {fc.cell} berisi rumus {shown[:60]}. Toolkit tidak menghitung rumus; yang dibaca "
                      "adalah hasil terakhir yang tersimpan. Ganti dengan nilainya (Copy > Paste Values).")


def _choice_message(header: str, raw: Any, choices: tuple[str, ...], aliases: Any,
                    parts: Iterable[str] | None = None) -> str:
    wrong = list(parts) if parts else [clean_text(raw)]
    hints = []
    for w in wrong:
        s = suggest(w, choices, aliases)
        if s:
            hints.append(f"maksud Anda \"{s}\" untuk {quote(w)}?")
    listed = ", ".join(choices[:8]) + (", …" if len(choices) > 8 else "")
    return (f"{header} {', '.join(quote(w) for w in wrong)} tidak ada dalam daftar pilihan"
            + (f"; {' '.join(hints)}" if hints else ".") + f" Pilih dari dropdown ({listed}).")


def check_record(rec: Record, spec: SheetSpec, schema: WorkbookSchema,
                 superseded: set[tuple[str, str, str]] = frozenset(),  # type: ignore[assignment]
                 sheet_key: str | None = None) -> list[Finding]:
    """Generic per-cell checks of one record: WAJIB, TIPE, PILIHAN, RENTANG, INJEKSI-FORMULA."""
    return _check_planned(rec, _record_plan(spec, superseded, sheet_key or spec.key), schema)


_FORMULA_START = frozenset("=+-@")  # every pattern of _INJECTION starts with one of these after spaces

_Plan = list[tuple[Column, str, bool, bool, bool, bool]]


def _record_plan(spec: SheetSpec, superseded: Iterable[tuple[str, str, str]], key_of_sheet: str) -> _Plan:
    """Per column, what check_record needs, worked out once per sheet:
    (column, key, multi choice?, WAJIB applies?, TIPE superseded?, has a range?)."""
    sup = set(superseded)
    return [(col, col.key, col.type == T.MULTI_CHOICE,
             bool(col.required) and (key_of_sheet, col.key, R.WAJIB) not in sup,
             (key_of_sheet, col.key, R.TIPE) in sup,
             col.type == T.PERCENT or col.minimum is not None or col.maximum is not None)
            for col in spec.columns]


def _check_planned(rec: Record, plan: _Plan, schema: WorkbookSchema) -> list[Finding]:
    found: list[Finding] = []
    cells, values, raws, problems = rec.cells, rec.values, rec.raw, rec.problems
    for col, key, multi, wajib, tipe_superseded, ranged in plan:
        value = values.get(key)
        if value is None and not wajib:
            continue  # most cells of a wide sheet: blank and optional
        cell = cells.get(key)
        if cell is None:
            continue  # the column is missing: reported once as KOLOM-HILANG
        raw = raws.get(key)
        if value is None or (multi and value == () and raw is None):
            if wajib:
                found.append(Finding(R.WAJIB, "error", rec.sheet, cell, rec.row, col.header, None,
                                     f"{col.header} wajib diisi (sel {cell}). {col.help}".strip()))
            continue
        if isinstance(raw, str) and raw and (raw[0] in _FORMULA_START or raw[0].isspace()) \
                and looks_like_formula(raw):
            found.append(_injection(rec.sheet, cell, rec.row, col.header, raw))
        problem = problems.get(key) if problems else None
        if problem is not None:
            if problem.problem == "choice":
                choices = schema.choices(col.list_name)
                aliases = schema.choice_aliases.get(col.list_name or "")
                parts = None
                if multi and problem.message and ":" in problem.message:
                    parts = [p for p in problem.message.split(":", 1)[1].split(";") if p.strip()]
                    parts = [p.strip() for p in parts]
                found.append(Finding(R.PILIHAN, "error", rec.sheet, cell, rec.row, col.header, raw,
                                     _choice_message(col.header, raw, choices, aliases, parts)))
            elif not tipe_superseded:
                found.append(Finding(R.TIPE, "error", rec.sheet, cell, rec.row, col.header, raw,
                                     f"{col.header} {quote(raw)} tidak sah: {problem.message}."
                                     + (f" {col.help}" if col.help else "")))
            continue
        if ranged:
            rng = _range_problem(col.type, value, col.minimum, col.maximum)
            if rng:
                found.append(Finding(R.RENTANG, "error", rec.sheet, cell, rec.row, col.header, raw,
                                     f"{col.header} {quote(raw)} {rng}."))
    return found


def _range_problem(t: ColumnType, value: Any, minimum: float | None, maximum: float | None) -> str | None:
    if t == T.PERCENT:
        minimum = 0 if minimum is None else minimum
        maximum = 100 if maximum is None else maximum
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if minimum is not None and value < minimum:
        return f"di bawah batas minimum {minimum:g}; isi angka {minimum:g} sampai {maximum:g}" \
            if maximum is not None else f"di bawah batas minimum {minimum:g}; isi angka {minimum:g} atau lebih"
    if maximum is not None and value > maximum:
        return f"melebihi batas maksimum {maximum:g}; isi angka {0 if minimum is None else minimum:g} sampai " \
               f"{maximum:g}" + (" (tulis 75, bukan 75%)" if t == T.PERCENT else "")
    return None


__all__ = ["STREAM_THRESHOLD_BYTES", "check_record",
           "looks_like_formula", "validate_data", "validate_path"]
