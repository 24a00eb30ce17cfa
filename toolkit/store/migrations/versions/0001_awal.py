"""First store schema: the numbering register and the recap history.

Adopts a 0.1 register or history SQLite file in place: tables that already exist are kept
(their columns are the same), and the 0.1 ``metrics`` table (ordered by SQLite's rowid) is
rebuilt with an ``id`` column in the same order.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> set[str]:
    return set(sa.inspect(op.get_bind()).get_table_names())


def upgrade() -> None:
    have = _tables()
    if "format_nomor" not in have:
        op.create_table("format_nomor",
                        sa.Column("jenis", sa.String(100), primary_key=True),
                        sa.Column("pola", sa.Text, nullable=False))
    if "penghitung" not in have:
        op.create_table("penghitung",
                        sa.Column("jenis", sa.String(100), nullable=False),
                        sa.Column("tahun", sa.Integer, nullable=False),
                        sa.Column("terakhir", sa.Integer, nullable=False),
                        sa.PrimaryKeyConstraint("jenis", "tahun"))
    if "nomor_terbit" not in have:
        op.create_table("nomor_terbit",
                        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                        sa.Column("nomor", sa.String(200), nullable=False, unique=True),
                        sa.Column("jenis", sa.String(100), nullable=False),
                        sa.Column("tahun", sa.Integer, nullable=False),
                        sa.Column("urut", sa.Integer, nullable=False),
                        sa.Column("tanggal", sa.String(10), nullable=False),
                        sa.Column("hal", sa.Text, nullable=False, server_default=""),
                        sa.Column("tujuan", sa.Text, nullable=False, server_default=""),
                        sa.Column("file", sa.Text, nullable=False, server_default=""),
                        sa.Column("sha256", sa.String(64), nullable=False, server_default=""),
                        sa.Column("status", sa.String(20), nullable=False, server_default="dicadangkan"),
                        sa.Column("keterangan", sa.Text, nullable=False, server_default=""),
                        sa.Column("dibuat", sa.String(32), nullable=False),
                        sa.UniqueConstraint("jenis", "tahun", "urut"),
                        sqlite_autoincrement=True)
    if "runs" not in have:
        op.create_table("runs",
                        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                        sa.Column("started_at", sa.String(32), nullable=False),
                        sa.Column("kind", sa.String(100), nullable=False),
                        sa.Column("period", sa.Text),
                        sa.Column("output", sa.Text),
                        sa.Column("n_files", sa.Integer, nullable=False),
                        sa.Column("n_new", sa.Integer, nullable=False),
                        sqlite_autoincrement=True)
    if "submissions" not in have:
        op.create_table("submissions",
                        sa.Column("sha256", sa.String(64), primary_key=True),
                        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
                        sa.Column("kind", sa.String(100), nullable=False),
                        sa.Column("unit_key", sa.Text, nullable=False),
                        sa.Column("kode_unit", sa.Text),
                        sa.Column("nama_unit", sa.Text),
                        sa.Column("tahun", sa.Integer),
                        sa.Column("periode", sa.Text),
                        sa.Column("tanggal_pengisian", sa.String(10)),
                        sa.Column("file_name", sa.Text),
                        sa.Column("file_mtime", sa.Float),
                        sa.Column("status", sa.Text),
                        sa.Column("versi_skema", sa.Text))
        op.create_index("submissions_unit", "submissions", ["unit_key", "tahun", "periode"])
    metrics_columns: list[sa.schema.SchemaItem] = [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("submissions.sha256"), nullable=False),
        sa.Column("metric", sa.Text, nullable=False),
        sa.Column("value", sa.Float),
        sa.UniqueConstraint("sha256", "metric", name="metrics_sha256_metric"),
    ]
    if "metrics" not in have:
        op.create_table("metrics", *metrics_columns)
    elif "id" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("metrics")}:
        # 0.1 file: keep the rows in the order SQLite stored them (that order is the trend's row order)
        op.rename_table("metrics", "metrics_01")
        op.create_table("metrics", *metrics_columns)
        op.execute("INSERT INTO metrics (sha256, metric, value) "
                   "SELECT sha256, metric, value FROM metrics_01 ORDER BY rowid")
        op.drop_table("metrics_01")


def downgrade() -> None:
    for name in ("metrics", "submissions", "runs", "nomor_terbit", "penghitung",
                 "format_nomor"):
        op.drop_table(name)
