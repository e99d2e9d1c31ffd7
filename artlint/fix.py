"""`artlint fix`: remove what fixable rules report, and nothing else.

A line is deleted only when a `fix: delete-line` rule reports it; a
`fix: replace` rule rewrites only its match.  What a file is made of stays as
it was: its encoding (a UTF-8 or UTF-16 byte-order mark included), each
line's own ending (LF, CRLF or CR, even mixed), whether the last line ends
with a newline, its permission bits.  Files are written atomically: a
temporary file in the same folder, flushed to disk, then renamed over the
original (through a symbolic link, the file it points to is replaced).

In JSONL only the text field of a changed record is rewritten, in place in
the record's line: the other fields, their order and spacing, and every
other record stay byte for byte.  Records that cannot be parsed are kept as
they are (and reported).

Fixing repeats until no fixable finding is left (a line deleted from the head
can bring another into a rule's zone), so after `fix`, `check` reports no
fixable finding and a second `fix` changes nothing.  `--diff` prints what
would change as a unified diff and writes nothing; its exit code is 1 when
something would change.
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import difflib
import gzip
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from artlint import atomic
from artlint.atomic import Snapshot, WriteRefused
from artlint.config import Config
from artlint.errors import InputProblem, internal_error, problem_line
from artlint.findings import Finding
from artlint.lazyre import compiled
from artlint.limits import Limits, too_large
from artlint.records import dataclass
from artlint.sources import Article, SourceOptions, decode, expand_paths, format_of, read_file

# Enough for a zone rule to walk down a head of residue one line at a time;
# a text that still changes after that many passes is reported, not looped on.
MAX_PASSES = 20
_LINE_RE = compiled(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

Lint = Callable[[str, str], list[Finding]]


@dataclass
class FixOutcome:
    text: str
    lines_deleted: int = 0
    replacements: int = 0
    converged: bool = True

    @property
    def changed(self) -> int:
        return self.lines_deleted + self.replacements


def fix_text(text: str, lint: Lint, fmt: str) -> FixOutcome:
    """Apply fixable findings to `text` (any line endings) until none is left."""
    outcome = FixOutcome(text)
    for _ in range(MAX_PASSES):
        normalised = outcome.text.replace("\r\n", "\n").replace("\r", "\n")
        findings = [f for f in lint(normalised, fmt) if f.fix is not None]
        if not findings:
            return outcome
        new_text, deleted, replaced = apply_fixes(outcome.text, normalised, findings)
        if new_text == outcome.text:
            return outcome
        outcome = FixOutcome(new_text, outcome.lines_deleted + deleted, outcome.replacements + replaced)
    outcome.converged = False
    return outcome


def apply_fixes(original: str, normalised: str, findings: list[Finding]) -> tuple[str, int, int]:
    """Apply the fixes of `findings` (offsets into `normalised`, the LF form of
    `original`) to `original`; returns the new text, lines deleted, replacements made."""
    lines = _LINE_RE.findall(original)  # each with its own terminator
    starts = [0]
    for line in normalised.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    doomed: set[int] = set()
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for finding in findings:
        fix = finding.fix
        if fix is None:
            continue
        first, last = line_of(fix.start), line_of(max(fix.start, fix.end - 1))
        if fix.action == "delete-line":
            doomed.update(range(first, last + 1))
        elif first == last:
            column = fix.start - starts[first]
            edits.setdefault(first, []).append((column, column + fix.end - fix.start, fix.replacement))
    doomed = {i for i in doomed if i < len(lines)}
    replaced = 0
    for index, changes in edits.items():
        if index in doomed or index >= len(lines):
            continue
        body, ending = _split_ending(lines[index])
        taken_from = len(body) + 1
        for start, end, replacement in sorted(set(changes), reverse=True):
            if end > taken_from:  # overlaps an edit already made: skip it
                continue
            body = body[:start] + replacement + body[end:]
            taken_from = start
            replaced += 1
        lines[index] = body + ending
    return _drop_lines(lines, doomed, original), len(doomed), replaced


def _drop_lines(lines: list[str], doomed: set[int], original: str) -> str:
    """The text without the doomed lines, with no blank lines left behind where
    they stood (one blank line between paragraphs stays one)."""
    if not doomed:
        return "".join(lines)
    kept: list[str] = []
    gap = False  # a deleted line stands between the last kept line and this one
    for index, line in enumerate(lines):
        if index in doomed:
            gap = True
            continue
        blank = not line.strip()
        if blank and gap and (not kept or not kept[-1].strip()):
            continue  # a blank line that would now double another, or lead the text
        if not blank:
            gap = False
        kept.append(line)
    if (len(lines) - 1) in doomed:
        # Residue removed from the tail: drop the blank lines it leaves.
        while kept and not kept[-1].strip():
            kept.pop()
    if kept:
        # Keep the file's own choice of ending with a newline or not.
        last_body, last_ending = _split_ending(kept[-1])
        original_ending = _split_ending(lines[-1])[1]
        if not original_ending and last_ending:
            kept[-1] = last_body
        elif original_ending and not last_ending:
            kept[-1] = last_body + original_ending
    return "".join(kept)


def _split_ending(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


# -- writing ------------------------------------------------------------------------
def write_atomic(path: str, data: bytes, expect: Snapshot | None = None) -> None:
    """Replace the file at `path` with `data` (artlint.atomic): refused when the
    file changed since `expect` was taken or is read-only."""
    atomic.write_atomic(path, data, expect=expect)


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """`text` in the encoding the original bytes were in, with the same byte-order mark."""
    if original.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if original.startswith(codecs.BOM_UTF16_LE):
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if original.startswith(codecs.BOM_UTF16_BE):
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


def _decoded_without_bom(text: str, data: bytes) -> str:
    # utf-16 decoding keeps no BOM but utf-8 with a BOM read as plain utf-8 would.
    return text[1:] if data.startswith(_BOMS) and text.startswith("\ufeff") else text


# -- the command ------------------------------------------------------------------------
def run_fix(args: argparse.Namespace, config: Config, linter: Any) -> int:
    paths = args.paths or ["."]
    show_diff = getattr(args, "diff", False)
    options = linter.sources

    def lint(text: str, fmt: str) -> list[Finding]:
        return list(linter.lint_article(Article("-", fmt, text)).findings)

    files_changed = 0
    lines_total = 0
    errors = 0
    for item in expand_paths(paths, options):
        if isinstance(item, InputProblem):
            print(problem_line(item), file=sys.stderr)
            errors += item.level == "error"
            continue
        if item == "-":
            print("artlint: error: -: fix rewrites files; it cannot read stdin", file=sys.stderr)
            errors += 1
            continue
        fmt = format_of(item) or "txt"
        if fmt == "html":
            print(f"artlint: warning: {item}: fix does not rewrite HTML; skipped", file=sys.stderr)
            continue
        for problem_or_change in _contained(item, fix_file(item, fmt, options, lint, show_diff)):
            if isinstance(problem_or_change, InputProblem):
                print(problem_line(problem_or_change), file=sys.stderr)
                errors += problem_or_change.level == "error"
            else:
                files_changed += 1
                lines_total += problem_or_change
    verb = "would fix" if show_diff else "fixed"
    print(
        f"artlint: {verb} {lines_total} line{'s' * (lines_total != 1)} in {files_changed} "
        f"file{'s' * (files_changed != 1)}.",
        file=sys.stderr,
    )
    if errors:
        return 2
    return 1 if show_diff and files_changed else 0


def _contained(path: str, steps: Iterator[InputProblem | int]) -> Iterator[InputProblem | int]:
    """A bug met while fixing one file is that file's problem: the others are still fixed."""
    try:
        yield from steps
    except Exception as error:  # contained on purpose, reported with a hint to report it
        yield internal_error(path, error)


