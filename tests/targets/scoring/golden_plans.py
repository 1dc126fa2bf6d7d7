"""Small schemes for the golden cases, kept apart so other tests can reuse them."""

BLEND_PLAN = """
plan blend-case {
  title "blend case"
  period 2022
}
unit 发改委 "市发改委"
unit 供电公司 "国网湘潭供电公司"
unit 千百十办 "市产业强市“千百十”工程办"
unit 工信局 "市工信局"
scoring s "四个季度与折算" {
  every quarter
  scale 100
  formula 市直 {
    member 发改委 供电公司
    component 千百十办 max 70
    component 工信局 max 30
  }
  blend 发改委 self 85% with 供电公司 15%
  rank_points 档 100% 90%
  group 产业推进组 {
    member 发改委
    period_weights 15% 25% 25% 35%
    weight 10
    rank_points 档
  }
  group 服务保障组 {
    member 供电公司
    period_weights 15% 25% 30% 30%
    weight 10
    rank_points 档
  }
}
"""

RANK_PLAN = """
plan rank-case {
  title "rank case"
  period 2022
}
unit A "甲县"
unit B "乙县"
unit C "丙县"
unit D "丁县"
unit E "戊县"
unit 办 "考评办"
scoring s "名次计分与扣分" {
  every year
  scale 100
  ties shared
  fact 政策兑现率 "政策兑现率" unit %
  fact 全省排名 "全省排名"
  formula f {
    member A B C D E
    component 办 max 100
  }
  rank_points 五档 100% 90% 80% 70% 60%
  group 县市区组 {
    member A B C D E
    weight 15
    rank_points 五档
  }
  adjust 政策兑现扣分 when 政策兑现率 < 90% then -3 applies 县市区组
  override 全省第一 when 全省排名 = 1 then full_marks
}
"""
