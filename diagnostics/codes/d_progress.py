"""Progress data (D001–D049): the `metric,period,value` CSV read by `planc evaluate`.

Every bad row is reported with the file, line and column; no row is dropped silently,
and the evaluation is not printed while the data has errors.
"""

from diagnostics.codes import code

code("D001", "data-not-utf8", "error", "The progress file is not valid UTF-8 (often a spreadsheet saved it as GBK/GB18030, or as UTF-16 “Unicode text”; both are named).",
     why="Guessing the encoding can turn metric names into mojibake that matches nothing, or worse, something else.",
     example="progress.csv saved from Excel as “CSV (逗号分隔)” in GBK",
     fix="save it as “CSV UTF-8 (逗号分隔)”; a BOM is fine")
code("D002", "bad-header", "error", "The first line of the progress file is not a readable header naming the columns metric, "
     "period and value, each once.",
     why="Without the header the columns cannot be told apart, and the first data row would be read as a header.",
     example="市场主体总量,2024,48.6", fix="metric,period,value\n市场主体总量,2024,48.6")
code("D003", "unknown-data-metric", "error", "A row names a metric that the plan does not declare (by id, name or alias).",
     why="A misspelt metric would leave its check without data and the row unused.",
     example="metric,period,value\n市场主体总数,2024,48.6", fix="metric,period,value\n市场主体总量,2024,48.6",
     hint="metrics may be named by id, name or alias; `planc build` lists them in checks.json")
code("D004", "bad-value", "error", "A value is not a number (or, for a yes/no metric, not one of 1/0, true/false, 是/否, 完成/未完成).",
     why="A value that cannot be read cannot be judged; dropping the row would hide the problem.",
     example="市场主体总量,2024,四十八点六", fix="市场主体总量,2024,48.6")
code("D005", "bad-period", "error", "A period is not a year (2025), a quarter (2025Q2), a month (2025-06) or a day (2025-06-30).",
     why="The period places the value on the trajectory; an unreadable one cannot be placed.",
     example="市场主体总量,2025年上半年,48.6", fix="市场主体总量,2025-06,48.6")
code("D006", "duplicate-row", "error", "Two rows give a value for the same metric and period.",
     why="At most one of them is right, and which one wins would be arbitrary.",
     example="市场主体总量,2024,48.6\n市场主体总量,2024,48.9", fix="keep the correct row")
code("D007", "period-outside-plan", "error", "A row's period lies outside the plan's period (and before the metric's base year).",
     why="Data for other years cannot count towards this plan's targets; usually a typo in the year.",
     example="plan period 2022..2025\n市场主体总量,2027,52.0", fix="市场主体总量,2025,52.0")
code("D008", "wrong-field-count", "error", "A row has fewer fields than the header names, or more, or its quotes are broken "
     "(a quote never closed, text after a closing quote).",
     why="A missing or extra comma shifts every value into the wrong column.",
     example="metric,period,value\n市场主体总量,2024", fix="metric,period,value\n市场主体总量,2024,48.6")
code("D009", "value-unit-mismatch", "error", "A value carries a unit different from its metric's unit.",
     why="48.6万户 and 486000户 differ by a factor of ten thousand; units are never converted silently.",
     example="市场主体总量,2024,486000户   # the metric is in 万户", fix="市场主体总量,2024,48.6")
code("D010", "no-data-rows", "warning", "The progress file has a header but no data rows.",
     why="Every check would then be reported as having no data, which is rarely what was meant.",
     example="metric,period,value", fix="metric,period,value\n市场主体总量,2024,48.6")
code("D011", "data-unreadable", "error", "The progress file does not exist or cannot be read.",
     why="Evaluating against nothing would report every target as lacking data.",
     example="planc evaluate plans/yiyang.plan --data progres.csv", fix="planc evaluate plans/yiyang.plan --data progress.csv")
