"""A letter's key (issue 19): which submission a letter made by ``rekap --surat`` answers.

``nomor_terbit.kunci``: kind | period | unit | workbook sha256 of the submission the letter
answers (empty for other letters). A re-run with the same submissions reuses the letter and
its number whatever letters folder it writes to — the register, not a folder, remembers it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("nomor_terbit") as batch:
        batch.add_column(sa.Column("kunci", sa.String(300), nullable=False, server_default=""))
    op.create_index("nomor_terbit_kunci", "nomor_terbit", ["kunci"])


def downgrade() -> None:
    op.drop_index("nomor_terbit_kunci", table_name="nomor_terbit")
    with op.batch_alter_table("nomor_terbit") as batch:
        batch.drop_column("kunci")
