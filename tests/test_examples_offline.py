"""Every example of the README and of the notebook functions' docstrings returns rows offline.

The README's ```python blocks and the `>>>` lines of the docstrings in osuframes/api/ and
osuframes/tournament/ run against the sandbox (the default client, its test user logged
in), in a folder of their own; every expression they show must give at least one row
(a frame, table, list or relation with rows, a model, a value that is not None).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import BaseModel

import osuframes
from osuframes import Query, config
from osuframes.api import _default

ROOT = Path(__file__).resolve().parents[1]
#: README blocks that set up credentials or a login: they show no data.
SETUP = ("client_secret=", "login_session", "SyncClient()")
#: Names of optional packages an example may use; without them the line is not run.
OPTIONAL = {"polars": "polars", "dask": "dask", "spark": "pyspark"}
#: Examples that need an osu!lazer token (scope `*`), which no offline login has.
LAZER_ONLY = {"osuframes.api.beatmaps.beatmapset_ratings"}
#: What a README block reads that an earlier shell command made.
GIVEN = {"data/bests": lambda: osuframes.export("user-bests", "data/bests", ids=[2, 4787150])}


@dataclass(frozen=True)
class Example:
    """The code of one README block or one docstring, and where it is."""

    where: str
    code: str
    module: str | None  # the docstring's module, whose names the example may use


def readme_examples() -> list[Example]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    return [
        Example(f"README block {k}", block, None)
        for k, block in enumerate(blocks)
        if not any(marker in block for marker in SETUP)
    ]


def docstring_examples() -> list[Example]:
    out = []
    paths = sorted((ROOT / "osuframes" / "api").glob("*.py"))
    for path in [*paths, *sorted((ROOT / "osuframes" / "tournament").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            doc = ast.get_docstring(node) or ""
            lines = [
                line.strip()[4:]
                for line in doc.splitlines()
                if line.strip().startswith((">>> ", "... "))
            ]
            if lines:
                module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                out.append(Example(f"{module}.{node.name}", "\n".join(lines), module))
    return out


EXAMPLES = readme_examples() + docstring_examples()


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No credentials, a folder of its own, the sandbox as the default client."""
    for name in ("OSU_CLIENT_ID", "OSU_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OSUFRAMES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(config, "_configured", None)
    monkeypatch.chdir(tmp_path)
    osuframes.use_sandbox(login=True)
    yield tmp_path
    _default._forget_clients(osuframes.get_settings())


@pytest.fixture(scope="module", autouse=True)
def _stop_the_sandbox() -> Iterator[None]:
    yield
    _default._sandboxes.close()
    _default._running = None


def rows(value: Any, statement: ast.stmt) -> int:
    """How many rows a shown value holds (1 for a model or a plain value)."""
    if isinstance(value, pd.DataFrame | pd.Series | list | tuple | dict):
        if (
            isinstance(value, dict)
            and value
            and isinstance(next(iter(value.values())), pd.DataFrame)
        ):
            return len(next(iter(value.values())))  # to_frames(): the records come first
        return len(value)
    if isinstance(value, Query):
        return len(value.to_frame())
    if isinstance(value, pa.Table):
        return value.num_rows
    if isinstance(value, Path) and "to_parquet" in ast.unparse(statement):
        return len(pd.read_parquet(value))
    if type(value).__module__.startswith("duckdb"):
        return len(value.fetchall())
    if hasattr(value, "height"):  # a polars frame
        return int(value.height)
    return int(value is not None or isinstance(value, BaseModel))


def missing_optional(statement: ast.stmt) -> str | None:
    names = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name)}
    for name, package in OPTIONAL.items():
        used = name in names or f".to_{name}(" in ast.unparse(statement)
        if used and importlib.util.find_spec(package) is None:
            return package
    return None


def run(example: Example) -> list[tuple[str, int | str]]:
    """(statement, rows or why it was not run) for each expression of the example."""
    namespace: dict[str, Any] = {"of": osuframes, "pd": pd}
    if importlib.util.find_spec("duckdb") is not None:
        namespace["duckdb"] = importlib.import_module("duckdb")
    if example.module is not None:
        module: ModuleType = importlib.import_module(example.module)
        namespace = {**vars(module), **namespace}
    for path, make in GIVEN.items():
        if path in example.code:
            make()
    shown: list[tuple[str, int | str]] = []
    for statement in ast.parse(example.code).body:
        text = ast.unparse(statement)
        package = missing_optional(statement)
        if package is not None:
            shown.append((text, f"not run: {package} is not installed"))
            continue
        if isinstance(statement, ast.Expr):
            value = eval(compile(ast.Expression(statement.value), example.where, "eval"), namespace)
            if not text.startswith("of.use_sandbox"):
                shown.append((text, rows(value, statement)))
        else:
            exec(compile(ast.Module([statement], []), example.where, "exec"), namespace)
    return shown


def test_the_examples_are_found():
    where = [example.where for example in EXAMPLES]
    assert sum(w.startswith("README") for w in where) >= 4
    assert len(where) - sum(w.startswith("README") for w in where) >= 40
    assert "osuframes.api.multiplayer.match_scores" in where


@pytest.mark.parametrize(
    "example",
    [
        pytest.param(example, marks=pytest.mark.skip(reason="an osu!lazer token only"))
        if example.where in LAZER_ONLY
        else example
        for example in EXAMPLES
    ],
    ids=[example.where for example in EXAMPLES],
)
def test_every_example_returns_rows_offline(example: Example, offline: Path):
    shown = run(example)
    assert shown, f"{example.where} shows nothing"
    empty = [text for text, found in shown if found == 0]
    assert not empty, f"{example.where}: no rows from {empty}"
