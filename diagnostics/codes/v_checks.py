"""Validation (V050–V099): domain rules about targets, baselines, units and dates.

These are the rules that make a plan checkable at run time: a target whose
meaning is ambiguous (a growth without a base year, 提高10% on a rate) or whose
figures cannot all be true (an increment that cannot reach its total) produces
a runtime check that would judge progress wrongly.
"""

from diagnostics.codes import code

code("V050", "growth-without-base-year", "warning",
     "A growth, percentage-point change or rank gain in a multi-year plan does not say which year it is measured from.",
     why="In a 2022–2025 plan, 增长8.5% may mean each year over the previous one, or 2025 over 2021; "
         "the two differ by a factor of four and a check must know which.",
     example='plan p { period 2022..2025 }\nmetric m "规模工业增加值增长" unit % kind growth {\n  target >= 8.5% by 2025\n}',
     fix='metric m "规模工业增加值增长" unit % kind growth {\n  base 2021\n  target >= 8.5% by 2025\n}\n'
         '# or, for a yearly rate: target >= 8.5% each_year',
     hint="add `base YEAR` to the metric, `base_year YEAR` to the target, or make it `each_year`")
code("V051", "relative-change-of-rate", "warning",
     "A rate or share (…率, …占比, …比重) is given a relative growth in % instead of a change in percentage points.",
     why="提高10% on a rate of 60% means 66% as a relative growth but 70% in points; writers usually mean points, "
         "and a check built on the wrong one is off by a wide margin.",
     example='metric m "资产证券化率" unit % kind growth {\n  target >= 10% by 2025\n}',
     fix='metric m "资产证券化率" unit 个百分点 kind pp_change {\n  target >= 10个百分点 by 2025\n}\n'
         '# or keep it and `ack V051 "原文为提高10%,相对增幅"`',
     hint="a rate rises by 个百分点 (`kind pp_change`); acknowledge the warning if a relative growth is really meant")
code("V052", "percent-and-points-mixed", "error",
     "One metric has targets in % and targets in 个百分点.",
     why="A percentage and a percentage-point change are different quantities; one metric cannot be both.",
     example='metric m "城镇化率" {\n  target >= 60% by 2025\n  target >= 0.7个百分点 each_year\n}',
     fix='metric m "城镇化率" unit % kind share {\n  target >= 60% by 2025\n}\n'
         'metric n "城镇化率提高" unit 个百分点 kind pp_change {\n  target >= 0.7个百分点 each_year\n}',
     hint="split it into a level or share metric in % and a `pp_change` metric in 个百分点")
code("V053", "increments-cannot-reach-total", "warning",
     "A per-year increment, added to the base value, cannot reach the total that the same plan sets for the deadline.",
     why="每年新增135家 from 1245家 in 2021 gives 1785家 by 2025; a total of 1900家 would then be unreachable "
         "by the plan's own yearly targets, so one of the figures is wrong or the yearly target is too low.",
     example='metric 总数 "规模工业企业总数" unit 家 {\n  base 2021 1245家\n  target >= 1900家 by 2025\n}\n'
             'metric 新增 "新增规模工业企业" unit 家 kind per_year {\n  adds_to 总数\n'
             '  target >= 135家 each_year from 2022 until 2025\n}',
     fix="raise the yearly target (≥ 164家), lower the total, or correct the base value")
code("V054", "adds-to-without-base", "warning",
     "A metric adds to a level metric (`adds_to`) that has no base value, so the sum cannot be checked.",
     why="Yearly increments and a final total can only be reconciled from a starting value; without it "
         "the runtime checks cannot draw a trajectory either.",
     example='metric 总数 "规模工业企业总数" unit 家 {\n  target >= 1650家 by 2025\n}\n'
             'metric 新增 "新增规模工业企业" unit 家 kind per_year {\n  adds_to 总数\n  target >= 135家 each_year\n}',
     fix='metric 总数 "规模工业企业总数" unit 家 {\n  base 2021 1245家\n  target >= 1650家 by 2025\n}',
     hint="add `base YEAR VALUE` to the level metric")
code("V055", "unit-spelled-twice", "warning",
     "Two registry units look like two spellings of one unit (one name is an abbreviation of the other), "
     "but are not declared as aliases.",
     why="市发改委 and 市发展改革委 declared as two units split one unit's tasks in two: summaries per owner "
         "and schedules list the same office twice.",
     example='unit 发改委 "市发展改革委"\nunit 发改 "市发改委"',
     fix='unit 发改委 "市发展改革委" aka 市发改委',
     hint="merge them into one unit with `aka`, or acknowledge the warning if they really are different units")
code("V056", "date-outside-period", "warning",
     "A one-off deadline falls outside the plan's period.",
     why="The schedule is expanded over the plan period; a date outside it is dropped from the calendar "
         "and is usually a typo in the year.",
     example='plan p { period 2024 }\ndeadline d "报送总结" {\n  due 2023-12-31\n}',
     fix='deadline d "报送总结" {\n  due 2024-12-31\n}')
code("V057", "target-years-reversed", "error",
     "A target's `from` year is after its `until` year, or its `by` date is before its `from` year.",
     why="No year satisfies the target's span, so its check could never be judged.",
     example="target >= 135家 each_year from 2025 until 2022", fix="target >= 135家 each_year from 2022 until 2025")
