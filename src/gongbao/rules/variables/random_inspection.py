"""郑政办〔2018〕87号 双随机一公开: what the plan decides about one inspected firm.

The draw itself (who is inspected, by whom) is not a formula over one firm: it lives in
`gongbao.rules.random_inspection`. Here: the publication deadline of the result
(20 working days), whether the inspection team is lawful (≥2 inspectors, no conflict
of interest), and the two consequences the plan attaches to a firm's record:
more frequent inspection, and 联合惩戒.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from gongbao.rules.calendar import add_working_days
from gongbao.rules.entities import Firm

W = "/akn/cn-410100/act/郑政办/2018/87/~"
DAY = DateUnit.DAY
EPOCH = np.datetime64("1970-01-01")  # OpenFisca's default date: "not given"


class inspection_result_date(Variable):
    value_type = date
    entity = Firm
    definition_period = DAY
    label = "检查结果产生之日"
    reference = [W + "sec_2__subsec_7"]


class inspection_publication_date(Variable):
    value_type = date
    entity = Firm
    definition_period = DAY
    label = "检查结果公示之日"
    reference = [W + "sec_2__subsec_7"]


class inspectors_assigned(Variable):
    value_type = int
    entity = Firm
    definition_period = DAY
    label = "选派的执法检查人员人数"
    reference = [W + "sec_2__subsec_6"]


class inspector_conflict_of_interest(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "有执法检查人员与被检查对象有利害关系 (未回避)"
    reference = [W + "sec_2__subsec_6"]


class high_public_attention(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "社会关注度高"
    reference = [W + "sec_2__subsec_4"]


class many_complaints(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "投诉举报多"
    reference = [W + "sec_2__subsec_4"]


class on_abnormal_operation_list(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "列入经营异常名录"
    reference = [W + "sec_2__subsec_4", W + "sec_2__subsec_8"]


class serious_violation_record(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "有严重违法违规记录"
    reference = [W + "sec_2__subsec_4"]


class safety_critical_sector(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "涉及人民群众生命财产安全的特殊行业、重点区域"
    reference = [W + "sec_2__subsec_4"]


class on_serious_dishonesty_list(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "列入严重违法失信企业名单"
    reference = [W + "sec_2__subsec_8"]


class on_major_tax_violation_list(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "列入重大税收违法案件当事人名单"
    reference = [W + "sec_2__subsec_8"]


class on_dishonest_debtor_list(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "列入失信被执行人名单"
    reference = [W + "sec_2__subsec_8"]


class inspection_publication_deadline(Variable):
    value_type = date
    entity = Firm
    definition_period = DAY
    label = "检查结果公示期限 (20个工作日内, 最后一日)"
    reference = [W + "sec_2__subsec_7"]

    def formula_2018_09_30(firm, period, parameters):
        produced = firm("inspection_result_date", period)
        given = produced != EPOCH
        days = parameters(period).random_inspection.publication_working_days
        deadline = np.full(firm.count, EPOCH)
        if given.any():
            deadline[given] = add_working_days(produced[given], int(days))
        return deadline


class inspection_published_in_time(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "检查结果在期限内公示"
    reference = [W + "sec_2__subsec_7"]

    def formula_2018_09_30(firm, period):
        published = firm("inspection_publication_date", period)
        produced = firm("inspection_result_date", period)
        return (
            (produced != EPOCH)
            * (published >= produced)
            * (published <= firm("inspection_publication_deadline", period))
        )


class inspection_team_lawful(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "检查组合法 (不少于两人且无应回避人员)"
    reference = [W + "sec_2__subsec_6"]

    def formula_2018_09_30(firm, period, parameters):
        minimum = parameters(period).random_inspection.minimum_inspectors
        return (firm("inspectors_assigned", period) >= minimum) * np.logical_not(
            firm("inspector_conflict_of_interest", period)
        )


class inspection_frequency_raised(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "应适当增加抽查频次"
    reference = [W + "sec_2__subsec_4"]

    def formula_2018_09_30(firm, period):
        return (
            firm("high_public_attention", period)
            + firm("many_complaints", period)
            + firm("on_abnormal_operation_list", period)
            + firm("serious_violation_record", period)
            + firm("safety_critical_sector", period)
        )


class joint_punishment(Variable):
    value_type = bool
    entity = Firm
    definition_period = DAY
    label = "在政府采购、工程招投标、国有土地出让、信贷融资、授予荣誉称号等工作中实施联合惩戒"
    reference = [W + "sec_2__subsec_8"]

    def formula_2018_09_30(firm, period):
        return (
            firm("on_abnormal_operation_list", period)
            + firm("on_serious_dishonesty_list", period)
            + firm("on_major_tax_violation_list", period)
            + firm("on_dishonest_debtor_list", period)
        )
