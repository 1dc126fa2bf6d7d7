"""The publish target: the plan as an official document to publish.

- ``document.docx``: laid out per GB/T 9704-2012 (targets/publish/docx.py);
- ``document.html``: the website page with its 信息公开 metadata, and the build's
  ``index.html`` (targets/publish/html.py);
- ``document.pdf``: opt-in (``planc build --pdf``), LibreOffice converting the .docx
  (targets/publish/pdf.py).

Text is the source's only, with full-width punctuation per GB/T 15834
(targets/publish/punctuation.py). python-docx and jinja2 are imported only when a
document is written, so ``planc check`` stays fast.
"""

from __future__ import annotations

from compiler.model import Plan
from targets import Files, Target


def emit(plan: Plan) -> Files:
    from targets.publish.docx import docx_from
    from targets.publish.html import render_html
    from targets.publish.layout import published

    document = published(plan)
    return {"document.docx": docx_from(plan, document), "document.html": render_html(plan, document).encode("utf-8")}


def emit_index(plans: list[Plan]) -> Files:
    from targets.publish.html import render_index

    return {"index.html": render_index(plans).encode("utf-8")}


TARGET = Target("publish", emit, emit_index)
