"""Codes about the build output: names planc turns into files and folders."""

from __future__ import annotations

from diagnostics.codes import code

code("V301", "plan-id-not-a-folder-name", "error",
     "A plan id cannot name its output folder: it is longer than 240 bytes in UTF-8 (80 Han characters), is a name "
     "planc uses itself (`_shared`, `index.md`, `index.html`, `.planc`), starts with a dot, or is a name Windows "
     "reserves (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9).",
     why="`planc build` writes each plan to OUT/<plan-id>/; an id no file system accepts, or one that collides with "
         "planc's own files, would fail only at build time or overwrite another output.",
     example="plan _shared {\n  title \"某某实施方案\"\n}", fix="plan yiyang-2022 {\n  title \"某某实施方案\"\n}")
