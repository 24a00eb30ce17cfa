"""One pass over a workbook of an inspectorate kind: the computed results and their findings.

``analyse_bos``, ``analyse_gifts`` and ``analyse_risks`` take a :class:`WorkbookData` and return
the per-row results (taxes, gift decisions, risk levels) with :class:`Finding` objects whose rule
ids are those declared in the kinds' schemas. The validation plug-ins
(``toolkit.inspectorate.validation_rules``), the CLI and the result sheets all use these, so
a button, the terminal and a test see the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from toolkit.indonesian import format_value
from toolkit.inspectorate import gifts as gf
from toolkit.inspectorate import risk as rk
from toolkit.inspectorate import taxes as tx
from toolkit.schemas.model import SheetSpec, WorkbookSchema
from toolkit.validation.report import Finding
from toolkit.workbook.reader import Record, WorkbookData


def _severity(schema: WorkbookSchema, rule_id: str) -> Any:
    r = schema.rule(rule_id)
    return r.severity if r else "error"


def _finding(data: WorkbookData, sheet_key: str, rec: Record | None, column: str | None, rule_id: str,
             value: Any, message: str) -> Finding:
    spec: SheetSpec = data.schema.sheet(sheet_key)
    sheet_name = data.sheets[sheet_key].name if sheet_key in data.sheets else spec.name
    header = spec.column(column).header if column else None
    cell = rec.cells.get(column, "") if (rec is not None and column) else ""
    return Finding(rule_id, _severity(data.schema, rule_id), sheet_name, cell, rec.row if rec else None,
                   header, value, message)


def _usable(rec: Record, keys: tuple[str, ...]) -> bool:
    """All of ``keys`` present and typed (generic validation reports blanks and type errors)."""
    return all(rec.values.get(k) is not None and k not in rec.problems for k in keys)


# --- BOS -------------------------------------------------------------------------------------

@dataclass
class BosAnalysis:
    rows: list[tuple[Record, tx.TaxResult]]
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # where seed 003 and the regulation applied differ

    def totals(self) -> dict[str, int]:
        out = {k: 0 for k in tx.TAX_KEYS}
        out["bruto"] = 0
        for _rec, res in self.rows:
            out["bruto"] += res.transaction.nilai_bruto
            for k in tx.TAX_KEYS:
                out[k] += res.amount(k)
        return out


def analyse_bos(data: WorkbookData, rules: tx.TaxRules | None = None) -> BosAnalysis:
    rules = rules or tx.TaxRules()
    usable: list[Record] = []
    for rec in data.records("transaksi"):
        if _usable(rec, ("tanggal", "jenis_belanja", "nilai_bruto")) and isinstance(rec.values["tanggal"], dt.date):
            usable.append(rec)
    transactions = [tx.Transaction.from_values(rec.values, rec.row) for rec in usable]
    results = tx.compute_all(transactions, rules)
    out = BosAnalysis(list(zip(usable, results, strict=True)), notes=tx.rule_notes(results))
    year = data.year
    for rec, res in out.rows:
        for flag in res.flags:
            out.findings.append(_finding(data, "transaksi", rec, flag.column, flag.rule_id,
                                         rec.values.get(flag.column), flag.message))
        for tax, (recorded, computed) in res.differences().items():
            line = next((ln for ln in res.lines if ln.tax == tax), None)
            why = (f"{line.rate_percent} × Rp{line.base:,} ({line.basis})".replace(",", ".") if line
                   else "tidak terutang untuk jenis belanja/penerima ini")
            out.findings.append(_finding(
                data, "transaksi", rec, tx.RECORDED_KEYS[tax], "BOS-PAJAK-SELISIH", recorded,
                f"{tx.TAX_LABELS[tax]} dicatat Rp{recorded:,} tetapi menurut tarif seharusnya Rp{computed:,}: "
                f"{why}.".replace(",", ".")))
        if isinstance(year, int) and res.transaction.tanggal.year != year:
            out.findings.append(_finding(data, "transaksi", rec, "tanggal", "BOS-TAHUN", res.transaction.tanggal,
                                         f"Tanggal transaksi tahun {res.transaction.tanggal.year}, sedangkan Tahun "
                                         f"di Identitas {year}."))
    seg = tx.segregation_flag(data.identitas.values)
    if seg is not None:
        ident = data.identitas
        out.findings.append(Finding(seg.rule_id, _severity(data.schema, seg.rule_id), ident.sheet_name or "Identitas",
                                    ident.cells.get("kasubag_tu_nama", ""), None, "Nama Kepala Tata Usaha",
                                    ident.values.get("kasubag_tu_nama"), seg.message))
    return out


# --- gifts -----------------------------------------------------------------------------------

@dataclass
class GiftAnalysis:
    rows: list[tuple[Record, gf.GiftDecision]]
    as_of: dt.date
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # where seed 003 and the regulation applied differ

    def counts(self) -> Counter[str]:
        return Counter(d.status for _r, d in self.rows)


def as_of_date(data: WorkbookData, as_of: dt.date | None = None) -> dt.date:
    """The reference date for deadlines: the option, else Identitas 'Tanggal Pengisian', else today."""
    if as_of is not None:
        return as_of
    filled = data.identitas.values.get("tanggal_pengisian")
    if isinstance(filled, dt.datetime):
        return filled.date()
    if isinstance(filled, dt.date):
        return filled
    return dt.date.today()


def analyse_gifts(data: WorkbookData, *, as_of: dt.date | None = None,
                  rules: gf.GiftRules | None = None) -> GiftAnalysis:
    day = as_of_date(data, as_of)
    usable = [rec for rec in data.records("gratifikasi")
              if _usable(rec, ("tanggal", "acara", "bentuk", "nilai")) and isinstance(rec.values["tanggal"], dt.date)]
    decisions = gf.classify([gf.Gift.from_values(r.values, r.row) for r in usable], rules)
    out = GiftAnalysis(list(zip(usable, decisions, strict=True)), day, notes=gf.rule_notes(decisions, rules))
    year = data.year
    for rec, d in out.rows:
        state = d.report_state(day)
        if state == "GRAT-TERLAMBAT":
            out.findings.append(_finding(data, "gratifikasi", rec, "dilaporkan", state, rec.values.get("dilaporkan"),
                                         f"{d.advice()} Batas waktu sudah lewat pada {day.isoformat()}."))
        elif state == "GRAT-WAJIB-LAPOR":
            out.findings.append(_finding(data, "gratifikasi", rec, "dilaporkan", state, rec.values.get("dilaporkan"),
                                         d.advice()))
        elif state == "GRAT-LAPOR-TERLAMBAT":
            out.findings.append(_finding(data, "gratifikasi", rec, "tanggal_lapor", state, d.gift.tanggal_lapor,
                                         f"Dilaporkan {format_value(d.gift.tanggal_lapor)}, setelah batas {format_value(d.deadline)} "
                                         f"({d.reason})"))
        if rec.values.get("dilaporkan") == "Ya" and (rec.values.get("tanggal_lapor") is None
                                                      or rec.values.get("saluran") is None):
            out.findings.append(_finding(data, "gratifikasi", rec, "tanggal_lapor", "GRAT-LAPOR-TIDAK-LENGKAP",
                                         rec.values.get("tanggal_lapor"),
                                         "Sudah Dilaporkan = Ya: isi Tanggal Lapor dan Dilaporkan Melalui "
                                         "(UPG Inspektorat atau KPK (GOL))."))
        if isinstance(year, int) and d.gift.tanggal.year != year:
            out.findings.append(_finding(data, "gratifikasi", rec, "tanggal", "GRAT-TAHUN", d.gift.tanggal,
                                         f"Tanggal diterima tahun {d.gift.tanggal.year}, sedangkan Tahun di "
                                         f"Identitas {year}."))
    return out


# --- risks -----------------------------------------------------------------------------------

@dataclass
class RiskAnalysis:
    rows: list[tuple[Record, rk.RiskAssessment]]
    matrix: rk.RiskMatrix
    findings: list[Finding] = field(default_factory=list)

    @property
    def assessments(self) -> list[rk.RiskAssessment]:
        return [a for _r, a in self.rows]


def analyse_risks(data: WorkbookData, matrix: rk.RiskMatrix | None = None) -> RiskAnalysis:
    matrix = matrix or rk.load_matrix()
    register = list(data.records("register"))
    rtp = list(data.records("rtp"))
    assessments = rk.assess([r.values for r in register], [r.values for r in rtp], matrix,
                            [r.row for r in register])
    out = RiskAnalysis(list(zip(register, assessments, strict=True)), matrix)
    codes: dict[str, Record] = {}
    for rec, a in out.rows:
        key = rk._code(rec.values.get("kode"))
        if key and key in codes:
            out.findings.append(_finding(data, "register", rec, "kode", "RISIKO-KODE-DUPLIKAT", rec.values.get("kode"),
                                         f"Kode Risiko {rec.values.get('kode')} sudah dipakai di baris "
                                         f"{codes[key].row}."))
        elif key:
            codes[key] = rec
        if a.needs_rtp:
            out.findings.append(_finding(data, "register", rec, "kode", "RISIKO-RTP-PRIORITAS", a.kode,
                                         f"Risiko {a.kode} berlevel {a.level} (skor {a.score}) adalah risiko "
                                         "prioritas dan belum punya Rencana Tindak Pengendalian di sheet RTP "
                                         "(seed 003: RTP diperlukan untuk mengatasi risiko prioritas)."))
        if a.score is not None:
            ws, wl = a.written_score, a.written_level
            if isinstance(ws, int) and "skor" not in rec.problems and ws != a.score:
                out.findings.append(_finding(data, "register", rec, "skor", "RISIKO-LEVEL-SELISIH", ws,
                                             f"Skor Risiko ditulis {ws}, seharusnya {a.score} "
                                             f"(kemungkinan {a.likelihood} × dampak {a.impact})."))
            if isinstance(wl, str) and "level" not in rec.problems and wl != a.level:
                out.findings.append(_finding(data, "register", rec, "level", "RISIKO-LEVEL-SELISIH", wl,
                                             f"Level Risiko ditulis {wl}, seharusnya {a.level} (skor {a.score})."))
    for rec in rtp:
        key = rk._code(rec.values.get("kode"))
        if key and key not in codes:
            out.findings.append(_finding(data, "rtp", rec, "kode", "RISIKO-RTP-RUJUKAN", rec.values.get("kode"),
                                         f"Kode Risiko {rec.values.get('kode')} tidak ada di Register Risiko."))
    return out
