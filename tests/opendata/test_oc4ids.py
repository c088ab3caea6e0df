"""The key projects as OC4IDS: each project maps onto the standard, the year's list is a project package that
validates against the OC4IDS 0.9.5 schema copied into opendata/schema/ (its $ref resolved locally)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from maps.models import ProjectLocation
from opendata.oc4ids import STATUS, oc4ids_package
from opendata.validation import SCHEMA_DIR, validation_errors
from projects.models import ProjectStatus, ProjectYear, Tier
from tests import factories

pytestmark = pytest.mark.django_db


def codes(name: str) -> set[str]:
    with (SCHEMA_DIR / "codelists" / f"{name}.csv").open(encoding="utf-8") as f:
        return {row["Code"] for row in csv.DictReader(f)}


@pytest.fixture
def register(township, other_township, department):
    """Three projects: a road with a line and progress, a finished school, a preliminary solar farm."""
    road = factories.make_project(
        "凤城至北留公路改造项目",
        tier=Tier.PROVINCE,
        annual_plan="1234.56",
        total_investment="5000",
        township=township,
        responsible_unit=department,
        code="2024-140522-48-01-000001",
        owner="阳城县交通投资有限公司",
        scope="改造二级公路12公里。",
        liaison_leader="张副县长",
        remarks="内部备注：征地尚有两户未签。",
        industry="交通",
        status=ProjectStatus.UNDER_CONSTRUCTION,
        planned_start=date(2024, 3, 1),
        planned_completion=date(2025, 10, 31),
        actual_start=date(2024, 3, 15),
    )
    factories.make_progress(road, month=2, completed="100", physical_progress="完成路基清表")
    factories.make_progress(road, month=3, completed="200.5", physical_progress="路基施工3公里")
    ProjectLocation.objects.create(
        project=road,
        longitude=Decimal("112.42"),
        latitude=Decimal("35.48"),
        shape={"type": "LineString", "coordinates": [[112.42, 35.48], [112.55, 35.52]]},
        source="typed",
    )
    factories.make_project(
        "北留学校综合楼项目",
        township=other_township,
        status=ProjectStatus.COMPLETED,
        actual_start=date(2023, 4, 1),
        actual_completion=date(2024, 2, 28),
    )
    factories.make_project("润城光伏发电项目", nature="preliminary", annual_plan=0, township=township)
    return road


def package(**kwargs):
    kwargs.setdefault("listing", ProjectYear.objects.filter(year=2024))
    return oc4ids_package(year=2024, month=3, uri="https://example.test/opendata/oc4ids.json?year=2024", **kwargs)


def test_the_years_register_validates_against_the_oc4ids_095_package_schema(register):
    data = package()
    assert validation_errors(data) == []
    assert data["version"] == "0.9" and len(data["projects"]) == 3


def test_the_validator_resolves_the_project_schema_locally_and_reports_what_is_wrong(register):
    data = package()
    data["projects"][0]["status"] = "underway"
    del data["publisher"]
    errors = validation_errors(data)
    assert any(e.startswith("projects/0/status:") for e in errors)
    assert any("publisher" in e for e in errors)


def test_a_project_maps_onto_the_standard(register):
    road = package()["projects"][0]
    assert road["title"] == "凤城至北留公路改造项目" and road["description"] == "改造二级公路12公里。"
    assert {"id": "2024-140522-48-01-000001", "scheme": "全国投资项目在线审批监管平台项目代码"} in road["identifiers"]
    assert (road["status"], road["type"], road["sector"]) == (
        "implementation",
        "rehabilitation",
        ["transport", "transport.road"],
    )
    assert road["budget"]["amount"] == {"amount": 50_000_000, "currency": "CNY"}  # 5000 万元
    plan = road["budget"]["budgetBreakdowns"][0]["budgetBreakdown"][0]
    assert plan["amount"] == {"amount": 12_345_600, "currency": "CNY"}  # 1234.56 万元
    assert road["period"] == {"startDate": "2024-03-01T00:00:00+08:00", "endDate": "2025-10-31T00:00:00+08:00"}
    assert road["implementationPeriod"] == {"startDate": "2024-03-15T00:00:00+08:00"}
    assert [loc["geometry"]["type"] for loc in road["locations"]] == ["Point", "LineString"]
    assert road["locations"][0]["geometry"]["coordinates"] == [112.42, 35.48]
    assert road["locations"][0]["address"]["locality"] == "凤城镇"
    roles = {party["name"]: party["roles"] for party in road["parties"]}
    assert roles == {"阳城县交通投资有限公司": ["buyer", "procuringEntity"], "县交通运输局": ["administrativeEntity"]}
    documents = {doc["documentType"]: doc for doc in road["documents"] if "documentType" in doc}
    assert documents["physicalProgressReport"]["description"] == "路基施工3公里"
    assert "1-3月完成投资300.50万元" in documents["financialProgressReport"]["description"]
    assert road["metrics"][0]["observations"][0]["value"] == {"amount": 3_005_000, "currency": "CNY"}


def test_a_finished_project_has_its_completion_and_a_preliminary_one_is_in_preparation(register):
    projects = {p["title"]: p for p in package()["projects"]}
    assert projects["北留学校综合楼项目"]["status"] == "completion"
    assert projects["北留学校综合楼项目"]["completion"] == {"endDate": "2024-02-28T00:00:00+08:00"}
    assert projects["北留学校综合楼项目"]["sector"] == ["education"]
    solar = projects["润城光伏发电项目"]
    assert (solar["status"], solar["sector"]) == ("preparation", ["energy", "energy.solar"])
    assert solar["locations"] == [
        {
            "id": "1",
            "description": "山西省晋城市阳城县凤城镇",
            "address": {"locality": "凤城镇", "region": "山西省晋城市阳城县", "countryName": "中国"},
        }
    ]


def test_every_code_used_is_in_the_standards_codelists(register):
    assert set(STATUS.values()) <= codes("projectStatus")
    for project in package()["projects"]:
        assert project["status"] in codes("projectStatus")
        assert project["type"] in codes("projectType")
        assert set(project.get("sector", [])) <= codes("projectSector")
        for party in project.get("parties", []):
            assert set(party["roles"]) <= codes("partyRole")
        for document in project.get("documents", []):
            assert document.get("documentType", "projectScope") in codes("documentType")


def test_contacts_and_remarks_stay_out_by_default(register, settings):
    assert settings.OPEN_DATA_EXCLUDE == ["contacts", "remarks"]
    text = json.dumps(package(), ensure_ascii=False)
    assert "张副县长" not in text and "征地尚有两户未签" not in text and "contactPoint" not in text


def test_what_is_public_is_a_setting(register, settings):
    settings.OPEN_DATA_EXCLUDE = []
    road = package()["projects"][0]
    assert road["parties"][1]["contactPoint"] == {"name": "包联领导：张副县长"}
    assert any(doc["id"] == "remarks" for doc in road["documents"])
    settings.OPEN_DATA_EXCLUDE = ["locations", "documents", "progress"]
    data = package()
    road = data["projects"][0]
    assert not {"locations", "documents", "metrics"} & set(road)
    assert validation_errors(data) == []


def test_the_download_honours_the_project_lists_filters(client, leader, register):
    client.force_login(leader)
    response = client.get("/opendata/oc4ids.json?year=2024&month=3&tier=province")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="oc4ids-2024.json"'
    data = json.loads(response.content)
    assert [p["title"] for p in data["projects"]] == ["凤城至北留公路改造项目"]
    assert "tier=province" in data["uri"]
    assert validation_errors(data) == []


def test_a_reporter_downloads_only_their_units_projects_and_an_empty_selection_is_404(
    client, other_reporter, register
):
    client.force_login(other_reporter)
    data = json.loads(client.get("/opendata/oc4ids.json?year=2024").content)
    assert [p["title"] for p in data["projects"]] == ["北留学校综合楼项目"]
    assert client.get("/opendata/oc4ids.json?year=2024&q=没有这个项目").status_code == 404


def test_export_oc4ids_writes_a_validated_package(register, tmp_path):
    out = tmp_path / "oc4ids-2024.json"
    call_command("export_oc4ids", "--year", "2024", "--month", "3", "--out", str(out), stdout=io.StringIO())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["projects"]) == 3 and validation_errors(data) == []


def test_export_oc4ids_refuses_a_year_without_projects(db):
    with pytest.raises(CommandError, match="no key project"):
        call_command("export_oc4ids", "--year", "2031", stdout=io.StringIO())
