"""Workbook kinds: one folder per kind, each declaring its schema, its checks and its capabilities.

A kind is the unit of the architecture. ``toolkit/kinds/<kind>/__init__.py`` names the
kind's schema (a pure declaration, cheap to import); ``toolkit/kinds/<kind>/kind.py``
builds its :class:`~toolkit.kinds.model.WorkbookKind` — the schema, the cross-field
checks that carry their own parameters and what they supersede, and the optional
capabilities (score, report, evidence, inspection, nota_summary, recap_score).

Every kind is registered in one place, ``KIND_PACKAGES`` in :mod:`toolkit.kinds.registry`.
Everything else asks the registry (``get_kind``, ``kinds_with``, ``require_capability``)
and never compares kind names. See docs/kinds.md for adding a kind.
"""
