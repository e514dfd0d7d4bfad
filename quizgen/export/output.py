"""Writing output files whole or not at all, and several files as one step.

Every file is first written completely to a temporary file beside its target
(``.tmp-PID-RANDOM-NAME``: the name's suffix is kept, so that a browser opening
a waiting page still sees HTML), then renamed over it: a reader sees the old file or the
new one, never half of one. Inside :func:`transaction`, the renames wait until the
whole step succeeded: a failure, or an exception anywhere before the commit,
deletes the temporary files and leaves every output as it was.

A symbolic link is written through (its target is replaced, the link stays); a
device, pipe or folder in the way is refused; an existing file keeps its mode. A
temporary file left by a run that was killed is deleted by the next write beside it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError


@dataclass
class Transaction:
    """Files written but not yet in place, and files to delete, until :meth:`commit`."""

    # target -> its complete temporary file, in the order written
    staged: dict[Path, Path] = field(default_factory=dict)
    # targets of one set (a worksheet version): their old files go before any new one
    # arrives, so that no old file is ever seen beside a new one of the same set
    together: set[Path] = field(default_factory=set)
    removals: list[Path] = field(default_factory=list)

    def temporary(self, target: Path) -> Path | None:
        """Where ``target``'s new content waits, if it was written in this transaction."""
        return self.staged.get(_target(target))

    def remove(self, path: Path) -> None:
        self.removals.append(path)

    def commit(self) -> None:
        try:
            for path in [*self.removals, *(t for t in self.staged if t in self.together)]:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            while self.staged:
                target, tmp = next(iter(self.staged.items()))
                os.replace(tmp, target)
                del self.staged[target]
        except OSError as e:
            raise OutputError(f"cannot put the new files in place: {e.strerror or e}") from e
        finally:
            self.abort()

    def abort(self) -> None:
        for tmp in self.staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        self.staged.clear()


_PREFIX = ".tmp-"
_ACTIVE: ContextVar[Transaction | None] = ContextVar("quizgen_output_transaction", default=None)


@contextlib.contextmanager
def transaction() -> Iterator[Transaction]:
    """Write everything inside the block, then put it in place; on failure, nothing.

    A transaction inside another joins it: the outer one commits.
    """
    outer = _ACTIVE.get()
    if outer is not None:
        yield outer
        return
    tx = Transaction()
    token = _ACTIVE.set(tx)
    try:
        yield tx
    except BaseException:
        tx.abort()
        raise
    else:
        tx.commit()
    finally:
        _ACTIVE.reset(token)


def remove_output(path: Path) -> None:
    """Delete ``path`` now, or when the current transaction commits."""
    tx = _ACTIVE.get()
    if tx is not None:
        tx.remove(path)
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as e:
        raise OutputError(f"cannot remove {path}: {e.strerror or e}") from e


def write_atomic(path: Path, data: bytes | str, *, together: bool = False) -> Path:
    """Write ``data`` to ``path`` (through a temporary file in the same folder).

    Outside a transaction the file is in place when this returns; inside one, the
    returned temporary file holds the content until the commit. ``together`` marks
    a file of a set whose old members are removed before any new one arrives.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(target)
        mode = _mode_for(target)
        tmp = target.parent / f"{_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{target.name}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as e:
        raise OutputError(f"cannot write {_shown(path)}: {e.strerror or e}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        tx = _ACTIVE.get()
        if tx is None:
            os.replace(tmp, target)
            return target
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {_shown(path)}: {e.strerror or e}") from e
    old = tx.staged.pop(target, None)
    if old is not None:
        old.unlink(missing_ok=True)
    tx.staged[target] = tmp
    if together:
        tx.together.add(target)
    return tmp


def _target(path: Path) -> Path:
    """The file really written for ``path``: a link's target; refuse anything but a file."""
    target = path
    if path.is_symlink():
        try:
            target = Path(os.path.realpath(path, strict=True))
        except FileNotFoundError:
            target = Path(os.path.realpath(path))  # a dangling link: create its target
        except OSError as e:
            raise OutputError(
                f"cannot write {_shown(path)}: a symbolic link that cannot be followed "
                f"({e.strerror or e})"
            ) from e
    try:
        info = target.stat()
    except FileNotFoundError:
        return target
    except OSError as e:
        raise OutputError(f"cannot write {_shown(path)}: {e.strerror or e}") from e
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"cannot write {_shown(path)}: it is not a regular file (a folder, device or pipe); "
            "quizgen replaces only files: choose another path"
        )
    return target


def _mode_for(target: Path) -> int:
    """An existing file's permissions; a new file gets what the umask allows."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _clean_stale(target: Path) -> None:
    """Delete temporary files of ``target`` left by runs that were killed."""
    for leftover in target.parent.glob(f"{_PREFIX}*-*-{_glob_escape(target.name)}"):
        pid, _, rest = leftover.name[len(_PREFIX) :].partition("-")
        if rest[9:] != target.name or not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def _shown(path: Path) -> str:
    from ..errors import printable

    return printable(str(path))
