"""Golden summaries of the scoring results for the committed samples (compared by content)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "scoring"
SPI_AS_OF = dt.date(2024, 7, 15)


def lke_summary(path: Path) -> dict[str, Any]:
    from toolkit.scoring import score_lke, verdict

    r = score_lke(path)
    out: dict[str, Any] = {name: [None if r.official(name) is None else round(r.official(name) or 0, 6),
                                  round(r.strict(name), 6)] for name in sorted(r.rows)}
    out["area"] = {a.name: [round(a.official or 0, 6), round(a.strict, 6), a.weight] for a in r.areas}
    out["belum_diisi"] = [q.row for q in r.belum_diisi]
    out["anomali"] = r.anomalies
    for model in ("permenpanrb-90-2021", "pedoman-bpmp-2023"):
        v = verdict(r, model)
        out[f"predikat:{model}"] = {n: [p.reached, [c.key for c in p.unmet]] for n, p in v.predicates.items()}
    return out


def compliance_summary(path: Path) -> dict[str, Any]:
    from toolkit.scoring import calendar_compliance
    from toolkit.workbook import open_workbook

    r = calendar_compliance(open_workbook(path))
    d = r.to_dict()
    return {k: d[k] for k in ("unit", "tahun", "per_tanggal", "kepatuhan_persen", "kepatuhan_frekuensi_persen",
                              "kepatuhan_tema_persen", "kegiatan", "tema")}


def spi_summary(path: Path) -> dict[str, Any]:
    from toolkit.scoring import spi_progress
    from toolkit.workbook import open_workbook

    return spi_progress(open_workbook(path), SPI_AS_OF).to_dict()


CASES = {
    "lke-zi-permenpanrb-90-2021.json": (REPO / "samples/lke/lke-zi-permenpanrb-90-2021.xlsx", lke_summary),
    "kalender-kanwil-djpb-2023.json": (REPO / "samples/kalender-integritas/kanwil-djpb-2023-valid.xlsx",
                                       compliance_summary),
    "kalender-kppn-2023.json": (REPO / "samples/kalender-integritas/kppn-2023-valid.xlsx", compliance_summary),
    "spi-bangka-tengah-2024.json": (REPO / "samples/tindak-lanjut-spi/bangka-tengah-2024-valid.xlsx", spi_summary),
}


def regenerate() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, (path, fn) in CASES.items():
        (GOLDEN / name).write_text(json.dumps(fn(path), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")


if __name__ == "__main__" or os.environ.get("INTEGRITAS_UPDATE_GOLDEN"):
    regenerate()
