"""quizgen: curated YAML question banks to Anki decks, worksheets and answer keys."""

__version__ = "0.1.0"
