"""The figures of the law in force on a day, each with its legal source (``integritas aturan``).

Every version of a rules file cites its figures in ``dasar``: one entry per figure (a dotted
path into the version, e.g. ``pph4_2.konstruksi_pelaksana``) with

* ``uraian`` (what it is), ``satuan`` (persen, rupiah, hari kerja, daftar, ...);
* ``peraturan`` and ``pasal`` — the regulation and article that set it;
* ``seed`` and ``seed_kutipan`` — the seed it came from and the words the seed uses (a test
  checks the words are really in the seed);
* ``seed_nilai`` / ``nilai_peraturan`` — where the seed says something else than the regulation
  in force: the regulation wins and :func:`seed_differences` says so once;
* ``terkonfirmasi: false`` and ``catatan`` — a figure or article that could not be checked
  against the text of the regulation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from toolkit.indonesian import format_rupiah, format_tanggal
from toolkit.rules import calendar
from toolkit.rules.dated import dated, load_rules
from toolkit.scoring.models import DEFAULT_MODEL, load_model

META_KEYS = frozenset({"berlaku_mulai", "berlaku_sampai", "sumber", "dasar"})
# files shown by `integritas aturan`, in order
SHOWN_FILES = ("gratifikasi", "pajak_bos", "ppn")
SEED_NAMES = {
    "seed 000": "Nota Dinas DJPb ND-1182/PB.1/2023 (seed 000)",
    "seed 001": "Program Kerja ZI Komdigi 2026 (seed 001)",
    "seed 002": "Pedoman ZI BPMP DKI Jakarta (seed 002)",
    "seed 003": "FAQ Inspektorat (seed 003)",
    "seed 004": "Surat Bangka Tengah (seed 004)",
}


@dataclass(frozen=True)
class Citation:
    """Where one figure comes from."""

    uraian: str = ""
    satuan: str = ""
    peraturan: str | None = None
    pasal: str | None = None
    seed: str | None = None
    seed_kutipan: str | None = None
    seed_nilai: Any = None
    nilai_peraturan: Any = None
    seed_untuk: tuple[str, ...] = ()
    catatan: str | None = None
    terkonfirmasi: bool = True

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> Citation:
        return cls(uraian=str(raw.get("uraian") or ""), satuan=str(raw.get("satuan") or ""),
                   peraturan=raw.get("peraturan"), pasal=raw.get("pasal"), seed=raw.get("seed"),
                   seed_kutipan=raw.get("seed_kutipan"), seed_nilai=raw.get("seed_nilai"),
                   nilai_peraturan=raw.get("nilai_peraturan"), seed_untuk=tuple(raw.get("seed_untuk") or ()),
                   catatan=raw.get("catatan"), terkonfirmasi=bool(raw.get("terkonfirmasi", True)))

    @property
    def law(self) -> str:
        """"PP 51/2008 s.t.d.t.d. PP 9/2022 Pasal 3 ayat (1)" — or "" when no regulation is cited."""
        if not self.peraturan:
            return ""
        if not self.pasal:
            return str(self.peraturan)
        sep = " " if str(self.pasal).startswith("Pasal") else "; "
        return f"{self.peraturan}{sep}{self.pasal}"

    @property
    def seed_document(self) -> str:
        if not self.seed:
            return ""
        for prefix, name in SEED_NAMES.items():
            if str(self.seed).startswith(prefix):
                return name
        return str(self.seed)

    def short(self) -> str:
        """The source in a few words, for a computed line's "basis"."""
        parts = [self.law] if self.law else []
        if self.seed and self.seed_nilai is None:
            parts.append(str(self.seed))
        return "; ".join(parts) or "pengaturan toolkit"

    def text(self) -> str:
        """Full source text: regulation, seed, unconfirmed marks and notes."""
        parts = []
        if self.law:
            parts.append(self.law)
        if self.seed:
            parts.append(f"{self.seed}" + (" (menyebut angka lain)" if self.seed_nilai is not None else ""))
        if not parts:
            parts.append("pengaturan toolkit (bukan peraturan)")
        if not self.terkonfirmasi:
            parts.append("BELUM TERKONFIRMASI")
        if self.catatan:
            parts.append(str(self.catatan))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"uraian": self.uraian, "satuan": self.satuan, "peraturan": self.peraturan, "pasal": self.pasal,
                "seed": self.seed, "seed_kutipan": self.seed_kutipan, "seed_nilai": self.seed_nilai,
                "terkonfirmasi": self.terkonfirmasi, "catatan": self.catatan}


def citations(version: Mapping[str, Any]) -> dict[str, Citation]:
    return {str(k): Citation.from_raw(v or {}) for k, v in (version.get("dasar") or {}).items()}


def citation_for(version: Mapping[str, Any], key: str) -> Citation | None:
    """The citation of ``key`` (dotted path), or of its nearest cited parent."""
    cited = citations(version)
    parts = key.split(".")
    for n in range(len(parts), 0, -1):
        c = cited.get(".".join(parts[:n]))
        if c is not None:
            return c
    return None


def value_at(version: Mapping[str, Any], key: str) -> Any:
    node: Any = version
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            raise KeyError(key)
        node = node[part]
    return node


