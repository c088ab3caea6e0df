"""The investment-attraction ledger (招商引资专班): access through the views for each entry type, the
signed lead becoming a register project in one step, export, key figures."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from projects.models import Project
from taskforces.models import (
    EnterpriseContact,
    Industry,
    Lead,
    LeadStage,
    PromotionEvent,
    PromotionKind,
    SiteVisit,
    SourceRegion,
    Trip,
)
from tests import factories

from .ledger_cases import EntryT, LedgerAccessCases, LedgerCases

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    user = factories.make_user("investment_lead_t", full_name="招商专班负责人")
    factories.add_member(user, "investment", "lead")
    return user


@pytest.fixture
def other_tf_member(db):
    """conftest's other_tf_member belongs to investment: here "another task force" must be another one."""
    user = factories.make_user("land_member_t")
    factories.add_member(user, "land")
    return user


def make_lead(project=None, **fields) -> Lead:
    fields.setdefault("name", "凤城陶瓷新材料项目")
    fields.setdefault("investor", "佛山华达陶瓷有限公司")
    fields.setdefault("source_region", SourceRegion.GREATER_BAY)
    fields.setdefault("industry", Industry.objects.get(name="陶瓷琉璃"))
    fields.setdefault("intended_investment", Decimal("36000"))
    fields.setdefault("contacted_on", date(2024, 3, 1))
    return Lead.objects.create(project=project, **fields)


def make_trip(unit, **fields) -> Trip:
    fields.setdefault("date", date(2024, 5, 6))
    fields.setdefault("destination", "深圳")
    fields.setdefault("participants", "王建国、李红梅")
    return Trip.objects.create(unit=unit, **fields)


# --- access, each entry type ------------------------------------------------------------------------


class TestLeadAccess(LedgerAccessCases[Lead]):
    """Leads about a register project are visible to that project's reporter."""

    slug, key, model_class = "investment", "leads", Lead

    def make_entry(self, project):
        return make_lead(project, investor=f"投资方{project.pk}", stage=LeadStage.SIGNED, signed_on=date(2024, 6, 1))

    def create_data(self, project):
        return {
            "name": "凤城文旅康养项目",
            "investor": "上海宏达文旅发展有限公司",
            "source_region": SourceRegion.YANGTZE_DELTA,
            "intended_investment": "52000",
            "stage": LeadStage.CONTACT,
            "contacted_on": "2024-04-02",
        }

    def edit_data(self, entry):
        return {
            "name": entry.name,
            "investor": entry.investor,
            "source_region": entry.source_region,
            "intended_investment": "60000",
            "stage": LeadStage.LANDED,
            "signed_on": "2024-06-01",
            "landed_on": "2024-07-15",
        }

    def edited(self, entry):
        return entry.stage == LeadStage.LANDED and entry.landed_on == date(2024, 7, 15)


class TestSiteVisitAccess(LedgerAccessCases[SiteVisit]):
    slug, key, model_class = "investment", "site-visits", SiteVisit

    def make_entry(self, project):
        return SiteVisit.objects.create(
            project=project, date=date(2024, 10, 8), visitors="张卫东", findings="设备进场"
        )

    def create_data(self, project):
        return {"project": project.pk, "date": "2024-10-15", "visitors": "王建国", "findings": "主体封顶"}

    def edit_data(self, entry):
        return {"project": entry.project_id, "date": "2024-10-08", "visitors": entry.visitors, "findings": "已试生产"}

    def edited(self, entry):
        return entry.findings == "已试生产"


class TestEnterpriseContactAccess(LedgerAccessCases[EnterpriseContact]):
    """A head-enterprise contact is about a project through its lead."""

    slug, key, model_class = "investment", "contacts", EnterpriseContact

    def make_entry(self, project):
        lead = make_lead(project, investor=f"大唐新能源{project.pk}")
        return EnterpriseContact.objects.create(
            enterprise="中国大唐集团", date=date(2024, 4, 10), lead=lead, content="风光储一体化"
        )

    def create_data(self, project):
        return {"enterprise": "温氏食品集团", "date": "2024-05-20", "mode": "visit", "content": "生猪养殖合作"}

    def edit_data(self, entry):
        return {
            "enterprise": entry.enterprise,
            "date": "2024-04-10",
            "mode": "meeting",
            "content": "签署框架协议",
            "lead": entry.lead_id,
        }

    def edited(self, entry):
        return entry.content == "签署框架协议"


