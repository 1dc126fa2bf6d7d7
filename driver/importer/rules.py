"""The extraction rules, as data: one table per construct, each entry a pattern and what it means.

Every table is read by one small function in :mod:`driver.importer.extract`; a rule is
added by adding a row here (and a test row in tests/driver/importer/test_rules.py). The
patterns match the conventions of Chinese government plans (GB/T 9704 numbering, owner
annotations, 到…年…达到…以上 targets, X月底前 deadlines, 每季度 cadences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Numbering:
    """A numbering style: the planc style word and the pattern of a number at a line's start."""

    style: str
    pattern: re.Pattern[str]


#: numbered headings, most specific first; group 1 is the number
NUMBERING: tuple[Numbering, ...] = (
    Numbering("cn_paren", re.compile(rf"^[（(]([{CN_DIGITS}]+)[）)]\s*")),
    Numbering("arabic_paren", re.compile(r"^[（(](\d{1,2})[）)]\s*")),
    Numbering("cn", re.compile(rf"^([{CN_DIGITS}]+)、\s*")),
    Numbering("circled", re.compile(rf"^([{CIRCLED}])\s*")),
    Numbering("arabic", re.compile(r"^(\d{1,2})[.．、](?![\d％%])\s*")),
)
#: an arabic number followed by digits (广州's “11.121人才梯队项目”): a heading only when it is the number expected
#: next (the last arabic number of the part + 1), never a decimal (1.5亿元…)
ARABIC_BEFORE_DIGIT = re.compile(r"^(\d{1,2})[.．](?=\d)")

#: 一是…二是… items run inside one paragraph (the cn_ordinal style): the paragraph opens with 一是,
#: and each next ordinal follows one of ORDINAL_AFTER (or an owner bracket left open)
ORDINAL_FIRST = re.compile(r"^一是")
ORDINAL_AFTER = "。;；)）"

#: a title run into its text: the title ends at the first 。 (or ：/: before a label)
RUN_IN_END = "。"

#: document parts
DOC_NO = re.compile(r"^\S{1,12}〔\d{4}〕\d+号$")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
NOTICE_TITLE_START = re.compile(r"关于(印发|转发)")
NOTICE_TITLE_END = re.compile(r"通知$")
RECIPIENTS = re.compile(r"^[^。]{2,200}[:：]$")
ISSUER = re.compile(r"^(中共)?\S{2,20}(人民政府|办公室|办公厅|委员会|市委|县委|区委|管委会|政府)$")
ANNEX_HEAD = re.compile(r"^附件\s*(\d+)$")
ANNEX_LIST = re.compile(r"^附件[:：]\s*(?:1[.．、])?")
ANNEX_LIST_ITEM = re.compile(r"^(\d+)[.．、]")
COPY_TO = re.compile(r"^抄送[:：]\s*")
PRINTED = re.compile(r"^(\S.*?)\s+(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印发$")
CLOSING = re.compile(r"^本\S{0,10}(方案|办法|意见|细则)自\S*(施行|实施|执行)。$")
LABEL = re.compile(r"^([^,，。:：;；]{2,16})[:：](?=\S)")
BULLET = re.compile(r"^——")

#: web-page furniture: a line containing one of these is not part of the document
CHROME = (
    "作者:", "浏览数", "发布时间:", "发布时间：", "阅读:", "责任编辑", "打印[打印]", "今天是", "繁體", "热门搜索",
    "索 引 号", "索引号", "公开属性", "相关链接", "| | |", "信息来源",
)
#: a line with one of these ends the document (what follows is the page's footer)
END_MARKERS = ("责任编辑", "公开属性", "相关链接", "打印[打印]")

# --- owners -----------------------------------------------------------------------------

#: an owner annotation: a bracket at the end of a clause holding owner words
_IN = r"(?:[^()（）\[\]]|[(（][^()（）]*[)）])"
OWNER_BRACKET = re.compile(r"(?P<open>[(（\[])(" + _IN + r"*?(?:牵头|责任单位|配合单位|负责)" + _IN + r"*?)(?P<close>[)）\]]|$)")


@dataclass(frozen=True)
class OwnerRule:
    """One owner wording: a pattern over the bracket's inside, with named groups lead, co, responsible, leader."""

    name: str
    style: str  # the planc owner_style it corresponds to (or "" for one owner_wording must spell)
    pattern: re.Pattern[str]  # group ``sep``: the mark between the parts (；, or ，: the plan's owner_separator)


