"""Where each source document's body starts and ends, and which lines are web-page chrome.

Shared by the fidelity tests of plans (plan.json) and of documents (document.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.fidelity import body, seed_path, sentences


@dataclass(frozen=True)
class Seed:
    plan_id: str
    prefix: str  # seed file prefix under tests/corpus/seeds
    start: str  # text of the first line of the body (the title)
    end: str | None  # text of the first line after the body, or None for the end of file
    chrome: tuple[str, ...] = ()  # lines containing any of these are page furniture
    corpus: str | None = None  # a folder under tests/corpus/plans (its source.txt) instead of a seed under tests/corpus/seeds

    def text(self) -> str:
        """The whole source file, UTF-8."""
        path = CORPUS / self.corpus / "source.txt" if self.corpus else seed_path(self.prefix)
        return path.read_text(encoding="utf-8")


CORPUS = Path(__file__).resolve().parent / "corpus" / "plans"

SEEDS: dict[str, Seed] = {
    "yiyang-2022": Seed("yiyang-2022", "000", "益阳市人民政府关于印发", "责任编辑", ("作者:办公室", "浏览数")),
    "yuanjiang-2024": Seed("yuanjiang-2024", "001", "沅政办发", None),
    "qianjiang-2022": Seed(
        "qianjiang-2022", "002", "关于印发潜江市县域经济", "公开属性",
        ("011396186/2022", "今天是", "繁體", "热门搜索", "| | |"),
    ),
    "yueyang-2025": Seed("yueyang-2025", "003", "岳政办发", None),
    "xiangtan-2022": Seed("xiangtan-2022", "004", "中共湘潭市委", None, ("发布时间:", "阅读:")),
}

# The generality corpus (tests/corpus/plans/README.md): whole files, the first line is the title. Kept apart from
# SEEDS so that the importer's bar (tests/driver/importer, issue 22) is not measured on its evaluation set.
CORPUS_PLANS: dict[str, Seed] = {
    "guangzhou-2012-rencai-jiju": Seed(
        "guangzhou-2012-rencai-jiju", "", "关于推进人才集聚工程的实施意见", None, corpus="guangzhou-2012-rencai-jiju",
    ),
    "shanghai-2026-gongyuan-tizhi": Seed(
        "shanghai-2026-gongyuan-tizhi", "", "上海市人民政府办公厅关于印发", None, corpus="shanghai-2026-gongyuan-tizhi",
    ),
    "chongming-2021-nongcun-gonglu": Seed(
        "chongming-2021-nongcun-gonglu", "", "上海市崇明区人民政府办公室关于印发", None,
        corpus="chongming-2021-nongcun-gonglu",
    ),
    "baoshan-2019-laji-fenlei": Seed(
        "baoshan-2019-laji-fenlei", "", "上海市宝山区人民政府办公室关于印发", None, corpus="baoshan-2019-laji-fenlei",
    ),
}


@dataclass(frozen=True)
class RubricSource:
    """A rubric plan's source: a table in tests/corpus/rubrics/<folder>/source.txt (one row a line, cells separated
    by TAB), and the columns whose cells document.md prints (the item rows' title, content, standard, scorers)."""

    plan_id: str
    folder: str
    columns: tuple[int, ...]


RUBRICS: dict[str, RubricSource] = {
    # 序号 | 考核项目 | (department) | 各项分值 | 考核内容 | 评分标准 | 说明
    "shicheng-2018-departments": RubricSource("shicheng-2018-departments", "shicheng-2018-hezhang-departments", (4, 5)),
    # 序号 | 考核项目 | 各项分值 | 考核指标 | 负责考核部门
    "shicheng-2018-townships": RubricSource("shicheng-2018-townships", "shicheng-2018-hezhang-townships", (1, 3, 4)),
}


def rubric_sentences(plan_id: str) -> list[str]:
    """The sentences of the source's item rows (rows whose last text column is filled), in the printed columns."""
    rubric = RUBRICS[plan_id]
    path = Path(__file__).resolve().parent / "corpus" / "rubrics" / rubric.folder / "source.txt"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[2:]]
    found: list[str] = []
    for row in rows:
        if not row[rubric.columns[-1]].strip() or row[0] in ("序号",):
            continue
        for column in rubric.columns:
            found += sentences(row[column])
    return found


def seed_sentences(plan_id: str) -> list[str]:
    return sentences(seed_body(plan_id))


def seed_body(plan_id: str) -> str:
    """The source's body (its title to its end, chrome removed), seed or corpus."""
    seed = SEEDS.get(plan_id) or CORPUS_PLANS[plan_id]
    return body(seed.text(), seed.start, seed.end, seed.chrome)