class ProjectlessCases(LedgerCases[EntryT]):
    """Trips and promotion events are about no project: reporters never see them."""

    def test_reporter_sees_only_entries_of_own_projects(self, client, reporter, entry):
        client.force_login(reporter)
        assert client.get(self.list_url()).status_code == 404
        assert client.get(self.entry_url(entry)).status_code == 404
        assert client.get(self.export_url()).status_code == 404
        tabs = [s.key for s in client.get(f"/taskforces/{self.slug}/").context["sections"]]
        assert self.key not in tabs and "leads" in tabs

    def test_reporter_of_another_township_gets_404_for_the_entry(self, client, other_reporter, entry):
        client.force_login(other_reporter)
        assert client.get(self.entry_url(entry)).status_code == 404

    def test_hq_and_leader_read_every_entry_but_cannot_write(self, client, hq, leader, project, entry):
        for user in (hq, leader):
            client.force_login(user)
            assert entry.pk in {row.obj.pk for row in client.get(self.list_url()).context["rows"]}
            assert client.get(self.entry_url(entry)).status_code == 200
            assert client.post(self.new_url(), self.create_data(project)).status_code == 403
            assert client.post(self.edit_url(entry), self.edit_data(entry)).status_code == 403
        entry.refresh_from_db()
        assert not self.edited(entry)

    def test_reporter_cannot_create_or_edit(self, client, reporter, project, entry):
        client.force_login(reporter)
        assert client.post(self.new_url(), self.create_data(project)).status_code == 403
        assert client.post(self.edit_url(entry), self.edit_data(entry)).status_code == 404  # not even visible
        entry.refresh_from_db()
        assert not self.edited(entry)


class TestTripAccess(ProjectlessCases[Trip]):
    slug, key, model_class = "investment", "trips", Trip

    def make_entry(self, project):
        return make_trip(project.township, destination=f"深圳{project.pk}")

    def create_data(self, project):
        return {
            "date": "2024-06-03",
            "destination": "苏州",
            "region": SourceRegion.YANGTZE_DELTA,
            "unit": project.township_id,
            "participants": "李红梅",
        }

    def edit_data(self, entry):
        return {
            "date": "2024-05-06",
            "destination": entry.destination,
            "region": entry.region,
            "unit": entry.unit_id,
            "participants": "李红梅、赵志刚",
        }

    def edited(self, entry):
        return entry.participants == "李红梅、赵志刚"


class TestPromotionEventAccess(ProjectlessCases[PromotionEvent]):
    slug, key, model_class = "investment", "events", PromotionEvent

    def make_entry(self, project):
        return PromotionEvent.objects.create(
            kind=PromotionKind.COMPREHENSIVE, title=f"投资推介会{project.pk}", date=date(2024, 4, 18), place="太原"
        )

    def create_data(self, project):
        return {
            "kind": PromotionKind.INDUSTRY_CHAIN,
            "chain": Industry.objects.get(name="蚕桑丝绸").pk,
            "title": "蚕桑推介会",
            "date": "2024-07-11",
            "place": "苏州",
            "projects_signed": "2",
            "amount_signed": "32000",
        }

    def edit_data(self, entry):
        return {
            "kind": entry.kind,
            "title": entry.title,
            "date": "2024-04-18",
            "place": "太原",
            "projects_signed": "6",
            "amount_signed": "0",
        }

    def edited(self, entry):
        return entry.projects_signed == 6


# --- validation ----------------------------------------------------------------------------------------


def test_signed_lead_needs_its_signing_date(client, member, all_taskforces):
    client.force_login(member)
    response = client.post(
        "/taskforces/investment/leads/new/",
        {
            "name": "x",
            "investor": "y",
            "source_region": "other",
            "intended_investment": "1",
            "stage": LeadStage.SIGNED,
        },
    )
    assert response.status_code == 200 and "signed_on" in response.context["form"].errors
    assert not Lead.objects.exists()


def test_industry_chain_event_names_its_chain(client, member, all_taskforces):
    client.force_login(member)
    response = client.post(
        "/taskforces/investment/events/new/",
        {
            "kind": PromotionKind.INDUSTRY_CHAIN,
            "title": "推介会",
            "date": "2024-07-11",
            "place": "苏州",
            "projects_signed": "0",
            "amount_signed": "0",
        },
    )
    assert response.status_code == 200 and "chain" in response.context["form"].errors


