"""The one way artlint replaces a file: `fix`, the baseline and the cache all
write through `write_atomic`.

A temporary file is written in the target's folder, flushed to disk and
renamed over the target, so a reader (or a crash) never sees half a file and
no temporary file is left behind on any error.  For `fix`, a `Snapshot` taken
when the file was read is compared with the file just before the rename: a
file edited meanwhile (by the user, or by a second `fix`) is not overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile

from artlint.records import dataclass


class WriteRefused(OSError):
    """The file was not replaced, on purpose (changed, read-only); the message says why."""


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: compared again just before it is replaced."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, data: bytes, status: os.stat_result) -> Snapshot:
        return cls(status.st_size, status.st_mtime_ns, hashlib.sha256(data).hexdigest())


def snapshot(path: str) -> tuple[bytes, Snapshot]:
    """The file's bytes and its snapshot, from one open file (no race between the two)."""
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        data = handle.read()
    return data, Snapshot.of(data, status)


def unchanged(path: str, before: Snapshot) -> bool:
    """Whether the file still is what `before` saw: size and mtime first (cheap), then content."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    if status.st_size != before.size or status.st_mtime_ns != before.mtime_ns:
        return False
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest() == before.digest
    except OSError:
        return False


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    expect: Snapshot | None = None,
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Replace (or create) the file at `path` with `data`.

    With `expect`, the file must exist, be writable (its mode has a write
    bit, even for root, who could rename over anything) and still match the
    snapshot just before the rename, else `WriteRefused`.  An existing file
    keeps its permission bits and, where the process may set them, its owner
    and group; a new one gets `mode` (default 0o644 minus the umask).
    Through a symbolic link, the file it points to is replaced."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    if expect is not None:
        _check_writable(target, status)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".artlint-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if status is not None:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            _keep_owner(temporary, status)
        else:
            os.chmod(temporary, (0o644 if mode is None else mode) & ~_umask())
        if expect is not None and not unchanged(target, expect):
            raise WriteRefused(
                f"{path}: changed since artlint read it (size, modification time or content); "
                "left as it is now: run fix again"
            )
        os.replace(temporary, target)
        temporary = None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    if durable:
        _sync_folder(folder)


def _check_writable(target: str, status: os.stat_result | None) -> None:
    if status is None:
        raise WriteRefused(f"{target}: no longer exists; not written")
    if not stat.S_ISREG(status.st_mode):
        raise WriteRefused(f"{target}: not a regular file; not written")
    # The rename would replace a read-only file whatever its mode: honour the mode ourselves.
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteRefused(f"{target}: read-only file; not written (make it writable to fix it)")


def _keep_owner(temporary: str, status: os.stat_result) -> None:
    # Only root (or the owner, for a group it belongs to) may do this; elsewhere
    # the new file is the runner's, as with any editor that saves by renaming.
    if not hasattr(os, "chown"):
        return
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.chown(temporary, -1, status.st_gid)


def _umask() -> int:
    # Read, not set and reset: os.umask would race with other threads.
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _sync_folder(folder: str) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
