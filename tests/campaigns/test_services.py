"""The record services take typed values: a correction keeps who recorded a record first, a ceremony
keeps its projects, and a correction saves only the fields it was given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from campaigns import services
from campaigns.models import Ceremony, CeremonyKind, Inspection
from tests import factories

pytestmark = pytest.mark.django_db


def _inspection(unit, inspector, **changes) -> Inspection:
    values = {
        "year": 2024,
        "month": 5,
        "unit": unit,
        "inspected_on": date(2024, 5, 20),
        "checked_implementation": True,
        "checked_mechanism": True,
        "checked_scheduling": False,
        "checked_results": True,
        "findings": "调度不及时",
        "follow_up": "",
        "follow_up_done": False,
    }
    return services.inspection_save(inspector=inspector, **{**values, **changes})


def test_a_correction_keeps_who_recorded_the_inspection_first(township, inspector, hq):
    first = _inspection(township, inspector, inspection=None)
    corrected = _inspection(township, hq, inspection=first, findings="已整改")
    corrected.refresh_from_db()
    assert (corrected.pk, corrected.findings, corrected.inspector) == (first.pk, "已整改", inspector)


def test_a_ceremony_is_saved_with_its_projects(township):
    one = factories.make_industrial_project(township, signed_on=date(2024, 1, 5))
    two = factories.make_industrial_project(township, signed_on=date(2024, 2, 5))
    ceremony = services.ceremony_save(
        ceremony=None,
        held_on=date(2024, 3, 28),
        kind=CeremonyKind.START,
        place="开发区",
        projects=[one, two],
        notes="",
    )
    services.ceremony_save(
        ceremony=ceremony, held_on=date(2024, 3, 28), kind=CeremonyKind.START, place="开发区", projects=[two], notes=""
    )
    assert list(Ceremony.objects.get(pk=ceremony.pk).projects.all()) == [two]


def test_a_correction_of_a_pipeline_project_leaves_its_stage_alone(township):
    project = factories.make_pipeline_project(township, 3000, approved_on=date(2024, 2, 1))
    services.pipeline_project_save(
        pipeline_project=project,
        name="改名项目",
        township=township,
        industry="",
        estimated_investment=Decimal("3500"),
        owner="",
        entered_on=project.entered_on,
        notes="",
    )
    project.refresh_from_db()
    assert (project.name, project.estimated_investment, project.stage) == ("改名项目", Decimal("3500"), "reserve")
