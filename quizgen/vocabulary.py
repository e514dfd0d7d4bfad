"""The names a user types on the command line, in one light module.

The CLI offers these as choices and defaults without importing the model or the
renderers, which keeps ``quizgen --help`` instant; the model and renderers take
them from here, and a test checks that the JSON Schema says the same.
"""

from __future__ import annotations

from typing import Literal, get_args

QuestionKind = Literal["mcq", "multi", "truefalse", "short", "cloze", "match", "order", "essay"]
QUESTION_TYPES: tuple[QuestionKind, ...] = get_args(QuestionKind)
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
# The cognitive level a question asks for: remembering a fact, understanding an
# argument, or taking it apart (comparing, judging).
Level = Literal["recall", "comprehension", "analysis"]
LEVELS: tuple[Level, ...] = ("recall", "comprehension", "analysis")
Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")
MAX_VERSIONS = 26  # one letter each, A to Z
DEFAULT_DECK = "Victor Serge"
