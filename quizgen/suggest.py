""" "Did you mean ...?": the closest of some known names to a name that is not one."""

from __future__ import annotations

from collections.abc import Iterable


def closest(name: str, known: Iterable[str], *, most: int | None = None) -> str | None:
    """The known name a typing slip or two away from ``name`` (a letter added, left
    out, changed, or two swapped), or None. ``most`` is the number of slips allowed;
    by default none for a name of up to 3 characters (any is one slip from too many),
    one up to 5 and two for a longer one."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    allowed = most if most is not None else (0 if len(name) <= 3 else 1 if len(name) <= 5 else 2)
    if allowed == 0:
        return None
    # Sorted, so that of two names equally close the same one is always named.
    found = process.extractOne(
        name, sorted(set(known) - {name}), scorer=OSA.distance, score_cutoff=allowed
    )
    return None if found is None else str(found[0])
