"""Validation (V): the plan is well-formed and resolves, but something in it is wrong or suspicious."""

from diagnostics.codes import code

code("V001", "period-reversed", "error", "The plan's period ends before it starts.",
     why="Every deadline and target is checked against the period.",
     example="period 2025..2022", fix="period 2022..2025")
code("V002", "target-outside-period", "warning", "A target's deadline or year falls outside the plan's period.",
     why="A target due after the plan ends cannot be assessed under it; usually a typo in the year.",
     example="period 2022..2025\n…\ntarget >= 51.01万户 by 2026", fix="target >= 51.01万户 by 2025")
code("V003", "target-unit-mismatch", "error", "A target's unit differs from its metric's unit.",
     why="Comparing 万户 with 户, or % with 个百分点, gives a wrong verdict by a factor or a kind.",
     example='metric m "市场主体总量" unit 万户 {\n  target >= 510100户\n}', fix='metric m "市场主体总量" unit 万户 {\n  target >= 51.01万户\n}')
code("V004", "co-units-without-lead", "warning", "An action names co-operating units but no lead unit or leader.",
     why="Someone must lead; co-units alone leave the task without an accountable owner.",
     example="action a \"…\" {\n  co 商务局\n}", fix="action a \"…\" {\n  lead 发改委\n  co 商务局\n}")
code("V005", "action-without-owner", "warning", "An action has no owner while the other actions around it do.",
     why="When a plan assigns owners, an action without one is usually an omission.",
     example='section s "任务" {\n  action a "甲" { lead 发改委 }\n  action b "乙" { text "…" }\n}',
     fix='section s "任务" {\n  action a "甲" { lead 发改委 }\n  action b "乙" {\n    text "…"\n    lead 工信局\n  }\n}')
code("V006", "components-do-not-add-up", "error", "A scoring formula's maximum points do not add up to the scale (100分制).",
     why="A unit's quarterly score could then never reach, or could exceed, the full score.",
     example="scale 100\nformula f { component 工信局 max 25  component 发改委 max 20 }",
     fix="make the components' max points add up to 100; or, when the published rubric's own numbers do not add up, keep "
         "them and acknowledge it in the formula: `ack V006 \"源文件各项分值合计90分\"` (the only error that may be acknowledged "
         "outside the publish gate; the score report then states the declared and the attainable total)")
code("V007", "period-weights-do-not-add-up", "error", "A group's period weights do not add up to 100%.",
     why="The annual score would be inflated or deflated.",
     example="period_weights 15% 25% 25% 30%", fix="period_weights 15% 25% 25% 35%")
code("V008", "member-in-two-groups", "error", "A unit is a member of two scoring groups (or two formulas).",
     why="A unit is ranked in exactly one group; two would count it twice.",
     example="group a { member 湘潭县 }\ngroup b { member 湘潭县 }", fix="keep the unit in one group")
code("V009", "blend-shares-do-not-add-up", "error", "A blend's shares do not add up to 100%.",
     why="A blended score must stay on the same scale as the scores it blends.",
     example="blend 发改委 self 85% with 供电公司 10%", fix="blend 发改委 self 85% with 供电公司 15%")
code("V010", "issued-outside-period", "warning", "The plan is issued after its period has ended.",
     why="Usually a typo in the issue date or the period.",
     example="issued 2026-03-01\nperiod 2022..2025", fix="issued 2022-03-01")
code("V011", "metric-without-target", "warning", "A metric declares no target.",
     why="A metric without a target produces no check and is usually unfinished.",
     example='metric m "城镇化率" unit %', fix='metric m "城镇化率" unit % {\n  target >= 60% by 2025\n}')
code("V012", "share-over-100", "error", "A share or percentage-level target is above 100%.",
     why="A share cannot exceed the whole; usually a misplaced decimal point.",
     example='metric m "研发投入占比" unit % kind share {\n  target >= 250%\n}', fix="target >= 2.5%")
code("V013", "kind-unit-mismatch", "warning", "A metric's kind and unit disagree (a growth in 亿元, a percentage-point change in %).",
     why="增长8% and 提高0.7个百分点 are different things; mixing them up misjudges progress.",
     example='metric m "城镇化率" unit % kind pp_change', fix='metric m "城镇化率" unit 个百分点 kind pp_change')
code("V014", "cadence-without-owner", "warning", "A cadence says nothing about who holds it.",
     why="A meeting nobody convenes does not happen; the calendar needs a holder.",
     example='cadence c "旬调度" {\n  every dekad\n}', fix='cadence c "旬调度" {\n  every dekad\n  owner 分管副市长\n}')
code("V015", "deadline-without-owner", "warning", "A deadline has no owner.",
     why="A deadline nobody owes is missed by default.",
     example='deadline d "政策兑现考评" {\n  due each_year 12月底\n}', fix='deadline d "政策兑现考评" {\n  due each_year 12月底\n  owner 千百十办\n}')
code("V016", "range-reversed", "error", "A range's lower end is above its upper end (3~1个).",
     why="No value could satisfy it.",
     example="target 3~1个", fix="target 1~3个")
code("V017", "unused-acknowledgement", "warning", "An `ack` does not match any warning in its block.",
     why="Stale acknowledgements hide nothing but suggest a defect that is gone; or the code is mistyped.",
     example='ack V099 "…"', fix="remove the ack, or correct its code")
