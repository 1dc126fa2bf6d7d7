"""From the document's lines to a draft model: the parts of the document, its numbered
structure, and what the rules recognise in each paragraph (owners, targets, deadlines,
cadences). Each recogniser is one small function over one table of :mod:`rules`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from compiler.forms import FormError, read_when
from driver.importer import rules
from driver.importer.read import NotAPlan


@dataclass
class Owners:
    rule: str
    style: str
    text: str  # the bracket as printed
    leader: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    closed: bool = True
    brackets: str = "（）"  # the opening and closing bracket as printed ([…] in 湘潭)
    separator: str = ""  # the mark between the parts as printed (；, ，), where the wording has parts
    groups: list[str] = field(default_factory=list)  # names set apart after a comma (各区、县级市)


@dataclass
class Target:
    kind: str
    name: str
    op: str
    value: Decimal
    unit: str
    firmness: str
    year: int | None
    sentence: str
    confident: bool
    line: int
    high: Decimal | None = None  # the upper end of a range (1—2个)
    rule: str = ""  # the name of the TARGET_RULES row that read it
    written: str = ""  # the figure with its words as printed (500家以上, 不少于100名, 1—2个)


@dataclass
class Deadline:
    title: str
    due: str  # planc due arguments
    wording: str
    line: int
    rule: str = ""


@dataclass
class Cadence:
    title: str
    every: str
    at_least: bool
    kind: str | None
    line: int
    rule: str = ""


@dataclass
class Node:
    kind: str  # section | action
    style: str
    number: str  # as printed in the source (checked against the generated one)
    title: str
    line: int
    form: str = "run_in"
    texts: list[str] = field(default_factory=list)
    owners: Owners | None = None
    children: list[Node] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    cadences: list[Cadence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbering: str | None = None  # explicit style for the children
    heading_only: bool = False


@dataclass
class Part:
    """The body of the plan or of one annex."""

    title: str
    number: int | None = None  # annex number
    preamble: list[str] = field(default_factory=list)
    lead_texts: list[str] = field(default_factory=list)  # text before the first numbered heading
    children: list[Node] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)


@dataclass
class Problem:
    line: int
    message: str
    text: str


@dataclass
class Document:
    doc_no: str | None = None
    notice_title: str | None = None
    issuers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    notice: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    issued: tuple[int, int, int] | None = None
    body: Part = field(default_factory=lambda: Part(""))
    annexes: list[Part] = field(default_factory=list)
    annex_list: list[str] = field(default_factory=list)
    copy_to: list[str] = field(default_factory=list)
    printed: tuple[str, tuple[int, int, int]] | None = None
    problems: list[Problem] = field(default_factory=list)
    year: int | None = None


# --- one recogniser per construct --------------------------------------------------------------


def numbered(line: str, last_arabic: int | None = None) -> tuple[str, str, str] | None:
    """(style, number as printed, rest) when the line opens with a number of one of the styles; ``last_arabic``,
    the last arabic number seen, lets “11.121人才…” be item 11 when 10. came before it."""
    for rule in rules.NUMBERING:
        match = rule.pattern.match(line)
        if match:
            return rule.style, line[: match.end()].strip(), line[match.end() :]
    match = rules.ARABIC_BEFORE_DIGIT.match(line)
    if match and last_arabic is not None and int(match.group(1)) == last_arabic + 1:
        return "arabic", line[: match.end()], line[match.end() :]
    return None


def split_owners(text: str) -> list[tuple[str, Owners | None]]:
    """The text cut after each owner annotation: [(segment, owners or None)], segments keep the bracket."""
    out: list[tuple[str, Owners | None]] = []
    start = 0
    for match in rules.OWNER_BRACKET.finditer(text):
        owners = owner_group(match.group(2), closed=bool(match.group("close")))
        if owners is None:
            continue
        owners.brackets = match.group("open") + (match.group("close") or {"[": "]", "(": ")"}.get(match.group("open"), "）"))
        out.append((text[start : match.end()], owners))
        start = match.end()
    if start < len(text):
        out.append((text[start:], None))
    return out


def owner_group(inside: str, closed: bool = True) -> Owners | None:
    for rule in rules.OWNER_RULES:
        match = rule.pattern.match(inside.strip())
        if match:
            groups = {k: names(v) for k, v in match.groupdict().items() if v and k != "sep"}
            found = Owners(rule.name, rule.style, inside, groups.get("leader", []), groups.get("lead", []),
                           groups.get("co", []), groups.get("responsible", []), closed, separator=match.groupdict().get("sep") or "")
            found.groups = [n for n in found.lead + found.co + found.responsible if "、" in n]
            return found
    return None


def names(text: str) -> list[str]:
    """Owner names in one group, split on 、 and commas outside brackets; a trailing 等 dropped. A 、-list after a
    comma that follows a 、-list or one name is one group (市委组织部、市人社局，各区、县级市: the last is 各区、县级市)."""
    chunks = _outside(text, rules.GROUP_SEPARATORS)
    if len(chunks) >= 2 and rules.GROUP.match(chunks[-1].strip()):
        return [*_split_names(",".join(chunks[:-1])), re.sub(r"\s+", "", chunks[-1]).removesuffix("等")]
    return _split_names(text)


def _outside(text: str, separators: re.Pattern[str]) -> list[str]:
    """``text`` split on ``separators`` outside brackets."""
    out, depth, current = [], 0, ""
    for char in text:
        depth += char in "(（"
        depth -= char in ")）"
        if depth == 0 and separators.match(char):
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return out


def merge_groups(owners: Owners, known: set[str]) -> None:
    """Names split from a group found whole elsewhere (各区 + 县级市 where another bracket sets 各区、县级市 apart)
    joined again."""
    for role in ("lead", "co", "responsible"):
        listed: list[str] = getattr(owners, role)
        merged: list[str] = []
        i = 0
        while i < len(listed):
            for group in known:
                parts = group.split("、")
                if listed[i : i + len(parts)] == parts:
                    merged.append(group)
                    i += len(parts)
                    break
            else:
                merged.append(listed[i])
                i += 1
        setattr(owners, role, merged)


def _split_names(text: str) -> list[str]:
    out, depth, current = [], 0, ""
    for char in text:
        depth += char in "(（"
        depth -= char in ")）"
        if depth == 0 and rules.NAME_SEPARATORS.match(char):
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    out = [re.sub(r"\s+", "", n).removesuffix("等") for n in out]
    return [n for n in out if n]


def firmness(sentence: str, position: int) -> str:
    before = sentence[:position]
    best, where = "stated", -1
    for word, value in rules.FIRMNESS:
        found = before.rfind(word)
        if found > where:
            best, where = value, found
    return best


def targets(sentence: str, line: int, year: int | None) -> list[Target]:
    """Quantitative targets in one sentence, by TARGET_RULES (first rule to claim a number wins)."""
    found: list[Target] = []
    taken: list[tuple[int, int]] = []
    due = year
    for match in rules.DUE_YEAR.finditer(sentence):
        if sentence[max(0, match.start() - 1) : match.start()] != "" or match.group(0).startswith(("到", "至")):
            due = int(match.group(1))
    for rule in rules.TARGET_RULES:
        for match in rule.pattern.finditer(sentence):
            span = (match.start("v"), match.end("v"))
            if any(a <= span[0] < b for a, b in taken):
                continue
            taken.append(span)
            groups = match.groupdict()
            op = rules.POSTFIX_OP.get(groups.get("post") or "", "")
            if not op and groups.get("pre"):
                op = rules.PREFIX_OP.get(groups["pre"]) or rules.THRESHOLD_OP[groups["pre"]]
            op = op or ">="
            unit = groups["u"].replace("％", "%") + rule.unit_suffix
            if rule.kind == "rank":
                op, unit = "<=", "位" if unit == "强" else unit
            name = clean_name(groups["verb"] + groups["name"] if rule.name_after else groups["name"])
            firm = firmness(sentence, match.start())
            high = Decimal(groups["hi"]) if groups.get("hi") else None
            written = "" if rule.kind == "rank" or rule.unit_suffix else figure_as_printed(match)
            found.append(Target(rule.kind, name, "~" if high is not None else op, _value(groups["v"]), unit, firm,
                                due, sentence, rule.confident and bool(name), line, high, rule.name, written))
            end = match.end()
            while rule.name_after:  # 培育3个1000亿级产业、3个800亿级产业: the verb counts each
                more = rules.AND_COUNT.match(sentence, end)
                if not more:
                    break
                taken.append((more.start("v"), more.end("v")))
                high = Decimal(more.group("hi")) if more.group("hi") else None
                more_op = "~" if high is not None else rules.POSTFIX_OP.get(more.group("post") or "", op)
                found.append(Target(rule.kind, clean_name(groups["verb"] + more.group("name")), more_op,
                                    Decimal(more.group("v")), more.group("u").replace("％", "%"), firm, due, sentence,
                                    False, line, high, rule.name, figure_as_printed(more)))
                end = more.end()
            more = None if rule.name_after else rules.AND_VALUE.match(sentence, match.end())
            if more and more.group("u").replace("％", "%") == unit:  # …740元/月和485元/月: the same name, another value
                taken.append((more.start("v"), more.end("v")))
                more_op = rules.POSTFIX_OP.get(more.group("post") or "", op)
                found.append(Target(rule.kind, name, more_op, Decimal(more.group("v")), unit, firm, due, sentence, False, line,
                                    rule=rule.name, written=figure_as_printed(more)))
    found.sort(key=lambda t: sentence.find(t.name) if t.name else t.sentence.find(str(t.value)))
    for before, target in zip(found, found[1:], strict=False):
        if not target.name:  # …总产值达到2200亿元以上,年均增长10%以上: what grows is named before
            target.name, target.confident = before.name, False
    return found


def figure_as_printed(match: re.Match[str]) -> str:
    """The figure with its comparator words as the source prints them: from the prefix word (不少于) or the number
    to the postfix word (以上) or the unit; the writer keeps it where the language reads it the same way."""
    groups = match.groupdict()
    start = match.start("pre") if groups.get("pre") else match.start("v")
    end = match.end("post") if groups.get("post") else match.end("u")
    return match.string[start:end]


_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _value(text: str) -> Decimal:
    """A number as printed: digits, or Chinese numerals below 万 (第二位, 两千, 一千五百, 千)."""
    if text[0].isdigit():
        return Decimal(text)
    total, digit = 0, None
    for ch in text:
        if ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            digit = 2 if ch == "两" else rules.CN_DIGITS.index(ch) + 1
    return Decimal(total + (digit or 0))


_NAME_NOISE = re.compile(r"^(?:(?:到|至|在)?\d{4}年(?:末|底)?|其中|全年|力争|确保|争取|实现|全市|我市|推动|使|并|和|及|冲刺|稳居|进入|跻身|位居|,|，)+")


def clean_name(name: str) -> str:
    return _NAME_NOISE.sub("", name.strip()).strip() or name.strip()


def _matches(table: tuple[Any, ...], text: str) -> list[tuple[re.Match[str], Any]]:
    """Every match of the rules of ``table`` in ``text``, earlier rules first, none overlapping, in text order."""
    found: list[tuple[re.Match[str], Any]] = []
    for rule in table:
        for match in rule.pattern.finditer(text):
            if not any(m.start() < match.end() and match.start() < m.end() for m, _ in found):
                found.append((match, rule))
    return sorted(found, key=lambda f: f[0].start())


def deadlines(sentence: str, line: int, year: int | None) -> list[Deadline]:
    """The deadlines of one sentence, due as the source writes them (2025年3月底前, 每年3月底前, 年内); each is
    titled by the sentence from its clause up to the next one's."""
    out = []
    found = _matches(rules.DEADLINE_RULES, sentence)
    starts = [max(sentence.rfind(c, 0, m.start()) for c in ",，") + 1 for m, _ in found]
    for index, (match, rule) in enumerate(found):
        due = written_due(match.group(0))
        if due is None:
            continue
        end = starts[index + 1] if index + 1 < len(found) else len(sentence)
        title = sentence[starts[index] : end].rstrip(",，。;；")
        out.append(Deadline(title, due, match.group(0), line, rule.name))
    return out


