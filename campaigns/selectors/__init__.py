"""Reads for the campaign pages, the dashboard, the bulletin and `campaign_status`, one module per page.

- `common`: the period a page opens on, the matrices, what a unit may see of a score table;
- `pages`: the index, a campaign's page (`SECTIONS`: its own section, by slug), an indicator's drill-down;
- `reserve`, `scheduling`, `attraction`, `service`, `five_batches`, `assessment`: each campaign's section;
- `summaries`: what other apps read (`campaign_status`, `campaign_bulletin_section`, `bulletin_section`,
  `dashboard_summary`).

Each page function runs a fixed number of queries whatever the number of records: the metrics load
their rows once per page (`Engine` caches them) and the sections load theirs with joins.
"""

from .attraction import attraction_bulletin
from .common import available_years, campaign_year_settings, default_period, matrices
from .five_batches import five_batches_bulletin
from .pages import SECTIONS, campaign_index, campaign_page, indicator_drilldown
from .scheduling import LevelFigures, problem_figures_by_level
from .service import land_priority
from .summaries import bulletin_section, campaign_bulletin_section, campaign_status, dashboard_summary

__all__ = [
    "SECTIONS",
    "LevelFigures",
    "attraction_bulletin",
    "available_years",
    "bulletin_section",
    "campaign_bulletin_section",
    "campaign_index",
    "campaign_page",
    "campaign_status",
    "campaign_year_settings",
    "dashboard_summary",
    "default_period",
    "five_batches_bulletin",
    "indicator_drilldown",
    "land_priority",
    "matrices",
    "problem_figures_by_level",
]