def leaf_keys(version: Mapping[str, Any]) -> list[str]:
    """Every figure path of a version (nested mappings flattened; lists are one figure)."""
    out: list[str] = []

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, Mapping):
            for k, v in node.items():
                walk(v, f"{prefix}.{k}" if prefix else str(k))
        else:
            out.append(prefix)

    for k, v in version.items():
        if k not in META_KEYS:
            walk(v, str(k))
    return out


# sub-keys whose unit is not the figure's own (a rate table with a rupiah threshold in it)
_KEY_UNITS = {"tidak_dipungut_sampai": "rupiah", "batas_minimum": "rupiah", "atas": "daftar", "dasar": "",
              "kategori_bawaan": "", "tanpa_npwp_kali": "", "tabel_lengkap": "", "kategori": "daftar"}
_KEY_LABELS = {"npwp": "dengan NPWP", "tanpa_npwp": "tanpa NPWP", "dasar_persen": "dasar pengenaan (dari bruto)",
               "tidak_dipungut_sampai": "tidak dipungut s.d.", "batas_minimum": "batas minimum",
               "tanpa_npwp_kali": "tanpa NPWP dikali", "kategori_bawaan": "kategori bila status PTKP tak dicatat",
               "tabel_lengkap": "tabel lengkap", "dasar": "cara hitung"}


def format_value(value: Any, satuan: str = "") -> str:
    """A figure as a person reads it: "2,65 %", "Rp1.500.000", "30 hari kerja", "dihapus"."""
    if value is None:
        return "dihapus / tidak berlaku"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Mapping):
        if satuan == "tabel" and all(isinstance(v, list) for v in value.values()):
            return "; ".join(f"{k}: " + ", ".join(f"s.d. {format_rupiah(row[0])} {percent_text(row[1])}"
                                                 for row in v) for k, v in value.items())
        return "; ".join(f"{_KEY_LABELS.get(str(k), k)}: {format_value(v, _KEY_UNITS.get(str(k), satuan))}"
                         for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(format_value(v, "" if satuan == "daftar" else satuan) for v in value)
    if satuan == "persen":
        return percent_text(value)
    if satuan == "rupiah" and isinstance(value, (int, float)):
        return format_rupiah(value)
    if satuan == "hari kerja":
        return f"{value} hari kerja"
    return str(value)


def percent_text(value: Any) -> str:
    """"2.65" -> "2,65 %" (exact; no float noise)."""
    try:
        x = Fraction(str(value))
    except ValueError:
        return str(value)
    text = f"{float(x):.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


def seed_differences(version: Mapping[str, Any]) -> list[str]:
    """One sentence per figure where the seed and the regulation in force differ.

    "FAQ Inspektorat (seed 003) menyebut 2,85 %; PP 51/2008 s.t.d.t.d. PP 9/2022 Pasal 3 ayat (1)
    menetapkan 2,65 % (pph4_2.konstruksi_pelaksana: Menengah, Besar)."
    """
    out = []
    for key, c in citations(version).items():
        if c.seed_nilai is None:
            continue
        said = _said(c.seed_nilai, c.satuan)
        if c.nilai_peraturan is not None:
            now = _said(c.nilai_peraturan, c.satuan)
        else:
            try:
                now = format_value(value_at(version, key), c.satuan)
            except KeyError:
                now = "-"
        what = f" untuk {_lower_first(c.uraian)}" if c.uraian else ""
        scope = f" ({', '.join(c.seed_untuk)})" if c.seed_untuk else ""
        out.append(f"{c.seed_document} menyebut {said}; {c.law or 'peraturan yang berlaku'} menetapkan {now}"
                   f"{what}{scope}.")
    return out


def _lower_first(text: str) -> str:
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def _said(value: Any, satuan: str) -> str:
    if isinstance(value, str) and not _is_number(value):
        return value
    return format_value(value, satuan)


def _is_number(text: str) -> bool:
    try:
        Fraction(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Figure:
    key: str
    value: Any
    citation: Citation

    @property
    def text(self) -> str:
        return format_value(self.value, self.citation.satuan)

    def to_dict(self) -> dict[str, Any]:
        return {"kunci": self.key, "nilai": self.value, "nilai_teks": self.text, "dasar": self.citation.to_dict()}


@dataclass
class RuleSection:
    name: str  # rules file name, or "hari-kerja"
    title: str
    start: dt.date | None
    end: dt.date | None
    summary: str
    figures: list[Figure] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)

    def period_text(self) -> str:
        if self.start is None:
            return "setiap tahun"
        start = format_tanggal(self.start) if self.start.year > 2000 else "(tanpa tanggal awal)"
        end = format_tanggal(self.end) if self.end else "sekarang"
        return f"berlaku {start} s.d. {end}"

    def to_dict(self) -> dict[str, Any]:
        return {"aturan": self.name, "judul": self.title,
                "berlaku_mulai": self.start.isoformat() if self.start else None,
                "berlaku_sampai": self.end.isoformat() if self.end else None, "sumber": self.summary,
                "angka": [f.to_dict() for f in self.figures], "beda_dengan_seed": list(self.differences)}


@dataclass
class RulesOnDate:
    day: dt.date
    sections: list[RuleSection]

    def lines(self) -> list[str]:
        out = [f"Aturan yang berlaku pada {format_tanggal(self.day)}"]
        for s in self.sections:
            out.append("")
            out.append(f"{s.title} — {s.period_text()}")
            if s.summary:
                out.append(f"  Sumber: {s.summary}")
            for f in s.figures:
                label = f.citation.uraian or f.key
                out.append(f"  - {label}: {f.text}")
                out.append(f"      dasar: {f.citation.text()}")
            for d in s.differences:
                out.append(f"  ! {d}")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"tanggal": self.day.isoformat(), "aturan": [s.to_dict() for s in self.sections]}


