"""The sandbox HTTP server: a threaded loopback server that answers like osu.ppy.sh.

Request flow for /api/v2 (spec §1.1, §3.2): latency → fault → token (401) → route
(404 fallback) → throttle check (429) → user/scope checks (401/403) → handler →
throttle hit with the request's cost → X-RateLimit headers.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import socket
import struct
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from .faults import Fault, Faults
from .oauth import CLIENT_ID, Token, TokenStore
from .pagination import Params
from .ratelimit import FixedWindowLimiter
from .routes import build_router, website_tracks
from .routing import ApiError, Ctx, Response, no_token_allowed
from .world import World

_JSON = "application/json"
_HTML_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_HTML_503 = (
    "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
    "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n"
)


# Arrival times kept per throttle key; older ones are dropped beyond this many.
_ARRIVALS_KEPT = 100_000


class Stats:
    """Request counters, so tests can assert exact request counts, and arrival times, so
    they can measure the busiest window."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Zero every counter."""
        with self._lock:
            self.total = 0
            self.per_path: Counter[str] = Counter()
            self.per_route: Counter[str] = Counter()
            self.statuses: Counter[int] = Counter()
            self.throttled = 0
            self.faults: Counter[str] = Counter()
            self.token_requests = 0
            self.arrivals: dict[str, deque[float]] = {}
            #: Arrival times of the API requests answered 429.
            self.refused_at: deque[float] = deque(maxlen=_ARRIVALS_KEPT)

    def record(self, attr: str, key: Any = None) -> None:
        """Increment one counter (thread-safe)."""
        with self._lock:
            if key is None:
                setattr(self, attr, getattr(self, attr) + 1)
            else:
                getattr(self, attr)[key] += 1

    def arrived(self, key: str, at: float) -> None:
        """Note that an API request of throttle `key` (a token, or an IP) arrived at `at`."""
        with self._lock:
            times = self.arrivals.get(key)
            if times is None:
                times = self.arrivals[key] = deque(maxlen=_ARRIVALS_KEPT)
            times.append(at)

    def refused(self, at: float) -> None:
        """Note that an API request that arrived at `at` was answered 429."""
        with self._lock:
            self.refused_at.append(at)

    def arrival_times(self, key: str | None = None) -> list[float]:
        """When API requests arrived (server clock, sorted): of one throttle key, or all."""
        with self._lock:
            chosen = [self.arrivals.get(key, ())] if key is not None else self.arrivals.values()
            return sorted(at for times in chosen for at in times)

    def busiest_window(self, seconds: float, *, since: float | None = None) -> int:
        """The most API requests (of every key) that arrived within any `seconds`, counting
        arrivals from `since` on (all by default)."""
        times = [t for t in self.arrival_times() if since is None or t >= since]
        busiest = first = 0
        for last, at in enumerate(times):
            while at - times[first] >= seconds:
                first += 1
            busiest = max(busiest, last - first + 1)
        return busiest

    def requests(self, path_prefix: str = "", method: str | None = None) -> int:
        """Requests whose path starts with path_prefix (e.g. "/api/v2/users")."""
        with self._lock:
            return sum(
                n
                for key, n in self.per_path.items()
                if key.split(" ", 1)[1].startswith(path_prefix)
                and (method is None or key.startswith(method + " "))
            )