_L = r"(?P<{0}>[^:：;；]+?)"
OWNER_RULES: tuple[OwnerRule, ...] = (
    OwnerRule("leader_unit", "leader_unit",
              re.compile(r"^牵头领导[:：](?P<leader>[^;；]+)[;；]牵头单位[:：](?P<lead>[^;；]+?)(?:(?P<sep>[;；,，])配合单位[:：](?P<co>.+))?$")),
    OwnerRule("lead_co", "lead_units",
              re.compile(r"^牵头单位[:：](?P<lead>[^;；,，]+?)(?:(?P<sep>[;；,，])配合单位[:：](?P<co>.+))?$")),
    OwnerRule("responsible", "responsible_units", re.compile(r"^责任单位[:：](?P<responsible>.+)$")),
    OwnerRule("lead_by_function", "lead_by_function",
              re.compile(r"^(?P<lead>[^,，]+?)(?:分别)?牵头[,，](?P<co>.+?)(?:等)?按职[能责]分工负责$")),
    OwnerRule("lead_with", "",
              re.compile(r"^(?P<lead>[^,，]+?)牵头[,，](?P<co>.+?)(?:配合|参与)?$")),
    OwnerRule("units_function", "",
              re.compile(r"^(?P<lead>[^,，]+?)[,，](?P<co>.+?)按职[能责]分工负责$")),
    OwnerRule("lead_only", "", re.compile(r"^(?P<lead>[^:：;；,，。]+?)(?:分别|共同)?牵头(?:负责|落实)?$")),
    OwnerRule("responsible_by_function", "", re.compile(r"^(?P<responsible>[^:：;；,，。]+?)等?按职[能责](?:分工)?负责$")),
    OwnerRule("responsible_plain", "", re.compile(r"^(?P<responsible>[^:：;；,，。]{2,}?)(?:分别|共同)?负责$")),
)
#: separators between names inside one owner group
NAME_SEPARATORS = re.compile(r"[、,，]")
#: a comma after a 、-list sets a group apart (市人社局、市工商联，各区、县级市): the group is one name (owner_group)
GROUP_SEPARATORS = re.compile(r"[,，]")
#: a group is a collective designation listing its kinds: 各区、县级市, 各有关区、县级市
GROUP = re.compile(r"^(?:各|相关)[^、,，]{0,6}、[^、,，]{1,6}$")

# --- quantities and targets ----------------------------------------------------------------

NUMBER = r"(?<![\d.])(?P<v>\d+(?:\.\d+)?)"
#: a range of values (1—2个, 3~5家, 1到2个): the upper end is group ``hi``
RANGE = r"(?:[—~～\-－至到](?P<hi>\d+(?:\.\d+)?))?"
UNITS = (
    "个百分点", "万人次", "万平方米", "万立方米", "立方米", "平方米", "平方公里", "万千瓦时", "万千瓦", "千瓦", "万美元",
    "亿美元", "万吨", "万户", "万名", "万元", "亿元", "万亩", "万人", "万台", "万头", "万只", "万辆", "万套", "万件", "万册",
    "亿斤", "万斤", "人次", "公里", "千米", "%", "％", "家", "个", "户", "件", "项", "名", "人", "所", "座", "条",
    "套", "次", "亩", "米", "吨", "位", "元", "辆", "台", "张", "栋", "处", "份", "批", "场", "天", "篇", "亿", "万",
)
#: a rate unit's tail: 元/月, 元/人, 个/户, 元/月·人
PER = r"(?:/[月人户年天亩次](?:·[人户])?)?"
#: 100亿级企业: a number + unit + 级 qualifies a name, it is not a quantity
UNIT = "(?P<u>(?:" + "|".join(re.escape(u) for u in UNITS) + ")" + PER + ")(?!级)"
#: words that make the comparator (after the number, or before it)
POSTFIX_OP = {"以上": ">=", "左右": "~", "以下": "<=", "以内": "<="}
PREFIX_OP = {
    "不低于": ">=", "不少于": ">=", "不超过": "<=", "不高于": "<=", "突破": ">", "超过": ">", "高于": ">", "低于": "<",
    "达到": ">=", "达": ">=", "提高到": ">=", "提升到": ">=", "提高至": ">=", "提升至": ">=", "增加到": ">=",
    "稳定在": ">=", "保持在": ">=", "保持": ">=", "控制在": "<=", "下降至": "<=", "下降到": "<=", "降至": "<=",
    "降低到": "<=", "降低至": "<=", "约": "~",
}
FIRMNESS = (("确保", "must"), ("力争", "strive"), ("争取", "strive"))


@dataclass(frozen=True)
class TargetRule:
    """A quantitative target: the pattern (named groups name, v, u, pre, post, hi) and the metric kind.

    ``name_after``: the name follows the quantity (培育3家食品加工头部企业: the verb and what follows)."""

    kind: str
    pattern: re.Pattern[str]
    confident: bool = True
    name_after: bool = False
    name: str = ""  # what tests/driver/importer/test_rules.py calls it
    unit_suffix: str = ""  # what the source leaves implied: 两千亿(元)


