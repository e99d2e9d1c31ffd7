"""Strings from inputs (record ids, file names, excerpts) made safe to print.

An id holding a newline and `::error file=...::` would forge a GitHub
workflow command; an escape sequence would repaint a terminal; a lone
surrogate (from a JSON escape, or a file name that is not UTF-8, which Python
carries as surrogate escapes) cannot be written as UTF-8 at all.  Text output
shows such characters as backslash escapes; JSON escapes surrogates the JSON
way, so reports are always valid UTF-8 and lose nothing.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab is kept: it is harmless and common in excerpts), DEL,
# lone surrogates, line and paragraph separators, and the bidirectional
# overrides and isolates that can reorder what a reader sees.
_UNSAFE_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\x1b"}
# Lone surrogates, and the line breaks str.splitlines() knows beyond those JSON
# escapes itself (a JSONL line split by a consumer would be broken JSON).
_JSON_UNSAFE_RE = re.compile("[\x85\u2028\u2029\ud800-\udfff]")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a file name that is not UTF-8
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character, separator and lone surrogate escaped."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE_RE.sub(_escape_char, text)


def json_safe(document: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with lone surrogates
    and U+0085, U+2028, U+2029 written as \\uXXXX escapes: valid UTF-8, one
    line per JSONL record whoever splits it, and json.loads gives the same value."""
    if document.isascii():
        return document
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def github_escape(value: str, property_value: bool = False) -> str:
    """GitHub workflow-command escaping (%, CR, LF; and : , in properties), after
    the other controls are escaped as in text output."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    value = printable(value)
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
