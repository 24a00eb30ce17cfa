#!/usr/bin/env python
"""Build templates/docx/*.docx (Nota Dinas, Surat Dinas with Lampiran, Laporan Monev) with python-docx.

Usage: python scripts/build_docx_templates.py [OUTDIR]   (default: templates/docx)
The generated files are committed; tests/test_documents_templates.py rebuilds them
and compares text and styles with the committed ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

from toolkit.documents.build_templates import build_all

if __name__ == "__main__":
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "templates" / "docx"
    for path in build_all(outdir):
        print(f"ditulis: {path}")
