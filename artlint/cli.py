"""Command-line interface: parse arguments, wire the pieces, choose the exit code.

Exit codes:
  0  every article passed
  1  at least one article failed: a finding at or above --fail-on, or an
     overall score below --min-score
  2  artlint could not do everything it was asked: bad usage, an invalid
     config or rule pack, or an input that could not be read or fully linted
     (the other inputs were still linted and reported)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from artlint import __version__
from artlint.config import Config, load_config
from artlint.errors import ArtlintError, InputProblem, RulePackError, problem_line
from artlint.textsafe import printable

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "jsonl", "sarif", "github", "html")

_EPILOG = """\
exit codes:
  0  every article passed
  1  an article failed (a finding at or above --fail-on, or a score below --min-score)
  2  usage, configuration or rule-pack error, or an input that could not be read
     (the other inputs are still linted and reported)

examples:
  artlint check examples/
  artlint check --format json --output report.json corpus.jsonl
  artlint check --select boilerplate --fail-on error article.md
  cat article.txt | artlint check - --lang fr
  artlint fix --diff scraped/
  artlint rules --explain boilerplate.comment-form
"""


def _shared_options() -> argparse.ArgumentParser:
    """Options accepted before or after the command: `artlint --format json check x` works."""
    shared = argparse.ArgumentParser(add_help=False)
    sup = argparse.SUPPRESS
    group = shared.add_argument_group("options for check and fix")
    group.add_argument(
        "--config",
        metavar="FILE",
        default=sup,
        help="config file: .artlint.toml or pyproject.toml with [tool.artlint] "
        "(default: the nearest one from the current folder upward)",
    )
    group.add_argument("--isolated", action="store_true", default=sup, help="ignore every config file")
    group.add_argument(
        "--select",
        metavar="IDS",
        default=sup,
        help="comma-separated rule ids, categories or id prefixes to run",
    )
    group.add_argument(
        "--ignore",
        metavar="IDS",
        default=sup,
        help="comma-separated rule ids, categories or id prefixes not to run",
    )
    group.add_argument(
        "--lang",
        metavar="CODE",
        default=sup,
        help="language of every article, e.g. en or fr (default: detected per article)",
    )
    group.add_argument(
        "--rule-path",
        metavar="PATH",
        action="append",
        default=sup,
        help="extra rule pack (file or folder); may be repeated",
    )
    group.add_argument(
        "--text-field", metavar="NAME", default=sup, help="JSONL field with the text (default: text)"
    )
    group.add_argument(
        "--id-field", metavar="NAME", default=sup, help="JSONL field naming a record (default: id)"
    )
    group.add_argument(
        "--stdin-format",
        choices=("txt", "md", "html", "jsonl"),
        default=sup,
        help="format of the text read from '-' (default: txt)",
    )
    group.add_argument(
        "--encoding",
        metavar="NAME",
        default=sup,
        help="encoding to try when a file is not valid UTF-8, e.g. cp1252",
    )
    group.add_argument(
        "--exclude",
        metavar="GLOB",
        action="append",
        default=sup,
        help="skip files and folders matching this glob; may be repeated",
    )
    group.add_argument(
        "--no-cache",
        action="store_true",
        default=sup,
        help="compile the rule packs afresh instead of using the cache",
    )
    out = shared.add_argument_group("options for check")
    out.add_argument("--format", choices=FORMATS, default=sup, help="output format (default: text)")
    out.add_argument(
        "--output", "-o", metavar="FILE", default=sup, help="write the report to FILE instead of stdout"
    )
    out.add_argument(
        "--min-score",
        type=float,
        metavar="N",
        default=sup,
        help="fail an article whose overall score is below N (0-100)",
    )
    out.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "none"),
        default=sup,
        help="lowest severity that fails an article (default: warning)",
    )
    out.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        default=sup,
        help="worker processes (default: the number of CPUs; 1: no pool)",
    )
    out.add_argument(
        "--engine",
        choices=("local", "dask"),
        default=sup,
        help="where articles are linted: local processes (default) or a Dask cluster (artlint[dask])",
    )
    out.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=sup,
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)",
    )
    out.add_argument(
        "--baseline",
        metavar="FILE",
        default=sup,
        help="do not report the findings FILE holds (written by --write-baseline), so only new ones "
        "fail by severity; scores, and so --min-score, still count them",
    )
    out.add_argument(
        "--write-baseline",
        metavar="FILE",
        default=sup,
        help="write every finding of this run to FILE as the baseline (replacing what it held), "
        "and exit 0 unless an input failed",
    )
    out.add_argument(
        "--validate",
        action="store_true",
        default=sup,
        help="validate the JSON report against schemas/report.schema.json before writing it",
    )
    out.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default=sup,
        help="colour text output (default: auto, only on a terminal and without NO_COLOR)",
    )
    out.add_argument(
        "--quiet", "-q", action="store_true", default=sup, help="text format: print only the summary line"
    )
    out.add_argument(
        "--statistics",
        action="store_true",
        default=sup,
        help="text format: print how many findings each rule made, before the summary line",
    )
    out.add_argument(
        "--show-source",
        action="store_true",
        default=sup,
        help="text format: print each finding's line with a caret under what it reports",
    )
    fix = shared.add_argument_group("options for fix")
    fix.add_argument(
        "--diff",
        action="store_true",
        default=sup,
        help="print a unified diff of what fix would change, and write nothing",
    )
    return shared


def build_parser() -> argparse.ArgumentParser:
    shared = _shared_options()
    parser = argparse.ArgumentParser(
        prog="artlint",
        description="Lint and score articles: scraper residue, missing names, weak sourcing, "
        "unsupported claims and readability, in French, English and more.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[shared],
    )
    parser.add_argument("--version", action="version", version=f"artlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        parents=[shared],
        help="lint articles and report findings and scores",
        description="Lint articles (.txt, .md, .html, .jsonl, .jsonl.gz, or '-' for "
        "stdin) and report findings and scores.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    fix = commands.add_parser(
        "fix",
        parents=[shared],
        help="remove fixable residue from articles, in place",
        description="Remove what fixable rules report (scraper residue) from .txt, "
        ".md and .jsonl files. Writes atomically and keeps the encoding, "
        "line endings and every line that is not residue.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fix.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    rules = commands.add_parser("rules", parents=[shared], help="list the rules, or explain one")
    rules.add_argument("--explain", metavar="ID", help="show one rule with its examples")
    rules.add_argument("--json", action="store_true", help="print the list as JSON")
    rules.add_argument(
        "--test",
        nargs="*",
        metavar="PACK",
        help="run the examples of the rules of these packs (default: every rule) and exit 1 "
        "listing the bad examples not reported and the good ones reported",
    )
    commands.add_parser(
        "server",
        help="run a Language Server Protocol server on stdin/stdout (diagnostics in editors)",
        description="Speak the Language Server Protocol on stdin and stdout: an editor that starts "
        "`artlint server` shows findings as diagnostics in Markdown, text and HTML files, on open, "
        "change and save. The configuration is found from the workspace folder upward.",
    )
    schema = commands.add_parser("schema", help="print a JSON Schema artlint uses")
    schema.add_argument("name", choices=("report", "rule", "config", "language", "baseline"))
    return parser


def _config_from(args: argparse.Namespace) -> Config:
    if getattr(args, "isolated", False):
        config = Config()
    else:
        config_path = getattr(args, "config", None)
        config = load_config(Path(config_path) if config_path else None)

    def split(name: str) -> tuple[str, ...] | None:
        value = getattr(args, name, None)
        return tuple(v.strip() for v in value.split(",") if v.strip()) if value is not None else None

    extra_rules = tuple(getattr(args, "rule_path", None) or ())
    lang = getattr(args, "lang", None)
    encoding = getattr(args, "encoding", None)
    for name in (encoding, config.encoding):
        if name is not None:
            _check_encoding(name)
    return config.updated(
        select=split("select"),
        ignore=split("ignore"),
        lang=_language_code(lang) if lang is not None else None,
        format=getattr(args, "format", None),
        min_score=getattr(args, "min_score", None),
        fail_on=getattr(args, "fail_on", None),
        text_field=getattr(args, "text_field", None),
        id_field=getattr(args, "id_field", None),
        encoding=getattr(args, "encoding", None),
        jobs=getattr(args, "jobs", None),
        exclude=(*config.exclude, *getattr(args, "exclude", ())) if getattr(args, "exclude", None) else None,
        rule_paths=(*config.rule_paths, *extra_rules) if extra_rules else None,
        baseline=getattr(args, "baseline", None),
    )


def _language_code(value: str) -> str:
    """--lang as the config file takes it: "EN", "en-US" and "en_us" are "en"."""
    import re

    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise ArtlintError(f"--lang: {value!r} is not a language code (two or three letters, e.g. en or fr)")
    return code


def _check_encoding(name: str) -> None:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        raise ArtlintError(f"unknown encoding: {printable(name)} (e.g. cp1252, latin-1)") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        if args.command == "schema":
            return _schema(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "server":
            from artlint.server import run

            return run()
        if args.command == "fix":
            from artlint.fix import run_fix

            return run_fix(args, _config_from(args), _linter(args))
        return _check(args)
    except RulePackError as error:
        for problem in error.problems:
            print(f"artlint: rule pack error: {printable(problem)}", file=sys.stderr)
        return EXIT_ERROR
    except ArtlintError as error:
        print(f"artlint: error: {_printable_lines(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("artlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`artlint check | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _printable_lines(message: str) -> str:
    # A config error may hold several lines; each is escaped, the breaks kept.
    return "\n".join(printable(line) for line in message.split("\n"))


def _linter(args: argparse.Namespace, config: Config | None = None) -> Any:
    from artlint import cache
    from artlint.api import Linter

    config = config or _config_from(args)
    cache.check_usable()  # its warning once, here, not once per worker process
    return Linter.from_config(config, use_cache=not getattr(args, "no_cache", False))


def _schema(args: argparse.Namespace) -> int:
    from artlint.resources import load_schema

    print(json.dumps(load_schema(args.name), indent=2, ensure_ascii=False))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    if args.test is not None:
        return _test_rules(args)
    linter = _linter(args)
    rules = linter.ruleset.rules
    if args.explain:
        from artlint.ruletest import run_examples

        chosen = [r for r in linter.ruleset.rules if r.id == args.explain]
        if not chosen:
            raise ArtlintError(f"unknown rule: {args.explain} (see `artlint rules`)")
        outcomes = run_examples(linter.ruleset, chosen)
        print(_explain(chosen[0], outcomes))
        return EXIT_OK if all(o.passed for o in outcomes) else EXIT_FAILED

    if args.json:
        print(json.dumps([_rule_summary(r) for r in rules], indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max((len(r.id) for r in rules), default=10)
    for rule in rules:
        langs = ",".join(sorted(c for c in rule.compiled if c != "*")) or "*"
        fix = " fix" if rule.fixable else ""
        print(
            f"{rule.id:<{width}}  {rule.kind:<11} {rule.severity:<7} {langs:<11}{fix:<4}  "
            f"{(rule.description or rule.message).splitlines()[0][:70]}"
        )
    print(f"{len(rules)} rules.", file=sys.stderr)
    return EXIT_OK


def _rule_summary(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.id,
        "category": rule.category,
        "kind": rule.kind,
        "severity": rule.severity,
        "languages": sorted(rule.compiled),
        "fix": rule.fix,
        "message": rule.message,
        "description": rule.description,
        "source": rule.source,
        "measured": dict(rule.measured) if rule.measured else None,
    }


def _measured_lines(rule: Any) -> list[str]:
    """What the labeled pages say about the rule (rules/boilerplate-measured.json)."""
    row = rule.measured
    if not row:
        return []
    held = row.get("held_out_precision")
    held_text = f", {held:.3f} on {row['held_out_lines']} held-out lines" if held is not None else ""
    earned = "earned" if row.get("fix") else "not earned: reported, not fixed"
    return [
        f"measured: line precision {row['precision']:.3f} on {row['lines']} lines of {row['sites']} sites"
        f"{held_text}; fix {earned}"
    ]


def _test_rules(args: argparse.Namespace) -> int:
    """`rules --test [PACK...]`: every example of the given packs' rules (or of all rules)."""
    from artlint.ruleset import load_ruleset, pack_files
    from artlint.ruletest import format_failure, rules_in, run_examples

    config = _config_from(args)
    bundled = {p.name: p for p in pack_files()}
    named, extra = [], []
    for path in pack_files(args.test)[len(bundled) :] if args.test else []:
        # A bundled pack named by its path (rules/claims.yaml in a clone, the same
        # file as the installed one) is tested as the bundled pack, not loaded twice.
        twin = bundled.get(path.name)
        if twin is not None and (twin.resolve() == path.resolve() or twin.read_bytes() == path.read_bytes()):
            named.append(twin)
        else:
            named.append(path)
            extra.append(path)
    ruleset = load_ruleset([*config.rule_paths, *extra], use_cache=not getattr(args, "no_cache", False))
    rules = rules_in(ruleset, named) if args.test else list(ruleset.rules)
    outcomes = run_examples(ruleset, rules)
    failed = [o for o in outcomes if not o.passed]
    for outcome in failed:
        print(format_failure(outcome))
    print(
        f"{len(outcomes)} example{'s' * (len(outcomes) != 1)} of {len(rules)} rule{'s' * (len(rules) != 1)}: "
        f"{len(outcomes) - len(failed)} passed, {len(failed)} failed."
    )
    if args.test and not rules:
        print("artlint: error: the given packs define no rule", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_FAILED if failed else EXIT_OK


def _explain(rule: Any, outcomes: Sequence[Any] = ()) -> str:
    lines = [
        rule.id,
        "=" * len(rule.id),
        f"category: {rule.category}    kind: {rule.kind}    severity: {rule.severity}"
        f"    weight: {rule.weight:g}",
        f"languages: {', '.join(sorted(rule.compiled))}    fix: {rule.fix or 'none'}",
        f"defined at: {rule.source}",
        *_measured_lines(rule),
        "",
        rule.description.strip() or rule.message,
        "",
        f"message: {rule.message}",
    ]
    # Each example is run: "ok" if the rule does what the example says, "FAIL" otherwise.
    verdicts = {id(o.example): o for o in outcomes}
    for label, bad in (("Must be reported", True), ("Must not be reported", False)):
        examples = [e for e in rule.examples if e.bad is bad]
        if examples:
            lines += ["", f"{label} ({'bad' if bad else 'good'} examples):"]
            for example in examples:
                outcome = verdicts.get(id(example))
                mark = "" if outcome is None else ("ok   " if outcome.passed else "FAIL ")
                prefix = f"  {mark}[{example.language}] "
                text = example.text.rstrip("\n").replace("\n", "\n" + " " * len(prefix))
                lines.append(prefix + text)
                if outcome is not None and not outcome.passed:
                    lines.append(f"       ^ {outcome.describe()}")
    return "\n".join(lines)


def _open_output(path: str | None) -> tuple[IO[str], bool]:
    if path is None:
        return sys.stdout, False
    try:
        from artlint.sources import open_report

        return open_report(path), True
    except OSError as error:
        raise ArtlintError(f"{path}: cannot write the report: {error.strerror or error}") from None


def _refuse_input_as_output(target: str | None, paths: Sequence[str], sources: Any) -> None:
    """Opening the report for writing would empty an input before it is read:
    refuse a target that is one of the inputs, or an article inside a folder given."""
    if not target or target == "-":
        return
    from artlint.sources import format_of

    resolved = Path(target).resolve()
    for given in paths:
        if given == "-":
            continue
        path = Path(given)
        try:
            same = resolved.exists() and path.exists() and os.path.samefile(resolved, path)
        except OSError:
            same = False
        inside = path.is_dir() and resolved.is_relative_to(path.resolve()) and format_of(target) is not None
        if same or resolved == path.resolve() or inside:
            raise ArtlintError(f"{target}: is one of the inputs ({given}); write the report elsewhere")


def _use_color(args: argparse.Namespace, stream: IO[str]) -> bool:
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _check(args: argparse.Namespace) -> int:
    from artlint.api import default_jobs
    from artlint.report import make_reporter
    from artlint.results import Summary

    config = _config_from(args)
    linter = _linter(args, config)
    paths = args.paths or ["."]
    fmt = config.format
    validate = getattr(args, "validate", False)
    stdin_format = getattr(args, "stdin_format", None)
    if stdin_format:
        from dataclasses import replace

        linter = replace(linter, sources=replace(linter.sources, stdin_format=stdin_format))
    jobs = config.jobs or default_jobs()
    engine = getattr(args, "engine", "local")
    scheduler = getattr(args, "scheduler", None)
    if scheduler and engine != "dask":
        raise ArtlintError("--scheduler goes with --engine dask")
    if "-" in paths or (
        len(paths) == 1 and Path(paths[0]).is_file() and not paths[0].endswith((".jsonl", ".gz"))
    ):
        jobs = 1  # one article: a pool would only add start-up time
    accepted = _baseline_of(config)  # before the output is opened: a bad baseline writes nothing
    _refuse_input_as_output(getattr(args, "output", None), paths, linter.sources)
    _refuse_input_as_output(getattr(args, "write_baseline", None), paths, linter.sources)
    output, close = _open_output(getattr(args, "output", None))
    buffer = io.StringIO() if validate and fmt == "json" else None
    stream = buffer if buffer is not None else output
    reporter = make_reporter(fmt, stream, color=fmt == "text" and _use_color(args, output))
    if hasattr(reporter, "use_rules"):  # SARIF describes the rules that report
        reporter.use_rules(linter.ruleset)
    if fmt == "text":
        reporter.show_source = getattr(args, "show_source", False)  # type: ignore[attr-defined]
        reporter.statistics = getattr(args, "statistics", False)  # type: ignore[attr-defined]
    quiet = getattr(args, "quiet", False)
    recorder = _baseline_writer(args)
    summary = Summary()
    problems: list[InputProblem] = []
    if engine == "dask":
        from artlint.distributed import lint_paths as lint_on_dask

        items = lint_on_dask(linter, paths, scheduler=scheduler, jobs=jobs)
    else:
        items = linter.lint_paths(paths, jobs=jobs)
    from artlint.progress import Progress, wanted

    progress = Progress(wanted(output))
    try:
        for item in progress.track(items):
            if isinstance(item, InputProblem):
                problems.append(item)
                summary.add_problem(item)
                progress.echo(problem_line(item))
                reporter.problem(item)
                continue
            for problem in item.problems:
                problems.append(problem)
                progress.echo(problem_line(problem))
            if recorder is not None:
                recorder.add(item)
            if accepted is not None:
                item, known = accepted.apply(item, config.fail_on, config.min_score)
                summary.baselined += known
            summary.add(item)
            if not (quiet and fmt == "text"):
                reporter.result(item)
        reporter.finish(summary, problems)
        if buffer is not None:
            _validate_report(buffer.getvalue())
            output.write(buffer.getvalue())
    finally:
        progress.close()
        if close:
            output.close()
    if recorder is not None:
        count = recorder.write()
        print(
            f"artlint: wrote {count} finding{'s' * (count != 1)} to the baseline {recorder.path}",
            file=sys.stderr,
        )
    if summary.errors:
        return EXIT_ERROR
    if recorder is not None:
        return EXIT_OK  # every finding is in the baseline now
    return EXIT_FAILED if summary.failed else EXIT_OK


def _baseline_of(config: Config) -> Any:
    if not config.baseline:
        return None
    from artlint import baseline

    return baseline.load(Path(config.baseline))


def _baseline_writer(args: argparse.Namespace) -> Any:
    target = getattr(args, "write_baseline", None)
    if not target:
        return None
    from artlint import baseline

    return baseline.Writer(Path(target))


def _validate_report(text: str) -> None:
    import jsonschema

    from artlint.resources import load_schema

    try:
        jsonschema.validate(json.loads(text), load_schema("report"), cls=jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as error:
        where = "/".join(map(str, error.absolute_path))
        raise ArtlintError(f"the report does not match its schema at {where}: {error.message}") from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
