"""One test per extraction rule (driver/importer/rules.py), each on a phrase printed in a real plan.

Every phrase below is checked to occur in the stored source texts (tests/corpus/seeds,
tests/corpus/plans/*/source.txt); a rule with no printed example in them is listed in
``NO_STORED_EXAMPLE`` instead, so adding a rule without a test row fails here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from compiler.forms import read_when
from driver.importer import rules
from driver.importer.extract import cadences, deadlines, numbered, ordinals, owner_group, targets, written_due

ROOT = Path(__file__).resolve().parents[3]
_SPACE = re.compile(r"\s+")
CORPUS = _SPACE.sub("", "".join(
    p.read_text(encoding="utf-8")
    for p in sorted([*(ROOT / "tests" / "corpus" / "seeds").glob("*.txt"), *(ROOT / "tests" / "corpus" / "plans").glob("*/source.txt")])
))

# (rule name, phrase as printed, lead, co, responsible, leader)
OWNERS = [
    ("leader_unit", "牵头领导:贺辉;牵头单位:市发展改革委", ["市发展改革委"], [], [], ["贺辉"]),
    ("lead_co", "牵头单位：市委组织部，配合单位：市国资委", ["市委组织部"], ["市国资委"], [], []),
    ("responsible", "责任单位:市发改委、市住建局、市经信局", [], [], ["市发改委", "市住建局", "市经信局"], []),
    ("lead_by_function", "市发改委牵头,市工信局、市商务局按职能分工负责", ["市发改委"], ["市工信局", "市商务局"], [], []),
    ("units_function", "各县市区政府(管委会),市财政局、市发改委、市审计局等按职能分工负责",
     ["各县市区政府(管委会)"], ["市财政局", "市发改委", "市审计局"], [], []),
    ("lead_only", "市发改委、市财政局牵头负责", ["市发改委", "市财政局"], [], [], []),
    ("responsible_by_function", "市财政局、市民政局、市国资委、市医保局、市机关事务局等按职能分工负责",
     [], [], ["市财政局", "市民政局", "市国资委", "市医保局", "市机关事务局"], []),
    ("responsible_plain", "市文旅广电局负责", [], [], ["市文旅广电局"], []),
]

# (rule name, sentence as printed, (name, op, value, unit) of the target the rule reads)
TARGETS = [
    ("rank_strong", "到2035年,冲刺全国县域经济50强", ("全国县域经济", "<=", "50", "位")),
    ("rank_place", "确保进出口总量稳居全省第二位", ("进出口总量", "<=", "2", "位")),
    ("avg_growth", "年均增长10%以上", None),  # the name comes before: checked in the next row
    ("growth", "规模工业增加值增长6.5%", ("规模工业增加值", ">=", "6.5", "%")),
    ("pp_change", "常住人口城镇化率力争提高1个百分点", ("常住人口城镇化率力争", ">=", "1", "个百分点")),
    ("per_year", "力争每年新增市场主体3万户以上", ("新增市场主体", ">=", "3", "万户")),
    ("increment", "新增上市公司不少于5家", ("新增上市公司", ">=", "5", "家")),
    ("share", "高新技术产业增加值占GDP比重达24%", ("高新技术产业增加值占GDP比重", ">=", "24", "%")),
    ("cn_amount", "全市综合实力大幅跃升,经济总量跨越两千亿大关", ("经济总量", ">", "2000", "亿元")),
    ("level_comparator", "城乡低保标准分别提高到不低于740元/月和485元/月", ("城乡低保标准分别提高到", ">=", "740", "元/月")),
    ("count_after_verb", "着力培育3家食品加工头部企业,40家市级龙头企业", ("培育食品加工头部企业", ">=", "3", "家")),
    ("bare_quantity", "新建高标准农田30万亩", ("新建高标准农田", ">=", "30", "万亩")),
]
AVG_GROWTH = "力争2025年全市物流业总产值达到2200亿元以上,年均增长10%以上"

# (rule name, sentence as printed, due as written in the draft)
DEADLINES = [
    ("each_year", "每年12月底前,市产业强市“千百十”工程办负责对各县市区、园区兑现产业发展政策情况进行考评", "每年12月底前",
     (None, 12, None, False)),
    ("next_year", "下一年度1月30日前,市产业强市“千百十”工程办根据四个季度打分结果", "下一年度1月30日前", (None, 1, 30, True)),
    ("full_date", "在2025年3月底前完成住房公积金、行政管理、水电气费缴纳、公共资源交易等行业信用信息归集共享", "2025年3月底前",
     (2025, 3, None, False)),
    ("year_end", "各区（县级市）要于2012年底前制定完成具体贯彻落实意见", "2012年底前", (2012, 12, None, False)),
    ("within_year", "力争年内完成岳阳智慧文旅监管平台项目建设并投入使用", "年内", (None, 12, None, False)),
]

# (rule name, clause as printed, every, at_least)
CADENCES = [
    ("at_least_halfyear", "原则上市长至少半年调度一次", "halfyear", True),
    ("at_least_quarter", "常务副市长至少每个季度调度一次", "quarter", True),
    ("biweek", "双周一督导", "biweek", False),
    ("week", "牵头单位每周召集相关单位会商", "week", False),
    ("dekad", "市人民政府分管副市长每旬调度工作推进情况", "dekad", False),
    ("month", "按月梳理调度项目进展", "month", False),
    ("regularly", "研究制定战略性主导产业领域紧缺人才目录发布制度，定期向社会公布", "regularly", False),
    ("routinely", "常态化开展“送解优”服务", "routinely", False),
    ("quarter", "分季度开展妨碍全国统一大市场建设和违反市场准入负面清单案例归集工作", "quarter", False),
    ("halfyear", "半年度各产业链链长和县市区(园区)主要负责人就“千百十”工作推进情况述职", "halfyear", False),
    ("once_a_month", "各牵头副市长一月调度一次", "month", False),
    ("once_a_quarter", "市产业强市“千百十”工程办在季度考评前要召集各考评责任单位", "quarter", False),
]

#: rules whose wording the stored texts do not print (each still matches what its pattern says)
NO_STORED_EXAMPLE = {"lead_with", "at_least_month", "month_day"}


def printed(phrase: str) -> bool:
    return _SPACE.sub("", phrase) in CORPUS


def test_every_rule_has_a_row() -> None:
    named = {r.name for r in rules.OWNER_RULES} | {r.name for r in rules.TARGET_RULES} | \
        {r.name for r in rules.DEADLINE_RULES} | {r.name for r in rules.CADENCE_RULES}
    tested = {row[0] for row in [*OWNERS, *TARGETS, *DEADLINES, *CADENCES]}
    assert named - tested == NO_STORED_EXAMPLE
    assert not tested - named


@pytest.mark.parametrize(("name", "phrase", "lead", "co", "responsible", "leader"), OWNERS, ids=[r[0] for r in OWNERS])
def test_owner_rule(name: str, phrase: str, lead: list[str], co: list[str], responsible: list[str], leader: list[str]) -> None:
    assert printed(phrase)
    owners = owner_group(phrase)
    assert owners is not None
    assert (owners.rule, owners.lead, owners.co, owners.responsible, owners.leader) == (name, lead, co, responsible, leader)


@pytest.mark.parametrize(("name", "sentence", "expected"), TARGETS, ids=[r[0] for r in TARGETS])
def test_target_rule(name: str, sentence: str, expected: tuple[str, str, str, str] | None) -> None:
    if expected is None:
        sentence, expected = AVG_GROWTH, ("年均增长", ">=", "10", "%")
    assert printed(sentence)
    found = [t for t in targets(sentence, 1, 2025) if t.rule == name]
    assert found, [(t.rule, t.name, t.value) for t in targets(sentence, 1, 2025)]
    target = found[0]
    want_name, op, value, unit = expected
    assert (target.op, target.value, target.unit) == (op, Decimal(value), unit)
    if name != "avg_growth":
        assert target.name == want_name


def test_avg_growth_names_what_grows() -> None:
    found = [t for t in targets(AVG_GROWTH, 1, 2025) if t.rule == "avg_growth"]
    assert [(t.kind, t.name, t.op, t.value) for t in found] == [("avg_growth", "物流业总产值", ">=", Decimal("10"))]


def test_second_value_and_range() -> None:
    low = "城乡低保标准分别提高到不低于740元/月和485元/月"
    assert [(t.value, t.unit) for t in targets(low, 1, 2025)] == [(Decimal("740"), "元/月"), (Decimal("485"), "元/月")]
    listed = "着力培育3家食品加工头部企业,40家市级龙头企业"
    assert [(t.name, t.value) for t in targets(listed, 1, 2025)] == [
        ("培育食品加工头部企业", Decimal("3")), ("培育市级龙头企业", Decimal("40"))]
    span = "申报成功1—2个省级数字文旅项目"
    assert printed(span)
    (target,) = targets(span, 1, 2025)
    assert (target.op, target.value, target.high, target.unit) == ("~", Decimal("1"), Decimal("2"), "个")


def test_a_qualifier_is_not_a_quantity() -> None:
    sentence = "重点引进培育12家以上100亿级企业、15家以上50亿级企业"
    assert printed(sentence)
    assert sorted(t.value for t in targets(sentence, 1, 2025)) == [Decimal("12"), Decimal("15")]


@pytest.mark.parametrize(("name", "sentence", "due", "when"), DEADLINES, ids=[r[0] for r in DEADLINES])
def test_deadline_rule(name: str, sentence: str, due: str, when: tuple[int | None, int, int | None, bool]) -> None:
    """The due is written as the source writes it, and the language reads it as the date the sentence means."""
    assert printed(sentence)
    (deadline,) = deadlines(sentence, 1, 2025)
    assert (deadline.rule, deadline.due, deadline.title) == (name, due, sentence)
    read = read_when(deadline.due)
    assert (read.year, read.month, read.day, read.next_year) == when


def test_deadline_spelled_as_the_language_reads_it() -> None:
    """之前 is written 前 (the language's one spelling), 下年度 is 下一年度; the date is unchanged."""
    assert written_due("每年3月31日之前") == "每年3月31日前"
    assert written_due("下年度1月30日前") == "下一年度1月30日前"
    assert written_due("6月前") is None  # leaves the day open: the language refuses it, so the importer does too


@pytest.mark.parametrize(("name", "clause", "every", "at_least"), CADENCES, ids=[r[0] for r in CADENCES])
def test_cadence_rule(name: str, clause: str, every: str, at_least: bool) -> None:
    assert printed(clause)
    (cadence,) = cadences(clause, 1)
    assert (cadence.rule, cadence.every, cadence.at_least) == (name, every, at_least)


def test_frequency_less_duties_on_several_plans() -> None:
    """定期 and 常态化 name a duty on several sources (岳阳, 广州, 宝山, 上海); 常态化 before a noun does not."""
    for clause, every in [("主要领导定期调度", "regularly"), ("审计部门要定期对农村公路养护资金使用", "regularly"),
                          ("常态化排查公园各类安全风险", "routinely"), ("常态化开展科技创新领域银企", "routinely")]:
        assert printed(clause)
        assert [c.every for c in cadences(clause, 1)] == [every]
    assert printed("建立民营企业常态化沟通机制")
    assert cadences("建立民营企业常态化沟通机制", 1) == []


def test_cadences_listed_in_one_clause() -> None:
    clause = "实行重大项目“一周一调度、双周一督导、一月一通报”机制"
    assert printed(clause)
    assert [(c.every, c.title) for c in cadences(clause, 1)] == [
        ("week", "一周一调度"), ("biweek", "双周一督导"), ("month", "一月一通报")]


@pytest.mark.parametrize(("line", "style", "number"), [
    ("一、指导思想", "cn", "一、"), ("(一)增强县城综合承载能力。", "cn_paren", "(一)"), ("1.推动文化数字化。", "arabic", "1."),
    ("(3)统筹推进城乡就业。", "arabic_paren", "(3)"),
])
def test_numbering(line: str, style: str, number: str) -> None:
    assert printed(line)
    head = numbered(line)
    assert head is not None and head[:2] == (style, number)


def test_ordinals_split_even_after_an_open_owner_bracket() -> None:
    text = ("一是优化确立现代产业体系。围绕“4+1”现代产业体系,编制全市产业地图和产业链图谱,绘制招商地图,明确区域发展方向和发展重点,"
            "进一步指导精准招商和产业布局(责任单位:市经信局、市招商服务中心)二是持续稳固制造业核心地位。")
    assert printed(text)
    assert [n for n, _ in ordinals(text)] == ["一是", "二是"]
    assert ordinals("统一是关键") == []


def test_chinese_numeral_amounts_read_on_several_plans() -> None:
    """The rule earns its place on more than one source: 潜江's 两千亿大关 and 岳阳's 过千亿."""
    yueyang = "力争石化、食品、机械三个产业过千亿,全市新增1家左右百亿企业。"
    assert printed(yueyang)
    found = [t for t in targets(yueyang, 1, 2025) if t.rule == "cn_amount"]
    assert [(t.op, t.value, t.unit, t.confident) for t in found] == [(">", Decimal(1000), "亿元", False)]
    # 百亿级 qualifies a name (百亿级企业) and is not an amount
    assert not [t for t in targets("培育百亿级企业3家", 1, 2025) if t.rule == "cn_amount"]
