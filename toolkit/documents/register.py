"""The numbering register: kept in the store (``toolkit.store``), numbers allocated atomically.

Each letter type has a configurable format such as ``ND-{urut}/PB.1/{tahun}`` (seed
000: ND-1182/PB.1/2023) or ``700/{urut}/ITDAKAB/{tahun}`` (seed 004:
700/40/ITDAKAB/2024). Fields: ``{urut}`` (the running number, optionally padded
as ``{urut:03d}``), ``{tahun}``, ``{bulan}`` (1–12), ``{bulan_romawi}`` (IV) and
``{kode}`` (a free code given per letter). Numbering restarts every year.

Allocation is one store transaction (``Store.transact``): the counter row is bumped with
``UPDATE … RETURNING`` and the issued number inserted in the same transaction. SQLite
starts it with ``BEGIN IMMEDIATE`` (the write lock before anything is read); PostgreSQL
holds the counter's row lock until commit. So two people (or eight processes generating
letters at once, on one PC or several) never get the same number, and numbers stay
consecutive: a failed transaction takes nothing. Readers (``integritas surat daftar``)
never block writers. Every issued number is recorded with date, type, hal, recipient,
output file and its sha256; a number whose letter could not be written is kept and
marked *batal*, never reused.

``NumberRegister(path)`` still opens a single SQLite file (0.1 files are upgraded in place
after a backup); ``NumberRegister()`` opens the office store; ``NumberRegister(store=s)``
shares an open store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Integer, String, case, cast, func, literal, select, update
from sqlalchemy.exc import IntegrityError

from toolkit.errors import UsageError
from toolkit.store import Store, StoreError, open_store
from toolkit.store.dialect import insert_ignore, upsert
from toolkit.store.schema import format_nomor, nomor_terbit, penghitung

# No built-in format (issue 16): the sample's "ND-{urut}/PB.1/{tahun}" once numbered another office's letters
# with the Treasury's code. Every office sets its own (integritas kantor buat / kantor format).
DEFAULT_FORMATS: dict[str, str] = {}
FIELDS = ("urut", "tahun", "bulan", "bulan_romawi", "kode")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

COLUMNS = ("id", "nomor", "jenis", "tahun", "urut", "tanggal", "hal", "tujuan", "file", "sha256",
           "status", "keterangan", "dibuat")


class RegisterError(StoreError):
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


def format_number(pattern: str, *, urut: Any, date: dt.date, kode: str = "") -> str:
    return pattern.format(urut=urut, tahun=date.year, bulan=date.month,
                          bulan_romawi=ROMAN_MONTHS[date.month - 1], kode=kode)


class _UrutSlot:
    """Stands for ``{urut}`` while the rest of a pattern is formatted; leaves its format spec as a marker."""

    def __format__(self, spec: str) -> str:
        return f"\x00{spec}\x00"


def _sql_number(pattern: str, date: dt.date, kode: str, urut: Any) -> Any | None:
    """The number as a SQL expression of the counter ``urut`` (None when a spec has no SQL form)."""
    pieces = format_number(pattern, urut=_UrutSlot(), date=date, kode=kode).split("\x00")
    parts: list[Any] = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                parts.append(literal(piece, String))
            continue
        digits: Any = cast(urut, String)
        m = re.fullmatch(r"0?(\d*)d?", piece)
        if m is None:
            return None
        width = int(m.group(1) or 0)
        if piece.startswith("0") and width:  # {urut:03d}: pad, never cut (Python keeps 1000 whole)
            digits = case((func.length(digits) >= width, digits), else_=func.lpad(digits, width, "0"))
        elif width:
            return None  # space padding: rare, formatted in Python
        parts.append(digits)
    expr = parts[0]
    for part in parts[1:]:
        expr = expr.op("||")(part)
    return expr


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def store_for(location: str | Path | None, *, timeout: float = 60.0) -> Store:
    """The store behind ``location``: a SQLite file path (its folder is created, as in 0.1), a URL, or None
    (the office store: --basisdata / $INTEGRITAS_BASISDATA / kantor.yaml / the user data folder)."""
    if location is None:
        return open_store(timeout=timeout)
    text = str(location)
    if "://" in text:
        return open_store(text, timeout=timeout)
    return open_store(Path(text), create_dirs=True, timeout=timeout)


class NumberRegister:
    """The numbering register on a store; safe for several processes and PCs at once."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 60.0, store: Store | None = None) -> None:
        self._own = store is None
        self.store = store if store is not None else store_for(path, timeout=timeout)
        self.path: Path | None = self.store.path  # the SQLite file; None on PostgreSQL

    def close(self) -> None:
        if self._own:
            self.store.close()

    def __enter__(self) -> NumberRegister:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- formats --------------------------------------------------------------------------------

    def set_format(self, letter_type: str, pattern: str) -> None:
        validate_format(pattern)
        self.store.transact(lambda c: c.execute(upsert(c, format_nomor, {"jenis": letter_type, "pola": pattern},
                                                        ["jenis"])))

    @staticmethod
    def _format(c: Connection, letter_type: str) -> str:
        row = c.execute(select(format_nomor.c.pola).where(format_nomor.c.jenis == letter_type)).first()
        if row:
            return str(row[0])
        if letter_type in DEFAULT_FORMATS:
            return DEFAULT_FORMATS[letter_type]
        raise UsageError(f"jenis naskah '{letter_type}' belum punya format nomor; naskah tidak diberi nomor. Atur "
                         f"dengan 'integritas kantor format {letter_type} POLA'.")

    def get_format(self, letter_type: str) -> str:
        return self.store.read(lambda c: self._format(c, letter_type))

    def formats(self) -> dict[str, str]:
        out = dict(DEFAULT_FORMATS)
        out.update(self.store.read(lambda c: {r[0]: r[1] for r in c.execute(select(format_nomor))}))
        return out

    def set_counter(self, letter_type: str, year: int, last: int) -> None:
        """Continue from an existing paper register: the next number will be ``last + 1``."""
        def run(c: Connection) -> None:
            key = {"jenis": letter_type, "tahun": year}
            c.execute(insert_ignore(c, penghitung, {**key, "terakhir": 0}))
            c.execute(select(penghitung.c.terakhir).where(penghitung.c.jenis == letter_type,
                                                          penghitung.c.tahun == year).with_for_update())
            used = c.execute(select(func.max(nomor_terbit.c.urut)).where(
                nomor_terbit.c.jenis == letter_type, nomor_terbit.c.tahun == year)).scalar()
            if used is not None and last < used:
                raise UsageError(f"nomor {letter_type} tahun {year} sudah terpakai sampai {used}; "
                                 f"penghitung tidak boleh mundur ke {last}.")
            c.execute(update(penghitung).where(penghitung.c.jenis == letter_type, penghitung.c.tahun == year)
                      .values(terakhir=last))

        self.store.transact(run)

    # -- allocation ---------------------------------------------------------------------------------

    def allocate(self, letter_type: str, *, hal: str = "", tujuan: str = "", tanggal: dt.date | None = None,
                 kode: str = "", file: str | Path = "") -> str:
        """Take the next number of ``letter_type`` for the year of ``tanggal`` and record it."""
        date = tanggal or dt.date.today()
        now = dt.datetime.now().isoformat(timespec="seconds")

        def run(c: Connection) -> str:
            pattern = self._format(c, letter_type)
            for attempt in (1, 2):  # the second time after creating the year's counter row
                if c.dialect.name == "postgresql":  # the row lock is held for one statement and the commit only
                    done = self._allocate_one_statement(c, pattern, letter_type, date, kode, hal, tujuan, file, now)
                    if done is not None and done != "":
                        return done
                if c.dialect.name != "postgresql" or done is None:
                    bumped = c.execute(
                        update(penghitung).where(penghitung.c.jenis == letter_type, penghitung.c.tahun == date.year)
                        .values(terakhir=penghitung.c.terakhir + 1).returning(penghitung.c.terakhir)).first()
                    if bumped is not None:
                        urut = int(bumped[0])
                        nomor = format_number(pattern, urut=urut, date=date, kode=kode)
                        c.execute(nomor_terbit.insert().values(
                            nomor=nomor, jenis=letter_type, tahun=date.year, urut=urut, tanggal=date.isoformat(),
                            hal=hal, tujuan=tujuan, file=str(file), dibuat=now))
                        return nomor
                if attempt == 1:
                    c.execute(insert_ignore(c, penghitung, {"jenis": letter_type, "tahun": date.year, "terakhir": 0}))
            raise AssertionError("penghitung tidak dapat dibuat")  # pragma: no cover

        try:
            return self.store.transact(run)
        except StoreError as err:
            if isinstance(err.__cause__, IntegrityError):
                raise RegisterError(f"nomor {letter_type} bentrok dengan nomor yang sudah terbit "
                                    f"({str(err.__cause__.orig).splitlines()[0]}); periksa format nomor dan "
                                    "penghitung.", path=self.path) from err.__cause__
            raise

    @staticmethod
    def _allocate_one_statement(c: Connection, pattern: str, letter_type: str, date: dt.date, kode: str, hal: str,
                                tujuan: str, file: str | Path, now: str) -> str | None:
        """``WITH n AS (UPDATE penghitung … RETURNING terakhir) INSERT INTO nomor_terbit SELECT …``.

        The number, or "" when the year's counter row does not exist yet, or None when the pattern has
        a format spec SQL cannot reproduce (then the two-statement path runs)."""
        bumped = (update(penghitung).where(penghitung.c.jenis == letter_type, penghitung.c.tahun == date.year)
                  .values(terakhir=penghitung.c.terakhir + 1).returning(penghitung.c.terakhir).cte("n"))
        nomor = _sql_number(pattern, date, kode, bumped.c.terakhir)
        if nomor is None:
            return None
        values = select(nomor, literal(letter_type, String), literal(date.year, Integer), bumped.c.terakhir,
                        literal(date.isoformat(), String), literal(hal, String), literal(tujuan, String),
                        literal(str(file), String), literal(now, String))
        stmt = (nomor_terbit.insert()
                .from_select(["nomor", "jenis", "tahun", "urut", "tanggal", "hal", "tujuan", "file", "dibuat"], values)
                .add_cte(bumped).returning(nomor_terbit.c.nomor))
        row = c.execute(stmt).first()
        return "" if row is None else str(row[0])

    def record_output(self, nomor: str, file: str | Path, *, sha256: str | None = None) -> None:
        digest = sha256 or sha256_file(file)

        def run(c: Connection) -> None:
            cur = c.execute(update(nomor_terbit).where(nomor_terbit.c.nomor == nomor)
                            .values(file=str(file), sha256=digest, status="terbit"))
            if cur.rowcount != 1:
                raise RegisterError(f"nomor {nomor} tidak ada di register.", path=self.path)

        self.store.transact(run)

    def cancel(self, nomor: str, reason: str) -> None:
        """Mark a number whose letter was not written; it is never given out again."""
        self.store.transact(lambda c: c.execute(update(nomor_terbit).where(nomor_terbit.c.nomor == nomor)
                                                .values(status="batal", keterangan=reason[:500])))

    # -- reading ----------------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.store.read(lambda c: c.execute(select(func.count()).select_from(nomor_terbit)).scalar_one()))

    def issued(self, *, letter_type: str | None = None, year: int | None = None) -> list[IssuedNumber]:
        q = select(*[nomor_terbit.c[name] for name in COLUMNS])
        if letter_type:
            q = q.where(nomor_terbit.c.jenis == letter_type)
        if year:
            q = q.where(nomor_terbit.c.tahun == year)
        q = q.order_by(nomor_terbit.c.jenis, nomor_terbit.c.tahun, nomor_terbit.c.urut)
        return self.store.read(lambda c: [IssuedNumber(*row) for row in c.execute(q)])
