#!/usr/bin/env python
"""Benchmark: 500 Nota Dinas (seed 000) — our prepared-template path against the naive path, same run.

Naive letters: ``DocxTemplate(path).render(ctx); save()`` per letter (docxtpl re-reads,
re-parses, re-patches and re-compiles the template every time).
Ours: ``render_batch`` — template prepared once (docxtpl's tag repair included),
jinja2 compiled once, each letter rendered to XML strings and written by appending
the rendered parts to the template's ready zip; still with preflight, the leftover
placeholder scan of the written file and sha256 for every letter.

Naive PDFs: one ``soffice`` start per PDF. Ours: one LibreOffice process per core for
the whole batch (``toolkit.office.convert_parallel``), each with its own profile.
PDFs are measured on smaller batches: ours on ``--pdfs`` letters (default 100), the naive
path on ``--naive-pdfs`` (default 10) because it costs a full LibreOffice start (1–2.5 s)
per PDF, a cost that does not depend on the batch size. The figures are per document.
On a machine busy with other work the LibreOffice figures vary a lot between runs.

Usage: python benchmarks/bench_documents.py [--letters 500] [--pdfs 100] [--naive-pdfs 10]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from toolkit.documents import NumberRegister, render_batch  # noqa: E402
from toolkit.documents.engine import make_environment  # noqa: E402
from toolkit.documents.kinds import get_kind, prepare_context  # noqa: E402
from toolkit.documents.render import template_dir  # noqa: E402
from toolkit.office import convert, convert_parallel  # noqa: E402

SAMPLE = REPO / "samples" / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml"


def rows(n: int) -> list[dict]:
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    out = []
    for i in range(1, n + 1):
        row = dict(base)
        row["nomor"] = f"ND-{i}/PB.1/2023"
        row["yth"] = [f"Kepala KPPN Nomor {i}"]
        out.append(row)
    return out


def naive_letters(data: list[dict], outdir: Path) -> list[Path]:
    kind = get_kind("nota-dinas")
    env = make_environment()
    path = template_dir() / kind.template
    written = []
    for i, row in enumerate(data, start=1):
        ctx = prepare_context(kind, row)
        tpl = DocxTemplate(str(path))
        tpl.render(ctx, jinja_env=env)
        out = outdir / f"naif-{i:04d}.docx"
        tpl.save(str(out))
        written.append(out)
    return written


def timed(label: str, func, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func(*args)
    seconds = time.perf_counter() - start
    print(f"  {label:<52} {seconds:8.2f} s", flush=True)
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=500)
    parser.add_argument("--pdfs", type=int, default=100)
    parser.add_argument("--naive-pdfs", type=int, default=10)
    args = parser.parse_args()
    data = rows(args.letters)
    work = Path(tempfile.mkdtemp(prefix="bench-dokumen-"))
    try:
        print(f"Nota Dinas seed 000, {args.letters} naskah (.docx):")
        (naive_out := work / "naif").mkdir()
        _, t_naive = timed("naif (DocxTemplate dibaca ulang per naskah)", naive_letters, data, naive_out)
        (ours_out := work / "kita").mkdir()
        issued, t_ours = timed("kita (templat disiapkan sekali, XML per naskah)", render_batch,
                               "nota-dinas", data, ours_out)
        no_number = [{k: v for k, v in r.items() if k != "nomor"} for r in data]
        with NumberRegister(work / "register.sqlite") as reg:
            (reg_out := work / "kita-register").mkdir()
            _, t_reg = timed("kita + nomor dari register SQLite", lambda: render_batch(
                "nota-dinas", no_number, reg_out, register=reg))
        print(f"  naskah/detik: naif {args.letters / t_naive:7.1f} | kita {args.letters / t_ours:7.1f} "
              f"| kita+register {args.letters / t_reg:7.1f}")
        print(f"  rasio kita/naif: {t_naive / t_ours:.1f}x (target >= 5x)")

        n = min(args.pdfs, args.letters)
        k = min(args.naive_pdfs, n)
        print(f"\nPDF lewat LibreOffice (kita: {n} naskah; naif: {k} naskah, biaya naif tetap per PDF):")
        sample = [d.path for d in issued[:n]]
        (naive_pdf := work / "pdf-naif").mkdir()
        _, tp_naive = timed(f"naif (satu soffice per PDF), {k} PDF",
                            lambda: [convert([f], "pdf", naive_pdf) for f in sample[:k]])
        (ours_pdf := work / "pdf-kita").mkdir()
        _, tp_ours = timed(f"kita (satu soffice per inti, seluruh batch), {n} PDF",
                           lambda: convert_parallel(sample, "pdf", ours_pdf))
        print(f"  PDF/detik: naif {k / tp_naive:6.2f} | kita {n / tp_ours:6.2f}")
        print(f"  rasio kita/naif (per PDF): {(tp_naive / k) / (tp_ours / n):.1f}x (target >= 8x)")
        per_doc_naive = t_naive / args.letters + tp_naive / k
        per_doc_ours = t_ours / args.letters + tp_ours / n
        print(f"\nNaskah + PDF per detik: naif {1 / per_doc_naive:6.2f} | kita {1 / per_doc_ours:6.2f} "
              f"| rasio {per_doc_naive / per_doc_ours:.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
