"""The funding ledger (争取资金专班): access through the views, totals by fund type and by year,
deadlines, validation, history, export and fixed query counts."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from taskforces.funding.selectors import funding_breakdown
from taskforces.models import FundingApplication, FundingStatus, FundType
from tests import factories

from .ledger_cases import LedgerAccessCases, LedgerDocumentCases

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    user = factories.make_user("funding_member_t", full_name="资金专班成员")
    factories.add_member(user, "funding")
    return user


def application(
    project, *, fund_type=FundType.CENTRAL_BUDGET, year=2024, applied="0", approved="0", received="0", **fields
):
    return FundingApplication.objects.create(
        project=project,
        fund_type=fund_type,
        year=year,
        amount_applied=Decimal(applied),
        amount_approved=Decimal(approved),
        amount_received=Decimal(received),
        **fields,
    )


class TestFundingApplicationAccess(LedgerAccessCases[FundingApplication], LedgerDocumentCases[FundingApplication]):
    slug, key, model_class = "funding", "applications", FundingApplication

    def make_entry(self, project):
        return application(project, batch="2024年第一批", status=FundingStatus.PREPARING)

    def create_data(self, project):
        return {
            "project": project.pk,
            "fund_type": FundType.SPECIAL_BOND,
            "year": "2024",
            "batch": "2024年新增专项债券第一批",
            "status": FundingStatus.APPLIED,
            "amount_applied": "3000",
            "applied_on": "2024-02-20",
            "amount_approved": "0",
            "amount_received": "0",
        }

    def edit_data(self, entry):
        return {
            "project": entry.project_id,
            "fund_type": entry.fund_type,
            "year": entry.year,
            "batch": entry.batch,
            "status": FundingStatus.APPROVED,
            "amount_applied": "1000",
            "applied_on": "2024-03-01",
            "amount_approved": "800",
            "approved_on": "2024-05-10",
            "amount_received": "0",
        }

    def edited(self, entry):
        return entry.status == FundingStatus.APPROVED


# --- totals by type and by year ----------------------------------------------------------------------


@pytest.fixture
def ledger(township, other_township, all_taskforces):
    a = factories.make_project("凤城污水处理厂项目", township=township)
    b = factories.make_project("北留保障房项目", township=other_township)
    application(
        a,
        fund_type=FundType.CENTRAL_BUDGET,
        year=2024,
        applied="1000",
        approved="800",
        received="500",
        status=FundingStatus.RECEIVED,
    )
    application(
        b,
        fund_type=FundType.CENTRAL_BUDGET,
        year=2023,
        applied="2000",
        approved="2000",
        received="2000",
        status=FundingStatus.RECEIVED,
    )
    application(
        a, fund_type=FundType.SPECIAL_BOND, year=2024, applied="30000", approved="20000", status=FundingStatus.APPROVED
    )
    application(b, fund_type=FundType.TREASURY_BOND, year=2024, applied="5000.50", status=FundingStatus.APPLIED)
    application(b, fund_type=FundType.PROVINCIAL_BUDGET, year=2023, applied="300", status=FundingStatus.REJECTED)
    return a, b


def test_totals_by_type_list_every_type_in_order(ledger):
    breakdown = funding_breakdown(applications=FundingApplication.objects.all())
    by_type = {t.key: (t.count, t.applied, t.approved, t.received) for t in breakdown.by_type}
    assert list(by_type) == [c.value for c in FundType]
    assert by_type[FundType.CENTRAL_BUDGET] == (2, Decimal("3000"), Decimal("2800"), Decimal("2500"))
    assert by_type[FundType.SPECIAL_BOND] == (1, Decimal("30000"), Decimal("20000"), Decimal("0"))
    assert by_type[FundType.TREASURY_BOND] == (1, Decimal("5000.50"), Decimal("0"), Decimal("0"))
    assert by_type[FundType.OTHER] == (0, Decimal("0"), Decimal("0"), Decimal("0"))
    assert (breakdown.total.count, breakdown.total.applied, breakdown.total.approved, breakdown.total.received) == (
        5,
        Decimal("38300.50"),
        Decimal("22800"),
        Decimal("2500"),
    )


def test_totals_by_year_newest_first(ledger):
    breakdown = funding_breakdown(applications=FundingApplication.objects.all())
    assert [(t.key, t.count, t.applied, t.received) for t in breakdown.by_year] == [
        (2024, 3, Decimal("36000.50"), Decimal("500")),
        (2023, 2, Decimal("2300"), Decimal("2000")),
    ]
    central = breakdown.by_type[0]
    assert central.receipt_rate == Decimal("2500") * 100 / Decimal("2800")


def test_the_page_totals_follow_the_filters(client, hq, ledger):
    client.force_login(hq)
    everything = client.get("/taskforces/funding/").context["page_context"]["breakdown"]
    assert everything.total.applied == Decimal("38300.50")
    only_2024 = client.get("/taskforces/funding/?tab=applications&year=2024").context
    assert only_2024["page_context"]["breakdown"].total.applied == Decimal("36000.50")
    assert [t.key for t in only_2024["page_context"]["breakdown"].by_year] == [2024]
    assert len(only_2024["rows"]) == 3
    bonds = client.get("/taskforces/funding/?fund_type=special_bond").context["page_context"]["breakdown"]
    assert bonds.total.count == 1 and bonds.total.approved == Decimal("20000")
    html = client.get("/taskforces/funding/").content.decode()
    assert "38,300.50" in html and "36,000.50" in html


def test_a_reporters_totals_count_only_its_own_projects(client, reporter, ledger):
    client.force_login(reporter)
    totals = client.get("/taskforces/funding/").context["page_context"]["breakdown"].total
    assert (totals.count, totals.applied) == (2, Decimal("31000"))


@time_machine.travel(date(2024, 6, 15))
def test_key_figures_of_this_year(client, hq, ledger):
    client.force_login(hq)
    figures = client.get("/taskforces/funding/").context["figures"]
    assert [f.value for f in figures[:4]] == ["3.60", "2.08", "0.05", "0.25"]  # 亿元


# --- deadlines -------------------------------------------------------------------------------------


@time_machine.travel(date(2024, 6, 15))
def test_missed_deadline_is_red_and_a_close_one_is_flagged(client, hq, township, all_taskforces):
    project = factories.make_project(township=township)
    missed = application(project, deadline=date(2024, 6, 1), batch="已过期")
    soon = application(project, deadline=date(2024, 6, 15) + timedelta(days=10), batch="快到期")
    applied = application(
        project,
        deadline=date(2024, 6, 1),
        batch="已申报",
        status=FundingStatus.APPLIED,
        applied="10",
        applied_on=date(2024, 5, 30),
    )
    client.force_login(hq)
    response = client.get("/taskforces/funding/")
    rows = {row.obj.pk: row for row in response.context["rows"]}
    assert rows[missed.pk].css == "row-overdue"
    assert rows[soon.pk].css == "" and any(c.badge and c.badge[0] == "text-bg-warning" for c in rows[soon.pk].cells)
    assert rows[applied.pk].css == ""
    figures = response.context["figures"]
    assert (figures[4].value, figures[5].value, figures[5].tone) == (1, 1, "red")


# --- validation, history, export, queries --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "missing"),
    [
        (FundingStatus.APPLIED, {"applied_on", "amount_applied"}),
        (FundingStatus.APPROVED, {"applied_on", "amount_applied", "approved_on", "amount_approved"}),
        (
            FundingStatus.RECEIVED,
            {"applied_on", "amount_applied", "approved_on", "amount_approved", "received_on", "amount_received"},
        ),
    ],
)
def test_a_status_needs_its_dates_and_amounts(client, member, township, all_taskforces, status, missing):
    project = factories.make_project(township=township)
    client.force_login(member)
    response = client.post(
        "/taskforces/funding/applications/new/",
        {
            "project": project.pk,
            "fund_type": FundType.CENTRAL_BUDGET,
            "year": "2024",
            "status": status,
            "amount_applied": "0",
            "amount_approved": "0",
            "amount_received": "0",
        },
    )
    assert set(response.context["form"].errors) == missing
    assert not FundingApplication.objects.exists()


def test_received_more_than_approved_is_refused(client, member, township, all_taskforces):
    project = factories.make_project(township=township)
    client.force_login(member)
    response = client.post(
        "/taskforces/funding/applications/new/",
        {
            "project": project.pk,
            "fund_type": FundType.TREASURY_BOND,
            "year": "2024",
            "status": FundingStatus.RECEIVED,
            "amount_applied": "100",
            "applied_on": "2024-01-05",
            "amount_approved": "80",
            "approved_on": "2024-03-01",
            "amount_received": "90",
            "received_on": "2024-04-01",
        },
    )
    assert set(response.context["form"].errors) == {"amount_received"}


def test_history_shows_the_amount_change(client, member, hq, township, all_taskforces):
    project = factories.make_project(township=township)
    entry = application(project, batch="2024年第一批", status=FundingStatus.PREPARING)
    client.force_login(member)
    client.post(f"/taskforces/funding/applications/{entry.pk}/edit/", TestFundingApplicationAccess().edit_data(entry))
    client.force_login(hq)
    history = client.get(f"/taskforces/funding/applications/{entry.pk}/").context["history"]
    assert history[0].who == "资金专班成员"
    changed = {c.label: (c.old, c.new) for c in history[0].changes}
    assert changed[str(FundingApplication._meta.get_field("amount_approved").verbose_name)] == ("0", "800")


def test_export_is_the_filtered_ledger_with_chinese_headers(client, hq, ledger):
    client.force_login(hq)
    response = client.get("/taskforces/funding/applications/export.xlsx?fund_type=central_budget")
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headers), headers
    assert sheet.max_row == 3
    rows = [dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    fund_type = str(FundingApplication._meta.get_field("fund_type").verbose_name)
    applied = str(FundingApplication._meta.get_field("amount_applied").verbose_name)
    assert {r[fund_type] for r in rows} == {str(FundType.CENTRAL_BUDGET.label)}
    assert sorted(r[applied] for r in rows) == [1000, 2000]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_ledger_page_runs_a_fixed_number_of_queries(client, hq, township, all_taskforces):
    types = list(FundType)

    def add(n: int) -> None:
        for i in range(n):
            project = factories.make_project(township=factories.make_unit(f"测试乡{i % 4}"))
            application(
                project,
                fund_type=types[i % len(types)],
                year=2022 + i % 3,
                applied="100",
                deadline=date(2024, 1 + i % 12, 1),
            )

    client.force_login(hq)
    add(2)
    few = _queries(client, "/taskforces/funding/?tab=applications")
    add(25)
    assert _queries(client, "/taskforces/funding/?tab=applications") == few
    assert few <= 25
