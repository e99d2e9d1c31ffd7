"""The article as the rules see it: text, lines, blocks, sentences, words, language.

All positions are offsets into `Document.text`, whose line breaks are `\\n`.
`position()` turns an offset into a 1-based (line, column) of the *source*
file: for text and Markdown they are the same lines; for HTML the reader
supplies a `SourceMap` back to the markup.  Columns count Unicode code points.
"""

from __future__ import annotations

import bisect
from dataclasses import field
from functools import cached_property

from artlint.lazyre import compiled
from artlint.prefilter import FoldedText
from artlint.records import dataclass
from artlint.segment import WORD_RE, sentence_spans

# Leading list bullets, heading and quote markers are not part of what a line says.
_MARKER_RE = compiled(r"[ \t\u00a0]*(?:(?:[-*+•·▪►>]|#{1,6}|\d{1,3}[.)])[ \t\u00a0]+)?")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line of the document text
    start: int  # offset of the first character
    end: int  # offset after the last character (the newline excluded)
    content_start: int  # offset after indentation and a bullet/heading marker


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading, list item or scraped text block: sentences never cross it."""

    start: int
    end: int
    first_line: int
    last_line: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Document.blocks


@dataclass(frozen=True)
class SourceMap:
    """Maps runs of document text back to source positions (HTML).

    `anchors` is a sorted list of (document offset, source line, source column):
    the character at that offset came from that source position, and the
    following characters of the run advance the column one by one.
    """

    anchors: tuple[tuple[int, int, int], ...]

    def position(self, offset: int) -> tuple[int, int]:
        if not self.anchors:
            return 1, 1
        index = bisect.bisect_right(self.anchors, (offset, 1 << 62, 0)) - 1
        if index < 0:
            return self.anchors[0][1], self.anchors[0][2]
        doc_offset, line, column = self.anchors[index]
        return line, column + (offset - doc_offset)


@dataclass
class Document:
    text: str
    path: str = "-"
    record: str | None = None
    format: str = "txt"  # txt | md | html | jsonl
    language: str = "und"
    abbreviations: frozenset[str] = frozenset()
    numeral_abbreviations: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()  # the language's, lower-case; empty when it has none
    # "line": every line is a block (scraped text); "paragraph": blank-line separated.
    block_style: str = "line"
    source_map: SourceMap | None = None
    metadata: dict[str, object] = field(default_factory=dict)

    # -- lines -----------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        return starts

    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        starts = self.line_starts
        result = []
        for index, start in enumerate(starts):
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
            marker = _MARKER_RE.match(text, start, end)
            content_start = marker.end() if marker else start
            result.append(Line(index + 1, start, end, content_start))
        return result

    def line_text(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def line_content(self, line: Line) -> str:
        """The line without indentation, bullet or heading marker, nor trailing blanks."""
        return self.text[line.content_start : line.end].rstrip()

    def line_index(self, offset: int) -> int:
        """0-based index of the document line holding `offset`."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source file of a document offset."""
        if self.source_map is not None:
            return self.source_map.position(offset)
        index = self.line_index(offset)
        return index + 1, offset - self.line_starts[index] + 1

    @cached_property
    def nonblank_lines(self) -> list[Line]:
        text = self.text
        return [ln for ln in self.lines if not text[ln.start : ln.end].isspace() and ln.end > ln.start]

    # -- blocks and sentences --------------------------------------------------
    @cached_property
    def blocks(self) -> list[Block]:
        text = self.text
        blocks: list[Block] = []
        current: list[Line] = []

        def close() -> None:
            if current:
                blocks.append(
                    Block(current[0].content_start, current[-1].end, current[0].number, current[-1].number)
                )
                current.clear()

        for line in self.lines:
            content = text[line.content_start : line.end]
            if not content.strip():
                close()
                continue
            if self.block_style == "line":
                current.append(line)
                close()
                continue
            # A bullet, heading or quote marker starts a block of its own.
            marker = text[line.start : line.content_start]
            if marker and not marker.isspace():
                close()
            current.append(line)
        close()
        return blocks

    @cached_property
    def sentences(self) -> list[Sentence]:
        result: list[Sentence] = []
        for index, block in enumerate(self.blocks):
            for start, end in sentence_spans(
                self.text, block.start, block.end, self.abbreviations, self.numeral_abbreviations
            ):
                result.append(Sentence(start, end, index))
        return result

    def sentence_index_at(self, offset: int) -> int:
        starts = self.sentence_starts
        return max(0, bisect.bisect_right(starts, offset) - 1)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    # -- words -----------------------------------------------------------------
    @cached_property
    def word_count(self) -> int:
        return len(WORD_RE.findall(self.text))

    @cached_property
    def folded(self) -> FoldedText:
        """The case-folded text, and where literal words stand in it (artlint.prefilter)."""
        return FoldedText(self.text)

    def excerpt(self, start: int, end: int, limit: int = 120) -> str:
        """The matched text, shortened to `limit` characters and kept on one line."""
        snippet = " ".join(self.text[start:end].split())
        return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"
