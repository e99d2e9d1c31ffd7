"""Readers and segmentation: findings point at the right source lines in every
format, and sentences are split right for French and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLES, SEEDS, article_labels, needs_shared, seed_labels

from artlint.api import Linter
from artlint.config import Config
from artlint.document import Document
from artlint.language import detect
from artlint.readers import read_html, read_markdown
from artlint.ruleset import load_ruleset

LINTER = Linter.from_config(Config())
LANGUAGES = load_ruleset().languages


def _sentences(text: str, language: str) -> list[str]:
    doc = Document(text, language=language, abbreviations=LANGUAGES[language].abbreviations)
    return [text[s.start : s.end] for s in doc.sentences]


def test_markdown_skips_front_matter_and_code_but_keeps_line_numbers() -> None:
    text = (
        "---\ntitle: Leave a Reply\n---\n\n# Port strike ends\n\n"
        "```\nLeave a Reply\n```\n\nDock workers voted to end the strike, the union said.\n\nLeave a Reply\n"
    )
    result = LINTER.lint_text(text, fmt="md", lang="en")
    forms = [f for f in result.findings if f.rule == "boilerplate.comment-form"]
    assert [(f.line, f.column) for f in forms] == [(13, 1)]


def test_markdown_inline_code_and_link_targets_are_not_prose() -> None:
    parsed = read_markdown("See [the report](https://example.org/leave-a-reply) and `Leave a Reply`.\n")
    assert "example.org" not in parsed.text and "Leave a Reply" not in parsed.text
    assert len(parsed.text) == len(
        "See [the report](https://example.org/leave-a-reply) and `Leave a Reply`.\n"
    )


def test_html_findings_point_at_source_lines_and_columns() -> None:
    html = (
        "<html><head><title>x</title><script>var leave = 'Leave a Reply';</script></head>\n"
        "<body>\n  <p>Dock workers voted on Sunday, the union said.</p>\n"
        "  <div class='c'>Leave a Reply</div>\n</body></html>\n"
    )
    result = LINTER.lint_text(html, fmt="html", lang="en")
    forms = [f for f in result.findings if f.rule == "boilerplate.comment-form"]
    assert [(f.line, f.column, f.end_column) for f in forms] == [(4, 18, 31)]


def test_html_entities_and_hidden_elements() -> None:
    parsed = read_html("<p>Caf&eacute; &amp; bar</p><noscript>Enable JS</noscript><p>Next</p>")
    assert parsed.text == "Café & bar\nNext"


def test_jsonl_record_lines_are_lines_of_the_text_field() -> None:
    result = LINTER.lint_text(
        "First line of the article, the mayor said.\nLeave a Reply", fmt="jsonl", lang="en"
    )
    assert [(f.line, f.column) for f in result.findings if f.rule == "boilerplate.comment-form"] == [(2, 1)]


def test_crlf_files_keep_line_and_column(tmp_path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"The mayor said the lane would open.\r\n\r\nLeave a Reply\r\n")
    result = next(LINTER.lint_paths([str(path)]))
    assert [(f.line, f.column) for f in result.findings if f.rule == "boilerplate.comment-form"] == [(3, 1)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "M. Dupont a voté. Le score est de 3.6 sur 5. La dette atteint 14,8 milliards.",
            "fr",
            ["M. Dupont a voté.", "Le score est de 3.6 sur 5.", "La dette atteint 14,8 milliards."],
        ),
        (
            "« Nous continuerons. »  Voilà comment il résumait la situation.",
            "fr",
            ["« Nous continuerons. »", "Voilà comment il résumait la situation."],
        ),
        (
            "Quels sont les enjeux ? Comment cette union va-t-elle évoluer ?",
            "fr",
            ["Quels sont les enjeux ?", "Comment cette union va-t-elle évoluer ?"],
        ),
        (
            "Mr. Smith went to Washington. The U.S. team won 2-1. “It was hard,” he said. Then he left.",
            "en",
            [
                "Mr. Smith went to Washington.",
                "The U.S. team won 2-1.",
                "“It was hard,” he said.",
                "Then he left.",
            ],
        ),
        (
            "J. K. Rowling wrote it. Dr. Who? No. Prices rose 3.5% in Jan. and fell later.",
            "en",
            ["J. K. Rowling wrote it.", "Dr. Who?", "No.", "Prices rose 3.5% in Jan. and fell later."],
        ),
    ],
)
def test_sentence_segmentation(text: str, language: str, expected: list[str]) -> None:
    assert _sentences(text, language) == expected


def test_sentences_never_cross_scraped_lines() -> None:
    doc = Document(
        "Adresse e-mail invalide\nThanks for Subscribing!\nWe'll be sending you our best soon!", language="fr"
    )
    assert len(doc.sentences) == 3


def test_hard_wrapped_text_keeps_sentences_across_lines() -> None:
    text = (
        "The council approved a plan on Tuesday to build twelve kilometres of\n"
        "protected cycle lanes over the next two years, after a debate that lasted\n"
        "most of the evening. The first lanes will open on Harbour Road in the\n"
        "spring, and the rest will follow over the next eighteen months or so.\n"
    )
    result = LINTER.lint_text(text, lang="en")
    assert result.metrics["sentences"] == 2


@pytest.mark.parametrize(
    ("path", "language"),
    [
        *((ARTICLES / name, spec["language"]) for name, spec in article_labels().items()),
        *(pytest.param(SEEDS / name, spec["language"], marks=needs_shared) for name, spec in seed_labels().items()),
        # without ../shared: one placeholder, so the seeds show up as skipped
        *(() if seed_labels() else (pytest.param(SEEDS, "", marks=needs_shared),)),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_language_detection_on_labeled_articles(path: Path, language: str) -> None:
    assert detect(path.read_text(encoding="utf-8"), LANGUAGES) == language


def test_language_detection_german_spanish_and_unknown() -> None:
    german = "Die Regierung hat am Montag beschlossen, dass die neue Regel für alle Unternehmen gilt, die mehr als zehn Mitarbeiter haben und nicht in der Stadt sind."
    spanish = "El gobierno anunció el lunes que la nueva norma se aplicará a todas las empresas que tengan más de diez empleados y que no estén en la ciudad."
    assert detect(german, LANGUAGES) == "de"
    assert detect(spanish, LANGUAGES) == "es"
    assert detect("42", LANGUAGES) == "und"


def test_inline_suppression_comments() -> None:
    text = (
        "The mayor said the lane would open.\n\n<!-- artlint-disable-next-line boilerplate.comment-form -->\n"
        "Leave a Reply\n\nLeave a comment\n"
    )
    result = LINTER.lint_text(text, fmt="md", lang="en")
    lines = [f.line for f in result.findings if f.rule == "boilerplate.comment-form"]
    assert lines == [6]
    blanket = LINTER.lint_text("<!-- artlint-disable boilerplate -->\nLeave a Reply\n", fmt="md", lang="en")
    assert not [f for f in blanket.findings if f.category == "boilerplate"]
