"""The office register (issue 16): hand-typed and reserved numbers, cancellation kept, archive, office binding.

* ``nomor_terbit``: ``asal`` (register | manual | cadangan), ``alasan_batal``, ``dibatalkan``,
  ``pdf_sha256``, ``peringatan`` (e.g. a back-dated number); ``urut`` may be empty for a
  hand-typed number outside the office's format (its text stays unique).
* ``arsip``: the produced .docx/.pdf, content-addressed by sha256 (reprint, integrity check).
* ``register_info``: which office the register belongs to (kode_unit, nama_kantor).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("nomor_terbit") as batch:
        batch.add_column(sa.Column("asal", sa.String(20), nullable=False, server_default="register"))
        batch.add_column(sa.Column("alasan_batal", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("dibatalkan", sa.String(32), nullable=True))
        batch.add_column(sa.Column("pdf_sha256", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("peringatan", sa.Text, nullable=False, server_default=""))
        batch.alter_column("urut", existing_type=sa.Integer, nullable=True)
    op.create_index("nomor_terbit_tanggal", "nomor_terbit", ["jenis", "tahun", "tanggal"])
    op.create_table("arsip",
                    sa.Column("sha256", sa.String(64), primary_key=True),
                    sa.Column("ukuran", sa.Integer, nullable=False),
                    sa.Column("isi", sa.LargeBinary, nullable=False),
                    sa.Column("dibuat", sa.String(32), nullable=False))
    op.create_table("register_info",
                    sa.Column("kunci", sa.String(50), primary_key=True),
                    sa.Column("nilai", sa.Text, nullable=False))


def downgrade() -> None:
    op.drop_table("register_info")
    op.drop_table("arsip")
    op.drop_index("nomor_terbit_tanggal", table_name="nomor_terbit")
    with op.batch_alter_table("nomor_terbit") as batch:
        for name in ("peringatan", "pdf_sha256", "dibatalkan", "alasan_batal", "asal"):
            batch.drop_column(name)
