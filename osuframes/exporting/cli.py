"""`osuframes export`: the command line of `osuframes.export`.

Bad input is one line on stderr and exit code 2, before any request; a failure of the
API on the way is one line and exit code 1 (run the same command to resume); Ctrl-C
stops cleanly with exit code 130.
"""

from __future__ import annotations

import argparse
import sys

from osuframes._argtypes import count, fail
from osuframes.errors import ConfigError, OsuframesError
from osuframes.exporting.datasets import DATASETS
from osuframes.exporting.ids import (
    ExportInputError,
    ids_from_dataset,
    ids_from_file,
    ids_from_text,
)

__all__ = ["DESCRIPTION", "HELP", "add_arguments", "run"]

HELP = "export a dataset to a resumable, hive-partitioned Parquet folder"
DESCRIPTION = (
    "Fetch a dataset into a hive-partitioned Parquet folder (mode=osu/part-00000.parquet, "
    "with _manifest.json). Run the same command again to resume; --shard i/n splits it "
    "across processes or machines. Datasets: "
    + "; ".join(f"{name}: {spec.description}" for name, spec in DATASETS.items())
    + "."
)
_NAME = "osuframes export"


def _dataset_options() -> dict[str, tuple[bool, list[str]]]:
    """Every dataset option by name: whether it is a flag, and the datasets taking it."""
    found: dict[str, tuple[bool, list[str]]] = {}
    for spec in DATASETS.values():
        for option in spec.options:
            flag, names = found.setdefault(option.name, (option.kind == "flag", []))
            if flag != (option.kind == "flag"):
                raise TypeError(f"option {option.name} is a flag in some datasets only")
            names.append(spec.name)
    return found


_DATASET_OPTIONS = _dataset_options()


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of `osuframes export`; returns `parser`."""
    parser.add_argument("dataset", nargs="?", metavar="DATASET", help=", ".join(DATASETS))
    parser.add_argument("--out", metavar="DIR", help="the dataset folder")
    ids = parser.add_mutually_exclusive_group()
    ids.add_argument("--ids", metavar="2,3,4", help="ids separated by commas")
    ids.add_argument("--ids-file", metavar="FILE", help="one id a line, # comments; - for stdin")
    ids.add_argument("--from-rankings", metavar="DIR", help="the user ids of a rankings export")
    ids.add_argument("--from", dest="from_dataset", metavar="DIR", help="ids from a dataset")
    parser.add_argument("--column", metavar="C", help="the integer column of ids for --from")
    for name, (flag, datasets) in _DATASET_OPTIONS.items():
        parser.add_argument(
            f"--{name.replace('_', '-')}",
            dest=name,
            nargs="?" if flag else None,
            const="true" if flag else None,
            metavar="true|false" if flag else None,
            help=f"an option of {', '.join(datasets)}",
        )
    parser.add_argument("--chunk-size", type=count, metavar="N", help="ids per part")
    parser.add_argument(
        "--shard",
        default="0/1",
        metavar="i/n",
        help="write every n-th chunk from the i-th: of the ids, or of the page ranges of "
        "rankings and discussions (beatmapsets and score-feed are one process)",
    )
    parser.add_argument(
        "--rate-share",
        metavar="1/n",
        help="use 1/n of the rate limit (for shards on machines that share no limiter)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace another export in --out")
    parser.add_argument("--status", metavar="DIR", help="show where the export in DIR stands")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def run(args: argparse.Namespace) -> int:
    """Run `osuframes export` from parsed arguments; returns the exit status."""
    try:
        if args.status is not None:
            from osuframes.exporting.status import export_status

            for line in export_status(args.status):
                print(line)
            return 0
        return _export(args)
    except (ExportInputError, ConfigError) as bad_input:
        fail(_NAME, str(bad_input))
    except KeyboardInterrupt:
        return 130
    except OsuframesError as failure:
        print(f"{_NAME}: {failure}; run the same command again to resume", file=sys.stderr)
        return 1


def _export(args: argparse.Namespace) -> int:
    from osuframes.exporting.run import export

    if args.dataset is None:
        raise ExportInputError("give a DATASET (" + ", ".join(DATASETS) + ") or --status DIR")
    if args.out is None:
        raise ExportInputError(f"{args.dataset}: give the dataset folder with --out DIR")
    options = {name: getattr(args, name) for name in _DATASET_OPTIONS}
    export(
        args.dataset,
        args.out,
        ids=_ids(args),
        shard=args.shard,
        chunk_size=args.chunk_size,
        rate_share=args.rate_share,
        overwrite=args.overwrite,
        progress=False if args.no_progress else None,
        say=print,
        **{name: value for name, value in options.items() if value is not None},
    )
    return 0


def _ids(args: argparse.Namespace) -> list[int] | None:
    if args.column is not None and args.from_dataset is None:
        raise ExportInputError("--column goes with --from DIR")
    if args.ids is not None:
        return ids_from_text(args.ids)
    if args.ids_file is not None:
        return ids_from_file(args.ids_file)
    if args.from_rankings is not None:
        return ids_from_dataset(args.from_rankings, "user.id")
    if args.from_dataset is not None:
        if args.column is None:
            raise ExportInputError(f"--from {args.from_dataset!r}: give the --column of ids")
        return ids_from_dataset(args.from_dataset, args.column)
    return None
