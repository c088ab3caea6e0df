"""The demo publishes August and September 2024 and leaves October to publish; loading twice changes nothing."""

from __future__ import annotations

import pytest

from bulletins.models import BulletinSettings, BulletinVersion
from demo import bulletins as demo
from demo import register as register_demo

pytestmark = pytest.mark.django_db


def test_demo_bulletins_are_published_once():
    register_demo.load()
    demo.load()
    demo.load()
    assert sorted(BulletinVersion.objects.values_list("bulletin__month", "number", "doc_number")) == [
        (8, 1, "阳项指办〔2024〕8号"),
        (9, 1, "阳项指办〔2024〕9号"),
    ]
    september = BulletinVersion.objects.get(bulletin__month=9)
    # the notice's 126 projects, and the published text carries the closing section
    assert september.figures["total"]["count"] == 126
    assert september.figures["text"]["sections"][-1]["paragraphs"][0].startswith("各乡（镇）、各责任单位")
    assert BulletinSettings.load().closing