code("V058", "increment-kind-mismatch", "warning",
     "A `per_year` metric has a target that is not `each_year`, or an `increment`/`level` target is `each_year`.",
     why="每年新增135家 (per year) and 新增135家 (within the period) are judged differently: one per year, "
         "one cumulatively. The kind and the target must agree.",
     example='metric m "新增规模工业企业" unit 家 kind per_year {\n  target >= 135家 by 2025\n}',
     fix='metric m "新增规模工业企业" unit 家 kind per_year {\n  target >= 135家 each_year from 2022 until 2025\n}',
     hint="use `each_year` for a per-year target, or `kind increment` for a total added within the period")
code("V059", "rank-target-direction", "warning",
     "A rank target uses >= or >, but a smaller rank is better (进入前100位 is rank ≤ 100).",
     why="With >= the check would call 300th place a success and 1st place a failure.",
     example='metric m "园区综合排名" unit 位 kind rank {\n  target >= 100位 by 2025\n}',
     fix='metric m "园区综合排名" unit 位 kind rank {\n  target <= 100位 by 2025\n}',
     hint="a rank target is `<= N` (进入前N位); for places gained use `kind rank_gain`")
code("V060", "boolean-target-shape", "error",
     "A `boolean` metric has a numeric target, or a non-boolean metric has a `done` target without a value.",
     why="A yes/no target (全覆盖) is judged done or not done; a number target is compared. Mixing them "
         "leaves the check without a meaning.",
     example='metric m "区县上市公司全覆盖" kind boolean {\n  target >= 10个 by 2025\n}',
     fix='metric m "区县上市公司全覆盖" kind boolean {\n  target done by 2025\n}')
code("V061", "firmness-inverted", "warning",
     "A metric's must (确保) target is more ambitious than its strive (力争) target for the same date.",
     why="确保 is the floor and 力争 the stretch goal: 确保1800家、力争1650家 has them the wrong way round.",
     example="target >= 1800家 by 2025 must\ntarget >= 1650家 by 2025 strive",
     fix="target >= 1650家 by 2025 must\ntarget >= 1800家 by 2025 strive")
code("V062", "cadence-longer-than-period", "warning",
     "A cadence's interval is longer than the whole plan period, so it happens at most once.",
     why="每两年考核一次 in a one-year plan is never held as a recurring mechanism; usually the interval "
         "or the period is mistyped.",
     example='plan p { period 2024 }\ncadence c "考核" {\n  every 2 year\n}',
     fix='cadence c "考核" {\n  every year\n}')
code("V063", "target-without-date", "warning",
     "In a multi-year plan, a target has neither a `by` date nor `each_year`.",
     why="The check then assumes the end of the period; in a multi-year plan the source usually names a year, "
         "and a target stated for 2023 judged in 2025 (or the reverse) gives the wrong verdict.",
     example='plan p { period 2022..2025 }\nmetric m "上市企业" unit 家 {\n  target >= 11家\n}',
     fix='metric m "上市企业" unit 家 {\n  target >= 11家 by 2025\n}',
     hint="add `by YEAR` (or `each_year`)")
code("V064", "target-met-at-base", "warning",
     "A target is already satisfied by the metric's base value.",
     why="达到1200家 when there were already 1245家 in the base year sets no goal: the base value or "
         "the target is probably wrong, or the comparator is reversed.",
     example='metric m "规模工业企业总数" unit 家 {\n  base 2021 1245家\n  target >= 1200家 by 2025\n}',
     fix='metric m "规模工业企业总数" unit 家 {\n  base 2021 1245家\n  target >= 1650家 by 2025\n}')
code("V065", "rank-not-whole", "error",
     "A rank target is not a whole positive number.",
     why="Places are counted 1, 2, 3 …; 100.5位 or 0位 cannot be reached.",
     example="target <= 100.5位 by 2025", fix="target <= 100位 by 2025")
code("V066", "base-after-target", "error",
     "A metric's base year is not before the year its target is due.",
     why="A growth or trajectory runs from the base year to the due date; a base in or after that year "
         "leaves nothing to measure.",
     example="base 2025\ntarget >= 8% by 2025", fix="base 2021\ntarget >= 8% by 2025")
code("V067", "adds-to-wrong-kind", "warning",
     "`adds_to` names a metric that is not a level, or is written on a metric that is not per_year or increment, "
     "or the two are measured in different units.",
     why="Only counts of new things add up to a total of the same things, in the same unit.",
     example='metric 新增 "新增规模工业企业" unit 家 kind per_year {\n  adds_to 增速\n}',
     fix='metric 新增 "新增规模工业企业" unit 家 kind per_year {\n  adds_to 规上企业总数\n}')
code("V068", "cadence-frequency-mismatch", "warning",
     "A cadence's title names one frequency (每季度, 每月, 旬调度 …) and its `every` another.",
     why="The calendar is built from `every`, the published text from the title; when they disagree, "
         "meetings are scheduled at a rhythm the plan does not state.",
     example='cadence c "纳入市政府年度督查计划,每季度督查一次" {\n  every month\n}',
     fix='cadence c "纳入市政府年度督查计划,每季度督查一次" {\n  every quarter\n}')
