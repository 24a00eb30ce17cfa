"""LKE ZI answers per unit and period (the unit's answer, note and evidence; the TPI's review) and
the agency's proposals (daftar usulan WBK/WBBM). Issue 17 builds the PortalRB API and the
workbook import on these; new columns come through a new Alembic revision.

Writes are upserts keyed by (kode_unit, periode, pertanyaan) that touch only their own side:
saving the unit's answers never erases the TPI's review and the other way round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from toolkit.store.core import Store
from toolkit.store.dialect import upsert
from toolkit.store.schema import lke_jawaban, lke_usulan

PREDIKAT = ("WBK", "WBBM")


@dataclass(frozen=True)
class LkeAnswer:
    kode_unit: str
    periode: str
    pertanyaan: str
    jawaban_unit: str | None
    catatan_unit: str | None
    bukti_unit: str | None
    jawaban_tpi: str | None
    catatan_tpi: str | None
    diubah: str
    diubah_oleh: str | None


@dataclass(frozen=True)
class UnitAnswer:
    pertanyaan: str
    jawaban: str | None
    catatan: str | None = None
    bukti: str | None = None


@dataclass(frozen=True)
class Proposal:
    kode_unit: str
    periode: str
    predikat: str
    status: str
    nilai: float | None
    catatan: str | None
    dibuat: str
    diubah: str


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class LkeAnswers:
    """``LkeAnswers(store)``: read and write LKE answers and proposals in one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def save_unit_answers(self, kode_unit: str, periode: str, answers: Iterable[UnitAnswer], *,
                          oleh: str | None = None) -> int:
        """Upsert the unit's side of each answer in one transaction; return how many rows were written."""
        rows = list(answers)
        now = _now()

        def run(c: Connection) -> int:
            for a in rows:
                c.execute(upsert(c, lke_jawaban, {
                    "kode_unit": kode_unit, "periode": periode, "pertanyaan": a.pertanyaan,
                    "jawaban_unit": a.jawaban, "catatan_unit": a.catatan, "bukti_unit": a.bukti,
                    "diubah": now, "diubah_oleh": oleh}, ["kode_unit", "periode", "pertanyaan"]))
            return len(rows)

        return self.store.transact(run)

    def save_tpi_review(self, kode_unit: str, periode: str, pertanyaan: str, jawaban: str | None,
                        catatan: str | None = None, *, oleh: str | None = None) -> None:
        self.store.transact(lambda c: c.execute(upsert(c, lke_jawaban, {
            "kode_unit": kode_unit, "periode": periode, "pertanyaan": pertanyaan, "jawaban_tpi": jawaban,
            "catatan_tpi": catatan, "diubah": _now(), "diubah_oleh": oleh},
            ["kode_unit", "periode", "pertanyaan"])))

    def answers(self, kode_unit: str, periode: str) -> list[LkeAnswer]:
        t = lke_jawaban.c
        q = (select(t.kode_unit, t.periode, t.pertanyaan, t.jawaban_unit, t.catatan_unit, t.bukti_unit,
                    t.jawaban_tpi, t.catatan_tpi, t.diubah, t.diubah_oleh)
             .where(t.kode_unit == kode_unit, t.periode == periode).order_by(t.pertanyaan))
        return self.store.read(lambda c: [LkeAnswer(**r._mapping) for r in c.execute(q)])

    def propose(self, kode_unit: str, periode: str, predikat: str, *, nilai: float | None = None,
                catatan: str | None = None, status: str = "diusulkan") -> None:
        if predikat not in PREDIKAT:
            from toolkit.errors import UsageError

            raise UsageError(f"predikat usulan '{predikat}' tidak dikenal (yang boleh: {', '.join(PREDIKAT)}).")
        now = _now()
        self.store.transact(lambda c: c.execute(upsert(c, lke_usulan, {
            "kode_unit": kode_unit, "periode": periode, "predikat": predikat, "status": status, "nilai": nilai,
            "catatan": catatan, "dibuat": now, "diubah": now}, ["kode_unit", "periode", "predikat"], keep=["dibuat"])))

    def proposals(self, periode: str | None = None) -> list[Proposal]:
        t = lke_usulan.c
        q = select(t.kode_unit, t.periode, t.predikat, t.status, t.nilai, t.catatan, t.dibuat, t.diubah)
        if periode is not None:
            q = q.where(t.periode == periode)
        q = q.order_by(t.periode, t.kode_unit, t.predikat)
        return self.store.read(lambda c: [Proposal(**r._mapping) for r in c.execute(q)])

