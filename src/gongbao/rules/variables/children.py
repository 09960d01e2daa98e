"""郑政〔2018〕43号: 农村留守儿童 and the six categories of 困境儿童, and what they receive.

Who: 二、保障对象 (ages as 周岁; "不满 16" and "未满 18" exclude the bound).
What: 三、（三） basic living (择高享受, never two schemes), medical assistance for
inpatient care, education subsidies (amounts per school year) and rehabilitation.
The basic-living standards themselves are local (当地标准) and not printed in the
text: they are inputs, and without them the scheme is chosen by the order
孤儿 > 特困 > 低保 (see docs/rules.md#children).
"""

from __future__ import annotations

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from gongbao.rules.entities import Person

W = "/akn/cn-410100/act/郑政/2018/43/~"
DAY = DateUnit.DAY
CATEGORY = W + "sec_2__subsec_2__para_"
LIVING = W + "sec_3__subsec_3__para_1"
EDU = W + "sec_3__subsec_3__para_3"


class ParentStatus(Enum):
    present = "在家 (能履行监护)"
    migrant_worker = "外出务工"
    no_guardian_capacity = "无监护能力"
    severe_disability = "重残 (残疾等级二级及以上)"
    serious_illness = "重病"
    imprisoned = "长期服刑在押"
    compulsory_rehab = "强制戒毒"
    dead = "死亡"
    missing = "失踪 (人民法院宣判或公安机关证明) / 查找不到"


class EducationStage(Enum):
    none = "未就学"
    preschool = "学前教育"
    primary = "小学"
    junior_secondary = "初中"
    senior_high = "普通高中"
    vocational_private = "职业教育 (民办学校)"
    vocational_public = "职业教育 (公办学校)"
    college = "大学专科、本科"


class DisabilityType(Enum):
    none = "无"
    hearing = "听力"
    intellectual = "智力"
    cerebral_palsy = "脑瘫"
    autism = "孤独症"
    limb = "肢体"
    mental = "精神"
    visual = "视力"
    speech = "言语"
    multiple = "多重"


class ProtectionCategory(Enum):
    none = "不属于保障对象"
    left_behind = "农村留守儿童"
    in_difficulty = "困境儿童"


class LivingScheme(Enum):
    none = "无"
    orphan = "孤儿基本生活保障"
    extreme_poverty = "特困人员救助供养"
    dibao = "城乡低保 (全额)"
    institutional = "参照机构养育孤儿基本生活最低养育标准"
    temporary_assistance = "临时救助"