def written_due(wording: str) -> str | None:
    """A deadline's wording as a `due` the language reads as written (之前 is 前, 年内完成 is 年内), or None."""
    text = rules.DUE_SPELLING.sub(lambda m: rules.DUE_RESPELL.get(m.group(0), m.group(0)), wording)
    text = rules.DUE_TRAILER.sub("", text)
    try:
        read_when(text)
    except FormError:
        return None
    return text


def cadences(clause: str, line: int) -> list[Cadence]:
    """The cadences of one clause; several in one clause (一周一调度、双周一督导) are titled by their own item."""
    found = _matches(rules.CADENCE_RULES, clause)
    out = []
    for match, rule in found:
        title = clause
        if len(found) > 1:
            left = max(clause.rfind(c, 0, match.start()) for c in rules.CADENCE_ITEM_SEPARATORS) + 1
            rights = [i for i in (clause.find(c, match.end()) for c in rules.CADENCE_ITEM_SEPARATORS) if i >= 0]
            title = clause[left : min(rights, default=len(clause))]
        kind = next((k for k in rules.CADENCE_KINDS if k in title), None)
        out.append(Cadence(title, rule.every, rule.at_least, kind, line, rule.name))
    return out


_CLAUSE = re.compile(r"[^。;；]+[。;；]?")


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.findall(text) if c.strip()]


