"""Manifest of an evidence folder (path, size, sha256, modified time) and its verification.

Written next to the checklist output so that the central office can later check
that the folder it received is exactly the folder that was checked:
``integritas checklist --verifikasi MANIFEST --bukti FOLDER``. Paths in a
manifest are untrusted: absolute paths, ``..`` and links are refused, never opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit.errors import UnreadableInputError
from toolkit.evidence.scanner import ScanResult, scan
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.cells import safe_cell
from toolkit.yamlfile import read_json

MANIFEST_VERSION = 1
# one entry is ~200 bytes: room for limits.MAX_EVIDENCE_FILES entries, not for a file meant to exhaust memory
MAX_MANIFEST_BYTES = 96 * 1024 * 1024


def manifest_paths(output: str | Path) -> tuple[Path, Path]:
    """``X.checklist.xlsx`` -> (``X.checklist.manifest.json``, ``X.checklist.manifest.csv``)."""
    p = Path(output)
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    return p.with_name(f"{stem}.manifest.json"), p.with_name(f"{stem}.manifest.csv")


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_manifest(result: ScanResult, *, workbook: str | Path | None = None) -> dict[str, Any]:
    files = [{"path": f.rel, "size": f.size, "sha256": f.sha256, "mtime": f.mtime_iso(),
              **({"masalah": f.read_error} if f.read_error else {})}
             for f in sorted(result.files, key=lambda f: f.rel)]
    data: dict[str, Any] = {
        "versi_manifest": MANIFEST_VERSION,
        "dibuat": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "folder_bukti": result.root.name,
        "jumlah_file": len(files),
        "total_byte": sum(f["size"] for f in files),
        "files": files,
    }
    if workbook is not None:
        wb = Path(workbook)
        data["workbook"] = {"nama": wb.name, "size": wb.stat().st_size, "sha256": sha256_file(wb)}
    return data


def write_manifest(result: ScanResult, output: str | Path, *, workbook: str | Path | None = None) -> tuple[Path, Path]:
    """Write the JSON and CSV manifests next to ``output``; return both paths."""
    data = build_manifest(result, workbook=workbook)
    js, cs = manifest_paths(output)
    # each under a temporary name first: a killed run never leaves a half manifest under the final name
    with atomic_output(js, overwrite=True) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    with atomic_output(cs, overwrite=True) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "size", "sha256", "mtime", "masalah"])
        for f in data["files"]:
            w.writerow([safe_cell(f["path"]), f["size"], f["sha256"], f["mtime"], safe_cell(f.get("masalah", ""))])
    return js, cs


@dataclass
class Verification:
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    matched: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.added or self.unsafe)

    def lines(self) -> list[str]:
        out = [f"hilang (ada di manifest, tidak ada di folder): {p}" for p in self.missing]
        out += [f"berubah (ukuran/sha256 berbeda): {p}" for p in self.changed]
        out += [f"tambahan (tidak ada di manifest): {p}" for p in self.added]
        out += [f"path tidak aman di manifest, tidak dibuka: {p}" for p in self.unsafe]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"cocok": self.matched, "hilang": self.missing, "berubah": self.changed,
                "tambahan": self.added, "tidak_aman": self.unsafe, "ok": self.ok}


def safe_manifest_path(rel: str) -> bool:
    r = rel.replace("\\", "/")
    if not r or r.startswith("/") or (len(r) > 1 and r[1] == ":") or "\x00" in r:
        return False
    return ".." not in PurePosixPath(r).parts


def load_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest sent with an evidence folder (untrusted): opened by handle as a regular file (a FIFO never
    blocks), at most ``MAX_MANIFEST_BYTES``, nesting limited; every failure is one Indonesian line."""
    p = Path(path)
    data = read_json(p, what="manifest", error=UnreadableInputError, max_bytes=MAX_MANIFEST_BYTES)
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise UnreadableInputError("bukan manifest bukti (kunci 'files' tidak ada).", path=p)
    return data


def verify_manifest(manifest: str | Path | dict[str, Any], folder: str | Path, *,
                    workers: int | None = None) -> Verification:
    """Compare a received evidence folder with the manifest written when it was checked."""
    data = manifest if isinstance(manifest, dict) else load_manifest(manifest)
    result = scan(folder, workers=workers)
    have = {f.rel: f for f in result.files}
    root_real = os.path.realpath(folder)
    v = Verification()
    listed: set[str] = set()
    for item in data["files"]:
        rel = str(item.get("path", "")) if isinstance(item, dict) else ""
        if not safe_manifest_path(rel):
            v.unsafe.append(rel)
            continue
        real = os.path.realpath(os.path.join(root_real, *rel.split("/")))
        if not real.startswith(root_real.rstrip(os.sep) + os.sep):
            v.unsafe.append(rel)
            continue
        listed.add(rel)
        f = have.get(rel)
        if f is None:
            v.missing.append(rel)
        elif f.size != item.get("size") or f.sha256 != item.get("sha256"):
            v.changed.append(rel)
        else:
            v.matched += 1
    v.added = sorted(set(have) - listed)
    return v
