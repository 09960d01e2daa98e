"""What each policy asks for and answers: the metadata forms and `calculate` rely on.

Labels, types and enums come from the OpenFisca variables; this module adds what the
variables cannot say: which inputs are required, units, bounds and defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongbao.rules.provisions import CHILDREN, FOREST, HQ, INSPECTION, OUTAGE, SERVICE, Document


@dataclass(frozen=True)
class Field:
    """One input fact. `type`: number, integer, boolean, date, datetime, enum, string, array."""

    name: str
    required: bool = False
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: object = None
    type: str | None = None  # None: taken from the OpenFisca variable
    label: str | None = None
    variable: str | None = None  # OpenFisca input it feeds (default: same name)


@dataclass(frozen=True)
class Policy:
    id: str
    title: str
    doc: Document
    subject: str  # firm / person / project / incident (OpenFisca entity key)
    entity_label: str
    fields: tuple[Field, ...]
    outputs: tuple[str, ...]
    units: dict[str, str] = field(default_factory=dict)
    firm_level: bool = False
    engine: str = "openfisca"  # or "draw"


F = Field
WAN = "万元"

POLICIES: dict[str, Policy] = {}


def _add(policy: Policy) -> None:
    POLICIES[policy.id] = policy


_add(Policy(
    id="headquarters",
    title="总部企业认定与奖励 (郑州市加快总部经济发展激励暂行办法)",
    doc=HQ,
    subject="firm",
    entity_label="企业",
    firm_level=True,
    fields=(
        F("established_on", required=True),
        F("industry", required=True),
        F("annual_revenue", required=True, unit=WAN, minimum=0),
        F("local_tax", required=True, unit=WAN, minimum=0),
        F("paid_in_capital", required=True, unit=WAN, minimum=0),
        F("branches_outside_zhengzhou", required=True, minimum=0),
        F("recognition_date", default="date of calculation"),
        F("direct_recognition_basis", default="none"),
        F("construction_grade", default="none"),
        F("previous_year_revenue", unit=WAN, minimum=0, default=0),
        F("previous_max_revenue", unit=WAN, minimum=0, default=0),
        F("city_state_owned", default=False),
        F("real_estate_revenue_share", unit="%", minimum=0, maximum=100, default=0),
        F("conforms_industry_policy", default=True),
        F("meets_registration_conditions", default=True),
        F("commits_ten_years", default=True),
        F("has_own_office_in_zhengzhou", default=False),
        F("office_purchase_area", unit="平方米", minimum=0, default=0),
        F("office_purchase_date", default="recognition_date"),
        F("annual_office_rent", unit=WAN, minimum=0, default=0),
        F("office_rent_date", default="recognition_date"),
        F("out_of_province_subsidiary", default=False),
    ),
    outputs=(
        "headquarters_in_force", "headquarters_category", "headquarters_excluded",
        "headquarters_basic_conditions", "headquarters_direct_recognition",
        "headquarters_industry_standard", "headquarters_recognised",
        "settlement_award", "settlement_award_year_1", "settlement_award_year_2", "settlement_award_year_3",
        "office_purchase_subsidy", "office_rent_subsidy", "office_subsidy_kind", "office_subsidy",
        "revenue_growth_percent", "operating_award_new_firm", "operating_award_growth_cap",
        "operating_award", "operating_award_personal_cap",
        "headquarters_total_award", "headquarters_city_share", "headquarters_county_share",
    ),
    units={"revenue_growth_percent": "%"},
))

_add(Policy(
    id="children",
    title="农村留守儿童和困境儿童保障",
    doc=CHILDREN,
    subject="person",
    entity_label="个人",
    fields=(
        F("age", required=True, unit="周岁", minimum=0, maximum=30),
        F("has_zhengzhou_hukou", required=True),
        F("rural", default=False),
        F("father_status", default="present"),
        F("mother_status", default="present"),
        F("no_income_source", default=False),
        F("supporter_unable", default=False),
        F("serious_illness", default=False),
        F("disability_grade", minimum=0, maximum=4, default=0),
        F("disability_type", default="none"),
        F("family_dibao", default=False),
        F("family_hardship", default=True),
        F("registered_poor_family", default=False),
        F("extreme_poverty_family", default=False),
        F("sudden_hardship_or_harm", default=False),
        F("in_institutional_care", default=False),
        F("hiv_infected", default=False),
        F("meets_disability_subsidy_conditions", default=False),
        F("education_stage", default="none"),
        F("boarding", default=False),
        F("inpatient_expense", unit="元", minimum=0, default=0),
        F("orphan_standard", unit="元/月", minimum=0, default=0),
        F("extreme_poverty_standard", unit="元/月", minimum=0, default=0),
        F("dibao_standard", unit="元/月", minimum=0, default=0),
    ),
    outputs=(
        "left_behind_child", "difficulty_orphan", "difficulty_extreme_poverty",
        "difficulty_illness_disability", "difficulty_guardianship", "difficulty_poor_family",
        "difficulty_other", "child_in_difficulty", "protection_category",
        "basic_living_scheme", "basic_living_amount", "disability_two_subsidies",
        "inpatient_assistance", "free_education", "preschool_fee_subsidy",
        "preschool_living_subsidy", "compulsory_fees_exempt", "boarding_living_subsidy",
        "senior_high_fees_exempt", "national_grant", "vocational_tuition_exempt",
        "yulu_subsidy", "education_cash_total", "rehabilitation_assistance",
    ),
    units={
        "basic_living_amount": "元/月", "inpatient_assistance": "元", "preschool_fee_subsidy": "元/年",
        "preschool_living_subsidy": "元/年", "boarding_living_subsidy": "元/年", "national_grant": "元/年",
        "yulu_subsidy": "元/年", "education_cash_total": "元/年",
    },
))

_add(Policy(
    id="power_outage",
    title="大面积停电事件分级与响应",
    doc=OUTAGE,
    subject="incident",
    entity_label="事件",
    fields=(
        F("grid_scope", required=True),
        F("load_loss_percent", unit="%", minimum=0, maximum=100, default=0),
        F("customers_out_percent", unit="%", minimum=0, maximum=100, default=0),
        F("zhengzhou_grid_impact", default="unspecified"),
        F("large_social_impact", default=False),
        F("main_grid_restored", default=False),
        F("load_restored_percent", unit="%", minimum=0, maximum=100, default=0),
        F("key_area_load_restored_percent", unit="%", minimum=0, maximum=100, default=0),
        F("outage_hazard_eliminated", default=False),
        F("secondary_accidents_handled", default=False),
    ),
    outputs=(
        "outage_grade", "outage_response_level", "outage_command",
        "outage_local_response_possible", "outage_response_can_end",
    ),
))

_add(Policy(
    id="forest_pest",
    title="重大林业有害生物灾害应急响应级别",
    doc=FOREST,
    subject="incident",
    entity_label="事件",
    fields=(
        F("pest_type", required=True),
        F("leaf_damage_area", unit="万亩", minimum=0, default=0),
        F("branch_damage_area", unit="万亩", minimum=0, default=0),
        F("expert_forecast_worsening", default=False),
        F("new_foreign_pest", default=False),
        F("quarantine_outbreak_in_key_area", default=False),
        F("new_outbreak_of_provincial_quarantine_pest", default=False),
        F("special_designation", default="none"),
    ),
    outputs=("forest_response_level", "forest_response_launched_by", "forest_response_commander"),
))

_add(Policy(
    id="time_limits",
    title="政务服务容缺受理与一口受理时限",
    doc=SERVICE,
    subject="project",
    entity_label="项目",
    fields=(
        F("received_at", required=True, type="datetime", label="收件时间 (YYYY-MM-DDTHH:MM; 12:00 起为下午)", variable="received_on"),
        F("committed_processing_days", unit="工作日", minimum=0, default=0),
        F("promised_supplement_days", unit="工作日", minimum=0, default=0),
        F("on_rongque_list", default=True),
        F("immediate_item", default=False),
        F("main_materials_complete", default=True),
        F("last_missed_promise_date", default=None),
        F("service_area", default="other"),
        F("average_daily_cases", unit="件/日", minimum=0, default=0),
        F("appointment_delay_minutes", unit="分钟", minimum=0, default=0),
        F("delivered_on", default=None),
    ),
    outputs=(
        "rongque_applicable", "rongque_banned", "promise_period_valid", "supplement_due_date",
        "rongque_ban_ends_if_missed", "processing_due_date", "paper_handover_date", "storage_date",
        "consultation_reply_due", "online_pre_acceptance_due", "report_up_due", "handover_sheet_due",
        "daily_appointment_cap", "appointment_cancelled",
    ),
))

_add(Policy(
    id="random_inspection",
    title="双随机一公开: 对一个检查对象的公示期限、检查组、抽查频次与联合惩戒",
    doc=INSPECTION,
    subject="firm",
    entity_label="企业",
    firm_level=True,
    fields=(
        F("inspection_result_date", default=None),
        F("inspection_publication_date", default=None),
        F("inspectors_assigned", minimum=0, default=0),
        F("inspector_conflict_of_interest", default=False),
        F("high_public_attention", default=False),
        F("many_complaints", default=False),
        F("on_abnormal_operation_list", default=False),
        F("serious_violation_record", default=False),
        F("safety_critical_sector", default=False),
        F("on_serious_dishonesty_list", default=False),
        F("on_major_tax_violation_list", default=False),
        F("on_dishonest_debtor_list", default=False),
    ),
    outputs=(
        "inspection_publication_deadline", "inspection_published_in_time", "inspection_team_lawful",
        "inspection_frequency_raised", "joint_punishment",
    ),
))

_add(Policy(
    id="random_draw",
    title="双随机一公开: 可复现的随机抽取检查对象和执法检查人员",
    doc=INSPECTION,
    subject="project",
    entity_label="项目",
    engine="draw",
    fields=(
        F("seed", required=True, type="string", label="公布的随机种子"),
        F("entities", required=True, type="array", label="检查对象名录库: [{credit_code 统一社会信用代码, name 名称, …}]"),
        F("inspectors", required=True, type="array", label="执法检查人员名录库: [{badge_no 执法证号, name 姓名, …}]"),
        F("count", type="integer", minimum=1, label="抽取检查对象数量 (与 ratio 二选一)"),
        F("ratio", type="number", minimum=0, maximum=1, label="抽查比例 (0–1], 向上取整)"),
        F("team_size", type="integer", minimum=2, default=2, label="每个检查对象选派的执法检查人员人数 (不少于2)"),
        F("conflicts", type="array", default=[], label="有利害关系须回避的 [执法证号, 统一社会信用代码] 对"),
        F("result_date", type="date", label="检查结果产生之日 (给出则计算公示期限)"),
    ),
    outputs=("drawn", "publication_deadline", "entities_digest", "inspectors_digest"),
))
