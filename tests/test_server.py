"""`artlint server`: the Language Server Protocol over stdio.  A test client
starts it as an editor would, opens a real article and reads the diagnostics."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ARTICLES, ROOT, SCRAPED_EN


class Client:
    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "artlint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=dict(os.environ),
        )
        self.next_id = 0

    def send(self, method: str, params: Any = None, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()
        return ident

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = None
        while True:
            line = self.process.stdout.readline()
            assert line, self.process.stderr.read().decode() if self.process.stderr else "server closed"
            if not line.strip():
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        assert length is not None
        return json.loads(self.process.stdout.read(length))

    def diagnostics(self) -> dict[str, Any]:
        message = self.receive()
        assert message["method"] == "textDocument/publishDiagnostics", message
        return message["params"]


def test_diagnostics_on_open_change_save_and_close() -> None:
    client = Client(ROOT)
    try:
        ident = client.send(
            "initialize",
            {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}},
            request=True,
        )
        reply = client.receive()
        assert reply["id"] == ident and reply["result"]["serverInfo"]["name"] == "artlint"
        assert reply["result"]["capabilities"]["positionEncoding"] == "utf-16"
        client.send("initialized", {})
        uri = SCRAPED_EN.as_uri()
        text = SCRAPED_EN.read_text(encoding="utf-8")
        client.send(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
        )
        published = client.diagnostics()
        assert published["uri"] == uri
        by_code = {(d["code"], d["range"]["start"]["line"]): d for d in published["diagnostics"]}
        comment = by_code[("boilerplate.comment-form", 16)]  # line 17, 0-based
        assert comment["severity"] == 2 and comment["source"] == "artlint"
        assert comment["range"] == {"start": {"line": 16, "character": 0}, "end": {"line": 16, "character": 13}}
        hole = by_code[("entities.space-before-punctuation", 11)]
        assert hole["severity"] == 1 and hole["range"]["start"] == hole["range"]["end"] == {"line": 11, "character": 12}

        # The residue removed in the editor: its diagnostics go on the next change.
        cleaned = "\n".join(line for line in text.split("\n") if line not in ("Leave a Reply", "Source link"))
        client.send(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": cleaned}]},
        )
        codes = {d["code"] for d in client.diagnostics()["diagnostics"]}
        assert "boilerplate.source-link" not in codes and "entities.space-before-punctuation" in codes

        client.send("textDocument/didSave", {"textDocument": {"uri": uri}, "text": cleaned})
        assert client.diagnostics()["diagnostics"]
        client.send("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert client.diagnostics() == {"uri": uri, "diagnostics": []}

        ident = client.send("shutdown", None, request=True)
        assert client.receive() == {"jsonrpc": "2.0", "id": ident, "result": None}
        client.send("exit")
        assert client.process.wait(timeout=30) == 0
    finally:
        if client.process.poll() is None:
            client.process.kill()
            client.process.wait()


def test_markdown_and_utf32_columns() -> None:
    client = Client(ROOT)
    try:
        client.send(
            "initialize",
            {"processId": None, "rootUri": None, "capabilities": {"general": {"positionEncodings": ["utf-32", "utf-16"]}}},
            request=True,
        )
        assert client.receive()["result"]["capabilities"]["positionEncoding"] == "utf-32"
        path = ARTICLES / "claims-en.md"
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[4] = "😀 " + lines[4]  # one code point, two UTF-16 units, before 'revolutionary'
        client.send(
            "textDocument/didOpen",
            {"textDocument": {"uri": path.as_uri(), "languageId": "markdown", "version": 1, "text": "\n".join(lines)}},
        )
        diagnostics = client.diagnostics()["diagnostics"]
        puffery = next(d for d in diagnostics if d["code"] == "claims.puffery")
        column = lines[4].index("revolutionary")  # in code points: what UTF-32 counts
        assert puffery["range"]["start"] == {"line": 4, "character": column}
        assert any(d["code"] == "claims.unsourced-statistic" for d in diagnostics)
        client.send("exit")
        assert client.process.wait(timeout=30) == 1  # 'exit' without 'shutdown'
    finally:
        if client.process.poll() is None:
            client.process.kill()
            client.process.wait()
