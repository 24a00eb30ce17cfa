"""Read one unit workbook in a worker process and return a small, picklable summary.

``extract_submission`` runs in a ``ProcessPoolExecutor`` worker. It hashes the file
(sha256, the identity of a submission in the history), reads it with
python-calamine through :func:`toolkit.workbook.open_workbook`, validates it,
computes progress per area and evidence completeness, and *spills* the rows and
findings to a pickle file in a temporary folder. Only the summary travels back to
the parent, so memory stays bounded by one workbook per worker whatever the number
of units; the parent streams the spills into REKAP.xlsx one unit at a time.

Rows are kept **as the unit wrote them** (calamine's raw cell values: text stays
text, numbers numbers, dates dates). Two things are filled in, both visible in the
source workbook: a merged cell's value in every cell it covers, and a grouped
column (``fill_down``, e.g. *Area Perubahan* written once per group) repeated into
the blank cells below it. Columns the template does not know are read too and kept
under their own header, so nothing a unit sent is dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import ToolkitError, WrongKindError, debug_detail
from toolkit.rekap import checks
from toolkit.rekap.checks import FindingRow
from toolkit.schemas import WorkbookSchema
from toolkit.schemas.coerce import is_blank
from toolkit.schemas.model import ColumnType
from toolkit.workbook import open_workbook
from toolkit.workbook.bounds import time_budget
from toolkit.workbook.limits import MAX_CELL_TEXT, LimitError, open_regular, os_reason
from toolkit.workbook.preflight import CheckedWorkbook, check_workbook
from toolkit.workbook.reader import WorkbookData

READ_OK = "terbaca"
READ_FAILED = "tidak-terbaca"


@dataclass
class Submission:
    """What the parent needs to know about one file (no rows: those are in ``spill``)."""

    path: str
    sha256: str
    size: int
    mtime: float
    read_status: str = READ_OK
    reason: str = ""
    kind: str = ""
    version: str = ""
    schema_version: str = ""
    identitas: dict[str, Any] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)  # sheet key -> rows
    renamed: list[str] = field(default_factory=list)  # "Rencana Kerja: 'Capaian (%)' → Progres (%)"
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)  # sheet key -> headers
    missing_columns: dict[str, list[str]] = field(default_factory=dict)
    missing_sheets: list[str] = field(default_factory=list)
    n_errors: int = 0
    n_warnings: int = 0
    findings_source: str = ""
    progress: dict[str, float] = field(default_factory=dict)  # area -> mean progress (%)
    progress_total: float | None = None
    evidence_pct: float | None = None
    evidence_source: str = ""
    score: float | None = None
    score_label: str = ""
    score_definition: str = ""
    spill: str = ""
    # the preflight result of the identification pass, handed to the full read so that the
    # file is inflated and measured once per run (reused only while the file is unchanged)
    checked: CheckedWorkbook | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def kode_unit(self) -> Any:
        return self.identitas.get("kode_unit")

    @property
    def nama_unit(self) -> Any:
        return self.identitas.get("nama_unit")

    @property
    def tanggal_pengisian(self) -> dt.date | None:
        value = self.identitas.get("tanggal_pengisian")
        return value if isinstance(value, dt.date) else None

    @property
    def rows_total(self) -> int:
        return sum(self.row_counts.values())


@dataclass
class SheetRows:
    """A sheet's rows as written: known columns in schema order, then the unknown ones."""

    columns: list[str]  # column keys present in the file, schema order
    extras: list[str]  # unknown headers, file order
    rows: list[tuple[int, list[Any], list[Any]]]  # (excel row, known values, extra values)


@dataclass
class Spill:
    sheets: dict[str, SheetRows]
    findings: list[FindingRow]
    evidence_missing: list[str]


def sha256_of(path: Path) -> str:
    """sha256 of a regular file, read by handle (a FIFO or device is refused, never read)."""
    fd, _st = open_regular(path)
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def progress_columns(schema: WorkbookSchema) -> tuple[str, str, str] | None:
    """(sheet key, group column, percent column) for "progress per area", if the kind has them."""
    spec = schema.sheet(schema.main_sheet or schema.sheets[0].key)
    group = next((c for c in spec.columns if c.list_name == "area_perubahan"), None) or next(
        (c for c in spec.columns if c.type == ColumnType.CHOICE and c.fill_down), None)
    percent = next((c for c in spec.columns if c.type == ColumnType.PERCENT), None)
    if group is None or percent is None:
        return None
    return spec.key, group.key, percent.key


