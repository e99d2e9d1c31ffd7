"""Turn the decoded content of a file or record into what the rules read.

Each reader returns a `ParsedText`: the text to lint, where blocks end, a map
back to source positions when the text is not the source itself (HTML), and
the inline suppressions the author wrote.  Markdown keeps its line numbers:
front matter, fenced code, inline code, link targets, tags and comments are
blanked out (replaced by spaces), never removed.
"""

from __future__ import annotations

from dataclasses import field

import regex

from artlint.document import SourceMap
from artlint.lazyre import lazy
from artlint.records import dataclass


@dataclass(frozen=True)
class Suppression:
    """Findings of `rules` (None: every rule) on source lines first..last are not reported."""

    first_line: int
    last_line: int
    rules: frozenset[str] | None


@dataclass
class ParsedText:
    text: str
    block_style: str = "line"
    source_map: SourceMap | None = None
    suppressions: list[Suppression] = field(default_factory=list)


# <!-- artlint-disable[-next-line|-line] [rule, rule] --> and <!-- artlint-enable [rule] -->
_DIRECTIVE_RE = lazy(
    r"<!--\s*artlint-(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<rules>[\s\w.,*-]*?)\s*-->"
)


def parse_suppressions(text: str) -> list[Suppression]:
    """Read artlint directives from HTML comments (they work in .md, .html and .txt)."""
    if "artlint-" not in text:
        return []
    result: list[Suppression] = []
    open_ranges: dict[frozenset[str] | None, int] = {}
    for match in _DIRECTIVE_RE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        names = [n for n in regex.split(r"[\s,]+", match.group("rules").strip()) if n and n != "*"]
        rules = frozenset(names) if names else None
        verb = match.group("verb")
        if verb == "disable-next-line":
            result.append(Suppression(line + 1, line + 1, rules))
        elif verb == "disable-line":
            result.append(Suppression(line, line, rules))
        elif verb == "disable-file":
            result.append(Suppression(1, 1 << 31, rules))
        elif verb == "disable":
            open_ranges.setdefault(rules, line)
        else:  # enable closes the matching range, or every range when no rule is named
            for key in [k for k in open_ranges if rules is None or k == rules]:
                result.append(Suppression(open_ranges.pop(key), line, key))
    for key, first in open_ranges.items():
        result.append(Suppression(first, 1 << 31, key))
    return result


def is_suppressed(suppressions: list[Suppression], rule: str, line: int) -> bool:
    for item in suppressions:
        if item.first_line <= line <= item.last_line and (item.rules is None or _matches(rule, item.rules)):
            return True
    return False


def _matches(rule: str, names: frozenset[str]) -> bool:
    # A category or any dotted prefix names every rule below it: "claims" covers "claims.weasel".
    return rule in names or any(rule.startswith(name + ".") for name in names)


_NOT_NEWLINE_RE = lazy(r"[^\n]")
_MARKUP_RE = lazy(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)|!?\[|\]")


def _blank(text: str, start: int, end: int) -> str:
    """Spaces in place of text[start:end], newlines kept so lines don't move."""
    return _NOT_NEWLINE_RE.sub(" ", text[start:end])


def read_plain(text: str) -> ParsedText:
    """Plain text as scrapers write it: one block per line, unless it is hard-wrapped prose."""
    return ParsedText(text, _block_style_of_plain(text), None, parse_suppressions(text))


def _block_style_of_plain(text: str) -> str:
    # Hard-wrapped prose (most lines 40-100 characters, none longer than 100,
    # paragraphs separated by blank lines) keeps sentences across line breaks.
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4 or max(len(ln) for ln in lines) > 100:
        return "line"
    wrapped = sum(1 for ln in lines if 40 <= len(ln) <= 100)
    return "paragraph" if wrapped >= 0.6 * len(lines) else "line"


_FRONT_MATTER_RE = lazy(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", regex.S)
_FENCE_RE = lazy(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", regex.S | regex.M)
_MD_MASKS = [
    lazy(r"<!--.*?-->", regex.S),  # comments (directives are read before masking)
    lazy(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", regex.S),  # inline code
    lazy(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # link and image targets
    lazy(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", regex.M),  # reference definitions
    lazy(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"),  # inline HTML tags
    lazy(r"https?://\S+|www\.\S+"),  # bare URLs
]


def read_markdown(text: str) -> ParsedText:
    suppressions = parse_suppressions(text)
    masked = text
    for pattern in (_FRONT_MATTER_RE, _FENCE_RE, *_MD_MASKS):
        masked = pattern.sub(lambda m: _blank(m.string, m.start(), m.end()), masked)
    # Emphasis and link brackets are markup, not words.
    masked = _MARKUP_RE.sub(lambda m: " " * len(m.group()), masked)
    return ParsedText(masked, "paragraph", None, suppressions)


def read_html(text: str) -> ParsedText:
    from artlint.htmltext import VisibleText

    parser = VisibleText()
    parser.feed(text)
    parser.close()
    visible = "".join(parser.parts).strip("\n")
    shift = len("".join(parser.parts)) - len("".join(parser.parts).lstrip("\n"))
    anchors = tuple((offset - shift, line, column) for offset, line, column in parser.anchors)
    return ParsedText(visible, "line", SourceMap(anchors), parse_suppressions(text))


READERS = {"txt": read_plain, "jsonl": read_plain, "md": read_markdown, "html": read_html}


def parse(text: str, fmt: str) -> ParsedText:
    return READERS[fmt](text)
