"""The Dask engine on a real cluster: a `dask scheduler` and two `dask worker`
processes on 127.0.0.1, results identical to a local run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ARTICLES, page_texts, run_cli

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

import artlint  # noqa: E402 - after the skip: only its location is needed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dask_command() -> list[str]:
    beside = Path(sys.executable).parent / "dask"
    found = str(beside) if beside.exists() else shutil.which("dask")
    assert found, "the dask extra installs a `dask` command"
    return [found]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A scheduler and two single-threaded workers, each its own process."""
    logs = tmp_path_factory.mktemp("dask-logs")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ)
    # The workers import the artlint these tests import (a checkout's, not another install's).
    package_root = str(Path(artlint.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    processes: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> None:
        log = open(logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        processes.append(subprocess.Popen([*_dask_command(), *args], stdout=log, stderr=log, env=env))

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        for index in range(2):
            start(
                f"worker-{index}",
                "worker",
                address,
                "--host",
                "127.0.0.1",
                "--nthreads",
                "1",
                "--no-nanny",  # the worker is this very process: nothing left behind
                "--no-dashboard",
                "--name",
                f"artlint-test-{index}",
            )
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=90)
            workers = client.scheduler_info()["workers"]
            assert len(workers) == 2
            # Two worker processes, neither of them this one.
            pids = client.run(os.getpid)
            assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
        yield address
    except Exception:
        for path in sorted(logs.iterdir()):
            sys.stderr.write(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}\n")
        raise
    finally:
        for process in reversed(processes):
            _stop(process)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Pages (of the fixture articles): a JSONL file (one record broken), a gzip one, and the articles."""
    import gzip

    folder = tmp_path_factory.mktemp("dask-corpus")
    lines = [json.dumps({"id": f"page-{i}", "text": text}) for i, text in enumerate(page_texts(60))]
    lines.insert(20, '{"id": "broken", "text": ')
    (folder / "pages.jsonl").write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines[40:]) + "\n")
    return [str(folder / "pages.jsonl"), str(folder / "more.jsonl.gz"), str(ARTICLES)]


def test_cluster_results_identical_to_a_local_run(cluster: str, corpus: list[str]) -> None:
    local = run_cli("check", "--isolated", "--format", "json", "--jobs", "1", *corpus)
    remote = run_cli(
        "check", "--isolated", "--format", "json", "--engine", "dask", "--scheduler", cluster, *corpus
    )
    assert remote.code == local.code == 2  # the broken record
    assert remote.out == local.out
    report = remote.json()
    assert report["summary"]["articles"] == 60 + len([p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md")])
    assert report["errors"][0]["record"] is None and report["errors"][0]["line"] == 21


def test_both_workers_did_the_linting(cluster: str, corpus: list[str]) -> None:
    from artlint.api import Linter
    from artlint.config import Config
    from artlint.distributed import lint_paths

    linter = Linter.from_config(Config(select=("boilerplate",)))
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
        results = list(lint_paths(linter, corpus, scheduler=cluster))
    assert results == list(linter.lint_paths(corpus))
    workers = {task["worker"] for task in stream.data if "lint_batch" in str(task["key"])}
    assert len(workers) == 2


def test_local_cluster_without_an_address(corpus: list[str]) -> None:
    local = run_cli("check", "--isolated", "--format", "jsonl", "--jobs", "1", corpus[0])
    dask = run_cli("check", "--isolated", "--format", "jsonl", "--engine", "dask", "--jobs", "2", corpus[0])
    assert dask.code == local.code == 2
    assert dask.out == local.out
    assert len(dask.jsonl()) == 40 + 1  # 39 results, the broken record, the summary
