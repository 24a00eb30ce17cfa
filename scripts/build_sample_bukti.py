#!/usr/bin/env python3
"""Build ``samples/bukti/komdigi-2026/``: the evidence folder of the Komdigi 2026 sample unit.

The unit is ``samples/rencana-aksi-zi/komdigi-2026-valid.xlsx`` (seed 001, periode TW II,
tanggal pengisian 3 Juli 2026). One small, valid file per requirement of its checklist,
named the way staff name files (mixed case, spaces, underscores, dashes), except for
these deliberate faults, which the golden checklist records:

* missing: TW2.5-04 (form deklarasi BK), TW2.6-04 (testimoni), KG1.07-06-materi, KG6.06-output;
* empty file: TW2.3-03 (rekap kehadiran, 0 byte);
* disguised type: TW2.2-02 (a PNG screenshot saved as .pdf);
* truncated PDF: TW2.4-01 (laporan monitoring kinerja cut off);
* dated after the period: KG1.07-06-foto (photo taken 2 July 2026);
* unclear name: TW1.2-02 (``scan0001.pdf`` in the TW-I folder);
* reused photo: KG1.06-05-foto is KG1.06-02's photo renamed;
* loose by name: TW1.3-02 directly in the area folder (found by its name);
* a stray note ``catatan-rapat-internal.txt`` in the root (not recognised).

Then writes the golden checklist ``tests/golden/evidence/komdigi-2026.checklist.json``.
Run: ``python scripts/build_sample_bukti.py`` after changing the sample workbook, then commit the
folder and the golden together (DOCX/XLSX zip timestamps differ between runs).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.evidence_files import jpeg_bytes, pdf_bytes, png_bytes, write_evidence  # noqa: E402
from toolkit.evidence.catalogue import load_catalogue  # noqa: E402
from toolkit.evidence.checklist import build_checklist  # noqa: E402
from toolkit.evidence.matching import facts, name_match  # noqa: E402
from toolkit.evidence.scanner import FileEntry  # noqa: E402

WORKBOOK = ROOT / "samples" / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"
BUKTI = ROOT / "samples" / "bukti" / "komdigi-2026"
GOLDEN = ROOT / "tests" / "golden" / "evidence" / "komdigi-2026.checklist.json"

MISSING = {"TW2.5-04", "TW2.6-04", "KG1.07-06-materi", "KG6.06-output"}
RENAME_AREA = {"05-penguatan-pengawasan": "05 Penguatan Pengawasan"}  # a unit's own spelling
RENAME_TW = {"TW-II": "TW 2"}


def golden_dict(checklist_dict: dict) -> dict:
    """The checklist as compared in tests (everything; paths are relative already)."""
    return checklist_dict


def _name_for(req_name: str) -> str:
    text = re.sub(r"\(.*?\)", "", req_name)
    words = re.findall(r"[A-Za-z0-9]+", text)[:7]
    return "_".join(words)


def _ext_for(name: str) -> str:
    low = name.casefold()
    if low.startswith(("daftar sop", "rekap", "data pelatihan", "dashboard")):
        return ".xlsx"
    if low.startswith(("screenshot", "publikasi", "tautan")):
        return ".png"
    if low.startswith(("dokumentasi",)):
        return ".jpg"
    if low.startswith(("surat edaran", "dokumen kebijakan")):
        return ".docx"
    return ".pdf"


def _folder(folder: str) -> str:
    parts = folder.split("/")
    parts = [RENAME_AREA.get(p, RENAME_TW.get(p, p)) for p in parts]
    return "/".join(parts)


def _month_folder(path: str) -> str:
    """Vary the month folder spelling: 2026-05 -> "Mei 2026", 2026-06 -> "06-Juni"."""
    return path.replace("/2026-05", "/Mei 2026").replace("/2026-06", "/06-Juni")


def build() -> None:
    if BUKTI.exists():
        shutil.rmtree(BUKTI)
    BUKTI.mkdir(parents=True)
    cat = load_catalogue()
    with tempfile.TemporaryDirectory() as empty:
        plan = build_checklist(WORKBOOK, empty)
    for it in plan.items:
        r = it.requirement
        if r.id in MISSING:
            continue
        if r.source == "Matriks Komitmen":
            q = int(r.id[2])
            created = dt.date(2026, 3 * q - 1, 10 + int(r.id.split("-")[1]))
            base = _name_for(r.name)
            ext = _ext_for(r.name)
            fname = f"{base}_TW{q}_2026{ext}"
            probe = FileEntry(rel=f"{r.folder}/{fname}", size=1, mtime=0)
            if not name_match(r, facts(probe, cat, 2026)):
                fname = "_".join(w.capitalize() for w in r.keywords[0].split()) + f"_TW{q}_2026{ext}"
            target = BUKTI / _folder(r.folder) / fname
            if r.id == "TW1.2-02":
                target = target.with_name("scan0001.pdf")
            if r.id == "TW1.3-02":
                target = BUKTI / _folder(r.folder).split("/")[0] / "Kebijakan_Penghargaan_Pegawai_2026.docx"
            if r.id == "TW2.3-03":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"")
                continue
            if r.id == "TW2.2-02":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.with_suffix(".pdf").write_bytes(png_bytes(created, (10, 10, 10)))
                continue
            if r.id == "TW2.4-01":
                target.parent.mkdir(parents=True, exist_ok=True)
                data = pdf_bytes(r.name, created)
                target.write_bytes(data[: data.rindex(b"xref")])  # upload cut off before the xref table
                continue
            write_evidence(target, r.name, created)
            continue
        # activities (Rencana Kerja)
        month = int(r.id.split("-")[1]) if not r.id.endswith("-output") else 0
        folder = _month_folder(_folder(r.folder))
        if r.id.endswith("-output"):
            created = dt.date(2026, _month_of_period(r.period), 25)
            names = [Path(ref).name for ref in r.refs] or ["Laporan_Kegiatan.pdf"]
            for n in names:
                write_evidence(BUKTI / folder / n, f"{r.activity}: {n}", created)
            continue
        created = dt.date(2026, month, 15)
        if r.id.endswith("daftar-hadir"):
            name = ("absensi peserta.pdf" if month % 2 else "Daftar-Hadir.pdf")
            write_evidence(BUKTI / folder / name, f"Daftar hadir {r.activity} {r.period}", created)
        elif r.id.endswith("materi"):
            name = "Materi Paparan.pdf" if month != 4 else "bahan_paparan.docx"
            write_evidence(BUKTI / folder / name, f"Materi {r.activity} {r.period}", created)
        elif r.id.endswith("foto"):
            if r.id == "KG1.06-05-foto":
                src = BUKTI / _month_folder(_folder("01-manajemen-perubahan/kegiatan-06/2026-02")) / \
                    "IMG_20260215_sosialisasi.jpg"
                (BUKTI / folder).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, BUKTI / folder / "IMG_20260520_sosialisasi.jpg")
                continue
            if r.id == "KG1.06-02-foto":
                (BUKTI / folder).mkdir(parents=True, exist_ok=True)
                (BUKTI / folder / "IMG_20260215_sosialisasi.jpg").write_bytes(jpeg_bytes(created, _color(r.id)))
                continue
            if r.id == "KG1.07-06-foto":
                (BUKTI / folder).mkdir(parents=True, exist_ok=True)
                (BUKTI / folder / "IMG_kampanye_3.jpg").write_bytes(jpeg_bytes(dt.date(2026, 7, 2)))
                continue
            day = created.strftime("%Y%m%d")
            (BUKTI / folder).mkdir(parents=True, exist_ok=True)
            stem = re.sub(r"[^a-z]+", "_", r.activity.split(". ", 1)[1].casefold())[:20].strip("_")
            (BUKTI / folder / f"IMG_{day}_{stem}.jpg").write_bytes(jpeg_bytes(created, _color(r.id)))
            (BUKTI / folder / f"dokumentasi {stem} 2.png").write_bytes(png_bytes(created, _color(r.id + "b")))
    (BUKTI / "catatan-rapat-internal.txt").write_text("Catatan pribadi, bukan bukti.\n", encoding="utf-8")


def _color(key: str) -> tuple[int, int, int]:
    """A colour of its own for every photo, so no two photos are accidentally identical."""
    import hashlib

    h = hashlib.sha256(key.encode()).digest()
    return h[0], h[1], h[2]


def _month_of_period(period: str) -> int:
    from toolkit.indonesian import parse_month

    return parse_month(period.split()[0]) or 1


def write_golden() -> None:
    checklist = build_checklist(WORKBOOK, BUKTI)
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(golden_dict(checklist.to_dict()), ensure_ascii=False, indent=2) + "\n",
                      encoding="utf-8")
    print(checklist.summary_line())
    print(f"Folder bukti: {BUKTI}\nGolden: {GOLDEN}")


if __name__ == "__main__":
    build()
    write_golden()