_PRE = "(?P<pre>" + "|".join(sorted(PREFIX_OP, key=len, reverse=True)) + ")"
_POST = "(?P<post>以上|左右|以下|以内)?"
_NAME = r"(?P<name>[^,，;；。:：、]{2,40}?)"
#: verbs that put a count before what is counted (新建高标准农田30万亩 has it after: the bare rule)
COUNT_VERBS = ("培育", "打造", "建设", "新建", "建成", "引进", "引育", "认定", "创建", "增创", "推动", "完成", "举办",
               "实施", "推进", "改造", "组建", "招引", "申报成功", "申报", "新增", "铺排", "开展", "安装", "发放")
_VERB = "(?P<verb>" + "|".join(sorted(COUNT_VERBS, key=len, reverse=True)) + ")"
_AFTER = r"(?P<name>[^,，;；。:：、(（]{2,30})"
_RANK = r"(?P<v>\d+|[一二三四五六七八九十]+)"
TARGET_RULES: tuple[TargetRule, ...] = (
    # a rank: 全国县域经济50强, 稳居全省第二位, 进入前10名 (at most that place)
    TargetRule("rank", re.compile(_NAME + r"(?:稳居|保持|进入|位居|跻身|冲刺)?" + _RANK + r"(?P<u>强)"), name="rank_strong"),
    TargetRule("rank", re.compile(_NAME + r"(?:稳居|保持|进入|位居|跻身|冲刺)(?:[^,，;；。:：、\d]{0,6}?)(?:前|第)" + _RANK + r"(?P<u>位|名)"), name="rank_place"),
    TargetRule("avg_growth", re.compile(r"(?P<name>[^,，;；。:：、]{0,40}?)年均增长" + r"(?:" + _PRE + r")?" + NUMBER + r"(?P<u>%|％)" + _POST), name="avg_growth"),
    TargetRule("growth", re.compile(_NAME + r"(?:同比)?增长" + r"(?:" + _PRE + r")?" + NUMBER + r"(?P<u>%|％)" + _POST), name="growth"),
    TargetRule("pp_change", re.compile(_NAME + r"(?:提高|提升|增加)" + NUMBER + r"(?P<u>个百分点)" + _POST), name="pp_change"),
    TargetRule("per_year", re.compile(r"每年" + _NAME + r"(?:" + _PRE + r")?" + NUMBER + RANGE + UNIT + _POST), name="per_year"),
    TargetRule("increment", re.compile(r"(?P<name>新增[^,，;；。:：、]{1,38}?)(?:" + _PRE + r")?" + NUMBER + RANGE + UNIT + _POST), name="increment"),
    TargetRule("share", re.compile(r"(?P<name>[^,，;；。:：、]{2,40}?(?:比重|占比|比例|率))(?:[^,，;；。:：、\d]{0,4}?)" + _PRE + NUMBER + r"(?P<u>%|％)" + _POST), name="share"),
    TargetRule("level", re.compile(_NAME + _PRE + NUMBER + RANGE + UNIT + _POST), name="level_comparator"),
    TargetRule("level", re.compile(_VERB + _PRE + "?" + NUMBER + RANGE + UNIT + _POST + _AFTER), confident=False, name_after=True, name="count_after_verb"),
    TargetRule("level", re.compile(_NAME + NUMBER + RANGE + UNIT + _POST), confident=False, name="bare_quantity"),
    # an amount in Chinese numerals passed as a threshold: 经济总量跨越两千亿大关, 三个产业过千亿 (of 元: a guess, checked)
    TargetRule("level", re.compile(_NAME + r"(?P<pre>突破|跨越|超过|迈上|站上|(?<![通超经越])过)(?P<v>[一二两三四五六七八九十百千]{1,5})"
                                   r"(?P<u>亿|万)(?!级)元?(?:大关)?"), confident=False, name="cn_amount", unit_suffix="元"),
)
#: the comparator of a threshold word that only the Chinese-numeral amount rule reads (过 is too common elsewhere)
THRESHOLD_OP = {"跨越": ">", "迈上": ">=", "站上": ">=", "过": ">"}
#: a second value sharing the first one's name and comparator: 分别提高到不低于740元/月和485元/月
AND_VALUE = re.compile(r"(?:和|、|及)" + NUMBER + UNIT + _POST)
#: a next count in a list after a counting verb: 培育3个1000亿级产业、3个800亿级产业
AND_COUNT = re.compile(r"(?:和|、|及|[,，](?=\d))" + NUMBER + RANGE + UNIT + _POST + _AFTER)
#: any year named in the text (the period's fallback when the copy has no date of issue)
ANY_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
#: the year a target is due by (到2025年 / 2025年末)
DUE_YEAR = re.compile(r"(?:到|至|在)?(\d{4})年(?:末|底)?")

