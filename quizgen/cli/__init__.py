"""The command line. The only part of quizgen that imports click.

Every command turns a :class:`~quizgen.errors.QuizgenError` into one line per
problem on stderr and its exit code (1); usage errors exit 2, as click makes them.
Heavy modules (jsonschema, genanki, jinja2) are imported inside the commands so
that ``quizgen --help`` starts at once.
"""

from __future__ import annotations

import os
from typing import Any

import click

from .. import __version__
from ..errors import QuizgenError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizgenError as e:
            for line in e.lines():
                click.echo(line, err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (quizgen list | head): click stops quietly.
            raise
        except Exception as e:
            if os.environ.get("QUIZGEN_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(e).__name__}: {e} "
                "(a bug in quizgen; set QUIZGEN_DEBUG=1 for the traceback)",
                err=True,
            )
            ctx.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def cli() -> None:
    """Turn YAML question banks into Anki decks, worksheets and answer keys.

    \b
    Example:
        quizgen build                 # validate the banks, write build/
        quizgen validate questions/   # check banks while you write them

    Paths default to ./questions and ./seeds; where those are absent, the
    banks and essays bundled with quizgen are used.
    """


def main() -> None:
    cli(prog_name="quizgen")


# Commands register themselves on ``cli`` when imported.
from . import build, export, inspecting, linting  # noqa: E402,F401

__all__ = ["cli", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
