"""Shared helpers for the validation tests: golden files, fixtures built from the schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from toolkit.validation import Report

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def golden_path(invalid: Path) -> Path:
    return invalid.with_name(invalid.name.replace("-invalid.xlsx", "-invalid.golden.json"))


def golden_entries(report: Report) -> list[dict[str, Any]]:
    return [{"rule_id": f.rule_id, "severity": f.severity, "sheet": f.sheet, "cell": f.cell,
             "column": f.column} for f in report.findings]


def write_golden(invalid: Path, report: Report) -> None:
    data = {"file": invalid.name, "kind": report.kind,
            "note": "Temuan yang diharapkan dari validasi (dibandingkan menurut rule_id, sheet, sel). "
                    "Perbarui dengan INTEGRITAS_UPDATE_GOLDEN=1 pytest tests/test_validation_samples.py "
                    "setelah memeriksa perbedaannya terhadap file .faults.yaml.",
            "findings": golden_entries(report)}
    golden_path(invalid).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_golden(invalid: Path) -> set[tuple[str, str, str, str]]:
    data = json.loads(golden_path(invalid).read_text(encoding="utf-8"))
    return {(f["rule_id"], f["severity"], f["sheet"], f["cell"]) for f in data["findings"]}


def as_keys(report: Report) -> set[tuple[str, str, str, str]]:
    return {(f.rule_id, f.severity, f.sheet, f.cell) for f in report.findings}


def _inline(ref: str, text: str) -> str:
    from xml.sax.saxutils import escape
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def write_huge_kalender(path: Path, n_rows: int, overrides: dict[int, dict[str, Any]] | None = None) -> Path:
    """A kalender-integritas workbook whose *Materi Tematik* has ``n_rows`` rows, written as raw XML.

    XlsxWriter needs ~40 s for a million rows; this writes the parts directly in a few
    seconds. ``overrides`` maps a 0-based data row to column letters -> text (faults).
    """
    import zipfile

    overrides = overrides or {}
    ident = [("Nama Unit Kerja", "KPPN Uji"), ("Kode Unit", "K01"), ("Jenis Unit", "KPPN"), ("Tahun", "2023"),
             ("Periode Laporan", "TW II"), ("Tanggal Pengisian", "2023-07-03"), ("Nama Kepala Unit", "Budi"),
             ("NIP Kepala Unit", "196409111989031009"), ("Jenis Workbook", "kalender-integritas"),
             ("Versi Skema", "1.0")]
    ident_rows = "".join(f'<row r="{4 + i}">{_inline(f"A{4 + i}", a)}{_inline(f"B{4 + i}", b)}</row>'
                         for i, (a, b) in enumerate(ident))
    kal_head = ["Kelompok", "No", "Momen Kegiatan", "Frekuensi", "Satuan", "PIC/Pemateri", "Media", "Peserta",
                "Injeksi Materi"]
    kal_rows = [["Internal", "1", "Apel Pagi", "Min 1x", "Minggu", "Kepala KPPN", "Aula", "Pegawai", "-"],
                ["Internal", "2", "Pembinaan Mental", "Min 1x", "Bulan", "Kepala KPPN", "GKM", "Pegawai", "-"]]

    def table(head: list[str], rows: list[list[str]]) -> str:
        out = ['<row r="3">' + "".join(_inline(f"{chr(65 + c)}3", h) for c, h in enumerate(head)) + "</row>"]
        for i, row in enumerate(rows):
            r = 4 + i
            cells = "".join(f'<c r="{chr(65 + c)}{r}"><v>{v}</v></c>' if v.isdigit() else _inline(f"{chr(65 + c)}{r}", v)
                            for c, v in enumerate(row))
            out.append(f'<row r="{r}">{cells}</row>')
        return "".join(out)

    def sheet(body: str) -> str:
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + body + "</sheetData></worksheet>")

    names = ["Identitas", "Kalender", "Materi Tematik"]
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sheet.main+xml"/>'
          + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.'
                    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(3))
          + "</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
                         f'2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(3))
               + "</Relationships>")
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
          + "</sheets></workbook>")
    months = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", wb)
        zf.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        zf.writestr("xl/worksheets/sheet1.xml", sheet(ident_rows))
        zf.writestr("xl/worksheets/sheet2.xml", sheet(table(kal_head, kal_rows)))
        with zf.open("xl/worksheets/sheet3.xml", "w", force_zip64=True) as fh:
            fh.write(sheet(table(["Kelompok", "No Kegiatan", "Bulan/Triwulan", "Tema Materi"], []))
                     .removesuffix("</sheetData></worksheet>").encode())
            buf: list[str] = []
            for i in range(n_rows):
                r = 4 + i
                cells = {"A": "Internal", "B": str(1 + i % 2), "C": months[i % 12], "D": f"Tema integritas {i}"}
                cells.update(overrides.get(i, {}))
                buf.append(f'<row r="{r}">' + "".join(
                    f'<c r="{c}{r}"><v>{v}</v></c>' if v.isdigit() else _inline(f"{c}{r}", v)
                    for c, v in cells.items()) + "</row>")
                if len(buf) >= 5000:
                    fh.write("".join(buf).encode())
                    buf.clear()
            fh.write(("".join(buf) + "</sheetData></worksheet>").encode())
    return path


def to_strict_ooxml(src: Path, strict: Path) -> Path:
    """A copy of ``src`` declaring the Strict Open XML namespace (which our write-back refuses)."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(strict, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                    b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            zout.writestr(info, data)
    return strict
