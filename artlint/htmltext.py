"""The visible text of an HTML page (imported only when HTML is read: html.parser
costs milliseconds that a plain-text or Markdown run need not pay)."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

import regex

_SKIPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "canvas",
        "math",
        "select",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "title",
        "option",
        "button",
        "label",
        "caption",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


class VisibleText(HTMLParser):
    """Collects visible text, one block per line, with the source position of every word."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int, int]] = []
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.at_line_start = True
        self.pending_space = False

    def _newline(self) -> None:
        if not self.at_line_start:
            self.parts.append("\n")
            self.length += 1
            self.at_line_start = True
        self.pending_space = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS and tag not in _VOID_TAGS:
            self.skip_stack.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if self.skip_stack:
            if tag == self.skip_stack[-1]:
                self.skip_stack.pop()
            return
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data: str) -> None:
        self._add(data, self.getpos())

    def handle_entityref(self, name: str) -> None:
        self._add(unescape(f"&{name};"), self.getpos(), atomic=True)

    def handle_charref(self, name: str) -> None:
        self._add(unescape(f"&#{name};"), self.getpos(), atomic=True)

    def _add(self, data: str, pos: tuple[int, int], atomic: bool = False) -> None:
        if self.skip_stack:
            return
        line, column = pos[0], pos[1] + 1
        if atomic:
            if data.isspace():
                self.pending_space = not self.at_line_start
                return
            self._emit(data, line, column, glue=True)
            return
        index = 0
        for match in regex.finditer(r"\S+", data):
            gap = data[index : match.start()]
            if gap:
                newlines = gap.count("\n")
                if newlines:
                    line += newlines
                    column = len(gap) - gap.rfind("\n")
                else:
                    column += len(gap)
                self.pending_space = not self.at_line_start
            self._emit(match.group(), line, column)
            column += len(match.group())
            index = match.end()
        if index < len(data):
            self.pending_space = not self.at_line_start

    def _emit(self, token: str, line: int, column: int, glue: bool = False) -> None:
        if self.pending_space and not self.at_line_start:
            self.parts.append(" ")
            self.length += 1
        self.pending_space = False
        self.anchors.append((self.length, line, column))
        self.parts.append(token)
        self.length += len(token)
        self.at_line_start = False
