"""Buttons "Buat Nota Dinas" and "Buat Laporan": a .docx beside the workbook, from its content.

The letter's fixed parts (kop, penandatangan, yth, dari, tempat, tembusan …) come from
a data file beside the workbook, the same YAML/JSON that ``integritas surat … --data``
takes: ``<nama workbook>.naskah.yaml`` or ``naskah.yaml``. A ``nota_dinas:`` or
``laporan:`` section in it overrides the common keys for that document.

- Buat Laporan = ``integritas surat laporan -w WORKBOOK -d naskah.yaml``: the report
  that fits the workbook (``toolkit.documents.laporan.report_data_from_path``):
  rencana-aksi-zi → Laporan Monev (with the Penilaian LKE ZI section when an LKE
  workbook lies beside it: ``<nama workbook>.lke.xlsx``, ``LKE ZI.xlsx`` or
  ``lke.xlsx``, or ``lke: FILE`` in the ``laporan:`` section), kalender-integritas →
  Laporan Kepatuhan Kegiatan Penguatan Integritas, tindak-lanjut-spi → Laporan
  Progres Tindak Lanjut SPI. Other kinds get the one message naming the kinds that have a report.
- Buat Nota Dinas = ``integritas surat nota-dinas -d naskah.yaml`` with ``hal`` and
  ``isi`` filled from the workbook when the data file does not give them.

The number comes from the office's register (``integritas kantor buat``; ``$INTEGRITAS_REGISTER``
for another one); a ``nomor`` fixed in the data file is recorded there too. An existing
document is never overwritten: the next free name is used.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from toolkit.documents import load_template, render_document
from toolkit.documents.datafile import load_letter_data
from toolkit.documents.fields import INPUT_ONLY
from toolkit.documents.laporan import report_data
from toolkit.documents.office_register import open_office_register
from toolkit.errors import UsageError
from toolkit.excel.adapter import BookAdapter
from toolkit.excel.book import Outcome, book_folder, snapshot
from toolkit.excel.writeback import DOCUMENTS_SHEET, read_table, write_table
from toolkit.kantor import load_office
from toolkit.kinds.registry import get_kind, kinds_with, require_capability
from toolkit.validation import validate_path
from toolkit.workbook import open_workbook
from toolkit.workbook.atomic import free_path

DATA_NAMES = ("{stem}.naskah.yaml", "{stem}.naskah.yml", "{stem}.naskah.json", "naskah.yaml", "naskah.yml",
              "naskah.json")
NOTA_DINAS = "nota-dinas"
SECTIONS = ("nota_dinas", "laporan")  # the data file's sections: the Nota Dinas's, every report's
LKE_NAMES = ("{stem}.lke.xlsx", "{stem} LKE.xlsx", "LKE ZI.xlsx", "lke.xlsx")


def data_file_for(folder: Path, stem: str) -> Path:
    for pattern in DATA_NAMES:
        p = folder / pattern.format(stem=stem)
        if p.is_file():
            return p
    raise UsageError(f"data naskah tidak ditemukan di {folder}. Simpan file 'naskah.yaml' (kop, penandatangan, "
                     "yth, dari, tempat) di samping workbook; contohnya: jalankan `integritas contoh`, lalu lihat "
                     "folder contoh/surat/.")


def letter_data(folder: Path, stem: str, kind: str) -> dict[str, Any]:
    """The data file's common keys that ``kind``'s template uses, then its own section over them."""
    base = load_letter_data(data_file_for(folder, stem)).data
    section = base.pop("nota_dinas" if kind == NOTA_DINAS else "laporan", None)
    for other in SECTIONS:
        base.pop(other, None)
    used = load_template(kind).variables.names | set(INPUT_ONLY)
    data = {k: v for k, v in base.items() if k in used}  # one file serves both documents
    if isinstance(section, dict):
        data.update(section)
    return data


def free_name(folder: Path, stem: str, kind: str) -> Path:
    """<stem>.<kind>.docx, or <stem>.<kind>-2.docx … when taken."""
    return free_path(folder / f"{stem}.{kind}.docx", "{stem}-{n}{suffix}")


def _nota_dinas_content(workbook: Path, data: dict[str, Any]) -> None:
    wd = open_workbook(workbook)
    ident = wd.identitas.values
    unit = str(ident.get("nama_unit") or "")
    year = ident.get("tahun")
    title = wd.schema.title
    data.setdefault("hal", f"Penyampaian {title} {unit} Tahun {year}".strip())
    if data.get("isi"):
        return
    counts = "; ".join(f"{wd.sheets[s.key].name}: {len(wd.sheets[s.key].records)} baris"
                       for s in wd.schema.sheets if s.key in wd.sheets)
    isi = [f"Bersama ini kami sampaikan {title} {unit} tahun {year}, periode {ident.get('periode') or '-'} "
           f"({counts})."]
    summary = get_kind(wd.schema).nota_summary
    if summary is not None:
        isi.extend(summary(wd))
    report = validate_path(workbook)
    isi.append(f"Workbook telah diperiksa dengan toolkit Integritas: {len(report.errors)} galat dan "
               f"{len(report.warnings)} peringatan.")
    isi.append("Demikian kami sampaikan, atas perhatiannya diucapkan terima kasih.")
    data["isi"] = isi


def lke_file_for(folder: Path, stem: str, given: Any = None) -> Path | None:
    """The LKE ZI workbook for the Laporan Monev: ``lke:`` in the data file, else one of LKE_NAMES beside it."""
    if isinstance(given, str) and given.strip():
        p = Path(given)
        p = p if p.is_absolute() else folder / p
        if not p.is_file():
            raise UsageError(f"file LKE '{given}' (isian lke di data naskah) tidak ditemukan.", path=p)
        return p
    existing = {p.name.casefold(): p for p in folder.iterdir() if p.is_file()} if folder.is_dir() else {}
    for pattern in LKE_NAMES:
        found = existing.get(pattern.format(stem=stem).casefold())
        if found is not None:
            return found
    return None


def _report(folder: Path, stem: str, copy: Path, shown: Path) -> tuple[str, dict[str, Any]]:
    """(document kind, letter data + report data) for the workbook copy, as ``integritas surat laporan``."""
    wd = open_workbook(copy)
    cap = require_capability(wd.schema, "report", path=shown)
    kind = cap.document
    data = letter_data(folder, stem, kind)
    lke = lke_file_for(folder, stem, data.pop("lke", None)) if cap.takes_lke else None
    _kind, report = report_data(wd, lke=lke)
    for key, value in report.items():
        data.setdefault(key, value)
    return kind, data


def document_title(document: str) -> str:
    """What the Dokumen sheet and the message call a document kind ("Nota Dinas", "Laporan Monev" …)."""
    for k in kinds_with("report"):
        if k.report is not None and k.report.document == document:
            return k.report.title
    return "Nota Dinas"


def make_document(book: BookAdapter, kind: str, action: str) -> Any:
    """Render ``kind`` for ``book``; return the entry Outcome.

    ``kind`` is "nota-dinas", or "laporan" for the report that fits the workbook's kind.
    """
    folder = book_folder(book)
    stem = Path(book.name).stem
    with tempfile.TemporaryDirectory(prefix="integritas-") as tmp:
        copy = snapshot(book, Path(tmp))
        if kind != NOTA_DINAS:  # "laporan": the report that fits the workbook's kind
            kind, data = _report(folder, stem, copy, folder / book.name)
        else:
            data = letter_data(folder, stem, kind)
            _nota_dinas_content(copy, data)
    data.setdefault("tanggal", dt.date.today())
    output = free_name(folder, stem, kind)
    # every number goes through the office's register (never a new register beside the workbook)
    office = load_office()
    assert office is not None
    office.apply_defaults(data)
    register = open_office_register(os.environ.get("INTEGRITAS_REGISTER") or None, office=office)
    try:
        issued = render_document(kind, data, output, register=register)
    finally:
        register.close()
    title = document_title(kind)
    record_document(book, title, issued.nomor, issued.path)
    message = (f"{title} nomor {issued.nomor} dibuat:\n{issued.path}\n"
               "Periksa isinya sebelum ditandatangani.")
    return Outcome(action, True, message, {"document": issued})


def record_document(book: BookAdapter, title: str, nomor: str, path: Path) -> None:
    """Add the document to the *Dokumen* sheet (newest first)."""
    previous: list[list[str]] = []
    if DOCUMENTS_SHEET in book.sheet_names():
        previous = [[r.get("Naskah", ""), r.get("Nomor", ""), r.get("Dibuat", ""), r.get("File", "")]
                    for r in read_table(book, DOCUMENTS_SHEET, "Naskah")]
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    rows = [[title, nomor, now, str(path)], *previous]
    write_table(book, DOCUMENTS_SHEET, f"DOKUMEN DARI WORKBOOK — {book.name}",
                ["Naskah yang dibuat dengan tombol; file .docx ada di folder workbook."],
                ("Naskah", "Nomor", "Dibuat", "File"), rows, (16, 28, 18, 90))