def progress_groups(schema: WorkbookSchema) -> tuple[str, ...]:
    cols = progress_columns(schema)
    if cols is None:
        return ()
    return schema.choices(schema.sheet(cols[0]).column(cols[1]).list_name)


def _plain(value: Any) -> Any:
    """Identitas values made picklable and comparable (Frequency etc. → text)."""
    if value is None or isinstance(value, (str, int, float, bool, dt.date)):
        return value
    if hasattr(value, "label"):
        return value.label()
    return str(value)


def _rows_of(data: WorkbookData, spill_extras: dict[str, dict[int, list[Any]]]) -> dict[str, SheetRows]:
    out: dict[str, SheetRows] = {}
    for key, sheet in data.sheets.items():
        layout = sheet.layout
        cols = [c for c in layout.spec.columns if c.key in layout.columns]
        keys = [c.key for c in cols]
        extras = [h for _c, h in layout.unknown]
        extra_rows = spill_extras.get(key, {})
        last: dict[str, Any] = {}
        rows: list[tuple[int, list[Any], list[Any]]] = []
        seen_rows: set[int] = set()
        fill = [(i, c.key) for i, c in enumerate(cols) if c.fill_down]
        for rec in sheet.records:
            raw = rec.raw
            values = [raw.get(k) for k in keys]
            for i, k in fill:
                v = values[i]
                if v is None:
                    values[i] = last.get(k)
                else:
                    last[k] = v
            rows.append((rec.row, values, extra_rows.get(rec.row, [None] * len(extras))))
            seen_rows.add(rec.row)
        # rows that hold data only in columns the template does not know
        for r, ev in extra_rows.items():
            if r not in seen_rows and any(v is not None for v in ev):
                rows.append((r, [None] * len(keys), ev))
        rows.sort(key=lambda t: t[0])
        out[key] = SheetRows(keys, extras, rows)
    return out


def _unknown_values(data: WorkbookData, all_rows: dict[str, list[tuple[int, list[Any]]]]
                    ) -> dict[str, dict[int, list[Any]]]:
    """excel row -> values of the unknown columns, per sheet key (from the rows the reader already loaded)."""
    out: dict[str, dict[int, list[Any]]] = {}
    for key, sheet in data.sheets.items():
        layout = sheet.layout
        if not layout.unknown:
            continue
        idx = [c for c, _h in layout.unknown]
        rows: dict[int, list[Any]] = {}
        for r, row in all_rows.get(key, []):
            if r < layout.header_row:
                continue
            values = [None if c >= len(row) or is_blank(row[c]) else row[c] for c in idx]
            if any(v is not None for v in values):
                rows[r + 1] = values
        out[key] = rows
    return out


def identify_submission(path: str) -> Submission:
    """:func:`_identify` within the file's time budget (``bounds.time_budget``)."""
    expired = False
    try:
        with time_budget(path) as budget:
            sub = _identify(path)
            expired = budget.expired  # also when a catch-all below swallowed the timer's error
    except LimitError as exc:
        return Submission(str(path), "", 0, 0.0, READ_FAILED, exc.message)
    if expired:
        sub.read_status, sub.reason = READ_FAILED, budget.message
    return sub


def _identify(path: str) -> Submission:
    """What :func:`toolkit.rekap.merge.resolve` needs about a file, read quickly (Identitas and the
    header rows only): kind, version, Identitas values, unknown columns. No sha256, no rows.

    Used to decide, before the files are fully read, which file of which unit will be
    written to REKAP.xlsx and in what order, so that writing can start while the
    workers are still reading; the full read then confirms it.
    """
    p = Path(path)
    try:
        st = p.stat()
        sub = Submission(str(p), "", st.st_size, st.st_mtime)
    except OSError as exc:
        return Submission(str(p), "", 0, 0.0, READ_FAILED, f"file tidak dapat dibuka: {os_reason(exc)}.")
    try:
        checked = check_workbook(p)
        sub.checked = checked
        head = open_workbook(p, header_only=True, checked=checked)
        sub.kind, sub.version, sub.schema_version = head.schema.kind, head.version, head.schema.version
        sub.identitas = {k: _plain(v) for k, v in head.identitas.values.items()}
        for key, sheet in head.sheets.items():
            if sheet.layout.unknown:
                sub.unknown_columns[key] = [h for _c, h in sheet.layout.unknown]
    except ToolkitError as exc:  # the full read gives the reason that is reported; this one is Indonesian too
        sub.read_status, sub.reason = READ_FAILED, exc.message
    except Exception as exc:
        sub.read_status = READ_FAILED
        sub.reason = f"workbook tidak dapat dikenali (isinya rusak atau bukan templat toolkit){debug_detail(exc)}."
    return sub


