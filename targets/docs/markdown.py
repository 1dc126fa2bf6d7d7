"""Compatibility names for code written before targets/escape.py owned all escaping (issue 20).

Markdown escaping lives in :mod:`targets.escape`; these names point there, so a caller not
yet moved (driver/lsp.py's hover) escapes exactly as every output does. New code imports
:mod:`targets.escape`.
"""

from targets.escape import Markdown, markdown_finalize, markdown_inline

escape = markdown_inline
finalize = markdown_finalize

__all__ = ["Markdown", "escape", "finalize"]
