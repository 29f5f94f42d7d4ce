"""An export's folder: its parts, the checkpoint of committed chunks, and `_manifest.json`.

    DIR/mode=osu/part-00000.parquet   one part per chunk of ids, or a walk's pages
    DIR/_checkpoints/chunk-00000.json the part is committed: its rows and failed ids (a
                                       walk's: the cursors it started and ended on)
    DIR/_checkpoints/shard-0-of-2.json a shard's state (running, stopped, done)
    DIR/_checkpoints/plan.json         a walk paged by page numbers: where its parts
                                       start, as its first run planned them
    DIR/_manifest.json                 what the dataset is, and everything committed
    DIR/_export.lock                   serialises manifest writes of concurrent shards

A part is written to a temporary name and renamed (`osuframes.parquet`), then its
chunk's checkpoint is written the same way: a chunk counts as committed only when both
exist, so a run killed at any moment redoes at most the chunks it was working on, and
rewrites their parts under the same names (no duplicates, no gaps). Readers skip names
starting with `_` or `.`, so the dataset reads as one table.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from osuframes.exporting.ids import ExportInputError

__all__ = ["Store", "finished", "in_sequence", "resume_point"]

MANIFEST = "_manifest.json"
CHECKPOINTS = "_checkpoints"
_LOCK = "_export.lock"
_PLAN = "plan.json"
# What makes two exports the same dataset: a resume must match all of it.
IDENTITY = ("dataset", "parameters", "ids_digest", "ids", "chunk_size")


class Store:
    """The folder of one export (made if missing, checked to be writable)."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.root = Path(out)
        if self.root.exists() and not self.root.is_dir():
            raise ExportInputError(f"--out {str(self.root)!r}: that is a file; give a folder")
        try:
            (self.root / CHECKPOINTS).mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".write-test-"):
                pass
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise ExportInputError(
                f"--out {str(self.root)!r}: cannot write there ({reason})"
            ) from error

    # -- identity ---------------------------------------------------------------------

    def claim(self, identity: Mapping[str, Any], *, overwrite: bool) -> None:
        """Check the folder holds this dataset or nothing; with `overwrite`, empty it.

        Raises:
            ExportInputError: it holds another dataset, or other parameters or ids.
        """
        held = self.manifest()
        if held is None and not self._has_parts():
            return
        differs = [] if held is None else [k for k in IDENTITY if held.get(k) != identity[k]]
        if held is not None and not differs:
            return
        if overwrite:
            self._empty()
            return
        if held is None:
            what = "Parquet parts but no _manifest.json"
        else:
            what = "; ".join(f"{k} {held.get(k)!r}, not {identity[k]!r}" for k in differs)
        raise ExportInputError(
            f"--out {str(self.root)!r} holds another export ({what}); give another folder, "
            "or --overwrite to replace it"
        )

    def _has_parts(self) -> bool:
        return any(self.root.rglob("part-*.parquet"))

    def _empty(self) -> None:
        """Remove what an export wrote here (parts, checkpoints, manifest), nothing else."""
        for part in self.root.rglob("part-*.parquet"):
            part.unlink()
        shutil.rmtree(self.root / CHECKPOINTS, ignore_errors=True)
        (self.root / MANIFEST).unlink(missing_ok=True)
        for folder in sorted(self.root.rglob("*=*"), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # partition folders left empty
        (self.root / CHECKPOINTS).mkdir(exist_ok=True)

    # -- parts and checkpoints --------------------------------------------------------

    def part_path(self, partition: str, chunk: int) -> Path:
        folder = self.root / partition if partition else self.root
        return folder / f"part-{chunk:05d}.parquet"

    def committed(self, partition: str, chunk: int) -> bool:
        """Whether a chunk's part and checkpoint both exist."""
        return self._chunk_file(chunk).exists() and self.part_path(partition, chunk).exists()

    def commit(self, chunk: int, record: Mapping[str, Any]) -> None:
        """Record a chunk as committed (after its part was renamed into place)."""
        write_json(self._chunk_file(chunk), record)

    def _chunk_file(self, chunk: int) -> Path:
        return self.root / CHECKPOINTS / f"chunk-{chunk:05d}.json"

    def chunks(self) -> list[dict[str, Any]]:
        """Every committed chunk's record, in chunk order."""
        records = []
        for path in sorted((self.root / CHECKPOINTS).glob("chunk-*.json")):
            record = read_json(path)
            if record is not None and (self.root / record["part"]).exists():
                records.append(record)
        return records

    def shard_state(self, shard: str, state: Mapping[str, Any]) -> None:
        """Record a shard's state (`0/2` → `shard-0-of-2.json`)."""
        index, count = shard.split("/")
        write_json(self.root / CHECKPOINTS / f"shard-{index}-of-{count}.json", state)

    def plan(self) -> dict[str, Any] | None:
        """The plan of a walk's parts kept by its first run (None: not made yet)."""
        return read_json(self.root / CHECKPOINTS / _PLAN)

    def keep_plan(self, plan: Mapping[str, Any]) -> None:
        write_json(self.root / CHECKPOINTS / _PLAN, plan)

    def shard_states(self) -> list[dict[str, Any]]:
        paths = sorted((self.root / CHECKPOINTS).glob("shard-*.json"))
        return [state for path in paths if (state := read_json(path)) is not None]

    # -- the manifest -----------------------------------------------------------------

    def manifest(self) -> dict[str, Any] | None:
        return read_json(self.root / MANIFEST)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's lock (shards on one machine write the manifest in turn)."""
        with open(self.root / _LOCK, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def write_manifest(self, manifest: Mapping[str, Any]) -> None:
        write_json(self.root / MANIFEST, manifest)


def in_sequence(records: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the records are those of parts 0, 1, … with none missing."""
    return [record["chunk"] for record in records] == list(range(len(records)))


def finished(records: list[dict[str, Any]], chunks: int | None) -> bool:
    """Whether an export is complete: each of its `chunks` committed, or (a walk, whose
    number of parts is known only at its end) its last part and every one before it
    (shards of a walk commit its parts out of order)."""
    if chunks is None:
        return in_sequence(records) and bool(records) and bool(records[-1].get("ended"))
    return len(records) == chunks


def resume_point(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A walk's last cursor (where a new export can start following the feed again)."""
    if not records or "next_cursor" not in records[-1]:
        return {}
    return {"next_cursor": records[-1]["next_cursor"]}


def write_json(path: Path, value: Mapping[str, Any]) -> None:
    """Write JSON atomically: a temporary file beside it, flushed, then renamed."""
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "w", encoding="utf-8") as file:
        json.dump(value, file, indent=2, sort_keys=False)
        file.write("\n")
        file.flush()
        os.fsync(file.fileno())
    partial.replace(path)


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from a file, or None when it is missing or unreadable."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
