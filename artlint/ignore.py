"""What a folder walk skips: the `.gitignore` files of the walked repository,
the config's `exclude` globs, and folders that never hold articles (.git,
virtual environments, node_modules, __pycache__, *.egg-info).

The .gitignore support is the usual subset of git's rules: blank lines and
`#` comments; `!` to re-include; a trailing `/` for folders only; a pattern
with a `/` before its end is anchored at its .gitignore's folder, one without
matches a name at any depth; `*`, `?`, `[...]` and `**`.  The last matching
pattern wins.  Files named on the command line are always linted.
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from fnmatch import fnmatch
from pathlib import Path

from artlint.records import dataclass

# Folders that hold tools' files, never articles (those starting with '.' are skipped too).
ALWAYS_SKIPPED = ("node_modules", "__pycache__", "*.egg-info", "venv", ".venv", ".git")


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    negated: bool
    only_dirs: bool


def _translate(glob: str) -> str:
    """A gitignore glob as a regex over '/'-separated relative paths."""
    out, i = [], 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = glob.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = glob[i + 1 : end].replace("\\", "\\\\")
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = end
        elif char == "\\" and i + 1 < len(glob):
            i += 1
            out.append(re.escape(glob[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def parse_gitignore(text: str) -> list[_Pattern]:
    patterns = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated or line.startswith("\\"):
            line = line[1:]
        only_dirs = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _translate(line.lstrip("/"))
        prefix = "" if anchored else "(?:.*/)?"
        patterns.append(_Pattern(re.compile(f"^{prefix}{body}(?:/.*)?$", re.S), negated, only_dirs))
    return patterns


@dataclass
class Ignorer:
    """Decides, during one folder walk, which files and folders to skip."""

    root: Path
    exclude: tuple[str, ...] = ()
    # (folder the .gitignore is in, its patterns), outermost first
    _rules: list[tuple[Path, list[_Pattern]]] = field(default_factory=list)

    @classmethod
    def for_walk(cls, root: Path, exclude: tuple[str, ...] = ()) -> Ignorer:
        """The .gitignore files from the repository's top (the folder holding
        .git) down to `root`; those below `root` are read as the walk meets them."""
        ignorer = cls(root, exclude)
        top = _absolute(root)
        chain = [top]
        for parent in top.parents:
            if (chain[-1] / ".git").exists():
                break
            chain.append(parent)
        else:
            chain = [top]  # not in a repository: only the walked folder's own files
        for folder in reversed(chain[1:]):
            ignorer._read(folder)
        return ignorer

    def enter(self, folder: Path) -> None:
        """Read `folder`'s own .gitignore (call for every folder walked, top first)."""
        self._read(_absolute(folder))

    def _read(self, folder: Path) -> None:
        try:
            text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        patterns = parse_gitignore(text)
        if patterns:
            self._rules.append((folder, patterns))

    def skips(self, path: Path, is_dir: bool) -> bool:
        name = path.name
        if is_dir and any(fnmatch(name, glob) for glob in ALWAYS_SKIPPED):
            return True
        if self._excluded(path):
            return True
        absolute = _absolute(path)
        ignored = False
        for folder, patterns in self._rules:
            try:
                relative = absolute.relative_to(folder).as_posix()
            except ValueError:
                continue
            for pattern in patterns:
                if pattern.only_dirs and not is_dir:
                    # 'build/' still skips build/x.txt: its folder was skipped before the walk got here.
                    continue
                if pattern.regex.match(relative):
                    ignored = not pattern.negated
        return ignored

    def _excluded(self, path: Path) -> bool:
        """Config and --exclude globs: against the path as walked, its path below the
        walked folder, and its name (so 'drafts/*', '*.draft.md' and 'bench' all work)."""
        if not self.exclude:
            return False
        try:
            below = path.relative_to(self.root).as_posix()
        except ValueError:
            below = path.as_posix()
        forms = (os.fspath(path), below, path.name)
        return any(fnmatch(form, glob) for glob in self.exclude for form in forms)


def _absolute(path: Path) -> Path:
    # Not resolve(): a symlinked folder inside the repository stays inside it.
    return Path(os.path.abspath(path))
