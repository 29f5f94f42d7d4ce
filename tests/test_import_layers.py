"""The endpoint layer does not import the client that is built from it (no import cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

import osuframes

ENDPOINTS = Path(osuframes.__file__).parent / "endpoints"


def imported(path: Path) -> set[str]:
    """Every module a file imports, TYPE_CHECKING blocks included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_endpoint_module_imports_the_client() -> None:
    for path in sorted(ENDPOINTS.glob("*.py")):
        assert "osuframes.client" not in imported(path), path.name
