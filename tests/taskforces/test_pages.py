"""The task-force index and pages as a whole: who gets in, the tabs each person sees, fixed queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taskforces.models import Lead, LeadStage, SiteVisit
from taskforces.registry import sections_for
from tests import factories

pytestmark = pytest.mark.django_db


def test_index_shows_six_task_forces_with_their_lead_unit_and_cadence(client, hq, all_taskforces):
    client.force_login(hq)
    response = client.get("/taskforces/")
    assert response.status_code == 200
    assert [c.taskforce.slug for c in response.context["cards"]] == [
        "investment",
        "approvals",
        "supervision",
        "land",
        "statistics",
        "funding",
    ]
    assert "招商引资专班" in response.content.decode()


def test_outsider_is_refused_the_index_and_every_task_force_page(client, outsider, all_taskforces):
    client.force_login(outsider)
    assert client.get("/taskforces/").status_code == 403
    for slug in ("investment", "approvals", "supervision", "land", "statistics", "funding"):
        assert client.get(f"/taskforces/{slug}/").status_code == 404


@pytest.mark.parametrize("slug", ["investment", "approvals", "supervision"])
def test_task_force_page_shows_lead_unit_members_cadence_and_every_tab(client, leader, slug, all_taskforces):
    taskforce = all_taskforces[["investment", "approvals", "supervision"].index(slug)]
    taskforce.lead_unit = factories.make_unit("县投资促进中心", "department")
    taskforce.cadence = "每月调度推进"
    taskforce.save()
    member = factories.make_user("someone", full_name="专班成员甲")
    factories.add_member(member, slug, "lead")
    client.force_login(leader)
    response = client.get(f"/taskforces/{slug}/")
    html = response.content.decode()
    assert "县投资促进中心" in html and "每月调度推进" in html and "专班成员甲" in html
    assert [s.key for s in response.context["sections"]] == [s.key for s in sections_for(slug)]
    assert response.context["can_edit"] is False and "只读" in html
    for section in sections_for(slug):
        assert client.get(f"/taskforces/{slug}/?tab={section.key}").status_code == 200


def test_member_sees_that_they_keep_the_ledger(client, other_tf_member, all_taskforces):
    client.force_login(other_tf_member)
    assert client.get("/taskforces/investment/").context["can_edit"] is True
    assert client.get("/taskforces/approvals/").context["can_edit"] is False


def test_unknown_tab_or_task_force_is_404(client, hq, all_taskforces):
    client.force_login(hq)
    assert client.get("/taskforces/investment/?tab=nonsense").status_code == 404
    assert client.get("/taskforces/nonsense/").status_code == 404


def test_leads_page_runs_the_same_queries_for_2_or_40_leads(client, hq, all_taskforces):
    def make(n):
        project = factories.make_project(f"项目{n}")
        Lead.objects.create(
            name=f"线索{n}", investor=f"投资方{n}", stage=LeadStage.SIGNED, signed_on=date(2024, 5, 1), project=project
        )
        SiteVisit.objects.create(project=project, date=date(2024, 10, 1), visitors="甲")

    for n in range(2):
        make(n)
    client.force_login(hq)
    urls = [
        "/taskforces/",
        "/taskforces/investment/",
        "/taskforces/investment/?tab=site-visits",
        "/taskforces/investment/?tab=trips",
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    few = counts()
    for n in range(2, 40):
        make(n)
    assert counts() == few


def test_filters_narrow_the_list_and_the_export(client, hq, township, all_taskforces):
    project = factories.make_project("凤城项目", township=township)
    SiteVisit.objects.create(project=project, date=date(2024, 10, 1), visitors="甲")
    SiteVisit.objects.create(project=factories.make_project("北留项目"), date=date(2024, 9, 1), visitors="乙")
    client.force_login(hq)
    response = client.get(f"/taskforces/investment/?tab=site-visits&township={township.pk}")
    assert [r.obj.project for r in response.context["rows"]] == [project]
    assert response.context["filters_active"] == 1
    assert f"township={township.pk}" in response.context["querystring"]


def _reference_date_lookups(captured) -> int:
    """How often a page looked for the latest key list: `reference_date()`'s first query."""
    return sum(1 for q in captured if 'FROM "projects_projectyear" ORDER BY' in q["sql"] and "LIMIT 1" in q["sql"])


def test_every_page_works_out_the_ledgers_today_at_most_once(client, hq, township, all_taskforces):
    project = factories.make_project("凤城项目", township=township)  # on the 2024 list: an archive now, two queries
    client.force_login(hq)
    urls = ["/taskforces/", f"/projects/{project.pk}/"] + [
        f"/taskforces/{tf.slug}/?tab={s.key}" for tf in all_taskforces for s in sections_for(tf.slug)
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        assert _reference_date_lookups(ctx.captured_queries) <= 1, url
