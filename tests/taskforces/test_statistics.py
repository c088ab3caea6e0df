"""The statistics-inclusion ledger (入库纳统专班): access through the views, yellow/red ageing with a
fixed date, opening a month's screening, the configurable threshold, export and fixed query counts."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from projects.models import ProjectStatus
from taskforces.models import DocumentsStatus, StatisticsScreening, StatisticsThreshold
from taskforces.statistics.selectors import Ageing, inclusion_ageing, months_before, screening_summary
from taskforces.statistics.services import statistics_screening_open
from tests import factories

from .ledger_cases import LedgerAccessCases, LedgerDocumentCases

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    user = factories.make_user("statistics_member_t", full_name="纳统专班成员")
    factories.add_member(user, "statistics")
    return user


def screening(project, *, year=2024, month=5, **fields) -> StatisticsScreening:
    fields.setdefault("eligible", True)
    return StatisticsScreening.objects.create(project=project, year=year, month=month, **fields)


class TestScreeningAccess(LedgerAccessCases[StatisticsScreening], LedgerDocumentCases[StatisticsScreening]):
    slug, key, model_class = "statistics", "screening", StatisticsScreening

    def make_entry(self, project):
        return screening(project)

    def create_data(self, project):
        return {
            "project": project.pk,
            "year": "2024",
            "month": "6",
            "eligible": "on",
            "documents_status": DocumentsStatus.NOT_SUBMITTED,
        }

    def edit_data(self, entry):
        return {
            "project": entry.project_id,
            "year": entry.year,
            "month": entry.month,
            "eligible": "on",
            "included": "on",
            "included_on": "2024-05-20",
            "documents_status": DocumentsStatus.REVIEWED,
            "documents_submitted_on": "2024-05-05",
            "documents_reviewed_on": "2024-05-12",
        }

    def edited(self, entry):
        return entry.included


# --- ageing: yellow after one month, red after two ---------------------------------------------------


@pytest.mark.parametrize(
    ("started", "as_of", "expected"),
    [
        (date(2024, 4, 21), date(2024, 5, 20), Ageing.NONE),  # a day short of a month
        (date(2024, 4, 20), date(2024, 5, 20), Ageing.YELLOW),  # exactly a month
        (date(2024, 3, 21), date(2024, 5, 20), Ageing.YELLOW),  # a day short of two months
        (date(2024, 3, 20), date(2024, 5, 20), Ageing.RED),  # exactly two months
        (date(2024, 1, 31), date(2024, 2, 29), Ageing.YELLOW),  # month ends: 31 Jan is a month old on 29 Feb
        (date(2024, 1, 30), date(2024, 2, 28), Ageing.NONE),
        (date(2023, 12, 31), date(2024, 2, 29), Ageing.RED),
    ],
)
def test_inclusion_ageing_counts_calendar_months(started, as_of, expected):
    assert inclusion_ageing(started_on=started, included=False, as_of=as_of) == expected


def test_included_or_unstarted_projects_never_age():
    assert inclusion_ageing(started_on=date(2020, 1, 1), included=True, as_of=date(2024, 5, 20)) == Ageing.NONE
    assert inclusion_ageing(started_on=None, included=False, as_of=date(2024, 5, 20)) == Ageing.NONE


def test_months_before_clamps_to_the_shorter_month():
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2024, 3, 30), 1) == date(2024, 2, 29)
    assert months_before(date(2024, 2, 29), 1) == date(2024, 1, 31)
    assert months_before(date(2024, 1, 15), 2) == date(2023, 11, 15)


@pytest.fixture
def aged(township, all_taskforces):
    """Four started projects in May 2024's screening; the clock will say 20 May 2024."""
    rows = {}
    for name, started, included in [
        ("新开工项目", date(2024, 5, 1), False),
        ("一个月未入库项目", date(2024, 4, 20), False),
        ("两个月未入库项目", date(2024, 3, 20), False),
        ("已入库项目", date(2024, 3, 1), True),
    ]:
        project = factories.make_project(name, township=township, actual_start=started)
        rows[name] = screening(project, included=included, included_on=date(2024, 4, 1) if included else None)
    return rows


@time_machine.travel(date(2024, 5, 20))
def test_screening_rows_are_yellow_after_one_month_and_red_after_two(client, hq, aged):
    client.force_login(hq)
    response = client.get("/taskforces/statistics/?tab=screening")
    css = {row.obj.project.name: row.css for row in response.context["rows"]}
    assert css == {"新开工项目": "", "一个月未入库项目": "row-yellow", "两个月未入库项目": "row-red", "已入库项目": ""}


