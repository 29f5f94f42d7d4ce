"""API errors survive pickling and copying: a worker's error reaches its parent intact."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
import warnings

import pytest

from osuframes.errors import APIError, NotFound, RateLimited


def _raise_not_found(user_id: int) -> None:
    raise NotFound(404, "not found", f"/api/v2/users/{user_id}", hint="restricted?")


@pytest.mark.parametrize(
    "error",
    [NotFound(404, None, "/api/v2/users/9"), RateLimited(429, "Too Many", "/x", hint="wait")],
)
def test_an_api_error_pickles_and_copies_with_its_fields(error: APIError) -> None:
    for again in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):
        assert type(again) is type(error) and str(again) == str(error)
        assert (again.status, again.message, again.url, again.hint) == (
            error.status, error.message, error.url, error.hint,
        )  # fmt: skip


def test_an_error_raised_in_a_pool_worker_reaches_the_parent() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads
        pool = multiprocessing.get_context("fork").Pool(1)
    with pool, pytest.raises(NotFound, match="restricted"):
        pool.apply_async(_raise_not_found, (7,)).get(timeout=60)
