"""The language server, driven by pygls's own LanguageClient over stdio against `python -m driver.cli lsp`."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parents[2]

UNITS = """\
unit 发改委 "市发展改革委" aka 市发改委
unit 工信局 "市工业和信息化局"
person 贺辉 "贺辉" role "副市长"
"""

PLAN = """\
plan lsp-demo {
  title "语言服务器测试方案"
  period 2024..2025
}
include "units.plan"
section 任务 "主要任务" {
  action 电力 "强化电力支撑" {
    lead 发改局
    lead_leader 贺辉
  }
  action 工业 "壮大工业" {
    lead 发改委 工信局
    co 市发改委
  }
}
metric 增速 "规模工业增加值增速" unit % kind growth {
  base 2023
  target >= 8.5% by 2025 strive
}
"""
HANG_GUARD = 120  # seconds; only stops a broken server from hanging the suite


class Session:
    """A started server, the client, and the diagnostics it has published, by uri."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, list[lsp.Diagnostic]] = {}
        self.versions: dict[str, int | None] = {}
        self.history: list[tuple[str, int | None]] = []  # every publication, in order of arrival
        self.arrived = asyncio.Condition()

    async def diagnostics(self, uri: str, version: int) -> list[lsp.Diagnostic]:
        async with self.arrived:
            await asyncio.wait_for(self.arrived.wait_for(lambda: self.versions.get(uri) == version), HANG_GUARD)
        return list(self.published[uri])

    def open(self, path: Path, text: str) -> str:
        uri = from_fs_path(str(path)) or ""
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="planc", version=1, text=text)))
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def run(tmp_path: Path, scenario: Callable[[Session], Awaitable[None]]) -> None:
    (tmp_path / "units.plan").write_text(UNITS, encoding="utf-8")
    (tmp_path / "main.plan").write_text(PLAN, encoding="utf-8")

    async def main() -> None:
        client = LanguageClient("planc-test", "1")
        session = Session(client)

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def publish(params: lsp.PublishDiagnosticsParams) -> None:
            async with session.arrived:
                session.published[params.uri] = params.diagnostics
                session.versions[params.uri] = params.version
                session.history.append((params.uri, params.version))
                session.arrived.notify_all()

        await client.start_io(sys.executable, "-m", "driver.cli", "lsp", cwd=str(tmp_path))
        try:
            await asyncio.wait_for(client.initialize_async(lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(), root_uri=from_fs_path(str(tmp_path)))), HANG_GUARD)
            client.initialized(lsp.InitializedParams())
            try:
                await scenario(session)
            except BaseException:
                server = getattr(client, "_server", None)
                if server is not None and server.returncode is None:
                    server.kill()  # a failed scenario must not leave stop() waiting for a live server
                raise
            await asyncio.wait_for(client.shutdown_async(None), HANG_GUARD)
            client.exit(None)
        finally:
            await client.stop()

    asyncio.run(main())


def shown(markdown: str) -> str:
    """The text a client shows for hover Markdown: rendered by markdown-it, tags dropped, paragraphs one per line."""
    import re

    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(markdown)
    assert "<a " not in html and "<script" not in html
    text = re.sub(r"<[^>]+>", "", html.replace("</p>", "\n"))
    return text.replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", '"').replace("&amp;", "&")