code("V018", "empty-section", "warning", "A section has no text, actions or sub-sections.",
     why="An empty heading in a published document is almost always a mistake.",
     example='section s "保障措施" {\n}', fix='section s "保障措施" {\n  text "……"\n}')
code("V019", "duplicated-prose", "warning", "The same paragraph appears twice in the plan.",
     why="Copy-paste duplicates publish the same sentence twice and double-count work.",
     example='text "加强组织领导。"\n…\ntext "加强组织领导。"', fix="keep one of them")
code("V020", "period-weights-count", "error", "A group has a different number of period weights than assessment periods in a year.",
     why="Quarterly assessment needs four weights, half-yearly two.",
     example="every quarter\n…\nperiod_weights 30% 70%", fix="period_weights 15% 25% 25% 35%")
code("V021", "table-not-descending", "warning", "A rank or grade table gives a better rank fewer points than a worse one.",
     why="Usually the shares were written in the wrong order.",
     example="rank_points t 60% 70% 80% 90% 100%", fix="rank_points t 100% 90% 80% 70% 60%")
code("V022", "parts-do-not-add-up", "warning", "A metric's parts have targets that do not add up to its own target.",
     why="51.01万户 = 11.1 + 39 + 0.91: when the parts and the whole disagree, one figure is wrong.",
     example="企业 11.1万户 + 个体 39万户 + 合作社 0.9万户 ≠ 51.01万户", fix="correct the part or the whole")
code("V023", "group-without-scoring-rule", "warning", "A scoring group has members but neither a rank table nor a grade table.",
     why="Its annual scores can be ranked but not turned into points.",
     example='group g "县市区组" {\n  member 湘潭县\n}', fix='group g "县市区组" {\n  member 湘潭县\n  rank_points 五档\n}')
code("V024", "unit-in-no-group", "error", "A unit scored by a formula belongs to no group (or a group member has no formula).",
     why="A scored unit must be ranked somewhere, and a ranked unit must have a formula.",
     example="formula f { member 湘潭县 … }   # but no group lists 湘潭县", fix="add 湘潭县 to a group")
code("V025", "duplicate-component", "error", "A formula lists the same evaluator twice.",
     why="The evaluator's score would be counted twice.",
     example="component 工信局 max 25\ncomponent 工信局 max 20", fix="component 工信局 max 25")
code("V026", "quota-on-no-grade", "warning", "A grade table has quotas but no grade for the rest (`quota rest`).",
     why="Units beyond the quota would have no grade.",
     example="grade 优秀 quota 3 points 100%\ngrade 良好 quota 7 points 90%", fix="add `grade 不合格 quota rest points 60%`")
code("V027", "acknowledged-error", "warning", "An `ack` names an error code; errors cannot be acknowledged.",
     why="An error means the output would be wrong; it must be fixed, not acknowledged.",
     example='ack R002 "…"', fix="fix the error instead")
code("V028", "conflicting-targets", "warning", "One indicator is given different target values (in two metrics of the same name, or twice in one metric for the same date and firmness).",
     why="When the body says 8% and an annex says 6%, at most one can be right; a reviewer must decide, or acknowledge that the source itself disagrees.",
     example='metric a "高新技术产业增加值增长" unit % kind growth { target >= 8% by 2025 }\nmetric b "高新技术产业增加值增长" unit % kind growth { target >= 6% by 2025 }',
     fix="correct one of them, or `ack V028 \"正文为8%、附件3为6%，照录原文\"` in the block that keeps the source's figure")
code("V029", "unbalanced-brackets", "warning", "A paragraph opens a bracket or quotation mark it never closes: （ ( 《 〈 “ [ 【.",
     why="An unclosed bracket usually means text was lost or an owner list was cut off; published as is, it reads as an error.",
     example='text "加快推动重点项目建设(责任单位:市发改委"', fix='text "加快推动重点项目建设(责任单位:市发改委)"')
code("V030", "owner-wording-mismatch", "error",
     "An action's `owner_wording` leaves out a role the action has owners for, names a role it has none for, or uses an unknown placeholder.",
     why="The printed owner text would silently drop a unit, or print an empty name list.",
     example='action a "…" {\n  lead 发改委\n  co 商务局\n  owner_wording "{lead}牵头负责"\n}',
     fix='action a "…" {\n  lead 发改委\n  co 商务局\n  owner_wording "{lead}牵头,{co}按职能分工负责"\n}')
code("V031", "quantity-without-metric", "warning",
     "An action's text states a quantity (a number with a measure word or unit: 110个重点项目, 2个邻里服务中心, 500家) that no metric of the action (or of its sub-actions) carries.",
     why="A figure in the prose is a commitment someone will be asked about; without a metric it reaches neither the checks, the ledger nor `evaluate`. Deliberate omissions (a figure that only describes, such as a count of existing things) are acknowledged with a reason.",
     example='action a "重点项目" {\n  text "加快推动110个重点项目建设。"\n}',
     fix='action a "重点项目" {\n  text "加快推动110个重点项目建设。"\n  metric 重点项目 "重点项目建设" unit 个 {\n    target 110个 by 2025\n  }\n}\n(or `ack V031 "110个为项目清单数，不设考核指标"` in the action)')

#: errors a plan may acknowledge (`ack CODE "reason"`) because the source itself has the defect: a rubric whose
#: item maxima do not add up to its declared total is kept as published, and the score report states both totals
SOURCE_DEFECTS = frozenset({"V006"})

