"""Syntax errors (P): the text is not a well-formed .plan file."""

from diagnostics.codes import code

code(
    "P001", "syntax-error", "error",
    "The parser met a token or character it cannot accept here.",
    why=(
        "A file with a syntax error produces no output. The parser drops the statement the error is in and "
        "resumes at the next statement, so every syntax error of the file is reported in one run "
        "(at most 50; `--max-diagnostics` limits how many are shown)."
    ),
    example='plan demo {\n  title "A" }\n  issuer "B"\n}',
    fix='plan demo {\n  title "A"\n  issuer "B"\n}',
)
code(
    "P002", "unterminated-string", "error",
    'A string "…" has no closing quote on its line, or a text block """…""" is never closed.',
    why="Everything after the opening quote would silently become part of the text.",
    example='title "益阳市实施方案␛[31m"   # ␛ marks the invisible ESC character (U+001B) in the file',
    fix='title "益阳市实施方案"',
    hint='close the string with `"` on the same line, or use """…""" for text that spans lines',
)
code(
    "P003", "chinese-quote-delimiter", "error",
    "A Chinese quotation mark is used where a string must start.",
    why="Chinese quotes appear inside official text, so only ASCII quotes delimit strings.",
    example="title “益阳市实施方案”",
    fix='title "益阳市实施方案"',
)
code(
    "P004", "unknown-keyword", "error",
    "A statement starts with a word that is not a keyword.",
    why=(
        "Every statement starts with a keyword (English or Chinese); a misspelt one would otherwise be lost. "
        "The suggestion is taken from the statements the enclosing block accepts (in an action, `牵头` is "
        "`牵头单位` or `牵头领导`), and from all keywords only when none of those is close."
    ),
    example='plan demo {\n  tilte "A"\n}',
    fix='plan demo {\n  title "A"\n}',
)
code(
    "P005", "unclosed-block", "error",
    "A block opened with `{` is never closed.",
    why="The parser cannot know where the block was meant to end.",
    example='section s "一" {\n  text "…"\n',
    fix='section s "一" {\n  text "…"\n}',
)
code(
    "P006", "unmatched-brace", "error",
    "A `}` closes a block that was never opened.",
    why="Usually a block was closed twice, or a `{` was deleted.",
    example='plan demo {\n  title "A"\n}\n}',
    fix='plan demo {\n  title "A"\n}',
)
code(
    "P007", "brace-on-own-line", "error",
    "A `{` stands at the start of a line instead of after its statement.",
    why="Statements end at the line break, so a block must open on the statement's own line.",
    example='section s "一"\n{\n}',
    fix='section s "一" {\n}',
)
code(
    "P008", "nesting-too-deep", "error",
    "Blocks are nested more than 24 levels deep.",
    why="No real plan nests that deep; a runaway structure (often generated) is refused before it exhausts the compiler.",
    example='section a "一" {\n  section b "（一）" {\n    …  # 25 levels\n  }\n}',
    fix="flatten the structure",
)
code(
    "P009", "control-character", "error",
    "A string or text block holds a control character (NUL, BEL, ESC, DEL …; tab and line breaks excepted).",
    why="A control character is invisible in an editor but reaches the outputs: an ESC in document.md drives the "
        "terminal that prints it, and RFC 5545 forbids control characters in schedule.ics.",
    example='title "益阳市实施方案\x07"   # here \\x07 stands for the BEL character itself (U+0007)',
    fix='title "益阳市实施方案"',
    hint="delete it; a line break in a text block is a real line break, a tab is written \\t",
)
code(
    "P010", "scientific-notation", "error",
    "A number is written in scientific notation (1e6), which planc does not read.",
    why="Official figures are written in full; `1e309家` used to be read as `1e` followed by a stray `309家`.",
    example="target >= 1e3家 by 2025",
    fix="target >= 1000家 by 2025",
    hint="write the number in full",
)
code(
    "P011", "name-not-normalised", "warning",
    "A name holds a character that Unicode NFC writes otherwise (a CJK compatibility ideograph such as U+F900 for 豈).",
    why="Ids and names are compared in NFC, so `豈` (U+F900) and `豈` (U+8C48), which look the same, are one id; "
        "the warning shows where a file holds the other form.",
    example="unit 豈局 \"市豈局\"   # 豈 here is U+F900",
    fix="unit 豈局 \"市豈局\"   # 豈 is U+8C48",
    hint="retype the name; a converter or an old input method wrote a compatibility character",
)
