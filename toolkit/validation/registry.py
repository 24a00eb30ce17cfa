"""Cross-field rule plug-ins: a rule id declared in a schema's ``rules=`` -> its code.

Contract (shared brief, addendum):

- ``CrossRule = Callable[[WorkbookData, Rule], Iterable[Finding]]``;
- ``@cross_rule("RULE-ID")`` registers an implementation;
- ``RULE_MODULES`` lists the modules imported to populate the registry. Another
  capability adds its own module name to that tuple (a one-line edit).

Every rule id declared in a schema must have an implementation; ``missing_rules()``
lists those that do not (a test asserts it is empty).

A rule reads records with ``data.records(sheet_key)`` (or ``data.sheets[key].records``)
and should iterate them once: for a huge sheet the engine hands in a re-iterable
stream instead of a list, so a rule must not index or ``len()`` it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

from toolkit.schemas.model import Rule

if TYPE_CHECKING:
    from toolkit.validation.report import Finding
    from toolkit.workbook.reader import WorkbookData

CrossRule = Callable[["WorkbookData", Rule], Iterable["Finding"]]
F = TypeVar("F", bound=CrossRule)

RULE_MODULES: tuple[str, ...] = (
    "toolkit.validation.rules_zi",
    "toolkit.validation.rules_spi",
    "toolkit.validation.rules_kalender",
    "toolkit.inspectorate.validation_rules",
)

_REGISTRY: dict[str, CrossRule] = {}
_loaded = False


class DuplicateRuleError(RuntimeError):
    """Two modules registered the same rule id (a programming error, not user input)."""


def cross_rule(rule_id: str) -> Callable[[F], F]:
    """Register ``func`` as the implementation of schema rule ``rule_id``."""

    def decorate(func: F) -> F:
        existing = _REGISTRY.get(rule_id)
        if existing is not None and existing is not func and \
                getattr(existing, "__qualname__", None) != getattr(func, "__qualname__", None):
            raise DuplicateRuleError(f"aturan {rule_id} didaftarkan dua kali ({existing!r}, {func!r})")
        _REGISTRY[rule_id] = func
        return func

    return decorate


def load_rule_modules() -> None:
    """Import every module in ``RULE_MODULES`` once (each registers its rules on import)."""
    global _loaded
    if _loaded:
        return
    for name in RULE_MODULES:
        import_module(name)
    _loaded = True


def get_cross_rule(rule_id: str) -> CrossRule | None:
    load_rule_modules()
    return _REGISTRY.get(rule_id)


def registered_rules() -> dict[str, CrossRule]:
    load_rule_modules()
    return dict(_REGISTRY)


def missing_rules() -> list[tuple[str, str]]:
    """(kind, rule id) of every schema rule without an implementation."""
    from toolkit.schemas import all_schemas

    load_rule_modules()
    return [(schema.kind, r.id) for schema in all_schemas().values() for r in schema.rules
            if r.id not in _REGISTRY]
