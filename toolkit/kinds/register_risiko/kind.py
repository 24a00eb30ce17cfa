"""``register-risiko``: an inspectorate workbook. Capability: inspection — the risk matrix and priority risks (seed 003)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.inspectorate import analysis
from toolkit.kinds.model import Inspection, WorkbookKind
from toolkit.kinds.register_risiko import SCHEMA
from toolkit.kinds.register_risiko.checks import CHECKS
from toolkit.workbook.reader import WorkbookData


def analyse(data: WorkbookData, *, as_of: dt.date | None = None) -> Any:
    return analysis.analyse_risks(data)


KIND = WorkbookKind(schema=SCHEMA, checks=CHECKS, inspection=Inspection(analyse=analyse))
