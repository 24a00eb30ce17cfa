"""Dated rules files (``toolkit/data/rules/*.yaml``): a change in law is a data change.

Each file holds ``versi``: a list of versions, each with ``berlaku_mulai`` (the first day
it applies) and optionally ``berlaku_sampai`` (the last day; otherwise the day before the
next version starts, or open-ended). :func:`in_force` picks the version in force on a date,
so an old transaction is always computed with the rates of its own date. Every version
cites its figures in ``dasar`` (see :mod:`toolkit.rules.figures`). A different rules
directory can be given (``INTEGRITAS_RULES_DIR`` or ``rules_dir=``) so a unit can try a new
rate before the toolkit ships it. Any kind may use this module.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.resources import resource_path
from toolkit.yamlfile import read_yaml

DEFAULT_RULES_DIR = resource_path("data/rules")
RULE_FILES = ("gratifikasi", "pajak_bos", "ppn", "kepatuhan", "risiko")

ROUNDING = {"bawah": "dibulatkan ke bawah ke rupiah penuh", "terdekat": "dibulatkan ke rupiah terdekat"}


def rules_dir(override: str | Path | None = None) -> Path:
    if override is not None:
        return Path(override)
    env = os.environ.get("INTEGRITAS_RULES_DIR")
    return Path(env) if env else DEFAULT_RULES_DIR


@lru_cache(maxsize=32)
def _load(path: Path, mtime: float) -> dict[str, Any]:
    data = read_yaml(path, what="file aturan", error=UnreadableInputError)
    if not isinstance(data, dict):
        raise UnreadableInputError("file aturan harus berisi pemetaan YAML.", path=path)
    return data


def load_rules(name: str, *, directory: str | Path | None = None) -> dict[str, Any]:
    """The parsed YAML ``<name>.yaml`` from the rules directory (cached until the file changes)."""
    path = rules_dir(directory) / f"{name}.yaml"
    if not path.exists():
        raise UnreadableInputError("file aturan tidak ditemukan.", path=path)
    return _load(path, path.stat().st_mtime)


@dataclass(frozen=True)
class DatedVersions:
    """The versions of one rules file, sorted by ``berlaku_mulai``."""

    name: str
    starts: tuple[dt.date, ...]
    versions: tuple[Mapping[str, Any], ...]
    ends: tuple[dt.date | None, ...] = ()

    def index(self, on: dt.date) -> int | None:
        """Position of the version in force on ``on`` (None before the first or after a closed last one)."""
        if isinstance(on, dt.datetime):
            on = on.date()
        i = bisect.bisect_right(self.starts, on) - 1
        if i < 0:
            return None
        end = self.ends[i] if i < len(self.ends) else None
        if end is not None and on > end:
            return None
        return i

    def in_force(self, on: dt.date) -> Mapping[str, Any] | None:
        """The version whose ``berlaku_mulai`` is the latest on or before ``on``; None before the first."""
        i = self.index(on)
        return None if i is None else self.versions[i]

    def period(self, i: int) -> tuple[dt.date, dt.date | None]:
        """(berlaku_mulai, berlaku_sampai) of version ``i``; ``None`` = still in force."""
        return self.starts[i], (self.ends[i] if i < len(self.ends) else None)


def dated(name: str, *, directory: str | Path | None = None) -> DatedVersions:
    data = load_rules(name, directory=directory)
    raw = data.get("versi")
    if not isinstance(raw, list) or not raw:
        raise UnreadableInputError(f"file aturan {name}.yaml: daftar 'versi' kosong.",
                                   path=rules_dir(directory) / f"{name}.yaml")
    path = rules_dir(directory) / f"{name}.yaml"
    items = []
    for v in raw:
        start = _date(v.get("berlaku_mulai"), name, "berlaku_mulai", path)
        end = _date(v.get("berlaku_sampai"), name, "berlaku_sampai", path) if v.get("berlaku_sampai") else None
        if start is None or (end is not None and end < start):
            raise UnreadableInputError(f"file aturan {name}.yaml: 'berlaku_mulai' harus tanggal (YYYY-MM-DD) "
                                       "dan tidak sesudah 'berlaku_sampai'.", path=path)
        items.append((start, end, v))
    items.sort(key=lambda t: t[0])
    ends: list[dt.date | None] = []
    for i, (_start, end, _v) in enumerate(items):
        nxt = items[i + 1][0] if i + 1 < len(items) else None
        if end is not None and nxt is not None and end >= nxt:
            raise UnreadableInputError(f"file aturan {name}.yaml: versi yang berlaku mulai {_start} berakhir "
                                       f"{end}, sesudah versi berikutnya mulai {nxt}.", path=path)
        ends.append(end if end is not None else (nxt - dt.timedelta(days=1) if nxt else None))
    return DatedVersions(name, tuple(s for s, _, _ in items), tuple(v for _, _, v in items), tuple(ends))


def _date(value: Any, name: str, key: str, path: Path) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise UnreadableInputError(f"file aturan {name}.yaml: '{key}' harus tanggal (YYYY-MM-DD).",
                                   path=path) from exc


def in_force(name: str, on: dt.date, *, directory: str | Path | None = None) -> Mapping[str, Any] | None:
    return dated(name, directory=directory).in_force(on)


def percent(text: Any) -> Fraction:
    """"1.75" (percent, as written in the rules files) -> Fraction(7, 400), exact."""
    return Fraction(str(text)) / 100


def factor(text: Any) -> Fraction:
    """"11/12" or "1" -> an exact Fraction."""
    return Fraction(str(text))


def round_rupiah(amount: Decimal | Fraction | int, mode: str = "bawah") -> int:
    """Whole rupiah, exactly. ``bawah`` rounds down (floor); ``terdekat`` rounds half up.

    Amounts are never negative here, so "down" and "toward zero" agree.
    """
    if mode not in ROUNDING:
        raise UnreadableInputError(f"pembulatan '{mode}' tidak dikenal; pilihan: {', '.join(ROUNDING)}.")
    x = Fraction(amount) if not isinstance(amount, Fraction) else amount
    if mode == "terdekat":
        x += Fraction(1, 2)
    return x.numerator // x.denominator
