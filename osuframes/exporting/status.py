"""`osuframes export --status DIR`: where an export stands, from its folder alone."""

from __future__ import annotations

import os
from pathlib import Path

from osuframes.exporting.ids import ExportInputError
from osuframes.exporting.store import MANIFEST, Store, finished, resume_point

__all__ = ["export_status"]


def export_status(out: str | os.PathLike[str]) -> list[str]:
    """Lines describing an export: its dataset, chunks committed, rows, failures, shards.

    Read live from the checkpoints, so it is current while shards are still running.

    Raises:
        ExportInputError: the folder holds no export.
    """
    if not (Path(out) / MANIFEST).is_file():
        raise ExportInputError(f"--status {str(out)!r}: no export there (no {MANIFEST})")
    store = Store(out)
    manifest = store.manifest() or {}
    chunks = store.chunks()
    total = manifest.get("chunks")
    parameters = ", ".join(f"{k}={v}" for k, v in manifest.get("parameters", {}).items())
    failed = sum(len(chunk["failed"]) for chunk in chunks)
    state = "complete" if finished(chunks, total) else "not complete"
    if manifest.get("ids"):
        unit = f"{manifest['ids']:,} ids in {total} chunks of {manifest.get('chunk_size')}"
    else:
        unit = f"a walk, {manifest.get('chunk_size')} pages a part"
    of = "" if total is None else f" of {total}"
    lines = [
        f"{manifest.get('dataset')} ({parameters or 'no options'}), {unit}",
        f"{len(chunks)}{of} chunks committed, {sum(c['rows'] for c in chunks):,} rows, "
        f"{failed} failed ids: {state}",
    ]
    if point := resume_point(chunks):
        lines.append(f"  last cursor: {point['next_cursor']}")
    for shard in store.shard_states():
        mine = "" if shard["chunks"] is None else f" of {shard['chunks']}"
        lines.append(
            f"  shard {shard['shard']}: {shard['state']}, {shard.get('committed')}{mine} "
            f"chunks (updated {shard['updated']})"
        )
    return lines
