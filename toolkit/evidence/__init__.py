"""Evidence checklists (data dukung): what must be there, what is, what is missing.

Public API::

    build_checklist(workbook_path, evidence_dir, *, as_of=None) -> Checklist
    write_checklist_copy(workbook_path, checklist, dest=None) -> Path
    write_manifest(scan_result, output) / verify_manifest(manifest, folder)
    load_catalogue() -> Catalogue
    scan(folder) -> ScanResult
"""

from toolkit.evidence.catalogue import Catalogue, load_catalogue
from toolkit.evidence.checklist import (
    ADA,
    PERLU_DICEK,
    TIDAK_ADA,
    Checklist,
    ChecklistItem,
    MatchedFile,
    build_checklist,
)
from toolkit.evidence.manifest import Verification, build_manifest, verify_manifest, write_manifest
from toolkit.evidence.requirements import Requirement
from toolkit.evidence.scanner import FileEntry, ScanResult, scan
from toolkit.evidence.writer import checklist_json, checklist_rows, write_checklist_copy

__all__ = [
    "ADA", "PERLU_DICEK", "TIDAK_ADA", "Catalogue", "Checklist", "ChecklistItem", "FileEntry", "MatchedFile",
    "Requirement", "ScanResult", "Verification", "build_checklist", "build_manifest", "checklist_json",
    "checklist_rows", "load_catalogue", "scan", "verify_manifest", "write_checklist_copy", "write_manifest",
]