def section_on(name: str, day: dt.date, *, directory: str | Path | None = None) -> RuleSection | None:
    """The figures of one rules file in force on ``day`` (None when no version is in force)."""
    versions = dated(name, directory=directory)
    i = versions.index(day)
    if i is None:
        return None
    v = versions.versions[i]
    start, end = versions.period(i)
    title = str(load_rules(name, directory=directory).get("judul") or name)
    figures = []
    for key, c in citations(v).items():
        try:
            figures.append(Figure(key, value_at(v, key), c))
        except KeyError:
            continue
    return RuleSection(name, title, start, end, " ".join(str(v.get("sumber") or "").split()), figures,
                       seed_differences(v))


def working_day_section() -> RuleSection:
    c = Citation(uraian="Hari kerja: Senin–Jumat di luar hari libur nasional dan cuti bersama", satuan="",
                 peraturan=calendar.SOURCE,
                 catatan=f"tanggal dari paket holidays {calendar.package_version()} (Indonesia, kategori "
                         "public + government)")
    return RuleSection("hari-kerja", "Hari kerja (batas waktu lapor, kepatuhan 'Min 1x per Hari')", None, None,
                       "", [Figure("hari_kerja", "Senin–Jumat kecuali libur nasional dan cuti bersama", c)])


def days_off_section(year: int) -> RuleSection:
    """Every public holiday and *cuti bersama* of a year, each a dated figure."""
    note = f"paket holidays {calendar.package_version()}"
    figures = [Figure(day.isoformat(), name, Citation(uraian=format_tanggal(day), peraturan=calendar.SOURCE,
                                                       catatan=note))
               for day, name in calendar.days_off(year).items()]
    return RuleSection("hari-libur", f"Hari libur nasional dan cuti bersama {year}", dt.date(year, 1, 1),
                       dt.date(year, 12, 31), "", figures)


def rules_on(day: dt.date, *, directory: str | Path | None = None, days_off: bool = False) -> RulesOnDate:
    """Every figure in force on ``day``, with its sources (the library side of ``integritas aturan``).

    ``days_off``: also list the public holidays and *cuti bersama* of ``day``'s year.
    """
    sections = [s for s in (section_on(n, day, directory=directory) for n in SHOWN_FILES) if s is not None]
    sections.append(working_day_section())
    sections.append(thresholds_section())
    if days_off:
        sections.append(days_off_section(day.year))
    return RulesOnDate(day, sections)


def thresholds_section(model_id: str | None = None) -> RuleSection:
    """The WBK/WBBM thresholds of the default scoring model (seed 002 BAB III), both IPAK readings."""
    model = load_model(model_id or DEFAULT_MODEL)
    figures = []
    for name, t in model.predicates.items():
        part = "A" if name == "WBK" else "B"
        base = Citation(satuan="", peraturan=None, seed=f"seed 002 BAB III {part}")
        values = [("total", "nilai total minimal", t.total), ("pengungkit", "komponen pengungkit minimal",
                                                                 t.pengungkit),
                  ("persen_area", "setiap area minimal (% dari bobotnya)", t.area_percent),
                  ("bersih", "Birokrasi yang Bersih dan Akuntabel minimal", t.bersih),
                  ("kinerja", "sub komponen Kinerja Lebih Baik minimal", t.kinerja),
                  ("prima", "Pelayanan Publik yang Prima minimal", t.prima)]
        for key, label, value in values:
            figures.append(Figure(f"{name}.{key}", _num(value),
                                  Citation(uraian=f"{name}: {label}", seed=base.seed)))
        ipak_note = None
        if t.ipak_implied is not None:
            ipak_note = (f"teks menyebut {_num(t.ipak)}, jumlahnya ({_num(t.bersih)} − {_num(t.kinerja)}) menyiratkan "
                         f"{_num(t.ipak_implied)}; nilai di antaranya dilaporkan 'bergantung bacaan'")
        figures.append(Figure(f"{name}.ipak", _num(t.ipak) + (f" / {_num(t.ipak_implied)}" if t.ipak_implied else ""),
                              Citation(uraian=f"{name}: sub komponen Survei Persepsi Anti Korupsi minimal",
                                       seed=base.seed, catatan=ipak_note)))
    return RuleSection("predikat", f"Syarat predikat WBK/WBBM (model {model.id} v{model.version})", None, None,
                       model.source, figures)


def _num(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
