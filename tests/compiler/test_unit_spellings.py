"""V055 (two spellings of one unit): no false positive on numbered units, and near-linear work.

Issue 20, finding 4: the rule compared every pair of names (16,000 units took 97 s; 1,500
units with 10 aliases each 38.5 s) and warned that 单位20 and 单位1200 spell one unit.
"""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from compiler import model as m
from compiler.rules.owners import _abbreviates, spelling_pairs

HEAD = 'plan p {\n  title "T"\n  period 2022..2025\n}\n'
# Characters of real unit names (市发展改革委, 市工业和信息化局, …) for generated names.
CHARS = "市县区发展改革委工业和信息化局教育科技公安民政司法财政人力资源社会保障自然生态环境住房城乡建设交通运输水利农业农村商务文化旅游卫生健康退役军人事务应急管理审计国有资产监督税务统计医疗乡村振兴"


def unit(i: int, name: str, aliases: list[str] | None = None, parent: str | None = None) -> m.Unit:
    return m.Unit(id=f"u{i}", name=name, aliases=aliases or [], parent=parent, source=m.Source(file="t.plan", line=i + 1, column=1))


def brute_force(units: list[m.Unit]) -> dict[tuple[int, int], tuple[str, str]]:
    """What the rule reported before it was indexed: every pair of units, every pair of names."""
    found = {}
    for (i, first), (j, second) in combinations(enumerate(units), 2):
        if second.parent == first.id or first.parent == second.id:
            continue
        for a in [first.name, *first.aliases]:
            hit = next((b for b in [second.name, *second.aliases] if _abbreviates(a, b) or _abbreviates(b, a)), None)
            if hit is not None:
                found[(i, j)] = (a, hit)
                break
    return found


def test_numbers_are_not_abbreviated(compile_text) -> None:  # type: ignore[no-untyped-def]
    assert not _abbreviates("单位20", "单位1200")
    assert not _abbreviates("第2中学", "第12中学")
    result = compile_text(HEAD + 'unit a "单位20"\nunit b "单位1200"\n')
    assert [d.code for d in result.diagnostics] == []


def test_real_spellings_are_still_found(compile_text) -> None:  # type: ignore[no-untyped-def]
    result = compile_text(HEAD + 'unit 发改委 "市发展改革委"\nunit 发改 "市发改委"\nunit 一院 "市第1人民医院"\n'
                          'unit 市一院 "市1医院"\n')
    messages = [d.message for d in result.diagnostics if d.code == "V055"]
    assert messages == ["units `发改委` (“市发展改革委”) and `发改` (“市发改委”) look like two spellings of one unit",
                        "units `一院` (“市第1人民医院”) and `市一院` (“市1医院”) look like two spellings of one unit"]


names = st.text(alphabet="市发改委展革局1203", min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names, st.lists(names, max_size=2), st.integers(-1, 5)), min_size=2, max_size=8))
def test_the_index_finds_what_comparing_every_pair_finds(specs: list[tuple[str, list[str], int]]) -> None:
    units = [unit(i, name, aliases, parent=f"u{p}" if p >= 0 else None) for i, (name, aliases, p) in enumerate(specs)]
    assert spelling_pairs(units)[0] == brute_force(units)


def test_twenty_thousand_units_take_near_linear_comparisons() -> None:
    rng = random.Random(20)
    units = [unit(i, f"单位{i}") for i in range(10_000)]  # numbered units: never compared
    # Realistic names: 市 + 2–6 characters + 局, with an abbreviation every 50 units.
    seen: set[str] = set()
    while len(units) < 20_000:
        name = "市" + "".join(rng.choices(CHARS, k=rng.randint(2, 6))) + "局"
        if name in seen:
            continue
        seen.add(name)
        aliases = [name[0] + name[2:]] if len(units) % 50 == 0 and len(name) > 4 else []
        units.append(unit(len(units), name, aliases))
    pairs, comparisons = spelling_pairs(units)
    # Comparing every pair of names would be 2×10⁸ comparisons; the index makes a few per name.
    assert comparisons < 10 * len(units), comparisons
    assert pairs  # the rule still works at this size
