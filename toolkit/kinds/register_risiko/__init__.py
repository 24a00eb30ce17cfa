"""Workbook kind ``register-risiko``: Register Risiko (seed 003). Its schema (cheap to import); the kind is in ``kind.py``."""

from toolkit.schemas.register_risiko import SCHEMA

__all__ = ["SCHEMA"]
