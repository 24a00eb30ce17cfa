"""``bos-transaksi``: an inspectorate workbook. Capability: inspection — the BOS tax and spending-rule computation (seed 003)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.inspectorate import analysis
from toolkit.kinds.bos_transaksi import SCHEMA
from toolkit.kinds.bos_transaksi.checks import CHECKS
from toolkit.kinds.model import Inspection, WorkbookKind
from toolkit.workbook.reader import WorkbookData


def analyse(data: WorkbookData, *, as_of: dt.date | None = None) -> Any:
    return analysis.analyse_bos(data)


KIND = WorkbookKind(schema=SCHEMA, checks=CHECKS, inspection=Inspection(analyse=analyse))
