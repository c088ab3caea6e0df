"""The registry of ledger sections: how each ledger plugs into the task-force pages.

A task force's page (`/taskforces/<slug>/`) shows one tab per registered section of that task
force; the generic views give every section a filtered list, an .xlsx export, entry pages with
change history and attachments, and create/edit forms. The project page shows every section's
entries about the project. Nothing else needs to change to add a ledger.

How to add a ledger: a package `taskforces/<slug>/` with the modules every ledger has (`models.py`,
`forms.py`, `filters.py`, `selectors.py`, `services.py` and `views.py` where it has content), and a
`section.py` that registers its sections and page, as `taskforces/investment/section.py` does. Add
the slug to `LEDGERS` below and import its models in `taskforces/models.py`:

    from taskforces.registry import LedgerSection, ListColumn, TaskForcePage, register, register_page

    register(LedgerSection(
        slug="land", key="demands", title=_("Land demand"), model=LandDemand,
        form_class=LandDemandForm,                   # a taskforces.common.forms.LedgerForm; None: no generic forms
        filterset_class=LandDemandFilter,            # a taskforces.common.filters.LedgerFilterSet; None: no filters
        queryset=lambda: LandDemand.objects.select_related("project", "land_type"),  # join what is shown
        list_columns=[ListColumn(_("Project"), "project", link=True), ListColumn(_("Area (mu)"), "area_mu", num=True), ...],
        row_class=lambda obj: "row-red" if obj.is_returned else "",  # red rows for returned files
        export_fields=["project", "area_mu", "land_type", "stage", ...],  # or export_columns=lambda: [...]
        attachment_kinds=("document",),              # () for none; ("photo",) for photos only
        project_columns=[...],                        # columns shown on the project page (default: list_columns minus project)
        order=10,
    ))
    register_page(TaskForcePage(slug="land", figures=land_figures, panel_template="taskforces/land/panel.html"))

- `figures(user=..., taskforce=...)` returns a list of `Figure` for the key-figure cards. It must
  run a fixed number of queries; use `taskforces.access.entries_for_user` so that reporters only
  count what they may see.
- Saving goes through `taskforces.common.services` (`entry_create` / `entry_update`) with the values
  the section's form hands over (`LedgerForm.values()`); see that module's docstring.
- `panel_template` (optional) is rendered above the tabs with `taskforce`, `page_context` (the
  dict returned by `panel_context(request=..., taskforce=...)`) and `request`.
- A section may replace the generic table with `table_template` (context: `section`, `rows` =
  list of `Row`, `page_obj`, `can_edit`, `taskforce`) and the generic entry page with
  `detail_template`; `create_url_name` / `edit_url_name` point "new"/"edit" at custom views
  (e.g. the supervision visit form with its ten checks).
- `listing_only=True` sections (e.g. the approvals per-project summary, the supervision coverage)
  have no entries of their own: they supply `rows_for(user=..., data=request.GET)` returning
  (rows, filterset) and a `table_template`; with `export_columns` their rows export to .xlsx too.
  Set `reporter_ok=True` only if `rows_for` scopes the rows to the reporter's unit.
- Extra views: write them in the ledger's `views.py` and list them in `urlpatterns` of its
  `section.py`; `taskforces/urls.py` includes them under `/taskforces/`.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.db import models
from django.http import Http404
from django.urls import URLPattern
from django.utils.functional import Promise

from accounts.models import User

from .access import reads_all_ledgers
from .common.forms import LedgerForm
from .common.models import LedgerEntry
from .exports import Column

# The ledgers, one package each (`taskforces/<slug>/`), in the order the pages list them. Each
# package's `section` module registers its sections and page when it is imported.
LEDGERS = ["investment", "approvals", "supervision", "land", "statistics", "funding"]


# A badge after a table cell's value: (its CSS class, its label).
Badge = tuple[str, str]


@dataclass
class ListColumn:
    """A column of a ledger table: `attr` is a field name (with "__" for relations), or a callable(obj)."""

    header: str | Promise
    attr: str | Callable[[Any], Any]
    num: bool = False  # right-aligned figures
    link: bool = False  # the cell links to the entry's page
    css: str = ""
    badge: Callable[[Any], Badge | None] | None = None  # shown after the value
    wide_only: bool = False  # hidden on a phone, where each row becomes a card: keep the cards short


@dataclass
class Figure:
    """A key-figure card on a task force's page."""

    label: str | Promise
    value: Any
    unit: str | Promise = ""
    tone: str = ""  # "", "red", "gold", "green"
    note: str | Promise = ""
    url: str = ""


