"""``register-gratifikasi``: an inspectorate workbook. Capability: inspection — the gift decisions and reporting deadlines (seed 003)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.inspectorate import analysis
from toolkit.kinds.model import Inspection, WorkbookKind
from toolkit.kinds.register_gratifikasi import SCHEMA
from toolkit.kinds.register_gratifikasi.checks import CHECKS
from toolkit.workbook.reader import WorkbookData


def analyse(data: WorkbookData, *, as_of: dt.date | None = None) -> Any:
    return analysis.analyse_gifts(data, as_of=as_of)


KIND = WorkbookKind(schema=SCHEMA, checks=CHECKS, inspection=Inspection(analyse=analyse))
