"""Speed and memory of artlint, side by side with proselint, in one run.

    python bench/bench.py                 # a few minutes: throughput, latency, scaling to 10k
    python bench/bench.py --big           # adds 100k articles and a 1 GB corpus (much longer)
    python bench/bench.py --profile-rules # where one article's time goes, rule by rule
    python bench/bench.py --artlint .venv/bin/artlint  # measure a non-editable install (as users get it)

Every figure is a whole process timed from outside (wall clock), as a user
would see it; peak memory is sampled from /proc for the process and all its
children: the largest process's resident set (RSS), and the proportional set
size (PSS) of all of them together, which counts pages a forked worker shares
with its parent once.  These are benchmarks, not tests: they assert nothing and the
machine's load (printed) moves them.

Corpora are generated under bench/out/ (git-ignored) from ../shared:
- corpus-en/: 1,000 files cycling the distinct English prose texts of 2 KB+
  among the labeled pages (residue/traf_default, residue/naive, holes/*.clean);
- seeds-2000/: the five seed articles repeated to 2,000 files (issue 2);
- scale-N.jsonl: N records cycling the same texts, for the scaling curve.

proselint is not a dependency of artlint: it is installed into its own
virtual environment (default /tmp/benchenv, made on first use with
`python -m venv /tmp/benchenv && /tmp/benchenv/bin/pip install proselint`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
MIN_BYTES = 2048


# -- measuring a process ------------------------------------------------------------
@dataclass
class Run:
    wall: float
    peak_total_mb: float  # the process and its children together (PSS), at the worst moment
    peak_single_mb: float  # the largest single process (RSS)
    code: int
    cpu: float = 0.0  # user + system CPU seconds of the process and its children: less moved by load


def _pss_kb(pid: int) -> int | None:
    """Proportional set size: shared pages (a forked worker's) counted once over the processes."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _tree_rss(root: int) -> tuple[int, int]:
    """(total PSS, largest RSS) in kB over `root` and its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))  # field 4: ppid
            rss[int(entry)] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)  # field 24: rss pages
        except (OSError, IndexError, ValueError):
            continue
    total = largest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        if pid in rss:
            pss = _pss_kb(pid)
            total += pss if pss is not None else rss[pid]
            largest = max(largest, rss[pid])
        stack.extend(children.get(pid, []))
    return total, largest


def _environment() -> dict[str, str]:
    """This environment, minus PYTHONDONTWRITEBYTECODE: an installed artlint has its
    bytecode compiled (pip does it), so start-up must not include compiling it."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(
    command: Sequence[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    expected: tuple[int, ...] = (0, 1),
) -> Run:
    env = env if env is not None else _environment()
    peaks = [0, 0]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            total, largest = _tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in expected:
        sys.stderr.write(
            f"warning: {' '.join(command[:4])} ... exited {process.returncode}: {err[-500:]!r}\n"
        )
    cpu = _children_cpu() - cpu_before
    return Run(wall, peaks[0] / 1024, peaks[1] / 1024, process.returncode, cpu)


def median_run(
    command: Sequence[str], times: int, env: dict[str, str] | None = None, expected: tuple[int, ...] = (0, 1)
) -> Run:
    runs = [run(command, env, expected=expected) for _ in range(times)]
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return Run(
        wall, max(r.peak_total_mb for r in runs), max(r.peak_single_mb for r in runs), runs[0].code, cpu
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


# -- corpora ---------------------------------------------------------------------------
def english_texts() -> list[tuple[str, str]]:
    """(name, text) of the distinct English prose texts of 2 KB+ among the labeled pages."""
    from artlint.api import Linter
    from artlint.config import Config
    from artlint.language import detect

    profiles = Linter.from_config(Config()).ruleset.languages
    corpus = SHARED / "corpus"
    candidates = sorted((corpus / "residue" / "traf_default").glob("*.txt"))
    candidates += sorted((corpus / "residue" / "naive").glob("*.txt"))
    candidates += sorted((corpus / "holes").glob("*.clean.txt"))
    seen: set[str] = set()
    texts = []
    for path in candidates:
        if path.stat().st_size < MIN_BYTES:
            continue
        text = path.read_text(encoding="utf-8")
        if text in seen or detect(text, profiles) != "en":
            continue
        seen.add(text)
        texts.append((f"{path.parent.name}-{path.stem[:16]}", text))
    return texts


def make_file_corpus(folder: Path, texts: list[tuple[str, str]], count: int, suffix: str = ".txt") -> Path:
    marker = folder / ".complete"
    if marker.exists() and marker.read_text() == str(count):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for index in range(count):
        name, text = texts[index % len(texts)]
        (folder / f"{index:06d}-{name}{suffix}").write_text(text, encoding="utf-8")
    marker.write_text(str(count))
    return folder


def make_jsonl_corpus(path: Path, texts: list[tuple[str, str]], count: int) -> Path:
    marker = path.with_name(path.name + ".complete")
    if marker.exists() and marker.read_text() == str(count) and path.exists():
        return path
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(count):
            name, text = texts[index % len(texts)]
            handle.write(json.dumps({"id": f"{index}-{name}", "text": text}, ensure_ascii=False) + "\n")
    marker.write_text(str(count))
    return path


def make_sized_jsonl(path: Path, texts: list[tuple[str, str]], size: int) -> tuple[Path, int]:
    """A JSONL corpus of at least `size` bytes; returns it and its record count."""
    marker = path.with_name(path.name + ".complete")
    if marker.exists() and path.exists() and path.stat().st_size >= size:
        return path, int(marker.read_text())
    written = count = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < size:
            name, text = texts[count % len(texts)]
            line = json.dumps({"id": f"{count}-{name}", "text": text}, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    marker.write_text(str(count))
    return path, count


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) / 1e6


# -- tools -----------------------------------------------------------------------------
_ARTLINT: list[str] = []  # --artlint, when given


def artlint_command() -> list[str]:
    if _ARTLINT:
        return list(_ARTLINT)
    script = Path(sys.executable).parent / "artlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "artlint"]


def corpus_command(jobs: int, report: Path, corpus: Path, select: str | None = None) -> list[str]:
    """artlint over a corpus with the defaults (or only `select`), the report streamed to a file."""
    options = ["--isolated", "--format", "jsonl", "--jobs", str(jobs), "--output", str(report)]
    if select:
        options += ["--select", select]
    return [*artlint_command(), "check", *options, str(corpus)]


def proselint_command(venv: Path, install: bool) -> list[str] | None:
    binary = venv / "bin" / "proselint"
    if not binary.exists() and install:
        print(f"installing proselint into {venv} (python -m venv {venv} && {venv}/bin/pip install proselint)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], check=True)
    if not binary.exists():
        return None
    return [str(binary)]


def proselint_version(venv: Path) -> str:
    found = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import importlib.metadata as m; print(m.version('proselint'))"],
        capture_output=True,
        text=True,
    )
    return found.stdout.strip() or "?"


# -- sections --------------------------------------------------------------------------
def throughput(args: argparse.Namespace, texts: list[tuple[str, str]], proselint: list[str] | None) -> None:
    corpus = make_file_corpus(OUT / "corpus-en", texts, args.files)
    report = OUT / "report.jsonl"
    print(
        f"\n## Throughput: {args.files} English files ({len(texts)} distinct texts of 2 KB+ cycled, "
        f"{folder_mb(corpus):.1f} MB), all default rules, whole process\n{load()}"
    )
    print(f"{'':34}{'files/s':>9}{'wall s':>9}{'CPU s':>8}{'peak MB (largest RSS / all PSS)':>34}")
    rows: dict[str, Run] = {}
    if proselint:
        rows["proselint"] = run([*proselint, "check", str(corpus)])
        _row(
            f"proselint {proselint_version(args.proselint_venv)} (one process)", args.files, rows["proselint"]
        )
    base = [*artlint_command(), "check", "--isolated", "--format", "jsonl", "--output", str(report)]
    for jobs in sorted({1, args.jobs}):
        rows[f"artlint-{jobs}"] = median_run([*base, "--jobs", str(jobs), str(corpus)], args.runs)
        _row(f"artlint --jobs {jobs}", args.files, rows[f"artlint-{jobs}"])
    if "proselint" in rows:
        ratios = ", ".join(
            f"--jobs {key.split('-')[1]}: {rows['proselint'].wall / value.wall:.2f}x"
            for key, value in rows.items()
            if key.startswith("artlint")
        )
        print(f"artlint files/s / proselint files/s: {ratios}  (target: 3x in one process, then 10x)")
        by_cpu = rows["proselint"].cpu / rows["artlint-1"].cpu if rows["artlint-1"].cpu else 0.0
        print(f"by CPU time, one process: {by_cpu:.2f}x (wall clock moves with the machine's load)")
    print(load())


def _row(label: str, count: int, measured: Run) -> None:
    print(
        f"{label:34}{count / measured.wall:9.1f}{measured.wall:9.2f}{measured.cpu:8.2f}"
        f"{measured.peak_single_mb:23.0f} / {measured.peak_total_mb:.0f}"
    )


def latency(args: argparse.Namespace, texts: list[tuple[str, str]], proselint: list[str] | None) -> None:
    sizes = sorted(len(text) for _, text in texts)
    _name, text = min(texts, key=lambda item: abs(len(item[1]) - sizes[len(sizes) // 2]))  # a median one
    article = OUT / "one-article.md"
    article.write_text(text, encoding="utf-8")
    seed = SHARED / "seeds" / "002_fb5a591701a25ef8.txt"
    print(f"\n## Latency: one article, whole process, median of {args.latency_runs} runs\n{load()}")
    command = [*artlint_command(), "check", str(article)]
    run(command)  # warm the cache folder (compiled rules, syllable table), as any second run finds it
    for label, path in (
        (f"{article.name} ({len(text.encode()) / 1000:.1f} KB English)", article),
        (seed.name, seed),
    ):
        measured = median_run([*artlint_command(), "check", str(path)], args.latency_runs)
        line = (
            f"artlint check {label}: {measured.wall:.3f} s ({measured.cpu:.3f} s CPU), "
            f"{measured.peak_single_mb:.0f} MB"
        )
        if proselint:
            other = median_run([*proselint, "check", str(path)], args.latency_runs)
            line += f"   proselint: {other.wall:.3f} s ({other.cpu:.3f} s CPU), {other.peak_single_mb:.0f} MB"
        print(line + "   (target: 0.15 s)")
    colds = []
    for _ in range(args.cold_runs):
        with tempfile.TemporaryDirectory() as cold:
            colds.append(run(command, env={**_environment(), "ARTLINT_CACHE_DIR": str(Path(cold) / "c")}))
    wall, cpu = statistics.median(r.wall for r in colds), statistics.median(r.cpu for r in colds)
    print(
        f"artlint check {article.name}, first run on a machine (empty cache folder): "
        f"{wall:.3f} s ({cpu:.3f} s CPU; median of {args.cold_runs}; target: 0.5 s)"
    )
    with tempfile.TemporaryDirectory() as folder:
        blocker = Path(folder) / "a-file"  # a cache folder under a regular file cannot be made
        blocker.write_text("")
        env = {**_environment(), "ARTLINT_CACHE_DIR": str(blocker / "cache")}
        unusable = median_run(command, args.cold_runs, env)
        print(
            f"artlint check {article.name}, cache folder that cannot be written: {unusable.wall:.3f} s "
            f"({unusable.cpu:.3f} s CPU; median of {args.cold_runs}; target: 0.5 s)"
        )
        broken = Path(folder) / "house.yaml"
        broken.write_text("category: claims\nrules:\n  - id: claims.x\n    kind: [phrase\n", encoding="utf-8")
        invalid = median_run(
            [*command[:-1], "--rule-path", str(broken), command[-1]], args.cold_runs, expected=(2,)
        )
        print(
            f"artlint check with an invalid house pack, error reported in {invalid.wall:.3f} s "
            f"({invalid.cpu:.3f} s CPU; exit {invalid.code}; target: 0.3 s)"
        )
    print(load())


def seeds_2000(args: argparse.Namespace) -> None:
    paths = sorted((SHARED / "seeds").glob("*.txt"))
    seeds = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    corpus = make_file_corpus(OUT / "seeds-2000", seeds, 2000)
    print(
        f"\n## Issue 2: the {len(seeds)} seeds repeated to 2,000 articles "
        f"({folder_mb(corpus):.1f} MB)\n{load()}"
    )
    base = [
        *artlint_command(),
        "check",
        "--isolated",
        "--format",
        "jsonl",
        "--output",
        str(OUT / "report.jsonl"),
    ]
    for jobs in sorted({1, args.jobs}):
        measured = median_run([*base, "--jobs", str(jobs), str(corpus)], args.runs)
        print(f"artlint --jobs {jobs}: {2000 / measured.wall:.1f} articles/s ({measured.wall:.2f} s)")
    single = median_run([*artlint_command(), "check", str(paths[0])], args.latency_runs)
    print(
        f"artlint check on one seed article ({paths[0].name}): {single.wall:.3f} s "
        f"(median of {args.latency_runs})"
    )


def scaling(args: argparse.Namespace, texts: list[tuple[str, str]]) -> None:
    sizes = [1000, 10000] + ([100000] if args.big else [])
    print(f"\n## Scaling: JSONL corpora, --jobs {args.jobs}, streamed (--format jsonl to a file)\n{load()}")
    print(f"{'articles':>10}{'MB':>9}{'wall s':>9}{'articles/s':>12}{'peak MB (largest RSS / all PSS)':>34}")
    for size in sizes:
        corpus = make_jsonl_corpus(OUT / f"scale-{size}.jsonl", texts, size)
        measured = run(corpus_command(args.jobs, OUT / "report.jsonl", corpus))
        print(
            f"{size:10,}{corpus.stat().st_size / 1e6:9.0f}{measured.wall:9.1f}{size / measured.wall:12.1f}"
            f"{measured.peak_single_mb:23.0f} / {measured.peak_total_mb:.0f}"
        )
    if not args.big:
        print("(100,000 articles: run with --big)")
    print(load())


def one_gigabyte(args: argparse.Namespace, texts: list[tuple[str, str]]) -> None:
    corpus, count = make_sized_jsonl(OUT / "corpus-1gb.jsonl", texts, 1_000_000_000)
    rules = f"--select {args.gigabyte_select}" if args.gigabyte_select else "all default rules"
    print(
        f"\n## 1 GB corpus: {count:,} records, {corpus.stat().st_size / 1e9:.2f} GB, "
        f"--jobs {args.jobs}, {rules}, report to a .jsonl.gz\n{load()}"
    )
    measured = run(corpus_command(args.jobs, OUT / "report-1gb.jsonl.gz", corpus, args.gigabyte_select))
    print(
        f"wall {measured.wall:.0f} s, {count / measured.wall:.1f} articles/s, peak memory "
        f"{measured.peak_single_mb:.0f} MB largest process (RSS), {measured.peak_total_mb:.0f} MB all "
        "processes (PSS) "
        "(target: under 150 MB)"
    )
    print(load())


def profile_rules(texts: list[tuple[str, str]]) -> None:
    """CPU milliseconds per article (in-process, best of a few passes): building
    the document, the per-document analyses several rules share, each rule, the
    metrics."""
    from artlint import attribution, readability
    from artlint.api import Linter
    from artlint.config import Config
    from artlint.engine import build_document
    from artlint.kinds import KINDS
    from artlint.kinds.line import layout
    from artlint.metrics import collect
    from artlint.sources import Article

    linter = Linter.from_config(Config())
    articles = [Article(name, "txt", text) for name, text in texts]
    for article in articles:
        linter.lint_article(article)  # load what loads lazily, fill the per-process word memos
    shared = {
        # getattr: older versions have no prefilter (to profile them the same way)
        "folded text (literal prefilter)": lambda document: getattr(document, "folded", None),
        "attribution analysis": attribution.analyse,
        "readability (sentence words, Flesch)": lambda document: (
            readability.sentence_word_counts(document),
            readability.flesch_reading_ease(document),
        ),
        "line layout": layout,
    }
    passes = 3
    costs: dict[str, float] = {}

    def timed(key: str, work: Any) -> Any:
        started = time.process_time()
        result = work()
        costs[key] = costs.get(key, 0.0) + time.process_time() - started
        return result

    best: dict[str, float] = {}
    for _ in range(passes):
        costs.clear()
        for article in articles:
            timed("whole", lambda article=article: linter.lint_article(article))
            document = timed("document", lambda article=article: _built(build_document, article, linter))
            for name, analysis in shared.items():
                timed(name, lambda document=document, analysis=analysis: analysis(document))
            findings: list[Any] = []
            checked: set[str] = set()
            for rule in linter.ruleset.rules:
                matcher = rule.matcher_for(document.language)
                if matcher is None:
                    continue
                checked.add(rule.category)
                extra = (tuple(findings),) if getattr(matcher, "uses_findings", False) else ()
                kind = KINDS[rule.kind]
                found = timed(
                    rule.id,
                    lambda kind=kind, document=document, rule=rule, matcher=matcher, extra=extra: list(
                        kind.check(document, rule, matcher, *extra)
                    ),
                )
                findings.extend(found)
            timed(
                "metrics",
                lambda document=document, findings=findings, checked=checked: collect(
                    document, findings, checked
                ),
            )
        for key, cost in costs.items():
            best[key] = min(best.get(key, cost), cost)
    count = len(articles)
    rules = {r.id for r in linter.ruleset.rules}

    def ms(key: str) -> str:
        return f"{best[key] / count * 1000:.2f} ms"

    print(
        f"\n## Where the time goes: {count} English articles, {len(rules)} rules, in-process, "
        f"CPU time, best of {passes} passes\n{load()}"
    )
    print(f"whole lint_article: {ms('whole')} per article ({count / best['whole']:.0f} articles/s)")
    print(f"document (parse, language, lines, sentences, words): {ms('document')}")
    print("shared per-document analyses (computed once, used by several rules):")
    for name in shared:
        print(f"  {ms(name):>9}  {name}")
    rule_costs = {key: cost for key, cost in best.items() if key in rules}
    print(f"all rules: {sum(rule_costs.values()) / count * 1000:.2f} ms; the costliest:")
    for rule_id, cost in sorted(rule_costs.items(), key=lambda item: -item[1])[:15]:
        print(f"  {cost / count * 1000:6.3f} ms  {rule_id}")
    print(f"metrics: {ms('metrics')}")


def _built(build_document: Any, article: Any, linter: Any) -> Any:
    document, _ = build_document(article, linter.ruleset, None)
    _ = document.sentences, document.nonblank_lines, document.word_count
    return document


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--files", type=int, default=1000, help="files in the throughput corpus (default 1000)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="N for --jobs N (default: CPUs)"
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per throughput figure (median; default 1)")
    parser.add_argument(
        "--latency-runs", type=int, default=7, help="runs per latency figure (median; default 7)"
    )
    parser.add_argument("--big", action="store_true", help="add 100,000 articles and a 1 GB corpus (long)")
    parser.add_argument(
        "--gigabyte-select",
        metavar="IDS",
        help="rules for the 1 GB run (default: all; a cheap subset shows the memory in minutes)",
    )
    parser.add_argument(
        "--cold-runs", type=int, default=3, help="runs per cold-start figure (median; default 3)"
    )
    parser.add_argument(
        "--artlint",
        metavar="COMMAND",
        help="the artlint to measure, e.g. .venv/bin/artlint of a fresh non-editable install "
        "(default: the one beside this Python)",
    )
    parser.add_argument("--proselint-venv", type=Path, default=Path("/tmp/benchenv"))
    parser.add_argument("--no-install", action="store_true", help="do not install proselint if it is missing")
    parser.add_argument("--only", choices=("throughput", "latency", "seeds", "scaling", "gigabyte", "rules"))
    parser.add_argument("--profile-rules", action="store_true", help="also print the cost of each rule")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    if args.artlint:
        _ARTLINT[:] = args.artlint.split()
    import artlint

    print(
        f"# artlint {artlint.__version__} bench, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {load()}"
    )
    print(f"measuring: {' '.join(artlint_command())}")
    texts = english_texts()
    wanted = {args.only} if args.only else {"throughput", "latency", "seeds", "scaling"}
    if args.big and not args.only:
        wanted.add("gigabyte")
    if args.profile_rules:
        wanted.add("rules")
    needs_proselint = wanted & {"throughput", "latency"}
    proselint = proselint_command(args.proselint_venv, not args.no_install) if needs_proselint else None
    if needs_proselint and proselint is None:
        print(f"(proselint not found in {args.proselint_venv}: its columns are left out)")
    if "throughput" in wanted:
        throughput(args, texts, proselint)
    if "latency" in wanted:
        latency(args, texts, proselint)
    if "seeds" in wanted:
        seeds_2000(args)
    if "scaling" in wanted:
        scaling(args, texts)
    if "gigabyte" in wanted:
        one_gigabyte(args, texts)
    if "rules" in wanted:
        profile_rules(texts)


if __name__ == "__main__":
    main()
