"""The store on both backends (``store_url``: SQLite file and a live PostgreSQL): same semantics."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.support.office import set_sample_formats
from tests.support.synthetic_units import identitas_for, komitmen_rows, unit_rows, write_unit_workbook_fast
from toolkit.documents.register import NumberRegister, RegisterError
from toolkit.errors import UsageError
from toolkit.rekap import History, Unit, run_rekap, write_unit_list
from toolkit.store import Store, StoreError, open_store
from toolkit.store.migrate import head_revision

UNITS = [Unit(f"KPPN-{i:02d}", f"KPPN Uji {i:02d}", "KPPN", batas_kirim=dt.date(2026, 12, 31)) for i in range(1, 7)]


def unit_folder(folder: Path, units: list[Unit], periode: str = "TW II", seed: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, u in enumerate(units):
        rows = unit_rows(random.Random(seed + i), 8, quarter=2)
        write_unit_workbook_fast(folder / f"{u.kode}.xlsx",
                                 identitas_for(u.kode, u.nama, u.jenis, periode=periode,
                                               tanggal=dt.date(2026, 7, 1 + i)),
                                 {"rencana": rows, "komitmen": komitmen_rows()})
    return folder


@pytest.fixture
def store(store_url: str):  # type: ignore[no-untyped-def]
    s = open_store(store_url)
    yield s
    s.close()


def test_open_creates_schema_at_head_and_reopens_without_work(store: Store, store_url: str) -> None:
    rev = store.read(lambda c: c.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
    assert rev == head_revision()
    tables = store.read(lambda c: set(c.dialect.get_table_names(c)))
    assert {"nomor_terbit", "penghitung", "format_nomor", "runs", "submissions", "metrics", "lke_unit",
            "lke_jawaban", "lke_usulan", "layanan_token"} <= tables
    again = open_store(store_url)
    assert again.backup_made is None
    again.close()


def test_migrations_match_schema(store: Store) -> None:
    """schema.py (what the queries use) and migrations/ (what creates the tables) say the same thing."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from toolkit.store.schema import metadata

    def diff(c):  # type: ignore[no-untyped-def]
        return compare_metadata(MigrationContext.configure(c), metadata)

    changes = [d for d in store.read(diff) if not (isinstance(d, tuple) and d[0] == "remove_table"
                                                    and d[1].name == "alembic_version")]
    assert changes == []


def test_numbers_per_kind_and_year_consecutive(store: Store) -> None:
    reg = set_sample_formats(NumberRegister(store=store))
    a = [reg.allocate("nota-dinas", tanggal=dt.date(2025, 12, 31), hal=f"h{i}") for i in range(3)]
    b = [reg.allocate("nota-dinas", tanggal=dt.date(2026, 1, 2)) for _ in range(2)]
    c = reg.allocate("surat-dinas", tanggal=dt.date(2026, 1, 2))
    assert a == ["ND-1/PB.1/2025", "ND-2/PB.1/2025", "ND-3/PB.1/2025"]
    assert b == ["ND-1/PB.1/2026", "ND-2/PB.1/2026"] and c == "700/1/ITDAKAB/2026"
    reg.set_format("undangan", "UND-{urut:03d}/{bulan_romawi}/{tahun}")
    assert reg.allocate("undangan", tanggal=dt.date(2026, 4, 1)) == "UND-001/IV/2026"
    reg.set_format("undangan", "UND-{urut}/{tahun}")  # upsert, not a second row
    assert reg.formats()["undangan"] == "UND-{urut}/{tahun}"
    reg.set_counter("nota-dinas", 2026, 40)
    assert reg.allocate("nota-dinas", tanggal=dt.date(2026, 5, 1)) == "ND-41/PB.1/2026"
    with pytest.raises(UsageError, match="tidak boleh mundur"):
        reg.set_counter("nota-dinas", 2026, 3)
    reg.cancel("ND-2/PB.1/2025", "printer rusak")
    rows = reg.issued(letter_type="nota-dinas", year=2025)
    assert [(r.urut, r.status) for r in rows] == [(1, "dicadangkan"), (2, "batal"), (3, "dicadangkan")]
    assert rows[0].hal == "h0" and rows[1].keterangan == "printer rusak"
    assert reg.count() == 8


def test_duplicate_number_is_refused_and_takes_nothing(store: Store) -> None:
    reg = set_sample_formats(NumberRegister(store=store))
    reg.set_format("tanpa-tahun", "X-{urut}")
    reg.allocate("tanpa-tahun", tanggal=dt.date(2025, 1, 1))
    with pytest.raises(RegisterError, match="bentrok"):
        reg.allocate("tanpa-tahun", tanggal=dt.date(2026, 1, 1))  # X-1 again: the pattern lacks {tahun}
    assert reg.count() == 1  # the failed transaction left no counter bump and no row
    assert store.read(lambda c: c.execute(text("SELECT terakhir FROM penghitung WHERE tahun = 2026"))
                      .scalar()) is None


def test_record_output_of_unknown_number(store: Store, tmp_path: Path) -> None:
    reg = set_sample_formats(NumberRegister(store=store))
    nomor = reg.allocate("nota-dinas")
    f = tmp_path / "surat.docx"
    f.write_bytes(b"isi")
    reg.record_output(nomor, f)
    assert reg.issued()[0].status == "terbit" and len(reg.issued()[0].sha256) == 64
    with pytest.raises(RegisterError, match="tidak ada di register"):
        reg.record_output("ND-999/X/2026", f, sha256="0" * 64)


