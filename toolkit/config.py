"""Office configuration: ``kantor.yaml`` in the user's config folder, and the data folder.

Where things are (platformdirs, application name "integritas"):

* the configuration file: ``$INTEGRITAS_KONFIG`` (a file path) or ``kantor.yaml`` in the
  user config folder (Linux ``~/.config/integritas``, Windows ``%LOCALAPPDATA%\\integritas``);
* the data folder (the default store ``integritas.sqlite`` lives there): ``$INTEGRITAS_DATA``
  or the user data folder (Linux ``~/.local/share/integritas``).

Keys read here: ``basisdata`` — the store's URL (``sqlite:///…``, ``postgresql://…``) or a
plain file path (relative paths are relative to the folder of ``kantor.yaml``, never to the
current folder). Other keys (office name, unit code, number formats…) are kept in
``OfficeConfig.raw`` for the modules that own them.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.yamlfile import read_yaml

APP_NAME = "integritas"
CONFIG_ENV = "INTEGRITAS_KONFIG"
DATA_ENV = "INTEGRITAS_DATA"
CONFIG_FILE = "kantor.yaml"
# the store URL given with the command line's global --basisdata, for the duration of one command
# (here, not in toolkit.store: setting it must not load SQLAlchemy for every command)
cli_store_url: ContextVar[str | None] = ContextVar("integritas_basisdata", default=None)


def config_path() -> Path:
    """The configuration file (it may not exist)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE


def data_dir() -> Path:
    """The folder for the toolkit's own data (not created here)."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class OfficeConfig:
    """The parsed ``kantor.yaml``; ``path`` is None when there is no file."""

    path: Path | None = None
    basisdata: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def relative_to_file(self, value: str) -> Path:
        """A path written in the file, resolved against the file's folder (never the current folder)."""
        p = Path(value).expanduser()
        if p.is_absolute() or self.path is None:
            return p
        return self.path.parent / p


def load_config(path: str | Path | None = None) -> OfficeConfig:
    """Read the configuration; a missing file is an empty configuration, a broken one a UsageError."""
    p = Path(path) if path is not None else config_path()
    if not p.exists():  # no file yet: every setting has its default
        return OfficeConfig()
    data = read_yaml(p, what="file konfigurasi kantor", error=UsageError) or {}
    if not isinstance(data, dict):
        raise UsageError("file konfigurasi kantor harus berisi pasangan kunci: nilai.", path=p)
    url = data.get("basisdata")
    if url is not None and not isinstance(url, str):
        raise UsageError("'basisdata' harus berupa teks URL, mis. postgresql://host/integritas.", path=p)
    return OfficeConfig(path=p, basisdata=url.strip() if url else None, raw=data)
