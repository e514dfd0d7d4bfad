"""The order in which every output shows a question's lettered choices.

Authors tend to write the right answer first; shown as written, the answer would
nearly always be A. Each question's choices are shuffled once, by a generator
seeded from the question's identity alone, so the order is the same in every build
(a student's review history stays meaningful) and in every output (the deck, the
LMS exports), and adding or editing another question never moves it.
"""

from __future__ import annotations

import random


def stable_order(identity: str, count: int) -> tuple[int, ...]:
    """A permutation of ``range(count)`` that depends only on ``identity``.

    ``identity`` is ``project.identity(q.id)``: the question's id, after its project's
    namespace (the bundled project's identity is the bare id, so its order never moves).
    String seeds are hashed with SHA-512: the same on every run and platform.
    """
    order = list(range(count))
    random.Random(f"choices/{identity}").shuffle(order)
    return tuple(order)
