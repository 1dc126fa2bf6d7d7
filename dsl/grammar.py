"""The grammar's text, its keyword terminal kept in step with the keyword table, and the
generated standalone parser kept in step with the grammar."""

from __future__ import annotations

import os
import re
from pathlib import Path

from dsl.keywords import (
    COMPARATOR_SPELLINGS,
    FIRMNESS_PREFIXES,
    POSTFIX_COMPARATORS,
    RANGE_SEPARATORS,
    keyword_spellings,
)
from dsl.lexicon import HAN, NAME_CONTINUE, NAME_PATTERN

BEGIN = "// BEGIN KEYWORDS"
END = "// END KEYWORDS"

GRAMMAR_PATH = Path(__file__).with_name("plan.lark")
STANDALONE_PATH = Path(__file__).with_name("generated_parser.py")
#: the generated parser's second line records the grammar it was generated from
STANDALONE_STAMP = "# grammar-sha256: "


def grammar_text() -> str:
    return GRAMMAR_PATH.read_text(encoding="utf-8")


def lark_grammar_text() -> str:
    """The grammar as the parser is built from it: exactly the file a reader reads."""
    return grammar_text()


def grammar_digest() -> str:
    import hashlib  # here, not at the top: `planc check` imports this module for keyword_word

    return hashlib.sha256(lark_grammar_text().encode("utf-8")).hexdigest()


# A keyword must not run on into an identifier: `targets` is not `target s`. (`\w` would
# compile faster than these Han ranges, but interegular, which checks the grammar for
# colliding terminals in tests, takes minutes over `\w`'s alphabet.)
KEYWORD_END = f"(?![{NAME_CONTINUE}])"

# The optional colon after a keyword (`title: …`, `标题：…`) belongs to the keyword's
# token, so the lexer state after a keyword and the state after an argument accept the
# same tokens and share one compiled scanner (~9 ms of a cold start).
KEYWORD_COLON = r"(?:[\t \f\u3000]*[:：])?"


def render_keyword_terminal() -> str:
    """The KEYWORD terminal for the current keyword table (longest spelling first)."""
    alternatives = "|".join(re.escape(s) for s in keyword_spellings())
    return f"KEYWORD: /(?:{alternatives}){KEYWORD_END}{KEYWORD_COLON}/"


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def render_measure_terminal() -> str:
    """The MEASURE terminal: a figure with its comparator and firmness words attached, as plans write it.

    ``不少于100名``, ``力争达到500家以上``, ``超过1~2个``, ``5%以内``: a word before the figure
    (generated from the comparator and firmness words of dsl/keywords.py), or after a
    percentage (``500家以上`` is a QUANTITY whose unit ends in the word; the compiler reads it).
    """
    prefix_words = [s for spellings in COMPARATOR_SPELLINGS.values() for s in spellings
                    if "\u3400" <= s[0] <= "\u9fff" and s not in POSTFIX_COMPARATORS]
    number = r"[+-]?\d+(?:\.\d+)?"
    separator = "(?:[" + "".join(re.escape(s) for s in RANGE_SEPARATORS if not "\u3400" <= s <= "\u9fff") + "]|" + \
        "|".join(s for s in RANGE_SEPARATORS if "\u3400" <= s <= "\u9fff") + ")"
    figure = f"{number}(?:{separator}{number})?"
    unit = f"(?:[%％‰](?:{_alternation(POSTFIX_COMPARATORS)})?|[{HAN}A-Za-z\\/·]+)?"
    firm = _alternation(FIRMNESS_PREFIXES)
    words = _alternation(prefix_words)
    postfix = _alternation(POSTFIX_COMPARATORS)
    return (f"MEASURE.3: /(?:(?:{firm})(?:{words})?|{words}){figure}{unit}"
            f"|{figure}[%％‰](?:{postfix})/")


def keyword_word(token_text: str) -> str:
    """The keyword itself, without the colon its token may end with."""
    return token_text.rstrip(":： \t\f\u3000")


def with_current_keywords(text: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    replacement = (f"{BEGIN}\nNAME: /{NAME_PATTERN}/\n{render_keyword_terminal()}\n"
                   f"{render_measure_terminal()}\n{END}")
    return pattern.sub(lambda _match: replacement, text)


def write_keywords_into_grammar(path: str) -> bool:
    """Rewrite the keyword section of the grammar file; returns True if it changed."""
    with open(path, encoding="utf-8") as f:
        old = f.read()
    new = with_current_keywords(old)
    if new != old:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(new)
    return new != old


# ---- the standalone parser --------------------------------------------------
# planc parses with a parser module that Lark's standalone tool generates from the
# grammar: loading it skips importing lark and reading Lark's grammar cache, ~20 ms of a
# cold `planc check`. Lark numbers the parse states differently on each run, so the
# module is regenerated only when the grammar changes, and records which grammar it is.


def standalone_digest(path: Path = STANDALONE_PATH) -> str | None:
    """The grammar digest the generated parser records, or None if there is none."""
    try:
        with path.open(encoding="utf-8") as f:
            f.readline()
            stamp = f.readline()
    except OSError:
        return None
    return stamp[len(STANDALONE_STAMP):].strip() if stamp.startswith(STANDALONE_STAMP) else None


def standalone_source() -> str:
    """The parser module for the current grammar, from Lark's standalone generator."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        grammar_file = os.path.join(folder, "plan.lark")
        with open(grammar_file, "w", encoding="utf-8", newline="\n") as f:
            f.write(lark_grammar_text())
        # interegular is hidden from Lark here: with it, Lark spends ~30 s checking the terminals
        # for collisions, which the strict-mode grammar test does already
        generator = (
            "import sys; sys.modules['interegular'] = None; sys.argv[0] = 'lark.tools.standalone'; "
            "from lark.tools.standalone import main; main()"
        )
        generated = subprocess.run(
            [sys.executable, "-c", generator, "--lexer", "contextual", grammar_file],
            capture_output=True, text=True, encoding="utf-8", check=True,
        ).stdout
    header = (
        "# Generated by `make grammar` from dsl/plan.lark with Lark's standalone tool: do not edit.\n"
        f"{STANDALONE_STAMP}{grammar_digest()}\n"
        "# ruff: noqa\n"
    )
    return header + generated


def write_standalone_parser(path: Path = STANDALONE_PATH) -> bool:
    """Regenerate the parser module if the grammar changed; returns True if it did."""
    if standalone_digest(path) == grammar_digest():
        return False
    temporary = path.with_suffix(".tmp")
    temporary.write_text(standalone_source(), encoding="utf-8", newline="\n")
    os.replace(temporary, path)
    return True
