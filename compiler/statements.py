"""The statement table: which statements each block accepts, and the shape of their arguments.

The grammar (dsl/plan.lark) only knows that a statement is a keyword, some
arguments and maybe a block. This table gives every statement its meaning's
shape: the contexts it may appear in, its positional arguments, its options
(marker words such as ``by``/``到`` followed by values, or bare flags such as
``each_year``/``每年``), and whether it opens a block. The builder matches
arguments against it; ``docs/reference.md`` is generated from it.

Argument kinds are declared once, with their labels and converters, in
:mod:`compiler.arguments`; a reference slot (``REF``) names what it refers to
(``refers=("unit",)``), which drives name resolution, the language server's
completion and the reference. Required children (a cadence's ``every``) are
declared with ``requires``. Each (context, statement) pair has exactly one handler
in :mod:`compiler.build.handlers`; a test holds the two tables to each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.arguments import (
    CODE,
    COND,
    DATE,
    FIGURE,
    ID,
    LABEL,
    NAME,
    NUM,
    OP,
    PCT,
    QTY,
    REF,
    STR,
    WHEN,
    YEAR,
    YEARS,
    ArgKind,
    words,
)
from compiler.vocab import ACTION_FORMS, FIRMNESS, FREQUENCIES, METRIC_KINDS, NUMBERING_STYLES, OWNER_STYLES, TIMINGS


@dataclass(frozen=True, init=False)
class Slot:
    """One argument slot of a statement: its name, the kinds of value it takes (tried in order), how many values it
    takes (1, ?, + or *), and for a reference, the kinds of declared thing it names."""

    name: str
    kinds: tuple[ArgKind, ...]
    card: str  # "1", "?", "+", "*"
    refers: tuple[str, ...]

    def __init__(self, name: str, kinds: ArgKind | tuple[ArgKind, ...], card: str = "1",
                 refers: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "kinds", kinds if isinstance(kinds, tuple) else (kinds,))
        object.__setattr__(self, "card", card)
        object.__setattr__(self, "refers", refers)
        if (REF in self.kinds) != bool(refers):
            raise ValueError(f"slot {name}: a reference slot, and only one, says what it refers to")


@dataclass(frozen=True)
class Require:
    """A child statement a block must contain, and the diagnostic when it does not."""

    keyword: str
    code: str
    message: str  # may use {id}, the block's id
    hint: str


@dataclass(frozen=True)
class Option:
    """An option of a statement: a marker word followed by its slots, or a bare flag when it has none."""

    marker: str  # canonical argument word
    slots: tuple[Slot, ...] = ()  # empty: a flag
    repeatable: bool = False
    group: str | None = None  # flags in one group are mutually exclusive (firmness)


@dataclass(frozen=True)
class Spec:
    """One statement of the language: the blocks it may appear in, its arguments and options, whether it opens a block, and its documentation."""

    keyword: str
    contexts: tuple[str, ...]
    summary: str
    positional: tuple[Slot, ...] = ()
    options: tuple[Option, ...] = ()
    block: str = "none"  # "none", "optional", "required"
    block_context: str | None = None
    once: bool = False  # may appear at most once per block
    example: str = ""
    requires: tuple[Require, ...] = ()  # children the block must contain
    options_by_marker: dict[str, Option] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.options_by_marker.update({o.marker: o for o in self.options})

    def slots(self) -> list[Slot]:
        """Every slot, positional and in options."""
        return list(self.positional) + [s for o in self.options for s in o.slots]

    def slot(self, name: str) -> Slot:
        return next(s for s in self.slots() if s.name == name)

    def refers(self) -> tuple[str, ...]:
        """What the statement's reference slots name, in slot order (for completion)."""
        return tuple(dict.fromkeys(kind for s in self.slots() for kind in s.refers))


STRUCTURE = ("section", "annex", "action")
ANYWHERE = (
    "file",
    "plan",
    "unit",
    "person",
    "committee",
    "section",
    "annex",
    "action",
    "metric",
    "cadence",
    "deadline",
    "scoring",
    "formula",
    "group",
    "grades",
    "adjust",
    "override",
    "flag",
    "items",
    "item",
    "bonus",
    "penalty",
    "veto",
)

_firmness = tuple(Option(f, group="firmness") for f in FIRMNESS)

