"""Investment attraction task force (招商引资专班): leads, trips, promotion events, site visits, head-enterprise contacts."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import Unit, UnitKind

from ..access import get_lead_for_user
from ..filters import LedgerFilterSet, project_text_filter, township_filter
from ..forms import LedgerForm
from ..models import (
    AttractionMode,
    ContactMode,
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
from ..registry import Figure, LedgerSection, ListColumn, TaskForcePage, register, register_page
from ..selectors import reference_date
from ..selectors.investment import (
    CHAIN_EVENTS_PER_YEAR,
    COMPREHENSIVE_EVENTS_PER_YEAR,
    TRIPS_PER_MONTH,
    investment_figures,
)
from ..selectors.ledger import truncated
from ..services.investment import lead_convert_to_project

SLUG = "investment"


def _townships():
    return Unit.objects.filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.DEV_ZONE]).order_by("kind", "sort_order", "name")


# --- leads -----------------------------------------------------------------------------------------

STAGE_BADGES = {
    LeadStage.CONTACT: "text-bg-light border",
    LeadStage.NEGOTIATING: "text-bg-info",
    LeadStage.SIGNED: "text-bg-primary",
    LeadStage.LANDED: "text-bg-success",
    LeadStage.DROPPED: "text-bg-secondary",
}


def stage_badge(lead: Lead):
    return (STAGE_BADGES.get(lead.stage, ""), lead.get_stage_display())


class LeadForm(LedgerForm):
    class Meta:
        model = Lead
        fields = [
            "name",
            "investor",
            "investor_contact",
            "source_region",
            "source_place",
            "industry",
            "attraction_mode",
            "intended_investment",
            "stage",
            "contacted_on",
            "negotiating_on",
            "signed_on",
            "landed_on",
            "dropped_on",
            "host_township",
            "agency_handler",
            "source_trip",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_township"].queryset = _townships()
        self.fields["source_trip"].queryset = Trip.objects.order_by("-date")

    def clean(self):
        data = super().clean()
        stage = data.get("stage")
        if stage in (LeadStage.SIGNED, LeadStage.LANDED) and not data.get("signed_on"):
            self.add_error("signed_on", gettext("A signed lead needs its signing date."))
        if stage == LeadStage.LANDED and not data.get("landed_on"):
            self.add_error("landed_on", gettext("A landed lead needs the date it landed."))
        if data.get("signed_on") and data.get("landed_on") and data["landed_on"] < data["signed_on"]:
            self.add_error("landed_on", gettext("A lead lands after it is signed."))
        return data


class LeadFilter(LedgerFilterSet):
    q = django_filters.CharFilter(label=_("Lead or investor"), method="filter_q")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=LeadStage.choices)
    source_region = django_filters.ChoiceFilter(label=_("Source region"), choices=SourceRegion.choices)
    industry = django_filters.ModelChoiceFilter(label=_("Industry"), queryset=Industry.objects.all())
    attraction_mode = django_filters.ModelChoiceFilter(
        label=_("Attraction mode"), queryset=AttractionMode.objects.all()
    )
    host_township = django_filters.ModelChoiceFilter(label=_("Host township"), queryset=_townships())

    class Meta:
        model = Lead
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(name__icontains=value) | Q(investor__icontains=value)) if value else queryset


def _lead_stage_date(lead: Lead):
    return {
        LeadStage.CONTACT: lead.contacted_on,
        LeadStage.NEGOTIATING: lead.negotiating_on,
        LeadStage.SIGNED: lead.signed_on,
        LeadStage.LANDED: lead.landed_on,
        LeadStage.DROPPED: lead.dropped_on,
    }.get(lead.stage)


def _leads_queryset():
    from django.db.models.functions import Coalesce

    # Latest movement first: the date of the stage each lead has reached.
    return (
        Lead.objects.select_related("industry", "attraction_mode", "host_township", "project")
        .annotate(stage_date=Coalesce("dropped_on", "landed_on", "signed_on", "negotiating_on", "contacted_on"))
        .order_by(F("stage_date").desc(nulls_last=True), "-id")
    )


register(
    LedgerSection(
        slug=SLUG,
        key="leads",
        title=_("Leads"),
        model=Lead,
        form_class=LeadForm,
        filterset_class=LeadFilter,
        queryset=_leads_queryset,
        list_columns=[
            ListColumn(_("Intended project"), "name", link=True),
            ListColumn(_("Investor"), "investor"),
            ListColumn(_("Source region"), "source_region", wide_only=True),
            ListColumn(_("Industry"), "industry", wide_only=True),
            ListColumn(_("Intended investment (10k yuan)"), "intended_investment", num=True),
            ListColumn(_("Stage"), lambda o: "", badge=stage_badge),
            ListColumn(_("Since"), _lead_stage_date),
            ListColumn(_("Host township"), "host_township"),
            ListColumn(_("Project in the register"), lambda o: o.project.name if o.project_id else "", wide_only=True),
        ],
        project_columns=[
            ListColumn(_("Lead"), "name", link=True),
            ListColumn(_("Investor"), "investor"),
            ListColumn(_("Stage"), lambda o: "", badge=stage_badge),
            ListColumn(_("Signed on"), "signed_on"),
            ListColumn(_("Full-agency handler"), "agency_handler"),
        ],
        export_fields=[
            "name",
            "investor",
            "investor_contact",
            "source_region",
            "source_place",
            "industry",
            "attraction_mode",
            "intended_investment",
            "stage",
            "contacted_on",
            "negotiating_on",
            "signed_on",
            "landed_on",
            "dropped_on",
            "host_township",
            "agency_handler",
            "project",
            "notes",
        ],
        detail_template="taskforces/sections/investment/lead_detail.html",
        detail_fields=[
            "name",
            "investor",
            "investor_contact",
            "source_region",
            "source_place",
            "industry",
            "attraction_mode",
            "intended_investment",
            "stage",
            "contacted_on",
            "negotiating_on",
            "signed_on",
            "landed_on",
            "dropped_on",
            "host_township",
            "agency_handler",
            "source_trip",
            "project",
            "notes",
        ],
        history_label=lambda row: row.name,
        order=10,
    )
)


@require_POST
def lead_convert(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed lead becomes a project in the register, in one step (investment members and administrators)."""
    lead = get_lead_for_user(request.user, pk, write=True)
    try:
        project = lead_convert_to_project(lead=lead, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("taskforces:entry", SLUG, "leads", lead.pk)
    messages.success(request, gettext("The project “%(name)s” is now in the register.") % {"name": project.name})
    return redirect(reverse("projects:detail", args=[project.pk]))


# --- trips -----------------------------------------------------------------------------------------


class TripForm(LedgerForm):
    class Meta:
        model = Trip
        fields = ["date", "end_date", "destination", "region", "unit", "participants", "companies_met", "outcome"]

    def clean(self):
        data = super().clean()
        if data.get("end_date") and data.get("date") and data["end_date"] < data["date"]:
            self.add_error("end_date", gettext("The return date is before the departure."))
        return data


class DateRangeFilterSet(LedgerFilterSet):
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")


class TripFilter(DateRangeFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Unit that went"), queryset=Unit.objects.all())
    region = django_filters.ChoiceFilter(label=_("Region"), choices=SourceRegion.choices)

    class Meta:
        model = Trip
        fields: list[str] = []


def _trips_queryset():
    from django.db.models import Count

    return Trip.objects.select_related("unit").annotate(lead_count=Count("leads"))


register(
    LedgerSection(
        slug=SLUG,
        key="trips",
        title=_("Investment trips"),
        model=Trip,
        form_class=TripForm,
        filterset_class=TripFilter,
        queryset=_trips_queryset,
        list_columns=[
            ListColumn(_("Date"), "date", link=True),
            ListColumn(_("Destination"), "destination"),
            ListColumn(_("Region"), "region", wide_only=True),
            ListColumn(_("Unit that went"), "unit"),
            ListColumn(_("Who went"), "participants", wide_only=True),
            ListColumn(_("Companies met"), truncated("companies_met"), wide_only=True),
            ListColumn(_("Leads produced"), "lead_count", num=True),
        ],
        export_fields=[
            "date",
            "end_date",
            "destination",
            "region",
            "unit",
            "participants",
            "companies_met",
            "outcome",
        ],
        history_label=lambda row: f"{row.date} {row.destination}",
        help_text=_("At least two out-of-county investment trips a month."),
        order=20,
    )
)


# --- promotion events --------------------------------------------------------------------------------


class PromotionEventForm(LedgerForm):
    class Meta:
        model = PromotionEvent
        fields = [
            "kind",
            "chain",
            "title",
            "date",
            "place",
            "organizer",
            "companies_attending",
            "projects_signed",
            "amount_signed",
            "results",
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == PromotionKind.INDUSTRY_CHAIN and not data.get("chain"):
            self.add_error("chain", gettext("Name the industry chain of the event."))
        return data


class PromotionEventFilter(DateRangeFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PromotionKind.choices)
    chain = django_filters.ModelChoiceFilter(label=_("Industry chain"), queryset=Industry.objects.all())

    class Meta:
        model = PromotionEvent
        fields: list[str] = []


register(
    LedgerSection(
        slug=SLUG,
        key="events",
        title=_("Promotion events"),
        model=PromotionEvent,
        form_class=PromotionEventForm,
        filterset_class=PromotionEventFilter,
        queryset=lambda: PromotionEvent.objects.select_related("chain", "organizer"),
        list_columns=[
            ListColumn(_("Date"), "date"),
            ListColumn(_("Title"), "title", link=True),
            ListColumn(_("Kind"), "kind"),
            ListColumn(_("Industry chain"), "chain"),
            ListColumn(_("Place"), "place", wide_only=True),
            ListColumn(_("Projects signed"), "projects_signed", num=True),
            ListColumn(_("Investment signed (10k yuan)"), "amount_signed", num=True),
        ],
        export_fields=[
            "date",
            "title",
            "kind",
            "chain",
            "place",
            "organizer",
            "companies_attending",
            "projects_signed",
            "amount_signed",
            "results",
        ],
        attachment_kinds=("photo", "document"),
        history_label=lambda row: row.title,
        help_text=_("At least two comprehensive and five industry-chain promotion events a year."),
        order=30,
    )
)


# --- site visits -------------------------------------------------------------------------------------


class SiteVisitForm(LedgerForm):
    class Meta:
        model = SiteVisit
        fields = ["project", "date", "visitors", "findings", "follow_up"]


class SiteVisitFilter(DateRangeFilterSet):
    project = project_text_filter()
    township = township_filter()

    class Meta:
        model = SiteVisit
        fields: list[str] = []


register(
    LedgerSection(
        slug=SLUG,
        key="site-visits",
        title=_("Site visits"),
        model=SiteVisit,
        form_class=SiteVisitForm,
        filterset_class=SiteVisitFilter,
        queryset=lambda: SiteVisit.objects.select_related("project"),
        list_columns=[
            ListColumn(_("Date"), "date", link=True),
            ListColumn(_("Project"), "project"),
            ListColumn(_("Who went"), "visitors"),
            ListColumn(pgettext_lazy("site visit", "Findings"), truncated("findings", 60)),
            ListColumn(pgettext_lazy("site visit", "Follow-up"), truncated("follow_up", 40), wide_only=True),
        ],
        project_columns=[
            ListColumn(_("Date"), "date", link=True),
            ListColumn(_("Who went"), "visitors"),
            ListColumn(pgettext_lazy("site visit", "Findings"), truncated("findings", 60)),
        ],
        export_fields=["date", "project", "visitors", "findings", "follow_up"],
        attachment_kinds=("photo",),
        history_label=lambda row: str(row.date),
        help_text=_("Weekly visits to project sites."),
        order=40,
    )
)


# --- head-enterprise contacts ------------------------------------------------------------------------------


class EnterpriseContactForm(LedgerForm):
    class Meta:
        model = EnterpriseContact
        fields = ["enterprise", "date", "mode", "participants", "content", "outcome", "lead"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Lead.objects.only("id", "name").order_by("name")


class EnterpriseContactFilter(DateRangeFilterSet):
    enterprise = django_filters.CharFilter(label=_("Enterprise"), lookup_expr="icontains")
    mode = django_filters.ChoiceFilter(label=_("Kind of contact"), choices=ContactMode.choices)

    class Meta:
        model = EnterpriseContact
        fields: list[str] = []


register(
    LedgerSection(
        slug=SLUG,
        key="contacts",
        title=_("Head enterprises"),
        model=EnterpriseContact,
        form_class=EnterpriseContactForm,
        filterset_class=EnterpriseContactFilter,
        queryset=lambda: EnterpriseContact.objects.select_related("lead"),
        list_columns=[
            ListColumn(_("Date"), "date"),
            ListColumn(_("Enterprise"), "enterprise", link=True),
            ListColumn(_("Kind of contact"), "mode"),
            ListColumn(_("Participants"), "participants", wide_only=True),
            ListColumn(_("What was discussed"), truncated("content", 50)),
            ListColumn(_("Lead"), "lead", wide_only=True),
        ],
        project_columns=[
            ListColumn(_("Date"), "date"),
            ListColumn(_("Enterprise"), "enterprise", link=True),
            ListColumn(_("What was discussed"), truncated("content", 50)),
        ],
        export_fields=["date", "enterprise", "mode", "participants", "content", "outcome", "lead"],
        history_label=lambda row: row.enterprise,
        help_text=_("Contacts with head enterprises such as 大唐, 中船, 海大, 温氏."),
        order=50,
    )
)


# --- the page -----------------------------------------------------------------------------------------


def figures(*, user, taskforce) -> list[Figure]:
    day = reference_date()
    f = investment_figures(user=user, today=day)
    events = f["events"]
    return [
        Figure(
            _("Leads in negotiation"), f["negotiating"], note=gettext("%(n)s at first contact") % {"n": f["contact"]}
        ),
        Figure(
            _("Signed this year"),
            f["signed"],
            unit=pgettext_lazy("count of", "projects"),
            note=gettext("%(amount)s 100m yuan") % {"amount": f"{f['signed_amount'] / 10000:,.2f}"},
            tone="green",
        ),
        Figure(
            _("Landed this year"),
            f["landed"],
            unit=pgettext_lazy("count of", "projects"),
            note=gettext("%(n)s signed, not yet in the register") % {"n": f["unconverted"]},
        ),
        Figure(
            _("Trips this month"),
            f"{f['trips_this_month']}/{TRIPS_PER_MONTH}",
            tone="red" if f["trips_this_month"] < TRIPS_PER_MONTH else "green",
            note=f"{day:%Y-%m}",
        ),
        Figure(
            _("Promotion events this year"),
            f"{events['comprehensive']}/{COMPREHENSIVE_EVENTS_PER_YEAR} · {events['chain']}/{CHAIN_EVENTS_PER_YEAR}",
            note=_("comprehensive · industry chain"),
            tone="green"
            if events["comprehensive"] >= COMPREHENSIVE_EVENTS_PER_YEAR and events["chain"] >= CHAIN_EVENTS_PER_YEAR
            else "gold",
        ),
        Figure(
            _("Site visits this week"),
            f["visits_this_week"],
            note=gettext("%(n)s head-enterprise contacts this year") % {"n": f["contacts_this_year"]},
        ),
    ]


register_page(TaskForcePage(slug=SLUG, figures=figures))

urlpatterns = [
    path("investment/leads/<int:pk>/convert/", lead_convert, name="lead_convert"),
]
