"""The engine: a pure function from (article, compiled rules, options) to a
result.  No global state, so it runs the same in a process pool or on a
Dask worker."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import field, replace

from artlint.dedupe import one_per_problem
from artlint.document import Document
from artlint.errors import InputProblem
from artlint.findings import Finding
from artlint.kinds import KINDS
from artlint.language import detect
from artlint.limits import Limits, shown
from artlint.matching import RuleTimeout, rule_budget
from artlint.metrics import collect as collect_metrics
from artlint.readers import is_suppressed, parse
from artlint.reasons import score_reasons
from artlint.records import dataclass
from artlint.results import ArticleResult, passes
from artlint.ruleset import RuleSet
from artlint.scoring import category_scores, overall_score
from artlint.sources import Article

LAST_STAGE = 3  # a matcher that uses findings without naming its stage runs with the last


@dataclass(frozen=True)
class LintOptions:
    """What the engine needs from the configuration (picklable, small)."""

    lang: str | None = None
    fail_on: str = "warning"  # error | warning | info | none
    min_score: float | None = None
    category_weights: Mapping[str, float] = field(default_factory=dict)
    severity: Mapping[str, str] = field(default_factory=dict)  # rule id/prefix -> severity
    limits: Limits = field(default_factory=Limits)


def build_document(article: Article, ruleset: RuleSet, lang: str | None) -> tuple[Document, list]:
    parsed = parse(article.text, article.format)
    language = lang or detect(parsed.text, ruleset.languages)
    profile = ruleset.languages.get(language)
    document = Document(
        text=parsed.text,
        path=article.path,
        record=article.record,
        format=article.format,
        language=language,
        abbreviations=profile.abbreviations if profile else frozenset(),
        numeral_abbreviations=profile.numeral_abbreviations if profile else frozenset(),
        stopwords=profile.stopwords if profile else frozenset(),
        block_style=parsed.block_style,
        source_map=parsed.source_map,
    )
    return document, parsed.suppressions


def stage_of(matcher: object) -> int:
    """0: checked first; 1 and up: after, with the findings made so far (a
    matcher that uses findings without saying its stage goes last)."""
    if not getattr(matcher, "uses_findings", False):
        return 0
    return int(getattr(matcher, "stage", LAST_STAGE))


def lint_article(article: Article, ruleset: RuleSet, options: LintOptions) -> ArticleResult:
    article, problems = _within_line_limit(article, options.limits)
    document, suppressions = build_document(article, ruleset, options.lang)
    return _lint_document(article, document, suppressions, ruleset, options, problems)


def lint_or_skip(article: Article, ruleset: RuleSet, options: LintOptions) -> ArticleResult | InputProblem:
    """As lint_article, but an HTML page with no visible text (only scripts and
    styles) is an empty file, as a blank text file is, not a perfect article."""
    article, problems = _within_line_limit(article, options.limits)
    document, suppressions = build_document(article, ruleset, options.lang)
    if article.format == "html" and not document.text.strip():
        return InputProblem(
            article.path,
            "empty file: nothing to lint (no visible text)",
            line=article.record_line,
            record=article.record,
            level="warning",
        )
    return _lint_document(article, document, suppressions, ruleset, options, problems)


def _within_line_limit(article: Article, limits: Limits) -> tuple[Article, list[InputProblem]]:
    """The article cut at its max_lines-th line, or inside its first line longer
    than max_line_chars (with a warning), so that one endless line or a
    million one-character lines cannot take the run's time and memory."""
    chars, count = limits.cap("max_line_chars"), limits.cap("max_lines")
    text = article.text
    long_possible = chars is not None and len(text) > chars
    too_many = count is not None and len(text) >= count and text.count("\n") >= count
    if not long_possible and not too_many:
        return article, []
    lines = text.split("\n")
    cut: int | None = None
    message = ""
    if long_possible and chars is not None and max(map(len, lines)) > chars:
        offset = 0
        for number, line in enumerate(lines, start=1):
            if len(line) > chars:
                cut = offset + int(chars)
                message = (
                    f"line {number} is longer than the limit (max_line_chars = {shown(chars)}); "
                    "the article was linted up to that many characters of it"
                )
                break
            offset += len(line) + 1
    if too_many and count is not None:
        end = sum(map(len, lines[: int(count)])) + int(count)
        if cut is None or end < cut:
            cut = end
            message = (
                f"more lines than the limit (max_lines = {shown(count)}); "
                "the article was linted up to that line"
            )
    if cut is None:
        return article, []
    warning = InputProblem(
        article.path, message, line=article.record_line, record=article.record, level="warning"
    )
    return replace(article, text=text[:cut]), [warning]


