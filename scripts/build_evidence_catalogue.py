#!/usr/bin/env python3
"""Build the evidence catalogue ``toolkit/data/evidence/katalog.yaml`` from its sources.

Sources (``/work/shared/seeds/README.md``):

* the reference LKE ZI workbook ``samples/lke/lke-zi-permenpanrb-90-2021.xlsx``, sheet
  "LKE ZI": the indicator tree (component in B, sub-component in C, area in D/E,
  sub-area in E/F, question in F/G, weight in H, answer type in J) and column P —
  which is ONE UNIT's own evidence notes (Kota Tangerang Selatan), not the regulation's
  text, and is labelled so (``catatan unit Kota Tangerang Selatan``);
* the hand-curated ``toolkit/data/evidence/kurasi.yaml``: evidence per indicator where
  seed 002 (``002_c6caca31fe692d13.txt``, "Kegiatan tersebut dilengkapi dengan data
  dukung") has it — quoted verbatim (``kutipan``; the name is the quote), and a test
  checks every quote is in the seed — mixed with column P items (``kolom_p: N``) and the
  toolkit's own suggestions (``sumber: penilaian toolkit``); keyword overrides, the quarterly *Kewajiban Unggah Evidence* of seed 001
  (``001_1ff2b76cbc969348.txt``, Matriks Komitmen) and the per-occurrence activity
  evidence of seed 000 (``000_fb1e3ab22c2abff1.txt``: daftar hadir, foto, materi).

Run: ``python scripts/build_evidence_catalogue.py`` (``--check`` exits 1 when the
committed catalogue differs from what the sources give).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import python_calamine as pc
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.evidence.text import auto_keyword, slug, tokens  # noqa: E402
from toolkit.schemas.common import AREA_PERUBAHAN  # noqa: E402

LKE = ROOT / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"
KURASI = ROOT / "toolkit" / "data" / "evidence" / "kurasi.yaml"
OUT = ROOT / "toolkit" / "data" / "evidence" / "katalog.yaml"

ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
DEFAULT_KINDS = ["pdf", "gambar", "dokumen", "lembar"]
UNIT_NOTE = "catatan unit Kota Tangerang Selatan (LKE referensi kolom P baris {row})"
OWN = "penilaian toolkit"


def area_folder(no: int) -> str:
    return f"{no:02d}-{slug(AREA_PERUBAHAN[no - 1])}"


def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _roman(v: str) -> str | None:
    t = v.strip().rstrip(".").strip().casefold()
    return t if t in ROMANS else None


def _letter(v: str) -> str | None:
    t = v.strip().rstrip(".").strip().casefold()
    return t if re.fullmatch(r"[a-z]", t) else None


def parse_lke(path: Path) -> list[dict[str, Any]]:
    """Every scored question of the LKE ZI sheet with its place in the tree and column P."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    rows = [list(r) + [""] * 17 for r in wb.get_sheet_by_name("LKE ZI").iter_rows()]
    out: list[dict[str, Any]] = []
    comp = sub = ""
    area = 0
    area_name = ""
    sub_code = ""
    sub_name = ""
    sub_weight: float | None = None
    dash_count = 0
    hasil_group = ""
    seen: set[str] = set()
    for i, r in enumerate(rows):
        excel_row = i + 1
        b, c, d, e, f, g = (_text(r[k]) for k in range(1, 7))
        h, j, p = r[7], _text(r[9]), _text(r[15])
        if b in ("A.", "B."):
            comp = b[0]
            continue
        if c in ("I.", "II.") and d:
            sub = c.rstrip(".")
            if comp == "B":
                hasil_group = sub
            continue
        if comp == "A" and re.fullmatch(r"\d\.", d) and e:
            area = int(d[0])
            area_name = e
            sub_code = ""
            continue
        if comp == "A" and _roman(e) and f:
            roman = _roman(e)
            assert roman is not None
            if sub_code and not sub_code.count(".") and ROMANS.index(roman) <= ROMANS.index(sub_code):
                sub_code = f"{sub_code}.{roman}"  # nested (LHKPN under "iii.")
            else:
                sub_code = roman
            sub_name = f.strip()
            sub_weight = float(h) if isinstance(h, (int, float)) else None
            dash_count = 0
            continue
        if comp == "A" and f and not _letter(f) and f.strip() != "-" and not g and isinstance(h, (int, float)):
            parent = sub_code.split(".")[0]
            nested = [x["sub_code"] for x in out if x["sub_code"].startswith(parent + ".")]
            nxt = ROMANS[len({n for n in nested}) % len(ROMANS)]
            sub_code = f"{parent}.{nxt}"
            sub_name = f.strip()
            sub_weight = float(h)
            dash_count = 0
            continue
        if comp == "A" and g and j and j.casefold() != "jumlah" and (_letter(f) or f.strip() == "-"):
            letter = _letter(f)
            if letter is None:
                letter = "abcdefghij"[dash_count]
                dash_count += 1
            prefix = "P" if sub == "I" else "R"
            ident = f"{prefix}.{area}.{sub_code}.{letter}"
            while ident in seen:
                ident += "'"
            seen.add(ident)
            out.append({"id": ident, "komponen": "Pengungkit", "bagian": "Pemenuhan" if sub == "I" else "Reform",
                        "area": area, "area_lke": area_name, "sub_code": sub_code, "sub_area": sub_name,
                        "bobot_sub_area": sub_weight, "pertanyaan": re.sub(r"\s+", " ", g),
                        "jenis_jawaban": j.replace("\n", " "), "baris_lke": excel_row, "kolom_p": p})
            continue
        if comp == "B" and _letter(d) and e:
            ident = f"H.{hasil_group}.{_letter(d)}"
            out.append({"id": ident, "komponen": "Hasil", "bagian": "Hasil", "area": 0,
                        "area_lke": "", "sub_code": "", "sub_area": "",
                        "bobot_sub_area": float(h) if isinstance(h, (int, float)) else None,
                        "pertanyaan": re.sub(r"\s+", " ", e), "jenis_jawaban": j.replace("\n", " "),
                        "baris_lke": excel_row, "kolom_p": p})
    return out


