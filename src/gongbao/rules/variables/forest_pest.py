"""郑政办〔2022〕31号 郑州市重大林业有害生物灾害应急预案: response level Ⅰ–Ⅳ.

5.2 sets the level by the kind of pest and the 集中连片成灾面积 (万亩) of leaf (叶部) or
branch/trunk (枝干) damage, plus a few qualitative triggers. The plan does not say
whether 以上/以下 include the bound, and adjacent bands share their bounds (e.g. 1万亩 of
检疫性 leaf damage is both "1万亩以上" for Ⅲ and "1万亩以下" for Ⅳ). Reading chosen: the
highest level whose condition holds applies, so a shared bound goes to the higher
level, whichever way 以下 is read. The non-quarantine Ⅲ band has no upper bound, so
without the expert forecast that Ⅱ(2) requires, any larger area stays Ⅲ.
"""

from __future__ import annotations

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from gongbao.rules.entities import Incident

W = "/akn/cn-410100/act/郑政办/2022/31/~sec_5__subsec_2__"
DAY = DateUnit.DAY
LEVEL_CLAUSES = [
    W + "para_1__subpara_1", W + "para_1__subpara_2", W + "para_1__subpara_3",
    W + "para_2__subpara_1", W + "para_2__subpara_2", W + "para_2__subpara_3", W + "para_2__subpara_4",
    W + "para_3__subpara_1", W + "para_3__subpara_2", W + "para_4__subpara_1", W + "para_4__subpara_2",
]


class PestType(Enum):
    quarantine = "林业检疫性有害生物"
    non_quarantine = "林业非检疫性有害生物"


class SpecialDesignation(Enum):
    none = "无"
    level_ii = "特殊情况需要划为Ⅱ级灾情"
    level_i = "特殊情况需要划为Ⅰ级灾情"


class ForestResponseLevel(Enum):
    none = "不启动"
    level_iv = "Ⅳ级"
    level_iii = "Ⅲ级"
    level_ii = "Ⅱ级"
    level_i = "Ⅰ级"


class ForestLauncher(Enum):
    none = "无"
    city_government = "市人民政府 (报告市应急救援总指挥部后启动)"
    city_command = "市指挥部"


class ForestCommander(Enum):
    none = "无"
    city_command = "市指挥部统一组织、协调和指挥"
    county_government = "事发地县级人民政府统一组织、指挥、协调"


class pest_type(Variable):
    value_type = Enum
    possible_values = PestType
    default_value = PestType.non_quarantine
    entity = Incident
    definition_period = DAY
    label = "有害生物类别"
    reference = LEVEL_CLAUSES


class leaf_damage_area(Variable):
    value_type = float
    entity = Incident
    definition_period = DAY
    label = "叶部受害集中连片成灾面积 (万亩)"
    reference = LEVEL_CLAUSES


class branch_damage_area(Variable):
    value_type = float
    entity = Incident
    definition_period = DAY
    label = "枝干受害集中连片成灾面积 (万亩)"
    reference = LEVEL_CLAUSES


class expert_forecast_worsening(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "经专家组预测灾情将进一步加重、有可能成灾"
    reference = [W + "para_2__subpara_2"]


class new_foreign_pest(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "发现国内省内尚无分布的外来林业有害生物, 可直接造成林木死亡或危害人类健康"
    reference = [W + "para_1__subpara_1"]


class quarantine_outbreak_in_key_area(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "检疫性林业有害生物暴发流行, 危及重点预防区的生态安全"
    reference = [W + "para_1__subpara_2"]


class new_outbreak_of_provincial_quarantine_pest(Variable):
    value_type = bool
    entity = Incident
    definition_period = DAY
    label = "省内已有分布的国家林业检疫性有害生物在全市区域内发生新疫情"
    reference = [W + "para_2__subpara_1"]


class special_designation(Variable):
    value_type = Enum
    possible_values = SpecialDesignation
    default_value = SpecialDesignation.none
    entity = Incident
    definition_period = DAY
    label = "特殊情况需要划定的灾情级别"
    reference = [W + "para_1__subpara_3", W + "para_2__subpara_4"]


class forest_response_level_number(Variable):
    value_type = int
    entity = Incident
    definition_period = DAY
    label = "响应级别 (0 不启动, 1 Ⅳ级, 2 Ⅲ级, 3 Ⅱ级, 4 Ⅰ级)"
    reference = LEVEL_CLAUSES

    def formula_2022_03_25(incident, period, parameters):
        p = parameters(period).forest_pest
        leaf = incident("leaf_damage_area", period)
        branch = incident("branch_damage_area", period)
        quarantine = incident("pest_type", period) == PestType.quarantine
        by_quarantine = np.maximum(p.quarantine_leaf.calc(leaf), p.quarantine_branch.calc(branch))
        by_other = np.maximum(p.non_quarantine_leaf.calc(leaf), p.non_quarantine_branch.calc(branch))
        # Ⅱ(2): the larger non-quarantine areas reach Ⅱ only with the expert forecast.
        other_ii = incident("expert_forecast_worsening", period) * (
            (leaf >= p.level_ii_non_quarantine_leaf) + (branch >= p.level_ii_non_quarantine_branch)
        )
        by_other = np.where(other_ii, 3, by_other)
        level = np.where(quarantine, by_quarantine, by_other)
        special = incident("special_designation", period)
        level_ii = incident("new_outbreak_of_provincial_quarantine_pest", period) + (special == SpecialDesignation.level_ii)
        level_i = (
            incident("new_foreign_pest", period)
            + incident("quarantine_outbreak_in_key_area", period)
            + (special == SpecialDesignation.level_i)
        )
        level = np.where(level_ii, np.maximum(level, 3), level)
        return np.where(level_i, 4, level).astype(np.int32)


class forest_response_level(Variable):
    value_type = Enum
    possible_values = ForestResponseLevel
    default_value = ForestResponseLevel.none
    entity = Incident
    definition_period = DAY
    label = "应急响应级别"
    reference = LEVEL_CLAUSES

    def formula_2022_03_25(incident, period):
        number = incident("forest_response_level_number", period)
        return np.array(list(ForestResponseLevel), dtype=object)[number]


class forest_response_launched_by(Variable):
    value_type = Enum
    possible_values = ForestLauncher
    default_value = ForestLauncher.none
    entity = Incident
    definition_period = DAY
    label = "启动响应的机关"
    reference = [W + "para_1__hcontainer_2__subpara_1", W + "para_2__hcontainer_2__subpara_1", W + "para_3__hcontainer_3", W + "para_4__hcontainer_3"]

    def formula_2022_03_25(incident, period):
        number = incident("forest_response_level_number", period)
        return np.select(
            [number == 4, number >= 1], [ForestLauncher.city_government, ForestLauncher.city_command], ForestLauncher.none
        )


class forest_response_commander(Variable):
    value_type = Enum
    possible_values = ForestCommander
    default_value = ForestCommander.none
    entity = Incident
    definition_period = DAY
    label = "统一组织、指挥应急处置的机关"
    reference = [W + "para_1__hcontainer_2__subpara_1", W + "para_2__hcontainer_2__subpara_1", W + "para_3__hcontainer_3", W + "para_4__hcontainer_3"]

    def formula_2022_03_25(incident, period):
        number = incident("forest_response_level_number", period)
        return np.select(
            [number >= 3, number >= 1], [ForestCommander.city_command, ForestCommander.county_government], ForestCommander.none
        )
