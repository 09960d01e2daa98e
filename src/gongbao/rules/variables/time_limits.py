"""郑政办〔2018〕78号: time limits of 容缺受理 (att_1) and 一口受理 (att_2) for one application.

Working days follow China's calendar (法定节假日 off, 调休 weekends on) via
`gongbao.rules.calendar`; "N个工作日内" ends on the N-th working day after the start day.
Times of day (下午2:00, 9:30) are outputs of `gongbao.rules.time_limits`, which adds
them to the dates computed here.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from gongbao.rules.calendar import add_working_days, add_years, is_working_day
from gongbao.rules.entities import Project

A = "/akn/cn-410100/act/郑政办/2018/78/~att_1__"
B = "/akn/cn-410100/act/郑政办/2018/78/~att_2__"
DAY = DateUnit.DAY
EPOCH = np.datetime64("1970-01-01")  # OpenFisca's default date: "not given"


class ServiceArea(Enum):
    real_estate = "房屋交易与不动产登记"
    housing_fund = "住房公积金"
    social_security = "社会保障"
    other = "其他"


def _due(days: np.ndarray, n) -> np.ndarray:
    """n-th working day after each given day; EPOCH stays EPOCH (date not given)."""
    given = days != EPOCH
    out = np.full(days.shape, EPOCH)
    if given.any():
        n = np.broadcast_to(np.asarray(n), days.shape)
        out[given] = add_working_days(days[given], n[given])
    return out


def _first_working_day(days: np.ndarray) -> np.ndarray:
    """The day itself if it is a working day, else the next one (the hall is closed)."""
    given = days != EPOCH
    out = days.copy()
    if given.any():
        open_ = is_working_day(days[given])
        out[given] = np.where(open_, days[given], add_working_days(days[given], 1))
    return out


class received_on(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "收件 (受理) 日期"
    reference = [B + "sec_3__subsec_4", A + "sec_3__subsec_2__hcontainer_1"]


class received_in_afternoon(Variable):
    value_type = bool
    entity = Project
    definition_period = DAY
    label = "下午收件 (12:00 及以后)"
    reference = [B + "sec_3__subsec_4"]


class on_rongque_list(Variable):
    value_type = bool
    default_value = True
    entity = Project
    definition_period = DAY
    label = "事项列入容缺受理事项清单"
    reference = [A + "sec_2"]


class immediate_item(Variable):
    value_type = bool
    entity = Project
    definition_period = DAY
    label = "即办件"
    reference = [A + "sec_2"]


class main_materials_complete(Variable):
    value_type = bool
    default_value = True
    entity = Project
    definition_period = DAY
    label = "主要申报材料齐全且符合法定形式"
    reference = [A + "sec_1"]


class last_missed_promise_date(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "申请人上次未按承诺时限补齐材料的日期 (列入失信名单之日)"
    reference = [A + "sec_3__subsec_5"]


class committed_processing_days(Variable):
    value_type = int
    entity = Project
    definition_period = DAY
    label = "行政审批事项承诺办结时限 (工作日)"
    reference = [A + "sec_3__subsec_2__hcontainer_1"]


class promised_supplement_days(Variable):
    value_type = int
    entity = Project
    definition_period = DAY
    label = "承诺补齐补正材料的时限 (工作日)"
    reference = [A + "sec_3__subsec_2__hcontainer_1"]


class service_area(Variable):
    value_type = Enum
    possible_values = ServiceArea
    default_value = ServiceArea.other
    entity = Project
    definition_period = DAY
    label = "业务领域"
    reference = [B + "sec_3__subsec_1"]


class average_daily_cases(Variable):
    value_type = float
    entity = Project
    definition_period = DAY
    label = "该项业务平均日办件数量"
    reference = [B + "sec_3__subsec_1"]


class appointment_delay_minutes(Variable):
    value_type = int
    entity = Project
    definition_period = DAY
    label = "晚于预约时间到达的分钟数"
    reference = [B + "sec_3__subsec_1__hcontainer_2"]


class delivered_on(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "办理结果送达日期"
    reference = [B + "sec_3__subsec_6__para_2"]


# ---- 容缺受理 -------------------------------------------------------------------------


class rongque_banned(Variable):
    value_type = bool
    entity = Project
    definition_period = DAY
    label = "申请人在失信名单一年期内 (不再适用容缺受理)"
    reference = [A + "sec_3__subsec_5"]

    def formula_2018_08_24(project, period, parameters):
        missed = project("last_missed_promise_date", period)
        years = parameters(period).time_limits.rongque_ban_years
        return (missed != EPOCH) * (project("received_on", period) < add_years(missed, years))


class rongque_applicable(Variable):
    value_type = bool
    entity = Project
    definition_period = DAY
    label = "可容缺受理"
    reference = [A + "sec_1", A + "sec_2", A + "sec_3__subsec_5"]

    def formula_2018_08_24(project, period):
        return (
            project("on_rongque_list", period)
            * np.logical_not(project("immediate_item", period))
            * project("main_materials_complete", period)
            * np.logical_not(project("rongque_banned", period))
        )


class promise_period_valid(Variable):
    value_type = bool
    entity = Project
    definition_period = DAY
    label = "承诺提交时限不超过承诺办结时限"
    reference = [A + "sec_3__subsec_2__hcontainer_1"]

    def formula_2018_08_24(project, period):
        promised = project("promised_supplement_days", period)
        return (promised >= 1) * (promised <= project("committed_processing_days", period))


class supplement_due_date(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "补齐补正材料的最后一日"
    reference = [A + "sec_3__subsec_2__hcontainer_1", A + "sec_3__subsec_5"]

    def formula_2018_08_24(project, period):
        days = np.maximum(project("promised_supplement_days", period), 1)
        received = np.where(project("rongque_applicable", period), project("received_on", period), EPOCH)
        return _due(received, days)


class rongque_ban_ends_if_missed(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "逾期未补齐时, 失信名单 (不适用容缺受理) 截止之日"
    reference = [A + "sec_3__subsec_5"]

    def formula_2018_08_24(project, period, parameters):
        due = project("supplement_due_date", period)
        years = parameters(period).time_limits.rongque_ban_years
        return np.where(due != EPOCH, add_years(due, years), EPOCH)


class processing_due_date(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "承诺办结期限的最后一日"
    reference = [A + "sec_3__subsec_2__hcontainer_1"]

    def formula_2018_08_24(project, period):
        days = project("committed_processing_days", period)
        received = np.where(days >= 1, project("received_on", period), EPOCH)
        return _due(received, np.maximum(days, 1))


# ---- 一口受理 -------------------------------------------------------------------------


class paper_handover_date(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "纸质材料转交部门的日期 (上午件当日下午2:00前, 下午件次一工作日上午9:30前)"
    reference = [B + "sec_3__subsec_4"]

    def formula_2018_08_24(project, period):
        received = project("received_on", period)
        opened = _first_working_day(received)
        # A receipt on a day the hall is closed is handled as a morning receipt of the
        # next working day (reading, docs/rules.md#time_limits).
        closed = opened != received
        afternoon = project("received_in_afternoon", period) * np.logical_not(closed)
        return np.where(afternoon, _due(opened, 1), opened)


class storage_date(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "“事进人不进”材料入库日期 (上午件下午2:30前, 下午件下班前)"
    reference = [B + "sec_3__subsec_4__hcontainer_4"]

    def formula_2018_08_24(project, period):
        return _first_working_day(project("received_on", period))


class consultation_reply_due(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "复杂、疑难问题答复期限"
    reference = [B + "sec_3__subsec_2"]

    def formula_2018_08_24(project, period, parameters):
        return _due(project("received_on", period), int(parameters(period).time_limits.consultation_reply_days))


class online_pre_acceptance_due(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "网上申报预受理结果告知期限"
    reference = [B + "sec_3__subsec_3__para_1"]

    def formula_2018_08_24(project, period, parameters):
        return _due(project("received_on", period), int(parameters(period).time_limits.online_pre_acceptance_days))


class report_up_due(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "上报件签署意见并上报期限"
    reference = [B + "sec_3__subsec_8"]

    def formula_2018_08_24(project, period, parameters):
        return _due(project("received_on", period), int(parameters(period).time_limits.report_up_days))


class handover_sheet_due(Variable):
    value_type = date
    entity = Project
    definition_period = DAY
    label = "《办理结果交接单》送达职能部门期限"
    reference = [B + "sec_3__subsec_6__para_2"]

    def formula_2018_08_24(project, period, parameters):
        return _due(project("delivered_on", period), int(parameters(period).time_limits.handover_sheet_days))


class daily_appointment_cap(Variable):
    value_type = int
    entity = Project
    definition_period = DAY
    label = "每天预约服务数量上限 (高频事项领域; 平均日办件数量的10%, 向下取整)"
    reference = [B + "sec_3__subsec_1"]

    def formula_2018_08_24(project, period, parameters):
        share = parameters(period).time_limits.appointment_share
        area = project("service_area", period)
        offered = area != ServiceArea.other
        # 不超过 10%: round down; the small epsilon keeps 10% of 50 at 5 in float32.
        return offered * np.floor(project("average_daily_cases", period) * share + 1e-6).astype(np.int32)


class appointment_cancelled(Variable):
    value_type = bool
    entity = Project
    definition_period = DAY
    label = "超过预约时间一小时未来办理, 预约取消"
    reference = [B + "sec_3__subsec_1__hcontainer_2"]

    def formula_2018_08_24(project, period, parameters):
        grace = parameters(period).time_limits.appointment_grace_minutes
        return project("appointment_delay_minutes", period) > grace