@time_machine.travel(date(2024, 5, 20))
def test_ageing_filter_and_key_figures_agree_with_the_colours(client, hq, aged):
    client.force_login(hq)
    red = client.get("/taskforces/statistics/?tab=screening&ageing=red")
    assert [row.obj.project.name for row in red.context["rows"]] == ["两个月未入库项目"]
    late = client.get("/taskforces/statistics/?tab=screening&ageing=late")
    assert {row.obj.project.name for row in late.context["rows"]} == {"一个月未入库项目", "两个月未入库项目"}
    figures = {f.url.rsplit("&", 1)[-1]: f for f in red.context["figures"]}
    assert figures["ageing=yellow"].value == 1 and figures["ageing=yellow"].tone == "gold"
    assert figures["ageing=red"].value == 1 and figures["ageing=red"].tone == "red"
    assert figures["included=yes"].value == 1


@time_machine.travel(date(2024, 7, 10))
def test_a_past_month_is_aged_at_its_last_day(hq, aged):
    summary = screening_summary(user=hq, year=2024, month=5)
    assert summary.as_of == date(2024, 5, 31)
    assert (summary.yellow, summary.red) == (1, 1)


@time_machine.travel(date(2024, 5, 20))
def test_ageing_shows_on_the_project_page(client, hq, aged):
    row = aged["两个月未入库项目"]
    client.force_login(hq)
    html = client.get(f"/projects/{row.project_id}/").content.decode()
    link = html.index(f"/taskforces/statistics/screening/{row.pk}/")
    assert "row-red" in html[html.rindex("<tr", 0, link) : link]


def test_the_table_shows_one_month_the_newest_by_default(client, hq, township, all_taskforces):
    project = factories.make_project("凤城项目", township=township, actual_start=date(2024, 3, 1))
    screening(project, month=4)
    newest = screening(project, month=5)
    client.force_login(hq)
    response = client.get("/taskforces/statistics/?tab=screening")
    assert [row.obj for row in response.context["rows"]] == [newest]
    april = client.get("/taskforces/statistics/?tab=screening&period=2024-04")
    assert [row.obj.month for row in april.context["rows"]] == [4]


# --- opening a month's screening ------------------------------------------------------------------


@pytest.fixture
def candidates(township, all_taskforces):
    return {
        "started": factories.make_project(
            "已开工大项目", township=township, actual_start=date(2024, 4, 10), total_investment=800
        ),
        "small": factories.make_project(
            "已开工小项目", township=township, actual_start=date(2024, 4, 10), total_investment=499
        ),
        "later": factories.make_project(
            "六月开工项目", township=township, actual_start=date(2024, 6, 2), total_investment=800
        ),
        "unstarted": factories.make_project("未开工项目", township=township, total_investment=900),
        "terminated": factories.make_project(
            "终止项目",
            township=township,
            actual_start=date(2024, 2, 1),
            total_investment=900,
            status=ProjectStatus.TERMINATED,
        ),
        "unlisted": factories.make_project(
            "非重点项目", year=None, township=township, actual_start=date(2024, 2, 1), total_investment=900
        ),
    }


def test_opening_a_month_lists_started_projects_at_or_above_the_threshold(member, candidates):
    result = statistics_screening_open(year=2024, month=5, user=member)
    assert result.created == 1
    row = StatisticsScreening.objects.get()
    assert row.project == candidates["started"] and row.eligible and not row.included
    assert row.created_by == member and row.history.get().history_user == member


def test_the_threshold_is_configurable(member, candidates):
    StatisticsThreshold.objects.create(effective_from=date(2024, 1, 1), amount=Decimal("400"))
    statistics_screening_open(year=2024, month=5, user=member)
    assert set(StatisticsScreening.objects.values_list("project__name", flat=True)) == {"已开工大项目", "已开工小项目"}


def test_opening_twice_adds_nothing_and_keeps_edits(member, candidates):
    statistics_screening_open(year=2024, month=5, user=member)
    StatisticsScreening.objects.update(notes="已电话催报")
    again = statistics_screening_open(year=2024, month=5, user=member)
    assert (again.created, again.existing) == (0, 1)
    assert StatisticsScreening.objects.get().notes == "已电话催报"


def test_next_month_carries_inclusion_and_documents_over(member, candidates):
    screening(
        candidates["started"],
        month=5,
        included=True,
        included_on=date(2024, 5, 25),
        documents_status=DocumentsStatus.REVIEWED,
        documents_submitted_on=date(2024, 5, 1),
        documents_reviewed_on=date(2024, 5, 10),
    )
    statistics_screening_open(year=2024, month=6, user=member)
    june = {row.project.name: row for row in StatisticsScreening.objects.filter(month=6)}
    assert set(june) == {"已开工大项目", "六月开工项目"}
    carried = june["已开工大项目"]
    assert carried.included and carried.included_on == date(2024, 5, 25)
    assert carried.documents_status == DocumentsStatus.REVIEWED
    assert not june["六月开工项目"].included


