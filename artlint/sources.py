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
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from artlint.errors import InputProblem

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
            for root, dirs, files in os.walk(path):
                ignorer.enter(Path(root))
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not ignorer.skips(Path(root, d), True)
                )
                for name in sorted(files):
                    candidate = os.path.join(root, name)
                    if format_of(name) and not ignorer.skips(Path(candidate), False):
                        found = True
                        yield candidate
            if not found:
                yield InputProblem(
                    given,
                    "no articles found in this folder (looked for " + ", ".join(sorted(EXTENSIONS)) + ")",
                )
        elif path.exists():
            yield given
        else:
            yield InputProblem(given, "no such file or folder")


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
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        yield InputProblem(path, f"cannot read: {error.strerror or error}")
        return
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


def _open_text_lines(path: str) -> Iterator[tuple[int, bytes]]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        yield from enumerate(handle, start=1)


def _read_jsonl(
    path: str, options: SourceOptions, lines: Iterator[tuple[int, bytes]] | None = None
) -> Iterator[Article | InputProblem]:
    records = 0
    # Records without the text field, held back until one record has it: a file
    # where none has it (labels, metadata) is one error, not one per record.
    unread = _Unread()
    try:
        for number, raw in lines if lines is not None else _open_text_lines(path):
            if not raw.strip():
                continue
            records += 1
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield InputProblem(path, f"not valid UTF-8 at column {error.start + 1}", line=number)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield InputProblem(path, f"malformed JSON: {error.msg} at column {error.colno}", line=number)
                continue
            item = article_from_record(record, path, number, options)
            if unread.holding:
                if _lacks_field(item, options) and isinstance(record, dict):
                    unread.hold(item, record)
                    continue
                yield from unread.release()
            yield item
    except OSError as error:  # includes gzip.BadGzipFile
        yield from unread.release()
        yield InputProblem(path, f"cannot read: {getattr(error, 'strerror', None) or error}")
        return
    except EOFError:
        yield from unread.release()
        yield InputProblem(path, "truncated gzip stream")
        return
    if unread.count:
        yield unread.as_one(path, options.text_field)
    if records == 0:
        yield InputProblem(path, "empty file: no records", level="warning")


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

    def hold(self, problem: InputProblem, record: dict) -> None:
        self.count += 1
        if len(self.problems) < self.KEEP:
            self.problems.append(problem)
        for key in record:
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
    record_id = record.get(id_field)
    record_name = str(record_id) if record_id is not None else None
    if field not in record:
        return InputProblem(
            path, "missing text field (set it with --text-field)", line=line, record=record_name, field=field
        )
    text = record[field]
    if not isinstance(text, str):
        return InputProblem(
            path,
            f"text field must be a string, not {type(text).__name__}",
            line=line,
            record=record_name,
            field=field,
        )
    if not text.strip():
        return InputProblem(
            path, "empty text: nothing to lint", line=line, record=record_name, field=field, level="warning"
        )
    return Article(
        path,
        "jsonl",
        text.replace("\r\n", "\n").replace("\r", "\n"),
        record=record_name,
        record_line=line,
        newline=newline_of(text),
    )


def _read_stdin(options: SourceOptions) -> Iterator[Article | InputProblem]:
    if options.stdin_format == "jsonl":
        yield from _read_jsonl("-", options, enumerate(sys.stdin.buffer, start=1))
        return
    data = sys.stdin.buffer.read()
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
