"""The sandbox's command line: `osuframes sandbox` and `python -m osuframes.sandbox`.

Runs the sandbox in the foreground and prints how to reach it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from osuframes._argtypes import OneLineParser, count, fail, fraction, non_negative, port, positive

from . import SandboxInfo, serve

__all__ = ["add_arguments", "main", "serve_from"]


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the sandbox's options to `parser` (its own, or the `osuframes sandbox` one)."""
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default loopback)")
    parser.add_argument("--port", type=port, default=0, help="TCP port (0 = any free port)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic world")
    parser.add_argument(
        "--latency-ms", type=non_negative, default=0.0, help="delay added to every response"
    )
    parser.add_argument(
        "--rate-limit", type=count, default=1200, help="requests per token per window"
    )
    parser.add_argument(
        "--window-s", type=positive, default=60.0, help="throttle window in seconds"
    )
    parser.add_argument(
        "--fault-rate", type=fraction, default=0.0, help="fraction of API requests that fail"
    )
    parser.add_argument(
        "--token-ttl", type=positive, default=86400, help="access-token lifetime in seconds"
    )
    return parser


def _ready(info: SandboxInfo) -> None:
    print(f"osuframes sandbox listening on {info.base_url}", flush=True)
    print(
        f"client_id={info.client_id} client_secret={info.client_secret} auth_code={info.auth_code}",
        flush=True,
    )


def serve_from(args: argparse.Namespace) -> int:
    """Serve with parsed options until interrupted (Ctrl-C ends it quietly).

    An address that cannot be bound (in use, not this machine's) is one line on stderr
    and exit status 2.
    """
    try:
        serve(
            host=args.host,
            port=args.port,
            seed=args.seed,
            latency_ms=args.latency_ms,
            rate_limit=args.rate_limit,
            window_s=args.window_s,
            fault_rate=args.fault_rate,
            token_ttl=args.token_ttl,
            on_ready=_ready,
        )
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        where = f"{args.host}:{args.port}"
        fail("osuframes sandbox", f"cannot listen on {where}: {exc.strerror or exc}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options and serve until interrupted."""
    parser = OneLineParser(prog="python -m osuframes.sandbox", description=__doc__)
    return serve_from(add_arguments(parser).parse_args(argv))
