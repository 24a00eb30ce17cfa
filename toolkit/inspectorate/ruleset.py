"""Kept for callers of the old path: the dated-rules loader now lives in :mod:`toolkit.rules.dated`."""

from __future__ import annotations

from toolkit.rules.dated import (
    DEFAULT_RULES_DIR,
    ROUNDING,
    DatedVersions,
    dated,
    factor,
    in_force,
    load_rules,
    percent,
    round_rupiah,
    rules_dir,
)

__all__ = ["DEFAULT_RULES_DIR", "ROUNDING", "DatedVersions", "dated", "factor", "in_force", "load_rules",
           "percent", "round_rupiah", "rules_dir"]
