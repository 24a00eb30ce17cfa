"""The office's register: every number of every letter goes through it (issue 16).

On top of the store's numbering register (``NumberRegister``: counters, formats, issued
numbers, one transaction per allocation) this adds what a secretariat needs to trust it:

* **one register per office, found the same way from anywhere** — the store chosen by
  ``--register``/``--basisdata``/``$INTEGRITAS_BASISDATA``/``basisdata:`` in kantor.yaml/the
  user data folder, never the current folder; it is never created silently
  (:func:`open_office_register` says where and how to create it) and it knows its office
  (``register_info``: a register of another office's code is refused);
* **numbers in the office's own format** — no built-in format; ``{klasifikasi}`` and
  ``{keamanan}`` filled per letter;
* **hand-typed numbers** (``--nomor``, ``nomor:``) are recorded too (:meth:`claim`); a clash —
  the same number, or the same running number — is an Indonesian error naming the earlier
  letter; a hand-typed number that fits the format takes its running number, which the
  counter then skips;
* **numbers reserved in advance** (:meth:`reserve`), used later by typing them;
* **cancel** with a reason (kept, never given again), **search**, **reprint** from the archive
  (the produced .docx/.pdf kept in the store by sha256 and checked on the way out);
* a **warning for back-dated numbers** (a number dated before an earlier number of the year).

Concurrency: every operation is one store transaction. Allocation and hand-typed claims of
one kind and year both take the counter row first (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL:
``UPDATE … RETURNING``/``SELECT … FOR UPDATE`` on ``penghitung``), so they are serialised
per kind and year and a number is never given twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from toolkit.documents.register import ROMAN_MONTHS, NumberRegister, RegisterError, store_for
from toolkit.errors import UsageError
from toolkit.indonesian import format_tanggal
from toolkit.kantor import Office, number_parts
from toolkit.store import Store, StoreError
from toolkit.store.dialect import insert_ignore, upsert
from toolkit.store.schema import arsip, format_nomor, nomor_terbit, penghitung, register_info
from toolkit.store.url import resolve_location

ROW_COLUMNS = ("id", "nomor", "jenis", "tahun", "urut", "tanggal", "hal", "tujuan", "file", "sha256", "status",
               "keterangan", "dibuat", "asal", "alasan_batal", "dibatalkan", "pdf_sha256", "peringatan")
STATUS_LABEL = {"terbit": "terbit", "batal": "batal", "dipesan": "dicadangkan", "dicadangkan": "sedang dibuat"}
ASAL_LABEL = {"register": "dari register", "manual": "diketik", "cadangan": "dari cadangan"}


class NumberClashError(UsageError):
    """A number (or its running number) is already in the register."""


@dataclass(frozen=True)
class RegisterRow:
    id: int
    nomor: str
    jenis: str
    tahun: int
    urut: int | None
    tanggal: str
    hal: str
    tujuan: str
    file: str
    sha256: str
    status: str
    keterangan: str
    dibuat: str
    asal: str
    alasan_batal: str
    dibatalkan: str | None
    pdf_sha256: str
    peringatan: str

    @property
    def tanggal_id(self) -> str:
        return format_tanggal(dt.date.fromisoformat(self.tanggal))

    def describe(self) -> str:
        """The earlier letter, for a clash message: number, date, hal, file."""
        bits = [f"nomor {self.nomor}", f"tanggal {self.tanggal_id}"]
        if self.hal:
            bits.append(f"hal \"{self.hal}\"")
        if self.file:
            bits.append(f"file {self.file}")
        bits.append(f"status {STATUS_LABEL.get(self.status, self.status)}")
        return ", ".join(bits)


@dataclass(frozen=True)
class Allocation:
    nomor: str
    urut: int | None
    warning: str = ""


def _row(values: Sequence[Any]) -> RegisterRow:
    return RegisterRow(*values)


def _select_rows() -> Any:
    return select(*[nomor_terbit.c[name] for name in ROW_COLUMNS])


def number_regex(pattern: str, year: int) -> re.Pattern[str]:
    """A regex matching the numbers ``pattern`` makes in ``year``; group ``urut`` is the running number."""
    out = []
    seen_urut = False
    for literal, name, _spec, _conv in string.Formatter().parse(pattern):
        out.append(re.escape(literal))
        if name is None:
            continue
        if name == "urut" and not seen_urut:
            out.append(r"(?P<urut>\d+)")
            seen_urut = True
        elif name == "urut":
            out.append(r"\d+")
        elif name == "tahun":
            out.append(str(year))
        elif name == "bulan":
            out.append(r"\d{1,2}")
        elif name == "bulan_romawi":
            out.append(r"[IVX]+")
        elif name == "keamanan":
            out.append(r"[A-Z]{1,2}")
        else:
            out.append(r".+?")
    return re.compile("^" + "".join(out) + "$")


def format_office_number(pattern: str, *, urut: int, date: dt.date, parts: Mapping[str, str] | None = None) -> str:
    values = {"kode": "", "klasifikasi": "", "keamanan": "", **(parts or {})}
    return pattern.format(urut=urut, tahun=date.year, bulan=date.month, bulan_romawi=ROMAN_MONTHS[date.month - 1],
                          **values)


def _unique_violation(orig: BaseException | None) -> bool:
    """A duplicate key (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL 23505), not another refusal."""
    if getattr(orig, "sqlstate", None) == "23505":
        return True
    name = getattr(orig, "sqlite_errorname", None)  # Python 3.11+
    if name is not None:
        return name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY")
    return str(orig).startswith("UNIQUE constraint failed")  # SQLite's own text (Python 3.10)


class OfficeRegister(NumberRegister):
    """The office's register (see the module docstring). Open it with :func:`open_office_register`."""

    office: Office | None = None

    def __enter__(self) -> OfficeRegister:
        return self

    def parts_for(self, letter_type: str, data: Mapping[str, Any]) -> dict[str, str]:
        """The per-letter fields of the number ({klasifikasi}, {keamanan}), checked against the office."""
        return number_parts(self.office, letter_type, self.get_format(letter_type), data)

    # -- formats: none built in ---------------------------------------------------------------

    @staticmethod
    def _office_format(c: Connection, letter_type: str) -> str:
        row = c.execute(select(format_nomor.c.pola).where(format_nomor.c.jenis == letter_type)).first()
        if row is None:
            raise UsageError(f"kantor belum punya format nomor untuk {letter_type}; naskah tidak diberi nomor. "
                             f"Atur dengan 'integritas kantor format {letter_type} POLA' (mis. ND-{{urut}}/"
                             "{kode_unit}/{klasifikasi}/{bulan_romawi}/{tahun}).")
        return str(row[0])

    def get_format(self, letter_type: str) -> str:
        return self.store.read(lambda c: self._office_format(c, letter_type))

    def formats(self) -> dict[str, str]:
        return self.store.read(lambda c: {str(r[0]): str(r[1]) for r in c.execute(select(format_nomor))})

    # -- helpers inside a transaction ------------------------------------------------------------

    @staticmethod
    def _lock_counter(c: Connection, letter_type: str, year: int) -> int:
        c.execute(insert_ignore(c, penghitung, {"jenis": letter_type, "tahun": year, "terakhir": 0}))
        q = select(penghitung.c.terakhir).where(penghitung.c.jenis == letter_type, penghitung.c.tahun == year)
        return int(c.execute(q.with_for_update()).scalar_one())

    @staticmethod
    def _by_nomor(c: Connection, nomor: str) -> RegisterRow | None:
        row = c.execute(_select_rows().where(nomor_terbit.c.nomor == nomor)).first()
        return _row(row) if row else None

    @staticmethod
    def _by_urut(c: Connection, letter_type: str, year: int, urut: int) -> RegisterRow | None:
        row = c.execute(_select_rows().where(nomor_terbit.c.jenis == letter_type, nomor_terbit.c.tahun == year,
                                             nomor_terbit.c.urut == urut)).first()
        return _row(row) if row else None

    @staticmethod
    def _backdated(c: Connection, letter_type: str, date: dt.date, urut: int | None) -> str:
        """A warning when an earlier running number of the year carries a later date."""
        if urut is None:
            return ""
        row = c.execute(select(nomor_terbit.c.nomor, nomor_terbit.c.tanggal).where(
            nomor_terbit.c.jenis == letter_type, nomor_terbit.c.tahun == date.year, nomor_terbit.c.urut < urut,
            nomor_terbit.c.tanggal > date.isoformat(), nomor_terbit.c.status != "batal",
            nomor_terbit.c.status != "dipesan").order_by(nomor_terbit.c.tanggal.desc()).limit(1)).first()
        if row is None:
            return ""
        return (f"tanggal mundur: nomor ini bertanggal {format_tanggal(date)}, padahal nomor sebelumnya {row[0]} "
                f"bertanggal {format_tanggal(dt.date.fromisoformat(row[1]))}; periksa tanggal naskah.")

    # -- allocation --------------------------------------------------------------------------------

    def allocate(self, letter_type: str, *, hal: str = "", tujuan: str = "", tanggal: dt.date | None = None,
                 kode: str = "", file: str | Path = "", parts: Mapping[str, str] | None = None) -> str:
        return self.allocate_full(letter_type, hal=hal, tujuan=tujuan, tanggal=tanggal, file=file,
                                  parts={**({"kode": kode} if kode else {}), **(parts or {})}).nomor

    def allocate_full(self, letter_type: str, *, hal: str = "", tujuan: str = "", tanggal: dt.date | None = None,
                      file: str | Path = "", parts: Mapping[str, str] | None = None,
                      status: str = "dicadangkan", asal: str = "register") -> Allocation:
        """The next free running number of ``letter_type`` in the year of ``tanggal``, recorded."""
        date = tanggal or dt.date.today()
        now = dt.datetime.now().isoformat(timespec="seconds")

        def run(c: Connection) -> Allocation:
            pattern = self._office_format(c, letter_type)
            self._lock_counter(c, letter_type, date.year)
            while True:
                urut = int(c.execute(
                    update(penghitung).where(penghitung.c.jenis == letter_type, penghitung.c.tahun == date.year)
                    .values(terakhir=penghitung.c.terakhir + 1).returning(penghitung.c.terakhir)).scalar_one())
                if self._by_urut(c, letter_type, date.year, urut) is not None:
                    continue  # taken by a hand-typed or reserved number: the counter skips it
                nomor = format_office_number(pattern, urut=urut, date=date, parts=parts)
                if self._by_nomor(c, nomor) is None:
                    break
            warning = self._backdated(c, letter_type, date, urut)
            c.execute(nomor_terbit.insert().values(
                nomor=nomor, jenis=letter_type, tahun=date.year, urut=urut, tanggal=date.isoformat(), hal=hal,
                tujuan=tujuan, file=str(file), dibuat=now, status=status, asal=asal, peringatan=warning))
            return Allocation(nomor, urut, warning)

        return self._transact(run)

    def reserve(self, letter_type: str, count: int, *, tanggal: dt.date | None = None,
                parts: Mapping[str, str] | None = None, note: str = "") -> list[str]:
        """Reserve ``count`` numbers in advance (status *dicadangkan*), to be used by typing them later."""
        if count < 1 or count > 1000:
            raise UsageError("jumlah nomor yang dicadangkan harus 1 sampai 1000.")
        return [self.allocate_full(letter_type, hal=note, tanggal=tanggal, parts=parts, status="dipesan",
                                   asal="cadangan").nomor for _ in range(count)]

    def claim(self, nomor: str, letter_type: str, *, hal: str = "", tujuan: str = "",
              tanggal: dt.date | None = None, file: str | Path = "") -> Allocation:
        """Record a hand-typed number; a reserved one is taken, anything already used is a clash."""
        nomor = nomor.strip()
        date = tanggal or dt.date.today()
        now = dt.datetime.now().isoformat(timespec="seconds")

        def run(c: Connection) -> Allocation:
            self._lock_counter(c, letter_type, date.year)
            earlier = self._by_nomor(c, nomor)
            if earlier is not None:
                if earlier.status == "dipesan" and earlier.jenis == letter_type and earlier.tahun == date.year:
                    warning = self._backdated(c, letter_type, date, earlier.urut)
                    c.execute(update(nomor_terbit).where(nomor_terbit.c.id == earlier.id).values(
                        status="dicadangkan", hal=hal, tujuan=tujuan, tanggal=date.isoformat(), file=str(file),
                        peringatan=warning, keterangan=earlier.hal))
                    return Allocation(nomor, earlier.urut, warning)
                raise self._clash(nomor, earlier)
            urut = None
            fmt = c.execute(select(format_nomor.c.pola).where(format_nomor.c.jenis == letter_type)).first()
            if fmt is not None:
                m = number_regex(str(fmt[0]), date.year).match(nomor)
                if m and m.groupdict().get("urut"):
                    urut = int(m.group("urut"))
                    same = self._by_urut(c, letter_type, date.year, urut)
                    if same is not None:
                        raise NumberClashError(f"nomor urut {urut} {letter_type} tahun {date.year} sudah dipakai "
                                               f"oleh naskah sebelumnya ({same.describe()}); nomor {nomor} tidak "
                                               "dicatat dan naskah tidak dibuat.")
            warning = self._backdated(c, letter_type, date, urut)
            if fmt is not None and urut is None:
                warning = (warning + " " if warning else "") + (
                    f"nomor {nomor} tidak mengikuti format kantor untuk {letter_type} ({fmt[0]}); tetap dicatat.")
            c.execute(nomor_terbit.insert().values(
                nomor=nomor, jenis=letter_type, tahun=date.year, urut=urut, tanggal=date.isoformat(), hal=hal,
                tujuan=tujuan, file=str(file), dibuat=now, status="dicadangkan", asal="manual", peringatan=warning))
            return Allocation(nomor, urut, warning)

        try:
            return self._transact(run)
        except RegisterError:
            earlier = self.find(nomor)
            if earlier is not None:  # lost a race for the same number: name the winner
                raise self._clash(nomor, earlier) from None
            raise

    @staticmethod
    def _clash(nomor: str, earlier: RegisterRow) -> NumberClashError:
        return NumberClashError(f"nomor {nomor} sudah terpakai di register oleh naskah sebelumnya "
                                f"({earlier.describe()}); nomor tidak dicatat dan naskah tidak dibuat. Kosongkan "
                                "nomor agar diambil dari register, atau pakai nomor lain.")

    def _transact(self, fn: Any) -> Any:
        try:
            return self.store.transact(fn)
        except StoreError as err:
            if isinstance(err.__cause__, IntegrityError):
                if _unique_violation(err.__cause__.orig):
                    raise RegisterError("nomor bentrok dengan nomor yang sudah ada di register; tidak ada yang "
                                        "dicatat.", path=self.path) from None
                raise RegisterError("register menolak menyimpan perubahan ini (aturan basis data register "
                                    "dilanggar); tidak ada yang dicatat.", path=self.path) from None
            raise

    # -- after the letter is written ------------------------------------------------------------

    def record_output(self, nomor: str, file: str | Path, *, sha256: str | None = None,
                      content: bytes | None = None, pdf: bytes | None = None, key: str = "") -> None:
        """The letter is written: keep file, sha256 and an archived copy (docx, and pdf when made); ``key``:
        the submission a rekap letter answers (see :meth:`by_key`), recorded in the same transaction."""
        blob = content if content is not None else Path(file).read_bytes()
        digest = sha256 or hashlib.sha256(blob).hexdigest()
        pdf_digest = hashlib.sha256(pdf).hexdigest() if pdf is not None else ""
        now = dt.datetime.now().isoformat(timespec="seconds")

        def run(c: Connection) -> None:
            for sha, data in ((digest, blob), (pdf_digest, pdf)):
                if sha and data is not None:
                    c.execute(insert_ignore(c, arsip, {"sha256": sha, "ukuran": len(data), "isi": data,
                                                       "dibuat": now}))
            values: dict[str, Any] = {"file": str(file), "sha256": digest, "status": "terbit"}
            if key:
                values["kunci"] = key
            if pdf_digest:
                values["pdf_sha256"] = pdf_digest
            cur = c.execute(update(nomor_terbit).where(nomor_terbit.c.nomor == nomor).values(**values))
            if cur.rowcount != 1:
                raise RegisterError(f"nomor {nomor} tidak ada di register.", path=self.path)

        self._transact(run)

    def archive_pdf(self, nomor: str, pdf: bytes) -> None:
        """Keep the PDF made of a letter beside its .docx in the archive."""
        digest = hashlib.sha256(pdf).hexdigest()
        now = dt.datetime.now().isoformat(timespec="seconds")

        def run(c: Connection) -> None:
            c.execute(insert_ignore(c, arsip, {"sha256": digest, "ukuran": len(pdf), "isi": pdf, "dibuat": now}))
            c.execute(update(nomor_terbit).where(nomor_terbit.c.nomor == nomor).values(pdf_sha256=digest))

        self._transact(run)

    def cancel(self, nomor: str, reason: str) -> None:
        """Cancel a number (kept in the register with its reason, never given again)."""
        reason = reason.strip()
        if not reason:
            raise UsageError("sebutkan alasan pembatalan (--alasan \"…\").")
        now = dt.datetime.now().isoformat(timespec="seconds")

        def run(c: Connection) -> None:
            row = self._by_nomor(c, nomor)
            if row is None:
                raise UsageError(f"nomor {nomor} tidak ada di register; periksa penulisannya (integritas surat cari).")
            if row.status == "batal":
                raise UsageError(f"nomor {nomor} sudah dibatalkan pada {row.dibatalkan} ({row.alasan_batal}).")
            c.execute(update(nomor_terbit).where(nomor_terbit.c.id == row.id).values(
                status="batal", alasan_batal=reason[:500], dibatalkan=now))

        self._transact(run)

    # -- reading ------------------------------------------------------------------------------------

    def by_key(self, key: str) -> RegisterRow | None:
        """The issued letter (status terbit) that answers ``key``, the latest when several do."""
        q = _select_rows().where(nomor_terbit.c.kunci == key, nomor_terbit.c.status == "terbit").order_by(
            nomor_terbit.c.id.desc()).limit(1)
        return self.store.read(lambda c: next((_row(r) for r in c.execute(q)), None))

    def find(self, nomor: str) -> RegisterRow | None:
        return self.store.read(lambda c: self._by_nomor(c, nomor.strip()))

    def get(self, nomor: str) -> RegisterRow:
        row = self.find(nomor)
        if row is None:
            raise UsageError(f"nomor {nomor} tidak ada di register.")
        return row

    def rows(self, *, letter_type: str | None = None, year: int | None = None) -> list[RegisterRow]:
        q = _select_rows()
        if letter_type:
            q = q.where(nomor_terbit.c.jenis == letter_type)
        if year:
            q = q.where(nomor_terbit.c.tahun == year)
        q = q.order_by(nomor_terbit.c.jenis, nomor_terbit.c.tahun, nomor_terbit.c.urut, nomor_terbit.c.id)
        return self.store.read(lambda c: [_row(r) for r in c.execute(q)])

    def search(self, text: str | None = None, *, letter_type: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, status: str | None = None) -> list[RegisterRow]:
        """Rows whose number, hal or recipient contains ``text`` (any case), in a date range."""
        q = _select_rows()
        if text:
            like = f"%{text.strip().lower()}%"
            q = q.where(or_(func.lower(nomor_terbit.c.nomor).like(like), func.lower(nomor_terbit.c.hal).like(like),
                            func.lower(nomor_terbit.c.tujuan).like(like)))
        if letter_type:
            q = q.where(nomor_terbit.c.jenis == letter_type)
        if since:
            q = q.where(nomor_terbit.c.tanggal >= since.isoformat())
        if until:
            q = q.where(nomor_terbit.c.tanggal <= until.isoformat())
        if status:
            q = q.where(nomor_terbit.c.status == status)
        q = q.order_by(nomor_terbit.c.tanggal, nomor_terbit.c.id)
        return self.store.read(lambda c: [_row(r) for r in c.execute(q)])

    def archived(self, sha256: str) -> bytes:
        """The archived bytes of ``sha256``, checked: a copy that does not hash to its key is refused."""
        if not sha256:
            raise UsageError("naskah ini tidak punya salinan arsip.")
        row = self.store.read(lambda c: c.execute(select(arsip.c.isi).where(arsip.c.sha256 == sha256)).first())
        if row is None:
            raise UsageError(f"salinan arsip {sha256[:12]}… tidak ada di register.")
        data = bytes(row[0])
        if hashlib.sha256(data).hexdigest() != sha256:
            raise RegisterError(f"salinan arsip {sha256[:12]}… rusak (isi tidak cocok dengan sidik SHA-256-nya); "
                                "jangan dipakai, cetak dari file aslinya.", path=self.path)
        return data

    # -- the office this register belongs to --------------------------------------------------------

    def info(self) -> dict[str, str]:
        return self.store.read(lambda c: {str(k): str(v) for k, v in c.execute(select(register_info))})

    def bind_office(self, kode_unit: str, nama: str, *, formats: Mapping[str, str]) -> None:
        """Mark the register as this office's and set its number formats (``integritas kantor buat``)."""
        def run(c: Connection) -> None:
            have = dict(c.execute(select(register_info.c.kunci, register_info.c.nilai)).all())
            if have.get("kode_unit") and have["kode_unit"] != kode_unit:
                raise UsageError(f"register ini milik kantor lain ({have.get('nama_kantor')}, kode "
                                 f"{have['kode_unit']}); pilih register lain dengan --register.", path=self.path)
            for key, value in (("kode_unit", kode_unit), ("nama_kantor", nama)):
                c.execute(upsert(c, register_info, {"kunci": key, "nilai": value}, ["kunci"]))
            for kind, pattern in formats.items():
                c.execute(upsert(c, format_nomor, {"jenis": kind, "pola": pattern}, ["jenis"]))

        self._transact(run)

    def check_office(self, kode_unit: str) -> None:
        have = self.info()
        if not have.get("kode_unit"):
            raise UsageError("register ini belum disiapkan untuk kantor mana pun; jalankan 'integritas kantor buat' "
                             "(atau 'integritas kantor buat --register …' untuk register ini).", path=self.path)
        if have["kode_unit"] != kode_unit:
            raise UsageError(f"register ini milik kantor lain ({have.get('nama_kantor')}, kode {have['kode_unit']}), "
                             f"bukan kantor {kode_unit}; nomor tidak diambil.", path=self.path)


