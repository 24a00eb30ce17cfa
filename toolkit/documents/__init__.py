"""Official documents: Nota Dinas, Surat Dinas with Lampiran, Laporan Monev — correct to the letter.

Public API (see docs/documents.md):

* ``render_document(kind, data, output, *, register=None, pdf=False) -> IssuedDocument``
* ``render_batch(kind, rows, outdir, *, register=None, pdf=False, progress=None)``
* ``NumberRegister(path)`` with ``allocate(letter_type, *, hal, tujuan, tanggal)``
* ``build_nota_dinas_data(...)``, ``build_surat_dinas_data(...)``
* ``spi_lampiran(...)`` (Lampiran I/II from a tindak-lanjut-spi workbook),
  ``monev_data(...)`` (Laporan Monev from a rencana-aksi-zi workbook)
* ``find_leftovers(path)`` / ``check_no_leftovers(path)``, ``docx_text(path)``
"""

from __future__ import annotations

from toolkit.documents.kinds import KINDS, build_nota_dinas_data, build_surat_dinas_data, prepare_context
from toolkit.documents.monev import monev_data, monev_data_from_path
from toolkit.documents.placeholders import check_no_leftovers, docx_text, find_leftovers
from toolkit.documents.register import NumberRegister
from toolkit.documents.render import IssuedDocument, load_template, render_batch, render_document
from toolkit.documents.spi import spi_lampiran, spi_lampiran_from_path

__all__ = [
    "KINDS",
    "IssuedDocument",
    "NumberRegister",
    "build_nota_dinas_data",
    "build_surat_dinas_data",
    "check_no_leftovers",
    "docx_text",
    "find_leftovers",
    "load_template",
    "monev_data",
    "monev_data_from_path",
    "prepare_context",
    "render_batch",
    "render_document",
    "spi_lampiran",
    "spi_lampiran_from_path",
]
