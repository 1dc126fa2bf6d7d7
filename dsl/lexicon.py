"""The character classes of the language, declared once.

An identifier (the grammar's NAME) starts with an ASCII letter, ``_`` or a Han character
and continues with those, digits, ``-`` and ``·``. The grammar file's NAME terminal, the
keyword boundary, the parser's error path, the language server and the editors'
TextMate grammar are all generated from or built on these strings (a test holds
dsl/plan.lark to them).
"""

from __future__ import annotations

# Han: CJK Extension A, the Unified Ideographs, Compatibility Ideographs, and 〇.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
NAME_START = r"A-Za-z_" + HAN
NAME_CONTINUE = r"A-Za-z0-9_\-·" + HAN
#: a whole identifier, as a regular expression (no anchors)
NAME_PATTERN = f"[{NAME_START}][{NAME_CONTINUE}]*"


def textmate_class(ranges: str) -> str:
    r"""The same class in Oniguruma's notation (``\x{3400}`` for ``\u3400``), for TextMate grammars."""
    import re

    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: "\\x{" + m.group(1).upper() + "}", ranges)