SPECS: list[Spec] = [
    # ---- files -------------------------------------------------------
    Spec(
        "plan", ("file",), "Declares the plan and opens its metadata block. One per plan file; its id names the build output.",
        positional=(Slot("id", ID),), block="required", block_context="plan",
        requires=(Require("title", "M001", "the plan has no `title`", 'add `title "…"` to the plan block'),
                  Require("period", "M001", "the plan has no `period`", "add e.g. `period 2022..2025` to the plan block")),
        example='plan yiyang-2022 {\n  title "益阳市推进“三大支撑八项重点”工作实施方案"\n  period 2022..2025\n}',
    ),
    Spec(
        "include", ("file", "annex"), "Reads another .plan file here, as if its statements were written in place. Paths are relative to this file and may not leave the project root.",
        positional=(Slot("path", STR),),
        example='include "units/yiyang.plan"',
    ),
    # ---- plan metadata -------------------------------------------------
    Spec("title", ("plan",), "The plan's title as published.", positional=(Slot("title", STR),), once=True,
         example='title "沅江市落实“八大行动”总体方案"'),
    Spec("doc_no", ("plan",), "The document number (文号).", positional=(Slot("doc_no", STR),), once=True,
         example='doc_no "沅政办发〔2024〕3号"'),
    Spec("issuer", ("plan",), "The issuing body or bodies (发文机关).", positional=(Slot("issuers", STR, "+"),), once=True,
         example='issuer "中共湘潭市委" "湘潭市人民政府"'),
    Spec("issued", ("plan",), "The date the document was signed (成文日期).", positional=(Slot("date", DATE),), once=True,
         example="issued 2024-03-20"),
    Spec("published", ("plan",), "The date the document was published, when it differs from the issue date.",
         positional=(Slot("date", DATE),), once=True, example="published 2022-08-19"),
    Spec("period", ("plan",), "The years the plan covers: a range or a single year.", positional=(Slot("years", YEARS),), once=True,
         example="period 2022..2025"),
    Spec("recipients", ("plan",), "The main recipients (主送), in order.", positional=(Slot("names", STR, "+"),),
         example='recipients "各区县(市)人民政府" "市直各单位"'),
    Spec("notice_title", ("plan",), "The title of the covering notice (通知) that issues the plan.",
         positional=(Slot("title", STR),), once=True,
         example='notice_title "益阳市人民政府关于印发《益阳市推进“三大支撑八项重点”工作实施方案》的通知"'),
    Spec("notice", ("plan",), "The body of the covering notice; repeat for several paragraphs.", positional=(Slot("text", STR),),
         example='notice "现印发给你们,请认真组织实施。"'),
    Spec("preamble", ("plan", "annex"), "Text before the first section (为……,制定本方案。).", positional=(Slot("text", STR),),
         example='preamble """为全面落实……,制定本方案。"""'),
    Spec("closing", ("plan", "annex"), "Text after the last section (本方案自发布之日起施行。).", positional=(Slot("text", STR),),
         example='closing "本实施方案自发布之日起施行。"'),
    Spec("signature", ("plan",), "The signature lines of the notice (落款), in order.", positional=(Slot("lines", STR, "+"),),
         example='signature "益阳市人民政府"'),
    Spec("copy_to", ("plan",), "The copy-to lines of the colophon (版记: 抄送), in order; printed after the annexes, the first after 抄送:.",
         positional=(Slot("lines", STR, "+"),),
         example='copy_to "市委各部门,岳阳军分区战备建设处。" "各民主党派市委。"'),
    Spec("printed", ("plan",), "The printing line of the colophon (版记): the office that printed the document and the date (…印发).",
         positional=(Slot("office", STR), Slot("date", DATE)), once=True,
         example='printed "岳阳市人民政府办公室" 2025-02-07'),
    Spec("owner_style", ("plan", "annex", "section", "action"),
         "How owners are printed after an action: leader_unit （牵头领导：…；牵头单位：…）, lead_units （牵头单位：…）, lead_by_function （X牵头，Y等按职能分工负责）, responsible_units （责任单位：…）, led_with （由X牵头，Y参加）, by_duty （X、Y按职责分工负责）.",
         positional=(Slot("style", words(*OWNER_STYLES)),), once=True, example="owner_style lead_by_function"),
    Spec("owner_separator", ("plan", "annex", "section"),
         "The mark between the parts of generated owner text, for the plans that write （牵头单位：X，配合单位：Y） rather than the default ；.",
         positional=(Slot("mark", STR),), once=True, example='owner_separator "，"'),
    Spec("owner_group", ("plan", "annex", "section"),
         "Units printed as a group after the other names of their role, set apart with a comma rather than 、: "
         "（牵头单位：市人社局，配合单位：市教育局，各区、县级市）. Declare the group (各区、县级市) once as a unit.",
         positional=(Slot("units", REF, "+", refers=("unit",)),), example="owner_group 各区县级市"),
    Spec("annex_list", ("plan",), "Prints the list of annexes (附件说明) after the body: 附件:1.… 2.…, generated from the annex blocks.",
         once=True, example="annex_list"),
    Spec("punctuation", ("plan",), "Whether generated numbering and owner brackets use full-width （） or half-width () punctuation.",
         positional=(Slot("width", words("fullwidth", "halfwidth")),), once=True, example="punctuation halfwidth"),
    Spec("cite", ("file", "plan"), "A cited policy document, with its own document number.",
         positional=(Slot("id", ID), Slot("title", STR)),
         options=(Option("doc_no", (Slot("doc_no", STR),)),),
         example='cite 益政发2022_8 "关于优化营商环境促进市场主体高质量发展的实施方案" doc_no "益政发〔2022〕8号"'),
    # ---- registries --------------------------------------------------
    Spec("unit", ("file",), "Declares a unit (department, government, company) in the registry, with the other names it goes by.",
         positional=(Slot("id", ID), Slot("name", STR, "?")),
         options=(Option("aka", (Slot("aliases", NAME, "+"),), repeatable=True),
                  Option("kind", (Slot("kind", LABEL),)),
                  Option("parent", (Slot("parent", REF, refers=("unit",)),))),
         block="optional", block_context="unit",
         example='unit 发改委 "市发展和改革委员会" aka 市发改委 市发展改革委'),
    Spec("aka", ("unit", "metric"), "Other names for the enclosing unit or metric.", positional=(Slot("aliases", NAME, "+"),),
         example='aka 市发改委 "市发展改革委"'),
    Spec("kind", ("unit",), "What sort of unit this is (free text: 政府, 部门, 园区, 企业 …).", positional=(Slot("kind", LABEL),), once=True,
         example="kind 部门"),
    Spec("person", ("file",), "Declares a person: a leader who can own actions or sit on a committee.",
         positional=(Slot("id", ID), Slot("name", STR, "?")),
         options=(Option("role", (Slot("role", STR),)), Option("unit", (Slot("unit", REF, refers=("unit",)),))),
         block="optional", block_context="person",
         example='person 贺辉 "贺辉" role "副市长"'),
    Spec("role", ("person",), "The person's post.", positional=(Slot("role", STR),), once=True, example='role "市委书记"'),
    Spec("committee", ("file", "annex"), "A leading group (领导小组) and its roster. Inside an annex, the roster is printed there (组长:… 成员:…), followed by the committee's text.",
         positional=(Slot("id", ID), Slot("name", STR)), block="required", block_context="committee",
         example='committee 领导小组 "湘潭市产业强市“千百十”工程工作领导小组" {\n  member 刘志仁 as "组长"\n}'),
    # ---- structure -----------------------------------------------------
    Spec("section", ("file", "section", "annex"), "A numbered part of the document. Numbers (一、 (一) 1. (1) ①) come from nesting, never typed.",
         positional=(Slot("id", ID), Slot("title", STR)), block="required", block_context="section",
         example='section 主要任务 "主要任务" {\n  text "……"\n}'),
    Spec("annex", ("file",), "An annex (附件N): a part with its own title, preamble and sections, usually in its own file.",
         positional=(Slot("id", ID), Slot("title", STR)), block="required", block_context="annex",
         example='annex 附件1 "内需扩量提效攻坚实施方案" {\n  include "yueyang-2025/annex1.plan"\n}'),
    Spec("action", STRUCTURE, "A numbered action (task) with its prose and owners; actions nest as sub-actions.",
         positional=(Slot("id", ID), Slot("title", STR, "?")), block="required", block_context="action",
         example='action 电力支撑 "强化电力支撑" {\n  text "积极发展新能源。"\n  lead_leader 贺辉\n  lead 发改委\n}'),
    Spec("text", ("section", "annex", "action", "committee", "metric", "cadence", "deadline", "scoring", "adjust", "override", "flag",
                  "bonus", "penalty", "veto"),
         "A paragraph of prose, kept exactly. Repeat for several paragraphs; order is kept relative to sub-items.",
         positional=(Slot("text", STR),), example='text """以习近平新时代中国特色社会主义思想为指导,……"""'),
    Spec("numbering", ("plan", "section", "annex", "action"),
         "How the children of this block are numbered (default by depth: cn 一、, cn_paren (一), arabic 1., arabic_paren (1), circled ①; also cn_ordinal 一是 and none). "
         "Each list restarts at 1 by default. `continue` carries the count on from the children of the previous sibling block (the block just before this one, in the same parent): "
         "益阳's actions run 1–3 under (一) and 4–11 under (二). `through STYLE…` numbers every list of those styles below this block with one count, across parts and levels: "
         "`numbering through arabic` in the plan block runs 1…45 through five parts, whether an item sits under 一、 or under (一).",
         positional=(Slot("style", words(*NUMBERING_STYLES), "?"),),
         options=(Option("continue"), Option("through", (Slot("through", words(*NUMBERING_STYLES), "+"),))), once=True,
         example="numbering arabic continue"),
    Spec("form", ("action",), "How the action is laid out: run_in (number, title。text, one paragraph), heading (title on its own line), label (title:text, unnumbered), inline (continues the previous paragraph, unnumbered).",
         positional=(Slot("form", words(*ACTION_FORMS)),), once=True, example="form inline"),
    Spec("form", ("section",), "How the section's title is laid out: heading (a line of its own, the default) or run_in "
         "(number, title。 and its first paragraph as one paragraph: （一）产业提升人才行动计划。围绕……).",
         positional=(Slot("form", words("heading", "run_in")),), once=True, example="form run_in"),
    Spec("note", ("plan", "section", "annex", "action", "metric", "cadence", "deadline"), "An editor's note that is not part of the published text (e.g. a typo fixed from the source).",
         positional=(Slot("text", STR),), example='note "source reads 湘政办发〔20224号; corrected to 〔2022〕4号"'),
    # ---- owners --------------------------------------------------------
    Spec("lead_leader", ("action",), "The leaders who lead this action (牵头领导): people.", positional=(Slot("people", REF, "+", refers=("person",)),),
         example="lead_leader 贺辉"),
    Spec("lead", ("action", "metric"), "The lead units (牵头单位).", positional=(Slot("units", REF, "+", refers=("unit",)),), example="lead 发改委 工信局"),
    Spec("co", ("action",), "Co-operating units (配合单位; in X牵头，Y等按职能分工负责 these are the Y).", positional=(Slot("units", REF, "+", refers=("unit",)),),
         example="co 商务局 财政局"),
    Spec("co", ("deadline",), "Units that work with the deadline's owner (会同配合单位于2012年10月底前……): listed after the owners in the timetable.",
         positional=(Slot("units", REF, "+", refers=("unit",)),), example="co 财政局"),
    Spec("follow_up", ("metric",),
         "跟踪责任: the units that report this metric's progress, apart from those who deliver it. The ledger and `evaluate` use them; the document never prints them.",
         positional=(Slot("units", REF, "+", refers=("unit",)),), example="follow_up 统计局"),
    Spec("responsible", ("action",), "Responsible units (责任单位), when the source names no lead.", positional=(Slot("units", REF, "+", refers=("unit",)),),
         example="responsible 自然资源和规划局 发改委"),
    Spec("owner_wording", ("action",),
         "The exact wording of this action's owner text when it departs from its owner_style: the words between the names, with {lead} {co} {responsible} {leader} standing for the names joined by 、 ({co:和} joins the last one with 和). Every role the action has must appear, and only those. `keep_brackets` keeps ( ) around the text even when a name contains brackets.",
         positional=(Slot("template", STR),), options=(Option("keep_brackets"),), once=True,
         example='owner_wording "{lead}分别牵头,{co}等按职能分工负责"'),
    Spec("owner_text", ("action",),
         "The owners exactly as the source prints them, when its wording cannot be generated (a bracket left open, a comma between groups, 等). It is printed instead of the generated owner text; every owner of the action must appear in it, in order.",
         positional=(Slot("text", STR),), once=True,
         example='owner_text "(责任单位:市发改委、市住建局等,相关区镇街道"'),
    Spec("owner", ("cadence", "deadline"), "Who holds the meeting or owes the deadline: units or people.", positional=(Slot("owners", REF, "+", refers=("unit", "person")),),
         example="owner 市政府"),
    # ---- metrics --------------------------------------------------------
    Spec("metric", ("file", "section", "annex", "action"), "A quantity the plan sets a target for.",
         positional=(Slot("id", ID), Slot("name", STR)),
         options=(Option("unit", (Slot("unit", LABEL),)), Option("kind", (Slot("kind", words(*METRIC_KINDS)),)),
                  Option("base_year", (Slot("year", YEAR),))),
         block="optional", block_context="metric",
         example='metric 市场主体总量 "市场主体总量" unit 万户 kind level {\n  target >= 51.01万户 by 2025-12-31 strive\n}'),
    Spec("base", ("metric",), "The base year a growth or change is measured from, and optionally the metric's value in that year (the baseline of a trajectory).",
         positional=(Slot("year", YEAR), Slot("value", QTY, "?")), once=True,
         example="base 2021 1330家"),
    Spec("adds_to", ("metric",), "The level metric this per-year or new-within-the-period metric adds to (新增规上企业 计入 规上企业总数).",
         positional=(Slot("metric", REF, refers=("metric",)),), once=True, example="adds_to 规上企业总数"),
    Spec("part", ("metric",), "Metrics that add up to this one (企业 + 个体工商户 + 合作社 = 市场主体).", positional=(Slot("metrics", REF, "+", refers=("metric",)),),
         example="part 企业数 个体工商户数 合作社数"),
    Spec("target", ("metric",),
         "A target: comparator and figure, when (by a date or year, each year, from/until), and firmness (must 确保, strive 力争/争取, stated). "
         "The figure may be written as plans write it, its words attached before or after it (500家以上, 不少于100名, 2000名左右, 5%以内, 力争达到1800家以上, 1—2个); "
         "the documents print it back as written. `by` takes a date as plans write it (2026年10月底前, 2025-12-31, 2025). "
         "`done` makes a yes/no (qualitative) target; `conditional \"有条件的地方\"` one that binds only where the condition holds "
         "(`evaluate` reports it unmet as 视条件, never as missed).",
         positional=(Slot("op", OP, "?"), Slot("value", FIGURE, "?")),
         options=(Option("by", (Slot("by", WHEN),)), Option("from", (Slot("from", YEAR),)),
                  Option("until", (Slot("until", YEAR),)), Option("base_year", (Slot("base", YEAR),)),
                  Option("each_year"), Option("done"), Option("conditional", (Slot("condition", STR),))) + _firmness,
         example="target 500家以上 by 2025 strive"),
    # ---- machinery --------------------------------------------------------
    Spec("cadence", STRUCTURE + ("file",), "A recurring meeting, inspection or report (周会商, 旬调度, 每季度督查 …).",
         positional=(Slot("id", ID), Slot("title", STR)), block="required", block_context="cadence",
         requires=(Require("every", "M011", "cadence `{id}` has no `every`", "say how often it happens, e.g. `every quarter`"),),
         example='cadence 季度督查 "每季度督查一次" {\n  every quarter\n  owner 市政府\n}'),
    Spec("every", ("cadence",), "How often: week, biweek, dekad (旬: 1st, 11th, 21st), month, quarter, halfyear, year; optionally every N of them; `at_least` for 至少. "
         "A duty with no fixed frequency says so instead: regularly 定期, irregularly 不定期, timely 适时, as_needed 根据需要, routinely 常态化; "
         "it is listed in the timetable with its owners but puts no dated events on the calendar.",
         positional=(Slot("interval", NUM, "?"), Slot("unit", words(*FREQUENCIES, *TIMINGS))), options=(Option("at_least"),), once=True,
         example="every halfyear at_least"),
    Spec("every", ("scoring",), "How often the units are assessed: month, quarter, halfyear, year (optionally every N of them).",
         positional=(Slot("interval", NUM, "?"), Slot("unit", words(*FREQUENCIES))), options=(Option("at_least"),), once=True,
         example="every quarter"),
    Spec("kind", ("cadence",), "What the occasion is (会商, 调度, 分析, 考核, 述职, 督查, 通报 …).", positional=(Slot("kind", LABEL),), once=True,
         example="kind 调度"),
    Spec("holiday", ("cadence", "deadline"), "What happens when a date falls on a non-working day: next_workday moves it (default for cadences), keep marks it (default for deadlines).",
         positional=(Slot("policy", words("next_workday", "keep")),), once=True, example="holiday keep"),
    Spec("deadline", STRUCTURE + ("file",), "A dated obligation: once, each year, or the next year.",
         positional=(Slot("id", ID), Slot("title", STR)), block="required", block_context="deadline",
         requires=(Require("due", "M012", "deadline `{id}` has no `due` date", "e.g. `due each_year 3月底` or `due 2025-03-31`"),),
         example='deadline 考评细则 "完善考评细则" {\n  due each_year 3月底\n  owner 考评单位\n}'),
    Spec("due", ("deadline",),
         "When a deadline falls: a date as plans write it, printed back as written: once (2026年10月底前, 2025-03-31, 2027年: 12-31 of it), "
         "each year of the plan's period (年底前, 6月30日前, 每年3月底前, 上半年 6-30, 年内 12-31, 第三季度末 9-30; or each_year with a month and day), "
         "or the year after (次年1月30日前, 下一年度1月30日前, next_year 01-30). 底/末 is the last day of the month.",
         positional=(Slot("when", WHEN),), options=(Option("each_year"), Option("next_year")),
         example="due 2026年10月底前"),
    # ---- assessment -----------------------------------------------------
    Spec("scoring", ("file",), "An assessment method (考核评价办法): groups, evaluators, weights, ranks and grades.",
         positional=(Slot("id", ID), Slot("title", STR)), block="required", block_context="scoring",
         example='scoring 考评 "考核评价办法" {\n  every quarter\n}'),
    Spec("scale", ("scoring",), "The full score of one assessment (100分制).", positional=(Slot("points", NUM),), once=True, example="scale 100"),
    Spec("fact", ("scoring",), "A named fact the data may report for a unit (政策兑现率), used by adjustments and overrides.",
         positional=(Slot("id", ID), Slot("name", STR, "?")), options=(Option("unit", (Slot("unit", LABEL),)),),
         example='fact 政策兑现率 "政策兑现率" unit %'),
    Spec("formula", ("scoring",), "A scoring formula: the evaluator components, with their maximum points, that make up the score of its members.",
         positional=(Slot("id", ID), Slot("title", STR, "?")), block="required", block_context="formula",
         example='formula 县市区甲 "湘潭县、湘乡市、雨湖区" {\n  member 湘潭县\n  component 工信局 max 25\n}'),
    Spec("member", ("committee",), "A committee's members (people), with `as` their position.",
         positional=(Slot("members", REF, "+", refers=("person",)),), options=(Option("as", (Slot("position", STR),)),),
         example='member 刘志仁 as "组长"'),
    Spec("member", ("formula", "group"), "The units a formula or group covers.",
         positional=(Slot("members", REF, "+", refers=("unit",)),),
         example='member 湘潭县 湘乡市 韶山市'),
    Spec("component", ("formula",), "One evaluator's part of the score, and its maximum points.",
         positional=(Slot("evaluator", REF, refers=("unit",)),), options=(Option("max", (Slot("max", NUM),)),),
         example="component 工信局 max 25"),
    Spec("group", ("scoring",), "A group of assessed units ranked against each other.",
         positional=(Slot("id", ID), Slot("title", STR, "?")), block="required", block_context="group",
         example='group 县市区组 "县市区组" {\n  member 湘潭县 湘乡市\n  period_weights 15% 25% 25% 35%\n}'),
    Spec("period_weights", ("group",), "How the periods' scores weigh in the annual score (15% 25% 25% 35%).",
         positional=(Slot("weights", PCT, "+"),), once=True, example="period_weights 15% 25% 25% 35%"),
    Spec("weight", ("group",), "The points this group's result carries in the wider appraisal (在绩效考核总分中设置15分的权重).",
         positional=(Slot("points", NUM),), once=True, example="weight 15"),
    Spec("rank_points", ("scoring",), "A rank table: the share of the weight for rank 1, 2, ….",
         positional=(Slot("id", ID), Slot("shares", PCT, "*")),
         example="rank_points 五档 100% 90% 80% 70% 60%"),
    Spec("rank_points", ("group",), "Which rank table (declared in the scoring block) the group uses.",
         positional=(Slot("table", REF, refers=("rank_table",)),), once=True,
         example="rank_points 五档"),
    Spec("grades", ("scoring",), "A grade table with quotas (3:6:1): a block of `grade` lines.",
         positional=(Slot("id", ID),), block="required", block_context="grades",
         example='grades 市直等次 {\n  grade 优秀 quota 3 points 100%\n  grade 不合格 quota rest points 60%\n}'),
    Spec("grades", ("group",), "Which grade table (declared in the scoring block) the group uses.",
         positional=(Slot("table", REF, refers=("grade_table",)),), once=True,
         example="grades 市直等次"),
    Spec("grade", ("grades",), "One grade: its name, its share of the quota ratio (or `rest`), and its share of the weight.",
         positional=(Slot("name", LABEL),), options=(Option("quota", (Slot("quota", (NUM, words("rest"))),)), Option("points", (Slot("share", PCT),))),
         example="grade 优秀 quota 3 points 100%"),
    Spec("rounding", ("grades",),
         "How a quota's head count is rounded: half_up (四舍五入), floor, ceil; and how: each (every grade's count rounded on its own, the default) or cumulative (the running total rounded, so the counts always add up).",
         positional=(Slot("rule", words("half_up", "floor", "ceil")),),
         options=(Option("each", group="quota_method"), Option("cumulative", group="quota_method")), once=True,
         example="rounding half_up each"),
    Spec("blend", ("scoring",), "A blended final score: the unit's own share plus shares of other units' scores (85% + 15%).",
         positional=(Slot("unit", REF, refers=("unit",)),),
         options=(Option("self", (Slot("share", PCT),)),
                  Option("with", (Slot("with_unit", REF, refers=("unit",)), Slot("with_share", PCT)), repeatable=True)),
         example="blend 发改委 self 85% with 供电公司 15%"),
    Spec("adjust", ("scoring",), "A deduction or bonus when a fact meets a condition (政策兑现率低于90%扣3分); `applies` names groups or units.",
         positional=(Slot("id", ID), Slot("title", STR, "?")),
         options=(Option("when", (Slot("fact", REF, refers=("fact",)), Slot("op", OP), Slot("value", QTY))), Option("then", (Slot("points", NUM),)),
                  Option("applies", (Slot("groups", REF, "+", refers=("group", "unit")),)),
                  Option("on", (Slot("stage", words("points", "annual")),))),
         block="optional", block_context="adjust",
         example="adjust 政策兑现 when 政策兑现率 < 90% then -3 applies 县市区组 on points"),
    Spec("override", ("scoring",), "An override of all scores when a fact meets a condition (全省第一则全部满分).",
         positional=(Slot("id", ID), Slot("title", STR, "?")),
         options=(Option("when", (Slot("fact", REF, refers=("fact",)), Slot("op", OP), Slot("value", QTY))), Option("then", (Slot("result", words("full_marks")),)),
                  Option("applies", (Slot("groups", REF, "+", refers=("group", "unit")),))),
         block="optional", block_context="override",
         example="override 全省第一 when 全省排名 = 1 then full_marks"),
    Spec("flag", ("scoring",), "Units singled out for the report: `lowest`, the last of each group each period (每季度各组评分最后一名); `top N`, the first N of each group in the annual ranking (前二名纳入督查奖励对象), optionally only in some groups.",
         positional=(Slot("id", ID), Slot("title", STR, "?")),
         options=(Option("lowest"), Option("top", (Slot("count", NUM),)), Option("applies", (Slot("groups", REF, "+", refers=("group",)),))),
         block="optional", block_context="flag",
         example='flag 末位说明 "每季度各组评分最后一名单位作出说明" lowest'),
    Spec("weight", ("scoring",),
         "A completion item: the points a metric's target carries in a plain weighted completion score (for plans without an assessment method of their own).",
         positional=(Slot("metric", REF, refers=("metric",)), Slot("points", NUM)),
         example="weight 市场主体总量 30"),
    Spec("credit", ("scoring",),
         "The share of an item's points a status from `planc evaluate` earns (met 100%, partial 50%); statuses not listed earn 0.",
         positional=(Slot("status", LABEL), Slot("share", PCT)),
         example="credit met 100%"),
    Spec("ties", ("scoring",), "How equal scores rank: shared (1, 1, 3; the default) or sequential.",
         positional=(Slot("rule", words("shared", "sequential")),), once=True, example="ties shared"),
    # ---- assessment: rubrics (考核细则) ------------------------------------
    Spec("items", ("scoring",), "A shared item set (通用项目): items declared once, used by several formulas with `items ID`.",
         positional=(Slot("id", ID), Slot("title", STR, "?")), block="required", block_context="items",
         example='items 通用 "通用考核项目（全部责任单位）" {\n  item 组织领导 max 8 {\n    when 积极配合\n  }\n}'),
    Spec("items", ("formula",), "The shared item sets (declared in the scoring block) this formula's members are scored on.",
         positional=(Slot("sets", REF, "+", refers=("itemset",)),), example="items 通用"),
    Spec("item", ("items", "formula", "item"),
         "An item of a rubric (考核项目) with its maximum points; its rules and sub-items score it, within [0, max]. An item with neither takes the points its scorer records.",
         positional=(Slot("id", ID), Slot("title", STR, "?")),
         options=(Option("max", (Slot("max", NUM),)),
                  Option("applies", (Slot("units", REF, "+", refers=("unit", "group")),))),
         block="optional", block_context="item",
         example='item 宣传工作 "宣传工作" max 10 {\n  when 有宣传资料\n}'),
    Spec("content", ("item",), "The item's 考核内容, the source's text.", positional=(Slot("text", STR),),
         example='content "开展河长制宣传工作"'),
    Spec("standard", ("item",), "The item's 评分标准, the source's text (its rules say the same in the language).",
         positional=(Slot("text", STR),), example='standard "有宣传资料（10分）"'),
    Spec("scorer", ("item",), "Who scores the item (负责考核部门): units, optionally with their shares.",
         positional=(Slot("units", REF, "+", refers=("unit",)),), options=(Option("shares", (Slot("shares", PCT, "+"),)),),
         example="scorer 宣传部 教育局 河长办"),
    Spec("when", ("item", "bonus", "penalty"),
         "Points when a condition over facts holds, else none (否则不得分): `when 配合` (a 是/否 fact), `when 处理率 >= 80% and 无害化`, `or`, `not`. Without `points`, an item's maximum.",
         positional=(Slot("test", COND, "+"),), options=(Option("points", (Slot("points", NUM),)),),
         example="when 污水处理率 >= 80% and 污泥无害化"),
    Spec("add", ("item", "bonus", "penalty"),
         "Points per occurrence of a counted fact (每多一篇加0.5分), optionally only beyond a count, when a condition holds, and at most a cap.",
         positional=(Slot("points", NUM),),
         options=(Option("per", (Slot("fact", REF, refers=("fact",)),)),
                  Option("beyond", (Slot("beyond", (QTY, REF), refers=("fact",)),)),
                  Option("when", (Slot("test", COND, "+"),)), Option("cap", (Slot("cap", NUM),))),
         example="add 0.5 per 县级用稿 beyond 2 when 省级用稿 >= 1"),
    Spec("deduct", ("item", "bonus", "penalty"),
         "A deduction per occurrence (每发现一例扣2分), or per occurrence short of a required count (年内至少3次，少一次扣1分), at most a cap; the item never falls below 0 (扣完为止).",
         positional=(Slot("points", NUM),),
         options=(Option("per", (Slot("fact", REF, refers=("fact",)),)),
                  Option("short_of", (Slot("short_of", (QTY, REF), refers=("fact",)),)),
                  Option("when", (Slot("test", COND, "+"),)), Option("cap", (Slot("cap", NUM),))),
         example="deduct 0.5 per 月报次数 short_of 12"),
    Spec("ratio", ("item", "bonus", "penalty"),
         "Points in proportion (按完成比例得分): max × min(fact ÷ target, 1); the target a number or a fact. Also the threshold read “X以上得满分，否则按完成比例”.",
         positional=(Slot("fact", REF, refers=("fact",)),),
         options=(Option("of", (Slot("target", (QTY, REF), refers=("fact",)),)), Option("points", (Slot("points", NUM),)),
                  Option("when", (Slot("test", COND, "+"),))),
         example="ratio 查处案件 of 10"),
    Spec("tier", ("item", "bonus", "penalty"), "One tier (省级3分/市级2分/县级1分): its points when its condition holds.",
         positional=(Slot("name", LABEL),),
         options=(Option("points", (Slot("points", NUM),)), Option("when", (Slot("test", COND, "+"),))),
         example="tier 省级 points 3 when 省级推广 >= 1"),
    Spec("tiers", ("item", "bonus", "penalty"), "How tiers combine: best (the best tier reached; the default in an item) or sum (under the item's max or the stage's cap).",
         positional=(Slot("mode", words("best", "sum")),), once=True, example="tiers best"),
    Spec("bonus", ("scoring",), "A bonus outside the items (加分项), added after them; its rules give the amount, at most `cap`.",
         positional=(Slot("id", ID), Slot("title", STR, "?")),
         options=(Option("cap", (Slot("cap", NUM),)), Option("applies", (Slot("units", REF, "+", refers=("unit", "group")),))),
         block="required", block_context="bonus",
         example='bonus 通报表扬 "年内被省、市书面通报表扬的分别奖10分、5分" {\n  add 10 per 省通报表扬\n  add 5 per 市通报表扬\n}'),
    Spec("penalty", ("scoring",), "A penalty outside the items (扣分项), subtracted after the bonuses; its rules give the amount, at most `cap`.",
         positional=(Slot("id", ID), Slot("title", STR, "?")),
         options=(Option("cap", (Slot("cap", NUM),)), Option("applies", (Slot("units", REF, "+", refers=("unit", "group")),))),
         block="required", block_context="penalty",
         example='penalty 通报批评 "被上级通报批评的扣2分/次" {\n  add 2 per 通报批评\n}'),
    Spec("bonus_cap", ("scoring",), "The most all bonuses together may add (加分最高不超过10分).",
         positional=(Slot("points", NUM),), once=True, example="bonus_cap 10"),
    Spec("bounds", ("scoring",), "What bounds the final score after bonuses and penalties: open (none, the default), capped (within [0, scale]) or zero (not below 0).",
         positional=(Slot("rule", words("open", "capped", "zero")),), once=True, example="bounds capped"),
    Spec("veto", ("scoring",), "一票否决: when its condition holds (`总分` is the final score), the grade is fixed (`grade 不合格`) or barred (`bar 优秀`: 不得评为优秀), and/or the score fixed; no bonus undoes it.",
         positional=(Slot("id", ID), Slot("title", STR, "?")),
         options=(Option("when", (Slot("test", COND, "+"),)), Option("grade", (Slot("grade", LABEL),)),
                  Option("bar", (Slot("bar", LABEL),)), Option("score", (Slot("score", NUM),)),
                  Option("applies", (Slot("units", REF, "+", refers=("unit", "group")),))),
         block="optional", block_context="veto",
         example='veto 重大事故 "本辖区发生重大以上事故" when 重大事故 grade 不达标'),
    Spec("band", ("scoring",), "A grade by score band (90分以上为优秀): every final score from `from` up to the next band; the source's words after it.",
         positional=(Slot("name", LABEL), Slot("words", STR, "?")), options=(Option("from", (Slot("low", NUM),)),),
         example='band 良好 "90-94分的为良好" from 90'),
    # ---- diagnostics ------------------------------------------------------
    Spec("ack", ANYWHERE, "Acknowledges a known warning inside the enclosing block (or file), with the reason. The warning is still listed, marked acknowledged, and no longer counts.",
         positional=(Slot("code", CODE), Slot("reason", STR)),
         example='ack V030 "源文件中本节括号未闭合"'),
]

# The metric-block `unit` statement (measurement unit) shares the `unit` keyword.
SPECS.append(
    Spec("unit", ("metric", "fact"), "The measurement unit (万户, %, 亿元).",
         positional=(Slot("unit", LABEL),), once=True, example="unit 万户")
)
SPECS.append(
    Spec("unit", ("person",), "The person's unit (a unit of the registry).",
         positional=(Slot("unit", REF, refers=("unit",)),), once=True, example="unit 发改委")
)
SPECS = [s for s in SPECS if s.contexts]

SPEC_BY_CONTEXT: dict[tuple[str, str], Spec] = {}
for _spec in SPECS:
    for _context in _spec.contexts:
        SPEC_BY_CONTEXT[(_context, _spec.keyword)] = _spec


def statements_in(context: str) -> list[str]:
    return sorted(k for (c, k) in SPEC_BY_CONTEXT if c == context)
