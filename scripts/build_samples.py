"""Build the sample workbooks in ``samples/<kind>/`` from the seed content in ``samples/data/``.

    python scripts/build_samples.py            # every case
    python scripts/build_samples.py komdigi-2026

Each ``samples/data/<case>.yaml`` holds a case's Identitas and rows (the seeds'
real text) and an ``invalid:`` list of deliberate faults. The script writes

- ``samples/<kind>/<case>-valid.xlsx``: the rows as they are;
- ``samples/<kind>/<case>-invalid.xlsx``: the same workbook with every fault applied;
- ``samples/<kind>/<case>-invalid.faults.yaml``: each fault with its sheet, cell,
  intended rule id, the value written and the cells it changed.

Everything is deterministic (fixed random seed for the calendar logs, fixed
workbook timestamps), so rebuilding gives the same cell content.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import random
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import holidays
import yaml

from toolkit.indonesian import MONTHS_FULL, parse_month, quarter_of_month
from toolkit.schemas import WorkbookSchema, get_schema
from toolkit.schemas.common import IDENTITAS_SHEET, MONTH_KEYS
from toolkit.schemas.model import SheetSpec
from toolkit.workbook.cells import cell_address
from toolkit.workbook.template import build_workbook

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "samples" / "data"
SAMPLES = REPO / "samples"

Rows = dict[str, list[dict[str, Any]]]


# --- loading a case --------------------------------------------------------------------

def load_case(name: str) -> dict[str, Any]:
    path = DATA / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def case_names() -> list[str]:
    return sorted(p.stem for p in DATA.glob("*.yaml"))


def _month_index(text: str) -> int:
    m = parse_month(text)
    if m is None:
        raise ValueError(f"bulan tidak dikenal: {text!r}")
    return m


def _zi_rows(data: Mapping[str, Any]) -> Rows:
    rencana: list[dict[str, Any]] = []
    for block in data["rencana"]:
        for k in block["kegiatan"]:
            row: dict[str, Any] = {
                "area": block["area"], "no": k["nomor"], "kegiatan": k["kegiatan"], "output": k["output"],
                "pic": k.get("pic", block["pic"]),
                "status": k["status"], "progres": k["progres"], "bukti": k.get("bukti"),
                "keterangan": k.get("keterangan"),
            }
            plan = {_month_index(m) for m in k["rencana"]}
            real = {_month_index(m) for m in k.get("realisasi") or []}
            for i, key in enumerate(MONTH_KEYS, start=1):
                row[f"rencana_{key}"] = True if i in plan else None
                row[f"realisasi_{key}"] = True if i in real else None
            rencana.append(row)
    komitmen = [dict(r) for r in data["komitmen"]]
    return {"rencana": rencana, "komitmen": komitmen}


def _renumber(row: Mapping[Any, Any]) -> dict[str, Any]:
    """YAML 1.1 reads a bare ``no:`` key as False, so the data files say ``nomor:``."""
    return {("no" if k in ("nomor", False) else str(k)): v for k, v in row.items()}


def _spi_rows(data: Mapping[str, Any]) -> Rows:
    lampiran1 = [_renumber(r) for r in data["lampiran1"]]
    lampiran2: list[dict[str, Any]] = []
    for group in data["lampiran2"]:
        for r in group["baris"]:
            lampiran2.append({"tingkat_risiko": group["tingkat_risiko"], **_renumber(r)})
    pemantauan = [dict(r) for r in data["pemantauan"]]
    return {"lampiran1": lampiran1, "lampiran2": lampiran2, "pemantauan": pemantauan}


def case_rows(data: Mapping[str, Any]) -> Rows:
    """The valid rows of a case, by sheet key (calendar logs generated deterministically)."""
    kind = data["kind"]
    if kind == "rencana-aksi-zi":
        return _zi_rows(data)
    if kind == "tindak-lanjut-spi":
        return _spi_rows(data)
    if kind == "kalender-integritas":
        return _kalender_rows(data)
    raise ValueError(f"jenis tidak dikenal: {kind}")


def case_identitas(data: Mapping[str, Any]) -> dict[str, Any]:
    return dict(data["identitas"])


# --- the calendar (seed 000) -----------------------------------------------------------

def _kalender_rows(data: Mapping[str, Any]) -> Rows:
    kalender: list[dict[str, Any]] = []
    tema: list[dict[str, Any]] = []
    for group in data["kalender"]:
        for k in group["kegiatan"]:
            kalender.append({
                "kelompok": group["kelompok"], "no": k["nomor"], "momen": k["momen"],
                "frekuensi": k["frekuensi"], "satuan": k["satuan"], "pic": k["pic"],
                "media": k.get("media"), "peserta": k.get("peserta"),
                "injeksi_materi": k.get("injeksi_materi"),
            })
            for periode, judul in (k.get("tema") or {}).items():
                tema.append({"kelompok": group["kelompok"], "no_kegiatan": k["nomor"],
                             "periode": periode, "tema": judul})
    return {"kalender": kalender, "tema": tema, "realisasi": realisasi_log(data, kalender, tema)}


def working_days(year: int, until: dt.date, extra_off: Sequence[dt.date]) -> list[dt.date]:
    """Indonesian working days of ``year`` up to ``until``: Mon–Fri, not a holiday, not cuti bersama."""
    off = set(holidays.country_holidays("ID", years=year)) | set(extra_off)
    day = dt.date(year, 1, 1)
    out = []
    while day <= until:
        if day.weekday() < 5 and day not in off:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _slug(text: str, words: int = 4) -> str:
    clean = re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")
    return "-".join(clean.split("-")[:words])


def _pick(rng: random.Random, days: Sequence[dt.date], weekday: int | None) -> dt.date:
    if weekday is not None:
        preferred = [d for d in days if d.weekday() == weekday]
        if preferred:
            return preferred[0]
    return rng.choice(list(days))


def _material_items(text: str | None) -> list[str]:
    """The numbered items of an Injeksi Materi text ("1. …", "a. …"), or the whole text."""
    if not text:
        return []
    items = [re.sub(r"^\s*(?:\d+[.)]|[a-z][.)]|[•-])\s*", "", line).strip()
             for line in text.splitlines()]
    items = [i for i in items if i and not i.endswith(":")]
    return items or [text.strip()]


def realisasi_log(data: Mapping[str, Any], kalender: Sequence[Mapping[str, Any]],
                  tema: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A half-year log of activities held, generated from the calendar with a fixed random seed.

    Frequencies are met on Indonesian working days (``holidays`` "ID" plus the cuti
    bersama listed in the YAML), except the misses the YAML names; a themed
    activity delivers its month's (or quarter's) theme; every row names its evidence.
    """
    log_cfg = data["realisasi"]
    rng = random.Random(log_cfg["seed"])
    year = int(data["identitas"]["tahun"])
    start = dt.date.fromisoformat(str(log_cfg["dari"]))
    end = dt.date.fromisoformat(str(log_cfg["sampai"]))
    days = [d for d in working_days(year, end, [dt.date.fromisoformat(str(x)) for x in log_cfg["cuti_bersama"]])
            if d >= start]
    misses = {(m["kelompok"], m["nomor"], str(m["periode"])) for m in log_cfg.get("tidak_terlaksana") or []}
    peserta = log_cfg["peserta"]
    themes = {(t["kelompok"], t["no_kegiatan"], t["periode"]): t["tema"] for t in tema}
    settings = {(s["kelompok"], s["nomor"]): s for s in log_cfg.get("kegiatan") or []}
    out: list[dict[str, Any]] = []

    def periods(satuan: str) -> list[tuple[str, list[dt.date]]]:
        buckets: dict[str, list[dt.date]] = {}
        for d in days:
            if satuan == "Hari":
                key = d.isoformat()
            elif satuan == "Minggu":
                iso = d.isocalendar()
                key = f"{iso[0]}-W{iso[1]:02d}"
            elif satuan == "Bulan":
                key = MONTHS_FULL[d.month - 1]
            elif satuan == "Triwulan":
                key = f"TW {['I', 'II', 'III', 'IV'][quarter_of_month(d.month) - 1]}"
            elif satuan == "Semester":
                key = "Semester I" if d.month <= 6 else "Semester II"
            else:
                key = str(d.year)
            buckets.setdefault(key, []).append(d)
        return list(buckets.items())

    for k in kalender:
        group, no, satuan = k["kelompok"], k["no"], k["satuan"]
        cfg = settings.get((group, no), {})
        times = int(re.sub(r"\D", "", str(k["frekuensi"])) or 1)
        weekday = cfg.get("hari")
        audience = peserta.get(cfg.get("peserta", "semua"))
        items = _material_items(k.get("injeksi_materi"))
        for n_period, (key, pdays) in enumerate(periods(satuan)):
            if satuan == "Tahunan":
                pdays = [d for d in pdays if d.month == int(cfg.get("bulan", 1))]
            if (group, no, key) in misses:
                continue
            held = times
            if (group, no, f"{key}:1x") in misses:
                held = 1
            themed_days = pdays
            theme = None
            months = sorted({d.month for d in pdays})
            for m in months:
                if (group, no, MONTHS_FULL[m - 1]) in themes:
                    theme = themes[(group, no, MONTHS_FULL[m - 1])]
                    themed_days = [d for d in pdays if d.month == m]
                    break
            if theme is None:
                q = quarter_of_month(pdays[0].month)
                qkey = f"TW {['I', 'II', 'III', 'IV'][q - 1]}"
                if (group, no, qkey) in themes and all(quarter_of_month(d.month) == q for d in pdays):
                    theme = themes[(group, no, qkey)]
            chosen: list[dt.date] = []
            pool = list(themed_days)
            for _ in range(held):
                if not pool:
                    break
                if satuan == "Hari":
                    d = pool[0]
                else:
                    d = _pick(rng, pool, weekday if not chosen else None)
                chosen.append(d)
                pool = [x for x in pool if abs((x - d).days) >= 7] or [x for x in pool if x != d]
            for d in sorted(chosen):
                if theme is not None:
                    materi = theme
                elif any(t[0] == group and t[1] == no for t in themes):
                    # a themed activity in a period without a theme: never another month's theme
                    materi = cfg.get("materi_tanpa_tema") or k["momen"]
                elif satuan == "Hari" or not items:
                    materi = items[0] if items else k["momen"]
                else:
                    materi = items[n_period % len(items)]
                count = None
                if audience is not None:
                    count = rng.randint(int(audience[0]), int(audience[1]))
                evidence = cfg.get("bukti", ["daftar-hadir.pdf", "foto.jpg"])
                slug = cfg.get("slug") or _slug(k["momen"])
                bukti = "; ".join(f"{d.isoformat()}_{slug}_{e}" for e in evidence)
                out.append({
                    "tanggal": d, "kelompok": group, "no_kegiatan": no, "momen": k["momen"],
                    "jumlah_peserta": count, "materi": materi, "bukti": bukti,
                    "keterangan": cfg.get("keterangan"),
                })
    order = {g: i for i, g in enumerate(("Internal", "Eksternal", "Strategi Komunikasi"))}
    out.sort(key=lambda r: (r["tanggal"], order[r["kelompok"]], r["no_kegiatan"]))
    return out


