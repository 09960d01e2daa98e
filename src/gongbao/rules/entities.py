"""Entities of the gongbao rules: who or what a rule is computed for.

Each policy of the gazette speaks about one kind of subject, so each entity is a
single-member ("person") entity in OpenFisca's sense: there are no households here.

- 企业 `firm`: a firm applying for 总部企业 awards (郑政〔2017〕34号) or drawn for a
  双随机 inspection (郑政办〔2018〕87号).
- 个人 `person`: a child assessed as 农村留守儿童 or 困境儿童 (郑政〔2018〕43号).
- 项目 `project`: an application handled by the 政务服务 hall (郑政办〔2018〕78号)
  or an inspection task (郑政办〔2018〕87号).
- 事件 `incident`: an emergency to be graded: a power outage (郑政办〔2017〕101号) or a
  forest-pest disaster (郑政办〔2022〕31号).
"""

from __future__ import annotations

from openfisca_core.entities import build_entity

Firm = build_entity(
    key="firm",
    plural="firms",
    label="企业 (a firm)",
    doc="A firm registered in 郑州市, described by its capital, revenue, taxes and offices.",
    is_person=True,
)

Person = build_entity(
    key="person",
    plural="persons",
    label="个人 (a person, here a child)",
    doc="A child, described by age, 户籍 and the situation of the parents.",
    is_person=True,
)

Project = build_entity(
    key="project",
    plural="projects",
    label="项目 (an application or an inspection task)",
    doc="One application (办件) in the service hall, or one inspection task.",
    is_person=True,
)

Incident = build_entity(
    key="incident",
    plural="incidents",
    label="事件 (an incident)",
    doc="An emergency: a large-scale power outage or a forest-pest disaster.",
    is_person=True,
)

entities = [Firm, Person, Project, Incident]
