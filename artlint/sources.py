"""Find the articles to lint: files, folders, stdin and JSONL records.

`iter_articles` is a generator, so a JSONL corpus of any size streams through
in constant memory.  Problems with one input (missing, binary, undecodable,
a malformed record) come out as `InputProblem`s and the run goes on.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import field
from pathlib import Path
from typing import IO, Any

from artlint.errors import InputProblem, internal_error
from artlint.limits import Limits, too_large
from artlint.records import dataclass

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
}


@dataclass(frozen=True)
class Article:
    path: str  # as given on the command line (or found below a folder given there)
    format: str  # txt | md | html | jsonl
    text: str  # decoded source text (for JSONL, the text field of the record)
    record: str | None = None  # JSONL record id
    record_line: int | None = None  # line of the record in the JSONL file
    encoding: str = "utf-8"
    newline: str = "\n"


@dataclass(frozen=True)
class SourceOptions:
    text_field: str = "text"
    id_field: str = "id"
    encoding: str | None = None  # fallback when a file is not valid UTF-8
    stdin_format: str = "txt"
    exclude: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)


def format_of(path: str) -> str | None:
    name = path.lower()
    for suffix in sorted(EXTENSIONS, key=len, reverse=True):
        if name.endswith(suffix):
            return EXTENSIONS[suffix]
    return None


def expand_paths(paths: Iterable[str], options: SourceOptions) -> Iterator[str | InputProblem]:
    """Files to read, in a stable order: given files as given, folders walked sorted."""
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            from artlint.ignore import Ignorer

            # .gitignore, `exclude` and tool folders (.git, venvs, *.egg-info) are skipped
            ignorer = Ignorer.for_walk(path, options.exclude)
            found = False
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                # A folder os.walk could not list is named, not taken for an empty one.
                while unreadable:
                    yield _unreadable_folder(unreadable.pop(0), given)
                    found = True
                ignorer.enter(Path(root))
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not ignorer.skips(Path(root, d), True)
                )
                for name in sorted(files):
                    candidate = os.path.join(root, name)
                    if format_of(name) and not ignorer.skips(Path(candidate), False):
                        found = True
                        yield candidate
            while unreadable:
                yield _unreadable_folder(unreadable.pop(0), given)
                found = True
            if not found:
                yield InputProblem(
                    given,
                    "no articles found in this folder (looked for " + ", ".join(sorted(EXTENSIONS)) + ")",
                )
        elif path.exists():
            yield given
        else:
            yield InputProblem(given, "no such file or folder")


def _unreadable_folder(error: OSError, given: str) -> InputProblem:
    return InputProblem(
        str(error.filename) if error.filename is not None else given,
        f"cannot read this folder: {error.strerror or error}",
    )


def iter_articles(paths: Iterable[str], options: SourceOptions) -> Iterator[Article | InputProblem]:
    for item in expand_paths(paths, options):
        if isinstance(item, InputProblem):
            yield item
        elif item == "-":
            yield from _read_stdin(options)
        else:
            yield from read_path(item, options)


def read_path(path: str, options: SourceOptions) -> Iterator[Article | InputProblem]:
    fmt = format_of(path) or "txt"
    if fmt == "jsonl":
        yield from _read_jsonl(path, options)
        return
    read = read_file(path, options.limits)
    if isinstance(read, InputProblem):
        yield read
        return
    data = read[0]
    decoded = decode(path, data, options, fmt)
    if isinstance(decoded, InputProblem):
        yield decoded
        return
    text, encoding = decoded
    if not text.strip():
        yield InputProblem(path, "empty file: nothing to lint", level="warning")
        return
    yield Article(
        path, fmt, text.replace("\r\n", "\n").replace("\r", "\n"), encoding=encoding, newline=newline_of(text)
    )


class NotRegularFile(OSError):
    """A FIFO, device, socket or folder where an article file was expected."""


def open_regular(path: str) -> tuple[IO[bytes], os.stat_result]:
    """`path` opened for reading, if it is a regular file.  Opened without
    blocking, so a FIFO (which would wait for a writer forever) or a device is
    refused, not read; raises NotRegularFile or OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(f"not a regular file ({_file_kind(status.st_mode)}); skipped")
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb"), status
    except BaseException:
        os.close(descriptor)
        raise


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "a special file"


def read_file(path: str, limits: Limits) -> tuple[bytes, os.stat_result] | InputProblem:
    """A whole article file (at most `limits.max_input_bytes`), or what went wrong."""
    try:
        handle, status = open_regular(path)
        with handle:
            cap = limits.cap("max_input_bytes")
            data = handle.read() if cap is None else handle.read(int(cap) + 1)
    except NotRegularFile as error:
        return InputProblem(path, str(error))
    except OSError as error:
        return InputProblem(path, f"cannot read: {error.strerror or error}")
    if cap is not None and len(data) > cap:
        return InputProblem(path, too_large("the file", "max_input_bytes", cap, "skipped"))
    return data, status


