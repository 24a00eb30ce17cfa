"""Shared data for the documents tests (seed 000 Nota Dinas, seed 004 Surat, small workbooks)."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLES_SURAT = REPO / "samples" / "surat"
SPI_SAMPLE = REPO / "samples" / "tindak-lanjut-spi" / "bangka-tengah-2024-valid.xlsx"
GOLDEN = Path(__file__).resolve().parent / "golden" / "documents"


def nota_dinas_seed000() -> dict[str, Any]:
    return yaml.safe_load((SAMPLES_SURAT / "nota-dinas-nd-1182-pb1-2023.yaml").read_text(encoding="utf-8"))


def surat_seed004() -> dict[str, Any]:
    return yaml.safe_load((SAMPLES_SURAT / "surat-dinas-700-40-itdakab-2024.yaml").read_text(encoding="utf-8"))


def laporan_data() -> dict[str, Any]:
    return yaml.safe_load((SAMPLES_SURAT / "laporan-monev-komdigi-2026.yaml").read_text(encoding="utf-8"))


def small_nota_dinas(**over: Any) -> dict[str, Any]:
    data = copy.deepcopy(nota_dinas_seed000())
    data.update(over)
    return data


def normalize_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def lampiran1_row(n: int) -> dict[str, str]:
    return {"no": str(n), "permasalahan": f"Permasalahan nomor {n} yang cukup panjang untuk dua baris teks",
            "kegiatan": f"Kegiatan {n}:\n- sosialisasi hasil SPI\n- rapat koordinasi\n- pemantauan MCP",
            "tujuan": f"Tujuan kegiatan {n}", "output": "Laporan kegiatan:\n- Daftar Hadir\n- Notulensi",
            "kriteria": "Dinilai 100 bila laporan lengkap", "penanggung_jawab": "- Sekretaris Daerah\n- Inspektur",
            "waktu": "Mei 2024"}


def check_golden(name: str, text: str) -> None:
    """Compare a document's text with tests/golden/documents/<name>.txt, whitespace-normalised
    (INTEGRITAS_GOLDEN_UPDATE=1 rewrites the golden after an intended change)."""
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("INTEGRITAS_GOLDEN_UPDATE"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"golden {golden} belum ada; buat dengan INTEGRITAS_GOLDEN_UPDATE=1"
    assert normalize_ws(text) == normalize_ws(golden.read_text(encoding="utf-8"))
