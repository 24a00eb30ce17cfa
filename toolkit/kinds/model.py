"""What a workbook kind is: its schema, its checks and its optional capabilities.

A capability is an attribute that is ``None`` when the kind does not have it; callers
ask :func:`toolkit.kinds.registry.require_capability` (one uniform message listing
the kinds that do have it) instead of branching on kind names.

The capabilities hold plain functions from the machinery (``toolkit.scoring``,
``toolkit.documents``, ``toolkit.evidence``, ``toolkit.inspectorate``); the kind's
``kind.py`` wires them, so the machinery never needs to know which kinds exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.kinds.registry import CAPABILITIES
from toolkit.schemas.model import Rule, WorkbookSchema

if TYPE_CHECKING:
    from toolkit.validation.report import Finding
    from toolkit.workbook.reader import WorkbookData

# (data, rule) -> findings; a check that ``uses_analysis`` is (data, rule, analysis) -> findings
CheckFunction = Callable[..., Iterable["Finding"]]


@dataclass(frozen=True)
class Supersedes:
    """A generic per-cell finding this check reports more precisely (the generic one is dropped)."""

    sheet: str  # sheet key
    column: str  # column key
    rule_id: str  # generic rule id (``WAJIB``, ``TIPE`` ...)


@dataclass(frozen=True)
class Check:
    """A cross-field rule: its declaration in the schema (id, severity, parameters) and its logic."""

    rule: Rule
    run: CheckFunction
    supersedes: tuple[Supersedes, ...] = ()
    uses_analysis: bool = False  # gets the kind's analysis (inspection capability), computed once per workbook

    @property
    def id(self) -> str:
        return self.rule.id

    def __call__(self, data: WorkbookData, analysis: Any = None) -> Iterable[Finding]:
        return self.run(data, self.rule, analysis) if self.uses_analysis else self.run(data, self.rule)


def check(schema: WorkbookSchema, rule_id: str, run: CheckFunction,
          supersedes: Iterable[tuple[str, str, str]] = (), *, uses_analysis: bool = False) -> Check:
    """The check for ``rule_id`` as declared in ``schema.rules`` (a typo is an error at import)."""
    declared = schema.rule(rule_id)
    if declared is None:
        raise KeyError(f"{schema.kind}: aturan {rule_id} tidak dideklarasikan di skema")
    return Check(declared, run, tuple(Supersedes(*s) for s in supersedes), uses_analysis)


@dataclass(frozen=True)
class RecapScore:
    """The recap's "Nilai" column for one unit's workbook of this kind (``toolkit.rekap``)."""

    label: str  # the column's explanation, e.g. "kepatuhan kalender (%)"
    compute: Callable[..., Any]  # (data, as_of: date | None) -> toolkit.rekap.scores.ScoreResult


@dataclass(frozen=True)
class Score:
    """What ``integritas nilai FILE`` computes for a workbook of this kind, and how its result reads.

    The face (the CLI) prints ``terminal(result)``, writes ``result_rows(result)`` into the
    ``--tulis-hasil`` copy as sheet ``result_sheet``, draws ``chart`` for ``--grafik`` when
    the kind has one, and exits 0 when ``complete(result)``, else 1.
    """

    compute: Callable[..., Any]  # (data, as_of: date | None) -> result with .to_dict()
    terminal: Callable[[Any], tuple[str, list[str], list[list[Any]], list[str]]]  # title, headers, rows, lines
    result_rows: Callable[[Any], list[list[Any]]]
    result_sheet: str
    complete: Callable[[Any], bool]
    chart: Callable[..., Any] | None = None  # (result, path, *, overwrite) -> written file


@dataclass(frozen=True)
class Report:
    """The report made from a workbook of this kind (``integritas surat laporan``, button Buat Laporan)."""

    document: str  # document kind: the template under templates/docx/
    aliases: tuple[str, ...]  # what a user may type after --jenis
    build: Callable[..., dict[str, Any]]  # (data, *, quarter, as_of, lke, has_wbk) -> template data
    title: str = ""  # e.g. "Laporan Monev" (the button's Dokumen sheet)
    takes_lke: bool = False  # the report has a Penilaian LKE ZI section (--lke, an LKE workbook beside it)


@dataclass(frozen=True)
class Evidence:
    """The evidence (data dukung) a workbook of this kind requires (``integritas checklist``)."""

    requirements: Callable[..., list[Any]]  # (data, catalogue, *, year, quarter, cutoff, as_of) -> requirements


@dataclass(frozen=True)
class Inspection:
    """The inspectorate's computation for this kind (``integritas inspektorat``)."""

    analyse: Callable[..., Any]  # (data, *, as_of: date | None) -> analysis with .findings


@dataclass(frozen=True)
class Form:
    """A kind whose workbook is a fixed form (cells at set rows), not a table: its own template and checks."""

    models: tuple[str, ...]  # template models, the default first (e.g. "2026", "2021")
    build_template: Callable[..., Any]  # (path, *, model, overwrite) -> Path
    # (path, *, checked=None) -> the form's model, None when the file is not one (cheap); ``checked``: the
    # file's preflight when the caller made it already (toolkit.workbook.preflight.CheckedWorkbook)
    recognise: Callable[..., str | None]
    validate: Callable[[Any], Any]  # (path) -> toolkit.validation.report.Report
    recap: Callable[..., Any] | None = None  # (inputs, output, *, proposals, store, processes, overwrite) -> run


@dataclass(frozen=True)
class WorkbookKind:
    """One workbook kind: declared once, asked by everyone."""

    schema: WorkbookSchema = field(repr=False)
    checks: tuple[Check, ...] = field(default=(), repr=False)
    score: Score | None = None
    report: Report | None = None
    evidence: Evidence | None = None
    inspection: Inspection | None = None
    nota_summary: Callable[[WorkbookData], list[str]] | None = None  # extra Nota Dinas lines
    recap_score: RecapScore | None = None
    form: Form | None = None

    @property
    def name(self) -> str:
        return self.schema.kind

    def __repr__(self) -> str:
        have = [c for c in CAPABILITIES if getattr(self, c) is not None]
        return f"WorkbookKind({self.name!r}, checks={len(self.checks)}, capabilities={have})"

    @property
    def title(self) -> str:
        return self.schema.title

    def has(self, capability: str) -> bool:
        if capability not in CAPABILITIES:
            raise KeyError(f"kemampuan '{capability}' tidak dikenal; pilihan: {', '.join(CAPABILITIES)}")
        return getattr(self, capability) is not None

    def superseded(self) -> frozenset[tuple[str, str, str]]:
        """(sheet key, column key, generic rule id) reported more precisely by one of this kind's checks."""
        return frozenset((s.sheet, s.column, s.rule_id) for c in self.checks for s in c.supersedes)
