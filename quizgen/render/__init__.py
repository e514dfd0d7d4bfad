"""Renderers: turn selected questions into files (worksheets, answer keys, decks).

Each renderer reads the model and writes through :func:`quizgen.render.output.write_atomic`,
so a reader never sees a half-written file.
"""
