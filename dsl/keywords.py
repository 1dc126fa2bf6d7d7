"""The keyword table: every word of the language, in English and Chinese.

This is the single source for the parser's keyword terminal, the formatter's
``--keywords en|zh`` conversion, the TextMate grammar and the language docs.
A test fails if any of those drift from it.

Two kinds of words live here:

* ``STATEMENT_KEYWORDS`` start a statement (``title``, ``标题``). They are
  recognised only where a statement may begin, so the same characters can still
  be used as an identifier or an argument elsewhere.
* ``ARGUMENT_WORDS`` are words inside a statement's arguments: option markers
  (``by``/``到``), flags (``each_year``/``每年``) and enumeration values
  (``quarter``/``季度``). They are lexed as identifiers and interpreted by the
  statement table in :mod:`compiler.statements`.

The first Chinese spelling of each entry is the canonical one that
``planc fmt --keywords zh`` writes.
"""

from __future__ import annotations

# canonical English keyword -> Chinese spellings (first is canonical)
STATEMENT_KEYWORDS: dict[str, tuple[str, ...]] = {
    # files and plan metadata
    "plan": ("方案",),
    "include": ("包含",),
    "title": ("标题",),
    "doc_no": ("文号",),
    "issuer": ("发文机关",),
    "issued": ("成文日期",),
    "published": ("发布日期",),
    "period": ("实施期限",),
    "recipients": ("主送",),
    "notice_title": ("通知标题",),
    "notice": ("通知",),
    "preamble": ("前言",),
    "closing": ("结语",),
    "signature": ("落款",),
    "copy_to": ("抄送",),
    "printed": ("印发",),
    "owner_style": ("责任格式",),
    "owner_separator": ("责任分隔",),
    "owner_group": ("责任分组",),
    "annex_list": ("附件说明",),
    "punctuation": ("标点",),
    "cite": ("引用",),
    # registries
    "unit": ("单位",),
    "aka": ("又称",),
    "person": ("人员",),
    "role": ("职务",),
    "committee": ("领导小组",),
    "member": ("成员",),
    # structure
    "section": ("部分",),
    "annex": ("附件",),
    "action": ("任务",),
    "text": ("正文",),
    "numbering": ("编号",),
    "form": ("版式",),
    "note": ("备注",),
    # owners
    "lead_leader": ("牵头领导",),
    "lead": ("牵头单位",),
    "co": ("配合单位",),
    "responsible": ("责任单位",),
    "owner_wording": ("责任措辞",),
    "owner_text": ("责任原文",),
    "owner": ("负责",),
    "follow_up": ("跟踪责任",),
    # metrics and targets
    "metric": ("指标",),
    "kind": ("类型",),
    "base": ("基期",),
    "part": ("构成",),
    "adds_to": ("计入",),
    "target": ("目标",),
    # machinery
    "cadence": ("机制",),
    "every": ("频次",),
    "holiday": ("节假日",),
    "deadline": ("时限",),
    "due": ("截止",),
    # assessment
    "scoring": ("考评",),
    "fact": ("事实",),
    "formula": ("计分",),
    "component": ("考评项",),
    "group": ("考评组",),
    "period_weights": ("期权重",),
    "blend": ("折算",),
    "rank_points": ("排名计分",),
    "grades": ("等次表",),
    "grade": ("等次",),
    "rounding": ("取整",),
    "weight": ("权重",),
    "adjust": ("调整",),
    "override": ("例外",),
    "when": ("条件",),
    "flag": ("提示",),
    "ties": ("并列",),
    "scale": ("满分制",),
    "credit": ("完成度计分",),
    # assessment rubrics (考核细则)
    "items": ("通用项目",),
    "item": ("考核项目",),
    "content": ("考核内容",),
    "standard": ("评分标准",),
    "scorer": ("考核部门",),
    "add": ("加",),
    "deduct": ("扣",),
    "ratio": ("按比例",),
    "tier": ("档",),
    "tiers": ("取档",),
    "bonus": ("加分项",),
    "penalty": ("扣分项",),
    "bonus_cap": ("加分上限",),
    "bounds": ("总分范围",),
    "veto": ("一票否决",),
    "band": ("分数段",),
    # diagnostics
    "ack": ("确认",),
}

