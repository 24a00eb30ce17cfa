"""Workbook kind ``bos-transaksi``: BOS transactions and taxes (seed 003). Its schema (cheap to import); the kind is in ``kind.py``."""

from toolkit.schemas.bos_transaksi import SCHEMA

__all__ = ["SCHEMA"]