# --- the document ----------------------------------------------------------------------------


def parse(lines: list[str]) -> Document:
    """The document's parts; raises NotAPlan when no numbered structure is found."""
    doc = Document()
    lines = [line for line in lines]
    numbered_top = [i for i, line in enumerate(lines) if re.match(r"^一、\S", line)]
    if not numbered_top or len(lines) < 3:
        raise NotAPlan("未找到方案的编号结构(一、二、…) (no numbered parts found: this does not look like a plan)")
    first = numbered_top[0]
    end = len(lines)
    for i, line in enumerate(lines):
        if i > first and any(marker in line for marker in rules.END_MARKERS):
            end = i
            break
    for i in range(end, len(lines)):
        doc.problems.append(Problem(i + 1, "页面附属内容,未导入 (page furniture, left out)", lines[i]))
    _header(doc, lines, first)
    if doc.year is None:  # no date of issue and no period in the title: the first year the text names
        found = rules.ANY_YEAR.search("\n".join(lines[:end]))
        doc.year = int(found.group(1)) if found else None
    _body(doc, lines, first, end)
    return doc


def _is_chrome(line: str) -> bool:
    return any(marker in line for marker in rules.CHROME)


def _header(doc: Document, lines: list[str], first: int) -> None:
    # the plan title and the preamble: walking back from 一、
    i = first - 1
    preamble: list[int] = []
    while i >= 0 and (lines[i].endswith("。") or len(lines[i]) > 60) and not rules.RECIPIENTS.match(lines[i]):
        preamble.insert(0, i)
        i -= 1
    title: list[int] = []
    while i >= 0 and not rules.DATE_LINE.match(lines[i]) and not lines[i].endswith(("。", ":", "：")) \
            and not _is_chrome(lines[i]) and not (title and rules.ISSUER.match(lines[i])) and len(title) < 3:
        title.insert(0, i)
        i -= 1
    doc.body.title = "".join(lines[j] for j in title)
    doc.body.preamble = [lines[j] for j in preamble]
    notice_end = i + 1
    # the notice part: doc_no, issuers, notice title, recipients, notice text, signature
    candidates: list[tuple[int, int]] = []
    j = 0
    while j < notice_end:
        if rules.NOTICE_TITLE_START.search(lines[j]):
            k = j
            while k < notice_end - 1 and not rules.NOTICE_TITLE_END.search(lines[k]) and k - j < 3:
                k += 1
            candidates.append((j, k))
            j = k + 1
        else:
            j += 1
    used: set[int] = set(title) | set(preamble)
    if candidates:
        best = max(candidates, key=lambda c: len("".join(lines[c[0] : c[1] + 1]).replace(" ", "")))
        doc.notice_title = "".join(lines[best[0] : best[1] + 1])
        last = candidates[-1]
        # issuers printed above the last notice title
        k = last[0] - 1
        while k >= 0 and rules.ISSUER.match(lines[k]) and not _is_chrome(lines[k]):
            doc.issuers.insert(0, lines[k])
            used.add(k)
            k -= 1
        for c in candidates:
            used.update(range(c[0], c[1] + 1))
        after = last[1] + 1
    else:
        after = 0
    for k in range(notice_end):
        if k in used:
            continue
        line = lines[k]
        if rules.DOC_NO.match(line.replace(" ", "")):
            doc.doc_no = line.replace(" ", "")
        elif _is_chrome(line) or (k < after and not candidates == []):
            doc.problems.append(Problem(k + 1, "页面附属内容,未导入 (page furniture, left out)", line))
        elif rules.RECIPIENTS.match(line) and not doc.recipients:
            doc.recipients = [r for r in re.split(r"[,，]", line.rstrip(":：")) if r]
        elif rules.DATE_LINE.match(line.replace(" ", "")):
            m = rules.DATE_LINE.match(line.replace(" ", ""))
            assert m
            doc.issued = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            doc.signature.append(line.replace(" ", ""))
        elif rules.ISSUER.match(line) and doc.notice:
            doc.signature.append(line)
        elif rules.ISSUER.match(line) and not doc.notice and not doc.recipients:
            doc.issuers.append(line)
        else:
            doc.notice.append(line)
    if not doc.issuers and doc.signature and not rules.DATE_LINE.match(doc.signature[0]):
        doc.issuers = [doc.signature[0]]
    found = re.findall(r"(\d{4})\s*[—\-－~至]+\s*(\d{4})年", doc.body.title)
    if found:
        doc.year = int(found[0][1])
    elif doc.issued:
        doc.year = doc.issued[0]


