"""Validate a filled LKE ZI 2026 form: findings at cells, in Indonesian.

* ``LKE-JAWABAN``: an answer (unit K or TPI N) outside the allowed set — a choice not in
  the question's options, a count that is not a whole number ≥ 0, a survey index outside 0–4;
* ``LKE-BELUM-DIISI``: the unit has not answered (warning);
* ``LKE-BUKTI-KOSONG``: an answer without evidence in M;
* ``LKE-TAUTAN``: evidence that looks like a link but is not a valid http(s) address;
* ``LKE-BUKTI-GANDA``: the same link or file given for questions of different sub-areas (warning);
* ``LKE-JUMLAH``: counts that contradict each other (e.g. reported > obliged), or a
  percentage that cannot be computed (denominator 0);
* ``LKE-ID-SOAL``: column A no longer holds the master list's soal_id (rows inserted/removed);
* ``LKE-IDENTITAS``: Kode Unit or Nama Unit missing, or the year is not the master list's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from toolkit.lke.master import CHOICE_TYPES, COUNT_TYPE, SURVEY_SCALE, SURVEY_TYPE, Soal
from toolkit.lke.score import Lke2026Model, answer_number, load_2026_model
from toolkit.lke.workbook import KIND, LkeForm
from toolkit.schemas.common import IDENTITAS_SHEET
from toolkit.validation.report import Finding, Report

JAWABAN = "LKE-JAWABAN"
BELUM_DIISI = "LKE-BELUM-DIISI"
BUKTI_KOSONG = "LKE-BUKTI-KOSONG"
TAUTAN = "LKE-TAUTAN"
BUKTI_GANDA = "LKE-BUKTI-GANDA"
JUMLAH = "LKE-JUMLAH"
ID_SOAL = "LKE-ID-SOAL"
IDENTITAS = "LKE-IDENTITAS"

RULES: dict[str, str] = {
    JAWABAN: "Jawaban tidak termasuk pilihan yang sah untuk jenis pertanyaannya.",
    BELUM_DIISI: "Pertanyaan belum dijawab unit.",
    BUKTI_KOSONG: "Jawaban tanpa bukti dukung (tautan atau nama file).",
    TAUTAN: "Bukti dukung tampak seperti tautan tetapi bukan alamat http(s) yang sah.",
    BUKTI_GANDA: "Tautan/file bukti yang sama dipakai untuk pertanyaan dari sub-area berbeda.",
    JUMLAH: "Angka jumlah saling bertentangan atau persentase tidak dapat dihitung.",
    ID_SOAL: "ID Soal di kolom A tidak sesuai daftar soal PortalRB (baris disisipkan/dihapus?).",
    IDENTITAS: "Identitas unit tidak lengkap atau tahun evaluasi berbeda.",
}
_LINKISH = re.compile(r"^(?:[a-z][a-z0-9+.-]{1,9}:/|www\.)", re.IGNORECASE)


def answer_problem(s: Soal, value: Any) -> str | None:
    """Why an answer is not allowed (Indonesian), or None when it is allowed or empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if s.type in CHOICE_TYPES:
        if s.canonical(value) is None:
            return f"jawaban '{value}' bukan pilihan {s.type_name}; pilih salah satu: {', '.join(s.options)}."
        return None
    n = answer_number(value)
    if s.type == COUNT_TYPE:
        if n is None or n < 0 or not float(n).is_integer():
            return f"'{value}' bukan jumlah; isi bilangan bulat 0 atau lebih."
        return None
    if s.type == SURVEY_TYPE and (n is None or not 0 <= n <= SURVEY_SCALE):
        return f"'{value}' bukan indeks survei; isi angka 0 sampai 4 (mis. 3,42)."
    return None


def link_problem(text: str) -> str | None:
    """Why a link-looking evidence text is malformed, or None (also None for plain file names)."""
    t = text.strip()
    if not _LINKISH.search(t):
        return None
    if any(ch.isspace() for ch in t):
        return "tautan berisi spasi; salin ulang alamatnya utuh (satu tautan per sel)."
    candidate = "https://" + t if t.lower().startswith("www.") else t
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return "tautan tidak dapat diurai."
    if parts.scheme.lower() not in ("http", "https"):
        return f"tautan memakai skema '{parts.scheme}:'; gunakan alamat https://…"
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost") or host.startswith(".") or host.endswith("."):
        return "tautan tanpa nama host yang sah (mis. https://drive.example.go.id/…)."
    return None


def _key(text: str) -> str:
    t = text.strip().rstrip("/")
    return t.casefold()