# --- a signed lead becomes a project ------------------------------------------------------------------


@pytest.fixture
def signed_lead(township, all_taskforces):
    return make_lead(
        stage=LeadStage.SIGNED, signed_on=date(2024, 6, 18), host_township=township, agency_handler="原慧芳"
    )


def test_signed_lead_becomes_a_register_project_in_one_step_keeping_the_link(client, member, signed_lead, township):
    client.force_login(member)
    response = client.post(f"/taskforces/investment/leads/{signed_lead.pk}/convert/")
    signed_lead.refresh_from_db()
    project = signed_lead.project
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.pk}/"
    assert (project.name, project.owner, project.total_investment, project.township, project.industry) == (
        "凤城陶瓷新材料项目",
        "佛山华达陶瓷有限公司",
        Decimal("36000"),
        township,
        "陶瓷琉璃",
    )
    assert project.investment_lead == signed_lead
    assert project.history.first().history_user == member
    # The lead shows on its project's page, and the lead's page links to the project.
    client.force_login(factories.make_user("hq2", roles=("hq",)))
    assert f"/taskforces/investment/leads/{signed_lead.pk}/" in client.get(f"/projects/{project.pk}/").content.decode()
    assert f"/projects/{project.pk}/" in client.get(f"/taskforces/investment/leads/{signed_lead.pk}/").content.decode()


def test_converting_twice_makes_no_second_project(client, member, signed_lead):
    client.force_login(member)
    client.post(f"/taskforces/investment/leads/{signed_lead.pk}/convert/")
    count = Project.objects.count()
    response = client.post(f"/taskforces/investment/leads/{signed_lead.pk}/convert/", follow=True)
    assert Project.objects.count() == count
    assert "已转入项目库" in response.content.decode()


def test_lead_not_yet_signed_does_not_become_a_project(client, member, all_taskforces):
    lead = make_lead(stage=LeadStage.NEGOTIATING, negotiating_on=date(2024, 4, 1))
    client.force_login(member)
    client.post(f"/taskforces/investment/leads/{lead.pk}/convert/")
    lead.refresh_from_db()
    assert lead.project is None and not Project.objects.exists()


def test_only_investment_members_convert_leads(client, signed_lead, tf_member, hq, leader, reporter, outsider):
    for user, status in ((tf_member, 403), (hq, 403), (leader, 403), (outsider, 404), (reporter, 404)):
        client.force_login(user)
        assert client.post(f"/taskforces/investment/leads/{signed_lead.pk}/convert/").status_code == status, user
        assert client.get(f"/taskforces/investment/leads/{signed_lead.pk}/convert/").status_code in (403, 404, 405)
    signed_lead.refresh_from_db()
    assert signed_lead.project is None and not Project.objects.exists()


def test_convert_button_only_for_editors_of_signed_unconverted_leads(client, member, hq, signed_lead):
    url = f"/taskforces/investment/leads/{signed_lead.pk}/"
    client.force_login(member)
    assert f"{url}convert/" in client.get(url).content.decode()
    client.force_login(hq)
    assert f"{url}convert/" not in client.get(url).content.decode()


# --- export and figures --------------------------------------------------------------------------------


def test_export_of_filtered_leads_has_chinese_headers_and_only_the_filtered_rows(client, hq, all_taskforces):
    make_lead(investor="甲公司", stage=LeadStage.CONTACT)
    make_lead(investor="乙公司", name="乙项目", stage=LeadStage.SIGNED, signed_on=date(2024, 5, 1))
    client.force_login(hq)
    response = client.get("/taskforces/investment/leads/export.xlsx?stage=signed")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["拟建项目", "投资方", "投资方联系人", "来源区域"]
    assert "阶段" in headers and "签约日期" in headers
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 1 and rows[0][1] == "乙公司"
    assert rows[0][headers.index("阶段")] == "签约" and rows[0][headers.index("来源区域")] == "粤港澳大湾区"
    assert rows[0][headers.index("意向投资额（万元）")] == 36000


def test_key_figures_count_trips_against_two_a_month(client, hq, township, all_taskforces):
    from taskforces.investment.selectors import investment_figures

    make_trip(township, date=date(2024, 10, 3))
    make_trip(township, date=date(2024, 9, 30))
    figures = investment_figures(user=hq, today=date(2024, 10, 31))
    assert figures["trips_this_month"] == 1
