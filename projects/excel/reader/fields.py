"""The columns each kind of list may have, with the header words counties use for them."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from .layout import FieldSpec


def _words(*words: str) -> frozenset[str]:
    return frozenset(words)


NAME = FieldSpec(
    "name",
    _("Project name"),
    _words("项目名称", "名称", "项目", "工程名称", "项目(工程)名称", "项目工程名称", "重点工程名称", "重点项目名称"),
)
CODE = FieldSpec(
    "code",
    _("Project code"),
    _words(
        "项目编码",
        "项目代码",
        "编码",
        "代码",
        "项目编号",
        "统一代码",
        "项目统一代码",
        "备案代码",
        "项目备案代码",
        "赋码",
    ),
)
SEQ = FieldSpec("seq", _("No."), _words("序号", "序", "编号", "排序"))

PROJECT_FIELDS: list[FieldSpec] = [
    SEQ,
    NAME,
    CODE,
    FieldSpec("tier", _("Tier"), _words("层级", "级别", "项目级别", "项目层级", "重点工程级别", "层次", "类别级别")),
    FieldSpec("nature", _("Nature"), _words("建设性质", "性质", "项目性质", "建设类型", "项目类型")),
    FieldSpec(
        "owner",
        _("Owner"),
        _words(
            "建设单位",
            "项目单位",
            "业主单位",
            "项目业主",
            "建设主体",
            "项目建设单位",
            "实施单位",
            "项目实施单位",
            "项目法人",
            "业主",
        ),
    ),
    FieldSpec(
        "scope",
        _("Construction content and scale"),
        _words(
            "建设内容及规模",
            "建设规模及内容",
            "建设内容",
            "主要建设内容",
            "建设规模",
            "建设内容和规模",
            "主要建设内容及规模",
            "建设规模和内容",
            "项目概况",
        ),
    ),
    FieldSpec(
        "total_investment",
        _("Total investment"),
        _words("总投资", "计划总投资", "概算投资", "总投资额", "项目总投资", "估算总投资", "概算总投资"),
        (re.compile(r"^(?:项目)?(?:计划|概算|估算)?总投资(?:额)?$"),),
        amount=True,
    ),
    FieldSpec(
        "annual_plan",
        _("Annual planned investment"),
        _words(
            "年度计划投资",
            "计划投资",
            "年度计划",
            "本年计划投资",
            "年计划投资",
            "年度投资计划",
            "年度计划完成投资",
            "本年度计划投资",
        ),
        (
            re.compile(r"^(?:(?P<year>\d{4})年度?)?(?:年度|本年度?|全年)?计划(?:完成)?投资(?:额)?$"),
            re.compile(r"^(?:(?P<year>\d{4})年度?)?(?:年度)?投资计划(?:额)?$"),
            re.compile(r"^(?P<year>\d{4})年度?计划$"),
        ),
        amount=True,
    ),
    FieldSpec(
        "span",
        _("Construction period"),
        _words(
            "建设起止年限",
            "起止年限",
            "建设年限",
            "建设期限",
            "起止年份",
            "建设起止年份",
            "建设周期",
            "起止时间",
            "建设起止时间",
            "建设工期",
            "建设起止年度",
        ),
    ),
    FieldSpec(
        "planned_start",
        _("Planned start"),
        _words(
            "开工时间",
            "计划开工时间",
            "开工日期",
            "开工",
            "开工年月",
            "计划开工日期",
            "计划开工",
            "开工年份",
            "预计开工时间",
        ),
    ),
    FieldSpec(
        "planned_completion",
        _("Planned completion"),
        _words(
            "竣工时间",
            "计划竣工时间",
            "完工时间",
            "竣工日期",
            "竣工",
            "完工",
            "计划完工时间",
            "竣工年月",
            "计划竣工",
            "竣工年份",
            "预计竣工时间",
            "建成时间",
        ),
    ),
    FieldSpec(
        "township",
        _("Township"),
        _words(
            "所在乡镇",
            "乡镇",
            "建设地点",
            "所属乡镇",
            "所在地",
            "项目所在地",
            "乡镇开发区",
            "所在乡镇开发区",
            "属地",
            "所在乡镇区",
            "乡镇区",
            "项目地点",
        ),
    ),
    FieldSpec(
        "responsible_unit",
        _("Responsible unit"),
        _words(
            "责任单位",
            "县直责任单位",
            "主管单位",
            "主管部门",
            "责任部门",
            "县级责任单位",
            "行业主管部门",
            "责任单位部门",
        ),
    ),
    FieldSpec(
        "liaison_leader",
        _("Liaison leader"),
        _words(
            "包联领导",
            "包联县领导",
            "包抓领导",
            "联系领导",
            "包联县级领导",
            "分包领导",
            "县级包联领导",
            "包联领导姓名",
            "包抓县领导",
        ),
    ),
    FieldSpec("remarks", _("Remarks"), _words("备注", "说明")),
]

PROGRESS_FIELDS: list[FieldSpec] = [
    SEQ,
    NAME,
    CODE,
    FieldSpec(
        "completed",
        _("Completed this month"),
        _words(
            "本月完成投资",
            "当月完成投资",
            "本月完成",
            "当月完成",
            "月完成投资",
            "本月投资",
            "本月完成投资额",
            "当月完成投资额",
        ),
        (re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:份)?(?:当月)?完成(?:投资)?(?:额)?$"),),
        amount=True,
    ),
    FieldSpec(
        "cumulative",
        _("Completed Jan to this month"),
        _words(
            "累计完成投资",
            "本年累计完成投资",
            "年度累计完成投资",
            "累计完成",
            "本年累计完成",
            "年累计完成投资",
            "累计完成投资额",
            "今年累计完成投资",
        ),
        (
            re.compile(
                r"^(?:(?P<year>\d{4})年)?1(?:月)?(?:-|~|至|到|—|–)(?P<month>\d{1,2})月(?:份)?(?:累计)?(?:完成)?(?:投资)?(?:额)?$"
            ),
            re.compile(
                r"^(?:(?P<year>\d{4})年)?(?:截至|截止)?(?P<month>\d{1,2})月(?:底|末)?累计完成(?:投资)?(?:额)?$"
            ),
        ),
        amount=True,
    ),
    FieldSpec(
        "physical_progress",
        _("Physical progress"),
        _words(
            "形象进度",
            "工程形象进度",
            "项目形象进度",
            "形象进度情况",
            "项目进展情况",
            "进展情况",
            "工程进度",
            "建设进度",
            "本月形象进度",
            "项目进展",
            "目前进展",
        ),
    ),
    FieldSpec(
        "problems",
        _("Problems"),
        _words(
            "存在问题",
            "存在的问题",
            "问题",
            "存在困难和问题",
            "存在的困难和问题",
            "困难和问题",
            "存在问题及建议",
            "存在问题和困难",
            "需协调解决的问题",
            "需要解决的问题",
        ),
    ),
]
