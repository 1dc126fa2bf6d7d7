"""Codes of the publish gate (`planc check --publish`): defects a 文秘 would reject before publishing.

These rules run only with ``--publish``. Their codes are errors there, but a source
defect the plan reproduces on purpose may be acknowledged (`ack CODE "reason"`),
which keeps it listed; :data:`ACKNOWLEDGEABLE` names them. With ``--publish`` an
unacknowledged V029 (an unclosed bracket or quotation mark) is an error too
(:data:`PROMOTED`).
"""

from __future__ import annotations

from diagnostics.codes import code

code("V201", "publish-missing-part", "error",
     "A part every published 公文 has is missing: 标题, 发文机关, 成文日期 or 署名 (only reported by `planc check --publish`).",
     why="GB/T 9704 requires the issuer, the signature and the date of writing; a document without them cannot be issued.",
     example='plan p {\n  title "某某实施方案"\n  period 2025..2025\n}',
     fix='plan p {\n  title "某某实施方案"\n  issuer "某某市人民政府"\n  issued 2025-02-07\n  period 2025..2025\n}')
code("V202", "publish-garbled-recipients", "error",
     "The 主送 line does not end with one full-width colon “：”, or a recipient ends with punctuation (only with `--publish`).",
     why="The 主送机关 are printed 顶格 on one line ending in “：”; a stray mark shows text was mis-copied.",
     example='recipients "各县市区人民政府," "市直各单位"', fix='recipients "各县市区人民政府" "市直各单位"')
code("V203", "publish-sentence-cut", "error",
     "A paragraph of the document ends without a sentence-ending mark (。！？；： or a closing bracket after one) (only with `--publish`).",
     why="A paragraph cut off mid-sentence usually means text was lost while copying the source.",
     example='text "加快推进重点项目建设"', fix='text "加快推进重点项目建设。"')

ACKNOWLEDGEABLE = frozenset({"V201", "V202", "V203"})
PROMOTED = frozenset({"V029"})