def test_reader_is_not_blocked_by_an_open_write(store: Store) -> None:
    """Concurrent readers during a write: the reader sees the last commit at once, not the open write."""
    reg = set_sample_formats(NumberRegister(store=store))
    reg.allocate("nota-dinas", tanggal=dt.date(2026, 1, 1))
    inside, release = threading.Event(), threading.Event()

    def writer() -> None:
        def run(c):  # type: ignore[no-untyped-def]
            c.execute(text("UPDATE penghitung SET terakhir = terakhir + 1"))
            c.execute(text("INSERT INTO nomor_terbit (nomor, jenis, tahun, urut, tanggal, dibuat) "
                           "VALUES ('ND-2/PB.1/2026', 'nota-dinas', 2026, 2, '2026-01-01', 'x')"))
            inside.set()
            assert release.wait(30)
        store.transact(run)

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert inside.wait(30)
        start = time.perf_counter()
        seen = [r.nomor for r in NumberRegister(store=store).issued()]
        assert time.perf_counter() - start < 2.0
        assert seen == ["ND-1/PB.1/2026"]
    finally:
        release.set()
        t.join()
    assert [r.nomor for r in reg.issued()] == ["ND-1/PB.1/2026", "ND-2/PB.1/2026"]


def test_history_rerun_adds_nothing_and_trend(store: Store, tmp_path: Path) -> None:
    daftar = write_unit_list(tmp_path / "daftar.xlsx", UNITS)
    tw2 = unit_folder(tmp_path / "tw2", UNITS)
    first = run_rekap([tw2], tmp_path / "R1.xlsx", unit_list=daftar, db=store, workers=1)
    assert first.new_in_history == len(UNITS)
    again = run_rekap([tw2], tmp_path / "R2.xlsx", unit_list=daftar, db=store, workers=1)
    assert again.new_in_history == 0
    tw4 = unit_folder(tmp_path / "tw4", UNITS[:2], periode="TW IV", seed=50)
    assert run_rekap([tw4], tmp_path / "R3.xlsx", unit_list=daftar, db=store, workers=1).new_in_history == 2
    with History(store=store) as h:
        assert (h.count("runs"), h.count("submissions")) == (2, len(UNITS) + 2)
        assert h.count("metrics") > 10 * (len(UNITS) + 2)
        trend = h.trend("KPPN-01")
    assert trend is not None and [p.label for p in trend.points] == ["TW II 2026", "TW IV 2026"]
    sent = next(f.submission for f in first.result.files if f.submission.identitas.get("kode_unit") == "KPPN-01"
                or str(f.submission.kode_unit) == "KPPN-01")
    assert trend.points[0].metrics["baris"] == sent.rows_total > 0


def test_lke_tables_keep_unit_and_tpi_sides(store: Store) -> None:
    """The LKE tables (shape owned by issue 17) exist and upsert alike on both backends."""
    from toolkit.store.dialect import upsert
    from toolkit.store.schema import lke_jawaban

    keys = ["periode", "unit_id", "soal_id"]
    base = {"periode": "2026", "unit_id": "KPPN-01", "soal_id": "1.a"}
    store.transact(lambda c: c.execute(upsert(c, lke_jawaban, {**base, "jawaban_unit": "Ya", "bukti_unit": "sk.pdf"},
                                              keys)))
    store.transact(lambda c: c.execute(upsert(c, lke_jawaban, {**base, "jawaban_tpi": "Tidak"}, keys)))
    row = store.read(lambda c: c.execute(lke_jawaban.select()).one()._mapping)
    assert (row["jawaban_unit"], row["bukti_unit"], row["jawaban_tpi"]) == ("Ya", "sk.pdf", "Tidak")


def test_missing_sqlite_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder basis data SQLite tidak ada"):
        open_store(f"sqlite:///{tmp_path / 'tidak-ada' / 'x.sqlite'}")


def test_unreachable_postgresql_is_one_line(tmp_path: Path) -> None:
    from tests.support.postgres import free_port

    with pytest.raises(StoreError) as err:
        open_store(f"postgresql://integritas@127.0.0.1:{free_port()}/tidak")
    assert "PostgreSQL" in err.value.message and "\n" not in err.value.message


def test_number_formats_identical_on_both_backends(store: Store) -> None:
    """PostgreSQL builds the number in SQL (one statement under the row lock); it must equal Python's format."""
    from toolkit.documents.register import format_number

    reg = NumberRegister(store=store)
    day = dt.date(2026, 11, 9)
    for kind, pattern in (("a", "UND-{urut:03d}/{bulan_romawi}/{kode}/{tahun}"), ("b", "{urut:>4}-X/{bulan}"),
                          ("c", "P-{urut:02d}"), ("d", "{kode}.{urut}.{urut:04d}")):
        reg.set_format(kind, pattern)
        reg.set_counter(kind, 2026, 98)
        got = [reg.allocate(kind, tanggal=day, kode="KP.01") for _ in range(3)]
        assert got == [format_number(pattern, urut=u, date=day, kode="KP.01") for u in (99, 100, 101)]
