"""The command line. The only part of quizgen that imports click.

Every command turns a :class:`~quizgen.errors.QuizgenError` into one line per
problem on stderr and its exit code (1); usage errors exit 2, as click makes them.
Heavy modules (jsonschema, genanki, jinja2) are imported inside the commands so
that ``quizgen --help`` starts at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any

import click

from .. import __version__
from ..errors import QuizgenError, printable


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizgenError as e:
            for line in e.lines():
                say(line, err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (quizgen list | head): click stops quietly.
            raise
        except OSError as e:
            if not _is_output_error(e):
                raise _internal(ctx, e) from None
            # stdout on a full disk (validate > /dev/full): say so, exit 1.
            _silence_stdout()
            say(f"cannot write the output: {e.strerror or e}", err=True)
            ctx.exit(1)
        except Exception as e:
            raise _internal(ctx, e) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        finally:
            # Output still buffered is written now, while a failure can be reported.
            try:
                sys.stdout.flush()
            except OSError as e:
                if isinstance(e, BrokenPipeError) or not _is_output_error(e):
                    raise
                _silence_stdout()
                say(f"cannot write the output: {e.strerror or e}", err=True)
                sys.exit(1)


def say(line: str, *, err: bool = False) -> None:
    """Print one line, with anything a terminal would act on escaped."""
    click.echo(printable(line), err=err)


def _is_output_error(e: OSError) -> bool:
    return e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EBADF)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _internal(ctx: click.Context, e: Exception) -> click.exceptions.Exit:
    if os.environ.get("QUIZGEN_DEBUG"):
        raise e
    say(
        f"internal error: {type(e).__name__}: {e} "
        "(a bug in quizgen; set QUIZGEN_DEBUG=1 for the traceback)",
        err=True,
    )
    return click.exceptions.Exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def cli() -> None:
    """Turn YAML question banks into Anki decks, worksheets and answer keys.

    \b
    Example:
        quizgen init my-course        # start a project of your own
        quizgen build                 # validate the banks, write build/
        quizgen validate questions/   # check banks while you write them

    Paths come from the project file (quizgen.yaml, here or in a parent
    folder; quizgen init makes one); without one, the Victor Serge banks
    bundled with quizgen are used, and every command says so.
    """


def main() -> None:
    cli(prog_name="quizgen")


# Commands register themselves on ``cli`` when imported.
from . import build, export, inspecting, linting, mark, project  # noqa: E402,F401

__all__ = ["cli", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