# --- faults ----------------------------------------------------------------------------

@dataclasses.dataclass
class Applied:
    """One fault as it lands in the invalid workbook."""

    rule: str
    sheet: str
    cell: str | None
    description: str
    value: Any
    changed: list[tuple[str, str]]
    also_rules: list[str]
    structural: str | None = None  # "hidden", "missing" for sheet-level faults


def _sheet_spec(schema: WorkbookSchema, key: str) -> SheetSpec:
    return schema.sheet(key)


def _find_row(rows: list[dict[str, Any]], where: Mapping[str, Any], sheet: str) -> int:
    where = _renumber(where)
    hits = [i for i, r in enumerate(rows) if all(_same(r.get(k), v) for k, v in where.items())]
    if len(hits) != 1:
        raise ValueError(f"{sheet}: {where} cocok dengan {len(hits)} baris (harus tepat satu)")
    return hits[0]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dt.date) and not isinstance(b, dt.date):
        return a.isoformat() == str(b)
    return bool(a == b)


def _cell(spec: SheetSpec, index: int, key: str) -> str:
    return cell_address(spec.first_data_row + index, spec.column_keys().index(key) + 1)


def _header_cell(spec: SheetSpec, col: int) -> str:
    return cell_address(spec.header_row, col + 1)


def _yaml_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _coerce_date(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return dt.date.fromisoformat(value)
    return value


def apply_faults(schema: WorkbookSchema, identitas: dict[str, Any], rows: Rows,
                 faults: Sequence[Mapping[str, Any]]
                 ) -> tuple[WorkbookSchema, dict[str, Any], Rows, Callable[..., None] | None, list[Applied], tuple[str, ...]]:
    """The invalid variant: a copy of identitas/rows with ``faults`` applied, and what each changed."""
    ident = dict(identitas)
    out: Rows = copy.deepcopy(rows)
    applied: list[Applied] = []
    hidden: list[str] = []
    formulas: list[tuple[str, int, int, str, Any]] = []
    headers: list[tuple[str, int, int, str | None]] = []
    extra_sheets: list[tuple[str, list[str], bool]] = []
    drop: list[str] = []
    for f in faults:
        rule, desc = f["rule"], f["keterangan"]
        also = list(f.get("juga") or [])
        if "identitas" in f:
            key = f["identitas"]
            index = [x.key for x in schema.identitas].index(key)
            cell = cell_address(4 + index, 2)
            ident[key] = _coerce_date(f["nilai"])
            applied.append(Applied(rule, IDENTITAS_SHEET, cell, desc, f["nilai"], [(IDENTITAS_SHEET, cell)], also))
            continue
        if "sembunyikan_sheet" in f:
            name = f["sembunyikan_sheet"]
            extra = f.get("isi") or []
            if name not in {s.name for s in schema.sheets}:
                extra_sheets.append((name, list(extra), True))
                changed = [(name, cell_address(1 + i, 1)) for i in range(len(extra))]
            else:
                hidden.append(name)
                changed = []
            applied.append(Applied(rule, name, None, desc, None, changed, also, structural="hidden"))
            continue
        if "hapus_sheet" in f:
            spec = _sheet_spec(schema, f["hapus_sheet"])
            drop.append(spec.key)
            applied.append(Applied(rule, spec.name, None, desc, None, [], also, structural="missing"))
            continue
        spec = _sheet_spec(schema, f["sheet"])
        if "judul_kolom" in f:  # rewrite (or blank) a header cell
            col = spec.column_keys().index(f["judul_kolom"])
            value = f.get("nilai")
            headers.append((spec.key, spec.header_row - 1, col, value))
            cell = _header_cell(spec, col)
            applied.append(Applied(rule, spec.name, cell, desc, value, [(spec.name, cell)], also))
            continue
        if "kolom_tambahan" in f:
            col = len(spec.columns)
            headers.append((spec.key, spec.header_row - 1, col, f["kolom_tambahan"]))
            cell = _header_cell(spec, col)
            applied.append(Applied(rule, spec.name, cell, desc, f["kolom_tambahan"], [(spec.name, cell)], also))
            continue
        data = out[spec.key]
        if "pindahkan" in f:  # move the rows matching one filter before the first row matching another
            before = [dict(r) for r in data]
            moving = [r for r in data if all(_same(r.get(k), v) for k, v in f["pindahkan"].items())]
            rest = [r for r in data if r not in moving]
            at = next(i for i, r in enumerate(rest) if all(_same(r.get(k), v) for k, v in f["sebelum"].items()))
            data[:] = rest[:at] + moving + rest[at:]
            changed = [(spec.name, _cell(spec, i, key)) for i, (a, b) in enumerate(zip(before, data, strict=True))
                       for key in spec.column_keys() if a.get(key) != b.get(key)]
            first = next(i for i, r in enumerate(data)
                         if all(_same(r.get(k), v) for k, v in _renumber(f["temuan_di"]).items()))
            cell = _cell(spec, first, f.get("kolom_temuan", spec.column_keys()[0]))
            applied.append(Applied(rule, spec.name, cell, desc, None, changed, also))
            continue
        index = _find_row(data, f["baris"], spec.name)
        changes: dict[str, Any] = dict(f.get("ubah") or {})
        if "kolom" in f:
            changes[f["kolom"]] = f.get("nilai")
        changed = []
        for key, value in changes.items():
            data[index][key] = _coerce_date(value)
            changed.append((spec.name, _cell(spec, index, key)))
        if "rumus" in f:
            col = spec.column_keys().index(f["kolom_rumus"])
            formulas.append((spec.key, spec.first_data_row - 1 + index, col, f["rumus"], f.get("nilai_rumus")))
            changed.append((spec.name, _cell(spec, index, f["kolom_rumus"])))
        if "temuan" in f:  # the finding lands elsewhere (another sheet or row)
            t = f["temuan"]
            tspec = _sheet_spec(schema, t["sheet"])
            tindex = _find_row(out[tspec.key], t["baris"], tspec.name)
            sheet_name, cell = tspec.name, _cell(tspec, tindex, t["kolom"])
        else:
            key = f.get("kolom_temuan") or f.get("kolom") or f.get("kolom_rumus") or next(iter(changes))
            sheet_name, cell = spec.name, _cell(spec, index, key)
        value = f.get("rumus") or (changes.get(f.get("kolom_temuan") or f.get("kolom", "")) if changes else None)
        applied.append(Applied(rule, sheet_name, cell, desc, _yaml_value(value), changed, also))

    def customize(wb: Any, sheets: dict[str, Any]) -> None:
        header_fmt = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "border": 1,
                                    "text_wrap": True, "align": "center", "valign": "vcenter",
                                    "font_name": "Calibri", "font_size": 10})
        for key, r, c, text in headers:
            if text is None:
                sheets[key].write_blank(r, c, None, header_fmt)
            else:
                sheets[key].write_string(r, c, text, header_fmt)
        for key, r, c, formula, value in formulas:
            sheets[key].write_formula(r, c, formula, None, value)
        for name, lines, hide in extra_sheets:
            ws = wb.add_worksheet(name)
            for i, line in enumerate(lines):
                ws.write_string(i, 0, line)
            if hide:
                ws.hide()
        for name in hidden:
            for ws in sheets.values():
                if ws.name == name:
                    ws.hide()

    return schema, ident, out, customize, applied, tuple(drop)