def test_member_opens_a_screening_from_the_page(client, member, candidates):
    client.force_login(member)
    response = client.post("/taskforces/statistics/screening/open/", {"year": "2024", "month": "5"})
    assert response.status_code == 302 and "period=2024-05" in response["Location"]
    assert StatisticsScreening.objects.count() == 1


def test_only_members_open_a_screening(client, hq, tf_member, reporter, outsider, candidates):
    for user, status in ((hq, 403), (tf_member, 403), (reporter, 403), (outsider, 404)):
        client.force_login(user)
        assert (
            client.post("/taskforces/statistics/screening/open/", {"year": "2024", "month": "5"}).status_code == status
        )
    assert not StatisticsScreening.objects.exists()


def test_the_open_form_is_shown_to_members_only(client, member, hq, candidates):
    client.force_login(member)
    assert "/taskforces/statistics/screening/open/" in client.get("/taskforces/statistics/").content.decode()
    client.force_login(hq)
    assert "/taskforces/statistics/screening/open/" not in client.get("/taskforces/statistics/").content.decode()


# --- validation, history, export, queries -----------------------------------------------------------


def test_included_needs_its_date_and_returned_documents_their_reason(client, member, township, all_taskforces):
    project = factories.make_project(township=township)
    client.force_login(member)
    response = client.post(
        "/taskforces/statistics/screening/new/",
        {
            "project": project.pk,
            "year": "2024",
            "month": "5",
            "included": "on",
            "documents_status": DocumentsStatus.RETURNED,
            "documents_submitted_on": "2024-05-02",
            "documents_reviewed_on": "2024-05-06",
        },
    )
    assert set(response.context["form"].errors) == {"included_on", "returned_reason"}


def test_a_project_is_screened_once_a_month(client, member, township, all_taskforces):
    project = factories.make_project(township=township)
    screening(project, month=5)
    client.force_login(member)
    response = client.post(
        "/taskforces/statistics/screening/new/",
        {"project": project.pk, "year": "2024", "month": "5", "documents_status": DocumentsStatus.NOT_SUBMITTED},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert StatisticsScreening.objects.count() == 1


def test_history_shows_who_marked_the_project_included(client, member, leader, township, all_taskforces):
    project = factories.make_project(township=township)
    row = screening(project)
    client.force_login(member)
    client.post(f"/taskforces/statistics/screening/{row.pk}/edit/", TestScreeningAccess().edit_data(row))
    client.force_login(leader)
    history = client.get(f"/taskforces/statistics/screening/{row.pk}/").context["history"]
    assert history[0].who == "纳统专班成员"
    changed = {c.label: (c.old, c.new) for c in history[0].changes}
    assert changed[str(StatisticsScreening._meta.get_field("included").verbose_name)] == ("否", "是")


@time_machine.travel(date(2024, 5, 20))
def test_export_is_the_selected_month_with_chinese_headers_and_the_ageing(client, hq, aged):
    project = aged["两个月未入库项目"].project
    screening(project, month=4)  # another month: not exported
    client.force_login(hq)
    sheet = load_workbook(
        io.BytesIO(client.get("/taskforces/statistics/screening/export.xlsx?period=2024-05").content)
    ).active
    headers = [c.value for c in sheet[1]]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headers), headers
    assert sheet.max_row == 5
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["两个月未入库项目"]["入库逾期"] == "开工两个月未入库"
    assert rows["一个月未入库项目"]["入库逾期"] == "开工一个月未入库"
    assert rows["已入库项目"]["入库逾期"] in ("", None)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_ledger_page_runs_a_fixed_number_of_queries(client, hq, township, all_taskforces):
    def add(n: int) -> None:
        for i in range(n):
            project = factories.make_project(
                township=factories.make_unit(f"测试乡{i % 4}"), actual_start=date(2024, 1 + i % 4, 5)
            )
            screening(project, included=bool(i % 3), included_on=date(2024, 5, 1) if i % 3 else None)

    client.force_login(hq)
    add(2)
    few = _queries(client, "/taskforces/statistics/?tab=screening")
    add(25)
    assert _queries(client, "/taskforces/statistics/?tab=screening") == few
    assert few <= 24  # 21 now: the page, its figures, the month's summary, the filter twice, the reference date once