def fix_file(
    path: str, fmt: str, options: SourceOptions, lint: Lint, show_diff: bool
) -> Iterator[InputProblem | int]:
    """Fix one file (or show the diff); yields problems, then the number of changes if any."""
    limits = replace(options.limits, max_stream_bytes=_fix_stream_cap(options.limits))
    options = replace(options, limits=limits)
    read = read_file(
        path, replace(limits, max_input_bytes=limits.max_stream_bytes) if fmt == "jsonl" else limits
    )
    if isinstance(read, InputProblem):
        yield read
        return
    data, status = read
    before = Snapshot.of(data, status)
    if fmt == "jsonl":
        yield from _fix_jsonl(path, data, before, options, lint, show_diff)
        return
    decoded = decode(path, data, options, fmt)
    if isinstance(decoded, InputProblem):
        yield decoded
        return
    text, encoding = decoded
    text = _decoded_without_bom(text, data)
    outcome = fix_text(text, lint, fmt)
    if not outcome.converged:
        yield _not_converged(path)
    if not outcome.changed or outcome.text == text:
        return
    try:
        new_data = encode_like(outcome.text, encoding, data)
    except UnicodeEncodeError:
        yield InputProblem(path, f"a replacement cannot be written in {encoding}; file left as it was")
        return
    if show_diff:
        print_diff(path, text, outcome.text)
    else:
        problem = _write(path, new_data, before)
        if problem is not None:
            yield problem
            return
    yield outcome.changed


def _write(path: str, data: bytes, before: Snapshot) -> InputProblem | None:
    """Write the fixed file; a refusal or an OS error is this file's problem, not the run's."""
    try:
        write_atomic(path, data, before)
    except WriteRefused as refused:
        return InputProblem(path, str(refused).split(": ", 1)[-1])
    except OSError as error:
        return InputProblem(path, f"cannot write the fixed file: {error.strerror or error}; left as it was")
    return None


def _not_converged(path: str, line: int | None = None) -> InputProblem:
    return InputProblem(
        path,
        f"fixes still changed the text after {MAX_PASSES} passes; the rest was left",
        line=line,
        level="warning",
    )


