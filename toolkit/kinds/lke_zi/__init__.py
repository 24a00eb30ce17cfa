"""Workbook kind ``lke-zi``: the LKE ZI (2021 one-row template schema; the 2026 form through ``form``)."""

from toolkit.schemas.lke_zi import SCHEMA

__all__ = ["SCHEMA"]
