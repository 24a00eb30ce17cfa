"""Official documents: Nota Dinas, Surat Dinas with Lampiran, Laporan Monev — correct to the letter.

Public API (see docs/documents.md):

* ``render_document(kind, data, output, *, register=None, pdf=False) -> IssuedDocument``
* ``render_batch(kind, rows, outdir, *, register=None, pdf=False, progress=None)``
* ``NumberRegister(path)`` with ``allocate(letter_type, *, hal, tujuan, tanggal)``
* ``build_nota_dinas_data(...)``, ``build_surat_dinas_data(...)``
* ``spi_lampiran(...)`` (Lampiran I/II from a tindak-lanjut-spi workbook),
  ``monev_data(...)`` (Laporan Monev from a rencana-aksi-zi workbook)
* ``report_data_from_path(workbook, *, jenis=None, quarter=None, as_of=None, lke=None)``
  → (document kind, data): the report that fits the workbook — laporan-monev (+ Penilaian
  LKE ZI), laporan-kepatuhan (kalender-integritas), laporan-spi (tindak-lanjut-spi)
* ``find_leftovers(path)`` / ``check_no_leftovers(path)``, ``docx_text(path)``
"""

from __future__ import annotations

from toolkit.documents.kepatuhan import kepatuhan_data
from toolkit.documents.kinds import KINDS, build_nota_dinas_data, build_surat_dinas_data, prepare_context
from toolkit.documents.laporan import report_data, report_data_from_path
from toolkit.documents.lke_section import lke_section
from toolkit.documents.monev import monev_data, monev_data_from_path
from toolkit.documents.placeholders import check_no_leftovers, docx_text, find_leftovers
from toolkit.documents.register import NumberRegister
from toolkit.documents.render import IssuedDocument, load_template, render_batch, render_document
from toolkit.documents.spi import spi_lampiran, spi_lampiran_from_path
from toolkit.documents.spi_progres import spi_progres_data

__all__ = [
    "KINDS",
    "IssuedDocument",
    "NumberRegister",
    "build_nota_dinas_data",
    "build_surat_dinas_data",
    "check_no_leftovers",
    "docx_text",
    "find_leftovers",
    "kepatuhan_data",
    "lke_section",
    "load_template",
    "monev_data",
    "monev_data_from_path",
    "prepare_context",
    "render_batch",
    "render_document",
    "report_data",
    "report_data_from_path",
    "spi_lampiran",
    "spi_lampiran_from_path",
    "spi_progres_data",
]
