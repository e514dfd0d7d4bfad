""" "Did you mean ...?": the closest of some known names to a name that is not one."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Names as close as each other are all offered, up to this many: \tto may be \to or \tt.
MOST_OFFERED = 2


def closest(name: str, known: Iterable[str], *, most: int | None = None) -> list[str]:
    """The known names a typing slip or two away from ``name`` (a
    letter added, left out, changed, or two swapped), the closest only, up to
    :data:`MOST_OFFERED` of them (none if there is none).
    ``most`` is the number of slips allowed; by default none for a name of up to 3
    characters (any is one slip from too many), one up to 5 and two for a longer one."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    allowed = most if most is not None else (0 if len(name) <= 3 else 1 if len(name) <= 5 else 2)
    if allowed == 0:
        return []
    found = process.extract(
        name, list(set(known) - {name}), scorer=OSA.distance, score_cutoff=allowed, limit=None
    )
    if not found:
        return []
    nearest = min(f[1] for f in found)
    # Of names equally close, those that start as ``name`` does for longest first (a
    # slip is more often late in a word), then the shorter, then in order.
    tied = sorted(
        (str(f[0]) for f in found if f[1] == nearest),
        key=lambda n: (-_common_start(name, n), len(n), n),
    )
    return tied[:MOST_OFFERED]


def did_you_mean(names: list[str], show: Callable[[str], str] = str) -> str:
    """ "did you mean a?" or "did you mean a or b?", or "" for no name."""
    return f"did you mean {' or '.join(show(n) for n in names)}?" if names else ""


def _common_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
