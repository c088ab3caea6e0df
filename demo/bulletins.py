"""Demo bulletins: August and September 2024 published by the HQ office; October left for the demo's
three clicks. The settings row gets a closing section in the county's words. Idempotent.
"""

from __future__ import annotations

from datetime import date

from accounts.models import User
from bulletins.models import BulletinSettings, BulletinVersion
from bulletins.services import bulletin_publish
from demo.common import Output

CLOSING = (
    "各乡（镇）、各责任单位要对照年度目标任务，倒排工期、挂图作战，全力加快项目建设进度。\n"
    "对投资完成率低于时间进度20个百分点以上的项目，责任单位要逐项分析原因，制定赶超措施，限期整改到位。"
)
PUBLISHED = [(8, 8, date(2024, 9, 6)), (9, 9, date(2024, 10, 9))]  # (month, document number, date of issue)


def load(*, stdout: Output | None = None) -> None:
    BulletinSettings.objects.get_or_create(pk=1, defaults={"closing": CLOSING})
    publisher = User.objects.filter(username="hq").first()
    if publisher is None:
        return
    for month, sequence, issued_on in PUBLISHED:
        if BulletinVersion.objects.filter(bulletin__year=2024, bulletin__month=month).exists():
            continue
        bulletin_publish(year=2024, month=month, published_by=publisher, doc_sequence=sequence, issued_on=issued_on)
        if stdout is not None:
            stdout.write(f"  bulletin 2024-{month:02d} published")
