"""Statement shape errors (M): a statement is well-formed but its arguments or place are wrong."""

from diagnostics.codes import code

code("M001", "missing-argument", "error", "A statement lacks an argument it needs, or an argument has the wrong type.",
     why="A half-specified statement (a target without a value, a component without its maximum) cannot be compiled faithfully. "
         "An identifier starts with a letter or a Han character, never a digit (`121人才梯队项目` is reported as such).",
     example="target >= by 2025", fix="target >= 51.01万户 by 2025")
code("M002", "unexpected-argument", "error", "A statement has an argument it does not accept, an option given twice, or options that contradict each other.",
     why="Extra words are usually a typo for an option, and would otherwise be dropped silently.",
     example="target >= 8% by 2025 strve", fix="target >= 8% by 2025 strive")
code("M003", "no-plan-block", "error", "A file given as a plan declares no `plan` block.",
     why="Without it the plan has no id, title or period.",
     example='section s "一" { }', fix='plan demo {\n  title "示例方案"\n  period 2025\n}\nsection s "一" { }')
code("M004", "statement-not-allowed-here", "error", "A statement appears in a block that does not accept it.",
     why="A `target` outside a metric, or `lead` outside an action, has nothing to attach to.",
     example='section s "一" {\n  target >= 5%\n}', fix='section s "一" {\n  metric m "增速" {\n    target >= 5%\n  }\n}')
code("M005", "duplicate-statement", "error", "A statement that may appear once appears twice in the same block.",
     why="Two titles or two periods leave it unclear which one is meant.",
     example='plan p {\n  title "A"\n  title "B"\n}', fix='plan p {\n  title "A"\n}')
code("M006", "missing-block", "error", "A statement that needs a `{ … }` block has none.",
     why="A section or action without a body has nowhere to put its content.",
     example='section s "一"', fix='section s "一" {\n  text "……"\n}')
code("M007", "unexpected-block", "error", "A statement that takes no block has one.",
     why="The block's contents would be ignored.",
     example='title "A" {\n}', fix='title "A"')
code("M008", "duplicate-plan", "error", "A second `plan` or `scoring` block, or a `plan` block inside an included file.",
     why="One plan file compiles to one plan with at most one assessment method.",
     example='plan a { … }\nplan b { … }', fix="put the second plan in its own file")
code("M009", "target-without-value", "error", "A target has neither a value nor `done`.",
     why="A check cannot be generated without knowing what counts as met.",
     example="target by 2025 must", fix="target >= 1650家 by 2025 must")
code("M010", "invalid-date", "error", "A date that does not exist (2025-02-30), a month/day outside the year, or a year outside 1000–9999 (`period 0000..2025`, `issued 0001-01-01`).",
     why="A schedule or check built on an impossible date would be wrong everywhere downstream.",
     example="issued 2025-02-30", fix="issued 2025-02-28")
code("M011", "cadence-without-frequency", "error", "A cadence does not say how often it happens.",
     why="A cadence without `every` cannot be put on a calendar.",
     example='cadence c "季度督查" {\n  owner 市政府\n}', fix='cadence c "季度督查" {\n  every quarter\n  owner 市政府\n}')
code("M012", "deadline-without-date", "error", "A deadline has no `due` date.",
     why="A deadline without a date cannot be scheduled or checked.",
     example='deadline d "完善考评细则" {\n}', fix='deadline d "完善考评细则" {\n  due each_year 3月底\n}')
code("M013", "owner-text-mismatch", "error", "An action's `owner_text` does not name each of its owners as written, in order (or the action has no owners).",
     why="`owner_text` prints the source's wording instead of the generated owner text; it must say exactly who the structured owners are, or the document and the checks would disagree.",
     example='action a {\n  responsible 市发改委 市住建局\n  owner_text "(责任单位:市发改委"\n}',
     fix='action a {\n  responsible 市发改委 市住建局\n  owner_text "(责任单位:市发改委、市住建局"\n}')
code("M014", "contradictory-form", "error",
     "A figure or date written as plans write it says something contradictory or leaves its day open: `不少于100名以下`, `6月前`, `2027年前`, a yearless date as a target's `by`.",
     why="Each word has one meaning (docs/language.md, Figures and Dates); a figure whose words disagree, or a date that may mean the start or the end of its month, cannot be checked or scheduled without guessing.",
     example='target 不少于100名以下 by 2025', fix='target 不少于100名 by 2025')
