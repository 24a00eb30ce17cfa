"""The macro buttons' entry points: one thin function per button (DESIGN: "Macros are thin").

A button's VBA macro (``templates/xlsx/vba/Integritas.bas``) runs, through xlwings'
``RunPython``::

    import toolkit.excel_entry as ie; ie.run('validasi')

:func:`run` takes the calling book (``xw.Book.caller()``), looks the action up in
:data:`ACTIONS`, calls the same library functions as the ``integritas`` command line
on a copy of the book's current state, writes the results back through Excel and
shows a message box with the summary. Every error becomes a friendly Indonesian
message box; a Python traceback never reaches the user (it goes to a log file
named in the message).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from toolkit import __version__
from toolkit.errors import ToolkitError
from toolkit.excel.adapter import BookAdapter, XlwingsBook
from toolkit.excel.book import Outcome, evidence_dir_for, snapshot
from toolkit.indonesian import format_persen

TITLE = "Integritas"
LOG_NAME = "integritas-excel.log"


ActionFunc = Callable[[BookAdapter], Outcome]
ACTIONS: dict[str, ActionFunc] = {}


def action(name: str) -> Callable[[ActionFunc], ActionFunc]:
    """Register a button action under ``name`` (the word in the macro's ``ie.run('name')``)."""

    def register(func: ActionFunc) -> ActionFunc:
        ACTIONS[name] = func
        return func

    return register


def caller() -> BookAdapter:
    """The workbook whose button was pressed."""
    import xlwings as xw

    return XlwingsBook(xw.Book.caller())


def run(name: str, book: BookAdapter | None = None) -> Outcome:
    """Run button ``name`` for ``book`` (default: the calling book). Never raises."""
    try:
        if book is None:
            book = caller()
    except Exception as exc:  # not called from Excel: nowhere to show a box
        log = _log_exception(name)
        message = (f"Workbook pemanggil tidak ditemukan ({type(exc).__name__}). Tombol ini dijalankan dari "
                   f"Excel; rincian di {log}.")
        print(message, file=sys.stderr)
        return Outcome(name, False, message)
    func = ACTIONS.get(name)
    if func is None:
        message = (f"Tombol '{name}' tidak dikenal oleh toolkit {__version__}. Templat .xlsm dan toolkit "
                   "mungkin berbeda versi; buat ulang templat dengan: integritas excel bangun")
        _alert(book, message, critical=True)
        return Outcome(name, False, message)
    try:
        outcome = func(book)
    except ToolkitError as exc:
        message = f"Tidak dapat diproses:\n{exc.describe()}"
        _alert(book, message, critical=True)
        return Outcome(name, False, message, {"error": exc})
    except Exception as exc:
        log = _log_exception(name)
        message = ("Terjadi galat internal pada toolkit. Workbook Anda tidak diubah oleh proses yang gagal.\n"
                   f"({type(exc).__name__}: {exc})\n\nRincian teknis tersimpan di:\n{log}\n"
                   "Kirimkan file tersebut ke tim toolkit.")
        _alert(book, message, critical=True)
        return Outcome(name, False, message, {"error": exc})
    _alert(book, outcome.message, critical=False)
    return outcome


def _alert(book: BookAdapter, message: str, *, critical: bool) -> None:
    try:
        book.alert(message, TITLE, critical=critical)
    except Exception:  # the box itself failed: keep the message somewhere
        print(message, file=sys.stderr)


def _log_exception(name: str) -> Path:
    log = Path(tempfile.gettempdir()) / LOG_NAME
    try:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} tombol '{name}', "
                     f"toolkit {__version__}, Python {sys.version.split()[0]}\n")
            fh.write(traceback.format_exc())
    except OSError:
        pass
    return log


# --- the buttons -----------------------------------------------------------------------

@action("validasi")
def validasi(book: BookAdapter) -> Outcome:
    """Validasi: the same check as ``integritas validasi FILE``; findings sheet + coloured cells."""
    from toolkit.excel.writeback import RESULTS_SHEET, write_findings
    from toolkit.validation import validate_path

    with tempfile.TemporaryDirectory(prefix="integritas-") as tmp:
        report = validate_path(snapshot(book, Path(tmp)))
    marked = write_findings(book, report)
    if not report.findings:
        message = f"Validasi selesai: tidak ada temuan ({report.rows_checked} baris diperiksa)."
    else:
        state = "belum lolos" if not report.ok else "lolos dengan catatan"
        message = (f"Validasi selesai, workbook {state}: {len(report.errors)} galat dan "
                   f"{len(report.warnings)} peringatan. Lihat sheet '{RESULTS_SHEET}'; {marked} sel diwarnai.")
    return Outcome("validasi", report.ok, message, {"report": report})


@action("checklist-bukti")
def isi_checklist_bukti(book: BookAdapter) -> Outcome:
    """Isi Checklist Bukti: ``integritas bukti`` on the evidence folder beside the workbook."""
    from toolkit.evidence import build_checklist
    from toolkit.excel.checklist import write_checklist

    evidence = evidence_dir_for(book)
    with tempfile.TemporaryDirectory(prefix="integritas-") as tmp:
        checklist = build_checklist(snapshot(book, Path(tmp)), evidence)
    write_checklist(book, checklist, evidence)
    missing = list(checklist.missing())
    message = (f"Checklist bukti terisi: kelengkapan {format_persen(checklist.completeness())}. "
               f"{len(missing)} bukti belum ada. Lihat sheet 'Checklist Bukti'.")
    return Outcome("checklist-bukti", not missing, message, {"checklist": checklist, "evidence_dir": evidence})


@action("nota-dinas")
def buat_nota_dinas(book: BookAdapter) -> Outcome:
    """Buat Nota Dinas: a Nota Dinas (.docx) beside the workbook, from its content."""
    from toolkit.excel.documents import make_document

    return make_document(book, "nota-dinas", "nota-dinas")


@action("laporan")
def buat_laporan(book: BookAdapter) -> Outcome:
    """Buat Laporan: the report that fits the workbook (.docx) beside it — Laporan Monev ZI (rencana-aksi-zi,
    with Penilaian LKE ZI when an LKE workbook lies beside it), Laporan Kepatuhan Kegiatan Penguatan Integritas
    (kalender-integritas), Laporan Progres Tindak Lanjut SPI (tindak-lanjut-spi)."""
    from toolkit.excel.documents import make_document

    return make_document(book, "laporan", "laporan")


@action("bantuan")
def bantuan(book: BookAdapter) -> Outcome:
    """Bantuan: what each button does, and the versions in use."""
    import xlwings

    from toolkit.excel.buttons import BUTTONS

    lines = [f"Integritas toolkit {__version__} (xlwings {xlwings.__version__}, Python "
             f"{sys.version.split()[0]} di {sys.executable}).", ""]
    lines += [f"• {b.caption}: {b.help}" for b in BUTTONS]
    lines += ["", "Semua tombol juga tersedia sebagai perintah: integritas validasi, integritas checklist, "
              "integritas surat. Pemeriksaan pemasangan: integritas excel periksa.",
              f"Workbook: {book.path or book.name}"]
    if os.environ.get("INTEGRITAS_DOCS_URL"):
        lines.append(f"Panduan: {os.environ['INTEGRITAS_DOCS_URL']}")
    return Outcome("bantuan", True, "\n".join(lines))
