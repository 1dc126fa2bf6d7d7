"""Name resolution errors (R): a name is defined twice or does not point to anything."""

from diagnostics.codes import code

code("R001", "duplicate-definition", "error", "Two things of the same kind share an id.",
     why="References to the id would be ambiguous.",
     example='unit 发改委 "市发展和改革委员会"\nunit 发改委 "市发展改革委"',
     fix='unit 发改委 "市发展和改革委员会" aka 市发展改革委')
code("R002", "unknown-unit", "error", "An owner, evaluator or member names a unit that is not in the registry.",
     why="A typo in an owner would assign a task to nobody; every owner must resolve to a registry unit.",
     example="lead 市发改", fix="lead 市发改委   # or declare the unit, or add the spelling as an alias")
code("R003", "unknown-person", "error", "A lead leader or committee member names a person who is not declared.",
     why="Accountability is personal; an unknown name cannot be held to account.",
     example="lead_leader 贺辉辉", fix="lead_leader 贺辉")
code("R004", "unknown-metric", "error", "A metric reference (for example in `part`) does not resolve.",
     why="Parts that do not resolve cannot be added up to their whole.",
     example="part 企业数 个体户数", fix="part 企业数 个体工商户数")
code("R005", "unknown-group", "error", "An adjustment or override applies to a group that is not declared.",
     why="The adjustment would silently apply to no one.",
     example="adjust a when 兑现率 < 90% then -3 applies 县市组", fix="adjust a when 兑现率 < 90% then -3 applies 县市区组")
code("R006", "unknown-fact", "error", "A condition tests a fact that is not declared with `fact`.",
     why="The score stage must know which facts to read from the data.",
     example="adjust a when 兑现率 < 90% then -3", fix='fact 兑现率 "政策兑现率" unit %\nadjust a when 兑现率 < 90% then -3')
code("R007", "unknown-table", "error", "A group names a rank or grade table that is not declared.",
     why="Without the table the group's points cannot be computed.",
     example="rank_points 五档表", fix="rank_points 五档   # the id of a `rank_points` table in the scoring block")
code("R008", "ambiguous-name", "error", "One name or alias belongs to two different units; or a reference uses a name that two people or metrics share.",
     why="An owner written with that name could mean either; the registry must be unambiguous.",
     example='unit a "市发改委"\nunit b "市发展改革委" aka 市发改委', fix='unit b "市发展改革委"')