def print_diff(path: str, before: str, after: str) -> None:
    diff = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    for line in diff:
        sys.stdout.write(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")


# -- JSONL -------------------------------------------------------------------------------
def _fix_jsonl(
    path: str, data: bytes, before: Snapshot, options: SourceOptions, lint: Lint, show_diff: bool
) -> Iterator[InputProblem | int]:
    compressed = path.lower().endswith(".gz")
    limits = options.limits
    try:
        raw = _gunzip(data, limits.cap("max_stream_bytes")) if compressed else data
    except (OSError, EOFError) as error:
        yield InputProblem(path, f"cannot read gzip data: {error}")
        return
    if raw is None:
        yield InputProblem(
            path, too_large("the stream", "max_stream_bytes", limits.max_stream_bytes, "file left as it was")
        )
        return
    out: list[bytes] = []
    changed = 0
    diffs: list[tuple[str, str, str]] = []
    record_cap = limits.cap("max_record_bytes")
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        # A byte-order mark before the first record is kept, and not taken for JSON.
        bom = codecs.BOM_UTF8 if number == 1 and line.startswith(codecs.BOM_UTF8) else b""
        line = line[len(bom) :]
        if not line.strip() or (record_cap is not None and len(line) > record_cap):
            out.append(bom + line)
            continue
        try:
            decoded = line.decode("utf-8")
            span = text_value_span(decoded, options.text_field)
        except (UnicodeDecodeError, ValueError, RecursionError):
            yield InputProblem(path, "malformed JSON line kept as it is", line=number)
            out.append(bom + line)
            continue
        if span is None:
            out.append(bom + line)  # no text field (or not a string): nothing to fix
            continue
        start, end = span
        token = decoded[start:end]
        text = json.loads(token)
        if not text.strip():
            out.append(bom + line)
            continue
        outcome = fix_text(text, lint, "jsonl")
        if not outcome.converged:
            yield _not_converged(path, number)
        if not outcome.changed or outcome.text == text:
            out.append(bom + line)
            continue
        # Write the new value the way the old one was written: escaped to ASCII or not
        # (escaped when it holds a lone surrogate, which UTF-8 cannot carry).
        ascii_only = (token.isascii() and not text.isascii()) or _has_surrogate(outcome.text)
        new_token = json.dumps(outcome.text, ensure_ascii=ascii_only)
        out.append(bom + (decoded[:start] + new_token + decoded[end:]).encode("utf-8"))
        changed += outcome.changed
        diffs.append((f"{path}:{number}", text, outcome.text))
    if not changed:
        return
    if show_diff:
        for where, before, after in diffs:
            print_diff(where, before, after)
    else:
        body = b"".join(out)
        problem = _write(path, gzip.compress(body, mtime=0) if compressed else body, before)
        if problem is not None:
            yield problem
            return
    yield changed


# fix holds a JSONL file whole (and its fixed copy), where check streams it:
# it takes at most this many input files' worth (256 MiB by default).
FIX_STREAM_FACTOR = 64


def _fix_stream_cap(limits: Limits) -> int:
    caps = [c for c in (limits.max_stream_bytes, FIX_STREAM_FACTOR * limits.max_input_bytes) if c]
    return min(caps) if caps else 0


def _gunzip(data: bytes, cap: float | None) -> bytes | None:
    """The decompressed bytes (every gzip member), or None past `cap` bytes (a gzip bomb)."""
    with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as stream:
        body = stream.read() if cap is None else stream.read(int(cap) + 1)
    return None if cap is not None and len(body) > cap else body


_SURROGATE_RE = compiled("[\ud800-\udfff]")


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE_RE.search(text) is not None


_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def text_value_span(line: str, field: str) -> tuple[int, int] | None:
    """Where, in one JSONL line, the string value of top-level key `field` is
    written (start, end of its JSON token); None if absent or not a string.
    Raises ValueError for a line that is not a JSON object."""
    position = _skip(line, 0)
    if position >= len(line) or line[position] != "{":
        raise ValueError("not a JSON object")
    position = _skip(line, position + 1)
    found: tuple[int, int] | None = None
    if position < len(line) and line[position] == "}":
        return None
    while True:
        if position >= len(line) or line[position] != '"':
            raise ValueError("expected a key")
        key, position = json.decoder.scanstring(line, position + 1)  # type: ignore[attr-defined]
        position = _skip(line, position)
        if position >= len(line) or line[position] != ":":
            raise ValueError("expected ':'")
        position = _skip(line, position + 1)
        value, end = _DECODER.raw_decode(line, position)
        if key == field:  # the last one wins, as in json.loads
            found = (position, end) if isinstance(value, str) else None
        position = _skip(line, end)
        if position < len(line) and line[position] == ",":
            position = _skip(line, position + 1)
            continue
        if position < len(line) and line[position] == "}":
            if line[_skip(line, position + 1) :].strip():
                raise ValueError("extra data after the object")
            return found
        raise ValueError("expected ',' or '}'")


def _skip(line: str, position: int) -> int:
    while position < len(line) and line[position] in _WS:
        position += 1
    return position
