"""Named facts about every non-blank line of a document, computed once: what a
line looks like (length, end punctuation, capitals, digits, symbols, links,
stop-word share), where it stands (distance from the edges and from the
article's text), whether it repeats, what its neighbours look like, and
whether a phrase rule already called it residue.

These are the signals that carry from one site to another (issue 16): a
learned scorer (artlint/kinds/scorer.py) reads them by name, so the names
and their meaning are part of the model's data format.  Change one and the
model must be retrained (bench/train_residue.py).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Container, Sequence

import regex

from artlint.document import Document
from artlint.findings import Finding
from artlint.kinds.line import Layout, layout
from artlint.lazyre import compiled
from artlint.records import dataclass

_WORD_RE = compiled(r"[\p{L}\p{N}]+")
_LETTER_RE = compiled(r"\p{L}")
_UPPER_RE = compiled(r"\p{Lu}")
_DIGIT_RE = compiled(r"\p{N}")
_SYMBOL_RE = compiled(r"[^\p{L}\p{N}\p{M}\s]")
_TERMINAL_RE = compiled(r"[.!?。！？…]['\"”’»)\]]*\s*$")
_LINK_RE = compiled(r"https?://|www\.|@\w|\.(?:com|org|net|html?|php)\b|\S+@\S+\.\w", regex.I)
_SEPARATOR_RE = compiled(r"(?:^|\s)[|•»›·/–—>](?:\s|$)")
_DATE_RE = compiled(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
_QUOTE_START_RE = compiled(r"^[\"“”«„‘'‚]")
# A line's skeleton: letters, digits and the punctuation that structures a row
# ("June 9 -- Coral Sky, FL" -> "a9-a,a,a"); a run of lines sharing one is a
# list or a table the article prints, which residue rarely is.
_SHAPE_RE = compiled(r"(\p{L}+)|(\p{N}+)|([-–—:|/•*(),])|.", regex.S)
_SHAPE_SYMBOLS = 4
_NEIGHBOURS = (-2, -1, 1, 2)
_PAGE_FUNCTION_WORDS = 30  # the page's most frequent short words stand in for a stop list
_CLIP = 20
_MAX_LINES_FOR_CONTAINMENT = 2000  # the containment test is quadratic; huge pages skip it

FEATURES: tuple[str, ...] = (
    "words",
    "chars",
    "prose",
    "end_terminal",
    "end_colon",
    "capitalised_share",
    "upper_share",
    "digit_share",
    "symbol_share",
    "link",
    "separators",
    "stopword_share",
    "page_function_share",
    "bullet",
    "mean_word_length",
    "first_lower",
    "date_or_time",
    "quote_start",
    "relative_position",
    "from_start",
    "from_end",
    "before_text",
    "after_text",
    "distance_to_text",
    "prose_before_share",
    "copies",
    "contained",
    "pipes",
    "same_shape_run",
    "table_run",
    *(f"{name}_{offset:+d}" for offset in _NEIGHBOURS for name in ("words", "prose", "end_terminal")),
    "nonprose_window",
    "blank_before",
    "blank_after",
    "document_lines",
    "document_prose_share",
    "rule_hit",
    "rule_hits_near",
)


@dataclass(frozen=True)
class LineFeatures:
    numbers: tuple[int, ...]  # document line number of each non-blank line
    rows: tuple[tuple[float, ...], ...]  # one row of FEATURES per line


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def compute(
    document: Document,
    findings: Sequence[Finding] = (),
    stopwords: Collection[str] = (),
    only: Container[int] | None = None,
) -> LineFeatures:
    """Features of each non-blank line; `findings` are the other rules' (their
    boilerplate hits become `rule_hit`), `stopwords` the language's list (may be empty).
    With `only`, the rows of those lines alone (indexes into the non-blank lines); a
    row does not depend on which others are computed."""
    facts = layout(document)
    lines = facts.lines
    text = document.text
    count = len(lines)
    contents = [text[line.content_start : line.end].strip() for line in lines]
    tokens = [_WORD_RE.findall(content.lower()) for content in contents]
    frequency = Counter(word for words in tokens for word in words if len(word) <= 4)
    function_words = {word for word, _ in frequency.most_common(_PAGE_FUNCTION_WORDS)}
    normalised = [" ".join(words) for words in tokens]
    copies = Counter(normalised)
    whole = "\n".join(normalised)
    # Findings are placed in the source file (HTML maps back to its markup lines).
    source_index = {document.position(line.start)[0]: index for index, line in enumerate(lines)}
    hit = _rule_hits(findings, source_index, count)
    shapes = [_shape(content) for content in contents]
    shape_runs = _runs([shape if len(shape) >= 2 else None for shape in shapes])
    table_runs = _runs([True if content.count("|") >= 2 else None for content in contents])
    prose_share = document_prose_share(facts)
    first, last = facts.first_prose, facts.last_prose
    total_prose = facts.prose_words_total
    rows: list[tuple[float, ...]] = []
    own: list[tuple[float, float, float]] = []
    for index in range(count):
        content = contents[index]
        own.append(
            (
                math.log1p(facts.words[index]),
                float(facts.prose[index]),
                float(bool(_TERMINAL_RE.search(content))),
            )
        )
    numbers: list[int] = []
    for index, line in enumerate(lines):
        if only is not None and index not in only:
            continue
        numbers.append(line.number)
        content = contents[index]
        words = tokens[index]
        letters = len(_LETTER_RE.findall(content))
        alphabetic = [w for w in _WORD_RE.findall(content) if w[:1].isalpha()]
        length = len(content)
        if first < 0:
            distance = _CLIP
        elif index < first:
            distance = min(first - index, _CLIP)
        elif index > last:
            distance = min(index - last, _CLIP)
        else:
            distance = 0
        row: list[float] = [
            own[index][0],
            math.log1p(length),
            own[index][1],
            own[index][2],
            float(content.endswith(":")),
            _share(sum(1 for w in alphabetic if w[0].isupper()), len(alphabetic)),
            _share(len(_UPPER_RE.findall(content)), letters),
            _share(len(_DIGIT_RE.findall(content)), length),
            _share(len(_SYMBOL_RE.findall(content)), length),
            float(bool(_LINK_RE.search(content))),
            float(len(_SEPARATOR_RE.findall(content))),
            _share(sum(1 for w in words if w in stopwords), len(words)) if stopwords else -1.0,
            _share(sum(1 for w in words if w in function_words), len(words)),
            float(line.content_start > line.start and not text[line.start : line.content_start].isspace()),
            _share(sum(len(w) for w in words), len(words)),
            float(bool(alphabetic) and alphabetic[0][0].islower()),
            float(bool(_DATE_RE.search(content))),
            float(bool(_QUOTE_START_RE.search(content))),
            _share(index, count - 1),
            math.log1p(index),
            math.log1p(count - 1 - index),
            float(first < 0 or index < first),
            float(first < 0 or index > last),
            distance / _CLIP,
            _share(facts.prose_words_before[index], total_prose),
            math.log1p(copies[normalised[index]] - 1) if normalised[index] else 0.0,
            float(
                count <= _MAX_LINES_FOR_CONTAINMENT
                and len(normalised[index]) >= 15
                and whole.count(normalised[index]) >= 2
            ),
            float(content.count("|")),
            math.log1p(shape_runs[index]),
            math.log1p(table_runs[index]),
        ]
        for offset in _NEIGHBOURS:
            other = index + offset
            row.extend(own[other] if 0 <= other < count else (-1.0, -1.0, -1.0))
        window = [i for i in range(index - 3, index + 4) if i != index and 0 <= i < count]
        row.append(_share(sum(1 for i in window if not facts.prose[i]), len(window)))
        row.append(float(index == 0 or lines[index - 1].number < line.number - 1))
        row.append(float(index == count - 1 or lines[index + 1].number > line.number + 1))
        row.append(math.log1p(count))
        row.append(prose_share)
        row.append(float(hit[index]))
        near = [hit[i] for i in (index - 2, index - 1, index + 1, index + 2) if 0 <= i < count]
        row.append(_share(sum(near), 4))
        rows.append(tuple(row))
    return LineFeatures(tuple(numbers), tuple(rows))


def document_prose_share(facts: Layout) -> float:
    """The `document_prose_share` of every row: the share of non-blank lines that are prose."""
    return _share(sum(facts.prose), len(facts.lines))


def outside_text(facts: Layout) -> list[int]:
    """Indexes of the non-blank lines before the first prose line or after the last
    (all of them when there is none): where `before_text` or `after_text` is 1."""
    first, last = facts.first_prose, facts.last_prose
    return [i for i in range(len(facts.lines)) if first < 0 or i < first or i > last]


def _rule_hits(findings: Sequence[Finding], index_of: dict[int, int], count: int) -> list[bool]:
    hit = [False] * count
    for finding in findings:
        if finding.category != "boilerplate":
            continue
        for number in range(finding.line, finding.end_line + 1):
            index = index_of.get(number)
            if index is not None:
                hit[index] = True
    return hit


def _shape(content: str) -> str:
    symbols: list[str] = []
    for match in _SHAPE_RE.finditer(content):
        symbol = "a" if match.group(1) else "9" if match.group(2) else match.group(3) or ""
        if symbol and (not symbols or symbols[-1] != symbol):
            symbols.append(symbol)
            if len(symbols) == _SHAPE_SYMBOLS:
                break
    return "".join(symbols)


def _runs(keys: Sequence[object]) -> list[int]:
    """For each position, the length of the run of equal, non-None keys it stands in (0 for None)."""
    result = [0] * len(keys)
    start = 0
    while start < len(keys):
        end = start + 1
        while end < len(keys) and keys[end] == keys[start]:
            end += 1
        if keys[start] is not None:
            for index in range(start, end):
                result[index] = end - start
        start = end
    return result
