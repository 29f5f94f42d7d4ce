"""The public surface: `osuframes.__all__` is complete, sorted, and names `osuframes.X`."""

from __future__ import annotations

import inspect

import osuframes


def test_all_is_sorted_and_unique():
    assert list(osuframes.__all__) == sorted(set(osuframes.__all__))


def test_every_public_name_is_listed():
    public = {
        name
        for name, value in vars(osuframes).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert public <= set(osuframes.__all__) | {"annotations"}
    assert all(hasattr(osuframes, name) for name in osuframes.__all__)


def test_public_classes_say_they_come_from_osuframes():
    for name in osuframes.__all__:
        value = getattr(osuframes, name)
        if inspect.isclass(value):
            assert value.__module__ == "osuframes", name


def test_every_notebook_function_is_public():
    import osuframes.api

    assert set(osuframes.api.__all__) <= set(osuframes.__all__)
