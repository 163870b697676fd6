"""Statistical secrecy: what callers who may not read the people counted see of figures that
count them (README, "Statistical secrecy").

As French public statistics do for people, no count from 1 to 10 is shown (primary
suppression), nor any cell that would give one back through the totals published with it
(secondary suppression), nor any share or rate computed from a hidden count. Counts of
committees, organisations and meetings are not people and are always shown.

A figure's cells are named by their dotted path in the answer (`members.by_category.student`).
"""

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from api.auth.permissions import Permission, Subject
from api.core.problems import Forbidden
from api.stats.scopes import Counted, readable

# The smallest count of people shown.
SMALLEST_SHOWN = 11


class NarrowedPeopleFigures(Forbidden):
    default_detail = (
        "Figures by committee or territory count the people of a few committees: only those "
        "who read their members get them. The network's figures need no filter."
    )


def public_view(subject: Subject | None, counted: Counted, *permissions: Permission) -> bool:
    """Whether `subject` reads the people counted under none of `permissions`, and so gets the
    network's figures under secrecy; they may not narrow them to a committee or territory."""
    public = all(readable(subject, permission) == frozenset() for permission in permissions)
    if public and counted.narrowed:
        raise NarrowedPeopleFigures
    return public


@dataclass(frozen=True)
class Sum:
    """Cells that add up: `total` is the sum of `parts`, plus, when `rest` names it, a count
    that is not published but follows from the others (`total - sum(parts)`): people in it
    must not be recoverable either."""

    total: str
    parts: tuple[str, ...]
    rest: str | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.total, *self.parts, *filter(None, [self.rest]))


@dataclass(frozen=True)
class Ratio:
    """A published share or rate: the cell at `path` is `numerator / sum(denominator)`."""

    path: str
    numerator: str
    denominator: tuple[str, ...]


@dataclass(frozen=True)
class Secrecy:
    """How one answer's people counts relate: which cells count people, which add up, which
    are ratios of others."""

    people: tuple[str, ...]
    sums: tuple[Sum, ...] = ()
    ratios: tuple[Ratio, ...] = ()

    def hidden(self, figures: Mapping[str, Any]) -> set[str]:
        """The cells of `figures` not to show, ratios included: no hidden count, and no small
        unpublished one, follows from what is shown through the sums."""
        values = {path: value_at(figures, path) for path in self.people}
        for total in self.sums:
            if total.rest is not None:
                values[total.rest] = values[total.total] - sum(values[p] for p in total.parts)
        rests = {s.rest for s in self.sums if s.rest is not None}
        small = {path for path, n in values.items() if 0 < n < SMALLEST_SHOWN}
        hidden = small - rests
        while exposed := next(
            (c for c in sorted(small | hidden) if _follows(c, self.sums, hidden | rests)), None
        ):
            cover = self._cover(exposed, values, hidden, rests)
            if cover is None:  # nothing shown is left in these sums: hide all they hold
                hidden |= {c for s in self.sums for c in s.cells} - rests
                break
            hidden.add(cover)
        ratios = {r.path for r in self.ratios if hidden & {r.numerator, *r.denominator}}
        return hidden | ratios

    def _cover(
        self, exposed: str, values: dict[str, int], hidden: set[str], rests: set[str]
    ) -> str | None:
        """The published count to hide so that `exposed` no longer follows: the first, in
        order of preference (a non-zero part before a zero or a total, then the smallest), of
        the sums it is in that does it; failing one, the first of them; None if none is left."""
        near = [s for s in self.sums if exposed in s.cells]
        if not any(c not in hidden | rests for s in near for c in s.cells):
            near = [s for s in self.sums if set(s.cells) & (hidden | rests)]
        candidates = sorted(
            {(values[c] == 0, c == s.total, values[c], c) for s in near for c in s.cells
             if c not in hidden | rests}
        )  # fmt: skip
        names = [c for *_, c in candidates]
        return next(
            (c for c in names if not _follows(exposed, self.sums, hidden | rests | {c})),
            names[0] if names else None,
        )

    def apply(self, figures: Mapping[str, Any]) -> dict[str, Any]:
        """`figures` with the hidden cells null, listed (sorted) under `suppressed`."""
        hidden = sorted(self.hidden(figures))
        return with_cells(figures, hidden, None) | {"suppressed": hidden}


def with_cells(figures: Mapping[str, Any], paths: Iterable[str], value: Any) -> dict[str, Any]:
    """A copy of `figures` with `value` at each of `paths`."""
    changed = copy.deepcopy(dict(figures))
    for path in paths:
        *parents, key = path.split(".")
        at = changed
        for name in parents:
            at = at[name]
        at[key] = value
    return changed


def _follows(cell: str, sums: Iterable[Sum], unknown: set[str]) -> bool:
    """Whether `cell` (one of `unknown`) is the only solution for it of the sums, everything
    but `unknown` being known: whether its unit row is a combination of the sums' rows over
    the unknown cells (Gaussian elimination, exact)."""
    rows = []
    for total in sums:
        row = {c: Fraction(-1) for c in (*total.parts, *filter(None, [total.rest]))}
        row[total.total] = Fraction(1)
        if unknown_row := {c: v for c, v in row.items() if c in unknown}:
            rows.append(unknown_row)
    return _rank([*rows, {cell: Fraction(1)}]) == _rank(rows)


def _rank(rows: list[dict[str, Fraction]]) -> int:
    rows = [dict(r) for r in rows]
    rank = 0
    while rows:
        pivot_row = rows.pop()
        if not pivot_row:
            continue
        pivot, value = next(iter(pivot_row.items()))
        rank += 1
        for row in rows:
            if pivot in row:
                factor = row[pivot] / value
                for c, v in pivot_row.items():
                    row[c] = row.get(c, Fraction(0)) - factor * v
                    if row[c] == 0:
                        del row[c]
    return rank


def value_at(figures: Mapping[str, Any], path: str) -> Any:
    at: Any = figures
    for name in path.split("."):
        at = at[name]
    return at


def cells(prefix: str, keys: Iterable[str]) -> tuple[str, ...]:
    """`prefix.key` for each key."""
    return tuple(f"{prefix}.{key}" for key in keys)
