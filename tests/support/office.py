"""An office configured for a test: kantor.yaml at $INTEGRITAS_KONFIG and its register (issue 16).

``configure_office(tmp)`` does what a secretary does once with ``integritas kantor buat --dari``;
tests that write numbered letters call it first (no command creates a register silently).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

NTT_OFFICE: dict[str, Any] = {
    "kantor": {"nama": "Inspektorat Daerah Provinsi Nusa Tenggara Timur", "kode_unit": "ITDA"},
    "klasifikasi": {"000.1": "Ketatausahaan dan Kerumahtanggaan", "700.1": "Pengawasan"},
    "format_nomor": {
        "nota-dinas": "ND-{urut}/{kode_unit}/{klasifikasi}/{bulan_romawi}/{tahun}",
        "surat-dinas": "{keamanan}-{urut}/{kode_unit}/{klasifikasi}/{tahun}",
        "laporan-monev": "LAP-{urut}/{kode_unit}/{tahun}",
        "laporan-kepatuhan": "LAP-{urut}/{kode_unit}/{tahun}",
        "laporan-spi": "LAP-{urut}/{kode_unit}/{tahun}",
    },
    "ttd": "basah",
}


def configure_office(folder: Path, office: dict[str, Any] | None = None, *, register: str | None = None) -> Path:
    """Write the office file, run 'integritas kantor buat --dari' and return the source file."""
    from toolkit.cli import main

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "kantor-sumber.yaml"
    source.write_text(yaml.safe_dump(office or NTT_OFFICE, allow_unicode=True, sort_keys=False), encoding="utf-8")
    args = ["kantor", "buat", "--dari", str(source)]
    if register:
        args += ["--register", register]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return source


def simple_office(code: str = "PB.1", *, formats: dict[str, str] | None = None) -> dict[str, Any]:
    """An office without classification codes (formats like ND-{urut}/{kode_unit}/{tahun})."""
    return {"kantor": {"nama": "Sekretariat Direktorat Jenderal Perbendaharaan", "kode_unit": code},
            "format_nomor": formats or {kind: f"{prefix}-{{urut}}/{{kode_unit}}/{{tahun}}" for kind, prefix in (
                ("nota-dinas", "ND"), ("surat-dinas", "S"), ("laporan-monev", "LAP"), ("laporan-kepatuhan", "LAP"),
                ("laporan-spi", "LAP"))}}


def extra_register(path: Path) -> str:
    """A second register of the configured office (e.g. to render the same typed number twice in a test)."""
    from toolkit.documents.office_register import open_office_register
    from toolkit.kantor import load_office

    office = load_office()
    assert office is not None
    with open_office_register(str(path), create=True) as register:
        register.bind_office(office.kode_unit, office.nama, formats=office.format_nomor)
    return str(path)


# the formats 0.1 had built in (issue 16 removed them: an office sets its own); for register-level tests
SAMPLE_FORMATS = {
    "nota-dinas": "ND-{urut}/PB.1/{tahun}",
    "surat-dinas": "700/{urut}/ITDAKAB/{tahun}",
    "laporan-monev": "LAP-{urut}/ZI/{tahun}",
    "laporan-kepatuhan": "LAP-{urut}/PI/{tahun}",
    "laporan-spi": "LAP-{urut}/SPI/{tahun}",
}


def set_sample_formats(register: Any) -> Any:
    for kind, pattern in SAMPLE_FORMATS.items():
        register.set_format(kind, pattern)
    return register
