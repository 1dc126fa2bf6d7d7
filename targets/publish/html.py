"""document.html and index.html: the plan as a website publishes it, and the list of plans.

Semantic HTML without script: the 信息公开 metadata as a ``<dl>``, the document as
``<article>`` with ``<h1>``–``<h4>`` and ``<p>``; a print stylesheet lays it out on
A4. Every value passes through :func:`targets.escape.html`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from compiler import model as m
from compiler.text import chinese_date
from targets.escape import environment as html_environment
from targets.publish.layout import Published, metadata, published
from targets.publish.punctuation import fullwidth

if TYPE_CHECKING:
    import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return html_environment("targets.publish")


def render_html(plan: m.Plan, document: Published | None = None) -> str:
    document = document or published(plan)
    return environment().get_template("document.html.j2").render(
        document=document, paragraphs=document.paragraphs, metadata=document.metadata)


def _link(plan_id: str, name: str) -> str:
    # plan ids are identifiers (letters, digits, _ - ·): safe in a path, percent-encoded all the same
    quoted = "".join(c if c.isalnum() or c in "-_.·" else "%" + c.encode().hex("%").upper() for c in plan_id)
    return f"{quoted}/{name}"


def render_index(plans: list[m.Plan]) -> str:
    """Every plan, newest first (成文日期, then id), with 文号, issuer and links to its files."""
    ordered = sorted(plans, key=lambda p: (-(p.issued or p.period.start).toordinal(), p.id))
    rows = [{
        "title": fullwidth(plan.notice_title or plan.title),
        "date": chinese_date(plan.issued) if plan.issued else "",
        "doc_no": plan.doc_no or "",
        "issuer": fullwidth("、".join(plan.issuers)),
        "html": _link(plan.id, "document.html"),
        "docx": _link(plan.id, "document.docx"),
        "metadata": metadata(plan),
    } for plan in ordered]
    return environment().get_template("index.html.j2").render(rows=rows)
