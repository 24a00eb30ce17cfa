"""Which LKE ZI file is this: the 2026 form, the official 2021 workbook, or neither (cheap)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.errors import WrongKindError
from toolkit.lke.checks import check_form
from toolkit.lke.master import SHEET
from toolkit.lke.model2021 import read_2021
from toolkit.lke.workbook import LkeForm, build_form, is_2026_identitas, read_form
from toolkit.schemas.model import normalize_header
from toolkit.scoring.template import build_lke_template
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.preflight import CheckedWorkbook
from toolkit.workbook.reader import open_calamine, read_identitas_raw

OFFICIAL_2021_SHEET = "LKE ZI"


def form_model(path: str | Path, *, checked: CheckedWorkbook | None = None) -> str | None:
    """"2026" (PortalRB form), "2021" (official LKE ZI workbook, answers in K) or None. ``checked``: the
    file's preflight when the caller made it already (not made twice)."""
    p = Path(path)
    try:
        cwb = open_calamine(p, checked=checked)
    except Exception:
        return None
    try:
        names = {normalize_header(n): n for n in cwb.sheet_names}
        if normalize_header(SHEET) in names:
            _name, raw = read_identitas_raw(cwb, p)
            if is_2026_identitas(raw):
                return "2026"
            rows = cwb.get_sheet_by_name(names[normalize_header(SHEET)]).to_python(nrows=8)
            if len(rows) >= 6 and rows[5] and _is_one(rows[5][0]):
                return "2026"
        if normalize_header(OFFICIAL_2021_SHEET) in names:
            rows = cwb.get_sheet_by_name(names[normalize_header(OFFICIAL_2021_SHEET)]).to_python(nrows=3)
            if len(rows) >= 2 and len(rows[1]) > 10 and str(rows[1][10]).strip() == "Jawaban":
                return "2021"
        return None
    finally:
        cwb.close()


def _is_one(v: Any) -> bool:
    try:
        return int(float(v)) == 1
    except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite number in the cell
        return False


def read_any(path: str | Path) -> LkeForm:
    """The unit's and the TPI's answers by soal_id, from either model's workbook."""
    model = form_model(path)
    if model == "2026":
        return read_form(path)
    if model == "2021":
        return read_2021(path)
    raise WrongKindError("bukan LKE ZI: bukan formulir 2026 (sheet Jawaban) maupun LKE ZI resmi 2021 "
                         "(sheet 'LKE ZI', K2 'Jawaban').", path=path)


def validate_file(path: str | Path) -> Any:
    return check_form(read_any(path))


def build_template(path: str | Path, *, model: str | None = None, overwrite: bool = False) -> Path:
    """The template a unit fills: the 2026 form (default) or the 2021 one-row-per-question sheet."""
    if model in (None, "2026"):
        return build_form(path, overwrite=overwrite)
    with atomic_output(path, overwrite=overwrite) as tmp:
        build_lke_template(tmp)
    return Path(path)
