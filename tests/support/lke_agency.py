"""A synthetic agency: N unit LKE ZI workbooks (2026 forms and official 2021 workbooks) with the
unit's answers, notes and evidence and the TPI's review, and what the PortalRB API must return
for each unit (``expected``)."""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tests.support.lke_answers import random_answers
from toolkit.lke.workbook import _text

REFERENCE_2021 = Path(__file__).resolve().parents[2] / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"
UNIT_KINDS = ("Biro", "Inspektorat", "Balai", "Kantor Wilayah", "UPT", "Dinas", "Pusat", "KPPN")


@dataclass
class SynthUnit:
    unit_id: str
    name: str
    model: str
    path: Path
    entries: dict[int, dict[str, Any]]  # soal_id → unit_answer, unit_note, unit_evidence, tpi_answer, tpi_note

    def expected(self) -> list[dict[str, Any]]:
        """The API's answers for this unit, in soal_id order (every soal of the master list)."""
        from toolkit.lke.master import load_master

        out = []
        for soal_id in sorted(load_master().soals):
            e = self.entries.get(soal_id, {})
            out.append({"soal_id": soal_id, "jawaban_unit": _text(e.get("unit_answer")),
                        "jawaban_tpi": _text(e.get("tpi_answer")), "catatan_unit": _text(e.get("unit_note")),
                        "bukti_dukung_unit": _text(e.get("unit_evidence")), "catatan_tpi": _text(e.get("tpi_note"))})
        return out


def _entries(rng: random.Random, unit_id: str) -> dict[int, dict[str, Any]]:
    from toolkit.lke.master import load_master

    quality = rng.uniform(0.35, 1.0)
    answers = random_answers(rng, blank=rng.choice((0.0, 0.0, 0.02)), quality=quality)
    unreviewed = rng.random() < 0.3
    soals = load_master().soals
    out: dict[int, dict[str, Any]] = {}
    for soal_id, a in answers.items():
        s = soals[soal_id]
        tpi: Any = a
        note = None
        if s.options and rng.random() < 0.12:  # the TPI marks it one step down
            i = s.options.index(s.canonical(a) or s.options[0])
            tpi = s.options[min(i + 1, len(s.options) - 1)]
            note = f"Bukti belum lengkap untuk soal {soal_id}; nilai diturunkan ke '{tpi}'."
        if unreviewed and rng.random() < 0.1:
            tpi, note = None, None
        out[soal_id] = {"unit_answer": a, "unit_note": f"Catatan unit {unit_id} atas soal {soal_id} — ‘sudah’ dilaksanakan."
                        if rng.random() < 0.6 else None,
                        "unit_evidence": f"https://drive.{unit_id.lower()}.go.id/zi/2026/soal-{soal_id}.pdf",
                        "tpi_answer": tpi, "tpi_note": note}
    return out


def _cell_xml(ref: str, style: str, value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def fill_form_copy(template: Path, dest: Path, identitas: dict[str, Any],
                   entries: dict[int, dict[str, Any]]) -> Path:
    """A filled 2026 form: the empty form ``build_form`` wrote, with the values put into its blank cells.

    Much faster than writing each workbook anew (the corpus has hundreds); the cells are the
    form's own (same styles, dropdowns, formulas); text is written as inline strings.
    """
    from toolkit.lke.master import load_master
    from toolkit.lke.workbook import IDENTITAS

    soals = load_master().soals
    jawaban: dict[str, Any] = {}
    for soal_id, e in entries.items():
        r = soals[soal_id].row
        for col, key in (("K", "unit_answer"), ("L", "unit_note"), ("M", "unit_evidence"), ("N", "tpi_answer"),
                         ("Q", "tpi_note")):
            if e.get(key) is not None:
                jawaban[f"{col}{r}"] = e[key]
    ident = {f"B{3 + i}": identitas[key] for i, (key, _label, _hint) in enumerate(IDENTITAS) if key in identitas}
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            values = {"xl/worksheets/sheet2.xml": ident, "xl/worksheets/sheet3.xml": jawaban}.get(item.filename)
            if values:
                text = data.decode("utf-8")
                text = _BLANK.sub(lambda m, v=values: _cell_xml(m[1], m[2], v[m[1]]) if m[1] in v else m[0], text)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return dest


_BLANK = re.compile(r'<c r="([A-Z]+\d+)" s="(\d+)"/>')


def _write_2026(args: tuple[str, str, Path, dict[int, dict[str, Any]], Path]) -> None:
    unit_id, name, path, entries, template = args
    fill_form_copy(template, path, {"nama_unit": name, "kode_unit": unit_id, "tahun": 2026, "jenis_unit": "Satker"},
                   entries)


def _write_2021_batch(batch: list[tuple[str, str, Path, dict[int, dict[str, Any]]]]) -> None:
    import openpyxl

    from toolkit.lke.model2021 import crosswalk_2021

    walk = crosswalk_2021()
    wb = openpyxl.load_workbook(REFERENCE_2021)
    ws = wb["LKE ZI"]
    ws["R2"], ws["S2"] = "Jawaban TPI", "Catatan TPI"
    ident = wb.create_sheet("Identitas")
    ident["A1"], ident["A3"], ident["A4"], ident["A5"] = "IDENTITAS UNIT KERJA", "Nama Unit Kerja", "Kode Unit", "Tahun"
    for unit_id, name, path, entries in batch:
        ident["B3"], ident["B4"], ident["B5"] = name, unit_id, 2026
        for soal_id, r in walk.items():
            e = entries.get(soal_id, {})
            ws[f"K{r}"] = e.get("unit_answer")
            ws[f"O{r}"] = e.get("unit_note")
            ws[f"P{r}"] = None
            ws[f"Q{r}"] = e.get("unit_evidence")
            ws[f"R{r}"] = e.get("tpi_answer")
            ws[f"S{r}"] = e.get("tpi_note")
        counts = [entries.get(i, {}).get("unit_answer") for i in (117, 118, 119)]
        ws["K185"] = sum(counts) if all(isinstance(c, int) for c in counts) else None  # type: ignore[arg-type]
        wb.save(path)


def build_agency(folder: Path, n: int = 300, n2021: int = 30, seed: int = 2026, workers: int = 2) -> list[SynthUnit]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    units = []
    for i in range(n):
        unit_id = f"UNIT-{i + 1:03d}"
        name = f"{UNIT_KINDS[i % len(UNIT_KINDS)]} {rng.choice(('Utara', 'Selatan', 'Timur', 'Barat', 'Tengah'))} {i + 1}"
        model = "2021" if i % (n // n2021 if n2021 else n + 1) == 5 % max(1, n // max(n2021, 1)) and n2021 else "2026"
        path = folder / f"lke-{unit_id.lower()}.xlsx"
        units.append(SynthUnit(unit_id, name, model, path, _entries(rng, unit_id)))
    from toolkit.lke.workbook import build_form

    template = build_form(folder.parent / f".{folder.name}-lke-2026-kosong.xlsx", overwrite=True)
    jobs_2026 = [(u.unit_id, u.name, u.path, u.entries, template) for u in units if u.model == "2026"]
    jobs_2021 = [(u.unit_id, u.name, u.path, u.entries) for u in units if u.model == "2021"]
    half = (len(jobs_2021) + 1) // 2
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_write_2021_batch, b) for b in (jobs_2021[:half], jobs_2021[half:]) if b]
        list(pool.map(_write_2026, jobs_2026, chunksize=10))
        for f in futures:
            f.result()
    return units


def copy_unit(unit: SynthUnit, dest: Path) -> Path:
    return Path(shutil.copy(unit.path, dest))
