"""A small spreadsheet-formula evaluator with Excel/LibreOffice semantics.

The official LKE ZI workbook (PermenPAN-RB 90/2021, Lampiran III; sheet "LKE ZI")
computes every score with formulas built from ``IF``, ``OR``, ``AND``, ``SUM``,
``AVERAGE``, comparisons and arithmetic. To give exactly the figure a spreadsheet
gives, we evaluate those very formulas with the rules spreadsheets use:

* text comparison ignores case (``K8="ya"`` is TRUE), a blank cell equals ``""``
  and ``0``;
* ``SUM``/``AVERAGE`` over references skip text, booleans and blanks, so a
  question left *Blm Diisi* simply drops out of its sub-area's average, and an
  average of nothing is ``#DIV/0!``;
* errors (``#DIV/0!``, ``#VALUE!``) propagate through arithmetic, comparisons
  and aggregates; ``"Blm Diisi"*17.5`` is ``#VALUE!``.

Only references to the same sheet are supported (that is all the LKE sheet uses).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toolkit.errors import UnreadableInputError


@dataclass(frozen=True)
class ExcelError:
    code: str  # "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A"

    def __str__(self) -> str:
        return self.code


DIV0 = ExcelError("#DIV/0!")
VALUE = ExcelError("#VALUE!")
REF = ExcelError("#REF!")
NAME = ExcelError("#NAME?")

Value = float | str | bool | None | ExcelError

_COL_RE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def col_to_num(col: str) -> int:
    n = 0
    for ch in col:
        n = n * 26 + ord(ch) - 64
    return n


def num_to_col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def column_and_row(addr: str) -> tuple[str, int]:
    """"B12" -> ("B", 12): column letters first (cf. toolkit.workbook.cells.row_and_column)."""
    m = _COL_RE.match(addr.upper())
    if not m:
        raise ValueError(addr)
    return m.group(1), int(m.group(2))


# --- parsing -------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<err>\#(?:DIV/0!|VALUE!|REF!|NAME\?|N/A|NUM!|NULL!))
  | (?P<ref>(?:'[^']+'|[A-Za-z_][\w ]*)?!?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
  | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
  | (?P<func>[A-Za-z][A-Za-z0-9.]*(?=\())
  | (?P<bool>TRUE|FALSE)
  | (?P<op><=|>=|<>|[-+*/^&=<>%(),;])
""", re.VERBOSE)


@dataclass(frozen=True)
class Node:
    kind: str  # num, str, bool, err, ref, range, func, unary, binary, percent
    value: Any = None
    args: tuple[Node, ...] = ()


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m:
            raise SyntaxError(f"tidak dapat membaca rumus di posisi {pos}: {text[pos:pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup or ""
        if kind == "ws":
            continue
        tokens.append((kind, m.group(0)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, op: str) -> None:
        tok = self.peek()
        if tok is None or tok[1] != op:
            raise SyntaxError(f"diharapkan '{op}'")
        self.i += 1

    def parse(self) -> Node:
        node = self.comparison()
        if self.peek() is not None:
            raise SyntaxError(f"sisa rumus tidak terbaca: {self.peek()}")
        return node

    def comparison(self) -> Node:
        node = self.concat()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in ("=", "<>", "<", ">", "<=", ">="):
            self.take()
            node = Node("binary", tok[1], (node, self.concat()))
        return node

    def concat(self) -> Node:
        node = self.additive()
        while (tok := self.peek()) and tok[1] == "&":
            self.take()
            node = Node("binary", "&", (node, self.additive()))
        return node

    def additive(self) -> Node:
        node = self.term()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "+-":
            self.take()
            node = Node("binary", tok[1], (node, self.term()))
        return node

    def term(self) -> Node:
        node = self.power()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "*/":
            self.take()
            node = Node("binary", tok[1], (node, self.power()))
        return node

    def power(self) -> Node:
        node = self.unary()
        while (tok := self.peek()) and tok[1] == "^":
            self.take()
            node = Node("binary", "^", (node, self.unary()))
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in "+-":
            self.take()
            operand = self.unary()
            return operand if tok[1] == "+" else Node("unary", "-", (operand,))
        node = self.primary()
        while (tok := self.peek()) and tok[1] == "%":
            self.take()
            node = Node("binary", "/", (node, Node("num", 100.0)))
        return node

    def primary(self) -> Node:
        tok = self.take()
        kind, text = tok
        if kind == "num":
            return Node("num", float(text))
        if kind == "str":
            return Node("str", text[1:-1].replace('""', '"'))
        if kind == "bool":
            return Node("bool", text == "TRUE")
        if kind == "err":
            return Node("err", ExcelError(text))
        if kind == "ref":
            if "!" in text:
                sheet, _, addr = text.rpartition("!")
                return Node("ref", addr.replace("$", ""), (Node("str", sheet.strip("'")),))
            if ":" in text:
                a, b = text.replace("$", "").split(":")
                return Node("range", (a, b))
            return Node("ref", text.replace("$", ""))
        if kind == "func":
            self.expect("(")
            args: list[Node] = []
            if self.peek() and self.peek()[1] == ")":  # type: ignore[index]
                self.take()
            else:
                while True:
                    args.append(self.comparison())
                    tok2 = self.take()
                    if tok2[1] == ")":
                        break
                    if tok2[1] not in (",", ";"):
                        raise SyntaxError("diharapkan ',' atau ')'")
            return Node("func", text.upper(), tuple(args))
        if text == "(":
            node = self.comparison()
            self.expect(")")
            return node
        raise SyntaxError(f"token tak terduga {text!r}")


def parse_formula(formula: str) -> Node:
    text = formula[1:] if formula.startswith("=") else formula
    return _parse_text(text)


@lru_cache(maxsize=8192)
def _parse_text(text: str) -> Node:
    """Parsed once per text: the same workbook formulas recur in every unit's copy (nodes are immutable)."""
    return _Parser(tokenize(text)).parse()


def references(node: Node) -> Iterator[str]:
    """Every cell address a formula reads (ranges expanded)."""
    if node.kind == "ref" and not node.args:
        yield node.value
    elif node.kind == "range":
        yield from expand_range(*node.value)
    for arg in node.args:
        yield from references(arg)


def expand_range(a: str, b: str) -> list[str]:
    c1, r1 = column_and_row(a)
    c2, r2 = column_and_row(b)
    n1, n2 = sorted((col_to_num(c1), col_to_num(c2)))
    lo, hi = sorted((r1, r2))
    return [f"{num_to_col(c)}{r}" for r in range(lo, hi + 1) for c in range(n1, n2 + 1)]


# --- values --------------------------------------------------------------------------

def to_number(v: Value) -> float | ExcelError:
    if isinstance(v, ExcelError):
        return v
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).strip().replace(",", "."))
    except ValueError:
        return VALUE


