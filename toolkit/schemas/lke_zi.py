"""Workbook kind ``lke-zi``, 2021 model: one row per question of the official LKE ZI (PermenPAN-RB 90/2021).

The 2026 model is a fixed form laid out by PortalRB's master list (:mod:`toolkit.lke.workbook`),
reached through the kind's ``form`` capability; this schema is the 2021 one-row-per-question
template (:mod:`toolkit.scoring.template`).
"""

from __future__ import annotations

from types import MappingProxyType

from toolkit.schemas.common import COMMON_LISTS, identitas_with
from toolkit.schemas.model import Column, ColumnType, SheetSpec, WorkbookSchema

T = ColumnType
KIND = "lke-zi"

LKE_SHEET = SheetSpec(
    key="lke",
    name="LKE ZI",
    title="LEMBAR KERJA EVALUASI ZONA INTEGRITAS (PermenPAN-RB 90/2021)",
    description="Satu baris per pertanyaan LKE ZI resmi; isi kolom Jawaban dan Data Dukung.",
    columns=(
        Column("baris", "Baris LKE", T.INTEGER, required=True, width=7, help="Nomor baris di LKE resmi; jangan diubah"),
        Column("kode", "Kode", T.TEXT, width=6),
        Column("bagian", "Komponen/Area", T.TEXT, width=30),
        Column("pertanyaan", "Pertanyaan", T.LONG_TEXT, required=True, width=60),
        Column("pilihan", "Pilihan Jawaban", T.TEXT, width=12),
        Column("penjelasan", "Penjelasan", T.LONG_TEXT, width=50),
        Column("jawaban", "Jawaban", T.TEXT, width=12, help="Ya/Tidak, A–E, jumlah, atau nilai survei 0-4"),
        Column("bukti", "Data Dukung", T.LONG_TEXT, width=40, aliases=("Bukti", "Evidence")),
        Column("tautan", "Tautan", T.TEXT, width=30),
        Column("jawaban_evaluator", "Jawaban Evaluator", T.TEXT, width=12),
        Column("catatan_evaluator", "Catatan Evaluator", T.LONG_TEXT, width=40),
    ),
    key_columns=("baris",),
    freeze_columns=4,
)

SCHEMA = WorkbookSchema(
    kind=KIND, version="1.0", title="Lembar Kerja Evaluasi Zona Integritas",
    description="LKE ZI (Lampiran III PermenPAN-RB 90/2021) dalam bentuk satu baris per pertanyaan.",
    seed="002_c6caca31fe692d13.txt", sheets=(LKE_SHEET,), identitas=identitas_with(),
    lists=MappingProxyType(dict(COMMON_LISTS)), main_sheet="lke",
    instructions=("Isi sheet Identitas.", "LKE ZI: isi Jawaban setiap pertanyaan (Ya/Tidak, A-E, jumlah, "
                  "atau nilai survei 0-4) dan Data Dukung; jangan ubah kolom Baris LKE.",
                  "Nilai dengan: integritas nilai FILE.xlsx"),
)

