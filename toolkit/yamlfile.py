"""Reading a YAML file a person edits (office configuration, rule data): one Indonesian line for every way
it can fail to read — an OS error, a file that is not UTF-8 text, a YAML error with its line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import ToolkitError, yaml_reason
from toolkit.workbook.limits import os_reason


def read_yaml(path: Path, *, what: str, error: type[ToolkitError]) -> Any:
    """The parsed content of ``path``; ``error`` (with ``path``) says "<what> tidak dapat dibaca: …"."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{what} tidak dapat dibaca: {os_reason(exc)}.", path=path) from exc
    except UnicodeDecodeError as exc:
        raise error(f"{what} tidak dapat dibaca: bukan teks UTF-8.", path=path) from exc
    except yaml.YAMLError as exc:
        raise error(f"{what} tidak dapat dibaca: {yaml_reason(exc)}.", path=path) from exc
