"""After a syntax error the parser resumes at the next statement: every syntax error of a file is
reported in one run, each at its own position, one mistake gives one error, and the statements
around the mistakes are kept."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.contexts import keywords_in
from dsl.parser import MAX_SYNTAX_ERRORS, parse
from dsl.syntax import Statement

PLANS = Path(__file__).resolve().parents[2] / "plans"
YIYANG = (PLANS / "yiyang-2022.plan").read_text(encoding="utf-8")


def where(source: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """The line and column (1-based) of the first ``needle`` in ``source``, plus ``offset`` columns."""
    index = source.index(needle)
    line = source.count("\n", 0, index) + 1
    return line, index - (source.rfind("\n", 0, index) + 1) + 1 + offset


def found(source: str, **options: object) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in parse(source, "p.plan", **options).diagnostics if d.span]


def keywords(statements: list[Statement]) -> list[str]:
    out: list[str] = []
    for statement in statements:
        out.append(statement.keyword)
        out.extend(keywords(statement.block or []))
    return out


def five_mistakes() -> str:
    """益阳's plan with five independent mistakes a writer makes."""
    text = YIYANG
    for old, new in [
        ('  title "益阳市推进', '  tilte "益阳市推进'),  # a misspelt keyword
        ("  period 2022..2025\n", "  period 2022..2025 ：\n"),  # a colon after the arguments
        ("      lead 市发展改革委\n", "      lead “市发展改革委”\n"),  # Chinese quotes as delimiters
        ("        form inline\n", "        fomr inline\n"),  # a misspelt keyword inside an action
        ('"发挥我市比邻长沙', '"发挥我市比邻长沙\n'),  # a string broken across lines
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_five_independent_mistakes_give_five_errors_each_at_its_place() -> None:
    source = five_mistakes()
    assert found(source) == [
        ("P004", *where(source, "tilte")),
        ("P001", *where(source, "2022..2025 ：", 11)),
        ("P003", *where(source, "“市发展改革委”")),
        ("P004", *where(source, "fomr")),
        ("P002", *where(source, '"发挥我市比邻长沙')),
    ]


def test_the_statements_around_the_mistakes_are_kept() -> None:
    clean = parse(YIYANG).statements
    broken = parse(five_mistakes()).statements
    # each mistake loses only its own statement (the broken string's line, and the next line that
    # its unterminated text ran into, are one statement's worth)
    assert [s.keyword for s in broken] == [s.keyword for s in clean]
    lost = len(keywords(clean)) - len(keywords(broken))
    assert 5 <= lost <= 6
    plan = broken[0]
    assert "issuer" in [s.keyword for s in plan.block or []]
    assert "title" not in [s.keyword for s in plan.block or []]


def test_a_misspelt_keyword_that_opens_a_block_keeps_the_braces_balanced() -> None:
    source = 'section s "一" {\n  actoin a "甲" {\n    titel "乙"\n    lead 发改委\n  }\n  action b "丙" {\n    lead 工信局\n  }\n}\n'
    # the errors inside the misspelt statement's block are reported too; its `}` closes it, not the section
    assert found(source) == [("P004", 2, 3), ("P004", 3, 5)]
    [section] = parse(source).statements
    assert [s.keyword for s in section.block or []] == ["action"]


def test_errors_on_one_line_separated_by_semicolons_are_each_reported() -> None:
    source = 'plan p { title "甲" : 1; note "乙"; tilte "丙" }\n'
    assert found(source) == [("P001", 1, 20), ("P004", 1, 35)]
    [plan] = parse(source).statements
    assert [(s.keyword, s.args[0].value) for s in plan.block or []] == [("note", "乙")]


def test_a_stray_brace_is_one_error() -> None:
    assert found('plan p {\n  title "甲"\n}\n}\nunit 发改委\ntilte 2\n') == [("P006", 4, 1), ("P004", 6, 1)]
    assert found('plan p\n{\n  title "甲"\n}\nunit 发改委\n') == [("P007", 2, 1)]


def test_a_block_left_open_is_reported_once_and_the_statements_before_it_are_kept() -> None:
    source = 'plan p {\n  tilte "甲"\n  period 2025\n  section s "一" {\n'
    assert found(source) == [("P004", 2, 3), ("P005", *where(source, '"一" {', 4))]  # the `{` left open
    [plan] = parse(source).statements
    assert [s.keyword for s in plan.block or []] == ["period", "section"]


def test_an_unterminated_text_block_stops_the_parse() -> None:
    # what follows it is prose, not statements: reporting each of its lines would bury the one mistake
    source = 'plan p {\n  text """第一段\n  第二段\n  第三段\n}\n'
    [diagnostic] = parse(source).diagnostics
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == ("P002", 2, 8)
    assert "text block" in diagnostic.message


def test_the_errors_of_a_file_are_capped() -> None:
    source = "".join(f"tilte {i}\n" for i in range(MAX_SYNTAX_ERRORS + 10))
    assert found(source) == [("P004", i + 1, 1) for i in range(MAX_SYNTAX_ERRORS)]
    assert len(found(source, max_errors=3)) == 3


def test_a_clean_file_parses_as_before() -> None:
    parsed = parse(YIYANG)
    assert parsed.ok and parsed.statements


# ---- did-you-mean from the block's own statements -------------------------------------------


def hint_for(source: str) -> str:
    [diagnostic] = parse(source, keywords_in=keywords_in).diagnostics
    assert diagnostic.code == "P004" and diagnostic.hint
    return diagnostic.hint


def test_a_misspelt_keyword_suggests_the_statements_its_block_accepts() -> None:
    in_action = 'section s "一" {\n  action a "甲" {\n    牵头 发改委\n  }\n}\n'
    assert hint_for(in_action) == "did you mean `牵头单位` or `牵头领导`?"  # both fit an action; 牵头单位 is the usual one
    in_metric = 'section s "一" {\n  action a "甲" {\n    metric m "乙" {\n      %s\n    }\n  }\n}\n'
    assert hint_for(in_metric % "牵头 发改委") == "did you mean `牵头单位`?"  # a metric has a lead unit, not a leader
    assert hint_for(in_metric % "untt 万户") == "did you mean `unit`?"


def test_without_the_statement_table_every_keyword_is_a_candidate() -> None:
    [diagnostic] = parse('section s "一" {\n  牵头 发改委\n}\n').diagnostics
    assert diagnostic.hint is not None and "牵头领导" in diagnostic.hint


def test_a_word_close_to_no_keyword_of_the_block_falls_back_to_all() -> None:
    # `titel` is close to `title`, which a section does not take: still the best guess
    assert hint_for('section s "一" {\n  action a "甲" {\n    titel "乙"\n  }\n}\n') == "did you mean `title`?"


# ---- one mistake, one error, wherever it is ---------------------------------------------------


def single_line_statements(statements: list[Statement]) -> list[Statement]:
    out: list[Statement] = []
    for statement in statements:
        if statement.block is None and statement.span.line == statement.span.end_line:
            out.append(statement)
        out.extend(single_line_statements(statement.block or []))
    return out


SEEDS = {p.name: p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.plan"))}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_mistakes_on_separate_lines_are_each_reported_once(name: str, data: st.DataObject) -> None:
    source = SEEDS[name]
    lines = source.split("\n")
    candidates = single_line_statements(parse(source).statements)
    by_line = {s.span.line: s for s in candidates}
    # one statement alone on its line
    alone = sorted(n for n, s in by_line.items() if sum(c.span.line == n for c in candidates) == 1)
    chosen = sorted(data.draw(st.lists(st.sampled_from(alone), min_size=1, max_size=6, unique=True)))
    expected = []
    for number in chosen:
        statement = by_line[number]
        line = lines[number - 1]
        if data.draw(st.booleans()):  # misspell the keyword
            start = statement.keyword_span.column - 1
            lines[number - 1] = line[:start] + "错字" + line[start + len(statement.spelled):]
            expected.append(("P004", number, start + 1))
        else:  # a stray character after the arguments
            end = statement.span.end_column - 1
            lines[number - 1] = line[:end] + " ？" + line[end:]
            expected.append(("P001", number, end + 2))
    assert found("\n".join(lines)) == expected
