"""The `osuframes` command."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from osuframes import cache_cli
from osuframes._argtypes import BAD_INPUT, OneLineParser, count, fail, port, positive
from osuframes._version import __version__
from osuframes.exporting import cli as export_command
from osuframes.sandbox import cli as sandbox_cli
from osuframes.tournament import command as tournament_command

if TYPE_CHECKING:
    from osuframes.config import Settings

__all__ = ["main"]


def _login(args: argparse.Namespace) -> int:
    from osuframes.auth import login
    from osuframes.config import get_settings
    from osuframes.errors import OsuframesError

    try:
        settings = get_settings()
        client_id, _ = settings.require_credentials()
        scopes = login.parse_scopes(args.scopes)
        state = login.new_state()
        code, redirect_uri = _receive_code(args, settings.base_url, client_id, scopes, state)
        return asyncio.run(_finish_login(settings, code, redirect_uri, scopes))
    except KeyboardInterrupt:
        print("osuframes login: cancelled", file=sys.stderr)
        return 130
    except OSError as exc:  # the callback port is in use, or not this machine's
        print(f"osuframes login: cannot listen on port {args.port}: {exc}", file=sys.stderr)
        return BAD_INPUT
    except (OsuframesError, ValueError) as exc:
        print(f"osuframes login: {exc}", file=sys.stderr)
        return 1


def _receive_code(
    args: argparse.Namespace, base_url: str, client_id: int, scopes: tuple[str, ...], state: str
) -> tuple[str, str]:
    """Wait for the authorization code: on the callback server, else pasted on stdin."""
    from osuframes.auth import login

    if not args.no_browser:
        with login.CallbackServer(state, port=args.port) as server:
            redirect_uri = server.redirect_uri
            url = login.authorize_url(base_url, client_id, redirect_uri, scopes, state)
            if _open_browser(url):
                print("Opened the osu! login page in your browser. If it did not open, visit:")
                print(f"  {url}")
                print(f"Waiting for osu! to send the browser back to {redirect_uri} ", end="")
                print(f"(at most {args.timeout:g} s; Ctrl-C to cancel) ...", flush=True)
                return server.wait(args.timeout), redirect_uri
        print("No browser could be opened here.")
    else:
        redirect_uri = login.callback_uri(args.port or login.free_port())
        url = login.authorize_url(base_url, client_id, redirect_uri, scopes, state)
    print("Open this address in a browser, log in to osu! and authorize the application:")
    print(f"  {url}")
    print(f"osu! then sends the browser to {redirect_uri}, which may fail to load here;")
    print("copy the whole address from the browser's address bar.", flush=True)
    return login.read_pasted_code(state), redirect_uri


def _open_browser(url: str) -> bool:
    # Without a display, webbrowser may start a console browser (lynx, w3m) in this
    # terminal, or nothing at all: paste the address instead.
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return False
    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


async def _finish_login(
    settings: Settings, code: str, redirect_uri: str, scopes: tuple[str, ...]
) -> int:
    from osuframes.auth import login
    from osuframes.client import Client
    from osuframes.models import UserExtended

    repository = login.login_repository(settings)
    try:
        client = await Client.from_authorization_code(
            code, redirect_uri, scopes=scopes, token_repository=repository, settings=settings
        )
        async with client:
            me: UserExtended = await client.get_me()
            token = await client.get_current_token()
    finally:
        repository.close()
    path = login.remember_login(
        client.session_id, username=me.username, scopes=token.scopes, settings=settings
    )
    print(f"logged in as {me.username} ({me.id}) with scopes {' '.join(token.scopes)}")
    print(f"token stored in {repository.path} (session {client.session_id});")
    print(f"{path} records this as the current login (`osuframes logout` to end it)")
    return 0


def _logout(args: argparse.Namespace) -> int:
    from osuframes.auth import login
    from osuframes.config import get_settings
    from osuframes.errors import OsuframesError

    settings = get_settings()
    record = login.login_info(settings)
    if record is None:
        print(f"nobody is logged in (no {login.login_file(settings)})")
        return 0
    user_id = int(record["user_id"])
    who = f"{record.get('username') or 'user'} ({user_id})"
    try:
        revoked = asyncio.run(_revoke(settings, user_id))
    except OsuframesError as exc:
        print(f"osuframes logout: could not revoke the token of {who}: {exc}", file=sys.stderr)
        print("the login is kept; run `osuframes logout` again later", file=sys.stderr)
        return 1
    login.forget_login(settings)
    done = "token revoked and removed" if revoked else "token removed (it was no longer valid)"
    print(f"logged out {who}: {done}")
    return 0


async def _revoke(settings: Settings, user_id: int) -> bool:
    """Revoke the login's token with osu! and delete it; False if it was already dead."""
    from osuframes.auth import login
    from osuframes.client import Client
    from osuframes.errors import Unauthorized

    repository = login.login_repository(settings)
    try:
        if not await repository.exists(user_id):
            return False
        client = Client(token_repository=repository, session_id=user_id, settings=settings)
        try:
            await client.revoke_token()
            revoked = True
        except Unauthorized:  # expired or revoked already, and no refresh left
            revoked = False
        finally:
            await client.aclose()
        await repository.delete(user_id)
        return revoked
    finally:
        repository.close()


