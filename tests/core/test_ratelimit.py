"""The limiter's schedule, on a fake clock: bursts, the window, costs, back-offs, headers.

Every test runs on both ledgers (memory, and the SQLite file processes share), since
they must decide alike.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from osuframes import Client, ConfigError, RateLimit, RateLimiter
from osuframes.config import Settings
from osuframes.http.ledger import Ledger, LedgerBusy, MemoryLedger
from osuframes.http.ledger_sqlite import SqliteLedger
from osuframes.http.ratelimit import claim_limiter
from tests.conftest import FakeClock

WINDOW = 1.05  # (10, 1) with the 5% margin


def about(seconds: float) -> object:
    """A span of seconds to a millisecond; compare spans (time minus start), never clock
    readings: approx's relative tolerance on a reading near 1.8e9 s is half an hour."""
    return pytest.approx(seconds, abs=1e-3)


@pytest.fixture(params=["memory", "sqlite"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    made: Ledger = (
        MemoryLedger()
        if request.param == "memory"
        else SqliteLedger(tmp_path / "ratelimit.sqlite", "client:1")
    )
    yield made
    made.close()


def limiter_on(ledger: Ledger, clock: FakeClock, rate: tuple[int, float] = (10, 1), **kw: str):
    return RateLimiter(RateLimit(*rate), ledger, clock, **kw)  # type: ignore[arg-type]


async def send(limiter: RateLimiter, clock: FakeClock, *, latency: float = 0.0, **answer):
    """One request through the limiter: it leaves, `latency` later its answer comes."""
    async with limiter.slot(answer.pop("cost", 1)) as slot:
        clock.t += latency
        if answer:
            slot.answered(answer.get("status", 200), answer.get("headers", {}))
    return slot.sent


def busiest(times: list[float], seconds: float) -> int:
    times = sorted(times)
    return max(sum(1 for t in times[i:] if t < start + seconds) for i, start in enumerate(times))


async def test_the_whole_budget_goes_at_once_then_one_as_each_leaves(ledger, clock):
    limiter = limiter_on(ledger, clock)
    start = clock.now()
    sent = [await send(limiter, clock) for _ in range(25)]
    assert sent[:10] == [start] * 10  # no spacing while the window has room
    assert sent[10] - start == about(WINDOW)
    assert sent[20] - start == about(2 * WINDOW)
    assert busiest(sent, 1.0) <= 10


async def test_smooth_mode_spaces_requests_evenly(ledger, clock):
    limiter = limiter_on(ledger, clock, mode="smooth")
    sent = [await send(limiter, clock) for _ in range(30)]
    gaps = [b - a for a, b in zip(sent, sent[1:], strict=False)]
    assert min(gaps) == about(WINDOW / 10)
    assert busiest(sent, 1.0) <= 10


async def test_the_window_counts_from_the_answer_so_slow_answers_cannot_bunch_up(ledger, clock):
    """A request counts until a window after its answer, the latest moment the server can
    have received it; one still awaiting its answer always counts."""
    limiter = limiter_on(ledger, clock)
    start = clock.now()
    slots = [await limiter.acquire() for _ in range(10)]
    clock.t += 0.4  # the answers take 0.4 s
    for slot in slots:
        await slot.close()
    sent = await send(limiter, clock)
    assert sent - start == about(0.4 + WINDOW)


async def test_the_window_counts_from_the_answers_first_bytes_not_its_whole_body(ledger, clock):
    limiter = limiter_on(ledger, clock)
    start = clock.now()
    slots = [await limiter.acquire() for _ in range(10)]
    clock.t += 0.1
    for slot in slots:
        slot.heard()  # the headers are in; the bodies take another 0.5 s
    clock.t += 0.5
    for slot in slots:
        await slot.close()
    assert await send(limiter, clock) - start == about(0.1 + WINDOW)


async def test_a_request_costing_several_takes_that_much_of_the_budget(ledger, clock):
    limiter = limiter_on(ledger, clock)
    start = clock.now()
    assert await send(limiter, clock, cost=5) == start
    assert await send(limiter, clock, cost=5) == start
    assert await send(limiter, clock) - start == about(WINDOW)
    # A cost above the whole budget takes the whole budget, and does not wait forever.
    assert await send(limiter, clock, cost=500) - start == about(2 * WINDOW)


async def test_a_429_pauses_every_request_once_for_one_window(ledger, clock):
    limiter = limiter_on(ledger, clock, rate=(1000, 1))
    start = clock.now()
    storm = [await limiter.acquire() for _ in range(5)]
    for slot in storm:  # five refused together: one back-off, not five stacked
        slot.answered(429, {})
        await slot.close()
    assert await send(limiter, clock) - start == about(WINDOW)


async def test_a_429_right_after_a_back_off_doubles_it_up_to_a_server_window(ledger, clock):
    limiter = limiter_on(ledger, clock, rate=(1000, 1))
    pauses = []
    for _ in range(9):
        before = clock.now()
        await send(limiter, clock, status=429)
        pauses.append(round(clock.now() - before, 2))
    await send(limiter, clock)
    assert pauses[0] == 0  # the first request went at once
    assert pauses[1:] == [1.05, 2.1, 4.2, 8.4, 16.8, 33.6, 63.0, 63.0]


async def test_retry_after_is_honoured_as_given(ledger, clock):
    limiter = limiter_on(ledger, clock, rate=(1000, 1))
    await send(limiter, clock, status=429, headers={"Retry-After": "7"})
    before = clock.now()
    await send(limiter, clock)
    assert clock.now() - before == about(7)


async def test_after_a_429_the_server_announced_limit_is_kept_if_lower(ledger, clock):
    limiter = limiter_on(ledger, clock, rate=(1000, 1))
    headers = {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "4"}
    await send(limiter, clock, headers=headers)
    assert limiter.effective_rate == RateLimit(1000, 1)  # a header alone changes nothing
    await send(limiter, clock, status=429)
    assert limiter.effective_rate == RateLimit(5, 1)
    sent = [await send(limiter, clock, headers=headers) for _ in range(20)]
    assert busiest(sent, 1.0) <= 5


async def test_a_server_window_full_of_requests_from_elsewhere_holds_requests_back(ledger, clock):
    """Remaining says another program spent the token's budget: wait for the window."""
    limiter = limiter_on(ledger, clock, rate=(100, 5))
    start = clock.now()
    in_flight = [await limiter.acquire() for _ in range(3)]
    # The server counted 98 of 100, this client only sent these 3.
    in_flight[0].answered(200, {"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "2"})
    await in_flight[0].close()
    assert await send(limiter, clock) - start == about(5.25)


async def test_answers_that_each_leave_room_for_one_more_let_one_more_go(ledger, clock):
    """Another program spent 10 of 20: after two answers the server counted 13 with 6 on
    their way, room for one. Each answer alone leaves that room, but it is the same room:
    the second request waits for the window (the server would have counted 21)."""
    limiter = limiter_on(ledger, clock, rate=(20, 3))
    start = clock.now()
    first = await limiter.acquire()
    first.answered(200, {"X-RateLimit-Limit": "20", "X-RateLimit-Remaining": "9"})
    await first.close()
    burst = [await limiter.acquire() for _ in range(8)]
    for slot, remaining in zip(burst[:2], ("8", "7"), strict=True):
        slot.answered(200, {"X-RateLimit-Limit": "20", "X-RateLimit-Remaining": remaining})
        await slot.close()
    assert (await limiter.acquire()).sent == start
    assert (await limiter.acquire()).sent - start == about(3.15)


async def test_a_server_with_a_lower_limit_is_noticed_before_it_refuses(ledger, clock):
    limiter = limiter_on(ledger, clock, rate=(1000, 1))
    start = clock.now()
    burst = [await limiter.acquire() for _ in range(8)]
    # Its first answer: 4 of 5 left, and 7 more requests already on their way.
    burst[0].answered(200, {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "4"})
    for slot in burst:
        await slot.close()
    assert limiter.effective_rate == RateLimit(5, 1)
    sent = [await send(limiter, clock) for _ in range(10)]
    assert sent[0] - start == about(WINDOW)
    assert busiest(sent, 1.0) <= 5


async def test_headers_never_make_the_client_faster_than_its_own_limit(ledger, clock):
    limiter = limiter_on(ledger, clock)
    roomy = {"X-RateLimit-Limit": "1200", "X-RateLimit-Remaining": "1199"}
    sent = [await send(limiter, clock, headers=roomy) for _ in range(30)]
    assert busiest(sent, 1.0) <= 10


async def test_a_full_server_window_the_ledger_explains_adds_no_wait(ledger, clock):
    limiter = limiter_on(ledger, clock)
    start = clock.now()
    sent = []
    for count in range(1, 12):
        own = {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": str(max(0, 10 - count))}
        sent.append(await send(limiter, clock, headers=own))
    assert sent[10] - start == about(WINDOW)


async def test_first_request_waits_for_nothing(ledger, clock):
    slot = await limiter_on(ledger, clock, rate=(60, 60)).acquire()
    assert slot.waited == 0 and clock.sleeps == []
    await slot.close()


def test_clients_of_one_application_share_one_limiter(tmp_path: Path):
    one = Client(client_id=1, client_secret="x", limiter=(10, 1), cache_dir=tmp_path)
    two = Client(client_id=1, client_secret="y", limiter=(10, 1), cache_dir=tmp_path)
    other = Client(client_id=2, client_secret="x", limiter=(10, 1), cache_dir=tmp_path)
    smooth = Client(
        client_id=1, client_secret="x", limiter=(10, 1), cache_dir=tmp_path, limiter_mode="smooth"
    )
    assert one.limiter is two.limiter
    assert other.limiter is not one.limiter
    assert smooth.limiter is not one.limiter and smooth.limiter.ledger is one.limiter.ledger
    claim = claim_limiter(tmp_path, 1, RateLimit(10, 1))
    assert claim.limiter is one.limiter
    claim.close()


def test_the_limiter_mode_is_a_setting_checked_before_any_request(tmp_path: Path):
    assert Settings.resolve(environ={}).limiter_mode == "sliding"
    assert Settings.resolve(environ={"OSUFRAMES_LIMITER_MODE": "smooth"}).limiter_mode == "smooth"
    with pytest.raises(ConfigError, match="OSUFRAMES_LIMITER_MODE='evenly'.*'sliding'"):
        Settings.resolve(environ={"OSUFRAMES_LIMITER_MODE": "evenly"})
    client = Client(client_id=1, client_secret="x", cache_dir=tmp_path, limiter_mode="smooth")
    assert client.limiter.mode == "smooth"
    with pytest.raises(ConfigError, match="limiter_mode='burst' is not a limiter mode"):
        Client(client_id=1, client_secret="x", cache_dir=tmp_path, limiter_mode="burst")


async def test_a_ledger_held_by_another_process_is_waited_for_off_the_loop(tmp_path: Path, clock):
    path = tmp_path / "ratelimit.sqlite"
    ledger = SqliteLedger(path, "client:1")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the file
    with pytest.raises(LedgerBusy):
        ledger.reserve(clock.now(), RateLimit(10, 1), 1, "sliding", wait=False)
    waiting = asyncio.create_task(RateLimiter(RateLimit(10, 1), ledger, clock).acquire())
    await asyncio.sleep(0.05)
    assert not waiting.done()  # it waits in a worker thread; the loop runs on
    other.execute("COMMIT")
    slot = await asyncio.wait_for(waiting, 30)
    await slot.close()
    other.close()
    ledger.close()


async def test_a_settle_waiting_for_a_held_ledger_finishes_when_its_caller_is_cancelled(
    tmp_path: Path, clock
):
    """The settle goes on in its worker thread: the request leaves the pending list."""
    path = tmp_path / "ratelimit.sqlite"
    ledger = SqliteLedger(path, "client:1")
    slot = await RateLimiter(RateLimit(10, 1), ledger, clock).acquire()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the file
    closing = asyncio.create_task(slot.close())
    await asyncio.sleep(0.05)
    closing.cancel()
    with pytest.raises(asyncio.CancelledError):
        await closing
    other.execute("COMMIT")
    pending = "SELECT COUNT(*) FROM requests WHERE pending = 1"
    for _ in range(300):  # the worker thread settles once the file is free
        if other.execute(pending).fetchone()[0] == 0:
            break
        await asyncio.sleep(0.01)
    assert other.execute(pending).fetchone()[0] == 0
    other.close()
    ledger.close()


def test_a_commit_blocked_by_a_reader_is_rolled_back_and_tried_again(tmp_path: Path, clock):
    """Another process reading the file blocks a COMMIT: the call says busy and leaves
    no transaction open behind it (it used to break every later call)."""
    path = tmp_path / "ratelimit.sqlite"
    ledger = SqliteLedger(path, "client:1")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM requests").fetchall()  # holds a shared lock
    rate = RateLimit(10, 1)
    with pytest.raises(LedgerBusy):
        ledger.reserve(clock.now(), rate, 1, "sliding", wait=False)
    reader.execute("COMMIT")
    assert ledger.reserve(clock.now(), rate, 1, "sliding", wait=False).ticket is not None
    assert len(reader.execute("SELECT * FROM requests").fetchall()) == 1  # not two
    reader.close()
    ledger.close()


async def test_a_back_off_in_the_shared_file_pauses_the_other_processes(tmp_path: Path, clock):
    """Two ledgers on one file stand for two processes: a 429 seen by one pauses both."""
    path = tmp_path / "ratelimit.sqlite"
    here, there = SqliteLedger(path, "client:1"), SqliteLedger(path, "client:1")
    start = clock.now()
    await send(limiter_on(here, clock, rate=(1000, 1)), clock, status=429)
    assert await send(limiter_on(there, clock, rate=(1000, 1)), clock) - start == about(WINDOW)
    here.close()
    there.close()


def test_the_sqlite_ledger_answers_as_the_memory_ledger(tmp_path: Path):
    """Reservations, waits and usages agree step by step (SQLite sums what it can)."""
    rng = random.Random(12)
    memory, sqlite = MemoryLedger(), SqliteLedger(tmp_path / "ratelimit.sqlite", "client:1")
    rate, now = RateLimit(10, 1), 1000.0
    tickets: list[tuple[int, int]] = []
    for _ in range(400):
        now += rng.choice([0.0, 0.01, 0.2, 0.6])
        if tickets and rng.random() < 0.5:
            mine, theirs = tickets.pop(rng.randrange(len(tickets)))
            at = now + rng.choice([0.0, 0.05])
            assert memory.settle(mine, at, rate) == sqlite.settle(theirs, at, rate)
            continue
        cost, mode = rng.choice([1, 1, 1, 3]), rng.choice(["sliding", "sliding", "smooth"])
        a, b = memory.reserve(now, rate, cost, mode), sqlite.reserve(now, rate, cost, mode)
        assert a.wait == pytest.approx(b.wait) and (a.ticket is None) == (b.ticket is None)
        if a.ticket is not None and b.ticket is not None:
            tickets.append((a.ticket, b.ticket))
        if rng.random() < 0.02:
            memory.back_off(now, now, 0.5, 4.0)
            sqlite.back_off(now, now, 0.5, 4.0)
    sqlite.close()
