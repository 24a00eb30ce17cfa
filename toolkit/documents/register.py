"""The numbering register: one SQLite file per office, numbers allocated atomically.

Each letter type has a configurable format such as ``ND-{urut}/PB.1/{tahun}`` (seed
000: ND-1182/PB.1/2023) or ``700/{urut}/ITDAKAB/{tahun}`` (seed 004:
700/40/ITDAKAB/2024). Fields: ``{urut}`` (the running number, optionally padded
as ``{urut:03d}``), ``{tahun}``, ``{bulan}`` (1–12), ``{bulan_romawi}`` (IV) and
``{kode}`` (a free code given per letter). Numbering restarts every year.

Allocation is one ``BEGIN IMMEDIATE`` transaction: it takes SQLite's write lock
before reading the counter, so two people (or two processes generating 200
letters at once) can never get the same number, and the numbers stay consecutive.
The database runs in WAL mode so readers (``integritas surat daftar``) never block
writers. Every issued number is recorded with date, type, hal, recipient, output
file and its sha256; a number whose letter could not be written is kept and
marked *batal*, never reused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import string
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import ToolkitError, UsageError

DEFAULT_FORMATS: dict[str, str] = {
    "nota-dinas": "ND-{urut}/PB.1/{tahun}",
    "surat-dinas": "700/{urut}/ITDAKAB/{tahun}",
    "laporan-monev": "LAP-{urut}/ZI/{tahun}",
    "laporan-kepatuhan": "LAP-{urut}/PI/{tahun}",
    "laporan-spi": "LAP-{urut}/SPI/{tahun}",
}
FIELDS = ("urut", "tahun", "bulan", "bulan_romawi", "kode")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS format_nomor (
    jenis TEXT PRIMARY KEY,
    pola TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS penghitung (
    jenis TEXT NOT NULL,
    tahun INTEGER NOT NULL,
    terakhir INTEGER NOT NULL,
    PRIMARY KEY (jenis, tahun)
);
CREATE TABLE IF NOT EXISTS nomor_terbit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    nomor TEXT NOT NULL UNIQUE,
    jenis TEXT NOT NULL,
    tahun INTEGER NOT NULL,
    urut INTEGER NOT NULL,
    tanggal TEXT NOT NULL,
    hal TEXT NOT NULL DEFAULT '',
    tujuan TEXT NOT NULL DEFAULT '',
    file TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'dicadangkan',
    keterangan TEXT NOT NULL DEFAULT '',
    dibuat TEXT NOT NULL,
    UNIQUE (jenis, tahun, urut)
);
"""

COLUMNS = ("id", "nomor", "jenis", "tahun", "urut", "tanggal", "hal", "tujuan", "file", "sha256",
           "status", "keterangan", "dibuat")


class RegisterError(ToolkitError):
    """The numbering register cannot be opened or used."""


@dataclass(frozen=True)
class IssuedNumber:
    id: int
    nomor: str
    jenis: str
    tahun: int
    urut: int
    tanggal: str
    hal: str
    tujuan: str
    file: str
    sha256: str
    status: str
    keterangan: str
    dibuat: str

    def as_row(self) -> list[Any]:
        return [getattr(self, c) for c in COLUMNS]


def validate_format(pattern: str) -> str:
    """The pattern itself, or UsageError when it has no ``{urut}`` or an unknown field."""
    names = set()
    try:
        for _text, field, _spec, _conv in string.Formatter().parse(pattern):
            if field is not None:
                names.add(field)
    except ValueError as exc:
        raise UsageError(f"format nomor '{pattern}' tidak sah: {exc}.") from exc
    if "urut" not in names:
        raise UsageError(f"format nomor '{pattern}' harus memuat {{urut}}.")
    unknown = names - set(FIELDS)
    if unknown:
        raise UsageError(f"format nomor '{pattern}' memuat isian tidak dikenal: "
                         f"{', '.join(sorted(unknown))} (yang boleh: {', '.join(FIELDS)}).")
    return pattern


def format_number(pattern: str, *, urut: int, date: dt.date, kode: str = "") -> str:
    return pattern.format(urut=urut, tahun=date.year, bulan=date.month,
                          bulan_romawi=ROMAN_MONTHS[date.month - 1], kode=kode)


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