def _body(doc: Document, lines: list[str], first: int, end: int) -> None:
    part = doc.body
    stack: list[Node] = []
    i = first
    styles_seen: list[str] = []
    after_body = False
    last_arabic: int | None = None
    while i < end:
        line = lines[i]
        n = i + 1
        if _is_chrome(line):
            doc.problems.append(Problem(n, "页面附属内容,未导入 (page furniture, left out)", line))
            i += 1
            continue
        annex = rules.ANNEX_HEAD.match(line.replace(" ", ""))
        if annex:
            title_lines: list[str] = []
            i += 1
            while i < end and not numbered(lines[i]) and not lines[i].endswith("。") and len(title_lines) < 3 \
                    and not lines[i].startswith("为"):
                title_lines.append(lines[i])
                i += 1
            part = Part("".join(title_lines), int(annex.group(1)))
            doc.annexes.append(part)
            stack, styles_seen, after_body, last_arabic = [], [], False, None
            continue
        if rules.ANNEX_LIST.match(line) and re.search(r"1[.．、]", line):
            doc.annex_list.append(line)
            i += 1
            while i < end and not rules.ANNEX_HEAD.match(lines[i].replace(" ", "")) and not rules.COPY_TO.match(lines[i]):
                if rules.ANNEX_LIST_ITEM.match(lines[i]) or not doc.annex_list[-1].endswith(("。",)):
                    if rules.ANNEX_LIST_ITEM.match(lines[i]):
                        doc.annex_list.append(lines[i])
                    else:
                        doc.annex_list[-1] += lines[i]
                    i += 1
                else:
                    break
            continue
        if rules.COPY_TO.match(line):
            doc.copy_to.append(rules.COPY_TO.sub("", line))
            i += 1
            while i < end and not rules.PRINTED.match(lines[i]):
                doc.copy_to.append(lines[i])
                i += 1
            continue
        printed = rules.PRINTED.match(line)
        if printed:
            doc.printed = (printed.group(1), (int(printed.group(2)), int(printed.group(3)), int(printed.group(4))))
            i += 1
            continue
        if rules.CLOSING.match(line):
            part.closing.append(line)
            after_body = True
            i += 1
            continue
        if stack and not doc.annexes and (rules.DATE_LINE.match(line.replace(" ", "")) or
                                          (rules.ISSUER.match(line) and i + 1 < end and rules.DATE_LINE.match(lines[i + 1].replace(" ", "")))):
            doc.signature.append(line.replace(" ", "") if rules.DATE_LINE.match(line.replace(" ", "")) else line)
            i += 1
            continue
        head = numbered(line, last_arabic)
        if head and not after_body:
            style, number, rest = head
            if style == "arabic":
                last_arabic = int(re.sub(r"\D", "", number))
            if style in styles_seen:
                depth = styles_seen.index(style)
                del styles_seen[depth + 1 :]
            else:
                styles_seen.append(style)
                depth = len(styles_seen) - 1
            del stack[depth:]
            node = _node(style, number, rest, n, doc.year)
            (stack[-1].children if stack else part.children).append(node)
            stack.append(node)
        elif stack:
            _add_text(stack[-1], line, n, doc.year)
        else:
            part.lead_texts.append(line)
        i += 1
    for part in [doc.body, *doc.annexes]:
        for node in part.children:
            _settle(node, 1)


