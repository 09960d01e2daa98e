"""郑政办〔2017〕101号 郑州市大面积停电事件应急预案: event grade, response level, end of response.

附件1 grades an outage by the grid that lost supply and either the share of load lost
(减供负荷) or the share of customers cut off (供电用户停电); "以上" includes the bound
and "以下" excludes it, so each band is [lower, upper). An event meeting several
clauses takes the highest grade ("符合下列情形之一的").
"""

from __future__ import annotations

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from gongbao.rules.entities import Incident

W = "/akn/cn-410100/act/郑政办/2017/101/~"
DAY = DateUnit.DAY
GRADE_CLAUSES = [W + f"att_1__sec_{s}__para_{p}" for s, n in ((1, 3), (2, 4), (3, 5), (4, 5)) for p in range(1, n + 1)]


class GridScope(Enum):
    regional = "区域性电网"
    henan = "河南电网"
    zhengzhou_urban = "郑州市区电网"
    other_city = "其他地级市电网"
    township = "乡镇级电网"


class GridImpact(Enum):
    unspecified = "未说明 (按减供负荷比例分级)"
    general = "一般影响"
    fairly_heavy = "较重影响"
    severe = "严重影响"
    especially_severe = "特别严重影响"


class OutageGrade(Enum):
    none = "未达到一般大面积停电事件标准"
    general = "一般大面积停电事件"
    larger = "较大大面积停电事件"
    major = "重大大面积停电事件"
    especially_major = "特别重大大面积停电事件"


class ResponseLevel(Enum):
    none = "不启动"
    level_iv = "Ⅳ级"
    level_iii = "Ⅲ级"
    level_ii = "Ⅱ级"
    level_i = "Ⅰ级"


class OutageCommand(Enum):
    none = "无"
    city_command = "市大面积停电事件应急指挥部"
    county_government = "事发地县(市、区)政府、开发区管委会"


class grid_scope(Variable):
    value_type = Enum
    possible_values = GridScope
    default_value = GridScope.zhengzhou_urban
    entity = Incident
    definition_period = DAY
    label = "停电的电网范围"
    reference = GRADE_CLAUSES


class load_loss_percent(Variable):
    value_type = float
    entity = Incident
    definition_period = DAY
    label = "减供负荷比例 (%)"
    reference = GRADE_CLAUSES


class customers_out_percent(Variable):
    value_type = float
    entity = Incident
    definition_period = DAY
    label = "停电供电用户比例 (%)"
    reference = GRADE_CLAUSES


class zhengzhou_grid_impact(Variable):
    value_type = Enum
    possible_values = GridImpact
    default_value = GridImpact.unspecified
    entity = Incident
    definition_period = DAY
    label = "区域性电网停电对郑州电网造成的影响"
    reference = [W + "att_1__sec_1__para_1", W + "att_1__sec_2__para_1", W + "att_1__sec_3__para_1", W + "att_1__sec_4__para_1"]


