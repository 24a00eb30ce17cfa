"""The office and its register as the ``surat`` commands find them (shared by surat and its register
subcommands, so neither face module imports the other)."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.documents.office_register import OfficeRegister, open_office_register
from toolkit.errors import UsageError
from toolkit.kantor import Office, load_office

REGISTER_ENV = "INTEGRITAS_REGISTER"
LEGACY_REGISTER = "register-nomor.sqlite"  # 0.1 kept the register in the current folder


def office_register(register: str | None, office: Office | None = None, *,
                    reading: bool = False) -> tuple[Office | None, OfficeRegister]:
    """The office and its register (--register, $INTEGRITAS_REGISTER, else the office store); both must exist
    (nothing is created here). An unmoved 0.1 register in this folder stops a new count from starting.
    ``reading``: only looking (daftar, cari, cetak-ulang) — any register, with or without an office."""
    office = office or load_office(required=not reading)
    location = register or os.environ.get(REGISTER_ENV) or None
    if reading:
        return office, open_office_register(location)
    opened = open_office_register(location, office=office)
    legacy = Path(LEGACY_REGISTER)
    if location is None and legacy.is_file() and not opened.rows():
        opened.close()
        raise UsageError(f"register lama {legacy} ada di folder ini, sedangkan register kantor "
                         f"({opened.store.display()}) masih kosong; pindahkan dulu dengan 'integritas basisdata "
                         f"pindah {legacy}', atau pakai --register {legacy}.", path=legacy.absolute())
    return office, opened
