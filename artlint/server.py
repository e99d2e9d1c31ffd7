"""`artlint server`: a Language Server Protocol server over stdio, so editors
show artlint's findings as diagnostics while a Markdown, text or HTML file is
open.  Diagnostics are published when a document is opened, changed (full
sync) or saved, and cleared when it is closed.

The protocol subset an editor needs for diagnostics is small (JSON-RPC with
Content-Length framing), so it is written here with the standard library:
the server needs no extra package.  Columns are sent in the encoding the
client asks for (UTF-32 when it offers it, else LSP's default UTF-16).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlparse

from artlint.config import load_config
from artlint.errors import ArtlintError

_SEVERITY = {"error": 1, "warning": 2, "info": 3}  # LSP DiagnosticSeverity
_FORMATS = {"markdown": "md", "html": "html", "plaintext": "txt"}


class Server:
    def __init__(self, reader: IO[bytes], writer: IO[bytes]) -> None:
        self.reader, self.writer = reader, writer
        self.linter: Any = None
        self.utf16 = True
        self.documents: dict[str, tuple[str, str]] = {}  # uri -> (languageId, text)
        self.shutting_down = False

    # -- JSON-RPC framing ------------------------------------------------------
    def read(self) -> dict[str, Any] | None:
        length = None
        while True:
            line = self.reader.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if length is None:
            return None
        return json.loads(self.reader.read(length).decode("utf-8"))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.writer.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.writer.flush()

    # -- the protocol ------------------------------------------------------------
    def serve(self) -> int:
        while True:
            message = self.read()
            if message is None:
                return 1  # the client went away without 'exit'
            method, params = message.get("method"), message.get("params") or {}
            if method == "exit":
                return 0 if self.shutting_down else 1
            try:
                result = self.handle(method, params)
            except ArtlintError as error:
                if "id" in message:
                    self.send({"id": message["id"], "error": {"code": -32603, "message": str(error)}})
                continue
            if "id" in message and method is not None:
                self.send({"id": message["id"], "result": result})

    def handle(self, method: str | None, params: dict[str, Any]) -> Any:
        if method == "initialize":
            return self._initialize(params)
        if method == "shutdown":
            self.shutting_down = True
            return None
        if method == "textDocument/didOpen":
            item = params["textDocument"]
            self.documents[item["uri"]] = (item.get("languageId", "plaintext"), item["text"])
            self.publish(item["uri"])
        elif method == "textDocument/didChange":
            uri = params["textDocument"]["uri"]
            changes = params.get("contentChanges") or []
            if uri in self.documents and changes and "range" not in changes[-1]:
                self.documents[uri] = (self.documents[uri][0], changes[-1]["text"])
                self.publish(uri)
        elif method == "textDocument/didSave":
            uri = params["textDocument"]["uri"]
            if uri in self.documents:
                text = params.get("text")
                if text is None:  # the client does not send it: read what was saved
                    text = _read(uri) or self.documents[uri][1]
                self.documents[uri] = (self.documents[uri][0], text)
                self.publish(uri)
        elif method == "textDocument/didClose":
            uri = params["textDocument"]["uri"]
            self.documents.pop(uri, None)
            self.send(
                {"method": "textDocument/publishDiagnostics", "params": {"uri": uri, "diagnostics": []}}
            )
        return None

    def _initialize(self, params: dict[str, Any]) -> dict[str, Any]:
        encodings = params.get("capabilities", {}).get("general", {}).get("positionEncodings") or []
        self.utf16 = "utf-32" not in encodings
        root = params.get("rootUri")
        start = Path(_path(root)) if root else None
        from artlint.api import Linter

        self.linter = Linter.from_config(load_config(start=start) if start else load_config())
        from artlint import __version__

        return {
            "capabilities": {
                "positionEncoding": "utf-16" if self.utf16 else "utf-32",
                # full text on open and change, and on save
                "textDocumentSync": {"openClose": True, "change": 1, "save": {"includeText": True}},
            },
            "serverInfo": {"name": "artlint", "version": __version__},
        }

    def publish(self, uri: str) -> None:
        language_id, text = self.documents[uri]
        fmt = _format_of(uri, language_id)
        result = self.linter.lint_text(text, fmt=fmt, path=_path(uri))
        lines = text.replace("\r\n", "\n").split("\n")
        diagnostics = [self._diagnostic(f, lines) for f in result.findings]
        self.send(
            {"method": "textDocument/publishDiagnostics", "params": {"uri": uri, "diagnostics": diagnostics}}
        )

    def _diagnostic(self, finding: Any, lines: list[str]) -> dict[str, Any]:
        def position(line: int, column: int) -> dict[str, int]:
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            prefix = text[: column - 1]
            character = len(prefix.encode("utf-16-le")) // 2 if self.utf16 else len(prefix)
            return {"line": line - 1, "character": character}

        diagnostic: dict[str, Any] = {
            "range": {
                "start": position(finding.line, finding.column),
                "end": position(finding.end_line, finding.end_column),
            },
            "severity": _SEVERITY[finding.severity],
            "code": finding.rule,
            "source": "artlint",
            "message": finding.message,
        }
        if finding.also:
            diagnostic["data"] = {"also": list(finding.also)}
        return diagnostic


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _read(uri: str) -> str | None:
    try:
        return Path(_path(uri)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _format_of(uri: str, language_id: str) -> str:
    from artlint.sources import format_of

    found = format_of(_path(uri))
    if found in ("txt", "md", "html"):
        return found
    return _FORMATS.get(language_id, "txt")


def run() -> int:
    return Server(sys.stdin.buffer, sys.stdout.buffer).serve()