class large_social_impact(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "对社会产生较大影响"
    reference = [W + "sec_5__subsec_1__para_3"]


class main_grid_restored(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "电网主干网架基本恢复正常, 运行参数在稳定限额之内, 主要发电厂机组运行稳定"
    reference = [W + "sec_5__subsec_4__subpara_1"]


class load_restored_percent(Variable):
    value_type = float
    entity = Incident
    definition_period = DAY
    label = "减供负荷恢复比例 (%)"
    reference = [W + "sec_5__subsec_4__subpara_2"]


class key_area_load_restored_percent(Variable):
    value_type = float
    entity = Incident
    definition_period = DAY
    label = "重点地区、重要城市负荷恢复比例 (%)"
    reference = [W + "sec_5__subsec_4__subpara_2"]


class outage_hazard_eliminated(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "造成大面积停电事件的隐患基本消除"
    reference = [W + "sec_5__subsec_4__subpara_3"]


class secondary_accidents_handled(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "重特大次生衍生事故基本处置完毕"
    reference = [W + "sec_5__subsec_4__subpara_4"]


_IMPACT_RANK = {
    GridImpact.general: 1,
    GridImpact.fairly_heavy: 2,
    GridImpact.severe: 3,
    GridImpact.especially_severe: 4,
}


class outage_grade_number(Variable):
    value_type = int
    entity = Incident
    definition_period = DAY
    label = "事件分级 (0 未达到, 1 一般, 2 较大, 3 重大, 4 特别重大)"
    reference = GRADE_CLAUSES + [W + "att_1__sec_4__hcontainer_2"]

    def formula_2017_10_16(incident, period, parameters):
        p = parameters(period).power_outage
        scope = incident("grid_scope", period)
        load = incident("load_loss_percent", period)
        customers = incident("customers_out_percent", period)
        grades = []
        for member in GridScope:
            by_load = p.load_loss[member.name].calc(load)
            by_customers = p.customers_out[member.name].calc(customers)
            grades.append(np.maximum(by_load, by_customers))
        grade = np.select([scope == m for m in GridScope], grades, 0).astype(np.int32)
        # Regional clauses also name the impact on the 郑州 grid. When it is given, a
        # clause holds only if the impact is at least the one it names (特别严重 ⊇ 严重).
        impact = incident("zhengzhou_grid_impact", period)
        rank = np.select([impact == k for k in _IMPACT_RANK], list(_IMPACT_RANK.values()), 9)
        regional = scope == GridScope.regional
        return np.where(regional * (rank < grade), 0, grade)


class outage_grade(Variable):
    value_type = Enum
    possible_values = OutageGrade
    default_value = OutageGrade.none
    entity = Incident
    definition_period = DAY
    label = "大面积停电事件等级"
    reference = GRADE_CLAUSES

    def formula_2017_10_16(incident, period):
        number = incident("outage_grade_number", period)
        return np.array(list(OutageGrade), dtype=object)[number]


class outage_response_level(Variable):
    value_type = Enum
    possible_values = ResponseLevel
    default_value = ResponseLevel.none
    entity = Incident
    definition_period = DAY
    label = "应急响应级别"
    reference = [W + "sec_5__subsec_1__para_1", W + "sec_5__subsec_1__para_2"]

    def formula_2017_10_16(incident, period):
        number = incident("outage_grade_number", period)
        return np.array(list(ResponseLevel), dtype=object)[number]


class outage_command(Variable):
    value_type = Enum
    possible_values = OutageCommand
    default_value = OutageCommand.none
    entity = Incident
    definition_period = DAY
    label = "负责指挥应对工作"
    reference = [W + "sec_5__subsec_1__para_1", W + "sec_5__subsec_1__para_2"]

    def formula_2017_10_16(incident, period):
        number = incident("outage_grade_number", period)
        return np.select(
            [number >= 3, number >= 1], [OutageCommand.city_command, OutageCommand.county_government], OutageCommand.none
        )


class outage_local_response_possible(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "未达一般标准但社会影响较大, 事发地政府可启动应急响应"
    reference = [W + "sec_5__subsec_1__para_3"]

    def formula_2017_10_16(incident, period):
        return (incident("outage_grade_number", period) == 0) * incident("large_social_impact", period)


class outage_response_can_end(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "同时满足响应终止条件"
    reference = [W + "sec_5__subsec_4", W + "sec_5__subsec_4__subpara_1", W + "sec_5__subsec_4__subpara_2", W + "sec_5__subsec_4__subpara_3", W + "sec_5__subsec_4__subpara_4"]

    def formula_2017_10_16(incident, period, parameters):
        p = parameters(period).power_outage
        return (
            incident("main_grid_restored", period)
            * (incident("load_restored_percent", period) >= p.end_load_restored)
            * (incident("key_area_load_restored_percent", period) >= p.end_key_area_load_restored)
            * incident("outage_hazard_eliminated", period)
            * incident("secondary_accidents_handled", period)
        )