_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*\.\s*(.+)$")
_SCORING = re.compile(r"^\s*(jika|apabila)\b.*:\s*[a-e]\s*$", re.IGNORECASE)


def split_column_p(text: str) -> list[tuple[str, str]]:
    """Column P as (name, detail) items: each top-level numbered line is one piece of evidence.

    Without numbering the first line is the single item. Scoring notes ("Jika realisasi
    100% : a") and URLs are not evidence.
    """
    lines = [ln.rstrip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln.strip() and not _SCORING.match(ln)]
    if not lines:
        return []
    items: list[tuple[str, list[str]]] = []
    for ln in lines:
        m = _NUMBERED.match(ln)
        if m and not ln.startswith((" ", "\t")) and int(m.group(1)) <= 20:
            items.append((m.group(2).strip(), []))
        elif items:
            items[-1][1].append(ln.strip())
        else:
            items.append((ln.strip(), []))
    if not any(_NUMBERED.match(ln) for ln in lines):
        items = [(lines[0].strip(), [ln.strip() for ln in lines[1:]])]
    out = []
    for name, detail in items:
        if name.casefold().startswith("http"):
            continue
        out.append((name.rstrip(":. "), "; ".join(detail)))
    return out


def seed_name(quote: str) -> str:
    """Seed 002's words as an evidence name: markdown stars and the closing ";"/"." dropped, first letter up."""
    text = re.sub(r"\s+", " ", quote.replace("*", "")).strip().rstrip(";.").strip()
    return text[:1].upper() + text[1:]


def kinds_for(name: str) -> list[str]:
    low = " ".join(tokens(name))
    if re.search(r"\b(capture|foto|banner|spanduk|poster|flyer|leaflet|medsos|kliping)\b", low):
        return ["gambar", "pdf", "video", "dokumen"]
    if re.search(r"\b(rekap|bezetting|data|daftar|dashboard)\b", low):
        return ["pdf", "lembar", "dokumen", "gambar"]
    return list(DEFAULT_KINDS)


