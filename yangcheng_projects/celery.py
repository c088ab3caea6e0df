"""The Celery application. The beat schedule lives in `yangcheng_projects.beat` (one place)."""

from __future__ import annotations

import os

from celery import Celery

from yangcheng_projects.beat import BEAT_SCHEDULE

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangcheng_projects.settings")

app = Celery("yangcheng_projects")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = BEAT_SCHEDULE
