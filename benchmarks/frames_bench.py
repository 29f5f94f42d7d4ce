"""Frame building from cached JSON: osuframes vs pd.json_normalize, records/s and memory.

The workload is 100,000 best-score records in the shape of the recorded
`get_user_bests_200.json` (about 2.7 KB each), as 1,000 pages of 100 (what the API
sends), with distinct ids. Each contender turns the same bytes into a DataFrame:

- `json_normalize`: `pd.json_normalize(json.loads(page))` per page, concatenated;
- `aiosu-style`: a pydantic model per record, `model_dump`, then `json_normalize`;
- `osuframes`: `frames.table_from_pages` with the declared schema of `Score`, then
  `to_pandas` (numpy-nullable dtypes).

Then the Arrow step alone against pyarrow's own JSON reader on the same bytes:
`frames.table_from_pages` (join the pages, read them, flatten and convert every column)
against `pyarrow.json.read_json` of the pages already joined as newline-delimited JSON,
with the same declared read schema (the parse alone), alternately, best of `--repeat`.

Run: `python benchmarks/frames_bench.py [--records 100000] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.json as pa_json

from osuframes import frames
from osuframes.models import Score

FIXTURE = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "fixtures"
    / "osu-api-v2"
    / "get_user_bests_200.json"
)


def make_pages(records: int, per_page: int = 100) -> list[bytes]:
    """`records` best scores as JSON pages, each record a recorded one with a new id."""
    if not FIXTURE.exists():
        sys.exit(f"the recorded fixtures are needed: {FIXTURE} is missing")
    samples = json.loads(FIXTURE.read_bytes())
    rows = []
    for n in range(records):
        row = dict(samples[n % len(samples)])
        row["id"] = row["best_id"] = 4_000_000_000 + n
        rows.append(row)
    return [
        json.dumps(rows[i : i + per_page], separators=(",", ":")).encode()
        for i in range(0, records, per_page)
    ]


def with_json_normalize(pages: list[bytes]) -> pd.DataFrame:
    return pd.concat([pd.json_normalize(json.loads(p)) for p in pages], ignore_index=True)


def aiosu_style(pages: list[bytes]) -> pd.DataFrame:
    dumped = [Score.model_validate(r).model_dump() for p in pages for r in json.loads(p)]
    return pd.json_normalize(dumped)


def with_osuframes(pages: list[bytes]) -> pd.DataFrame:
    return frames.to_pandas(frames.table_from_pages(pages, frames.frame_schema(Score)))


def arrow_against_read_json(pages: list[bytes], repeat: int) -> tuple[float, float]:
    """Best seconds of `table_from_pages` and of `read_json` alone on the same bytes."""
    schema = frames.frame_schema(Score)
    lines = b"".join(b'{"items":' + page + b"}\n" for page in pages)
    options = pa_json.ParseOptions(
        explicit_schema=pa.schema([pa.field("items", pa.list_(schema.read_type))]),
        unexpected_field_behavior="ignore",
    )

    blocks = pa_json.ReadOptions(block_size=1 << 21)  # the block size table_from_pages uses
    runs: dict[str, Callable[[], object]] = {
        "ours": lambda: frames.table_from_pages(pages, schema),
        "read_json": lambda: pa_json.read_json(
            pa.BufferReader(lines), read_options=blocks, parse_options=options
        ),
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best["ours"], best["read_json"]


def measure(build: Callable[[list[bytes]], pd.DataFrame], pages: list[bytes], repeat: int):
    best = float("inf")
    frame = pd.DataFrame()
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        frame = build(pages)
        best = min(best, time.perf_counter() - start)
    return best, frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-aiosu", action="store_true", help="skip the slowest contender")
    options = parser.parse_args()
    pages = make_pages(options.records)
    size = sum(map(len, pages))
    print(f"{options.records:,} records in {len(pages):,} pages, {size / 1e6:.0f} MB of JSON")
    contenders = [("json_normalize", with_json_normalize), ("osuframes", with_osuframes)]
    if not options.skip_aiosu:
        contenders.insert(1, ("aiosu-style", aiosu_style))
    results = {}
    for name, build in contenders:
        repeat = 1 if name == "aiosu-style" else options.repeat
        seconds, frame = measure(build, pages, repeat)
        memory = frame.memory_usage(deep=True).sum() / 1e6
        results[name] = (seconds, memory)
        print(
            f"{name:>15}: {seconds:6.2f} s  {options.records / seconds:9,.0f} records/s  "
            f"{frame.shape[1]:4d} columns  {memory:6.0f} MB"
        )
    base_s, base_mb = results["json_normalize"]
    ours_s, ours_mb = results["osuframes"]
    print(
        f"osuframes is {base_s / ours_s:.1f}x faster than json_normalize, "
        f"with {ours_mb / base_mb:.0%} of its memory"
    )
    arrow_s, read_s = arrow_against_read_json(pages, max(options.repeat, 3))
    print(
        f"Arrow table: table_from_pages {arrow_s:.2f} s, pyarrow.json.read_json alone "
        f"{read_s:.2f} s: {read_s / arrow_s:.0%} of read_json's speed"
    )


if __name__ == "__main__":
    main()
