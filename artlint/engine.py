"""The engine: a pure function from (article, compiled rules, options) to a
result.  No global state, so it runs the same in a process pool or on a
Dask worker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from artlint.dedupe import one_per_problem
from artlint.document import Document
from artlint.errors import InputProblem
from artlint.findings import Finding
from artlint.kinds import KINDS
from artlint.language import detect
from artlint.matching import RuleTimeout
from artlint.metrics import collect as collect_metrics
from artlint.readers import is_suppressed, parse
from artlint.reasons import score_reasons
from artlint.results import ArticleResult, passes
from artlint.ruleset import RuleSet
from artlint.scoring import category_scores, overall_score
from artlint.sources import Article

LAST_STAGE = 2  # the stage of a rule judged by its neighbours (kinds/line.py)


@dataclass(frozen=True)
class LintOptions:
    """What the engine needs from the configuration (picklable, small)."""

    lang: str | None = None
    fail_on: str = "warning"  # error | warning | info | none
    min_score: float | None = None
    category_weights: Mapping[str, float] = field(default_factory=dict)
    severity: Mapping[str, str] = field(default_factory=dict)  # rule id/prefix -> severity


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
    document, suppressions = build_document(article, ruleset, options.lang)
    findings: list[Finding] = []
    problems: list[InputProblem] = []
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
            if stage_of(matcher):
                findings.extend(KINDS[rule.kind].check(document, rule, matcher, tuple(findings)))
            else:
                findings.extend(KINDS[rule.kind].check(document, rule, matcher))
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
    shown = {f.line: source[f.line - 1] for f in findings if 0 < f.line <= len(source)}
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
        source_lines=shown,
    )


def _specificity(kind: str, matcher: object) -> int:
    """0: the rule reads words; 1: shape (a line or block printed again); 2 and up: context."""
    if stage_of(matcher):
        return 1 + stage_of(matcher)
    return 1 if kind in ("repeat", "doubled") else 0


def _with_severity(finding: Finding, overrides: Mapping[str, str]) -> Finding:
    from dataclasses import replace

    best = None
    for name, severity in overrides.items():
        applies = finding.rule == name or finding.rule.startswith(name + ".")
        if applies and (best is None or len(name) > len(best[0])):
            best = (name, severity)
    return replace(finding, severity=best[1]) if best else finding
