"""Hypothesis strategies for valid .plan texts, drawn from the statement table.

Two generators share one renderer with messy but valid layout (random
indentation and spacing, `:` after keywords, `;` separators, full-width braces,
blank lines, own-line and trailing comments, CRLF):

* :func:`table_files`: any statement the table allows in each context, with
  arguments generated from its slot types, nested up to three levels. These parse
  but need not compile (names need not resolve).
* :func:`compiling_plans`: a plan with units, people, nested sections and actions
  with owners, metrics and targets, which compiles without errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from compiler.arguments import ArgKind
from compiler.statements import SPEC_BY_CONTEXT, Slot, Spec
from dsl.keywords import (
    ARGUMENT_WORDS,
    COMPARATOR_BY_SPELLING,
    KEYWORD_BY_SPELLING,
    STATEMENT_KEYWORDS,
    WORD_BY_SPELLING,
)

RESERVED = set(KEYWORD_BY_SPELLING) | set(WORD_BY_SPELLING) | set(COMPARATOR_BY_SPELLING)
HAN = "发改委工信局财政市场监管住建交通文旅招商园区湘潭益阳沅江岳阳潜江新能源电力数字经济"
ASCII = "abcdefghijklmnopqrstuvwxyz"
PROSE = HAN + "，。；：、“”《》〔〕（）——…的了是在和与及推进落实加快建设 "


@dataclass
class Node:
    keyword: str  # canonical English keyword
    args: list[str]  # raw argument tokens
    children: list[Node] | None = None
    comment_before: str | None = None
    comment_after: str | None = None
    chinese: bool = False  # spell the keyword in Chinese
    option_words: set[int] = field(default_factory=set)  # indexes of args that are option/enum words


def _spelling(word: str, chinese: bool) -> str:
    if not chinese:
        return word
    table = STATEMENT_KEYWORDS if word in STATEMENT_KEYWORDS else ARGUMENT_WORDS
    return table[word][0]


# ---- tokens --------------------------------------------------------------------

identifiers = st.one_of(
    st.text(alphabet=HAN, min_size=1, max_size=5),
    st.builds(lambda a, b: a + b, st.text(alphabet=ASCII, min_size=1, max_size=6),
              st.text(alphabet=ASCII + "0123456789-_", max_size=5)),
).filter(lambda s: s not in RESERVED)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


strings = st.builds(
    lambda body, quote: '"' + (_escape(body) + ('\\"' if quote else "")) + '"',
    st.text(alphabet=PROSE + 'ab "\\', max_size=20),
    st.booleans(),
)


def _text_block(lines: list[str], indent: int) -> str:
    pad = " " * indent
    return '"""' + "\n".join(pad + line.strip() if i else line.strip() for i, line in enumerate(lines)) + '"""'


text_blocks = st.builds(
    _text_block,
    st.lists(st.text(alphabet=PROSE.replace('"', ""), min_size=1, max_size=15).map(str.strip).filter(bool),
             min_size=1, max_size=3),
    st.integers(min_value=0, max_value=6),
)
dates = st.builds(
    lambda y, m, d, zh: f"{y}年{m}月{d}日" if zh else f"{y}-{m:02d}-{d:02d}",
    st.integers(2020, 2030), st.integers(1, 12), st.integers(1, 28), st.booleans(),
)
years = st.integers(2020, 2030).map(str)
year_ranges = st.builds(lambda a, n, sep: f"{a}{sep}{a + n}", st.integers(2020, 2026), st.integers(0, 5),
                        st.sampled_from(["..", "—"]))
units = st.sampled_from(["", "%", "万户", "亿元", "个百分点", "家", "个", "人次", "公里"])
numbers = st.builds(lambda whole, frac: f"{whole}.{frac}" if frac else str(whole),
                    st.integers(0, 999), st.sampled_from(["", "5", "01", "25"]))
quantities = st.one_of(
    st.builds(lambda n, u: n + u, numbers, units),
    st.builds(lambda a, b, u: f"{a}~{a + b}{u}", st.integers(1, 9), st.integers(1, 9), units),
)
plain_numbers = st.builds(lambda n, neg: ("-" if neg else "") + str(n), st.integers(0, 100), st.booleans())
percents = st.integers(1, 100).map(lambda n: f"{n}%")
comparators = st.sampled_from([">=", "<=", ">", "<", "=", "~", "≥", "≤", "不低于", "以上", "左右", "突破"])
monthdays = st.one_of(
    st.builds(lambda m, d: f"{m:02d}-{d:02d}", st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda m: f"{m}月底", st.integers(1, 12)),
)
codes = st.sampled_from(["V012", "V030", "R002"])
comments = st.builds(lambda body: "#" + body, st.text(alphabet=PROSE + "#abc {}\"", max_size=20).map(str.rstrip))


def slot_value(kinds: tuple[ArgKind, ...], chinese: bool) -> st.SearchStrategy[tuple[str, bool]]:
    """A raw token for one slot's kinds; the flag says whether it is a word the converter rewrites."""
    options: list[st.SearchStrategy[tuple[str, bool]]] = []
    for one in (kind.name for kind in kinds):
        plain: st.SearchStrategy[str] | None = {
            "id": identifiers,
            "str": st.one_of(strings, text_blocks),
            "ref": st.one_of(identifiers, strings),
            "name": st.one_of(identifiers, strings),
            "label": st.one_of(identifiers, strings),
            "date": dates,
            "year": years,
            "years": st.one_of(year_ranges, years),
            "qty": quantities,
            "num": plain_numbers,
            "pct": percents,
            "op": comparators,
            "monthday": monthdays,
            "code": codes,
        }.get(one)
        if plain is not None:
            options.append(plain.map(lambda raw: (raw, False)))
        elif one.startswith("w:"):
            options.append(st.sampled_from(one[2:].split("|")).map(lambda w: (_spelling(w, chinese), True)))
    return st.one_of(*options)


