"""How the notebook functions make Queries and fetch single resources."""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any

from osuframes.api._default import default_client
from osuframes.client import BaseClient
from osuframes.endpoints._base import endpoint_of
from osuframes.query import ClientSource, ErrorPolicy, Query
from osuframes.sync import SyncClient, portal

__all__ = ["ClientLike", "Ids", "collection", "fan_out", "plain", "single"]

ClientLike = SyncClient | BaseClient | None
Ids = int | str | Iterable[int | str]


def fan_out(
    method: Any,
    key: str,
    ids: Ids,
    kwargs: dict[str, Any],
    *,
    name: str,
    progress: bool | None,
    errors: ErrorPolicy,
    client: ClientLike,
    args: tuple[Any, ...] = (),
    fresh: bool = False,
    **options: Any,
) -> Query:
    """A Query of `method` for one id or for each of many (the frame gets a `key` column).

    `options` are more keywords of `Query` (`batch`, `lead`, `rows`, `row_model`).
    Ids may be ints or strings of digits (`"2"`, as read from a file); any other value
    is left for `method` to refuse with its own ValueError before anything is sent.
    """
    given = [ids] if isinstance(ids, int | str) or not isinstance(ids, Iterable) else ids
    return Query(
        method,
        key=key,
        ids=[_as_id(value) for value in given],
        args=plain(args),
        kwargs=plain(kwargs),
        name=name,
        progress=progress,
        errors=errors,
        client=_client_source(client),
        fresh=fresh,
        **plain(options),
    )


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
    kwargs: dict[str, Any],
    *,
    name: str,
    progress: bool | None,
    client: ClientLike,
    args: tuple[Any, ...] = (),
    fresh: bool = False,
) -> Query:
    """A Query of `method` without ids (rankings, feeds, searches)."""
    return Query(
        method, args=plain(args), kwargs=plain(kwargs), name=name, progress=progress,
        client=_client_source(client), fresh=fresh,
    )  # fmt: skip


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
