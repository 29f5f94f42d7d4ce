"""How the notebook functions make Queries and fetch single resources."""

from __future__ import annotations

import inspect
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

from osuframes.api._default import default_client
from osuframes.client import BaseClient
from osuframes.endpoints._base import endpoint_of
from osuframes.query import ClientSource, Query
from osuframes.sync import SyncClient, portal

__all__ = ["ClientLike", "Ids", "collection", "endpoint_filters", "fan_out", "plain", "single"]

ClientLike = SyncClient | BaseClient | None
Ids = int | str | Iterable[int | str]


def endpoint_filters(method: Any, given: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword-only arguments of endpoint `method` among a notebook function's own.

    `given` is the function's `locals()`. A filter is declared in the function's
    signature (for `?` and the IDE: tests/query/test_keyword_parity.py compares it with
    the endpoint's) and forwarded by its name, so it is never listed again by hand.
    """
    taken = inspect.signature(method).parameters.values()
    return {p.name: given[p.name] for p in taken if p.kind is p.KEYWORD_ONLY and p.name in given}


def fan_out(
    method: Any,
    key: str,
    ids: Ids,
    given: Mapping[str, Any],
    *,
    name: str,
    args: tuple[Any, ...] = (),
    pinned: Mapping[str, Any] | None = None,
    **options: Any,
) -> Query:
    """A Query of `method` for one id or for each of many (the frame gets a `key` column).

    `given` is the notebook function's `locals()`: its endpoint filters
    (`endpoint_filters`), `progress`, `errors` (raise when it has none), `fresh` and
    `client`; `pinned` are endpoint keywords it fixes (a page size). `options`
    are more keywords of `Query` (`batch`, `lead`, `rows`, `row_model`).
    Ids may be ints or strings of digits (`"2"`, as read from a file); any other value
    is left for `method` to refuse with its own ValueError before anything is sent.
    """
    given_ids = [ids] if isinstance(ids, int | str) or not isinstance(ids, Iterable) else ids
    return Query(
        method,
        key=key,
        ids=[_as_id(value) for value in given_ids],
        args=plain(args),
        name=name,
        errors=given.get("errors", "raise"),
        **_notebook_options(method, given, pinned),
        **plain(options),
    )


def _notebook_options(
    method: Any, given: Mapping[str, Any], pinned: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The Query keywords in a notebook function's `locals()`: the endpoint's keywords
    (its filters, then `pinned`), `progress` (none without one), `fresh` and `client`."""
    return {
        "kwargs": plain({**endpoint_filters(method, given), **(pinned or {})}),
        "progress": given.get("progress", False),
        "fresh": given.get("fresh", False),
        "client": _client_source(given.get("client")),
    }


def _as_id(value: Any) -> Any:
    """A string of digits as its int: the frame's id column is int64, like the API's ids."""
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    return plain(value)


def plain(value: Any) -> Any:
    """numpy and pandas integers (a Series' items) as plain ints, inside tuples and dicts.

    So a Query's repr shows `3808`, not `np.int64(3808)`, and requests and cache keys do
    not depend on where an id came from.
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | int):
        return int(value)
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def collection(
    method: Any,
    given: Mapping[str, Any],
    *,
    name: str,
    args: tuple[Any, ...] = (),
    pinned: Mapping[str, Any] | None = None,
) -> Query:
    """A Query of `method` without ids (rankings, feeds, searches); `given` and `pinned`
    as in `fan_out`."""
    return Query(method, args=plain(args), name=name, **_notebook_options(method, given, pinned))


def _client_source(client: ClientLike) -> ClientSource:
    """The client given, else the default one, looked up when the Query is first used
    (so a `configure()` between building and using it counts)."""
    return default_client if client is None else client


def single(
    method: Any, *args: Any, client: ClientLike = None, fresh: bool = False, **kwargs: Any
) -> Any:
    """Call an endpoint method now (blocking) and return its model.

    `fresh=True` fetches it even when the response cache holds it, and replaces it.
    """
    given = default_client() if client is None else client
    if isinstance(given, SyncClient):
        spec = endpoint_of(method)
        call = spec.build(given.client, *plain(args), **plain(kwargs))
        return portal.call(spec.send(given.client, call.refetched() if fresh else call))
    raise TypeError(
        f"client={given!r}: the notebook functions block, so give a SyncClient "
        "(with an async Client, await its methods directly)"
    )