@st.composite
def _slot_args(draw: st.DrawFn, slot: Slot, chinese: bool) -> list[tuple[str, bool]]:
    count = {"1": 1, "?": draw(st.integers(0, 1)), "+": draw(st.integers(1, 3)), "*": draw(st.integers(0, 3))}[slot.card]
    return [draw(slot_value(slot.kinds, chinese)) for _ in range(count)]


@st.composite
def statement(draw: st.DrawFn, spec: Spec, depth: int) -> Node:
    chinese = draw(st.booleans())
    args: list[tuple[str, bool]] = []
    for slot in spec.positional:
        args.extend(draw(_slot_args(slot, chinese)))
    for option in draw(st.lists(st.sampled_from(spec.options), max_size=2, unique_by=lambda o: o.marker)) \
            if spec.options else []:
        args.append((_spelling(option.marker, chinese), True))
        for slot in option.slots:
            args.extend(draw(_slot_args(slot, chinese)))
    children: list[Node] | None = None
    if spec.block_context and (spec.block == "required" or (spec.block == "optional" and draw(st.booleans()))):
        children = draw(block(spec.block_context, depth + 1)) if depth < 3 else []
    return Node(
        spec.keyword,
        [raw for raw, _ in args],
        children,
        comment_before=draw(st.none() | comments),
        comment_after=draw(st.none() | comments),
        chinese=chinese,
        option_words={i for i, (_, word) in enumerate(args) if word},
    )


def _specs_in(context: str) -> list[Spec]:
    return [spec for (c, _), spec in sorted(SPEC_BY_CONTEXT.items()) if c == context]


def block(context: str, depth: int) -> st.SearchStrategy[list[Node]]:
    specs = _specs_in(context)
    return st.lists(st.sampled_from(specs).flatmap(lambda spec: statement(spec, depth)), max_size=4 if depth < 2 else 2)


# ---- layout ---------------------------------------------------------------------


@dataclass
class Layout:
    indent: list[int]  # spaces per line, drawn ahead
    gaps: list[str]
    blank: list[int]
    colon: list[bool]
    semi: list[bool]
    fullwidth: list[bool]
    crlf: bool
    i: int = 0

    def pick(self, values: list, default):  # type: ignore[no-untyped-def]
        self.i += 1
        return values[self.i % len(values)] if values else default


layouts = st.builds(
    Layout,
    st.lists(st.integers(0, 7), min_size=1, max_size=8),
    st.lists(st.sampled_from([" ", "  ", "\t", "\u3000", "   "]), min_size=1, max_size=6),
    st.lists(st.integers(0, 3), min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=1, max_size=4),
    st.booleans(),
)