def at(text: str, needle: str, occurrence: int = 0, offset: int = 0) -> lsp.Position:
    """The position of the ``occurrence``-th ``needle`` in ``text`` (all BMP characters: UTF-16 = characters)."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return lsp.Position(line=line, character=column + offset)


def test_unknown_unit_diagnostic_at_its_range_then_fixed(tmp_path: Path) -> None:
    async def scenario(s: Session) -> None:
        uri = s.open(tmp_path / "main.plan", PLAN)
        [diagnostic] = await s.diagnostics(uri, 1)
        assert diagnostic.code == "R002"
        assert diagnostic.severity == lsp.DiagnosticSeverity.Error
        assert "发改局" in diagnostic.message and "发改委" in diagnostic.message  # did you mean
        start = at(PLAN, "发改局")
        assert diagnostic.range == lsp.Range(start=start, end=lsp.Position(line=start.line, character=start.character + 3))
        # as you type: the fix is seen without saving
        s.change(uri, PLAN.replace("发改局", "发改委"), 2)
        assert await s.diagnostics(uri, 2) == []
        # a syntax error while typing is reported at once
        s.change(uri, PLAN.replace("lead_leader 贺辉", 'lead_leader "贺辉'), 3)
        [syntax] = await s.diagnostics(uri, 3)
        assert syntax.code == "P002" and syntax.range.start.line == at(PLAN, "lead_leader").line

    run(tmp_path, scenario)


def test_hover_shows_full_name_and_uses(tmp_path: Path) -> None:
    async def scenario(s: Session) -> None:
        uri = s.open(tmp_path / "main.plan", PLAN)
        await s.diagnostics(uri, 1)
        hover = await s.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at(PLAN, "发改委", 0, 1)))
        assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
        assert "`发改委` — 市发展改革委" in hover.contents.value
        text = shown(hover.contents.value)
        assert "aliases: 市发改委" in text
        assert "declared at units.plan:1" in text
        assert "used 2 times: main.plan:12, main.plan:13" in text  # `co 市发改委` is the alias
        assert hover.range == lsp.Range(start=at(PLAN, "发改委"), end=at(PLAN, "发改委", 0, 3))
        person = await s.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at(PLAN, "贺辉")))
        assert person is not None and isinstance(person.contents, lsp.MarkupContent)
        assert "**person** `贺辉`" in person.contents.value and "role: 副市长" in person.contents.value
        metric = await s.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at(PLAN, "增速", 0, 1)))
        assert metric is not None and isinstance(metric.contents, lsp.MarkupContent)
        assert "**metric** `增速` — 规模工业增加值增速" in metric.contents.value
        for part in ("measured in: %", "target: >= 8.5% by 2025-12-31 (strive)", "not used"):
            assert part in shown(metric.contents.value)
        nothing = await s.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at(PLAN, "title")))
        assert nothing is None

    run(tmp_path, scenario)


def test_definition_goes_to_the_declaration_in_the_included_file(tmp_path: Path) -> None:
    async def scenario(s: Session) -> None:
        uri = s.open(tmp_path / "main.plan", PLAN)
        await s.diagnostics(uri, 1)
        result = await s.client.text_document_definition_async(lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at(PLAN, "工信局", 0, 2)))
        assert isinstance(result, lsp.Location)
        assert result.uri == from_fs_path(str((tmp_path / "units.plan").resolve()))
        assert result.range.start == lsp.Position(line=1, character=0)
        # the alias resolves to the same unit
        alias = await s.client.text_document_definition_async(lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at(PLAN, "市发改委")))
        assert isinstance(alias, lsp.Location) and alias.range.start == lsp.Position(line=0, character=0)

    run(tmp_path, scenario)


def test_completion_of_unit_and_person_names(tmp_path: Path) -> None:
    async def scenario(s: Session) -> None:
        uri = s.open(tmp_path / "main.plan", PLAN)
        await s.diagnostics(uri, 1)
        typing = PLAN.replace("    co 市发改委\n", "    co 市发改委\n    co \n    lead_leader \n")
        s.change(uri, typing, 2)
        await s.diagnostics(uri, 2)

        async def labels(needle: str) -> set[str]:
            position = at(typing, needle, 0, len(needle))
            result = await s.client.text_document_completion_async(lsp.CompletionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=position))
            assert isinstance(result, lsp.CompletionList)
            return {item.label for item in result.items}

        units = await labels("    co \n")
        assert {"发改委", "市发展改革委", "市发改委", "工信局", "市工业和信息化局"} <= units
        assert "贺辉" not in units
        assert await labels("    lead_leader \n") == {"贺辉"}

    run(tmp_path, scenario)


def test_an_included_file_is_checked_through_its_plan(tmp_path: Path) -> None:
    async def scenario(s: Session) -> None:
        units_text = UNITS + "unit 发改委 \"重复\"\n"
        uri = s.open(tmp_path / "units.plan", units_text)
        diagnostics = await s.diagnostics(uri, 1)
        assert [d.code for d in diagnostics] == ["R001"]
        assert diagnostics[0].range.start.line == 3
        hover = await s.client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at(units_text, "工信局")))
        assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
        assert "used 1 time: main.plan:12" in shown(hover.contents.value)

    run(tmp_path, scenario)


COMMITTEE_AND_GROUP = """plan p {
  title "T"
  period 2022..2025
}
unit 发改委 "市发展改革委"
unit 工信局 "市工业和信息化局"
person 贺辉 "贺辉"
person 刘志仁 "刘志仁"
committee 领导小组 "领导小组" {
  member 贺辉 as "组长"
  member{cursor}
}
scoring 考评 "考核" {
  every year
  group 县市区 "县市区" {
    member 发改委
    member{cursor}
  }
}
""".replace("{cursor}", " ")  # the space after `member` is where the cursor is


def test_member_completion_offers_people_in_a_committee_and_units_in_a_group(tmp_path: Path) -> None:
    """What a `member` may name comes from the statement table, by the block it is written in."""
    from driver.lsp import analyse, completions

    path = tmp_path / "p.plan"
    path.write_text(COMMITTEE_AND_GROUP, encoding="utf-8")
    analysis = analyse(path, COMMITTEE_AND_GROUP)
    lines = COMMITTEE_AND_GROUP.split("\n")
    committee_line = lines.index("  member ") + 1
    group_line = lines.index("    member ") + 1
    in_committee = {item.label for item in completions(analysis, COMMITTEE_AND_GROUP, committee_line)}
    in_group = {item.label for item in completions(analysis, COMMITTEE_AND_GROUP, group_line)}
    assert in_committee == {"贺辉", "刘志仁"}
    assert in_group == {"发改委", "市发展改革委", "工信局", "市工业和信息化局"}



def test_a_burst_of_edits_publishes_in_order_and_ends_with_the_newest(tmp_path: Path) -> None:
    """Edits sent faster than the server compiles: a result older than one already published never arrives,
    results for overtaken edits are dropped, and the last publication is the last edit's, with its diagnostics."""

    async def scenario(s: Session) -> None:
        uri = s.open(tmp_path / "main.plan", PLAN)
        await s.diagnostics(uri, 1)
        last = 41
        for version in range(2, last + 1):
            # even versions fix the unknown unit, odd ones keep it: the diagnostics tell the versions apart
            text = PLAN.replace("发改局", "发改委") if version % 2 == 0 else PLAN
            s.change(uri, text + f"# 编辑 {version}\n", version)
        [diagnostic] = await s.diagnostics(uri, last)
        assert diagnostic.code == "R002"
        versions = [v for u, v in s.history if u == uri]
        assert versions[0] == 1 and versions[-1] == last
        assert versions == sorted(set(versions))  # strictly increasing: nothing stale after something newer

    run(tmp_path, scenario)