def identify_many(paths: list[str]) -> list[Submission]:
    """:func:`identify_submission` for a batch of files (one task for a worker process)."""
    return [identify_submission(p) for p in paths]


def extract_submission(path: str, spill_dir: str, *, evidence_root: str | None = None,
                       as_of: dt.date | None = None, checked: CheckedWorkbook | None = None) -> Submission:
    """Read, validate and summarise one file. Never raises for a bad file: the reason is returned.

    ``checked``: the preflight of :func:`identify_submission` for this path (reused only while
    the file is unchanged, see :func:`toolkit.workbook.reader.open_calamine`). The whole read is
    within the file's time budget (``bounds.time_budget``): past it the file is unreadable, with
    the line that says so."""
    expired = False
    try:
        with time_budget(path) as budget:
            sub = _extract(path, spill_dir, evidence_root=evidence_root, as_of=as_of, checked=checked)
            expired = budget.expired  # also when a catch-all below swallowed the timer's error
    except LimitError as exc:
        return Submission(str(path), "", 0, 0.0, READ_FAILED, exc.message)
    if expired:
        sub.read_status, sub.reason = READ_FAILED, budget.message
    return sub


def _extract(path: str, spill_dir: str, *, evidence_root: str | None, as_of: dt.date | None,
             checked: CheckedWorkbook | None) -> Submission:
    p = Path(path)
    try:
        st = p.stat()
        sub = Submission(str(p), sha256_of(p), st.st_size, st.st_mtime)
    except OSError as exc:
        return Submission(str(p), "", 0, 0.0, READ_FAILED, f"file tidak dapat dibuka: {os_reason(exc)}.")
    except ToolkitError as exc:  # not a regular file (FIFO, folder named x.xlsx, device)
        return Submission(str(p), "", 0, 0.0, READ_FAILED, exc.message)
    try:
        data = open_workbook(p, keep_rows=True, checked=checked)
        all_rows = data.rows
    except WrongKindError as exc:
        sub.read_status, sub.reason = READ_FAILED, exc.message
        return sub
    except ToolkitError as exc:
        sub.read_status, sub.reason = READ_FAILED, exc.message
        return sub
    except Exception as exc:  # a crafted file must not stop the whole recap
        sub.read_status = READ_FAILED
        sub.reason = f"workbook tidak dapat dibaca (isinya rusak){debug_detail(exc)}."
        return sub
    try:
        _summarise(sub, data, all_rows, Path(spill_dir), evidence_root, as_of)
    except Exception as exc:
        sub.read_status = READ_FAILED
        sub.reason = ("galat internal saat merekap file ini; file lain tetap direkap. Jalankan ulang dengan "
                      f"INTEGRITAS_DEBUG=1 untuk rincian dan laporkan ke tim toolkit{debug_detail(exc)}.")
    return sub


