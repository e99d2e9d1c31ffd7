"""Walking folders lints articles only: .gitignore, `exclude` and the folders of
tools (.git, virtual environments, node_modules, *.egg-info) are skipped, and a
JSONL file whose records have no text field is one error, not one per record."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

from artlint.ignore import parse_gitignore

ARTICLE = "The council approved the budget on Tuesday after a long debate.\n"


def _tree(root: Path, files: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")


def _linted(*args: str, cwd: Path | None = None) -> list[str]:
    run = run_cli("check", "--format", "json", *args, cwd=cwd)
    return sorted(r["path"] for r in run.json()["results"])


def test_gitignore_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text(
        "# build output\nbuild/\n*.draft.md\n!keep.draft.md\n/top-only.txt\nnotes/**/old.txt\n", "utf-8"
    )
    _tree(
        repo,
        [
            "a.txt",
            "build/b.txt",
            "x.draft.md",
            "keep.draft.md",
            "top-only.txt",
            "sub/top-only.txt",
            "notes/2024/may/old.txt",
            "notes/new.txt",
            "artlint.egg-info/SOURCES.txt",
            "node_modules/pkg/README.md",
            "venv/lib/site.txt",
            ".venv/lib/site.txt",
            "pkg/__pycache__/x.txt",
        ],
    )
    assert _linted("--isolated", ".", cwd=repo) == [
        "./a.txt",
        "./keep.draft.md",
        "./notes/new.txt",
        "./sub/top-only.txt",
    ]


def test_the_repository_gitignore_applies_to_a_walked_subfolder_and_nested_ones_too(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("*.log.txt\n", "utf-8")
    (repo / "posts").mkdir()
    (repo / "posts" / ".gitignore").write_text("scratch/\n", "utf-8")
    _tree(repo, ["posts/a.txt", "posts/run.log.txt", "posts/scratch/b.txt", "posts/deep/c.txt"])
    posts = repo / "posts"
    assert _linted("--isolated", str(posts)) == [str(posts / "a.txt"), str(posts / "deep" / "c.txt")]


def test_a_file_named_on_the_command_line_is_linted_even_if_ignored(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.txt\n", "utf-8")
    _tree(tmp_path, ["a.txt"])
    assert _linted("--isolated", str(tmp_path / "a.txt")) == [str(tmp_path / "a.txt")]


def test_config_exclude_matches_paths_below_the_walked_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.artlint]\nexclude = ["drafts/*", "data"]\n', "utf-8")
    _tree(tmp_path, ["drafts/a.txt", "data/b.txt", "posts/c.txt", "posts/drafts.txt"])
    assert _linted(".", cwd=tmp_path) == ["./posts/c.txt", "./posts/drafts.txt"]
    assert _linted("--isolated", "--exclude", "posts", ".", cwd=tmp_path) == ["./data/b.txt", "./drafts/a.txt"]


def test_a_jsonl_file_without_the_text_field_is_one_error(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        "".join(json.dumps({"id": f"p{i}", "line": i, "label": "BODY"}) + "\n" for i in range(2000)), "utf-8"
    )
    run = run_cli("check", "--isolated", "--format", "json", str(labels))
    assert run.code == 2
    (error,) = run.json()["errors"]
    assert error["path"] == str(labels) and error["field"] == "text"
    assert error["message"].startswith("no record has the text field (2000 records; their fields: id, line, label)")
    assert run.err.count("artlint: error:") == 1


def test_records_without_the_field_among_articles_are_named_one_by_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": "a", "body": "x"}, {"id": "b", "text": ARTICLE}, {"id": "c", "body": "y"}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    run = run_cli("check", "--isolated", "--format", "jsonl", str(corpus))
    kinds = [(line["type"], line.get("record")) for line in run.jsonl()]
    assert kinds == [("error", "a"), ("result", "b"), ("error", "c"), ("summary", None)]


def test_gitignore_patterns() -> None:
    patterns = parse_gitignore("*.md\n!README.md\ndocs/\n/top.txt\na/**/b.txt\n\\#hash.txt\n")

    def ignored(path: str, is_dir: bool = False) -> bool:
        result = False
        for pattern in patterns:
            if (not pattern.only_dirs or is_dir) and pattern.regex.match(path):
                result = not pattern.negated
        return result

    assert ignored("x.md") and ignored("deep/x.md") and not ignored("README.md")
    assert ignored("docs", True) and not ignored("docs")  # 'docs/' names folders only
    assert ignored("top.txt") and not ignored("sub/top.txt")
    assert ignored("a/b.txt") and ignored("a/x/y/b.txt") and not ignored("b.txt")
    assert ignored("#hash.txt")
