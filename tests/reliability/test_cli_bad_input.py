"""Bad command lines: one line on stderr, exit status 2, no traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from osuframes.cli import main
from osuframes.sandbox import SandboxServer


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port some other program listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def refused(argv: list[str]) -> str:
    """Run `osuframes *argv`; assert exit status 2 and one line on stderr; return it.

    A separate process with a timeout: a command that wrongly starts serving fails the
    test instead of hanging it.
    """
    result = subprocess.run(
        [sys.executable, "-m", "osuframes", *argv], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_top_plays_into_an_impossible_folder() -> None:
    assert "'/proc/x'" in refused(["top-plays", "--out", "/proc/x"])


def test_top_plays_into_a_file(tmp_path: Path) -> None:
    file = tmp_path / "a-file"
    file.write_text("x")
    assert "is a file, not a folder" in refused(["top-plays", "--out", str(file)])


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["login", "--port", "99999"], "'99999' is not a port"),
        (["sandbox", "--port", "-5"], "'-5' is not a port"),
        (["sandbox", "--latency-ms", "-1"], "'-1' is negative"),
        (["sandbox", "--fault-rate", "1.5"], "'1.5' is not from 0 to 1"),
        (["sandbox", "--window-s", "0"], "'0' is not above 0"),
        (["top-plays", "--players", "0"], "'0' is not a whole number"),
    ],
)
def test_bad_options_name_themselves(argv: list[str], named: str) -> None:
    assert named in refused(argv)


def test_sandbox_on_a_port_in_use(busy_port: int) -> None:
    line = refused(["sandbox", "--port", str(busy_port)])
    assert f"cannot listen on 127.0.0.1:{busy_port}" in line and "in use" in line


def test_a_failed_bind_raises_the_bind_error_itself(busy_port: int) -> None:
    with pytest.raises(OSError, match="in use"):
        SandboxServer(port=busy_port)
    with pytest.raises(OverflowError):
        SandboxServer(port=-5)


def test_login_on_a_port_in_use(
    busy_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OSU_CLIENT_ID", "1")
    monkeypatch.setenv("OSU_CLIENT_SECRET", "secret")
    assert main(["login", "--port", str(busy_port)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and f"cannot listen on port {busy_port}" in err