def newline_of(text: str) -> str:
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    if index == -1 and "\r" in text:
        return "\r"
    return "\n"


def decode(path: str, data: bytes, options: SourceOptions, fmt: str) -> tuple[str, str] | InputProblem:
    """Decode bytes as UTF-8 (a BOM is kept track of), else the configured fallback."""
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return InputProblem(path, "binary file (NUL bytes), not an article")
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        fallback = options.encoding or (_declared_charset(data) if fmt == "html" else None)
        if fallback:
            try:
                return data.decode(fallback), fallback
            except (UnicodeDecodeError, LookupError):
                pass
        line = data.count(b"\n", 0, error.start) + 1
        return InputProblem(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "give the right one with --encoding",
            line=line,
        )


def _declared_charset(data: bytes) -> str | None:
    import re

    match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    return match.group(1).decode("ascii") if match else None


class StreamTooLarge(Exception):
    """A JSONL stream went past max_stream_bytes."""


def jsonl_lines(handle: IO[bytes], limits: Limits) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line of a JSONL stream, None for a line
    longer than max_record_bytes (read past, never held).  Lines end at LF,
    CRLF or a lone CR, as bytes.splitlines (and so `fix`) splits them; a UTF-8
    byte-order mark before the first record is dropped."""
    record_cap = limits.cap("max_record_bytes")
    stream_cap = limits.cap("max_stream_bytes")
    chunk = int(record_cap) + 1 if record_cap is not None else -1
    total = 0
    number = 0
    first = True
    while True:
        raw = handle.readline(chunk)
        if not raw:
            return
        total += len(raw)
        if first:
            first = False
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
        if record_cap is not None and len(raw) > record_cap and not raw.endswith(b"\n"):
            # Too long: skip to the end of this line without holding it.
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(chunk)
                total += len(raw)
                if stream_cap is not None and total > stream_cap:
                    raise StreamTooLarge
            number += 1
            yield number, None
            continue
        if stream_cap is not None and total > stream_cap:
            raise StreamTooLarge
        pieces = raw.splitlines(keepends=True) if b"\r" in raw else [raw]
        for piece in pieces:
            number += 1
            if record_cap is not None and len(piece) > record_cap:
                yield number, None
            else:
                yield number, piece


def _open_stream(path: str) -> IO[bytes]:
    handle, _ = open_regular(path)
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    return handle


def _read_jsonl(
    path: str, options: SourceOptions, stream: IO[bytes] | None = None
) -> Iterator[Article | InputProblem]:
    records = 0
    limits = options.limits
    # Records without the text field, held back until one record has it: a file
    # where none has it (labels, metadata) is one error, not one per record.
    unread = _Unread()
    try:
        handle = stream if stream is not None else _open_stream(path)
    except NotRegularFile as error:
        yield InputProblem(path, str(error))
        return
    except OSError as error:
        yield InputProblem(path, f"cannot read: {error.strerror or error}")
        return
    try:
        for number, raw in jsonl_lines(handle, limits):
            if raw is None:
                records += 1
                yield InputProblem(
                    path,
                    too_large("the record", "max_record_bytes", limits.max_record_bytes, "skipped"),
                    line=number,
                )
                continue
            if not raw.strip():
                continue
            records += 1
            try:
                item = parse_record(raw, path, number, options)
            except Exception as error:  # a bug on one record: the next records are still read
                item = internal_error(path, error, line=number)
            if unread.holding:
                if _lacks_field(item, options):
                    unread.hold(item, _keys_of(raw))
                    continue
                yield from unread.release()
            yield item
    except StreamTooLarge:
        yield from unread.release()
        yield InputProblem(
            path,
            too_large("the stream", "max_stream_bytes", limits.max_stream_bytes, "the rest was not read"),
        )
        return
    except OSError as error:  # includes gzip.BadGzipFile
        yield from unread.release()
        yield InputProblem(path, f"cannot read: {getattr(error, 'strerror', None) or error}")
        return
    except EOFError:
        yield from unread.release()
        yield InputProblem(path, "truncated gzip stream")
        return
    finally:
        if stream is None:
            handle.close()
    if unread.count:
        yield unread.as_one(path, options.text_field)
    if records == 0:
        yield InputProblem(path, "empty file: no records", level="warning")


def parse_record(raw: bytes, path: str, number: int, options: SourceOptions) -> Article | InputProblem:
    """One line of a JSONL file as an article (or what is wrong with it)."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return InputProblem(path, f"not valid UTF-8 at column {error.start + 1}", line=number)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        # Some messages end in "at" ("Invalid control character at"): say it once.
        message = error.msg.removesuffix(" at")
        return InputProblem(path, f"malformed JSON: {message} at column {error.colno}", line=number)
    except RecursionError:
        return InputProblem(path, "malformed JSON: nested too deeply", line=number)
    return article_from_record(record, path, number, options)


