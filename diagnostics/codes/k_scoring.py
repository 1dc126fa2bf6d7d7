"""Scoring (K): the assessment scheme is well-formed but cannot be computed as written, or `planc score` cannot run."""

from diagnostics.codes import code

code("K001", "no-scoring-scheme", "error", "`planc score` was given a plan without a `scoring` block.",
     why="There is nothing to score: the plan declares no groups, formulas or completion weights.",
     example="planc score plans/yiyang-2022.plan --data scores.csv   # the plan has no scoring block",
     fix='scoring 考评 "考核办法" {\n  scale 100\n  weight 市场主体总量 100\n}')
code("K002", "rank-table-too-short", "error", "A group has more members than its rank table has ranks.",
     why="The last-placed units would get no points at all, silently.",
     example="rank_points 五档 100% 90% 80%\ngroup g {\n  member a b c d e\n  rank_points 五档\n}",
     fix="rank_points 五档 100% 90% 80% 70% 60%")
code("K003", "group-without-period-weights", "error", "A group assessed more than once a year has no `period_weights`.",
     why="The annual score is a weighted sum of the periods' scores; without weights it is undefined.",
     example="every quarter\ngroup g {\n  member 湘潭县\n}", fix="group g {\n  member 湘潭县\n  period_weights 15% 25% 25% 35%\n}")
code("K004", "points-adjustment-without-weight", "warning", "An adjustment acts on the points of a group that carries no `weight`.",
     why="Such a group earns no points, so the deduction or bonus has nothing to act on and is skipped.",
     example="adjust a when 政策兑现率 < 90% then -3 applies 县市区组   # 县市区组 has no weight",
     fix="group 县市区组 {\n  weight 15\n}\n# or: adjust a … on annual")
code("K005", "blend-unit-not-scored", "error", "A blend names a unit that no formula scores.",
     why="A blended score is made of formula scores; a unit without a formula has none.",
     example="blend 发改委 self 85% with 供电公司 15%   # 供电公司 is in no formula",
     fix="add 供电公司 to the formula that scores it")
code("K006", "blend-chain", "warning", "A blend partner is itself blended.",
     why="Blends take the partners' own formula scores (before their blend); a chain is usually a mistake.",
     example="blend a self 85% with b 15%\nblend b self 85% with c 15%", fix="blend each unit with unblended partners")
code("K007", "unit-blended-twice", "error", "One unit has two `blend` statements.",
     why="A unit has one final score; two blends contradict each other.",
     example="blend 发改委 self 85% with 供电公司 15%\nblend 发改委 self 90% with 中环水务 10%",
     fix="blend 发改委 self 75% with 供电公司 15% with 中环水务 10%")
code("K008", "quota-rounding-gap", "warning", "For a group's size, the grade quotas as rounded leave units to the rest grade by rounding alone.",
     why="With 3:6:1 on 4 units rounded half_up each grade on its own, 1+2+0 = 3 places: one unit would be graded 不合格 by rounding alone.",
     example="grades t {\n  grade 优秀 quota 3 points 100%\n  grade 良好 quota 6 points 90%\n  grade 合格 quota 1 points 80%\n  grade 不合格 quota rest points 60%\n  rounding half_up\n}   # used by a group of 4",
     fix="rounding half_up cumulative   # the running total is rounded, so the places add up to the group size")
code("K009", "condition-unit-mismatch", "warning", "A condition compares a fact with a value in another unit.",
     why="政策兑现率 in % compared with 0.9 (no unit) or 90分 is almost certainly a mistake.",
     example="fact 政策兑现率 unit %\nadjust a when 政策兑现率 < 0.9 then -3", fix="adjust a when 政策兑现率 < 90% then -3")
code("K010", "share-above-full", "error", "A rank or grade table gives more than 100% of the weight, or a negative share.",
     why="Points would exceed the group's weight.",
     example="rank_points t 110% 100% 90%", fix="rank_points t 100% 90% 80%")
code("K011", "bad-component-maximum", "error", "A component's maximum points are zero or negative.",
     why="An evaluator with no points cannot contribute to the score.",
     example="component 工信局 max 0", fix="component 工信局 max 25")
code("K012", "completion-does-not-add-up", "error", "A plan's completion weights (`weight METRIC N` in the scoring block) do not add up to the scale.",
     why="The completion score could never reach, or could exceed, the full score.",
     example="scale 100\nweight 市场主体总量 60\nweight 新增规上 30", fix="weight 新增规上 40")
code("K013", "completion-metric-without-target", "warning", "A completion item names a metric with no target.",
     why="Without a target there is no check, so `planc evaluate` never gives it a status.",
     example='metric m "城镇化率" unit %\nscoring s "…" {\n  weight m 100\n}', fix='metric m "城镇化率" unit % {\n  target >= 60% by 2025\n}')
code("K014", "duplicate-credit", "error", "A status is credited twice, or a metric weighted twice.",
     why="The second line would silently replace or double the first.",
     example="credit met 100%\ncredit met 90%", fix="credit met 100%")
code("K015", "credit-above-full", "error", "A status earns more than 100% of an item's points, or a negative share.",
     why="The completion score would exceed the scale.",
     example="credit met 120%", fix="credit met 100%")
code("K016", "empty-group", "warning", "A scoring group or formula has no members.",
     why="Nobody is assessed by it; usually the member line is missing.",
     example='group g "县市区组" {\n  weight 15\n}', fix='group g "县市区组" {\n  member 湘潭县 湘乡市\n  weight 15\n}')
code("K017", "adjustment-on-annual-unbounded", "warning", "An adjustment on the annual score is larger than the scale.",
     why="It would always push the score to 0 or to full marks; usually `on points` was meant, or the sign is wrong.",
     example="scale 100\nadjust a when f < 90% then -300 on annual", fix="adjust a when f < 90% then -3 on annual")
code("K018", "unsupported-assessment-frequency", "error", "A scoring scheme is assessed `every` week, biweek or dekad.",
     why="Scores are kept per month, quarter, half-year or year (2022M01, 2022Q1, 2022H1, 2022); finer periods have no period label.",
     example="scoring s \"…\" {\n  every week\n}", fix="scoring s \"…\" {\n  every quarter\n}")
code("K019", "adjustment-fact-unused-unit", "warning", "A fact is declared but no adjustment or override reads it.",
     why="Data given for it would change nothing; usually a condition names a different fact.",
     example='fact 政策兑现率 "政策兑现率" unit %   # no `when 政策兑现率 …`', fix="adjust a when 政策兑现率 < 90% then -3")
code("K020", "item-parts-short-of-maximum", "warning",
     "An item's sub-items add up to less than its maximum, so no unit can reach it.",
     why="Usually a slip; but a published rubric sometimes has it (县矿管局: 20 + 10 + 20 under 60), and a faithful plan keeps "
         "the source's numbers, acknowledged, while the score report states the declared and the attainable total.",
     example="item 矿管 max 60 {\n  item a max 20\n  item b max 10\n  item c max 20\n}",
     fix='item 矿管 max 60 {\n  ack K020 "源文件分值如此：20+10+20=50"\n  item a max 20\n  item b max 10\n  item c max 20\n}')
code("K021", "veto-or-band-grade-unknown", "error",
     "A veto names a grade that no band or grade table has, or two bands start at the same score.",
     why="The veto would fix a grade nobody can read; two bands at one score leave the grade undecided.",
     example='band 优秀 from 90\nveto v when 重大事故 grade 不合格', fix='band 优秀 from 90\nband 不合格 from 0\nveto v when 重大事故 grade 不合格')