def register_exists(location: str | Path | None) -> tuple[bool, str]:
    """(exists, where) for the register at ``location`` (None: the office store); never creates anything."""
    loc = resolve_location(str(location) if location is not None else None)
    if loc.backend == "sqlite":
        assert loc.path is not None
        return loc.path.is_file() and loc.path.stat().st_size > 0, str(loc.path)
    from sqlalchemy import create_engine, inspect

    engine = create_engine(loc.url)
    try:
        with engine.connect() as conn:
            return "register_info" in inspect(conn).get_table_names(), loc.display()
    except Exception:  # noqa: BLE001 - an unreachable server is reported by open_store with its own message
        return True, loc.display()
    finally:
        engine.dispose()


def open_office_register(location: str | Path | None = None, *, create: bool = False,
                         office: Office | None = None) -> OfficeRegister:
    """The office's register; a missing one is an error saying where and how to create it (never created here
    unless ``create``). With ``office``, a register of another office is refused."""
    exists, where = register_exists(location)
    if not exists and not create:
        raise UsageError(f"register nomor kantor belum ada ({where}); tidak ada nomor yang diambil. Buat sekali "
                         "dengan 'integritas kantor buat' (atau tunjuk register bersama dengan --register / "
                         "--basisdata).")
    store: Store = store_for(location)
    register = OfficeRegister(store=store)
    register._own = True
    register.office = office
    if office is not None and not create:
        try:
            register.check_office(office.kode_unit)
        except BaseException:
            register.close()
            raise
    return register
