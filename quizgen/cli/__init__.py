"""The command line. The only part of quizgen that imports click.

Every command turns a :class:`~quizgen.errors.QuizgenError` into one line per
problem on stderr and its exit code (1); usage errors exit 2, as click makes them.
Commands are imported when they run, not at start-up: ``quizgen --help`` lists them
from :data:`COMMANDS` and the exporters' summaries, ``quizgen --version`` needs none,
and heavy modules (jsonschema, genanki, jinja2) are imported inside the commands.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
from collections.abc import Mapping
from typing import Any

import click

from .. import __version__
from ..errors import QuizgenError, printable

# Each built-in command: its module in quizgen/cli/ and the first paragraph of its
# help, which ``quizgen --help`` shows without importing the module (a test keeps
# them the same). Exporters' commands come from the registry (see export.py).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("project", "Start a project in FOLDER (default: here) that builds at once."),
    "build": (
        "build",
        "Validate the banks and write every output the project lists into one folder.",
    ),
    "validate": (
        "inspecting",
        "Check banks and report every problem, each as path:line:column.",
    ),
    "list": ("inspecting", "List questions, one a line: id, type, difficulty, bank, prompt."),
    "stats": ("inspecting", "Count questions by bank, type, difficulty, level, essay and tag."),
    "coverage": (
        "inspecting",
        "Show the substantive paragraphs of each essay that no question cites.",
    ),
    "lint": ("linting", "Check question quality: repeats, give-aways, choices, essays, levels."),
    "mark": (
        "mark",
        "Mark scanned answer sheets: PDFs from a scanner, or phone photos (JPEG, PNG).",
    ),
}


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


def _registry() -> Mapping[str, str]:
    from ..export import REGISTRY

    return REGISTRY


def _first_paragraph(name: str) -> str:
    if name in COMMANDS:
        return COMMANDS[name][1]
    from ..export import exporter

    return exporter(name).summary.partition("\n\n")[0]


class _Commands(_Group):
    """quizgen's own group: a command's module is imported when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS, *_registry()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported (and an exporter's command built) now."""
        if cmd_name not in self.commands:
            if cmd_name in COMMANDS:
                importlib.import_module(f"{__name__}.{COMMANDS[cmd_name][0]}")
            elif cmd_name in _registry():
                from ..export import exporter
                from .export import command_for

                self.add_command(command_for(exporter(cmd_name)))
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, as click writes it, from each one's first paragraph."""
        listing = click.Group(
            commands=[click.Command(name, help=_first_paragraph(name)) for name in COMMANDS]
        )
        for name in _registry():
            listing.add_command(click.Command(name, help=_first_paragraph(name)))
        for command in self.commands.values():
            listing.add_command(command)
        click.Group.format_commands(listing, ctx, formatter)


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


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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


__all__ = ["cli", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