def to_text(v: Value) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def to_bool(v: Value) -> bool | ExcelError:
    if isinstance(v, ExcelError):
        return v
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    s = str(v).strip().upper()
    if s in ("TRUE", "FALSE"):
        return s == "TRUE"
    return VALUE


def _type_rank(v: Value) -> int:
    if isinstance(v, bool):
        return 2
    if isinstance(v, str):
        return 1
    return 0


def compare(a: Value, b: Value, op: str) -> bool | ExcelError:
    if isinstance(a, ExcelError):
        return a
    if isinstance(b, ExcelError):
        return b
    if a is None:
        a = "" if isinstance(b, str) else (False if isinstance(b, bool) else 0.0)
    if b is None:
        b = "" if isinstance(a, str) else (False if isinstance(a, bool) else 0.0)
    ra, rb = _type_rank(a), _type_rank(b)
    if ra != rb:
        diff = ra - rb
    elif isinstance(a, str):
        x, y = a.casefold(), str(b).casefold()
        diff = (x > y) - (x < y)
    else:
        fa, fb = float(a), float(b)  # type: ignore[arg-type]
        diff = (fa > fb) - (fa < fb)
    return {"=": diff == 0, "<>": diff != 0, "<": diff < 0, ">": diff > 0,
            "<=": diff <= 0, ">=": diff >= 0}[op]


# --- evaluation ----------------------------------------------------------------------