@dataclass
class LedgerSection:
    slug: str
    key: str
    title: str | Promise
    model: type[LedgerEntry]
    form_class: type[LedgerForm] | None = None
    filterset_class: type[Any] | None = None  # a LedgerFilterSet (django-filter has no types)
    queryset: Callable[[], models.QuerySet] | None = None
    list_columns: list[ListColumn] = field(default_factory=list)
    row_class: Callable[[Any], str] | None = None
    export_fields: list[str] = field(default_factory=list)
    export_columns: Callable[[], list[Column]] | None = None
    attachment_kinds: tuple[str, ...] = ()
    project_columns: list[ListColumn] | None = None
    table_template: str = "taskforces/includes/ledger_table.html"
    detail_template: str = ""
    create_url_name: str = ""
    edit_url_name: str = ""
    listing_only: bool = False
    rows_for: Callable[..., tuple[list[Any], Any]] | None = None
    order: int = 0
    per_page: int = 50
    history_label: Callable[[Any], str] | None = None  # names an entry from its historical row (no queries)
    detail_context: Callable[..., dict[str, Any]] | None = None  # detail_context(request=..., entry=...)
    detail_fields: list[str] | None = None  # fields shown on the generic entry page (default: the form's)
    reporter_ok: bool = False  # listing-only sections: shown to unit reporters too (rows_for must scope them)
    help_text: str | Promise = ""

    def get_queryset(self) -> models.QuerySet:
        queryset = self.queryset() if self.queryset else self.model._default_manager.all()
        if not queryset.ordered and self.model._meta.ordering:
            # Django drops Meta.ordering from GROUP BY queries (annotated counts): keep pages stable.
            queryset = queryset.order_by(*self.model._meta.ordering)
        return queryset

    def visible_to(self, user: User) -> bool:
        """Whether the section's tab is shown: reporters only see sections about projects."""
        if reads_all_ledgers(user):
            return True
        if self.listing_only:
            return self.reporter_ok
        return bool(self.model.project_path)

    @property
    def on_project_page(self) -> bool:
        return not self.listing_only and bool(self.model.project_path)


@dataclass
class TaskForcePage:
    slug: str
    figures: Callable[..., list[Figure]] | None = None
    panel_template: str = ""
    panel_context: Callable[..., dict[str, Any]] | None = None


_sections: dict[tuple[str, str], LedgerSection] = {}
_pages: dict[str, TaskForcePage] = {}


def register(section: LedgerSection) -> LedgerSection:
    _sections[(section.slug, section.key)] = section
    return section


def register_page(page: TaskForcePage) -> TaskForcePage:
    _pages[page.slug] = page
    return page


@functools.cache
def load_sections() -> list[ModuleType]:
    """Import every ledger's section module once (called from the app's ready()); returns the modules."""
    return [importlib.import_module(f"taskforces.{slug}.section") for slug in LEDGERS]


def sections_for(slug: str) -> list[LedgerSection]:
    load_sections()
    return sorted((s for s in _sections.values() if s.slug == slug), key=lambda s: (s.order, s.key))


def all_sections() -> list[LedgerSection]:
    load_sections()
    order = {slug: i for i, slug in enumerate(LEDGERS)}
    return sorted(_sections.values(), key=lambda s: (order.get(s.slug, 99), s.order, s.key))


def get_section(slug: str, key: str) -> LedgerSection:
    load_sections()
    section = _sections.get((slug, key))
    if section is None:
        raise Http404
    return section


def section_for_model(model: type[models.Model]) -> LedgerSection | None:
    """The (first) entry section of a model: where its entry page lives."""
    for section in all_sections():
        if section.model is model and not section.listing_only:
            return section
    return None


def page_for(slug: str) -> TaskForcePage:
    load_sections()
    return _pages.get(slug) or TaskForcePage(slug=slug)


def extra_urlpatterns() -> list[URLPattern]:
    """URL patterns that the ledgers' section modules list (their own views)."""
    return [pattern for module in load_sections() for pattern in getattr(module, "urlpatterns", [])]