def test_a_compile_overtaken_by_an_edit_is_not_published(tmp_path: Path) -> None:
    """In-process: the result of compiling version 1 arrives after version 2 was received; it is dropped, and the
    result for version 2 is published."""
    import json

    from driver.lsp import _Job, analyse, create_server

    server = create_server()
    sent: list[dict[str, object]] = []

    class Writer:
        def write(self, data: bytes) -> None:
            sent.append(json.loads(data.partition(b"\r\n\r\n")[2]))

        def close(self) -> None:
            pass

    server.protocol.set_writer(Writer())
    server.protocol.receive(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": from_fs_path(str(tmp_path)), "capabilities": {}}}).encode())
    (tmp_path / "units.plan").write_text(UNITS, encoding="utf-8")
    path = tmp_path / "main.plan"
    uri = from_fs_path(str(path)) or ""
    fixed = PLAN.replace("发改局", "发改委")
    server.workspace.put_text_document(lsp.TextDocumentItem(uri=uri, language_id="planc", version=2, text=fixed))
    sent.clear()
    server.publish(_Job(uri, path, PLAN, 1, {}, tmp_path), analyse(path, PLAN))
    assert sent == [] and uri not in server.analyses
    server.publish(_Job(uri, path, fixed, 2, {}, tmp_path), analyse(path, fixed))
    [published] = sent
    assert published["method"] == "textDocument/publishDiagnostics"
    assert published["params"] == {"uri": uri, "version": 2, "diagnostics": []}