# --- writing ---------------------------------------------------------------------------

def sample_dir(kind: str) -> Path:
    return SAMPLES / kind


def build_case(name: str, outdir: Path | None = None) -> dict[str, Path]:
    """Write the valid and invalid workbooks and the faults file of one case; return their paths."""
    data = load_case(name)
    schema = get_schema(data["kind"])
    target = outdir or sample_dir(schema.kind)
    identitas = case_identitas(data)
    rows = case_rows(data)
    valid = build_workbook(schema, target / f"{name}-valid.xlsx", identitas=identitas, rows=rows)
    paths = {"valid": valid}
    faults = data.get("invalid") or []
    if faults:
        ischema, ident, irows, customize, applied, drop = apply_faults(schema, identitas, rows, faults)
        # a sheet the user deleted: everything else (Petunjuk included) stays as it was
        invalid = build_workbook(ischema, target / f"{name}-invalid.xlsx", identitas=ident, rows=irows,
                                 customize=customize, omit_sheets=drop)
        faults_path = target / f"{name}-invalid.faults.yaml"
        write_faults(faults_path, schema, name, applied)
        paths["invalid"] = invalid
        paths["faults"] = faults_path
    return paths


def write_faults(path: Path, schema: WorkbookSchema, name: str, applied: Sequence[Applied]) -> None:
    severities = {r.id: r.severity for r in schema.rules}
    entries = []
    for i, a in enumerate(applied, start=1):
        entry: dict[str, Any] = {"id": i, "rule_id": a.rule, "severity": severities.get(a.rule, "error"),
                                 "sheet": a.sheet, "cell": a.cell}
        if a.structural:
            entry["sheet_level"] = a.structural
        entry["value"] = a.value
        entry["description"] = a.description
        if a.also_rules:
            entry["also_possible"] = a.also_rules
        if [(s, c) for s, c in a.changed] != [(a.sheet, a.cell)]:
            entry["changed"] = [{"sheet": s, "cell": c} for s, c in a.changed]
        entries.append(entry)
    doc = {
        "kind": schema.kind, "schema_version": schema.version,
        "valid": f"{name}-valid.xlsx", "invalid": f"{name}-invalid.xlsx",
        "note": ("Satu entri per kesalahan yang sengaja dibuat. 'cell' = sel tempat temuan diharapkan; "
                 "'changed' (bila ada) = sel yang berbeda dari versi valid bila tidak sama dengan 'cell'; "
                 "'sheet_level' = kesalahan tingkat sheet (hidden/missing). Dibuat oleh scripts/build_samples.py."),
        "faults": entries,
    }
    with path.open("w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, allow_unicode=True, sort_keys=False, width=100)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bangun ulang workbook contoh dari samples/data/*.yaml")
    parser.add_argument("cases", nargs="*", help="nama kasus (default: semua)")
    args = parser.parse_args(argv)
    for name in args.cases or case_names():
        for path in build_case(name).values():
            print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())

