"""Data (D050–D099): evaluator-score and evaluation files read by `planc score`.

Every diagnostic names the data file, line and column. Errors stop the scoring
(exit 1); warnings (a unit without data) are reported and the unit is shown as
no data, never as zero.
"""

from diagnostics.codes import code

code("D050", "data-encoding", "error", "The data file is not UTF-8 text (GBK and UTF-16 are recognised and named).",
     why="Unit names in the wrong encoding would not match the registry, and every row would be rejected.",
     example="scores.csv saved from Excel as GBK/ANSI", fix="save the file as “CSV UTF-8” (a BOM is fine)")
code("D051", "data-header", "error", "The header row lacks a required column, repeats one, or its quotes are broken.",
     why="Columns are found by name; without the header, values would be misread.",
     example="period,unit,value", fix="period,unit,item,value")
code("D052", "data-unknown-column", "warning", "The header names a column that `planc score` does not read.",
     why="A column that is ignored may hold data the author expected to count.",
     example="period,unit,item,value,remark", fix="period,unit,item,value")
code("D053", "data-field-count", "error", "A row has more or fewer fields than the header, or its quotes are broken "
     "(a quote never closed, text after a closing quote).",
     why="A shifted row would put a score in the unit column.",
     example="2022Q1,湘潭县,市工信局", fix="2022Q1,湘潭县,市工信局,22")
code("D054", "data-bad-period", "error", "A period is not of the scheme's kind (2022Q1 for quarterly scores; 2022 for a yearly fact).",
     why="Scores are summed per period; a period that cannot be placed cannot be weighed.",
     example="2022-Q5,湘潭县,市工信局,22", fix="2022Q4,湘潭县,市工信局,22")
code("D055", "data-period-outside-plan", "error", "A period lies outside the plan's period.",
     why="Usually a typo in the year; the row would start a year of its own.",
     example="2033Q1,湘潭县,市工信局,22   # plan period 2022", fix="2023Q1,湘潭县,市工信局,22")
code("D056", "data-unknown-unit", "error", "A unit is not in the registry (by id, name or alias).",
     why="A misspelt unit would otherwise appear to have no data.",
     example="2022Q1,湘潭县政俯,市工信局,22", fix="2022Q1,湘潭县人民政府,市工信局,22")
code("D057", "data-unit-not-assessed", "error", "A known unit is given scores but no formula of the scheme scores it.",
     why="Its scores cannot count anywhere; usually the wrong unit was written.",
     example="2022Q1,千百十办,工信局,22   # 千百十办 evaluates, it is not assessed", fix="name the assessed unit")
code("D058", "data-unknown-item", "error", "An item is neither a unit nor a fact the scheme declares.",
     why="The item says who gave the score (an evaluator) or which fact it is (政策兑现率).",
     example="2022Q1,湘潭县,工信,22", fix="2022Q1,湘潭县,市工信局,22")
code("D059", "data-not-an-evaluator", "error", "The item is a unit that does not evaluate this unit under its formula.",
     why="A score from an evaluator outside the formula has no maximum and no place in the sum.",
     example="2022Q1,湘潭综保区,市工信局,20   # 园区乙 has no 工信局 component", fix="2022Q1,湘潭综保区,市发改委,20")
code("D060", "data-bad-number", "error", "A value is not a number (a fact may carry its unit: 88%).",
     why="Scores are summed exactly; text cannot be.",
     example="2022Q1,湘潭县,市工信局,二十二", fix="2022Q1,湘潭县,市工信局,22")
code("D061", "score-above-maximum", "error", "An evaluator's score is above the component's maximum points.",
     why="附件2 caps each evaluator's part (满分25分); a score above it is a data error, not a bonus.",
     example="2022Q1,湘潭县,市工信局,26   # max 25", fix="2022Q1,湘潭县,市工信局,25")
code("D062", "score-negative", "error", "An evaluator's score is negative.",
     why="A component scores between 0 and its maximum; deductions are declared with `adjust`.",
     example="2022Q1,湘潭县,市工信局,-2", fix="2022Q1,湘潭县,市工信局,0")
code("D063", "duplicate-score-row", "error", "The same period, unit and item appear twice.",
     why="Which of the two values counts would depend on row order.",
     example="2022Q1,湘潭县,市工信局,22\n2022Q1,湘潭县,市工信局,23", fix="keep one row")
code("D064", "no-data", "warning", "An assessed unit has no scores for a period; it is shown as no data, not zero.",
     why="A missing submission is not a zero score; ranking it last would be wrong, and so would leaving it out unannounced.",
     example="(no rows for 湘潭县 in 2022Q2)", fix="add the evaluators' scores for 湘潭县 in 2022Q2")
code("D065", "missing-component", "warning", "Some evaluators of a unit scored it for a period and others did not; the period is no data.",
     why="A partial sum would understate the unit's score.",
     example="2022Q1,湘潭县,市工信局,22   # but no 市发改委 row", fix="add the missing evaluators' rows")
code("D066", "fact-missing", "warning", "An adjustment or override could not be decided: its fact has no value for that unit and year.",
     why="Applying or skipping a −3 deduction without the 政策兑现率 would be a guess.",
     example="(no 政策兑现率 row for 湘潭县 in 2022)", fix="2022,湘潭县,政策兑现率,92%")
code("D067", "data-empty", "error", "The data file has no rows.",
     why="Nothing can be scored.", example="period,unit,item,value", fix="add one row per evaluator, unit and period")
code("D068", "fact-period", "error", "A fact is given for a quarter; facts are read per year.",
     why="Adjustments and overrides act on annual results, so their facts are annual (每年12月底前考评).",
     example="2022Q4,湘潭县,政策兑现率,88%", fix="2022,湘潭县,政策兑现率,88%")
code("D069", "fact-value-unit", "error", "A fact's value carries a unit other than the fact's.",
     why="88% and 0.88 differ by a factor of 100; the comparison with 90% would be wrong.",
     example="2022,湘潭县,政策兑现率,0.88万", fix="2022,湘潭县,政策兑现率,88%")
code("D070", "evaluation-file", "error", "An evaluation file is not valid: bad JSON, a wrong schema, or a missing field.",
     why="A completion score needs each target's status from `planc evaluate`.",
     example='{"schema": "planc/checks/v1"}', fix='{"schema": "planc/evaluation/v1", "results": [{"metric": "…", "status": "met"}]}')
code("D071", "status-unknown-metric", "error", "A status names a metric the plan does not declare.",
     why="A misspelt metric would otherwise show as no data.",
     example="市场主体总数,met", fix="市场主体总量,met")
code("D072", "status-not-credited", "warning", "A status has no `credit` in the scheme and earns 0.",
     why="A new status word (e.g. on_track) may deserve credit the scheme does not give yet.",
     example="市场主体总量,on_track   # no `credit on_track`", fix="credit on_track 50%")
code("D073", "completion-no-data", "warning", "A weighted metric has no status; it earns nothing and is shown as no data.",
     why="The completion score is then a lower bound; the report says so.",
     example="(no row for 新增规上)", fix="新增规上,met")
code("D074", "metric-not-weighted", "warning", "A status is given for a metric the scheme does not weight.",
     why="It cannot count; usually the scheme is missing a `weight` line or the name is wrong.",
     example="城镇化率,met   # no `weight 城镇化率 …`", fix="weight 城镇化率 10")
code("D075", "explain-unknown-unit", "error", "`--explain` names a unit the scheme does not assess.",
     why="There is no arithmetic trail to print for it.",
     example="planc score p.plan --data s.csv --explain 湘潭", fix="planc score p.plan --data s.csv --explain 湘潭县")