def _lint_document(
    article: Article,
    document: Document,
    suppressions: list,
    ruleset: RuleSet,
    options: LintOptions,
    problems: list[InputProblem],
) -> ArticleResult:
    findings: list[Finding] = []
    max_findings = options.limits.cap("max_findings")
    rule_seconds = options.limits.cap("rule_seconds")
    checked: set[str] = set()
    applicable = [(rule, rule.matcher_for(document.language)) for rule in ruleset.rules]
    # A rule that judges a line by what the others found around it runs after
    # them, by stage (the sort is stable: rule id order otherwise), and is
    # handed the findings made before it.
    applicable.sort(key=lambda pair: stage_of(pair[1]))
    for rule, matcher in applicable:
        if matcher is None:
            continue
        checked.add(rule.category)
        try:
            with rule_budget(rule_seconds):
                if stage_of(matcher):
                    found = KINDS[rule.kind].check(document, rule, matcher, tuple(findings))
                else:
                    found = KINDS[rule.kind].check(document, rule, matcher)
                if max_findings is None:
                    findings.extend(found)
                else:
                    # Stop taking findings at the limit: an article of a million
                    # one-character lines must not hold a million findings.
                    findings.extend(itertools.islice(found, int(max_findings) - len(findings) + 1))
        except RuleTimeout as timeout:
            problems.append(
                InputProblem(
                    article.path,
                    str(timeout).split(": ", 1)[1],
                    line=article.record_line,
                    record=article.record,
                    rule=rule.id,
                )
            )
        if max_findings is not None and len(findings) > max_findings:
            del findings[int(max_findings) :]
            problems.append(
                InputProblem(
                    article.path,
                    f"more findings than the limit (max_findings = {shown(max_findings)}); "
                    "the other rules were not run on this article",
                    line=article.record_line,
                    record=article.record,
                    level="warning",
                )
            )
            break
    if suppressions:
        findings = [f for f in findings if not is_suppressed(suppressions, f.rule, f.line)]
    if options.severity:
        findings = [_with_severity(f, options.severity) for f in findings]
    findings.sort(key=Finding.sort_key)
    lines = len(document.nonblank_lines)
    metrics = collect_metrics(document, findings, checked)
    scores = category_scores(findings, document.word_count, lines, checked, metrics)
    overall = overall_score(scores, options.category_weights or None)
    passed = passes(findings, overall, options.fail_on, options.min_score)
    reasons = score_reasons(findings, document.word_count, metrics, checked)
    # One finding per problem, once everything is measured (artlint/dedupe.py).
    specificity = {rule.id: _specificity(rule.kind, m) for rule, m in applicable if m is not None}
    findings = sorted(
        one_per_problem(findings, lambda rule_id: specificity.get(rule_id, LAST_STAGE + 1)),
        key=Finding.sort_key,
    )
    source = article.text.split("\n")
    source_lines = {f.line: source[f.line - 1] for f in findings if 0 < f.line <= len(source)}
    return ArticleResult(
        path=article.path,
        record=article.record,
        record_line=article.record_line,
        format=article.format,
        language=document.language,
        words=document.word_count,
        passed=passed,
        scores={"overall": overall, **scores},
        metrics=metrics,
        findings=tuple(findings),
        problems=tuple(problems),
        reasons=reasons,
        source_lines=source_lines,
    )


def _specificity(kind: str, matcher: object) -> int:
    """0: the rule reads words; 1: shape (a line or block printed again); 2 and up: context."""
    if stage_of(matcher):
        return 1 + stage_of(matcher)
    return 1 if kind in ("repeat", "doubled") else 0


def _with_severity(finding: Finding, overrides: Mapping[str, str]) -> Finding:
    best = None
    for name, severity in overrides.items():
        applies = finding.rule == name or finding.rule.startswith(name + ".")
        if applies and (best is None or len(name) > len(best[0])):
            best = (name, severity)
    return replace(finding, severity=best[1]) if best else finding
