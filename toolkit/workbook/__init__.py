"""Reading workbooks (fast, read-only) and writing them (safe, never destructive).

``open_workbook(path, *, kind=None)`` is the one public way to open a unit's workbook
(``toolkit.workbook.opening``).
"""

from toolkit.workbook.opening import OpenedWorkbook, open_workbook

__all__ = ["OpenedWorkbook", "open_workbook"]
