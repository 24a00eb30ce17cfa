"""Workbook kind ``kalender-integritas``: Kalender Kegiatan Penguatan Integritas (seed 000). Its schema (cheap to import); the kind is in ``kind.py``."""

from toolkit.schemas.kalender_integritas import SCHEMA

__all__ = ["SCHEMA"]
