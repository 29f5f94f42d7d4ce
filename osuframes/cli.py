"""The `osuframes` command."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from osuframes._version import __version__

__all__ = ["main"]


def _sandbox(args: argparse.Namespace) -> int:
    from osuframes import sandbox

    def ready(info: sandbox.SandboxInfo) -> None:
        print(f"osu! API v2 sandbox listening on {info.base_url}", flush=True)
        print(f"client_id={info.client_id} client_secret={info.client_secret}", flush=True)
        print("Ctrl-C to stop.", flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        sandbox.serve(
            port=args.port,
            seed=args.seed,
            latency_ms=args.latency_ms,
            rate_limit=args.rate_limit,
            window_s=args.window_s,
            fault_rate=args.fault_rate,
            token_ttl=args.token_ttl,
            on_ready=ready,
        )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osuframes",
        description="The osu! API v2 as pandas DataFrames, Arrow tables and Parquet datasets.",
    )
    parser.add_argument("--version", action="version", version=f"osuframes {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sandbox = commands.add_parser(
        "sandbox",
        help="serve a local, offline osu! API v2 with a synthetic world",
        description="Serve a local osu! API v2 (synthetic data) until interrupted.",
    )
    sandbox.add_argument("--port", type=int, default=0, help="port (0: any free port)")
    sandbox.add_argument("--seed", type=int, default=1, help="seed of the synthetic world")
    sandbox.add_argument("--latency-ms", type=float, default=0.0, help="delay per response")
    sandbox.add_argument("--rate-limit", type=int, default=1200, help="requests per window")
    sandbox.add_argument("--window-s", type=float, default=60.0, help="rate-limit window")
    sandbox.add_argument("--fault-rate", type=float, default=0.0, help="share of failures")
    sandbox.add_argument("--token-ttl", type=int, default=86400, help="token lifetime in s")
    sandbox.set_defaults(run=_sandbox)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 0
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
