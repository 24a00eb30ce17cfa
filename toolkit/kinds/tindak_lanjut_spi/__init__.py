"""Workbook kind ``tindak-lanjut-spi``: Tindak Lanjut SPI (seed 004). Its schema (cheap to import); the kind is in ``kind.py``."""

from toolkit.schemas.tindak_lanjut_spi import SCHEMA

__all__ = ["SCHEMA"]
