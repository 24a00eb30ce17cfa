"""The one palette: what green, yellow, red and grey mean wherever the toolkit colours a cell.

Red = a galat (error) or something missing, yellow = a peringatan (warning) or something to
check, green = in order, grey = not applicable. The validation copy, the Validasi button,
the inspectorate's and the recap's sheets, the evidence checklist and the dashboard all use
these, so a colour means the same thing in every file a unit or the centre receives.
"""

from __future__ import annotations

GREEN = "#C6EFCE"
YELLOW = "#FFEB9C"
RED = "#FFC7CE"
GREY = "#EDEDED"

SEVERITY_FILL = {"error": RED, "warning": YELLOW}


def argb(color: str) -> str:
    """``#RRGGBB`` as the ``FFRRGGBB`` an OOXML fill wants."""
    return "FF" + color.lstrip("#").upper()
