"""File and input errors (F): the text cannot be read, or includes go wrong."""

from diagnostics.codes import code

code("F001", "missing-file", "error", "A path given on the command line or in an `include` does not exist or cannot be read.",
     why="A plan that silently skips a missing part would publish an incomplete document.",
     example='include "units/yiyang.plan"   # but the file is units/yiyang-units.plan',
     fix='include "units/yiyang-units.plan"')
code("F002", "not-utf8", "error", "The file is not valid UTF-8 (often it is GBK/GB18030 from an older editor, or UTF-16 from Notepad's “Unicode”; both are named).",
     why="Guessing an encoding can corrupt Chinese text without anyone noticing.",
     example="a .plan file saved as GBK", fix="save the file as UTF-8 (with or without BOM)")
code("F003", "file-too-large", "error", "The file is larger than the configured limit (8 MiB by default).",
     why="A runaway file (a generated dump, a binary) should fail fast instead of exhausting memory.",
     example="a 50 MB .plan file", fix="split it into included files, or raise --max-file-bytes")
code("F004", "include-escapes-root", "error", "An `include` path is absolute or leads outside the project root.",
     why="A plan must be reproducible from its own folder, and must not read arbitrary files.",
     example='include "../../etc/passwd"', fix='include "units/yiyang.plan"')
code("F005", "include-cycle", "error", "Files include each other in a loop.",
     why="A loop would include the same statements forever.",
     example='# a.plan: include "b.plan"   # b.plan: include "a.plan"', fix="remove one of the includes")
code("F006", "include-too-deep", "error", "Includes are nested more than 16 levels deep.",
     why="Deep chains are almost always a mistake and make plans hard to follow.",
     example="a.plan includes b.plan includes c.plan … (17 levels)", fix="include the parts directly from the plan file")
code("F007", "no-plans", "error", "A folder given on the command line contains no .plan file with a `plan` block.",
     why="Checking nothing and reporting success would hide a wrong path in CI.",
     example="planc check docs/", fix="planc check plans/")
code("F008", "include-path-unusable", "error", "An `include` path holds a character no file name can (NUL, U+0000).",
     why="Such a path cannot be opened on any system; saying so is clearer than a failure deep in the file system.",
     example='include "units/yiyang␀.plan"   # ␀ stands for a NUL byte pasted from a binary file',
     fix='include "units/yiyang.plan"')
