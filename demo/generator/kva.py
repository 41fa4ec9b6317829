"""Real KVÅ codes for the units' procedures, from Socialstyrelsen's 2021 files shipped in demo/data."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

KVA_DIR = Path(__file__).resolve().parent.parent / "data" / "kva"
# Laterality codes added to operations on limbs and eyes.
SIDE_CODES = ("ZXA00", "ZXA05")
POOL_SIZE = 40


@lru_cache(maxsize=4)
def codes(classification: str) -> tuple[str, ...]:
    """All level-4 codes of 'kka' (surgical) or 'kma' (medical), without supplementary Z codes."""
    (path,) = KVA_DIR.glob(f"{classification}-*-level4.txt")
    lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
    found = (line.split("\t", 1)[0].strip() for line in lines)
    return tuple(code for code in found if code and not code.startswith("Z"))


def unit_pool(
    rng: np.random.Generator, prefixes: tuple[str, ...], *, surgical: bool
) -> tuple[np.ndarray, np.ndarray]:
    """A unit's codes and how often each is used: named codes first, the rest of its chapters after.

    A prefix is looked up in the unit's own classification first (kka for
    operating units, kma for the rest) and in the other one if it names
    nothing there, so an endoscopy unit can use the surgical UJ codes.
    """
    first, second = ("kka", "kma") if surgical else ("kma", "kka")
    named: list[str] = []
    others: list[str] = []
    for prefix in prefixes:
        matches = [c for c in codes(first) if c.startswith(prefix)] or [
            c for c in codes(second) if c.startswith(prefix)
        ]
        (named if len(prefix) == 5 else others).extend(m for m in matches if m not in named)
    others = [c for c in dict.fromkeys(others) if c not in named]
    size = min(len(others), POOL_SIZE - len(named))
    picked = [str(c) for c in rng.choice(others, size=size, replace=False)] if others else []
    pool = np.array(named + picked, dtype=object)
    # A few codes carry most of a unit's work, as in real registration.
    weights = 1 / np.arange(1, len(pool) + 1) ** 1.1
    return pool, weights / weights.sum()


def uses_side_codes(prefixes: tuple[str, ...]) -> bool:
    return any(p[0] in "NC" for p in prefixes)
