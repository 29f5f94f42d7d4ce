"""Batch export to hive-partitioned Parquet datasets: chunks, checkpoints, shards, manifest.

(Named `exporting`, not `export`, so that `osuframes.export` stays the function.)

`osuframes.export(dataset, out, **options)` in Python, `osuframes export DATASET --out DIR`
on the command line. See `osuframes.exporting.run` (the checks, then the runner: chunks of
ids, `walk` of pages, the score `feed`), `job` (a run's parts, progress, manifest), `store`
(the folder, and how a part is committed), `datasets` and `options` (what can be exported,
with which options), `ids` (where ids come from).
"""

from osuframes.exporting.datasets import DATASETS
from osuframes.exporting.ids import ExportInputError
from osuframes.exporting.run import ExportSummary, export
from osuframes.exporting.status import export_status

__all__ = ["DATASETS", "ExportInputError", "ExportSummary", "export", "export_status"]
