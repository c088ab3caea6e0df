"""The configurable lists' starting contents (administrators edit them in the admin site afterwards).

- industries: the key fields of investment attraction named in the notice (能源资源、陶瓷琉璃、文旅康养、
  精细化工) and the industry chains of its promotion events (蚕桑), with other common industries;
- the "seven modes" of attraction;
- the approval-item catalogue (审批事项) from the issue, in the usual order of a project's procedures;
- land types.
Only adds names that are missing, so it never undoes an administrator's edits.
"""

from django.db import migrations

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
MODES = ["产业链招商", "以商招商", "驻点招商", "委托招商", "基金招商", "乡贤招商", "飞地招商"]
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
LAND_TYPES = ["工业用地", "商服用地", "公共管理与公共服务用地", "交通运输用地", "水域及水利设施用地", "住宅用地", "特殊用地", "其他"]


def seed(apps, schema_editor):
    Industry = apps.get_model("taskforces", "Industry")
    AttractionMode = apps.get_model("taskforces", "AttractionMode")
    ApprovalItemType = apps.get_model("taskforces", "ApprovalItemType")
    LandType = apps.get_model("taskforces", "LandType")
    for order, (name, group) in enumerate(INDUSTRIES):
        Industry.objects.get_or_create(name=name, defaults={"group": group, "sort_order": order})
    for model, names in ((AttractionMode, MODES), (ApprovalItemType, APPROVAL_ITEMS), (LandType, LAND_TYPES)):
        for order, name in enumerate(names):
            model.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("taskforces", "0002_ledgers")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
