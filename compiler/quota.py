"""Rank and quota arithmetic: shared by the validation rules (K-codes) and the score stage.

Like :mod:`compiler.periods` for dates, this sits below both, so a rule can ask how many
places a 3:6:1 quota gives without importing the scoring back end. Exact: fractions, no floats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction


def rank(scores: Sequence[tuple[str, Decimal]], ties: str) -> dict[str, int]:
    """Ranks, best first. ``shared``: equal scores share a rank and the next rank is skipped (1, 1, 3);
    ``sequential``: equal scores take consecutive ranks in the order given (the group's member order)."""
    ordered = sorted(range(len(scores)), key=lambda i: (-scores[i][1], i))
    ranks: dict[str, int] = {}
    for position, index in enumerate(ordered, start=1):
        unit, score = scores[index]
        if ties == "shared":
            ranks[unit] = 1 + sum(1 for _u, other in scores if other > score)
        else:
            ranks[unit] = position
    return ranks


def round_count(value: Fraction, rule: str) -> int:
    """A head count from an exact fraction: floor, ceil, or half_up (四舍五入)."""
    if rule == "floor":
        return math.floor(value)
    if rule == "ceil":
        return math.ceil(value)
    return math.floor(value + Fraction(1, 2))


def quota_places(quotas: Sequence[tuple[str, int | None]], count: int, rounding: str, method: str) -> list[tuple[str, int]]:
    """How many places each quota grade has for ``count`` units: [(grade, places)], best grade first.

    ``quotas`` are the grades with their quota parts (None: the grade takes no quota). ``each``:
    every grade's places are ``count × quota / total`` rounded on their own, filled best first
    until the units run out; ``cumulative``: the running total is rounded, so the places of
    quotas covering the whole ratio always add up to ``count``.
    """
    total = sum(q for _name, q in quotas if q is not None)
    places: list[tuple[str, int]] = []
    filled = 0
    running = 0
    for name, quota in quotas:
        if quota is None:
            continue
        if method == "cumulative":
            running += quota
            boundary = min(count, round_count(Fraction(count * running, total), rounding))
            boundary = max(boundary, filled)
        else:
            boundary = min(count, filled + round_count(Fraction(count * quota, total), rounding))
        places.append((name, boundary - filled))
        filled = boundary
    return places


def grade_for_rank(places: Sequence[tuple[str, int]], position: int, beyond: str) -> str:
    """The grade of the unit ranked ``position`` (tied units share their rank's grade); ``beyond`` past the quotas."""
    boundary = 0
    for name, n in places:
        boundary += n
        if position <= boundary:
            return name
    return beyond
