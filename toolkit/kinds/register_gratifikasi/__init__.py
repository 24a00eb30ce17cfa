"""Workbook kind ``register-gratifikasi``: Register Gratifikasi (seed 003). Its schema (cheap to import); the kind is in ``kind.py``."""

from toolkit.schemas.register_gratifikasi import SCHEMA

__all__ = ["SCHEMA"]
