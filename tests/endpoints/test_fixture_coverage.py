"""Every recorded fixture is served to some Client method by exactly one conformance case."""

from __future__ import annotations

import csv
import importlib
import pkgutil
from collections import Counter

import pytest

import tests.endpoints
from tests.conftest import FIXTURES


def all_cases() -> list:
    cases = []
    for module in pkgutil.iter_modules(tests.endpoints.__path__):
        if module.name.startswith("test_"):
            cases += getattr(importlib.import_module(f"tests.endpoints.{module.name}"), "CASES", [])
    return cases


def test_every_fixture_is_served_by_exactly_one_case():
    manifest = FIXTURES / "MANIFEST.tsv"
    if not manifest.exists():
        pytest.skip(f"recorded fixtures not found at {FIXTURES}")
    with manifest.open() as rows:
        listed = {row["file"] for row in csv.DictReader(rows, delimiter="\t")}
    on_disk = {path.name for path in FIXTURES.glob("*.json")}
    assert listed == on_disk
    used = Counter(case.fixture for case in all_cases())
    assert sorted(f for f, n in used.items() if n > 1) == []
    assert sorted(on_disk - set(used)) == []
    assert sorted(set(used) - on_disk) == []


def test_every_public_client_method_is_exercised_by_a_case_or_a_request_test():
    import inspect

    from osuframes import Client

    methods = {
        name
        for name, member in inspect.getmembers(Client, inspect.iscoroutinefunction)
        if not name.startswith("_") and hasattr(member, "endpoint")
    }
    covered = {case.method for case in all_cases()}
    sources = "".join(
        inspect.getsource(importlib.import_module(f"tests.endpoints.{m.name}"))
        for m in pkgutil.iter_modules(tests.endpoints.__path__)
        if m.name.startswith("test_")
    )
    untested = sorted(m for m in methods - covered if f".{m}(" not in sources)
    assert untested == []