class SandboxServer(ThreadingHTTPServer):
    """The HTTP server plus the sandbox's state: world, tokens, limiter, faults, counters."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: a burst of new connections beyond it
    # waits out TCP's 1 s SYN retry, which a real server's backlog never makes it do.
    request_queue_size = 1024

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        seed: int = 1,
        latency_ms: float = 0.0,
        rate_limit: int = 1200,
        window_s: float = 60.0,
        fault_rate: float = 0.0,
        token_ttl: float = 86400,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not latency_ms >= 0:
            raise ValueError(f"latency_ms={latency_ms!r}: give a delay of at least 0")
        # Set before binding: a failed bind calls server_close(), which reads them.
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        super().__init__((host, port), _Handler)
        self.world = World(seed)
        self.tokens = TokenStore(token_ttl, clock)
        self.clock = clock
        self.limiter = FixedWindowLimiter(rate_limit, window_s, clock)
        #: /oauth/token has Laravel's default throttle: 60 per minute per IP (spec §3.1).
        self.oauth_limiter = FixedWindowLimiter(60, 60.0, clock)
        self.faults = Faults(fault_rate, seed)
        self.stats = Stats()
        self.router = build_router()
        self.latency_ms = latency_ms
        #: Answers of GET routes by request, when `remember_answers` is on.
        self.remembered: dict[tuple[str, str, str, int | None], Response] | None = None
        #: Tracebacks of handler crashes (answered as 500); tests assert this stays empty.
        self.errors: list[str] = []
        #: How many of the feed's scores are processed, oldest first (None: all of them).
        self.feed_processed: int | None = None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`; clients append `/api/v2/...` and `/oauth/token`."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def set_fault_rate(self, rate: float, kinds: tuple[str, ...] | None = None) -> None:
        """Fail this fraction of API requests with random faults (seeded)."""
        self.faults.set_rate(rate, kinds)

    def set_feed_processed(self, count: int | None) -> None:
        """Process only the `count` oldest scores of the `/scores` feed (None: all).

        The newer ones are submitted but not processed yet: the feed stops before the
        first of them, as osu-web does, and serves them once they are processed, so a
        test can make new scores arrive while a client follows the feed.
        """
        self.feed_processed = count

    def set_latency(self, latency_ms: float) -> None:
        """Delay every response by this many milliseconds."""
        if not latency_ms >= 0:
            raise ValueError(f"set_latency({latency_ms!r}): give a delay of at least 0")
        self.latency_ms = latency_ms

    def remember_answers(self, on: bool = True) -> None:
        """Answer a GET seen before from memory (the world is fixed by its seed), so that
        a benchmark measures the client and not the sandbox building its answers: kept
        encoded, as the bytes sent (the sandbox shares the client's cores, which a real
        server does not); the throttle, latency and faults still apply."""
        self.remembered = {} if on else None

    def set_rate_limit(self, rate_limit: int, window_s: float | None = None) -> None:
        """Change the API throttle."""
        self.limiter.limit = rate_limit
        if window_s is not None:
            self.limiter.window_s = window_s

    def process_request(self, request: Any, client_address: Any) -> None:
        """Track open connections so that shutdown can close idle keep-alive sockets."""
        with self._conns_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Forget a finished connection."""
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        """Close the listener and wake handler threads blocked on idle connections."""
        super().server_close()
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SandboxServer
    timeout = 30

    def setup(self) -> None:
        """Disable Nagle: headers and body go out in two writes, and loopback must stay fast."""
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: tests and notebooks do not want access logs on stderr."""

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # -- plumbing -----------------------------------------------------------------------
    def _handle(self, method: str) -> None:
        srv = self.server
        arrived = srv.clock()
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        srv.stats.record("total")
        srv.stats.record("per_path", f"{method} {url.path}")
        if srv.latency_ms:
            time.sleep(srv.latency_ms / 1000)
        fault: Fault | None = None
        try:
            if url.path == "/oauth/token" and method == "POST":
                response = self._token(raw)
            elif url.path == "/oauth/authorize" and method == "GET":
                response = self._authorize(url.query)
            elif url.path.startswith("/api/v2/"):
                fault = srv.faults.next_fault()
                if fault is not None:
                    srv.stats.record("faults", fault.kind)
                    if fault.kind == "slow":
                        time.sleep(fault.slow_s)
                    elif fault.kind != "truncate":
                        self._fault(fault)
                        return
                rel = url.path[len("/api/v2/") :].strip("/")
                response = self._api(method, rel, url.query, raw, arrived)
            elif url.path.rstrip("/") == "/beatmaps/artists/tracks" and method == "GET":
                response = Response(200, website_tracks(srv.world, Params.parse(url.query)))
            else:
                response = Response(404, {"error": "Invalid url or incorrect request method."})
        except Exception:  # a handler bug: answer like production, keep the traceback
            srv.errors.append(traceback.format_exc())
            response = Response(500, {"error": None})
        self._send(response, truncate=fault is not None and fault.kind == "truncate")

    def _send(self, response: Response, *, truncate: bool = False) -> None:
        self.server.stats.record("statuses", response.status)
        if response.status == 204 or response.empty:
            body = b""
        elif isinstance(response.body, str):
            body = response.body.encode()
        elif isinstance(response.body, bytes):  # a remembered answer, encoded once
            body = response.body
        else:
            body = _encoded(response.body)
        self.send_response(response.status)
        if response.status != 204:
            ctype = (
                "text/html; charset=UTF-8"
                if isinstance(response.body, str) or response.empty
                else _JSON
            )
            self.send_header("Content-Type", ctype)
            self.send_header(
                "Content-Length", str(len(body) + (len(body) // 2 + 10 if truncate else 0))
            )
        for key, value in response.headers.items():
            self.send_header(key, value)
        if truncate:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if truncate else body)

    def _fault(self, fault: Fault) -> None:
        if fault.kind == "reset":
            # SO_LINGER 0: close() sends a TCP RST instead of a clean FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if fault.kind == "500":
            self._send(Response(500, {"error": None}))
        elif fault.kind == "502":
            self._send(Response(502, _HTML_502))
        else:
            self._send(Response(503, _HTML_503))

    def _body(self, raw: bytes) -> dict[str, Any]:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        text = raw.decode("utf-8", "replace")
        if not text:
            return {}
        if ctype == "application/json":
            try:
                data = json.loads(text)
            except ValueError:
                return {}
            return data if isinstance(data, dict) else {}
        return Params.parse_form(text)

    # -- oauth --------------------------------------------------------------------------
    def _token(self, raw: bytes) -> Response:
        srv = self.server
        srv.stats.record("token_requests")
        wants_json = _JSON in (self.headers.get("Accept") or "")
        key = "ip:" + self.client_address[0]
        if srv.oauth_limiter.too_many_attempts(key):
            srv.stats.record("throttled")
            body = (
                {"error": "Too Many Attempts."}
                if wants_json
                else "<html><body>Too Many Attempts.</body></html>"
            )
            return Response(429, body)
        srv.oauth_limiter.hit(key)
        basic = None
        auth = self.headers.get("Authorization") or ""
        if auth.lower().startswith("basic "):
            try:
                user, _, password = base64.b64decode(auth[6:].strip()).decode().partition(":")
                basic = (user, password)
            except (binascii.Error, UnicodeDecodeError):
                basic = ("", "")
        result = srv.tokens.token_request(self._body(raw), basic, wants_json)
        headers = {"Cache-Control": "no-store, private", **result.headers}
        return Response(result.status, result.body, headers)

    def _authorize(self, query: str) -> Response:
        params = dict(parse_qsl(query))
        if params.get("client_id") != str(CLIENT_ID):
            return Response(
                401,
                {"error": "invalid_client", "error_description": "Client authentication failed"},
            )
        redirect = params.get("redirect_uri")
        if not redirect:
            return Response(
                400, {"error": "invalid_request", "hint": "Check the `redirect_uri` parameter"}
            )
        code = self.server.tokens.issue_code(frozenset(params.get("scope", "").split()))
        target = {"code": code, **({"state": params["state"]} if "state" in params else {})}
        sep = "&" if "?" in redirect else "?"
        return Response(302, "", {"Location": redirect + sep + urlencode(target)})

    # -- api ----------------------------------------------------------------------------
    def _api(self, method: str, rel: str, query: str, raw: bytes, arrived: float) -> Response:
        srv = self.server
        token: Token | None = None
        auth = self.headers.get("Authorization") or ""
        if auth.lower().startswith("bearer "):
            token = srv.tokens.authenticate(auth[7:].strip())
            if token is None:
                return Response(401, {"authentication": "basic"})
        elif not no_token_allowed(method, rel):
            return Response(401, {"authentication": "basic"})
        key = "token:" + token.token_id if token else "ip:" + self.client_address[0]
        srv.stats.arrived(key, arrived)
        if srv.limiter.too_many_attempts(key):
            # osu-web rebuilds the 429 without the throttle's headers (spec §3.3).
            srv.stats.record("throttled")
            srv.stats.refused(arrived)
            return Response(429, {"error": "Too Many Attempts."})
        params = Params.parse(query, self._body(raw))
        found = srv.router.match(method, rel)
        cost = 1
        if found is None:
            response = Response(404, {"error": "Invalid url or incorrect request method."})
        else:
            route, path_params = found
            srv.stats.record("per_route", f"{method} {route.template}")
            cost = route.cost(params) if route.cost else 1
            response = self._remembered_call(route, path_params, params, token, method)
        remaining = srv.limiter.hit(key, cost)
        response.headers["X-RateLimit-Limit"] = str(srv.limiter.limit)
        response.headers["X-RateLimit-Remaining"] = str(remaining)
        return response

    def _remembered_call(
        self, route: Any, path: dict[str, str], params: Params, token: Token | None, method: str
    ) -> Response:
        memory = self.server.remembered
        if memory is None or method != "GET":
            return self._call(route, path, params, token, method)
        version = self.headers.get("x-api-version") or ""
        scopes = " ".join(sorted(token.scopes)) if token else ""
        key = (self.path, version, scopes, token.user_id if token else None)
        known = memory.get(key)
        if known is None:
            known = self._call(route, path, params, token, method)
            if not (known.empty or isinstance(known.body, str)):
                known = Response(known.status, _encoded(known.body), known.headers, known.empty)
            memory[key] = known
        return Response(known.status, known.body, dict(known.headers), known.empty)

    def _call(
        self, route: Any, path: dict[str, str], params: Params, token: Token | None, method: str
    ) -> Response:
        if route.scope != "any" and not (
            token is None and no_token_allowed(method, route.template)
        ):
            if token is None or (route.needs_user and token.user_id is None):
                return Response(401, {"authentication": "basic"})
            if not token.can(route.scope):
                return Response(403, {"error": "A required scope is missing."})
        version_text = (self.headers.get("x-api-version") or "").strip()
        ctx = Ctx(
            world=self.server.world,
            method=method,
            path=path,
            params=params,
            api_version=int(version_text) if version_text.isdigit() else 0,
            token=token,
            headers={k.lower(): v for k, v in self.headers.items()},
            feed_processed=self.server.feed_processed,
        )
        if route.template == "oauth/tokens/current" and token is not None:
            self.server.tokens.revoke(token)
            return Response(204)
        try:
            result = route.handler(ctx)
        except ApiError as exc:
            return Response(exc.status, exc.body, empty=exc.empty)
        return result if isinstance(result, Response) else Response(200, result)


def _encoded(body: Any) -> bytes:
    """A JSON body as the server sends it."""
    return json.dumps(body, separators=(",", ":")).encode()
