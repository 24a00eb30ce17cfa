"""Workbook kind ``rencana-aksi-zi``: Rencana Aksi ZI (seed 001). Its schema (cheap to import); the kind is in ``kind.py``."""

from toolkit.schemas.rencana_aksi_zi import SCHEMA

__all__ = ["SCHEMA"]
