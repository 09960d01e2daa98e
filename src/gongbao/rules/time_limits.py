"""郑政办〔2018〕78号: the due-date calculator, with the times of day the rules print.

The dates are computed by the OpenFisca variables of `variables/time_limits.py`
(vectorised over China's working days); this module adds what a date alone cannot
say: paper files received in the morning go to the department "下午2:00前" the same
day, afternoon files "上午9:30前" the next working day; "事进人不进" files are stored
"下午2:30前" or "下班前".

>>> handover_time(afternoon=False), handover_time(afternoon=True)
('14:00', '09:30')
"""

from __future__ import annotations

from datetime import datetime, time

# 一口受理工作规则 三、（四）.
MORNING_HANDOVER = "14:00"  # 上午的收件材料于下午2:00前转交部门
AFTERNOON_HANDOVER = "09:30"  # 下午的收件材料于第二个工作日上午9:30前转交部门
MORNING_STORAGE = "14:30"  # 上午收到的材料于下午2:30前入库
AFTERNOON_STORAGE = "下班前"  # 下午收到的材料于下班前入库 (no clock time is printed)
NOON = time(12, 0)  # 上午 ends at noon (reading)


def is_afternoon(moment: datetime) -> bool:
    """下午 from 12:00 on."""
    return moment.time() >= NOON


def handover_time(afternoon: bool) -> str:
    """Latest time of the paper hand-over on its due date."""
    return AFTERNOON_HANDOVER if afternoon else MORNING_HANDOVER


def storage_time(afternoon: bool) -> str:
    """Latest time the "事进人不进" files are stored on their due date."""
    return AFTERNOON_STORAGE if afternoon else MORNING_STORAGE
