"""The cache folder: data that is slow to build and the same from run to run
(compiled rules, syllable tables, parsed word lists), kept between processes
so that linting one file stays fast.

Everything here is an optimisation only: an unreadable, stale or unwritable
cache costs time, never a different result.  Entries are named by a hash of
what they were built from, so a changed input is a new entry, never a wrong one.

Pickled entries are signed: each starts with an HMAC-SHA256 of its name and
content under a secret key, and one whose HMAC does not verify is never
unpickled (unpickling runs code, and a cache folder may be shared, as CI
caches are).  The key is the file `<cache folder>.key`, next to the folder
and not in it, so a cache restored from elsewhere does not bring its own key;
it is made with mode 0600 on first use, and a key file that is not a private
file of this user is not trusted (nothing pickled is then read or written).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import IO, Any, TypeVar

from artlint.atomic import write_atomic

T = TypeVar("T")


def cache_dir() -> Path:
    """$ARTLINT_CACHE_DIR, else $XDG_CACHE_HOME/artlint, else ~/.cache/artlint."""
    if os.environ.get("ARTLINT_CACHE_DIR"):
        return Path(os.environ["ARTLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "artlint"


def enabled() -> bool:
    return not os.environ.get("ARTLINT_NO_CACHE")


_warned: list[bool] = []  # the unusable-cache warning is printed once per process


def warn_unusable(reason: str) -> None:
    """One line on stderr, the first time the cache folder cannot be used: a run
    without it is right but slower, and the user should know why."""
    if _warned:
        return
    _warned.append(True)
    print(
        f"artlint: warning: cache folder {cache_dir()} not usable ({reason}); "
        "what it keeps is rebuilt on every run (set ARTLINT_CACHE_DIR to a writable folder)",
        file=sys.stderr,
    )


def check_usable() -> None:
    """Warn now (once) if the cache folder cannot be made or written: a command that
    may start worker processes calls this first, so that they do not each warn."""
    if not enabled():
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        warn_unusable(error.strerror or str(error))
        return
    if not os.access(folder, os.W_OK):
        warn_unusable("not writable")
        return
    _key_for(str(key_path()))  # warns if the key cannot be made or trusted


def write_atomically(path: Path, dump: Callable[[IO[bytes]], None]) -> None:
    """Write through a temporary file (artlint.atomic), so a reader never sees half an entry."""
    buffer = io.BytesIO()
    try:
        dump(buffer)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Not fsynced: a cache entry lost in a power cut is only rebuilt.
        write_atomic(path, buffer.getvalue(), durable=False, mode=0o600)
    except OSError as error:
        warn_unusable(error.strerror or str(error))  # the run goes on: it only costs rebuilding
    except pickle.PicklingError:
        pass


# -- signed pickles ----------------------------------------------------------------
_KEY_BYTES = 32
_MAC_BYTES = 32


def key_path() -> Path:
    folder = cache_dir()
    return folder.with_name(folder.name + ".key")


@cache
def _key_for(path: str) -> bytes | None:
    """The secret key in `path`, made if missing; None if it cannot be trusted or made."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return _new_key(path)
    except OSError as error:
        warn_unusable(f"its key {path}: {error.strerror or error}")
        return None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        private = stat.S_ISREG(status.st_mode) and not status.st_mode & 0o077
        if not private or (hasattr(os, "getuid") and status.st_uid != os.getuid()):
            # another user could know or have chosen it
            warn_unusable(f"its key {path} is not a private file of this user")
            return None
        key = handle.read(_KEY_BYTES + 1)
    return key if len(key) == _KEY_BYTES else None


def _new_key(path: str) -> bytes | None:
    key = secrets.token_bytes(_KEY_BYTES)
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(path, flags, 0o600)
    except FileExistsError:  # another process made it meanwhile: use theirs
        _key_for.cache_clear()
        return _key_for(path)
    except OSError as error:
        warn_unusable(error.strerror or str(error))
        return None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key


def _signature(key: bytes, path: Path, payload: bytes) -> bytes:
    # The entry's name is signed too: a valid entry cannot be renamed into another's place.
    return hmac.new(key, path.name.encode() + b"\0" + payload, hashlib.sha256).digest()


def store(path: Path, value: Any) -> None:
    """Pickle `value` into the cache entry `path`, signed; nothing if there is no usable key."""
    key = _key_for(str(key_path()))
    if key is None:
        return
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    signed = _signature(key, path, payload) + payload
    write_atomically(path, lambda handle: handle.write(signed))


def load(path: Path) -> Any:
    """The object stored at `path` by `store`, or None (missing, unsigned, tampered, stale)."""
    key = _key_for(str(key_path()))
    if key is None:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    signature, payload = data[:_MAC_BYTES], data[_MAC_BYTES:]
    if not hmac.compare_digest(signature, _signature(key, path, payload)):
        return None  # not written by this user's artlint: never unpickled
    try:
        return pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError):
        return None


def content_key(files: Iterable[Path], *extra: str) -> str:
    """A hash of the files' paths and contents, and of `extra` strings."""
    import hashlib

    digest = hashlib.sha256()
    for part in extra:
        digest.update(part.encode() + b"\0")
    for path in files:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cached(name: str, files: Iterable[Path], build: Callable[[], T], *extra: str) -> T:
    """`build()`, or the pickled result of an earlier `build()` from the same files.

    `files` must list everything the result depends on, the code that builds
    it included (pass its module's `Path(__file__)`)."""
    if not enabled():
        return build()
    path = cache_dir() / f"{name}-{content_key(files, *extra)}.pickle"
    value = load(path)
    if value is not None:
        return value  # type: ignore[no-any-return]
    value = build()
    store(path, value)
    return value


def load_pickle(path: Path) -> Any:
    """The object stored (signed) at `path`, or None."""
    return load(path)


def signed_name(digest: str) -> str | None:
    """A file name only this cache's key can produce from `digest` (None without a key)."""
    key = _key_for(str(key_path()))
    if key is None:
        return None
    return hmac.new(key, digest.encode(), hashlib.sha256).hexdigest()[:32]