def _node(style: str, number: str, rest: str, line: int, year: int | None) -> Node:
    cut = rest.find(rules.RUN_IN_END)
    if cut < 0 or cut > 60:
        node = Node("action", style, number, rest.strip(), line, heading_only=True)
        if len(rest) > 60:
            node.title = ""
            node.texts.append(rest)
            node.notes.append("原文此项无标题 (no run-in title found)")
        return node
    node = Node("action", style, number, rest[:cut], line)
    body = rest[cut + 1 :]
    items = ordinals(body)
    if items:
        for ordinal, text in items:
            node.children.append(_node("cn_ordinal", ordinal, text, line, year))
    elif body:
        _add_text(node, body, line, year)
    elif not node.texts:
        node.heading_only = True
    return node


def ordinals(text: str) -> list[tuple[str, str]]:
    """一是…二是…三是… items of a paragraph that opens with 一是: [(一是, its text)], or [] when it does not.

    Each next ordinal counts only after a clause end (。；) or a closing bracket, or inside an owner
    bracket the source left open (潜江: "…相关区镇街道二是…")."""
    if not rules.ORDINAL_FIRST.match(text):
        return []
    starts, n, at = [0], 2, 2
    while True:
        word = _cn(n) + "是"
        found = -1
        for match in re.finditer(re.escape(word), text[at:]):
            where = at + match.start()
            if text[where - 1] in rules.ORDINAL_AFTER or _open_owner_bracket(text[starts[-1] : where]):
                found = where
                break
        if found < 0:
            break
        starts.append(found)
        at, n = found + len(word), n + 1
    if len(starts) < 2:
        return []
    ends = [*starts[1:], len(text)]
    return [(text[a : a + len(_cn(k + 1)) + 1], text[a + len(_cn(k + 1)) + 1 : b]) for k, (a, b) in enumerate(zip(starts, ends, strict=True))]


