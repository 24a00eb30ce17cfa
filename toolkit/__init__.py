"""Integritas toolkit: Zona Integritas, SPI follow-up and integrity-activity workbooks.

The library is the product; ``toolkit.cli`` (click) and ``toolkit.excel_entry``
(xlwings buttons) are thin faces over it.
"""

__version__ = "0.1.0"
