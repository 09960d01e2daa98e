"""郑政〔2017〕34号 郑州市加快总部经济发展激励暂行办法: 总部企业 recognition and awards.

Money is in 万元 as in the text. Every formula starts on 2017-11-01 (第二十二条) and
yields nothing once the 暂行办法 lapses (有效期两年, parameter `in_force`).
Readings of ambiguous text are listed in docs/rules.md#headquarters.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from gongbao.rules.calendar import add_years
from gongbao.rules.entities import Firm

W = "/akn/cn-410100/act/郑政/2017/34/~"
DAY = DateUnit.DAY

# 第五条: "2017 年 1 月 1 日后新设立或新迁入" vs "2016 年 12 月 31 日前现有企业". The two
# classes partition all firms, so 2017-01-01 itself makes a firm 新设立.
NEW_FIRM_FROM = np.datetime64("2017-01-01")


def _members(indices: np.ndarray, enum: type[Enum]) -> EnumArray:
    """Member indices → EnumArray directly; an array of Enum objects would be encoded
    by OpenFisca one element at a time (a tenth of a second per million firms)."""
    return EnumArray(indices.astype(np.int16), enum)


class Industry(Enum):
    modern_agriculture = "现代农业"
    manufacturing = "制造业"
    construction = "建筑业"
    wholesale = "批发业"
    retail = "零售业"
    business_services = "商务服务业"
    logistics = "现代物流业"
    information_technology = "互联网、软件和信息技术服务业"
    research_technical_services = "科学研究和技术服务业"
    education_health_culture_sports = "教育、卫生、文化、体育和娱乐业"
    other = "其他"
    finance_insurance = "金融保险业"
    real_estate = "房地产业"


class DirectRecognitionBasis(Enum):
    none = "无"
    world_500 = "世界500强公司的总部或区域总部"
    china_500 = "中国企业500强、中国服务企业500强或上规模民营企业500名以内在郑州设立的总部或区域总部"
    state_major_group = "国家和中央部门确定的大企业(集团)在郑州设立的总部或区域总部"


class ConstructionGrade(Enum):
    none = "无资质"
    special = "特级"
    grade_1 = "一级"
    grade_2 = "二级"
    grade_3 = "三级"


class FirmCategory(Enum):
    new = "新设立总部企业"
    existing = "现有总部企业"


class OfficeSubsidyKind(Enum):
    none = "无"
    purchase = "新建、新购办公用房一次性补助"
    rent = "租房补助"


# ---- inputs -------------------------------------------------------------------------


class established_on(Variable):
    value_type = date
    entity = Firm
    definition_period = DAY
    label = "设立或迁入郑州的日期"
    reference = [W + "chp_2__art_5"]


class recognition_date(Variable):
    value_type = date
    entity = Firm
    definition_period = DAY
    label = "认定为总部企业的日期 (现有企业: 首次认定)"
    reference = [W + "chp_4__art_11__point_2__para_1", W + "chp_4__art_11__point_3__para_1"]


class industry(Variable):
    value_type = Enum
    possible_values = Industry
    default_value = Industry.other
    entity = Firm
    definition_period = DAY
    label = "行业"
    reference = [W + "chp_2__art_8__point_1", W + "chp_1__art_3"]


class direct_recognition_basis(Variable):
    value_type = Enum
    possible_values = DirectRecognitionBasis
    default_value = DirectRecognitionBasis.none
    entity = Firm
    definition_period = DAY
    label = "第七条 直接认定的依据"
    reference = [W + "chp_2__art_7__point_1", W + "chp_2__art_7__point_2", W + "chp_2__art_7__point_3"]


class construction_grade(Variable):
    value_type = Enum
    possible_values = ConstructionGrade
    default_value = ConstructionGrade.none
    entity = Firm
    definition_period = DAY
    label = "建筑业企业资质等级"
    reference = [W + "chp_2__art_8__point_3"]


class annual_revenue(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "纳入郑州市统计核算的年营业收入 (万元)"
    reference = [W + "chp_2__art_8__point_1"]


class previous_year_revenue(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "上年度年营业收入 (万元)"
    reference = [W + "chp_4__art_11__point_3__para_2"]


class previous_max_revenue(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "认定以来此前各年度最高年营业收入 (万元), for 首次达到"
    reference = [W + "chp_4__art_11__point_3__para_1"]


class local_tax(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "在郑州市形成的年地方级税收 (万元)"
    reference = [W + "chp_2__art_8__point_1"]


class paid_in_capital(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "在郑州市实缴注册资本 (万元, 外币折算成人民币)"
    reference = [W + "chp_4__art_11__point_1__para_1"]


class branches_outside_zhengzhou(Variable):
    value_type = int
    entity = Firm
    definition_period = DAY
    label = "郑州市外分支机构数"
    reference = [W + "chp_2__art_6__point_3"]


class city_state_owned(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "市属国有控股企业"
    reference = [W + "chp_1__art_3"]


class real_estate_revenue_share(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "房地产业务占主营业务收入比例 (%)"
    reference = [W + "chp_1__art_3"]


class conforms_industry_policy(Variable):
    value_type = bool
    default_value = True
    entity = Firm
    definition_period = DAY
    label = "符合郑州市产业发展政策和导向"
    reference = [W + "chp_1__art_3", W + "chp_2__art_6__point_1"]


class meets_registration_conditions(Variable):
    value_type = bool
    default_value = True
    entity = Firm
    definition_period = DAY
    label = "在郑州注册、独立法人、统一核算、在郑州汇总缴纳企业所得税"
    reference = [W + "chp_2__art_6__point_2"]


class commits_ten_years(Variable):
    value_type = bool
    default_value = True
    entity = Firm
    definition_period = DAY
    label = "承诺在郑州经营不低于10年、10年内不减少实缴注册资本、不改变纳税义务"
    reference = [W + "chp_2__art_6__point_4"]


class has_own_office_in_zhengzhou(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "在郑州市有自有办公用房"
    reference = [W + "chp_4__art_11__point_2__para_1"]


class office_purchase_area(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "新建、新购总部自用办公用房面积 (平方米, 不含附属设施和配套用房)"
    reference = [W + "chp_4__art_11__point_2__para_1"]


class office_purchase_date(Variable):
    value_type = date
    entity = Firm
    definition_period = DAY
    label = "新建、新购办公用房的日期"
    reference = [W + "chp_4__art_11__point_2__para_1"]


class annual_office_rent(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "该年度总部自用办公用房租金 (市场价或实际发生额, 万元)"
    reference = [W + "chp_4__art_11__point_2__para_1"]


class office_rent_date(Variable):
    value_type = date
    entity = Firm
    definition_period = DAY
    label = "所申请租房补助年度的起租日期"
    reference = [W + "chp_4__art_11__point_2__para_1"]


class out_of_province_subsidiary(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "省外企业在郑新设子公司(或分支机构改为子公司)且在郑汇总缴纳企业所得税"
    reference = [W + "chp_4__art_14"]


# ---- recognition --------------------------------------------------------------------


class headquarters_in_force(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "暂行办法在该日有效"
    reference = [W + "chp_6__art_22"]

    def formula_2017_11_01(firm, period, parameters):
        return np.full(firm.count, bool(parameters(period).headquarters.in_force))


class headquarters_category(Variable):
    value_type = Enum
    possible_values = FirmCategory
    default_value = FirmCategory.existing
    entity = Firm
    definition_period = DAY
    label = "新设立总部企业 / 现有总部企业"
    reference = [W + "chp_2__art_5"]

    def formula(firm, period):
        new = firm("established_on", period) >= NEW_FIRM_FROM
        return _members(np.where(new, FirmCategory.new.index, FirmCategory.existing.index), FirmCategory)


class headquarters_excluded(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "不属于本办法实施范围 (市属国有控股、房地产业、金融保险业、不符合产业政策)"
    reference = [W + "chp_1__art_3"]

    def formula_2017_11_01(firm, period, parameters):
        p = parameters(period).headquarters
        ind = firm("industry", period)
        return (
            firm("city_state_owned", period)
            + (firm("real_estate_revenue_share", period) >= p.real_estate_share_limit)
            + (ind == Industry.real_estate)
            + (ind == Industry.finance_insurance)
            + np.logical_not(firm("conforms_industry_policy", period))
        )


class headquarters_basic_conditions(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "满足第六条基本条件"
    reference = [W + "chp_2__art_6__point_1", W + "chp_2__art_6__point_2", W + "chp_2__art_6__point_3", W + "chp_2__art_6__point_4"]

    def formula_2017_11_01(firm, period, parameters):
        p = parameters(period).headquarters
        return (
            firm("conforms_industry_policy", period)
            * firm("meets_registration_conditions", period)
            * (firm("branches_outside_zhengzhou", period) >= p.minimum_branches_outside)
            * firm("commits_ten_years", period)
        )


class headquarters_direct_recognition(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "属于第七条可直接申请认定的企业"
    reference = [W + "chp_2__art_7__point_1", W + "chp_2__art_7__point_2", W + "chp_2__art_7__point_3"]

    def formula_2017_11_01(firm, period):
        return firm("direct_recognition_basis", period) != DirectRecognitionBasis.none


class headquarters_industry_standard(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "达到第八条行业标准 (年营业收入和年地方级税收, 均含本数)"
    reference = [W + f"chp_2__art_8__point_{i}" for i in range(1, 11)]

    def formula_2017_11_01(firm, period, parameters):
        p = parameters(period).headquarters
        ind = firm("industry", period)
        # 金融保险业 and 房地产业 have no 第八条 standard: look them up as "other"; 第三条
        # excludes them anyway.
        # Thresholds by enum index: indexing a small array by the EnumArray codes is
        # much faster than a by-name vectorial parameter lookup on a million firms.
        lookup = [m.name if m.name in p.revenue_threshold._children else "other" for m in Industry]
        revenue_min = np.array([p.revenue_threshold[k] for k in lookup])[ind.view(np.ndarray)]
        tax_min = np.array([p.local_tax_threshold[k] for k in lookup])[ind.view(np.ndarray)]
        grade = firm("construction_grade", period)
        # 建筑业: 资质等级 1 级以上 = 一级 or 特级.
        grade_ok = (ind != Industry.construction) + (grade == ConstructionGrade.grade_1) + (
            grade == ConstructionGrade.special
        )
        return (
            (firm("annual_revenue", period) >= revenue_min)
            * (firm("local_tax", period) >= tax_min)
            * grade_ok
        )


class headquarters_recognised(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "可认定为总部企业"
    reference = [W + "chp_1__art_3", W + "chp_2__art_6__point_1", W + "chp_2__art_7__point_1", W + "chp_2__art_8__point_1"]

    def formula_2017_11_01(firm, period):
        return (
            firm("headquarters_in_force", period)
            * np.logical_not(firm("headquarters_excluded", period))
            * firm("headquarters_basic_conditions", period)
            * (firm("headquarters_direct_recognition", period) + firm("headquarters_industry_standard", period))
        )


def _is_new(firm, period):
    return firm("headquarters_category", period) == FirmCategory.new


def _within(start, years, day):
    """day lies in [start, start + years): "自…之日起 N 年内"."""
    return (day >= start) * (day < add_years(start, years))


def _today(firm, period):
    return np.full(firm.count, np.datetime64(period.start.date, "D"))


# ---- 落户奖励 ------------------------------------------------------------------------


class settlement_award(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "落户奖励总额 (万元)"
    reference = [W + "chp_4__art_11__point_1__para_1"]

    def formula_2017_11_01(firm, period, parameters):
        scale = parameters(period).headquarters.settlement_award
        eligible = firm("headquarters_recognised", period) * _is_new(firm, period)
        return eligible * scale.calc(firm("paid_in_capital", period))


class settlement_award_year_1(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "落户奖励第1年兑现额 (万元)"
    reference = [W + "chp_4__art_11__point_1__para_2"]

    def formula_2017_11_01(firm, period, parameters):
        return firm("settlement_award", period) * parameters(period).headquarters.installments.year_1


class settlement_award_year_2(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "落户奖励第2年兑现额 (万元)"
    reference = [W + "chp_4__art_11__point_1__para_2"]

    def formula_2017_11_01(firm, period, parameters):
        return firm("settlement_award", period) * parameters(period).headquarters.installments.year_2


class settlement_award_year_3(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "落户奖励第3年兑现额 (万元)"
    reference = [W + "chp_4__art_11__point_1__para_2"]

    def formula_2017_11_01(firm, period, parameters):
        return firm("settlement_award", period) * parameters(period).headquarters.installments.year_3


# ---- 办公用房补助 --------------------------------------------------------------------


class office_purchase_subsidy(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "新建、新购办公用房一次性补助 (万元)"
    reference = [W + "chp_4__art_11__point_2__para_1", W + "chp_4__art_11__point_2__para_3"]

    def formula_2017_11_01(firm, period, parameters):
        o = parameters(period).headquarters.office
        new = _is_new(firm, period)
        start = firm("recognition_date", period)
        when = firm("office_purchase_date", period)
        window = np.where(new, o.purchase_window_years, o.existing_window_years)
        # 新设立: only without an own office in 郑州; 现有: any "因业务发展需要".
        eligible = (
            firm("headquarters_recognised", period)
            * _within(start, window, when)
            * (np.logical_not(new) + np.logical_not(firm("has_own_office_in_zhengzhou", period)))
        )
        # 元/平方米 × 平方米 → 万元, capped; 现有 firms get 30% of that standard.
        full = np.minimum(firm("office_purchase_area", period) * o.purchase_rate / 10000, o.purchase_cap)
        return eligible * full * np.where(new, 1, o.existing_ratio)


class office_rent_subsidy(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "租房补助 (该年度, 万元)"
    reference = [W + "chp_4__art_11__point_2__para_1", W + "chp_4__art_11__point_2__para_3"]

    def formula_2017_11_01(firm, period, parameters):
        o = parameters(period).headquarters.office
        new = _is_new(firm, period)
        start = firm("recognition_date", period)
        when = firm("office_rent_date", period)
        window = np.where(new, o.rent_window_years, o.existing_window_years)
        eligible = (
            firm("headquarters_recognised", period)
            * _within(start, window, when)
            * (np.logical_not(new) + np.logical_not(firm("has_own_office_in_zhengzhou", period)))
        )
        full = np.minimum(firm("annual_office_rent", period) * o.rent_rate, o.rent_cap)
        return eligible * full * np.where(new, 1, o.existing_ratio)


class office_subsidy_kind(Variable):
    value_type = Enum
    possible_values = OfficeSubsidyKind
    default_value = OfficeSubsidyKind.none
    entity = Firm
    definition_period = DAY
    label = "办公用房补助 择优 (不得重复享受)"
    reference = [W + "chp_4__art_11__point_2__para_2"]

    def formula_2017_11_01(firm, period):
        purchase = firm("office_purchase_subsidy", period)
        rent = firm("office_rent_subsidy", period)
        kind = np.select(
            [(purchase >= rent) * (purchase > 0), rent > 0],
            [OfficeSubsidyKind.purchase.index, OfficeSubsidyKind.rent.index],
            OfficeSubsidyKind.none.index,
        )
        return _members(kind, OfficeSubsidyKind)


class office_subsidy(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "办公用房补助 (择优后, 万元; 县(市、区)财政承担)"
    reference = [W + "chp_4__art_11__point_2__para_2", W + "chp_4__art_11__point_2__para_4"]

    def formula_2017_11_01(firm, period):
        return np.maximum(firm("office_purchase_subsidy", period), firm("office_rent_subsidy", period))


# ---- 经营贡献奖励 --------------------------------------------------------------------


class revenue_growth_percent(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "年营业收入比上年度新增 (%)"
    reference = [W + "chp_4__art_11__point_3__para_2"]

    def formula(firm, period):
        previous = firm("previous_year_revenue", period)
        current = firm("annual_revenue", period)
        # Percent first, then divide: keeps 160 vs 100 at exactly 60.0 in float32.
        safe = np.where(previous > 0, previous, 1)
        return np.where(previous > 0, (current - previous) * 100 / safe, 0)


class operating_award_new_firm(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "新设立总部企业 年营业收入首次达到 奖励 (万元)"
    reference = [W + "chp_4__art_11__point_3__para_1"]

    def formula_2017_11_01(firm, period, parameters):
        p = parameters(period).headquarters.operating
        scale = p.new_firm_award
        now = scale.calc(firm("annual_revenue", period))
        before = scale.calc(firm("previous_max_revenue", period))
        eligible = (
            firm("headquarters_recognised", period)
            * _is_new(firm, period)
            * _within(firm("recognition_date", period), p.new_firm_window_years, _today(firm, period))
        )
        # 首次达到: only a tier not reached in an earlier year since recognition pays.
        return eligible * np.where(now > before, now, 0)


class operating_award_growth_cap(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "现有总部企业 营业收入增长奖励 上限 (最高不超过, 万元)"
    reference = [W + "chp_4__art_11__point_3__para_2", W + "chp_4__art_11__point_3__para_1", W + "chp_4__art_14"]

    def formula_2017_11_01(firm, period, parameters):
        p = parameters(period).headquarters.operating
        start = firm("recognition_date", period)
        today = _today(firm, period)
        new = _is_new(firm, period)
        in_five = _within(start, p.growth_window_years, today)
        # 新设立 firms join this scheme "2 年后"; 现有 firms from recognition.
        after_two = today >= add_years(start, p.new_firm_window_years)
        recognised = firm("headquarters_recognised", period) * in_five * (np.logical_not(new) + after_two)
        # 第十四条: 省外企业在郑新设子公司 "按照现有总部企业经营贡献奖励标准".
        article_14 = (
            firm("out_of_province_subsidiary", period)
            * firm("headquarters_in_force", period)
            * np.logical_not(firm("headquarters_excluded", period))
            * in_five
        )
        growth = firm("revenue_growth_percent", period)
        return (recognised + article_14) * p.growth_award_cap.calc(growth)


class operating_award(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "经营贡献奖励 (万元; 增长奖励按上限计)"
    reference = [W + "chp_4__art_11__point_3__para_1", W + "chp_4__art_11__point_3__para_2"]

    def formula_2017_11_01(firm, period):
        return firm("operating_award_new_firm", period) + firm("operating_award_growth_cap", period)


class operating_award_personal_cap(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "经营贡献奖励中可奖励个人的上限 (万元)"
    reference = [W + "chp_4__art_11__point_3__para_3"]

    def formula_2017_11_01(firm, period, parameters):
        return firm("operating_award", period) * parameters(period).headquarters.operating.personal_share_cap


# ---- totals and who pays ------------------------------------------------------------


class headquarters_total_award(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "奖励与补助合计 (万元)"
    reference = [W + "chp_4__art_11__point_1__para_1", W + "chp_4__art_11__point_2__para_1", W + "chp_4__art_11__point_3__para_1"]

    def formula_2017_11_01(firm, period):
        return firm("settlement_award", period) + firm("office_subsidy", period) + firm("operating_award", period)


class headquarters_city_share(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "市级财政承担 (万元)"
    reference = [W + "chp_4__art_11__point_1__para_3", W + "chp_4__art_11__point_3__para_4"]

    def formula_2017_11_01(firm, period, parameters):
        share = parameters(period).headquarters.city_share
        return (firm("settlement_award", period) + firm("operating_award", period)) * share


class headquarters_county_share(Variable):
    value_type = float
    entity = Firm
    definition_period = DAY
    label = "县(市、区)级财政承担 (万元)"
    reference = [W + "chp_4__art_11__point_1__para_3", W + "chp_4__art_11__point_2__para_4", W + "chp_4__art_11__point_3__para_4"]

    def formula_2017_11_01(firm, period):
        return firm("headquarters_total_award", period) - firm("headquarters_city_share", period)
