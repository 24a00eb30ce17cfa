"""The store's tables as SQLAlchemy Core objects (the queries' view; Alembic owns the DDL).

Register and recap-history tables keep the 0.1 SQLite names and columns, so the shapes
documented in docs/rekap.md still hold; ``metrics`` gained an ``id`` (insertion order,
which SQLite's rowid gave before). Dates are ISO text on both backends so both give
identical output. A new column or table = a new revision in ``migrations/versions/`` plus
its line here.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

# -- numbering register ---------------------------------------------------------------------------
format_nomor = Table(
    "format_nomor", metadata,
    Column("jenis", String(100), primary_key=True),
    Column("pola", Text, nullable=False),
)

penghitung = Table(
    "penghitung", metadata,
    Column("jenis", String(100), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("terakhir", Integer, nullable=False),
    PrimaryKeyConstraint("jenis", "tahun"),
)

nomor_terbit = Table(
    "nomor_terbit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nomor", String(200), nullable=False, unique=True),
    Column("jenis", String(100), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("urut", Integer),  # empty for a hand-typed number outside the office format (0003)
    Column("tanggal", String(10), nullable=False),
    Column("hal", Text, nullable=False, server_default=""),
    Column("tujuan", Text, nullable=False, server_default=""),
    Column("file", Text, nullable=False, server_default=""),
    Column("sha256", String(64), nullable=False, server_default=""),
    Column("status", String(20), nullable=False, server_default="dicadangkan"),
    Column("keterangan", Text, nullable=False, server_default=""),
    Column("dibuat", String(32), nullable=False),
    # revision 0003 (issue 16): where the number came from, cancellation, archive, warnings
    Column("asal", String(20), nullable=False, server_default="register"),  # register | manual | cadangan
    Column("alasan_batal", Text, nullable=False, server_default=""),
    Column("dibatalkan", String(32)),
    Column("pdf_sha256", String(64), nullable=False, server_default=""),
    Column("peringatan", Text, nullable=False, server_default=""),
    # revision 0004 (issue 19): the submission a rekap letter answers (kind|period|unit|sha256), else ""
    Column("kunci", String(300), nullable=False, server_default=""),
    UniqueConstraint("jenis", "tahun", "urut"),
    Index("nomor_terbit_tanggal", "jenis", "tahun", "tanggal"),
    Index("nomor_terbit_kunci", "kunci"),
    sqlite_autoincrement=True,
)

# the produced .docx/.pdf of each letter, content-addressed (reprint, integrity check)
arsip = Table(
    "arsip", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("ukuran", Integer, nullable=False),
    Column("isi", LargeBinary, nullable=False),
    Column("dibuat", String(32), nullable=False),
)

# which office the register belongs to (kode_unit, nama_kantor)
register_info = Table(
    "register_info", metadata,
    Column("kunci", String(50), primary_key=True),
    Column("nilai", Text, nullable=False),
)

# -- recap history ----------------------------------------------------------------------------------
runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("kind", String(100), nullable=False),
    Column("period", Text),
    Column("output", Text),
    Column("n_files", Integer, nullable=False),
    Column("n_new", Integer, nullable=False),
    sqlite_autoincrement=True,
)

submissions = Table(
    "submissions", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("kind", String(100), nullable=False),
    Column("unit_key", Text, nullable=False),
    Column("kode_unit", Text),
    Column("nama_unit", Text),
    Column("tahun", Integer),
    Column("periode", Text),
    Column("tanggal_pengisian", String(10)),
    Column("file_name", Text),
    Column("file_mtime", Float),
    Column("status", Text),
    Column("versi_skema", Text),
    Index("submissions_unit", "unit_key", "tahun", "periode"),
)

metrics = Table(
    "metrics", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), ForeignKey("submissions.sha256"), nullable=False),
    Column("metric", Text, nullable=False),
    Column("value", Float),
    UniqueConstraint("sha256", "metric", name="metrics_sha256_metric"),
)

# -- LKE ZI 2026 (issue 17 owns these; shape agreed in /work/coord/LOG.md; revision 0002) ------------
lke_unit = Table(
    "lke_unit", metadata,
    Column("periode", String(20), nullable=False),
    Column("unit_id", String(100), nullable=False),
    Column("nama", Text),
    Column("model", String(50)),
    Column("sumber", Text),
    Column("sha256", String(64)),
    Column("skor_unit", Float),
    Column("skor_tpi", Float),
    Column("predikat", String(20)),
    Column("diimpor_pada", String(32)),
    PrimaryKeyConstraint("periode", "unit_id"),
)

lke_jawaban = Table(
    "lke_jawaban", metadata,
    Column("periode", String(20), nullable=False),
    Column("unit_id", String(100), nullable=False),
    Column("soal_id", String(50), nullable=False),
    Column("baris", Integer),
    Column("jawaban_unit", Text),
    Column("catatan_unit", Text),
    Column("bukti_unit", Text),
    Column("jawaban_tpi", Text),
    Column("catatan_tpi", Text),
    PrimaryKeyConstraint("periode", "unit_id", "soal_id"),
)

lke_usulan = Table(
    "lke_usulan", metadata,
    Column("periode", String(20), nullable=False),
    Column("unit_id", String(100), nullable=False),
    Column("nama", Text),
    Column("kategori", String(10)),  # WBK | WBBM
    Column("afirmasi", Boolean, nullable=False, server_default=false()),
    Column("dikonfirmasi_pada", String(32)),
    PrimaryKeyConstraint("periode", "unit_id"),
)

layanan_token = Table(
    "layanan_token", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nama", Text, nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("dibuat_pada", String(32), nullable=False),
    Column("dicabut_pada", String(32)),
)

REGISTER_TABLES = ("format_nomor", "penghitung", "nomor_terbit", "arsip", "register_info")
HISTORY_TABLES = ("runs", "submissions", "metrics")
LKE_TABLES = ("lke_unit", "lke_jawaban", "lke_usulan", "layanan_token")