def _summarise(sub: Submission, data: WorkbookData, all_rows: dict[str, list[tuple[int, list[Any]]]],
               spill_dir: Path, evidence_root: str | None, as_of: dt.date | None) -> None:
    schema = data.schema
    sub.kind = schema.kind
    sub.version = data.version
    sub.schema_version = schema.version
    sub.identitas = {k: _plain(v) for k, v in data.identitas.values.items()}
    sub.missing_sheets = [s.name for s in data.missing_sheets]
    for key, sheet in data.sheets.items():
        layout = sheet.layout
        for old, col_key in layout.renamed.items():
            sub.renamed.append(f"{layout.name}: '{old}' → {layout.spec.column(col_key).header}")
        if layout.unknown:
            sub.unknown_columns[key] = [h for _c, h in layout.unknown]
        if layout.missing:
            sub.missing_columns[key] = [c.header for c in layout.missing]
    try:
        findings, source = checks.validate(data)
    except Exception as exc:
        findings, source = [FindingRow("VALIDASI-GAGAL", "error", "", "",
                                       "validasi gagal dijalankan pada file ini (galat internal; jalankan ulang "
                                       f"dengan INTEGRITAS_DEBUG=1 untuk rincian){debug_detail(exc)}.")], "gagal"
    findings = list(findings) + _long_texts(data)
    sub.findings_source = source
    sub.n_errors = sum(1 for f in findings if f.severity == "error")
    sub.n_warnings = len(findings) - sub.n_errors
    cols = progress_columns(schema)
    if cols is not None:
        sheet_key, group_key, pct_key = cols
        column = schema.sheet(sheet_key).column(pct_key)
        low = 0.0 if column.minimum is None else float(column.minimum)
        high = 100.0 if column.maximum is None else float(column.maximum)
        sums: dict[str, list[float]] = {}
        all_values: list[float] = []
        for rec in data.records(sheet_key):
            group, pct = rec.values.get(group_key), rec.values.get(pct_key)
            if pct_key in rec.problems or not isinstance(pct, (int, float)) or isinstance(pct, bool):
                continue
            if not low <= pct <= high:  # outside the column's range: a RENTANG finding, not a progress
                continue
            all_values.append(float(pct))
            if isinstance(group, str) and group_key not in rec.problems:
                sums.setdefault(group, []).append(float(pct))
        sub.progress = {g: round(sum(v) / len(v), 1) for g, v in sums.items()}
        sub.progress_total = round(sum(all_values) / len(all_values), 1) if all_values else None
    evidence_dir = _evidence_dir(evidence_root, sub)
    ev = checks.evidence(data, evidence_dir, as_of=as_of)
    sub.evidence_pct, sub.evidence_source = ev.completeness, ev.source
    scored = checks.score_of(data, as_of=as_of)
    sub.score, sub.score_label, sub.score_definition = scored.value, scored.label, scored.definition
    sheets = _rows_of(data, _unknown_values(data, all_rows))
    del all_rows
    sub.row_counts = {k: len(s.rows) for k, s in sheets.items()}
    spill = spill_dir / f"{sub.sha256[:16]}-{os.getpid()}-{abs(hash(sub.path)) % 10**8}.pkl"
    with spill.open("wb") as fh:
        pickle.dump(Spill(sheets, findings, ev.missing), fh, protocol=pickle.HIGHEST_PROTOCOL)
    sub.spill = str(spill)


def _long_texts(data: WorkbookData) -> list[FindingRow]:
    """A cell text longer than an Excel cell holds is reported: REKAP.xlsx can only keep its start."""
    out: list[FindingRow] = []
    for sheet in data.sheets.values():
        for rec in sheet.records:
            for key, raw in rec.raw.items():
                if isinstance(raw, str) and len(raw) > MAX_CELL_TEXT:
                    out.append(FindingRow(
                        "TEKS-TERLALU-PANJANG", "warning", sheet.layout.name, rec.cells.get(key, ""),
                        f"teks {len(raw):,} karakter melebihi batas sel Excel {MAX_CELL_TEXT:,} karakter; ".replace(",", ".")
                        + "di REKAP hanya awalnya yang tertulis (teks lengkap ada di workbook unit).", raw[:200]))
    return out


def _evidence_dir(root: str | None, sub: Submission) -> Path | None:
    """<root>/<Kode Unit>/ or <root>/<file stem>/ when --bukti is given; else a 'bukti' folder beside the file."""
    candidates = []
    if root:
        base = Path(root).resolve()
        if sub.kode_unit:
            candidates.append(base / str(sub.kode_unit).strip())
        candidates.append(base / Path(sub.path).stem)
        # the Kode Unit comes from the unit's own file: "../LAIN" or "/etc" must not lead outside --bukti
        candidates = [c for c in candidates if c.resolve().is_relative_to(base) and c.resolve() != base]
    else:
        candidates.append(Path(sub.path).parent / f"{Path(sub.path).stem}_bukti")
    return next((c for c in candidates if c.is_dir()), None)


def load_spill(path: str) -> Spill:
    with open(path, "rb") as fh:
        spill = pickle.load(fh)
    assert isinstance(spill, Spill)
    return spill
