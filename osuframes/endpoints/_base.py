"""The endpoint mechanism: a method builds a `Call`; the decorator sends and parses it.

Each endpoint is written once, as a *builder*: a plain method that checks its arguments
and returns the request it would send (method, path, query, body, scopes). `@endpoint`
turns the builder into the async method users call, which sends the call through the
pipeline and parses the answer into the declared response model. The builder stays
reachable (`Client.get_user_bests.build`), so the paginators and the data layer reuse
exactly the same requests, page after page, without parsing models they do not need.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from pydantic import TypeAdapter, ValidationError

from osuframes.endpoints._args import ArgumentError
from osuframes.endpoints._paging import Paging
from osuframes.errors import InvalidResponseError, MissingScopeError
from osuframes.http.lifetimes import CacheRule

if TYPE_CHECKING:
    from osuframes.http.transport import Expect

__all__ = ["Call", "Endpoint", "Sender", "check_scopes", "endpoint", "endpoint_of"]

_P = ParamSpec("_P")
_R = TypeVar("_R")

PUBLIC = frozenset({"public"})


@dataclass(frozen=True)
class Call:
    """One API request, built from a method's arguments before anything is sent.

    Attributes:
        method: HTTP method.
        path: path under the host, like `/api/v2/users/2/scores/best`.
        params: query parameters (lists and mappings are encoded PHP style).
        json: JSON body, for POST/PUT.
        api_version: `x-api-version` for this call, when it differs from the client's.
        scopes: OAuth scopes the token must hold.
        needs_user: whether the route needs a user's token (a login), not an app token.
        extract: the key of the JSON object whose value is the result (e.g. `users`).
        expect: what the body is: JSON, raw bytes (replays), empty (204), or JSON kept
            as bytes with a reader of the little that is needed of it (pages).
        cache: the endpoint's cache family and lifetime (None: never cached), from
            its `@endpoint(cache=...)`.
        fresh: fetch even when the cache holds a fresh answer, and replace it.
        response: the type to parse this answer into, when it depends on the
            arguments (legacy or lazer scores); else the endpoint's own.
        item: the model of one record for this call, likewise.
        endpoint: the name of the method that built the call (for messages).
        cost: what the server counts the request as against its budget (spec §3.2).
    """

    method: str
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    json: Any = None
    api_version: int | None = None
    scopes: frozenset[str] = PUBLIC
    needs_user: bool = False
    extract: str | None = None
    expect: Expect = "json"
    cache: CacheRule | None = None
    fresh: bool = False
    response: Any = None
    item: Any = None
    endpoint: str = ""
    cost: int = 1

    @property
    def cacheable(self) -> bool:
        """Whether the answer may be served from the cache: a public GET of an endpoint
        that declares a lifetime (a user login's own answers never are)."""
        return self.cache is not None and self.method == "GET" and not self.needs_user

    def refetched(self) -> Call:
        """The same call, sent even when the cache holds a fresh answer."""
        return replace(self, fresh=True)

    def with_expect(self, expect: Expect) -> Call:
        """The same call, reading the body as `expect` (the paginators want the bytes)."""
        return replace(self, expect=expect)

    def with_params(self, **changes: Any) -> Call:
        """The same call with some query parameters replaced (None removes one)."""
        params = {**self.params, **changes}
        return replace(self, params={k: v for k, v in params.items() if v is not None})


class _Pipeline(Protocol):
    @property
    def cache(self) -> object | None:
        """The response cache, if any."""


class Sender(Protocol):
    """What an endpoint needs of a client to send a call (`osuframes.client.BaseClient`).

    Declared here so this module does not import the client, which imports it.
    """

    strict: bool

    @property
    def _transport(self) -> _Pipeline:
        """The request pipeline (for its response cache)."""

    async def _send(self, call: Call) -> Any:
        """Send `call` through the pipeline; the decoded answer."""


class Endpoint:
    """What an endpoint method is made of: its builder, response type and paging.

    Reach it as `Client.get_user_bests.endpoint`.

    Attributes:
        name: the method's name.
        response: the type the answer is parsed into.
        paging: how the endpoint pages, or None.
        items: the key of the response's list of records (None: the body is the list).
        item: the model of one record, for frames.
        cache: the cache family and lifetime of its answers (None: never cached).
    """

    def __init__(
        self,
        builder: Callable[..., Call],
        response: Any,
        paging: Paging | None,
        items: str | None,
        item: Any,
        cache: CacheRule | None = None,
    ) -> None:
        self.builder = builder
        self.response = response
        self.paging = paging
        self.items = items
        self.item = item
        self.cache = cache
        self.name = builder.__name__

    @property
    def adapter(self) -> TypeAdapter[Any]:
        """The pydantic adapter of the response type."""
        return _adapter(self.response)

    def build(self, client: Any, /, *args: Any, **kwargs: Any) -> Call:
        """The request this endpoint would send for these arguments.

        Raises:
            ValueError: an argument is not allowed; the message names the method,
                the argument, what was given and what is allowed.
        """
        try:
            call = self.builder(client, *args, **kwargs)
        except ArgumentError as exc:
            raise ValueError(f"{self.name}({exc.argument}={exc.value!r}): {exc.reason}") from None
        return replace(call, endpoint=self.name, cache=self.cache)

    def items_key(self, call: Call) -> str | None:
        """The key of the record list in `call`'s answer (None: the answer is the list)."""
        return self.items if self.items is not None else call.extract

    def item_model(self, call: Call | None = None) -> Any:
        """The model of one record of `call`'s answer (of a list answer, its element)."""
        if call is not None and call.item is not None:
            return call.item
        if self.item is not None:
            return self.item
        if typing.get_origin(self.response) is list:
            return typing.get_args(self.response)[0]
        return None

    def parse(self, data: Any, *, call: Call | None = None, strict: bool = False) -> Any:
        """The response read from a decoded JSON body (the `extract`ed part, if any)."""
        adapter = self.adapter
        if call is not None and call.response is not None:
            adapter = _adapter(call.response)
        return adapter.validate_python(data, context={"strict": True} if strict else None)

    async def send(self, client: Sender, call: Call) -> Any:
        """Send `call` and parse the answer.

        An answer that does not read as the response model is fetched once more if it
        may have come from the response cache (written by an osuframes whose models
        differed): the cached body is replaced, never served again.
        """
        data = await client._send(call)
        if call.expect != "json":
            return data
        if call.extract is not None and isinstance(data, dict):
            data = data.get(call.extract)
        try:
            return self.parse(data, call=call, strict=client.strict)
        except ValidationError as exc:
            if call.cacheable and not call.fresh and client._transport.cache is not None:
                return await self.send(client, call.refetched())
            name = getattr(self.response, "__name__", str(self.response))
            raise InvalidResponseError(
                200, f"the answer does not read as {name}: {exc}", call.path
            ) from exc

    def __repr__(self) -> str:
        return f"<endpoint {self.name}>"


@functools.cache
def _adapter(response: Any) -> TypeAdapter[Any]:
    return TypeAdapter(response)


def endpoint(
    response: type[_R] | Any,
    *,
    paging: Paging | None = None,
    items: str | None = None,
    item: Any = None,
    cache: CacheRule | None = None,
) -> Callable[
    [Callable[Concatenate[Any, _P], Call]], Callable[Concatenate[Any, _P], Coroutine[Any, Any, _R]]
]:
    """Turn a `Call` builder into an async endpoint method returning `response`.

    Args:
        response: the type of the parsed answer (a model, `list[Model]`, `bytes`, None).
        paging: how the endpoint pages (see `osuframes.endpoints._paging`).
        items: the key of the list of records in the answer (None: the answer is a list).
        item: the model of one record, for frames.
        cache: the cache family and lifetime of the answers
            (`cached("rankings", Lifetime.SHORT)`, see `osuframes.http.lifetimes`);
            None, the default, never caches them (user-scoped answers, writes).
    """

    def decorate(
        builder: Callable[Concatenate[Any, _P], Call],
    ) -> Callable[Concatenate[Any, _P], Coroutine[Any, Any, _R]]:
        spec = Endpoint(builder, response, paging, items, item, cache)

        @functools.wraps(builder)
        async def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            result: _R = await spec.send(self, spec.build(self, *args, **kwargs))
            return result

        method.__signature__ = inspect.signature(builder).replace(  # type: ignore[attr-defined]
            return_annotation=response
        )
        method.endpoint = spec  # type: ignore[attr-defined]
        return method

    return decorate


def endpoint_of(method: Any) -> Endpoint:
    """The `Endpoint` behind an endpoint method (bound or not)."""
    spec = getattr(method, "endpoint", None)
    if not isinstance(spec, Endpoint):
        raise TypeError(f"{method!r} is not an osuframes endpoint method")
    return spec


def check_scopes(call: Call, scopes: tuple[str, ...] | None, has_user: bool, name: str) -> None:
    """Raise `MissingScopeError` when the token cannot serve `call` (before sending it)."""
    if call.needs_user and not has_user:
        raise MissingScopeError(
            403,
            f"{name} needs a user login with scope(s) {', '.join(sorted(call.scopes))}",
            call.path,
            hint=(
                "an application (client-credentials) token cannot act for a user; run "
                "`osuframes login` or use Client.from_authorization_code(...)"
            ),
        )
    if scopes is not None and "*" not in scopes:
        missing = sorted(call.scopes - set(scopes))
        if missing:
            raise MissingScopeError(
                403,
                f"{name} needs scope(s) {', '.join(missing)}; the token has {', '.join(scopes)}",
                call.path,
                hint="log in again asking for those scopes (`osuframes login --scopes ...`)",
            )
