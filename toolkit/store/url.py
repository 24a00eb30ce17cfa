"""Which store to open: explicit URL > $INTEGRITAS_BASISDATA > ``basisdata:`` in kantor.yaml > default file.

The default is ``integritas.sqlite`` in the user data folder (``toolkit.config.data_dir``),
never the current folder. A plain path is accepted wherever a URL is and means a SQLite
file. ``postgresql://`` and ``postgres://`` URLs are driven by psycopg 3.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from toolkit.config import cli_store_url as cli_url
from toolkit.config import data_dir, load_config
from toolkit.errors import UsageError

URL_ENV = "INTEGRITAS_BASISDATA"
DEFAULT_FILE = "integritas.sqlite"


@dataclass(frozen=True)
class StoreLocation:
    """A resolved store: the SQLAlchemy URL, the backend, and where the choice came from."""

    url: str  # SQLAlchemy form: sqlite:///abs/path or postgresql+psycopg://…
    backend: str  # "sqlite" | "postgresql"
    source: str  # Indonesian: "argumen", "$INTEGRITAS_BASISDATA", "kantor.yaml", "bawaan"
    path: Path | None = None  # the SQLite file
    is_default: bool = False

    def display(self) -> str:
        """The URL without a password, for messages."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True).replace("+psycopg", "")


def _from_text(text: str, *, source: str, base: Path | None) -> StoreLocation:
    value = text.strip()
    if not value:
        raise UsageError(f"alamat basis data kosong ({source}).")
    low = value.lower()
    if low.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        rest = value.split("://", 1)[1]
        return StoreLocation(f"postgresql+psycopg://{rest}", "postgresql", source)
    if low.startswith("sqlite://"):
        rest = value[len("sqlite://"):]
        if rest in ("", "/", "/:memory:"):
            raise UsageError("basis data SQLite di memori tidak didukung; sebutkan file, mis. sqlite:///D:/data/"
                             "integritas.sqlite.")
        path = Path(rest[1:] if rest.startswith("/") else rest)
        if rest.startswith("//"):  # sqlite:////abs/path
            path = Path(rest[1:])
    elif "://" in value:
        scheme = value.split("://", 1)[0]
        raise UsageError(f"jenis basis data '{scheme}' tidak didukung; pakai sqlite:///FILE atau "
                         "postgresql://PENGGUNA@HOST/NAMA.")
    else:
        path = Path(value)
    path = path.expanduser()
    if not path.is_absolute():
        path = (base / path) if base is not None else path.absolute()
    return StoreLocation(f"sqlite:///{path}", "sqlite", source, path=path)


def resolve_location(url: str | os.PathLike[str] | None = None) -> StoreLocation:
    """Resolve per the order above; see the module docstring."""
    if url is not None:
        return _from_text(os.fspath(url), source="argumen", base=None)
    if cli_url.get():
        return _from_text(str(cli_url.get()), source="--basisdata", base=None)
    env = os.environ.get(URL_ENV)
    if env:
        return _from_text(env, source=f"${URL_ENV}", base=None)
    cfg = load_config()
    if cfg.basisdata:
        base = cfg.path.parent if cfg.path is not None else None
        return _from_text(cfg.basisdata, source=f"kantor.yaml ({cfg.path})", base=base)
    path = data_dir() / DEFAULT_FILE
    return StoreLocation(f"sqlite:///{path}", "sqlite", "bawaan", path=path, is_default=True)
