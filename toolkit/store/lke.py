"""LKE ZI in the store, per period: each unit's answers (unit and TPI) and scores, the confirmed
proposal list (daftar usulan), and the PortalRB API's tokens (only their SHA-256 is kept).

Everything the API serves comes from here, so two calls give the same answer until the
central office imports again (PortalRB retries and must see stable data).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from toolkit.errors import UsageError
from toolkit.store.core import Store
from toolkit.store.dialect import upsert
from toolkit.store.schema import layanan_token, lke_jawaban, lke_unit, lke_usulan

TOKEN_PREFIX = "itk_"
CATEGORIES = ("WBK", "WBBM")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class UnitRecord:
    unit_id: str
    name: str
    model: str
    source: str
    sha256: str
    score_unit: float | None
    score_tpi: float | None
    predicate: str | None
    answers: Sequence[Mapping[str, Any]]  # soal_id, baris, jawaban_unit, catatan_unit, bukti_unit, jawaban_tpi, catatan_tpi


@dataclass(frozen=True)
class Proposal:
    unit_id: str
    name: str
    category: str  # WBK | WBBM
    affirmation: bool
    confirmed_at: str | None = None


def save_units(store: Store, period: str, units: Iterable[UnitRecord]) -> int:
    """Keep the units' answers and scores for ``period`` (one transaction; a unit's earlier answers are replaced)."""
    rows = list(units)
    stamp = _now()

    def run(conn: Connection) -> int:
        for u in rows:
            conn.execute(upsert(conn, lke_unit, {
                "periode": period, "unit_id": u.unit_id, "nama": u.name, "model": u.model, "sumber": u.source,
                "sha256": u.sha256, "skor_unit": u.score_unit, "skor_tpi": u.score_tpi, "predikat": u.predicate,
                "diimpor_pada": stamp}, ("periode", "unit_id")))
            conn.execute(delete(lke_jawaban).where(and_(lke_jawaban.c.periode == period,
                                                        lke_jawaban.c.unit_id == u.unit_id)))
            if u.answers:
                conn.execute(insert(lke_jawaban), [{"periode": period, "unit_id": u.unit_id, **a} for a in u.answers])
        return len(rows)

    return store.transact(run)


def units(store: Store, period: str) -> list[dict[str, Any]]:
    def run(conn: Connection) -> list[dict[str, Any]]:
        res = conn.execute(select(lke_unit).where(lke_unit.c.periode == period).order_by(lke_unit.c.unit_id))
        return [dict(r._mapping) for r in res]

    return store.read(run)


def unit(store: Store, period: str, unit_id: str) -> dict[str, Any] | None:
    def run(conn: Connection) -> dict[str, Any] | None:
        r = conn.execute(select(lke_unit).where(and_(lke_unit.c.periode == period,
                                                     lke_unit.c.unit_id == unit_id))).first()
        return None if r is None else dict(r._mapping)

    return store.read(run)


def answers(store: Store, period: str, unit_id: str) -> list[dict[str, Any]]:
    """A unit's answers ordered by soal_id (numerically)."""
    def run(conn: Connection) -> list[dict[str, Any]]:
        res = conn.execute(select(lke_jawaban).where(and_(lke_jawaban.c.periode == period,
                                                          lke_jawaban.c.unit_id == unit_id)))
        return [dict(r._mapping) for r in res]

    rows = store.read(run)
    return sorted(rows, key=lambda r: (int(r["soal_id"]) if str(r["soal_id"]).isdigit() else 10**9, r["soal_id"]))


def save_proposals(store: Store, period: str, proposals: Iterable[Proposal], *, confirmed: bool = True) -> int:
    """Replace the proposal list of ``period`` (``confirmed``: the central office's confirmed list)."""
    rows = list(proposals)
    stamp = _now() if confirmed else None
    for p in rows:
        if p.category not in CATEGORIES:
            raise UsageError(f"kategori usulan '{p.category}' untuk unit {p.unit_id} bukan WBK atau WBBM.")

    def run(conn: Connection) -> int:
        conn.execute(delete(lke_usulan).where(lke_usulan.c.periode == period))
        if rows:
            conn.execute(insert(lke_usulan), [{"periode": period, "unit_id": p.unit_id, "nama": p.name,
                                               "kategori": p.category, "afirmasi": bool(p.affirmation),
                                               "dikonfirmasi_pada": stamp} for p in rows])
        return len(rows)

    return store.transact(run)


def proposals(store: Store, period: str, category: str | None = None, *, confirmed_only: bool = True
              ) -> list[Proposal]:
    def run(conn: Connection) -> list[Proposal]:
        q = select(lke_usulan).where(lke_usulan.c.periode == period)
        if category is not None:
            q = q.where(lke_usulan.c.kategori == category)
        if confirmed_only:
            q = q.where(lke_usulan.c.dikonfirmasi_pada.is_not(None))
        res = conn.execute(q.order_by(lke_usulan.c.unit_id))
        return [Proposal(r.unit_id, r.nama or "", r.kategori, bool(r.afirmasi), r.dikonfirmasi_pada) for r in res]

    return store.read(run)


def periods(store: Store) -> list[str]:
    def run(conn: Connection) -> list[str]:
        res = conn.execute(select(lke_unit.c.periode).distinct())
        return sorted(str(r[0]) for r in res)

    return store.read(run)


# --- tokens ------------------------------------------------------------------------------------

def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str) -> tuple[int, str]:
    """A new Bearer token for ``name`` (e.g. "PortalRB"): (id, token). Only its hash is stored."""
    if not name.strip():
        raise UsageError("nama token wajib diisi (mis. PortalRB).")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)

    def run(conn: Connection) -> int:
        res = conn.execute(insert(layanan_token).values(nama=name.strip(), hash=token_hash(token), dibuat_pada=_now()))
        return int(res.inserted_primary_key[0])  # type: ignore[index]

    return store.transact(run), token


def revoke_token(store: Store, token_id: int) -> bool:
    def run(conn: Connection) -> bool:
        res = conn.execute(update(layanan_token).where(and_(layanan_token.c.id == token_id,
                                                            layanan_token.c.dicabut_pada.is_(None)))
                           .values(dicabut_pada=_now()))
        return bool(res.rowcount)

    return store.transact(run)


def tokens(store: Store) -> list[dict[str, Any]]:
    def run(conn: Connection) -> list[dict[str, Any]]:
        res = conn.execute(select(layanan_token.c.id, layanan_token.c.nama, layanan_token.c.dibuat_pada,
                                  layanan_token.c.dicabut_pada).order_by(layanan_token.c.id))
        return [dict(r._mapping) for r in res]

    return store.read(run)


def active_token_hashes(store: Store) -> set[str]:
    def run(conn: Connection) -> set[str]:
        res = conn.execute(select(layanan_token.c.hash).where(layanan_token.c.dicabut_pada.is_(None)))
        return {str(r[0]) for r in res}

    return store.read(run)


def data_version(store: Store, period: str) -> tuple[Any, ...]:
    """Changes whenever the period's answers or confirmed proposals change (cheap: one round trip)."""
    from sqlalchemy import func

    def run(conn: Connection) -> tuple[Any, ...]:
        u = conn.execute(select(func.count(), func.max(lke_unit.c.diimpor_pada))
                         .where(lke_unit.c.periode == period)).one()
        p = conn.execute(select(func.count(), func.max(lke_usulan.c.dikonfirmasi_pada))
                         .where(lke_usulan.c.periode == period)).one()
        return (*u, *p)

    return store.read(run)