def render(nodes: list[Node], layout: Layout) -> str:
    """Nodes as valid but untidy .plan text."""
    out: list[str] = []

    def emit(nodes: list[Node]) -> None:
        pending_semi = False
        for node in nodes:
            if node.comment_before is not None:
                if pending_semi:
                    out.append("\n")
                    pending_semi = False
                out.append(" " * layout.pick(layout.indent, 0) + node.comment_before + "\n")
            if not pending_semi:
                out.append("\n" * layout.pick(layout.blank, 0) + " " * layout.pick(layout.indent, 0))
            gap = layout.pick(layout.gaps, " ")
            keyword = _spelling(node.keyword, node.chinese)
            head = keyword + (":" if layout.pick(layout.colon, False) else "")
            line = gap.join([head] + node.args) if node.args else head
            out.append(line)
            if node.children is not None:
                wide = layout.pick(layout.fullwidth, False)
                out.append(gap + ("｛" if wide else "{") + "\n")
                emit(node.children)
                out.append("\n" + " " * layout.pick(layout.indent, 0) + ("｝" if wide else "}"))
            if node.comment_after is not None:
                out.append(gap + node.comment_after + "\n")
                pending_semi = False
            elif layout.pick(layout.semi, False) and node.children is None:
                out.append(" ; ")
                pending_semi = True
            else:
                out.append("\n")
                pending_semi = False

    emit(nodes)
    text = "".join(out)
    return text.replace("\n", "\r\n") if layout.crlf else text


def table_files() -> st.SearchStrategy[str]:
    """Texts made of any statements the table allows, in any context (they parse; they need not compile)."""
    return st.builds(render, block("file", 0), layouts)


# ---- compiling plans ----------------------------------------------------------------


@st.composite
def plan_nodes(draw: st.DrawFn) -> list[Node]:
    ids = iter(draw(st.lists(identifiers, min_size=40, max_size=40, unique=True)))
    zh = st.booleans()
    c = st.none() | comments

    def n(keyword: str, *args: str, children: list[Node] | None = None) -> Node:
        return Node(keyword, list(args), children, draw(c), draw(c), chinese=draw(zh))

    unit_ids = [next(ids) for _ in range(draw(st.integers(1, 3)))]
    person_ids = [next(ids) for _ in range(draw(st.integers(1, 2)))]
    nodes = [
        n("plan", next(ids), children=[
            n("title", draw(strings)),
            n("period", "2022..2025"),
        ]),
    ]
    for index, unit in enumerate(unit_ids):
        nodes.append(n("unit", unit, f'"单位{index}"', *(["aka", f'"别名{index}"'] if draw(st.booleans()) else [])))
    for index, person in enumerate(person_ids):
        nodes.append(n("person", person, f'"人员{index}"'))

    def metric() -> Node:
        kind, value = draw(st.sampled_from([("growth", "8.5%"), ("level", "51.01万户"), ("increment", "12家")]))
        unit = value.lstrip("0123456789.")
        firm = draw(st.sampled_from(["must", "strive", "stated"]))
        return n("metric", next(ids), draw(strings), "unit", unit, "kind", kind,
                 children=[n("target", ">=", value, "by", "2025", firm)])

    def action(depth: int) -> Node:
        children = [n("text", draw(st.one_of(strings, text_blocks))), n("lead", draw(st.sampled_from(unit_ids)))]
        if draw(st.booleans()):
            children.append(n("lead_leader", draw(st.sampled_from(person_ids))))
        if draw(st.booleans()):
            children.append(metric())
        if depth < 2 and draw(st.booleans()):
            children.append(action(depth + 1))
        return n("action", next(ids), draw(strings), children=children)

    for _ in range(draw(st.integers(1, 2))):
        body = [n("text", draw(st.one_of(strings, text_blocks)))] + [action(0) for _ in range(draw(st.integers(1, 2)))]
        nodes.append(n("section", next(ids), draw(strings), children=body))
    return nodes


def compiling_plans() -> st.SearchStrategy[str]:
    """Texts of plans with units, people, nested sections and actions, metrics; they compile without errors."""
    return st.builds(render, plan_nodes(), layouts)
