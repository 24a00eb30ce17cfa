"""Versioned scoring models (YAML in ``toolkit/data/scoring/``).

* ``permenpanrb-90-2021``: the LKE ZI's own weights (area = pemenuhan + reform:
  8/7/10/10/15/10, hasil 22.5 + 17.5) and the WBK/WBBM thresholds of seed 002 BAB III.
* ``pedoman-bpmp-2023``: seed 002's older area weights 5/5/15/10/15/10 (BAB II C.2)
  with the same thresholds; an area's achievement share is multiplied by its weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.resources import resource_path
from toolkit.yamlfile import read_yaml

DATA_DIR = resource_path("data/scoring")
DEFAULT_MODEL = "permenpanrb-90-2021"


@dataclass(frozen=True)
class Thresholds:
    name: str  # "WBK" / "WBBM"
    requires: str | None
    total: float
    pengungkit: float
    area_percent: float
    bersih: float
    ipak: float
    kinerja: float
    prima: float
    # seed 002 BAB III states IPAK ≥ 15,5 while its totals imply 15,75; None = no second reading
    ipak_implied: float | None = None


@dataclass(frozen=True)
class ScoringModel:
    id: str
    version: str
    title: str
    source: str
    pengungkit_mode: str  # "lke" or "bobot_area"
    pengungkit_weight: float
    hasil_weight: float
    area_weights: dict[str, float]
    hasil: dict[str, dict[str, Any]]
    predicates: dict[str, Thresholds]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "versi": self.version, "judul": self.title, "sumber": self.source,
                "bobot_area": dict(self.area_weights)}


def available_models() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml") if not p.stem.endswith(".referensi"))


@cache
def load_model(model: str = DEFAULT_MODEL) -> ScoringModel:
    path = Path(model) if model.endswith((".yaml", ".yml")) else DATA_DIR / f"{model}.yaml"
    if not path.exists():
        raise UsageError(f"model penilaian '{model}' tidak dikenal; pilihan: {', '.join(available_models())}.")
    raw = read_yaml(path, what="model penilaian", error=UsageError)
    try:
        predicates = {
            name: Thresholds(name=name, requires=t.get("syarat_predikat"), total=float(t["total"]),
                             pengungkit=float(t["pengungkit"]), area_percent=float(t["persen_area"]),
                             bersih=float(t["bersih"]), ipak=float(t["ipak"]), kinerja=float(t["kinerja"]),
                             prima=float(t["prima"]),
                             ipak_implied=float(t["ipak_tersirat"]) if t.get("ipak_tersirat") is not None else None)
            for name, t in raw["predikat"].items()}
        return ScoringModel(
            id=str(raw["id"]), version=str(raw["versi"]), title=str(raw["judul"]), source=str(raw["sumber"]),
            pengungkit_mode=str(raw["pengungkit"]), pengungkit_weight=float(raw["bobot_pengungkit"]),
            hasil_weight=float(raw["bobot_hasil"]),
            area_weights={str(k): float(v) for k, v in raw["area"].items()},
            hasil={str(k): dict(v) for k, v in raw["hasil"].items()}, predicates=predicates)
    except KeyError as exc:
        raise UsageError(f"model penilaian tidak valid: kunci '{exc.args[0]}' tidak ada.", path=path) from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise UsageError("model penilaian tidak valid: isinya tidak sesuai bentuk model (predikat, area, hasil "
                         "berisi angka).", path=path) from exc
