"""The ids an export fetches: from a list, a file, stdin, or an earlier dataset.

Every id is checked before anything is sent: a bad one is an `ExportInputError` naming
where it came from (the file and line number).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

__all__ = ["ExportInputError", "ids_from_dataset", "ids_from_file", "ids_from_text", "unique"]


class ExportInputError(ValueError):
    """Bad input to an export (ids, options, the output folder), found before any request."""


def _parse(text: str, where: str) -> int:
    value = text.strip()
    if not value.isdecimal() or int(value) < 1:
        raise ExportInputError(f"{where}: {value!r} is not an id; give positive whole numbers")
    return int(value)


def ids_from_text(text: str) -> list[int]:
    """`--ids 2,3,4`: ids separated by commas (or spaces)."""
    parts = [part for part in text.replace(",", " ").split() if part]
    if not parts:
        raise ExportInputError(f"--ids {text!r}: no ids; give them as 2,3,4")
    return [_parse(part, f"--ids {text!r}") for part in parts]


def ids_from_file(path: str, stdin: TextIO | None = None) -> list[int]:
    """`--ids-file ids.txt` (or `-` for stdin): one id a line, `#` comments, blank lines."""
    if path == "-":
        return _ids_from_lines(stdin or sys.stdin, "stdin")
    try:
        with open(path, encoding="utf-8") as lines:
            return _ids_from_lines(lines, path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ExportInputError(f"--ids-file {path!r}: cannot read it ({reason})") from error
    except UnicodeDecodeError as error:
        raise ExportInputError(f"--ids-file {path!r}: not a text file of ids") from error


def _ids_from_lines(lines: Iterable[str], name: str) -> list[int]:
    ids = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if text:
            ids.append(_parse(text, f"{name} line {number}"))
    return ids


def ids_from_dataset(folder: str, column: str) -> list[int]:
    """`--from DIR --column C`: the distinct values of an integer column of a dataset,
    in the order they first appear (`--from-rankings DIR` is `--column user.id`)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    where = f"--from {folder!r}"
    if not Path(folder).is_dir():
        raise ExportInputError(f"{where}: no such dataset folder")
    try:
        hive = ds.HivePartitioning.discover(infer_dictionary=True)
        dataset = ds.dataset(folder, format="parquet", partitioning=hive)
    except (OSError, pa.ArrowInvalid) as error:
        raise ExportInputError(f"{where}: not a Parquet dataset ({error})") from error
    if column not in dataset.schema.names:
        raise ExportInputError(
            f"{where} --column {column!r}: no such column; it has "
            f"{', '.join(dataset.schema.names[:12])}, …"
        )
    if not pa.types.is_integer(dataset.schema.field(column).type):
        raise ExportInputError(f"{where} --column {column!r}: not an integer column")
    values = dataset.to_table(columns=[column]).column(column).to_pylist()
    return unique(int(value) for value in values if value is not None and value > 0)


def unique(ids: Iterable[int]) -> list[int]:
    """The ids without repeats, in the order first given."""
    return list(dict.fromkeys(ids))