def build(lke: Path = LKE, kurasi_path: Path = KURASI) -> dict[str, Any]:
    kurasi = yaml.safe_load(kurasi_path.read_text(encoding="utf-8"))
    overrides: dict[str, list[dict[str, Any]]] = kurasi.get("bukti_indikator", {}) or {}
    keyword_overrides: dict[str, list[str]] = kurasi.get("kata_kunci", {}) or {}
    indicators = []
    for q in parse_lke(lke):
        folder = (f"{area_folder(q['area'])}/{q['id'][2:]}" if q["area"] else f"07-hasil/{q['id'][2:]}")
        items: list[dict[str, Any]] = []
        column_p = split_column_p(q["kolom_p"])
        unit_note = UNIT_NOTE.format(row=q["baris_lke"])
        if q["id"] in overrides:
            for n, it in enumerate(overrides[q["id"]], start=1):
                if "kolom_p" in it:  # an item of column P, kept with its true source
                    name, detail = column_p[int(it["kolom_p"]) - 1]
                    source = unit_note
                elif it.get("kutipan"):  # seed 002's own words
                    name, detail = seed_name(str(it["kutipan"])), str(it.get("uraian", ""))
                    source = str(it["sumber"])
                else:
                    name, detail, source = str(it["nama"]), str(it.get("uraian", "")), str(it.get("sumber", OWN))
                entry = {"id": f"{q['id']}-{n:02d}", "nama": name, "uraian": detail, "sumber": source,
                         "jenis": it.get("jenis") or kinds_for(name),
                         "kata_kunci": it.get("kata_kunci") or [auto_keyword(name)]}
                if it.get("kutipan"):
                    entry["kutipan"] = str(it["kutipan"])
                items.append(entry)
        else:
            for n, (name, detail) in enumerate(column_p, start=1):
                items.append({"id": f"{q['id']}-{n:02d}", "nama": name, "uraian": detail, "sumber": unit_note,
                              "jenis": kinds_for(name), "kata_kunci": [auto_keyword(name)]})
        for it in items:
            if it["id"] in keyword_overrides:
                it["kata_kunci"] = keyword_overrides[it["id"]]
            it["kata_kunci"] = [k for k in it["kata_kunci"] if k]
        if not items:
            items.append({"id": f"{q['id']}-01", "nama": f"Data dukung: {q['pertanyaan'][:80]}",
                          "uraian": "", "sumber": f"{OWN} (dari pertanyaan LKE; belum ada rincian data dukung)",
                          "jenis": list(DEFAULT_KINDS), "kata_kunci": [auto_keyword(q["pertanyaan"], 3)]})
        indicators.append({
            "id": q["id"], "komponen": q["komponen"], "bagian": q["bagian"], "area": q["area"],
            "sub_area": q["sub_area"], "pertanyaan": q["pertanyaan"], "jenis_jawaban": q["jenis_jawaban"],
            "bobot_sub_area": q["bobot_sub_area"], "baris_lke": q["baris_lke"], "folder": folder,
            "bukti": items,
        })
    areas = [{"no": i, "nama": name, "folder": area_folder(i),
              "kata_kunci": kurasi["area_kata_kunci"].get(i, [name])}
             for i, name in enumerate(AREA_PERUBAHAN, start=1)]
    return {
        "versi": kurasi["versi"],
        "keterangan": "Dibangkitkan oleh scripts/build_evidence_catalogue.py dari LKE ZI referensi (kolom P: "
                      "catatan unit Kota Tangerang Selatan) dan toolkit/data/evidence/kurasi.yaml (seed 002 dikutip "
                      "apa adanya; penilaian toolkit). Jangan diedit langsung; ubah kurasi lalu bangun ulang.",
        "sumber": kurasi["sumber"],
        "jenis_file": kurasi["jenis_file"],
        "area": areas,
        "indikator": indicators,
        "komitmen": kurasi["komitmen"],
        "kegiatan": kurasi["kegiatan"],
    }


def dump(catalogue: dict[str, Any]) -> str:
    return yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False, width=110)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="hanya periksa, jangan tulis")
    ap.add_argument("--print-lke", action="store_true", help="cetak pohon indikator LKE")
    args = ap.parse_args(argv)
    if args.print_lke:
        for q in parse_lke(LKE):
            print(q["id"], q["baris_lke"], q["sub_area"][:30], "|", q["pertanyaan"][:70], "|", bool(q["kolom_p"]))
        return 0
    text = dump(build())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} tidak sesuai sumbernya; jalankan scripts/build_evidence_catalogue.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"Katalog ditulis: {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