class NumberRegister:
    """SQLite numbering register; safe for several processes at once (see module docstring)."""

    def __init__(self, path: str | Path, *, timeout: float = 60.0) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            self._conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise RegisterError(f"register penomoran tidak dapat dibuka ({exc}).", path=self.path) from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> NumberRegister:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE``: the write lock is taken before anything is read."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- formats --------------------------------------------------------------------------------

    def set_format(self, letter_type: str, pattern: str) -> None:
        validate_format(pattern)
        with self._transaction() as c:
            c.execute("INSERT INTO format_nomor (jenis, pola) VALUES (?, ?) "
                      "ON CONFLICT(jenis) DO UPDATE SET pola = excluded.pola", (letter_type, pattern))

    def get_format(self, letter_type: str) -> str:
        row = self._conn.execute("SELECT pola FROM format_nomor WHERE jenis = ?", (letter_type,)).fetchone()
        if row:
            return str(row[0])
        if letter_type in DEFAULT_FORMATS:
            return DEFAULT_FORMATS[letter_type]
        raise UsageError(f"jenis naskah '{letter_type}' belum punya format nomor; atur dengan "
                         f"'integritas surat format-nomor {letter_type} POLA'.")

    def formats(self) -> dict[str, str]:
        out = dict(DEFAULT_FORMATS)
        out.update({r[0]: r[1] for r in self._conn.execute("SELECT jenis, pola FROM format_nomor")})
        return out

    def set_counter(self, letter_type: str, year: int, last: int) -> None:
        """Continue from an existing paper register: the next number will be ``last + 1``."""
        with self._transaction() as c:
            used = c.execute("SELECT MAX(urut) FROM nomor_terbit WHERE jenis = ? AND tahun = ?",
                             (letter_type, year)).fetchone()[0]
            if used is not None and last < used:
                raise UsageError(f"nomor {letter_type} tahun {year} sudah terpakai sampai {used}; "
                                 f"penghitung tidak boleh mundur ke {last}.")
            c.execute("INSERT INTO penghitung (jenis, tahun, terakhir) VALUES (?, ?, ?) "
                      "ON CONFLICT(jenis, tahun) DO UPDATE SET terakhir = excluded.terakhir",
                      (letter_type, year, last))

    # -- allocation ---------------------------------------------------------------------------------

    def allocate(self, letter_type: str, *, hal: str = "", tujuan: str = "", tanggal: dt.date | None = None,
                 kode: str = "", file: str | Path = "") -> str:
        """Take the next number of ``letter_type`` for the year of ``tanggal`` and record it."""
        date = tanggal or dt.date.today()
        now = dt.datetime.now().isoformat(timespec="seconds")
        try:
            with self._transaction() as c:
                row = c.execute("SELECT pola FROM format_nomor WHERE jenis = ?", (letter_type,)).fetchone()
                pattern = str(row[0]) if row else self.get_format(letter_type)
                cur = c.execute("SELECT terakhir FROM penghitung WHERE jenis = ? AND tahun = ?",
                                (letter_type, date.year)).fetchone()
                urut = (int(cur[0]) if cur else 0) + 1
                nomor = format_number(pattern, urut=urut, date=date, kode=kode)
                c.execute("INSERT INTO penghitung (jenis, tahun, terakhir) VALUES (?, ?, ?) "
                          "ON CONFLICT(jenis, tahun) DO UPDATE SET terakhir = excluded.terakhir",
                          (letter_type, date.year, urut))
                c.execute("INSERT INTO nomor_terbit (nomor, jenis, tahun, urut, tanggal, hal, tujuan, file, dibuat) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (nomor, letter_type, date.year, urut, date.isoformat(), hal, tujuan, str(file), now))
        except sqlite3.IntegrityError as exc:
            raise RegisterError(f"nomor {letter_type} bentrok dengan nomor yang sudah terbit ({exc}); "
                                "periksa format nomor dan penghitung.", path=self.path) from exc
        except sqlite3.OperationalError as exc:
            raise RegisterError(f"register penomoran sibuk atau terkunci ({exc}).", path=self.path) from exc
        return nomor

    def record_output(self, nomor: str, file: str | Path, *, sha256: str | None = None) -> None:
        digest = sha256 or sha256_file(file)
        with self._transaction() as c:
            cur = c.execute("UPDATE nomor_terbit SET file = ?, sha256 = ?, status = 'terbit' WHERE nomor = ?",
                            (str(file), digest, nomor))
            if cur.rowcount != 1:
                raise RegisterError(f"nomor {nomor} tidak ada di register.", path=self.path)

    def cancel(self, nomor: str, reason: str) -> None:
        """Mark a number whose letter was not written; it is never given out again."""
        with self._transaction() as c:
            c.execute("UPDATE nomor_terbit SET status = 'batal', keterangan = ? WHERE nomor = ?",
                      (reason[:500], nomor))

    # -- reading ----------------------------------------------------------------------------------------

    def issued(self, *, letter_type: str | None = None, year: int | None = None) -> list[IssuedNumber]:
        sql = f"SELECT {', '.join(COLUMNS)} FROM nomor_terbit"
        where: list[str] = []
        args: list[object] = []
        if letter_type:
            where.append("jenis = ?")
            args.append(letter_type)
        if year:
            where.append("tahun = ?")
            args.append(year)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY jenis, tahun, urut"
        return [IssuedNumber(*row) for row in self._conn.execute(sql, args)]