def record_name(value: Any) -> str | None:
    """How a record's id is shown: a string as it is, anything else as JSON (not a Python repr)."""
    if value is None or isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return str(value)


def _keys_of(raw: bytes) -> list[str]:
    """The field names of a record (for the message when no record has the text field)."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return []
    return [str(key) for key in record] if isinstance(record, dict) else []


def _lacks_field(item: Article | InputProblem, options: SourceOptions) -> bool:
    return isinstance(item, InputProblem) and item.field == options.text_field and "missing" in item.message


class _Unread:
    """The leading records of a JSONL file that lack the text field."""

    KEEP = 1000  # problems kept to report one by one if a later record turns out to be an article

    def __init__(self) -> None:
        self.holding = True
        self.count = 0
        self.problems: list[InputProblem] = []
        self.fields: dict[str, None] = {}

    def hold(self, problem: InputProblem, keys: list[str]) -> None:
        self.count += 1
        if len(self.problems) < self.KEEP:
            self.problems.append(problem)
        for key in keys:
            if len(self.fields) < 8:
                self.fields.setdefault(str(key))

    def release(self) -> list[InputProblem]:
        """A record has the field after all: the held ones are errors of their own."""
        held, self.problems, self.holding, self.count = self.problems, [], False, 0
        return held

    def as_one(self, path: str, field: str) -> InputProblem:
        seen = ", ".join(self.fields) or "none"
        return InputProblem(
            path,
            f"no record has the text field ({self.count} record{'s' * (self.count != 1)}; their fields: "
            f"{seen}): not a file of articles? name the field with --text-field",
            field=field,
        )


def article_from_record(
    record: Any, path: str, line: int | None, options: SourceOptions
) -> Article | InputProblem:
    """One decoded JSONL record as an article (or what is wrong with it)."""
    if not isinstance(record, dict):
        return InputProblem(path, "a record must be a JSON object", line=line)
    field, id_field = options.text_field, options.id_field
    name = record_name(record.get(id_field))
    if field not in record:
        return InputProblem(
            path, "missing text field (set it with --text-field)", line=line, record=name, field=field
        )
    text = record[field]
    if not isinstance(text, str):
        return InputProblem(
            path,
            f"text field must be a string, not {type(text).__name__}",
            line=line,
            record=name,
            field=field,
        )
    if not text.strip():
        return InputProblem(
            path, "empty text: nothing to lint", line=line, record=name, field=field, level="warning"
        )
    return Article(
        path,
        "jsonl",
        text.replace("\r\n", "\n").replace("\r", "\n"),
        record=name,
        record_line=line,
        newline=newline_of(text),
    )


def _read_stdin(options: SourceOptions) -> Iterator[Article | InputProblem]:
    if options.stdin_format == "jsonl":
        yield from _read_jsonl("-", options, sys.stdin.buffer)
        return
    cap = options.limits.cap("max_input_bytes")
    data = sys.stdin.buffer.read() if cap is None else sys.stdin.buffer.read(int(cap) + 1)
    if cap is not None and len(data) > cap:
        yield InputProblem("-", too_large("the input", "max_input_bytes", cap, "skipped"))
        return
    decoded = decode("-", data, options, options.stdin_format)
    if isinstance(decoded, InputProblem):
        yield decoded
        return
    text, encoding = decoded
    if not text.strip():
        yield InputProblem("-", "empty input: nothing to lint", level="warning")
        return
    yield Article(
        "-",
        options.stdin_format,
        text.replace("\r\n", "\n").replace("\r", "\n"),
        encoding=encoding,
        newline=newline_of(text),
    )


class _GzipReport(gzip.GzipFile):
    """A report compressed as one stream: a reporter's flush after each result
    would otherwise end a deflate block per line and spoil the compression."""

    def flush(self, zlib_mode: int = 0) -> None:
        pass  # close() writes everything


def open_report(path: str) -> IO[str]:
    """A report file to write as a stream; gzip-compressed when the name ends in .gz."""
    if path.lower().endswith(".gz"):
        return io.TextIOWrapper(_GzipReport(path, "wb"), encoding="utf-8", newline="\n")
    return open(path, "w", encoding="utf-8", newline="\n")