class Sheet:
    """Cells of one sheet: constants and formulas, evaluated lazily with memoisation.

    ``overrides`` replace a cell's value (used for "what if" and for counting
    unanswered questions as 0) without touching the cells themselves.
    """

    def __init__(self, cells: Mapping[str, Any], name: str = "", path: str | None = None) -> None:
        self.name = name
        self.constants: dict[str, Value] = {}
        self.formulas: dict[str, Node] = {}
        self.formula_text: dict[str, str] = {}
        for addr, value in cells.items():
            if isinstance(value, str) and value.startswith("=") and len(value) > 1:
                try:
                    self.formulas[addr] = parse_formula(value)
                except SyntaxError as exc:
                    raise UnreadableInputError(f"rumus tidak dapat dibaca ({exc}): {value[:80]}",
                                               path=path or None, sheet=name or None, cell=addr) from exc
                except RecursionError as exc:
                    raise UnreadableInputError("rumus terlalu bertingkat untuk dibaca; file ditolak.",
                                               path=path or None, sheet=name or None, cell=addr) from exc
                self.formula_text[addr] = value
            else:
                self.constants[addr] = _constant(value)
        self.overrides: dict[str, Value] = {}
        self._cache: dict[str, Value] = {}
        self._active: set[str] = set()

    def set_overrides(self, overrides: Mapping[str, Value]) -> None:
        self.overrides = dict(overrides)
        self._cache.clear()

    def value(self, addr: str) -> Value:
        if addr in self.overrides:
            return self.overrides[addr]
        if addr in self._cache:
            return self._cache[addr]
        node = self.formulas.get(addr)
        if node is None:
            return self.constants.get(addr)
        if addr in self._active:  # circular reference
            return REF
        self._active.add(addr)
        try:
            result = self._eval(node)
        finally:
            self._active.discard(addr)
        if result is None:
            result = 0.0
        self._cache[addr] = result
        return result

    # scalar evaluation
    def _eval(self, node: Node) -> Value:
        kind = node.kind
        if kind in ("num", "str", "bool", "err"):
            return node.value  # type: ignore[no-any-return]
        if kind == "ref":
            if node.args:  # another sheet
                sheet = node.args[0].value
                if sheet != self.name:
                    return REF
            return self.value(node.value)
        if kind == "range":
            return VALUE
        if kind == "unary":
            n = to_number(self._eval(node.args[0]))
            return n if isinstance(n, ExcelError) else -n
        if kind == "binary":
            return self._binary(node)
        if kind == "func":
            fn = _FUNCTIONS.get(node.value)
            if fn is None:
                return NAME
            return fn(self, node.args)
        return VALUE

    def _binary(self, node: Node) -> Value:
        op = node.value
        a = self._eval(node.args[0])
        b = self._eval(node.args[1])
        if op in ("=", "<>", "<", ">", "<=", ">="):
            return compare(a, b, op)
        if op == "&":
            if isinstance(a, ExcelError):
                return a
            if isinstance(b, ExcelError):
                return b
            return to_text(a) + to_text(b)
        x, y = to_number(a), to_number(b)
        if isinstance(x, ExcelError):
            return x
        if isinstance(y, ExcelError):
            return y
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            return DIV0 if y == 0 else x / y
        if op == "^":
            try:
                return float(x ** y)
            except (OverflowError, ZeroDivisionError):
                return DIV0
        return VALUE

    def _numbers(self, args: tuple[Node, ...]) -> list[float] | ExcelError:
        """Numbers for SUM/AVERAGE: references skip text/bool/blank; direct values are coerced."""
        out: list[float] = []
        for arg in args:
            if arg.kind in ("ref", "range"):
                addrs = expand_range(*arg.value) if arg.kind == "range" else [arg.value]
                for addr in addrs:
                    v = self._eval(Node("ref", addr, arg.args)) if arg.kind == "ref" else self.value(addr)
                    if isinstance(v, ExcelError):
                        return v
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        out.append(float(v))
            else:
                v = self._eval(arg)
                n = to_number(v)
                if isinstance(n, ExcelError):
                    return n
                out.append(n)
        return out


def _constant(value: Any) -> Value:
    if value is None or isinstance(value, (str, bool, float, ExcelError)):
        if isinstance(value, str) and value in ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A"):
            return ExcelError(value)
        return value  # type: ignore[no-any-return]
    if isinstance(value, int):
        return float(value)
    return str(value)


def _fn_if(sheet: Sheet, args: tuple[Node, ...]) -> Value:
    if not args:
        return VALUE
    cond = to_bool(sheet._eval(args[0]))
    if isinstance(cond, ExcelError):
        return cond
    if cond:
        return sheet._eval(args[1]) if len(args) > 1 else True
    return sheet._eval(args[2]) if len(args) > 2 else False


def _logical(sheet: Sheet, args: tuple[Node, ...], combine: Callable[[list[bool]], bool]) -> Value:
    flags: list[bool] = []
    for arg in args:
        if arg.kind == "range":
            for addr in expand_range(*arg.value):
                v = sheet.value(addr)
                if isinstance(v, ExcelError):
                    return v
                if isinstance(v, (bool, int, float)):
                    flags.append(bool(v))
            continue
        b = to_bool(sheet._eval(arg))
        if isinstance(b, ExcelError):
            return b
        flags.append(b)
    if not flags:
        return VALUE
    return combine(flags)


def _fn_sum(sheet: Sheet, args: tuple[Node, ...]) -> Value:
    nums = sheet._numbers(args)
    return nums if isinstance(nums, ExcelError) else float(sum(nums))


def _fn_average(sheet: Sheet, args: tuple[Node, ...]) -> Value:
    nums = sheet._numbers(args)
    if isinstance(nums, ExcelError):
        return nums
    if not nums:
        return DIV0
    return float(sum(nums) / len(nums))


_FUNCTIONS: dict[str, Callable[[Sheet, tuple[Node, ...]], Value]] = {
    "IF": _fn_if,
    "OR": lambda s, a: _logical(s, a, any),
    "AND": lambda s, a: _logical(s, a, all),
    "SUM": _fn_sum,
    "AVERAGE": _fn_average,
}
