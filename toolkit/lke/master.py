"""PortalRB's master list of LKE ZI questions for 2026 (``master-soal-lke-zi-2026.json``).

The list is a tree (komponen → sub_komponen → area_perubahan → sub_area) of nodes with a
``bobot_maksimal``; questions (``soals``) carry their ``soal_id``, text, scoring criteria,
answer type (``jenis_jawaban``), multipliers (``skema_penilaian``) and their place in the
2026 form (sheet ``Jawaban``, row ``excel_baris``, columns K/L/M unit, N/Q TPI).

Count questions (``Jumlah``) have no multiplier: they feed the *derived indicators* of the
scoring model (``indikator_turunan`` in ``data/scoring/lke-zi-2026.yaml``), the percentages
the 2021 workbook computes from the same counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from toolkit.errors import UnreadableInputError, debug_detail
from toolkit.resources import resource_path
from toolkit.schemas.common import AREA_PERUBAHAN
from toolkit.schemas.model import normalize_choice
from toolkit.yamlfile import read_json

DATA_DIR = resource_path("data/lke")
MASTER_FILE = DATA_DIR / "master-soal-lke-zi-2026.json"
SHEET = "Jawaban"

# jenis_jawaban → the answer type's name as the 2021 workbook writes it (column J)
TYPE_NAMES = {"YA_TIDAK": "Ya/Tidak", "ABC": "A/B/C", "ABCD": "A/B/C/D", "ABCDE": "A/B/C/D/E",
              "JUMLAH": "Jumlah", "0-4": "Nilai (0-4)"}
CHOICE_TYPES = ("YA_TIDAK", "ABC", "ABCD", "ABCDE")
COUNT_TYPE = "JUMLAH"
SURVEY_TYPE = "0-4"
SURVEY_SCALE = 4.0

_AREA_BY_KEY = {
    "manajemen perubahan": "Manajemen Perubahan",
    "penataan tatalaksana": "Penataan Tatalaksana",
    "penataan sistem manajemen sdm aparatur": "Penataan Sistem Manajemen SDM",
    "penguatan akuntabilitas": "Penguatan Akuntabilitas Kinerja",
    "penguatan pengawasan": "Penguatan Pengawasan",
    "peningkatan kualitas pelayanan publik": "Peningkatan Kualitas Pelayanan Publik",
}


@dataclass(frozen=True)
class Soal:
    id: int
    text: str
    criteria: str
    type: str  # YA_TIDAK, ABC, ABCD, ABCDE, JUMLAH, 0-4
    weight: float  # bobot_maksimal of the question (0: the node's weight is shared)
    multipliers: tuple[tuple[str, float], ...]  # (key, multiplier), best first
    row: int  # excel_baris
    node_id: int
    area: str | None  # one of AREA_PERUBAHAN (pengungkit) or None (hasil)
    part: str  # "pemenuhan", "reform", "hasil"
    columns: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.type, self.type)

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(k for k, _m in self.multipliers)

    def multiplier(self, answer: object) -> float | None:
        key = normalize_choice(answer)
        for k, m in self.multipliers:
            if normalize_choice(k) == key:
                return m
        return None

    def canonical(self, answer: object) -> str | None:
        """The option as the master list spells it ('ya' → 'Ya'), or None when not an option."""
        key = normalize_choice(answer)
        return next((k for k, _m in self.multipliers if normalize_choice(k) == key), None)


@dataclass
class Node:
    id: int
    name: str
    level: str
    weight: float
    children: list[Node]
    soals: list[Soal]
    area: str | None = None
    part: str = ""

    def walk(self) -> list[Node]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out

    def all_soals(self) -> list[Soal]:
        return [s for n in self.walk() for s in n.soals]


@dataclass
class MasterList:
    year: int
    generated_at: str
    roots: list[Node]
    soals: dict[int, Soal]  # by soal_id, in form order
    nodes: dict[int, Node]
    source: str

    def by_row(self) -> dict[int, Soal]:
        return {s.row: s for s in self.soals.values()}

    def node_of(self, soal: Soal) -> Node:
        return self.nodes[soal.node_id]


def _label(name: str) -> str:
    """'1. MANAJEMEN PERUBAHAN' → 'manajemen perubahan'."""
    return normalize_choice(re.sub(r"^\s*(?:[A-Z]+|[ivx]+|\d+|[a-z])\.\s*", "", name))


def _parse_soal(raw: dict[str, Any], node: Node) -> Soal:
    jenis = str(raw["jenis_jawaban"]).strip()
    jenis = COUNT_TYPE if jenis.casefold() == "jumlah" else jenis.upper()
    multipliers = tuple((str(m["key"]), float(m["multiplier"])) for m in raw.get("skema_penilaian") or ())
    multipliers = tuple(sorted(multipliers, key=lambda km: -km[1]))
    columns = {k.removeprefix("excel_kolom_"): str(v) for k, v in raw.items() if k.startswith("excel_kolom_")}
    return Soal(id=int(raw["id"]), text=" ".join(str(raw["teks_pertanyaan"]).split()),
                criteria=str(raw.get("kriteria_nilai") or "").replace("\r\n", "\n").strip(), type=jenis,
                weight=float(raw.get("bobot_maksimal") or 0), multipliers=multipliers,
                row=int(raw["excel_baris"]), node_id=node.id, area=node.area, part=node.part, columns=columns)


def parse_master(data: dict[str, Any], source: str = "") -> MasterList:
    soals: dict[int, Soal] = {}
    nodes: dict[int, Node] = {}

    def build(raw: dict[str, Any], area: str | None, part: str) -> Node:
        name = str(raw["nama"]).strip()
        level = str(raw["level"])
        key = _label(name)
        if level == "sub_komponen":
            part = {"pemenuhan": "pemenuhan", "reform": "reform"}.get(key, "hasil" if part == "hasil" else key)
        if level == "komponen" and key == "hasil":
            part = "hasil"
        if level == "area_perubahan":
            area = _AREA_BY_KEY.get(key)
            if area is None:
                raise UnreadableInputError(f"area perubahan '{name}' di daftar soal tidak dikenal.", path=source)
        node = Node(id=int(raw["id"]), name=name, level=level, weight=float(raw.get("bobot_maksimal") or 0),
                    children=[], soals=[], area=area, part=part)
        nodes[node.id] = node
        node.soals = [_parse_soal(s, node) for s in raw.get("soals") or ()]
        node.children = [build(c, area, part) for c in raw.get("children") or ()]
        return node

    roots = [build(r, None, "") for r in data["data"]]
    for root in roots:
        for s in root.all_soals():
            if s.id in soals:
                raise UnreadableInputError(f"soal_id {s.id} ganda di daftar soal.", path=source)
            soals[s.id] = s
    rows = [s.row for s in soals.values()]
    if len(set(rows)) != len(rows):
        raise UnreadableInputError("dua soal menunjuk baris Excel yang sama di daftar soal.", path=source)
    if int(data.get("total_soal", len(soals))) != len(soals):
        raise UnreadableInputError(f"daftar soal menyebut {data.get('total_soal')} soal, berisi {len(soals)}.",
                                   path=source)
    missing = set(AREA_PERUBAHAN) - {n.area for n in nodes.values() if n.area}
    if missing:
        raise UnreadableInputError("area perubahan tidak lengkap di daftar soal: " + ", ".join(sorted(missing)),
                                   path=source)
    ordered = dict(sorted(soals.items(), key=lambda kv: kv[1].row))
    return MasterList(year=int(data["tahun"]), generated_at=str(data.get("generated_at", "")), roots=roots,
                      soals=ordered, nodes=nodes, source=source)


@cache
def load_master(path: str | None = None) -> MasterList:
    """The master list shipped with the toolkit (or another file of the same shape)."""
    p = Path(path) if path else MASTER_FILE
    data = read_json(p, what="daftar soal LKE", error=UnreadableInputError)
    try:
        return parse_master(data, source=str(p))
    except KeyError as exc:
        raise UnreadableInputError(f"daftar soal LKE tidak sah: kunci '{exc.args[0]}' tidak ada.", path=p) from exc
    except (ValueError, TypeError, AttributeError) as exc:
        raise UnreadableInputError(f"daftar soal LKE tidak sah: isinya tidak sesuai bentuk daftar soal"
                                   f"{debug_detail(exc)}.", path=p) from exc
