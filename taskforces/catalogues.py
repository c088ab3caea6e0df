"""The configurable lists' starting contents, and a function that adds whichever are missing.

The data migration 0003 holds its own frozen copy (migrations must not import app code); this
copy serves the demo and the tests (a test that flushes the database, e.g. a browser test, takes
the migration's rows with it).
"""

from __future__ import annotations

from .common.models import ApprovalItemType, AttractionMode, Industry, LandType

INDUSTRIES = [
    ("能源资源", "key_field"),
    ("陶瓷琉璃", "key_field"),
    ("文旅康养", "key_field"),
    ("精细化工", "key_field"),
    ("蚕桑丝绸", "system"),
    ("先进制造", "system"),
    ("现代农业", "system"),
    ("商贸物流", "other"),
    ("城市建设", "other"),
    ("社会事业", "other"),
    ("其他", "other"),
]
ATTRACTION_MODES = ["产业链招商", "以商招商", "驻点招商", "委托招商", "基金招商", "乡贤招商", "飞地招商"]
APPROVAL_ITEMS = [
    "立项（审批/核准/备案）",
    "用地预审与选址意见书",
    "建设用地规划许可证",
    "建设工程规划许可证",
    "环境影响评价",
    "节能审查（能评）",
    "社会稳定风险评估",
    "水土保持方案",
    "安全预评价",
    "施工图审查",
    "施工许可证",
]
LAND_TYPES = [
    "工业用地",
    "商服用地",
    "公共管理与公共服务用地",
    "交通运输用地",
    "水域及水利设施用地",
    "住宅用地",
    "特殊用地",
    "其他",
]


def seed_catalogues() -> None:
    """Add the missing default entries; never changes or removes what administrators edited."""
    for order, (name, group) in enumerate(INDUSTRIES):
        Industry.objects.get_or_create(name=name, defaults={"group": group, "sort_order": order})
    for model, names in (
        (AttractionMode, ATTRACTION_MODES),
        (ApprovalItemType, APPROVAL_ITEMS),
        (LandType, LAND_TYPES),
    ):
        for order, name in enumerate(names):
            model.objects.get_or_create(name=name, defaults={"sort_order": order})