def _top_plays(args: argparse.Namespace) -> int:
    from osuframes.errors import OsuframesError
    from osuframes.exporting.options import country_code
    from osuframes.jobs import top_plays

    _writable_folder("osuframes top-plays", "--out", args.out)
    if args.country is not None:
        try:
            country_code(args.country, "--country")
        except ValueError as exc:
            fail("osuframes top-plays", str(exc))
    try:
        top_plays(players=args.players, mode=args.mode, country=args.country, out=args.out)
    except (OsuframesError, ValueError, OSError) as exc:
        print(f"osuframes top-plays: {exc}", file=sys.stderr)
        return 1
    return 0


def _writable_folder(prog: str, option: str, folder: str) -> None:
    """Make `folder` if needed; a path that is a file or cannot be written fails at once."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        fail(prog, f"{option} {folder!r} is a file, not a folder; give a folder")
    except OSError as exc:
        fail(prog, f"{option} {folder!r}: cannot make that folder ({exc.strerror or exc})")
    if not os.access(path, os.W_OK | os.X_OK):
        fail(prog, f"{option} {folder!r}: that folder is not writable")


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="osuframes",
        description="The osu! API v2 as pandas DataFrames, Arrow tables and Parquet datasets.",
    )
    parser.add_argument("--version", action="version", version=f"osuframes {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    top = commands.add_parser(
        "top-plays",
        help="write the top plays of the best players to Parquet (offline without credentials)",
        description=(
            "Fetch the performance ranking's top players and their top plays, and write "
            "both as Parquet. Uses the osu! API when OSU_CLIENT_ID and OSU_CLIENT_SECRET "
            "are set, otherwise the offline sandbox."
        ),
    )
    top.add_argument("--players", type=count, default=50, help="how many players (default 50)")
    top.add_argument("--mode", default="osu", help="ruleset: osu, taiko, fruits, mania")
    top.add_argument("--country", help="a two-letter country code: that country's best players")
    top.add_argument("--out", default="data", help="folder for the Parquet files")
    top.set_defaults(run=_top_plays)

    matchcost = commands.add_parser(
        "matchcost",
        help="match costs of legacy matches as a table (offline without credentials)",
        description=(
            "Rate each player of one or more legacy (tournament) matches with Bathbot's or "
            "o!TR's match cost, sorted by cost, with each match's result. Uses the osu! API "
            "when OSU_CLIENT_ID and OSU_CLIENT_SECRET are set, otherwise the offline sandbox."
        ),
    )
    tournament_command.add_arguments(matchcost).set_defaults(run=tournament_command.run)

    export = commands.add_parser(
        "export", help=export_command.HELP, description=export_command.DESCRIPTION
    )
    export_command.add_arguments(export).set_defaults(run=export_command.run)

    sandbox = commands.add_parser(
        "sandbox",
        help="serve a local, offline osu! API v2 with a synthetic world",
        description="Serve a local osu! API v2 (synthetic data) until interrupted.",
    )
    sandbox_cli.add_arguments(sandbox).set_defaults(run=sandbox_cli.serve_from)

    login = commands.add_parser(
        "login",
        help="log in to osu! as a user, for /me, friends, chat and forum endpoints",
        description=(
            "Log in to osu! in the browser (OAuth authorization code) and keep the token "
            "in the cache folder. The OAuth application's callback URL on osu.ppy.sh must "
            "be http://127.0.0.1:<port>/callback (a loopback callback matches any port; "
            "give --port to use a fixed one). Needs OSU_CLIENT_ID and OSU_CLIENT_SECRET."
        ),
    )
    login.add_argument(
        "--scopes",
        default=None,
        help='scopes to ask for (default: "public identify friends.read"); add chat.read, '
        "chat.write or forum.write when needed",
    )
    login.add_argument(
        "--port", type=port, default=0, help="callback port on 127.0.0.1 (0: any free port)"
    )
    login.add_argument(
        "--no-browser",
        action="store_true",
        help="print the login address and read the redirect address pasted on stdin "
        "(for remote notebook servers and machines without a browser)",
    )
    login.add_argument(
        "--timeout",
        type=positive,
        default=300.0,
        metavar="SECONDS",
        help="how long to wait for the browser (default 300)",
    )
    login.set_defaults(run=_login)

    logout = commands.add_parser(
        "logout",
        help="revoke the current login's token and forget it",
        description="Revoke the current login's token with osu! and delete it from the cache.",
    )
    logout.set_defaults(run=_logout)

    cache_cli.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input, said in one line)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if not hasattr(args, "run"):
            parser.print_help()
            return 0
        return int(args.run(args))
    except SystemExit as exited:  # --help, --version, and bad input (`fail`)
        return exited.code if isinstance(exited.code, int) else int(exited.code is not None)


if __name__ == "__main__":
    sys.exit(main())