# --- deadlines and cadences ----------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline wording: ``when`` says how to build ``due`` (date, each_year, next_year, year_end)."""

    when: str
    pattern: re.Pattern[str]
    name: str = ""  # what tests/driver/importer/test_rules.py calls it


DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("each_year", re.compile(r"每年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|底)(?:前|之前)"), name="each_year"),
    DeadlineRule("next_year", re.compile(r"(?:次年|下一?年度?)(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|底)(?:前|之前)"), name="next_year"),
    DeadlineRule("date", re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|底)(?:前|之前)"), name="full_date"),
    DeadlineRule("year_end", re.compile(r"(?P<y>\d{4})?年(?:底|末)(?:前|之前)"), name="year_end"),
    DeadlineRule("year_end", re.compile(r"(?P<within>年内)完成"), name="within_year"),
    DeadlineRule("date", re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日|底)(?:前|之前)"), name="month_day"),
)
#: the wordings of a deadline the language spells otherwise (a `due` is written as the source writes it)
DUE_RESPELL = {"之前": "前", "下年度": "下一年度", "下年": "下一年"}
DUE_SPELLING = re.compile(r"之前|下年度|下年(?!度)")
#: what a deadline rule reads after the date that is not part of it (年内完成)
DUE_TRAILER = re.compile(r"完成$")


@dataclass(frozen=True)
class CadenceRule:
    """A cadence wording and its frequency (planc's `every` word), and whether it says 至少."""

    every: str
    pattern: re.Pattern[str]
    at_least: bool = False
    name: str = ""  # what tests/driver/importer/test_rules.py calls it


_FREQ = {"周": "week", "旬": "dekad", "月": "month", "季度": "quarter", "季": "quarter", "半年": "halfyear"}
CADENCE_RULES: tuple[CadenceRule, ...] = (
    CadenceRule("halfyear", re.compile(r"至少(?:每)?半年(?:度)?[^,，;；。]{0,8}一次"), at_least=True, name="at_least_halfyear"),
    CadenceRule("quarter", re.compile(r"至少每个?季度?[^,，;；。]{0,8}一次"), at_least=True, name="at_least_quarter"),
    CadenceRule("month", re.compile(r"至少每个?月[^,，;；。]{0,8}一次"), at_least=True, name="at_least_month"),
    CadenceRule("biweek", re.compile(r"双周一[^,，;；。、]"), name="biweek"),
    CadenceRule("week", re.compile(r"(?:每周|一周一[^,，;；。、])"), name="week"),
    CadenceRule("dekad", re.compile(r"每旬"), name="dekad"),
    CadenceRule("month", re.compile(r"(?:每个?月(?!底)|一月一[^,，;；。、]|按月|月月有)"), name="month"),
    CadenceRule("quarter", re.compile(r"(?:每个?季度?(?!末)|按季|分季度|季季有)"), name="quarter"),
    CadenceRule("halfyear", re.compile(r"(?:每半年|半年度|半年一次)"), name="halfyear"),
    CadenceRule("month", re.compile(r"一个?月[^,，;；。、]{0,8}一次"), name="once_a_month"),
    CadenceRule("quarter", re.compile(r"(?:一个?季度?[^,，;；。、]{0,8}一次|季度(?=考评|考核|调度|督查|通报|讲评|分析))"), name="once_a_quarter"),
    # duties without a fixed frequency (the language's `every regularly` 定期, `every routinely` 常态化): 定期 with
    # the duty it sets (定期调度, 定期向社会公布), 常态化 before a verb (常态化开展, 常态化排查), not before a noun (常态化机制)
    CadenceRule("regularly", re.compile(r"(?<!不)定期(?=[\u4e00-\u9fff])"), name="regularly"),
    CadenceRule("routinely", re.compile(r"常态化(?=开展|排查|调整|调度|督查|通报|巡查|检查|推进(?!机制))"), name="routinely"),
)
#: what separates cadences listed in one clause (“一周一调度、双周一督导、一月一通报”)
CADENCE_ITEM_SEPARATORS = "、“”\"'"
#: words naming what a cadence does (kept as its `kind` when found in the clause)
CADENCE_KINDS = ("督查", "调度", "通报", "会商", "考核", "考评", "述职", "分析", "督导", "讲评", "清理", "归集", "活动", "主题")