def check_form(form: LkeForm, model: Lke2026Model | None = None) -> Report:
    m = model or load_2026_model()
    report = Report(path=form.path, kind=KIND, version="2026.1" if form.model == "2026" else "2021")
    sheet = form.sheet

    def add(rule: str, cell: str, row: int | None, column: str | None, value: Any, message: str,
            severity: str = "error", where: str = sheet) -> None:
        report.add(Finding(rule, severity, where, cell, row, column, value, message))  # type: ignore[arg-type]

    for key, label in (("kode_unit", "Kode Unit"), ("nama_unit", "Nama Unit Kerja")):
        if not str(form.identitas.get(key) or "").strip():
            add(IDENTITAS, form.identitas_cells.get(key, ""), None, label, None,
                f"{label} belum diisi; kantor pusat dan PortalRB mengenali unit dari isian ini.",
                where=IDENTITAS_SHEET)
    year = answer_number(form.identitas.get("tahun"))
    if year is not None and int(year) != m.master.year:
        add(IDENTITAS, form.identitas_cells.get("tahun", ""), None, "Tahun", form.identitas.get("tahun"),
            f"tahun {int(year)} berbeda dari tahun daftar soal ({m.master.year}).", "warning", IDENTITAS_SHEET)
    for row, value in form.id_mismatches:
        s = m.master.by_row()[row]
        add(ID_SOAL, f"A{row}", row, "ID Soal", value,
            f"baris {row} seharusnya soal {s.id} ('{s.text[:50]}'); jangan menyisipkan/menghapus baris — "
            "salin jawaban ke templat baru.")
    evidence_at: dict[str, list[tuple[int, int]]] = defaultdict(list)  # link → [(row, node)]
    cols = form.columns
    for s in m.master.soals.values():
        e = form.entries[s.id]
        r = e.row
        if not r:
            continue  # the 2021 workbook does not ask this question
        for col, value, who in ((cols["unit_answer"], e.unit_answer, "Jawaban Unit"),
                                (cols["tpi_answer"], e.tpi_answer, "Jawaban TPI")):
            problem = answer_problem(s, value)
            if problem:
                add(JAWABAN, f"{col}{r}", r, who, value, f"soal {s.id}: {problem}")
        answered = e.unit_answer is not None and str(e.unit_answer).strip() != ""
        if not answered:
            add(BELUM_DIISI, f"{cols['unit_answer']}{r}", r, "Jawaban Unit", None,
                f"soal {s.id} belum dijawab: {s.text[:70]}.", "warning")
        evidence = str(e.unit_evidence).strip() if e.unit_evidence is not None else ""
        if answered and not evidence:
            add(BUKTI_KOSONG, f"{cols['unit_evidence']}{r}", r, "Bukti Dukung Unit", None,
                f"soal {s.id} dijawab '{e.unit_answer}' tanpa bukti dukung; isi tautan https://… atau nama file.")
        for piece in _pieces(evidence):
            problem = link_problem(piece)
            if problem:
                add(TAUTAN, f"{cols['unit_evidence']}{r}", r, "Bukti Dukung Unit", piece, f"soal {s.id}: {problem}")
            else:
                evidence_at[_key(piece)].append((r, s.node_id))
    ev = cols["unit_evidence"]
    by_form_row = {e.row: i for i, e in form.entries.items() if e.row}
    for rows in evidence_at.values():
        nodes = {n for _r, n in rows}
        if len(nodes) < 2:
            continue
        first = rows[0][0]
        for r, _n in rows[1:]:
            if _n == rows[0][1]:
                continue
            soal_id = by_form_row[r]
            add(BUKTI_GANDA, f"{ev}{r}", r, "Bukti Dukung Unit", form.entries[soal_id].unit_evidence,
                f"soal {soal_id}: bukti yang sama juga dipakai di {ev}{first} untuk sub-area lain; "
                "pastikan bukti memang membuktikan pertanyaan ini.", "warning")
    _check_counts(m, form, add)
    report.rows_checked = len(m.master.soals)
    report.sheet_names = {"jawaban": sheet}
    report.sort()
    return report


def _pieces(evidence: str) -> list[str]:
    """Several links may be given one per line (or separated by ';')."""
    return [p.strip() for p in re.split(r"[\n;]+", evidence) if p.strip()]


def _check_counts(m: Lke2026Model, form: LkeForm, add: Any) -> None:
    soals = m.master.soals
    for col, who, pick in ((form.columns["unit_answer"], "Jawaban Unit", "unit_answer"),
                           (form.columns["tpi_answer"], "Jawaban TPI", "tpi_answer")):
        if not col:
            continue
        counts = {i: answer_number(getattr(form.entries[i], pick)) for i, s in soals.items() if s.type == COUNT_TYPE}
        for d in m.derived:
            for left, right in d.not_above:
                if any(counts.get(i) is None for i in (*left, *right)):
                    continue
                lsum = sum(counts[i] or 0 for i in left)
                rsum = sum(counts[i] or 0 for i in right)
                if lsum > rsum:
                    r = form.entries[left[0]].row
                    names = " + ".join(f"soal {i}" for i in left)
                    add(JUMLAH, f"{col}{r}", r, who, lsum,
                        f"{names} ({_n(lsum)}) melebihi {' + '.join(f'soal {i}' for i in right)} ({_n(rsum)}): "
                        f"{soals[left[0]].text} tidak boleh lebih dari {soals[right[0]].text.lower()}.")
            value, status = d.compute(counts)
            if status == "galat":
                den = d.denominator or ((d.before,) if d.before else ())
                r = form.entries[den[0]].row if den else d.row
                add(JUMLAH, f"{col}{r}", r, who, 0,
                    f"persentase '{d.label[:60]}' tidak dapat dihitung karena penyebutnya 0; periksa jumlahnya.",
                    "warning")


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")
