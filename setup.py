"""The build compiles the bundled rule packs into the package it builds.

Everything else about the package is in pyproject.toml.  Compiling the packs
(about a thousand regular expressions) takes seconds; done here, once, a fresh
install lints its first file as fast as its thousandth (artlint.ruleset.write_compiled).
A build where this fails still ships a working package: the packs are then
compiled on first use and kept in the cache folder, as in a source checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCompiledRules(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the source tree: its cache folder does the job
        # In a child process on the built package (not the source tree), so the key
        # written is that of the files shipped; keeping the build environment's path.
        path = os.pathsep.join(p for p in (self.build_lib, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1", "ARTLINT_NO_CACHE": "1"}
        for what, module, function in (
            ("the bundled rule packs were not compiled", "artlint.ruleset", "write_compiled"),
            ("the English syllable table was not built", "artlint.readability", "write_syllable_table"),
            ("the module-level patterns were not compiled", "artlint.lazyre", "write_patterns"),
            ("the dataclass methods were not compiled", "artlint.records", "write_methods"),
        ):
            done = subprocess.run(
                [sys.executable, "-c", f"from {module} import {function}; print({function}())"],
                env=env,
                cwd=self.build_lib,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-1:]
                print(f"warning: {what} ({' '.join(tail)})", file=sys.stderr)


setup(cmdclass={"build_py": BuildWithCompiledRules})
