"""Progress bars: ids done for a fan-out, pages and records for a single walk.

A fan-out counts ids, also when the endpoint takes them in batches (`users()` sends 50
ids a request: 100 ids are `0/100 id`, not `0/2`). A single paginated query (rankings,
a search) has no known end, so it counts pages and shows the records fetched.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

__all__ = ["Progress", "interactive", "tqdm_class"]


class Progress:
    """A tqdm bar (a widget in Jupyter) counting ids, or pages when `ids` is None.

    Args:
        desc: what is fetched (the notebook function's name).
        ids: the number of ids of a fan-out; None for a single walk.
    """

    def __init__(self, desc: str, ids: int | None) -> None:
        self.ids = ids
        self.records = 0
        self.pages = 0
        unit = "page" if ids is None else "id"
        self._bar = tqdm_class()(total=ids, desc=desc, unit=unit, leave=False)

    @classmethod
    def wanted(cls, progress: bool | None, desc: str, ids: int | None) -> Progress | None:
        """A bar, or None when progress is off (`None`: on when interactive, for more
        than one id or for a walk)."""
        if progress is None:
            progress = (ids is None or ids > 1) and interactive()
        return cls(desc, ids) if progress else None

    def page(self, records: int) -> None:
        """One page arrived holding `records` records."""
        self.pages += 1
        self.records += records
        if self.ids is None:
            self._bar.update(1)
        self._bar.set_postfix_str(f"{self.records:,} records", refresh=False)

    def done_ids(self, count: int) -> None:
        """`count` ids are done (fetched or failed)."""
        if self.ids is not None:
            self._bar.update(count)

    def close(self) -> None:
        self._bar.close()


def tqdm_class() -> Any:
    # tqdm.auto makes a Jupyter widget, which needs ipywidgets; without it, it would warn
    # and fall back to the text bar, so go straight to that.
    if importlib.util.find_spec("ipywidgets") is None:
        from tqdm import tqdm
    else:
        from tqdm.auto import tqdm
    return tqdm


def interactive() -> bool:
    """Whether a person is likely watching: a Jupyter kernel or a terminal."""
    if "ipykernel" in sys.modules:
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())
