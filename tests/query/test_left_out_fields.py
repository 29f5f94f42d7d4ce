"""The fields a model's own frame leaves out are the ones `osuframes.frames` says it does."""

from __future__ import annotations

import inspect

import pytest

from osuframes import frames, models
from osuframes.frames.schema import json_key

MODELS = sorted(
    name
    for name in models.__all__
    if inspect.isclass(getattr(models, name)) and issubclass(getattr(models, name), models.OsuModel)
)


@pytest.mark.parametrize("name", MODELS)
def test_every_field_a_models_frame_leaves_out_is_listed_in_the_frames_docstring(name: str):
    model = getattr(models, name)
    heads = {column.path[0] for column in frames.frame_schema(model).columns}
    left_out = [
        json_key(n, f) for n, f in model.model_fields.items() if json_key(n, f) not in heads
    ]
    doc = frames.__doc__ or ""
    unlisted = [key for key in left_out if f"`{key}`" not in doc and f".{key}`" not in doc]
    assert unlisted == [], f"{name}: say in osuframes/frames/__init__.py why these are left out"
