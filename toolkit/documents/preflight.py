"""Preflight: a template's variables against the data, before anything is written.

DESIGN principle 5 ("documents fail loudly") and seed 004: the real letter to KPK
went out with ``${tanggal_naskah}`` in both Lampiran headers. Here a template's
variables are listed (docxtpl ``get_undeclared_template_variables``, and the same
from our compiled parts) and compared with the data:

* a variable the template uses but the data lacks → error, quoting the template
  lines that use it;
* a key in the data that the template never uses → error (a typo such as
  ``tanggal_nasksah`` would otherwise be silently ignored while the real field
  stays empty), naming the closest variable;
* ``penandatangan.nama`` used by the template while ``penandatangan`` has no
  ``nama`` → error, also for the rows of a ``{% for r in lampiran1 %}`` loop.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, meta, nodes

from toolkit.documents.engine import PreparedTemplate, lines_using, make_environment
from toolkit.errors import TemplateError


@dataclass
class VariableUse:
    name: str
    attributes: dict[str, set[str]] = field(default_factory=dict)  # path "penandatangan" -> {"nama", …}


@dataclass
class TemplateVariables:
    """Top-level variables and the attributes used on them (and on their loop items)."""

    names: set[str]
    attributes: dict[str, set[str]]  # "penandatangan" -> {"nama", "jabatan"}; "lampiran1[]" -> {"no", …}

    def describe(self) -> list[str]:
        out = []
        for name in sorted(self.names):
            attrs = sorted(self.attributes.get(name, ()))
            items = sorted(self.attributes.get(name + "[]", ()))
            line = name
            if attrs:
                line += " (" + ", ".join(attrs) + ")"
            if items:
                line += " [tiap baris: " + ", ".join(items) + "]"
            out.append(line)
        return out


def docxtpl_variables(template_path: str, env: Environment | None = None) -> set[str]:
    """docxtpl's own listing of a template's undeclared variables (body, headers, footers)."""
    return set(DocxTemplate(template_path).get_undeclared_template_variables(jinja_env=env or make_environment()))


def template_variables(prepared: PreparedTemplate, env: Environment | None = None) -> TemplateVariables:
    env = env or make_environment()
    names: set[str] = set()
    attributes: dict[str, set[str]] = {}
    for part in prepared.parts.values():
        ast = env.parse(part.source)
        top = meta.find_undeclared_variables(ast)
        names |= top
        _collect_attributes(ast, top, {}, attributes)
    return TemplateVariables(names, attributes)


def _attr_chain(node: nodes.Node) -> tuple[str, list[str]] | None:
    chain: list[str] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            chain.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            chain.append(node.arg.value)
        else:
            return None
        node = node.node
    if isinstance(node, nodes.Name):
        return node.name, list(reversed(chain))
    return None


def _collect_attributes(node: nodes.Node, top: set[str], loops: dict[str, str],
                       out: dict[str, set[str]]) -> None:
    """Walk the AST; ``loops`` maps a loop variable to the path of the list it iterates."""
    if isinstance(node, nodes.For):
        inner = dict(loops)
        source = _path_of(node.iter, top, loops)
        if source is not None and isinstance(node.target, nodes.Name):
            inner[node.target.name] = source + "[]"
        for child in (node.iter,):
            _collect_attributes(child, top, loops, out)
        for child in [*node.body, *node.else_]:
            _collect_attributes(child, top, inner, out)
        if node.test is not None:
            _collect_attributes(node.test, top, inner, out)
        return
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        chain = _attr_chain(node)
        if chain is not None:
            root, attrs = chain
            base = root if root in top and root not in loops else loops.get(root)
            if base is not None and attrs:
                out.setdefault(base, set()).add(attrs[0])
                path = base
                for a, b in zip(attrs, attrs[1:], strict=False):
                    path = f"{path}.{a}"
                    out.setdefault(path, set()).add(b)
            return
    for child in node.iter_child_nodes():
        _collect_attributes(child, top, loops, out)


def _path_of(node: nodes.Node, top: set[str], loops: dict[str, str]) -> str | None:
    if isinstance(node, nodes.Name):
        if node.name in loops:
            return loops[node.name]
        return node.name if node.name in top else None
    chain = _attr_chain(node)
    if chain is None:
        return None
    root, attrs = chain
    base = loops.get(root) or (root if root in top else None)
    return None if base is None else ".".join([base, *attrs])


# --- the check ------------------------------------------------------------------------------------

@dataclass
class PreflightProblem:
    kind: str  # "hilang" | "tidak-dikenal" | "atribut-hilang"
    name: str
    detail: str


def _value_at(data: Mapping[str, Any], path: str) -> list[Any]:
    """Values at a path like ``lampiran2[].baris[]``; lists fan out."""
    values: list[Any] = [data]
    for token in path.split("."):
        is_list = token.endswith("[]")
        key = token[:-2] if is_list else token
        nxt: list[Any] = []
        for v in values:
            if isinstance(v, Mapping) and key in v:
                item = v[key]
                if is_list:
                    nxt.extend(item if isinstance(item, (list, tuple)) else [])
                else:
                    nxt.append(item)
        values = nxt
    return values


PART_LABELS = (("word/header", "kop (kepala naskah)"), ("word/footer", "kaki halaman"),
               ("word/document", "isi naskah"), ("word/footnotes", "catatan kaki"))


def part_label(part: str) -> str:
    """Where in the document a template part is, in words (never the template code itself)."""
    for prefix, label in PART_LABELS:
        if part.startswith(prefix):
            return label
    return part


def _used_in(sources: Mapping[str, str], name: str) -> str:
    labels = []
    for part, src in sources.items():
        if lines_using(src, name):
            label = part_label(part)
            if label not in labels:
                labels.append(label)
    return ", ".join(labels)


def check_context(prepared: PreparedTemplate, data: Mapping[str, Any], *,
                  variables: TemplateVariables | None = None,
                  allowed_extra: Iterable[str] = ()) -> list[PreflightProblem]:
    """Every problem between template and data (empty list when they match)."""
    tv = variables or template_variables(prepared)
    problems: list[PreflightProblem] = []
    sources = prepared.sources()
    for name in sorted(tv.names - set(data)):
        problems.append(PreflightProblem("hilang", name, _used_in(sources, name)))
    extra = set(data) - tv.names - set(allowed_extra)
    for name in sorted(extra):
        close = difflib.get_close_matches(name, sorted(tv.names), n=1)
        hint = f" (mungkin maksudnya '{close[0]}'?)" if close else ""
        problems.append(PreflightProblem("tidak-dikenal", name,
                                         f"'{name}' tidak dipakai templat{hint}"))
    for path, attrs in sorted(tv.attributes.items()):
        for value in _value_at(data, path):
            if not isinstance(value, Mapping):
                continue
            for attr in sorted(attrs - set(value)):
                label = path.replace("[]", "[…]")
                problems.append(PreflightProblem("atribut-hilang", f"{label}.{attr}", _used_in(sources, attr)))
            if any(p.kind == "atribut-hilang" and p.name.startswith(path.replace("[]", "[…]"))
                   for p in problems):
                break  # one row is enough to show the problem
    return problems


def preflight(prepared: PreparedTemplate, data: Mapping[str, Any], *, kind: str = "",
              variables: TemplateVariables | None = None, allowed_extra: Iterable[str] = ()) -> None:
    """Raise TemplateError, before anything is written, when data and template do not match.

    The message names the fields (``kop.telepon``) and where the document uses them (kop, isi
    naskah); it never shows template code to the person who wrote the data.
    """
    problems = check_context(prepared, data, variables=variables, allowed_extra=allowed_extra)
    if not problems:
        return
    missing = [p for p in problems if p.kind != "tidak-dikenal"]
    unknown = [p for p in problems if p.kind == "tidak-dikenal"]
    lines = []
    if missing:
        lines.append("isian belum diisi: " + "; ".join(
            p.name + (f" (dipakai di {p.detail})" if p.detail else "") for p in missing)
            + " — tambahkan isian itu di file data.")
    if unknown:
        lines.append("isian tidak dikenal templat: " + "; ".join(p.detail for p in unknown) + ".")
    what = f"naskah {kind}: " if kind else ""
    raise TemplateError(what + "tidak ada file yang ditulis; " + " ".join(lines), path=prepared.path)
