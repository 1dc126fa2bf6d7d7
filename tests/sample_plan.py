"""A small plan that exercises most of the language, shared by fuzz, determinism and benchmark tests."""

SAMPLE_PLAN = '''# 示例：覆盖大部分语法
plan sample-2024 {
  notice_title "示例市人民政府关于印发《示例市推进“三大支撑”工作实施方案》的通知"
  title "示例市推进“三大支撑”工作实施方案"
  doc_no "示政发〔2024〕3号"
  issuer "示例市人民政府"
  issued 2024-03-20
  period 2024..2025
  recipients "各区县(市)人民政府" "市直各单位"
  notice "《示例市推进“三大支撑”工作实施方案》已经市人民政府同意,现印发给你们,请认真组织实施。"
  signature "示例市人民政府" "2024年3月20日"
  preamble """为全面落实“三高四新”战略定位和使命任务,
    结合我市实际,制定本方案。"""
  owner_style leader_unit
  punctuation halfwidth
}
unit 发改委 "市发展和改革委员会" aka 市发改委 市发展改革委
unit 工信局 "市工业和信息化局" aka 市工信局
unit 市政府 "示例市人民政府"
person 贺辉 "贺辉" role "副市长"

section 要求 "总体要求" {
  text "以习近平新时代中国特色社会主义思想为指导。"
}
section 任务 "主要任务" {
  section 三大 "“三大支撑”工作" {
    action 电力 "强化电力支撑" {
      text "积极发展新能源。"
      lead_leader 贺辉
      lead 市发展改革委
      action 电网 {
        form inline
        text "持续加大电网基础设施建设。"
        lead 市工信局
      }
      metric 规工增速 "规模工业增加值增长" unit % kind growth {
        target >= 8.5% by 2025 strive
      }
    }
  }
  section 八项 "“八项重点”工作" {
    numbering continue
    action 市场 "扎实推进市场主体倍增工程" {
      text "力争到2025年末,我市市场主体总量达到51.01万户。"
      lead 发改委
      metric 企业 "企业" unit 万户 {
        target >= 11.1万户 by 2025-12-31 strive
      }
      metric 个体 "个体工商户" unit 万户 {
        target >= 39万户 by 2025-12-31 strive
      }
      metric 合作社 "农民专业合作社" unit 万户 {
        target >= 0.91万户 by 2025-12-31 strive
      }
      metric 市场主体 "市场主体总量" unit 万户 {
        part 企业 个体 合作社
        target >= 51.01万户 by 2025-12-31 strive
      }
      metric 新增规上 "新增规模工业企业" unit 家 kind per_year {
        target >= 135家 each_year must
      }
    }
  }
}
cadence 督查 "每季度督查一次" {
  every quarter
  kind 督查
  owner 市政府
}
deadline 细则 "完善考评细则" {
  due each_year 3月底
  owner 市发改委
}
'''