# canonical English argument word -> Chinese spellings (first is canonical)
ARGUMENT_WORDS: dict[str, tuple[str, ...]] = {
    # option markers
    "by": ("到",),
    "from": ("自",),
    "until": ("至",),
    "base_year": ("基年",),
    "each_year": ("每年",),
    "next_year": ("次年",),
    "at_least": ("至少",),
    "max": ("满分",),
    "of": ("占",),
    "quota": ("比例",),
    "points": ("得分",),
    "members": ("适用",),
    "self": ("本单位",),
    "with": ("合并",),
    "then": ("则",),
    "applies": ("适用于",),
    "parent": ("上级",),
    "continue": ("连续",),
    "through": ("贯通",),
    "as": ("任",),
    "keep_brackets": ("保留括号",),
    "conditional": ("有条件",),
    # firmness
    "must": ("确保",),
    "strive": ("力争", "争取"),
    "stated": ("预期",),
    # metric kinds
    "level": ("总量",),
    "growth": ("增长",),
    "avg_growth": ("年均增长",),
    "increment": ("新增",),
    "share": ("占比",),
    "pp_change": ("百分点变化",),
    "rank": ("排名",),
    "rank_gain": ("位次提升",),
    "per_year": ("每年新增",),
    "boolean": ("达成",),
    "done": ("完成",),
    # frequencies
    "week": ("周",),
    "biweek": ("双周",),
    "dekad": ("旬",),
    "month": ("月",),
    "quarter": ("季度",),
    "halfyear": ("半年",),
    "year": ("年",),
    # no fixed frequency (compiler.vocab.TIMING_ZH)
    "regularly": ("定期",),
    "irregularly": ("不定期",),
    "timely": ("适时",),
    "as_needed": ("根据需要", "视情"),
    "routinely": ("常态化",),
    # holiday policy
    "next_workday": ("顺延",),
    "keep": ("不变",),
    # numbering styles
    "cn": ("汉字",),
    "cn_paren": ("括号汉字",),
    "arabic": ("数字",),
    "arabic_paren": ("括号数字",),
    "circled": ("圈码",),
    "cn_ordinal": ("一是",),
    "none": ("无",),
    # action forms
    "run_in": ("段落",),
    "heading": ("标题行",),
    "label": ("小标题",),
    "inline": ("续段",),
    # owner styles
    "leader_unit": ("领导加单位",),
    "lead_units": ("牵头单位式",),
    "lead_by_function": ("牵头加分工",),
    "responsible_units": ("责任单位式",),
    "led_with": ("牵头参加式",),
    "by_duty": ("按职责分工式",),
    # punctuation
    "fullwidth": ("全角",),
    "halfwidth": ("半角",),
    # scoring
    "shared": ("并列同名次",),
    "sequential": ("顺序名次",),
    "half_up": ("四舍五入",),
    "floor": ("向下取整",),
    "ceil": ("向上取整",),
    "full_marks": ("全部满分",),
    "lowest": ("最后一名",),
    "rest": ("其余",),
    "all": ("全部",),
    "each": ("逐档",),
    "cumulative": ("累计",),
    "on": ("作用于",),
    "annual": ("年度得分",),
    "top": ("前",),
    # rubrics
    "per": ("每",),
    "beyond": ("超出",),
    "short_of": ("少于",),
    "cap": ("上限",),
    "shares": ("分担",),
    "and": ("且",),
    "or": ("或",),
    "not": ("非",),
    "best": ("最高档",),
    "sum": ("累加",),
    "bar": ("不得评为",),
    "score": ("分数",),
    "open": ("不限",),
    "capped": ("封顶",),
    "zero": ("不低于零",),
}

# Comparators may be written as symbols (ASCII or full-width) or as words. What each one
# means (compiler.vocab.COMPARATOR_MEANING) is declared once: 达到 is "reached", at least
# the figure (>=), as the bundled plans read it; `=` alone is exact equality.
COMPARATOR_SPELLINGS: dict[str, tuple[str, ...]] = {
    ">=": (">=", "≥", "＞＝", "不低于", "不少于", "以上", "达到"),
    "<=": ("<=", "≤", "＜＝", "不超过", "不高于", "以下", "以内", "控制在"),
    ">": (">", "＞", "超过", "突破"),
    "<": ("<", "＜", "低于"),
    "=": ("=", "＝", "=="),
    "~": ("~", "≈", "～", "左右", "约"),
}
#: the comparator words plans write after the figure (500家以上, 2000名左右, 5%以内); every
#: other word comes before it (不少于100名, 超过1000家)
POSTFIX_COMPARATORS: tuple[str, ...] = ("以上", "以下", "以内", "左右")
#: words that frame a figure without fixing the comparator on their own: with a word after the
#: figure, that word decides (控制在3%左右 is ~, 达到80%以上 is >=)
FRAMING_COMPARATORS: tuple[str, ...] = ("达到", "控制在")
#: the firmness words a figure may open with (力争500家以上, 确保不低于90%); they are the
#: spellings of the firmness argument words must/strive below
FIRMNESS_PREFIXES: tuple[str, ...] = ("确保", "力争", "争取")
#: how a range's two ends may be joined (1~2个, 1—2个, 1至2个, 1-2个)
RANGE_SEPARATORS: tuple[str, ...] = ("~", "～", "—", "–", "至", "-")


def _spelling_index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, zh in table.items():
        index[canonical] = canonical
        for spelling in zh:
            index[spelling] = canonical
    return index


#: every statement keyword spelling -> canonical English keyword
KEYWORD_BY_SPELLING: dict[str, str] = _spelling_index(STATEMENT_KEYWORDS)
#: every argument word spelling -> canonical English word
WORD_BY_SPELLING: dict[str, str] = _spelling_index(ARGUMENT_WORDS)
#: every comparator spelling -> canonical symbol
COMPARATOR_BY_SPELLING: dict[str, str] = {
    spelling: op for op, spellings in COMPARATOR_SPELLINGS.items() for spelling in spellings
}


def spell(canonical: str, language: str) -> str:
    """The spelling of a keyword or argument word in ``language`` (``en``/``zh``)."""
    if language == "en":
        return canonical
    table = STATEMENT_KEYWORDS if canonical in STATEMENT_KEYWORDS else ARGUMENT_WORDS
    return table[canonical][0]


def keyword_spellings() -> list[str]:
    """All statement keyword spellings, longest first (for the lexer)."""
    return sorted(KEYWORD_BY_SPELLING, key=lambda s: (-len(s), s))
