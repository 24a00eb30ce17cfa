"""The LKE recap workbook and the proposal list (daftar usulan) the central office edits and confirms.

``write_recap`` writes REKAP (sheet "Peringkat LKE": ranked by TPI score, who meets WBK/WBBM
and why not). ``write_proposals`` writes the proposal list: every assessed unit, those meeting
WBK first with "Diusulkan" Ya and the category they reach (WBBM when its thresholds are met),
the others with Diusulkan Tidak (the office may still propose them, e.g. with afirmasi).
Kategori, Afirmasi and Diusulkan have dropdowns. ``read_proposals`` reads the edited list back
with findings at cells; ``confirm`` stores the confirmed list for the period — only then does
the PortalRB API list the units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

from toolkit.errors import UsageError, WrongKindError
from toolkit.lke.recap import HEADERS, LkeRecap, collect, keep, summary_rows, table_rows
from toolkit.schemas.model import normalize_header
from toolkit.store import lke as lke_store
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.cells import XLSX_OPTIONS
from toolkit.workbook.reader import is_blank, open_calamine

RECAP_SHEET = "Peringkat LKE"
PROPOSAL_SHEET = "Daftar Usulan"
PROPOSAL_HEADERS = ("No", "ID Unit", "Nama Unit", "Nilai TPI", "Memenuhi", "Kategori", "Afirmasi", "Diusulkan",
                    "Catatan")
HEADER_ROW = 5  # 1-based


def _formats(wb: Any) -> dict[str, Any]:
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    return {
        "title": wb.add_format({**base, "bold": True, "font_size": 14, "font_color": "#1F4E78"}),
        "header": wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78",
                                 "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}),
        "cell": wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "text_wrap": True}),
        "num": wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "num_format": "0.00"}),
        "edit": wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "bg_color": "#FFF2CC",
                               "locked": False, "align": "center"}),
        "note": wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "locked": False, "text_wrap": True}),
        "info": wb.add_format({**base, "italic": True, "font_color": "#595959"}),
    }


def write_recap(recap: LkeRecap, path: str | Path, *, overwrite: bool = False) -> Path:
    with atomic_output(path, overwrite=overwrite) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), XLSX_OPTIONS)
        f = _formats(wb)
        ws = wb.add_worksheet(RECAP_SHEET)
        ws.write_string(0, 0, f"REKAP LKE ZI — PERIODE {recap.period}", f["title"])
        ws.write_string(1, 0, "Diurutkan menurut nilai TPI (jawaban TPI; yang belum direviu memakai jawaban unit; "
                              "Belum Diisi = 0). Syarat WBK/WBBM: seed 002 BAB III.", f["info"])
        for c, h in enumerate(HEADERS):
            ws.write_string(3, c, h, f["header"])
        for r, row in enumerate(table_rows(recap), start=4):
            for c, v in enumerate(row):
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    ws.write_number(r, c, v, f["num"] if isinstance(v, float) else f["cell"])
                elif v is None:
                    ws.write_blank(r, c, None, f["cell"])
                else:
                    ws.write_string(r, c, str(v), f["cell"])
        for c, w in enumerate((9, 16, 36, 7, 9, 9, 10, 10, 10, 10, 9, 70, 28)):
            ws.set_column(c, c, w)
        ws.freeze_panes(4, 3)
        ws.autofilter(3, 0, 3 + len(recap.ranked), len(HEADERS) - 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(3)
        if recap.problems:
            ws2 = wb.add_worksheet("File Bermasalah")
            for c, h in enumerate(("File", "Masalah")):
                ws2.write_string(0, c, h, f["header"])
            for r, o in enumerate(recap.problems, start=1):
                ws2.write_string(r, 0, o.path, f["cell"])
                ws2.write_string(r, 1, o.problem or "", f["cell"])
            ws2.set_column(0, 0, 50)
            ws2.set_column(1, 1, 70)
        wb.close()
    return Path(path)


def write_proposals(recap: LkeRecap, path: str | Path, *, overwrite: bool = False) -> Path:
    with atomic_output(path, overwrite=overwrite) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), XLSX_OPTIONS)
        f = _formats(wb)
        ws = wb.add_worksheet(PROPOSAL_SHEET)
        ws.write_string(0, 0, f"DAFTAR USULAN UNIT ZONA INTEGRITAS — PERIODE {recap.period}", f["title"])
        ws.write_string(1, 0, "Periode", f["cell"])
        ws.write_string(1, 1, str(recap.period), f["cell"])
        ws.write_string(2, 0, "Ubah Kategori (WBK/WBBM), Afirmasi (Ya/Tidak) dan Diusulkan (Ya/Tidak); lalu "
                              "konfirmasi: integritas usulan konfirmasi FILE. Hanya usulan terkonfirmasi yang "
                              "ditarik PortalRB.", f["info"])
        for c, h in enumerate(PROPOSAL_HEADERS):
            ws.write_string(HEADER_ROW - 1, c, h, f["header"])
        ranked = sorted(recap.ranked, key=lambda o: (not o.wbk, -(o.score_tpi or 0.0), o.unit_id))
        r = HEADER_ROW
        for no, o in enumerate(ranked, start=1):
            ws.write_number(r, 0, no, f["cell"])
            ws.write_string(r, 1, o.unit_id, f["cell"])
            ws.write_string(r, 2, o.name, f["cell"])
            ws.write_number(r, 3, round(o.score_tpi or 0.0, 2), f["num"])
            ws.write_string(r, 4, o.best or "belum", f["cell"])
            ws.write_string(r, 5, "WBBM" if o.wbbm else "WBK", f["edit"])
            ws.write_string(r, 6, "Tidak", f["edit"])
            ws.write_string(r, 7, "Ya" if o.wbk else "Tidak", f["edit"])
            ws.write_string(r, 8, "" if o.wbk else "; ".join(o.why_not_wbk)[:500], f["note"])
            r += 1
        last = max(r - 1, HEADER_ROW)
        for col, options in ((5, ["WBK", "WBBM"]), (6, ["Ya", "Tidak"]), (7, ["Ya", "Tidak"])):
            ws.data_validation(HEADER_ROW, col, last + 200, col, {
                "validate": "list", "source": options, "error_title": "Pilihan tidak sah",
                "error_message": "Pilih: " + ", ".join(options)})
        for c, w in enumerate((5, 18, 40, 9, 10, 10, 9, 10, 60)):
            ws.set_column(c, c, w)
        ws.freeze_panes(HEADER_ROW, 3)
        ws.protect("", {"autofilter": True, "sort": False, "format_columns": True})
        ws.autofilter(HEADER_ROW - 1, 0, last, len(PROPOSAL_HEADERS) - 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        wb.close()
    return Path(path)


@dataclass
class ProposalList:
    path: Path
    period: str
    proposals: list[lke_store.Proposal]
    errors: list[str] = field(default_factory=list)  # "sel F7: …"
    warnings: list[str] = field(default_factory=list)


def _yes(v: Any) -> bool | None:
    t = str(v or "").strip().casefold()
    return True if t in ("ya", "y", "yes") else (False if t in ("tidak", "t", "no", "") else None)


def read_proposals(path: str | Path) -> ProposalList:
    p = Path(path)
    cwb = open_calamine(p)
    try:
        name = next((n for n in cwb.sheet_names if normalize_header(n) == normalize_header(PROPOSAL_SHEET)), None)
        if name is None:
            raise WrongKindError(f"sheet '{PROPOSAL_SHEET}' tidak ditemukan; ini bukan daftar usulan.", path=p)
        rows = cwb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    finally:
        cwb.close()
    period = str(rows[1][1]).strip() if len(rows) > 1 and len(rows[1]) > 1 else ""
    if period.endswith(".0"):
        period = period[:-2]
    header = next((i for i, row in enumerate(rows[:20]) if [normalize_header(v) for v in row[:3]]
                   == [normalize_header(h) for h in PROPOSAL_HEADERS[:3]]), None)
    if header is None or not period:
        raise WrongKindError("judul kolom atau Periode daftar usulan tidak ditemukan (buat ulang dengan "
                             "integritas rekap).", path=p, sheet=name)
    out = ProposalList(p, period, [])
    seen: dict[str, int] = {}
    for i, row in enumerate(rows[header + 1:], start=header + 2):
        cells = list(row) + [None] * (len(PROPOSAL_HEADERS) - len(row))
        unit_id = "" if is_blank(cells[1]) else str(cells[1]).strip()
        if not unit_id:
            continue
        proposed = _yes(cells[7])
        if proposed is None:
            out.errors.append(f"sel H{i}: Diusulkan '{cells[7]}' harus Ya atau Tidak.")
            continue
        if not proposed:
            continue
        category = str(cells[5] or "").strip().upper()
        if category not in lke_store.CATEGORIES:
            out.errors.append(f"sel F{i}: Kategori '{cells[5]}' untuk {unit_id} harus WBK atau WBBM.")
            continue
        affirmation = _yes(cells[6])
        if affirmation is None:
            out.errors.append(f"sel G{i}: Afirmasi '{cells[6]}' untuk {unit_id} harus Ya atau Tidak.")
            continue
        if unit_id in seen:
            out.errors.append(f"sel B{i}: unit {unit_id} sudah diusulkan di baris {seen[unit_id]}.")
            continue
        seen[unit_id] = i
        out.proposals.append(lke_store.Proposal(unit_id, str(cells[2] or "").strip(), category, affirmation))
    return out


def confirm(path: str | Path, store: Any, *, period: str | None = None) -> ProposalList:
    """Check the edited list against the store and keep it as the confirmed proposals of its period."""
    plist = read_proposals(path)
    if period is not None and str(period) != plist.period:
        raise UsageError(f"daftar usulan untuk periode {plist.period}, bukan {period}.", path=path)
    known = {u["unit_id"]: u for u in lke_store.units(store, plist.period)}
    for prop in plist.proposals:
        u = known.get(prop.unit_id)
        if u is None:
            plist.errors.append(f"unit {prop.unit_id} tidak ada di basis data periode {plist.period} "
                                "(jalankan integritas rekap atas workbook LKE-nya dahulu).")
        elif prop.category == "WBBM" and u["predikat"] != "WBBM":
            plist.warnings.append(f"unit {prop.unit_id} diusulkan WBBM, padahal menurut nilai TPI: "
                                  f"{u['predikat'] or 'belum memenuhi WBK'}.")
        elif u["predikat"] is None and not prop.affirmation:
            plist.warnings.append(f"unit {prop.unit_id} diusulkan WBK tanpa afirmasi, padahal belum memenuhi "
                                  "syarat nilai WBK.")
    if plist.errors:
        return plist
    lke_store.save_proposals(store, plist.period, plist.proposals, confirmed=True)
    return plist


@dataclass
class RecapRun:
    recap: LkeRecap
    output: Path
    proposals: Path
    stored: int

    def lines(self) -> list[str]:
        out = self.recap.lines()
        out.extend(summary_rows(self.recap))
        out.append(f"REKAP LKE ditulis ke {self.output}; daftar usulan (sunting lalu konfirmasi dengan "
                   f"'integritas usulan konfirmasi {self.proposals.name}') ke {self.proposals}.")
        if self.stored:
            out.append(f"{self.stored} unit (jawaban dan nilai) disimpan di basis data untuk periode {self.recap.period}.")
        return out

    @property
    def problems(self) -> bool:
        return bool(self.recap.problems or self.recap.duplicates)


def run_recap(inputs: Sequence[str | Path], output: str | Path, *, proposals: str | Path | None = None,
              store: Any = None, processes: int | None = None, overwrite: bool = False,
              period: str | None = None) -> RecapRun:
    """rekap of LKE workbooks: REKAP (ranking), the proposal list to edit, answers and scores into the store."""
    out = Path(output)
    plist = Path(proposals) if proposals else out.with_name(f"{out.stem}-usulan.xlsx")
    for target in (out, plist):
        if target.exists() and not overwrite:
            raise UsageError("file keluaran sudah ada; pakai --timpa untuk menimpanya atau pilih nama lain.",
                             path=target)
    recap = collect(inputs, period=period, processes=processes)
    write_recap(recap, out, overwrite=overwrite)
    write_proposals(recap, plist, overwrite=overwrite)
    stored = keep(recap, store) if store is not None else 0
    return RecapRun(recap, out, plist, stored)
