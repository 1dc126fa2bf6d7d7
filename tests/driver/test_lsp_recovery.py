"""The language server shows every syntax error of a file, each at its own range, as you type
(driven over stdio by pygls's LanguageClient against `python -m driver.cli lsp`)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

HANG_GUARD = 120  # seconds; only stops a broken server from hanging the suite

# 益阳's plan (plans/yiyang-2022.plan), abridged, with five independent mistakes
PLAN = """\
plan yiyang-2022 {
  tilte "益阳市推进“三大支撑八项重点”工作实施方案"
  issuer "益阳市人民政府"
  period 2022..2025 ：
}
unit 市发展改革委 "市发展改革委"
section 主要任务 "主要任务" {
  action 电力支撑 "强化电力支撑" {
    text "积极发展新能源。"
    牵头 市发展改革委
    lead “市发展改革委”
  }
  action 算力支撑 "强化算力支撑" {
    text "发挥我市比邻长沙的区位优势
    lead 市发展改革委
  }
  action 动力支撑 "强化动力支撑" {
    fomr inline
    lead 市发展改革委
  }
}
"""
MISTAKES = [  # (code, the text at the error, the column offset into it)
    ("P004", "tilte", 0),
    ("P001", "2022..2025 ：", 11),
    ("P004", "牵头", 0),
    ("P003", "“市发展改革委”", 0),
    ("P002", '"发挥我市', 0),
    ("P004", "fomr", 0),
]


def at(text: str, needle: str, offset: int = 0) -> lsp.Position:
    index = text.index(needle)
    return lsp.Position(line=text.count("\n", 0, index), character=index - (text.rfind("\n", 0, index) + 1) + offset)


def run(tmp_path: Path, scenario: Callable[[LanguageClient, dict[str, tuple[int | None, list[lsp.Diagnostic]]],
                                           asyncio.Condition], Awaitable[None]]) -> None:
    async def main() -> None:
        client = LanguageClient("planc-test", "1")
        published: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = {}
        arrived = asyncio.Condition()

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def publish(params: lsp.PublishDiagnosticsParams) -> None:
            async with arrived:
                published[params.uri] = (params.version, params.diagnostics)
                arrived.notify_all()

        await client.start_io(sys.executable, "-m", "driver.cli", "lsp", cwd=str(tmp_path))
        try:
            await asyncio.wait_for(client.initialize_async(lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(tmp_path)))), HANG_GUARD)
            client.initialized(lsp.InitializedParams())
            try:
                await scenario(client, published, arrived)
            except BaseException:
                server = getattr(client, "_server", None)
                if server is not None and server.returncode is None:
                    server.kill()
                raise
            await asyncio.wait_for(client.shutdown_async(None), HANG_GUARD)
            client.exit(None)
        finally:
            await client.stop()

    asyncio.run(main())


def test_every_syntax_error_is_published_then_each_fix_removes_one(tmp_path: Path) -> None:
    path = tmp_path / "yiyang.plan"
    path.write_text(PLAN, encoding="utf-8")
    uri = from_fs_path(str(path)) or ""

    async def scenario(client: LanguageClient, published: dict[str, tuple[int | None, list[lsp.Diagnostic]]],
                       arrived: asyncio.Condition) -> None:
        async def diagnostics(version: int) -> list[lsp.Diagnostic]:
            async with arrived:
                await asyncio.wait_for(arrived.wait_for(lambda: published.get(uri, (None, []))[0] == version),
                                       HANG_GUARD)
            return published[uri][1]

        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="planc", version=1, text=PLAN)))
        shown = await diagnostics(1)
        assert [(d.code, d.range.start) for d in shown] == [(code, at(PLAN, text, offset)) for code, text, offset in
                                                            MISTAKES]
        assert all(d.severity == lsp.DiagnosticSeverity.Error for d in shown)
        # in an action, the misspelt `牵头` is first taken for the action's lead unit
        assert "did you mean `牵头单位`" in shown[2].message
        # fixing one mistake as you type leaves the others, where they were
        fixed = PLAN.replace("  tilte", "  title")
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
        assert [(d.code, d.range.start) for d in await diagnostics(2)] == [
            (code, at(fixed, text, offset)) for code, text, offset in MISTAKES[1:]]

    run(tmp_path, scenario)
