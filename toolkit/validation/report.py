"""Findings as data: what is wrong, where, and how to fix it (in Bahasa Indonesia).

A :class:`Finding` is one problem at one cell; a :class:`Report` is every finding for
one workbook. Reports flatten for tests (``report.flatten(["sheet", "cell", "rule_id"])``),
serialise to JSON (``report.to_dict()``), and render as a rich table for a terminal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from toolkit.indonesian import format_value
from toolkit.workbook.cells import row_and_column

Severity = Literal["error", "warning"]
SEVERITY_LABEL = {"error": "galat", "warning": "peringatan"}

# Generic rule ids (validation owns them; see the shared brief, addendum).
WAJIB = "WAJIB"
TIPE = "TIPE"
PILIHAN = "PILIHAN"
RENTANG = "RENTANG"
IDENTITAS_WAJIB = "IDENTITAS-WAJIB"
IDENTITAS_NIP = "IDENTITAS-NIP"
IDENTITAS_TAHUN = "IDENTITAS-TAHUN"
IDENTITAS_PILIHAN = "IDENTITAS-PILIHAN"
IDENTITAS_TIPE = "IDENTITAS-TIPE"
SHEET_HILANG = "SHEET-HILANG"
SHEET_KOSONG = "SHEET-KOSONG"
VERSI_SKEMA = "VERSI-SKEMA"
KOLOM_HILANG = "KOLOM-HILANG"
KOLOM_TIDAK_DIKENAL = "KOLOM-TIDAK-DIKENAL"
KOLOM_LAMA = "KOLOM-LAMA"
SHEET_TERSEMBUNYI = "SHEET-TERSEMBUNYI"
SEL_GABUNG = "SEL-GABUNG"
FORMULA = "FORMULA"
INJEKSI_FORMULA = "INJEKSI-FORMULA"
ATURAN_GAGAL = "ATURAN-GAGAL"

GENERIC_RULES: dict[str, str] = {
    WAJIB: "Sel wajib diisi masih kosong.",
    TIPE: "Isi sel tidak sesuai jenis kolom (tanggal, angka, bulan, NIP, …).",
    PILIHAN: "Nilai tidak ada dalam daftar pilihan (dropdown).",
    RENTANG: "Angka di luar batas (mis. persen 0–100).",
    IDENTITAS_WAJIB: "Isian wajib di sheet Identitas kosong.",
    IDENTITAS_NIP: "NIP di sheet Identitas bukan 18 angka yang sah.",
    IDENTITAS_TAHUN: "Tahun di sheet Identitas tidak sah.",
    IDENTITAS_PILIHAN: "Isian Identitas tidak ada dalam daftar pilihan.",
    IDENTITAS_TIPE: "Isian Identitas tidak sesuai jenisnya (mis. tanggal).",
    SHEET_HILANG: "Sheet yang diwajibkan templat tidak ada.",
    SHEET_KOSONG: "Sheet wajib belum berisi satu baris data pun.",
    VERSI_SKEMA: "Versi skema di Identitas tidak dikenal (templat lama atau diubah).",
    KOLOM_HILANG: "Kolom templat tidak ditemukan di baris judul.",
    KOLOM_TIDAK_DIKENAL: "Ada kolom yang tidak dikenal templat.",
    KOLOM_LAMA: "Judul kolom memakai nama lama/lain (diterima).",
    SHEET_TERSEMBUNYI: "Ada sheet tersembunyi atau sangat tersembunyi.",
    SEL_GABUNG: "Sel gabungan (merge) di area data.",
    FORMULA: "Sel berisi rumus; nilainya tidak dihitung ulang oleh toolkit.",
    INJEKSI_FORMULA: "Teks yang tampak seperti rumus (risiko injeksi rumus).",
    ATURAN_GAGAL: "Sebuah aturan gagal dijalankan (galat internal); pemeriksaan tidak lengkap.",
}


@dataclass(frozen=True)
class Finding:
    """One problem at one place. ``cell`` is an address ("B12") or "" for a whole sheet/file."""

    rule_id: str
    severity: Severity
    sheet: str
    cell: str
    row: int | None
    column: str | None  # the column header as the template names it
    value: Any
    message: str  # Indonesian: what is wrong and how to fix it

    def sort_key(self) -> tuple[Any, ...]:
        row, col = (0, 0)
        if self.cell:
            with contextlib.suppress(ValueError):
                row, col = row_and_column(self.cell)
        return (self.sheet, row, col, self.rule_id)

    def location(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["value"] = _jsonable(self.value)
        return d


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "label"):
        return value.label()
    return str(value)


@dataclass
class Report:
    """Every finding for one workbook."""

    path: Path | None
    kind: str | None
    findings: list[Finding] = field(default_factory=list)
    version: str | None = None
    rows_checked: int = 0
    sheet_names: dict[str, str] = field(default_factory=dict)  # sheet key -> name in the file
    omitted: int = 0  # findings past the limit, counted but not kept

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def sort(self) -> None:
        self.findings.sort(key=Finding.sort_key)

    def by_rule(self, rule_id: str) -> list[Finding]:
        return [f for f in self.findings if f.rule_id == rule_id]

    def counts(self) -> Counter[str]:
        return Counter(f.rule_id for f in self.findings)

    def flatten(self, fields: Sequence[str] = ("sheet", "cell", "rule_id")) -> list[list[Any]]:
        """One list per finding with the named attributes ("kind" is an alias of "rule_id")."""
        names = ["rule_id" if f == "kind" else f for f in fields]
        return [[getattr(finding, n) for n in names] for finding in self.findings]

    def summary_line(self) -> str:
        name = self.path.name if self.path else "(workbook)"
        if not self.findings:
            return f"{name}: bersih, {self.rows_checked} baris diperiksa, tidak ada temuan."
        state = "TIDAK LOLOS" if not self.ok else "lolos dengan catatan"
        return (f"{name}: {state} — {len(self.errors)} galat, {len(self.warnings)} peringatan "
                f"({self.rows_checked} baris diperiksa).")

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path) if self.path else None,
            "jenis": self.kind,
            "versi_skema": self.version,
            "lolos": self.ok,
            "jumlah_galat": len(self.errors),
            "jumlah_peringatan": len(self.warnings),
            "baris_diperiksa": self.rows_checked,
            "temuan_tidak_ditampilkan": self.omitted,
            "temuan": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def rich_table(self, limit: int | None = 200) -> Any:
        """A rich Table of the findings (first ``limit``), for a terminal."""
        from rich.table import Table
        from rich.text import Text

        title = self.path.name if self.path else "Hasil validasi"
        # every text from a unit's file is a Text, never markup: "Seles[/bold]" in a cell must print as is
        table = Table(title=Text(f"Hasil validasi: {title}"), show_lines=False, expand=False)
        for header, kw in (("Tingkat", {}), ("Sheet", {}), ("Sel", {}), ("Kolom", {}),
                           ("Aturan", {}), ("Nilai", {"max_width": 24, "overflow": "fold"}),
                           ("Pesan", {"overflow": "fold"})):
            table.add_column(header, **kw)
        shown = self.findings if limit is None else self.findings[:limit]
        for f in shown:
            style = "red" if f.severity == "error" else "yellow"
            value = format_value(f.value)
            table.add_row(Text(SEVERITY_LABEL[f.severity], style=style), Text(f.sheet), Text(f.cell),
                          Text(f.column or ""), Text(f.rule_id), Text(value[:80]), Text(f.message))
        if limit is not None and len(self.findings) > limit:
            table.caption = f"… dan {len(self.findings) - limit} temuan lain (pakai --json untuk semuanya)"
        return table
