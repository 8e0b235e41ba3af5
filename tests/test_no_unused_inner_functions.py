"""No inner function is defined and never used (issue 17: ``RoundBar._write_round_reports`` kept
a ``write`` that duplicated the lambda it passed on).  Ruff's unused-variable rule does not look
at ``def`` statements, so this walks the sources."""

from __future__ import annotations

import ast
from pathlib import Path

import selection_desk

SOURCES = Path(selection_desk.__file__).parent

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def _inner_functions(function: FunctionNode) -> list[FunctionNode]:
    """The functions defined in ``function``'s own body (not in a nested class or function)."""
    found: list[FunctionNode] = []
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, FunctionNode):
            found.append(node)
        elif not isinstance(node, ast.ClassDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))
    return found


def unused_inner_functions(source: str, filename: str) -> list[str]:
    tree = ast.parse(source, filename)
    unused = []
    for function in ast.walk(tree):
        if not isinstance(function, FunctionNode):
            continue
        used = {
            node.id
            for node in ast.walk(function)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
        }
        unused += [
            f"{filename}:{inner.lineno} {function.name}.{inner.name}"
            for inner in _inner_functions(function)
            if inner.name not in used and not inner.decorator_list
        ]
    return unused


def test_the_check_finds_an_unused_inner_function() -> None:
    source = "def outer():\n    def write():\n        pass\n    return lambda: 1\n"
    assert unused_inner_functions(source, "m.py") == ["m.py:2 outer.write"]


def test_no_inner_function_is_left_unused() -> None:
    unused = [
        line
        for path in sorted(SOURCES.rglob("*.py"))
        for line in unused_inner_functions(path.read_text(encoding="utf-8"), str(path))
    ]
    assert unused == []