class age(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "年龄 (周岁)"
    reference = [W + "sec_2__subsec_1", CATEGORY + "1"]


class has_zhengzhou_hukou(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "具有郑州市户籍"
    reference = [W + "sec_2__subsec_2"]


class rural(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "农村儿童"
    reference = [W + "sec_2__subsec_1"]


class father_status(Variable):
    value_type = Enum
    possible_values = ParentStatus
    default_value = ParentStatus.present
    entity = Person
    definition_period = DAY
    label = "父亲情况"
    reference = [W + "sec_2__subsec_1", CATEGORY + "4"]


class mother_status(Variable):
    value_type = Enum
    possible_values = ParentStatus
    default_value = ParentStatus.present
    entity = Person
    definition_period = DAY
    label = "母亲情况"
    reference = [W + "sec_2__subsec_1", CATEGORY + "4"]


class no_income_source(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "无生活来源"
    reference = [CATEGORY + "2"]


class supporter_unable(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "法定抚养人无履行抚养义务能力"
    reference = [CATEGORY + "2"]


class serious_illness(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "患重病 (河南省城乡居民重特大疾病医疗保障病种目录)"
    reference = [CATEGORY + "3"]


class disability_grade(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "残疾等级 (0 无, 1–4 级)"
    reference = [CATEGORY + "3", W + "sec_3__subsec_3__para_2"]


class disability_type(Variable):
    value_type = Enum
    possible_values = DisabilityType
    default_value = DisabilityType.none
    entity = Person
    definition_period = DAY
    label = "残疾类别"
    reference = [W + "sec_3__subsec_3__para_4"]


class family_dibao(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "家庭符合城乡低保条件 (低保家庭)"
    reference = [CATEGORY + "5", LIVING + "__hcontainer_3"]


class family_hardship(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = DAY
    label = "就医、就学、维持正常基本生活面临困难"
    reference = [CATEGORY + "5"]


class registered_poor_family(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "建档立卡家庭"
    reference = [EDU]


class extreme_poverty_family(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "特困救助供养家庭"
    reference = [EDU]


class sudden_hardship_or_harm(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "遭遇突发性、紧迫性、临时性生活困难或监护不当受到伤害"
    reference = [CATEGORY + "6"]


class in_institutional_care(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "由民政部门临时照顾或由儿童福利机构收留抚养、临时监护"
    reference = [LIVING + "__hcontainer_6"]


class hiv_infected(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "艾滋病病毒感染儿童"
    reference = [LIVING]


class meets_disability_subsidy_conditions(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "符合残疾人两项补贴条件"
    reference = [LIVING + "__hcontainer_4"]


class education_stage(Variable):
    value_type = Enum
    possible_values = EducationStage
    default_value = EducationStage.none
    entity = Person
    definition_period = DAY
    label = "就读阶段"
    reference = [EDU]


class boarding(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "寄宿生"
    reference = [EDU]


class inpatient_expense(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "住院医疗救助范围内的费用 (元)"
    reference = [W + "sec_3__subsec_3__para_2"]


class orphan_standard(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "当地孤儿基本生活保障标准 (元/月)"
    reference = [LIVING]


class extreme_poverty_standard(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "当地特困人员救助供养标准 (元/月)"
    reference = [LIVING + "__hcontainer_2"]


class dibao_standard(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "当地最低生活保障标准 (元/月)"
    reference = [LIVING + "__hcontainer_3"]


# ---- who ------------------------------------------------------------------------------

# Reasons a parent cannot look after the child: 第4类 lists 重残、重病、长期服刑在押、强制戒毒;
# "无监护能力" (留守儿童) is read to cover those too, and a dead or missing parent (who can
# guard no one: otherwise a child with one parent away and the other dead would be neither
# 留守 nor 困境, as 第4类 needs the living parent to be 重残、重病、服刑 or 戒毒).
_INCAPABLE = (
    ParentStatus.severe_disability,
    ParentStatus.serious_illness,
    ParentStatus.imprisoned,
    ParentStatus.compulsory_rehab,
)
_GONE = (ParentStatus.dead, ParentStatus.missing)


def _any(status, members):
    result = np.zeros(status.shape, dtype=bool)
    for member in members:
        result = result + (status == member)
    return result


def _enrolled_beyond_18(person, period):
    # 年满 18 周岁仍在高中、职高、中专和大学专科、本科阶段就读的, 继续享受保障政策直至毕业.
    stage = person("education_stage", period)
    return _any(stage, (EducationStage.senior_high, EducationStage.vocational_private, EducationStage.vocational_public, EducationStage.college))


def _under(person, period, limit):
    return person("age", period) < limit


def _under_18(person, period, parameters):
    limit = parameters(period).child_protection.age_limit
    return _under(person, period, limit) + _enrolled_beyond_18(person, period)


class left_behind_child(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "农村留守儿童"
    reference = [W + "sec_2__subsec_1"]

    def formula_2018_09_25(person, period, parameters):
        father = person("father_status", period)
        mother = person("mother_status", period)
        away_f = father == ParentStatus.migrant_worker
        away_m = mother == ParentStatus.migrant_worker
        unable = (ParentStatus.no_guardian_capacity, *_INCAPABLE, *_GONE)
        parents = (away_f * away_m) + (away_f * _any(mother, unable)) + (away_m * _any(father, unable))
        limit = parameters(period).child_protection.left_behind_age_limit
        return person("rural", period) * parents * _under(person, period, limit)


class difficulty_orphan(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "第1类 孤儿"
    reference = [CATEGORY + "1"]

    def formula_2018_09_25(person, period, parameters):
        both_gone = _any(person("father_status", period), _GONE) * _any(person("mother_status", period), _GONE)
        return both_gone * _under_18(person, period, parameters)


class difficulty_extreme_poverty(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "第2类 特困儿童"
    reference = [CATEGORY + "2"]

    def formula_2018_09_25(person, period, parameters):
        # A child under 16 has no 劳动能力 in law; the other two conditions are facts.
        limit = parameters(period).child_protection.extreme_poverty_age_limit
        return person("no_income_source", period) * person("supporter_unable", period) * _under(person, period, limit)


class severe_disability(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "重残 (残疾等级为二级及以上)"
    reference = [CATEGORY + "3"]

    def formula(person, period, parameters):
        grade = person("disability_grade", period)
        return (grade >= 1) * (grade <= parameters(period).child_protection.severe_disability_grade)


class difficulty_illness_disability(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "第3类 重病重残儿童"
    reference = [CATEGORY + "3"]

    def formula_2018_09_25(person, period, parameters):
        sick_or_disabled = person("serious_illness", period) + person("severe_disability", period)
        return sick_or_disabled * _under_18(person, period, parameters)


class difficulty_guardianship(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "第4类 监护人无力监护或监护缺失的儿童"
    reference = [CATEGORY + "4"]

    def formula_2018_09_25(person, period, parameters):
        father = person("father_status", period)
        mother = person("mother_status", period)
        both_unable = _any(father, _INCAPABLE) * _any(mother, _INCAPABLE)
        one_gone = (_any(father, _GONE) * _any(mother, _INCAPABLE)) + (_any(mother, _GONE) * _any(father, _INCAPABLE))
        return (both_unable + one_gone) * _under_18(person, period, parameters)


class difficulty_poor_family(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "第5类 贫困家庭儿童"
    reference = [CATEGORY + "5"]

    def formula_2018_09_25(person, period, parameters):
        return person("family_dibao", period) * person("family_hardship", period) * _under_18(person, period, parameters)


class difficulty_other(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "第6类 其他困境儿童"
    reference = [CATEGORY + "6"]

    def formula_2018_09_25(person, period, parameters):
        return person("sudden_hardship_or_harm", period) * _under_18(person, period, parameters)


class child_in_difficulty(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "困境儿童 (郑州市户籍且属于六类之一)"
    reference = [W + "sec_2__subsec_2"] + [CATEGORY + str(i) for i in range(1, 7)]

    def formula_2018_09_25(person, period):
        categories = (
            person("difficulty_orphan", period)
            + person("difficulty_extreme_poverty", period)
            + person("difficulty_illness_disability", period)
            + person("difficulty_guardianship", period)
            + person("difficulty_poor_family", period)
            + person("difficulty_other", period)
        )
        return person("has_zhengzhou_hukou", period) * categories


class protection_category(Variable):
    value_type = Enum
    possible_values = ProtectionCategory
    default_value = ProtectionCategory.none
    entity = Person
    definition_period = DAY
    label = "保障对象类别 (留守儿童符合困境儿童条件的, 纳入困境儿童保障范围)"
    reference = [W + "sec_2__subsec_1", W + "sec_2__subsec_2__hcontainer_2"]

    def formula_2018_09_25(person, period):
        return np.select(
            [person("child_in_difficulty", period), person("left_behind_child", period)],
            [ProtectionCategory.in_difficulty, ProtectionCategory.left_behind],
            ProtectionCategory.none,
        )


# ---- basic living: one scheme, the highest --------------------------------------------


class basic_living_scheme(Variable):
    value_type = Enum
    possible_values = LivingScheme
    default_value = LivingScheme.none
    entity = Person
    definition_period = DAY
    label = "基本生活保障 (择高享受, 不得重复享受)"
    reference = [LIVING, LIVING + "__hcontainer_2", LIVING + "__hcontainer_3", LIVING + "__hcontainer_5", LIVING + "__hcontainer_6", LIVING + "__hcontainer_7"]

    def formula_2018_09_25(person, period):
        in_scope = person("child_in_difficulty", period)
        orphan = in_scope * (person("difficulty_orphan", period) + person("hiv_infected", period))
        poverty = in_scope * person("difficulty_extreme_poverty", period)
        dibao = in_scope * person("family_dibao", period) * (
            person("difficulty_poor_family", period) + person("difficulty_illness_disability", period)
        )
        # 择高: by the local standards when given; ties and missing standards fall back
        # to the order 孤儿 > 特困 > 低保 (argmax takes the first of equal values).
        amounts = np.stack([
            np.where(orphan, person("orphan_standard", period) + 3e-3, -1),
            np.where(poverty, person("extreme_poverty_standard", period) + 2e-3, -1),
            np.where(dibao, person("dibao_standard", period) + 1e-3, -1),
        ])
        best = np.argmax(amounts, axis=0)
        any_main = orphan + poverty + dibao
        main = np.array([LivingScheme.orphan, LivingScheme.extreme_poverty, LivingScheme.dibao], dtype=object)[best]
        institutional = in_scope * person("in_institutional_care", period)
        temporary = in_scope * person("sudden_hardship_or_harm", period)
        return np.select(
            [any_main, institutional, temporary],
            [main, LivingScheme.institutional, LivingScheme.temporary_assistance],
            LivingScheme.none,
        )


class basic_living_amount(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "基本生活保障标准 (元/月, 来自输入的当地标准; 未提供则为 0)"
    reference = [LIVING + "__hcontainer_7"]

    def formula_2018_09_25(person, period):
        scheme = person("basic_living_scheme", period)
        return np.select(
            [scheme == LivingScheme.orphan, scheme == LivingScheme.extreme_poverty, scheme == LivingScheme.dibao],
            [person("orphan_standard", period), person("extreme_poverty_standard", period), person("dibao_standard", period)],
            0,
        )


class disability_two_subsidies(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "纳入残疾人两项补贴 (不计入家庭收入, 可与基本生活保障同时享受)"
    reference = [LIVING + "__hcontainer_4"]

    def formula_2018_09_25(person, period):
        disabled = person("disability_grade", period) >= 1
        return person("child_in_difficulty", period) * disabled * person("meets_disability_subsidy_conditions", period)


# ---- medical, education, rehabilitation ---------------------------------------------


class inpatient_assistance(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "住院医疗救助报销额 (元; 80%, 封顶 2.2 万元)"
    reference = [W + "sec_3__subsec_3__para_2"]

    def formula_2018_09_25(person, period, parameters):
        p = parameters(period).child_protection
        eligible = person("child_in_difficulty", period) * (person("family_dibao", period) + person("severe_disability", period))
        return eligible * np.minimum(person("inpatient_expense", period) * p.inpatient_reimbursement_rate, p.inpatient_cap)


def _stage(person, period, *stages):
    return _any(person("education_stage", period), stages)


def _poor_or_dibao(person, period):
    return person("registered_poor_family", period) + person("family_dibao", period)


class free_education(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "义务教育到高中阶段 12 年免费教育 (自 2018 年秋季学期起)"
    reference = [EDU]

    def formula_2018_09_25(person, period):
        stages = _stage(person, period, EducationStage.primary, EducationStage.junior_secondary, EducationStage.senior_high, EducationStage.vocational_private, EducationStage.vocational_public)
        return person("child_in_difficulty", period) * stages


class preschool_fee_subsidy(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "学前教育保教费补助 (元/年)"
    reference = [EDU]

    def formula_2018_09_25(person, period, parameters):
        p = parameters(period).child_protection
        years = person("age", period)
        eligible = (
            person("child_in_difficulty", period)
            * _stage(person, period, EducationStage.preschool)
            * person("registered_poor_family", period)
            * (years >= p.preschool_age_min)
            * (years <= p.preschool_age_max)
        )
        return eligible * p.preschool_fee_subsidy


class preschool_living_subsidy(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "学前教育生活补助费 (元/年)"
    reference = [EDU]

    def formula_2018_09_25(person, period, parameters):
        parent_disabled = (person("father_status", period) == ParentStatus.severe_disability) + (
            person("mother_status", period) == ParentStatus.severe_disability
        )
        group = (
            person("difficulty_orphan", period)
            + (person("disability_grade", period) >= 1)
            + person("family_dibao", period)
            + parent_disabled
        )
        eligible = person("child_in_difficulty", period) * _stage(person, period, EducationStage.preschool) * group
        return eligible * parameters(period).child_protection.preschool_living_subsidy


class compulsory_fees_exempt(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "免除学杂费、教科书费 (义务教育)"
    reference = [EDU]

    def formula_2018_09_25(person, period):
        stage = _stage(person, period, EducationStage.primary, EducationStage.junior_secondary)
        return person("child_in_difficulty", period) * stage * _poor_or_dibao(person, period)


class boarding_living_subsidy(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "义务教育寄宿生生活补助费 (元/年)"
    reference = [EDU]

    def formula_2018_09_25(person, period, parameters):
        p = parameters(period).child_protection
        eligible = person("child_in_difficulty", period) * _poor_or_dibao(person, period) * person("boarding", period)
        amount = np.select(
            [_stage(person, period, EducationStage.primary), _stage(person, period, EducationStage.junior_secondary)],
            [p.boarding_subsidy_primary, p.boarding_subsidy_junior],
            0,
        )
        return eligible * amount


class senior_high_fees_exempt(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "免除学费、住宿费 (普通高中)"
    reference = [EDU]

    def formula_2018_09_25(person, period):
        group = (
            person("registered_poor_family", period)
            + (person("disability_grade", period) >= 1) * person("family_hardship", period)
            + person("extreme_poverty_family", period)
            + person("family_dibao", period)
        )
        return person("child_in_difficulty", period) * _stage(person, period, EducationStage.senior_high) * group


class national_grant(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "国家助学金 (元/年; 普通高中或民办职业学校)"
    reference = [EDU]

    def formula_2018_09_25(person, period, parameters):
        p = parameters(period).child_protection
        eligible = person("child_in_difficulty", period) * _poor_or_dibao(person, period)
        amount = np.select(
            [_stage(person, period, EducationStage.senior_high), _stage(person, period, EducationStage.vocational_private)],
            [p.national_grant_senior_high, p.national_grant_vocational],
            0,
        )
        return eligible * amount


class vocational_tuition_exempt(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "按公办中职标准免除学费 (民办职业学校)"
    reference = [EDU]

    def formula_2018_09_25(person, period):
        stage = _stage(person, period, EducationStage.vocational_private)
        return person("child_in_difficulty", period) * stage * _poor_or_dibao(person, period)


class yulu_subsidy(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "“雨露计划”扶贫助学补助 (元/年)"
    reference = [EDU]

    def formula_2018_09_25(person, period, parameters):
        eligible = (
            person("child_in_difficulty", period)
            * _stage(person, period, EducationStage.vocational_private)
            * person("registered_poor_family", period)
        )
        return eligible * parameters(period).child_protection.yulu_subsidy


class education_cash_total(Variable):
    value_type = float
    entity = Person
    definition_period = DAY
    label = "教育现金补助合计 (元/年)"
    reference = [EDU]

    def formula_2018_09_25(person, period):
        return (
            person("preschool_fee_subsidy", period)
            + person("preschool_living_subsidy", period)
            + person("boarding_living_subsidy", period)
            + person("national_grant", period)
            + person("yulu_subsidy", period)
        )


class rehabilitation_assistance(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "康复救助和辅助器具补贴 (0-14 岁听力、智力、脑瘫、孤独症、肢体、精神残疾儿童)"
    reference = [W + "sec_3__subsec_3__para_4"]

    def formula_2018_09_25(person, period, parameters):
        kinds = (
            DisabilityType.hearing,
            DisabilityType.intellectual,
            DisabilityType.cerebral_palsy,
            DisabilityType.autism,
            DisabilityType.limb,
            DisabilityType.mental,
        )
        young = person("age", period) <= parameters(period).child_protection.rehabilitation_age_max
        return young * _any(person("disability_type", period), kinds)
