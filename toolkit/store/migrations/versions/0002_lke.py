"""LKE ZI 2026: units' imported forms, answers (unit and TPI), proposals, API tokens (issue 17).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = set(sa.inspect(op.get_bind()).get_table_names())
    for old in ("lke_jawaban", "lke_usulan"):  # the first skeleton's shape (test stores only, always empty)
        if old in have:
            op.drop_table(old)
    op.create_table("lke_unit",
                    sa.Column("periode", sa.String(20), nullable=False),
                    sa.Column("unit_id", sa.String(100), nullable=False),
                    sa.Column("nama", sa.Text),
                    sa.Column("model", sa.String(50)),
                    sa.Column("sumber", sa.Text),
                    sa.Column("sha256", sa.String(64)),
                    sa.Column("skor_unit", sa.Float),
                    sa.Column("skor_tpi", sa.Float),
                    sa.Column("predikat", sa.String(20)),
                    sa.Column("diimpor_pada", sa.String(32)),
                    sa.PrimaryKeyConstraint("periode", "unit_id"))
    op.create_table("lke_jawaban",
                    sa.Column("periode", sa.String(20), nullable=False),
                    sa.Column("unit_id", sa.String(100), nullable=False),
                    sa.Column("soal_id", sa.String(50), nullable=False),
                    sa.Column("baris", sa.Integer),
                    sa.Column("jawaban_unit", sa.Text),
                    sa.Column("catatan_unit", sa.Text),
                    sa.Column("bukti_unit", sa.Text),
                    sa.Column("jawaban_tpi", sa.Text),
                    sa.Column("catatan_tpi", sa.Text),
                    sa.PrimaryKeyConstraint("periode", "unit_id", "soal_id"))
    op.create_table("lke_usulan",
                    sa.Column("periode", sa.String(20), nullable=False),
                    sa.Column("unit_id", sa.String(100), nullable=False),
                    sa.Column("nama", sa.Text),
                    sa.Column("kategori", sa.String(10)),
                    sa.Column("afirmasi", sa.Boolean, nullable=False, server_default=sa.false()),
                    sa.Column("dikonfirmasi_pada", sa.String(32)),
                    sa.PrimaryKeyConstraint("periode", "unit_id"))
    op.create_table("layanan_token",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("nama", sa.Text, nullable=False),
                    sa.Column("hash", sa.String(64), nullable=False, unique=True),
                    sa.Column("dibuat_pada", sa.String(32), nullable=False),
                    sa.Column("dicabut_pada", sa.String(32)))


def downgrade() -> None:
    for name in ("layanan_token", "lke_usulan", "lke_jawaban", "lke_unit"):
        op.drop_table(name)