def _open_owner_bracket(text: str) -> bool:
    opened = max(text.rfind("("), text.rfind("（"))
    return opened >= 0 and not re.search(r"[)）\]]", text[opened:]) and bool(rules.OWNER_BRACKET.search(text[opened:]))


def _cn(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else rules.CN_DIGITS[tens - 1] + "十")
    return head + (rules.CN_DIGITS[ones - 1] if ones else "")


def _add_text(node: Node, text: str, line: int, year: int | None) -> None:
    node.texts.append(text)
    for sentence in clauses(text):
        node.targets.extend(targets(sentence, line, year))
        node.deadlines.extend(deadlines(sentence, line, year))
    for clause in re.split(r"[,，。;；]", text):
        if clause:
            node.cadences.extend(cadences(clause, line))


def _settle(node: Node, level: int) -> None:
    """Sections are level-1 parts and heading-only nodes whose children are numbered."""
    if level == 1 or (node.heading_only and node.children and node.kind != "action-inner"):
        node.kind = "section"
    for child in node.children:
        _settle(child, level + 1)
    if node.kind == "section":
        for child in node.children:
            if child.kind == "action":
                _no_sections_below(child)


def _no_sections_below(node: Node) -> None:
    for child in node.children:
        child.kind = "action"
        _no_sections_below(child)
