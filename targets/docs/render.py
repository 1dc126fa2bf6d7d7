"""Rendering document.md and index.md from their templates (jinja2, imported only here)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from compiler import model as m
from targets.docs.view import document_view, index_rows
from targets.escape import Markdown
from targets.escape import markdown_finalize as finalize

if TYPE_CHECKING:
    import jinja2

INDEX_COLUMNS = ("方案", "标题", "任务", "指标目标", "单位", "机制与时限")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates' environment: strict about undefined names, escaping every printed value."""
    import jinja2

    def escape_value(value: object) -> str:
        if isinstance(value, jinja2.Undefined):
            return str(value)  # StrictUndefined raises UndefinedError, naming the missing variable
        return finalize(value)

    return jinja2.Environment(
        loader=jinja2.PackageLoader("targets.docs", "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=escape_value,
        autoescape=False,  # HTML escaping is wrong for Markdown; finalize escapes instead
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _tidy(text: str) -> str:
    """One blank line between blocks at most, one newline at the end."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


def render_document(plan: m.Plan) -> str:
    return _tidy(environment().get_template("document.md.j2").render(view=document_view(plan)))


def render_index(plans: list[m.Plan]) -> str:
    rows = [
        (row.link, row.title, row.actions, row.targets, row.units, row.events) for row in index_rows(plans)
    ]
    template = environment().get_template("index.md.j2")
    return _tidy(template.render(columns=INDEX_COLUMNS, rows=rows))


__all__ = ["Markdown", "render_document", "render_index"]
