"""Vectorised stable hashing: uniform draws for whole arrays of (user, beatmap) pairs.

`_rng.rng` gives one entity its own `random.Random`; here thousands of pairs need
a few draws each, so the draws come from SplitMix64 over numpy uint64 arrays
(overflow wraps, as the mixer intends).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._rng import stable_int

U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = (np.uint64(s) for s in (30, 27, 31, 11))
#: Offsets of the k-th draw of a pair (precomputed: numpy scalars warn on overflow).
_OFFSETS = [np.uint64((k * _GOLDEN) & _MASK) for k in range(1, 17)]


def mix(x: U64) -> U64:
    """SplitMix64's finaliser, element-wise."""
    x = x ^ (x >> _S30)
    x = x * _M1
    x = x ^ (x >> _S27)
    x = x * _M2
    return x ^ (x >> _S31)


def salt(*key: object) -> np.uint64:
    """A 64-bit constant from a stable hash of the key."""
    return np.uint64(stable_int(*key))


def pair_hash(key: np.uint64, a: U64, b: U64) -> U64:
    """One hash per (a, b) pair under a key; arrays broadcast."""
    return mix(mix(a ^ key) + b * np.uint64(_GOLDEN))


def draws(h: U64, n: int) -> list[F64]:
    """n independent uniforms in [0, 1) per hash."""
    return [(mix(h + _OFFSETS[k]) >> _S11).astype(np.float64) * 2.0**-53 for k in range(n)]


def units(key: np.uint64, ids: U64) -> F64:
    """One uniform in [0, 1) per id under a key."""
    return (mix(ids ^ key) >> _S11).astype(np.float64) * 2.0**-53
