"""Investment attraction task force (招商引资专班): leads, trips, promotion events, site visits, head-enterprise contacts."""

from __future__ import annotations

from datetime import date

from django.urls import path
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import TaskForce, User

from ..common.selectors import reference_date, truncated
from ..registry import Badge, Figure, LedgerSection, ListColumn, TaskForcePage, register, register_page
from .filters import EnterpriseContactFilter, LeadFilter, PromotionEventFilter, SiteVisitFilter, TripFilter
from .forms import LEAD_FIELDS, EnterpriseContactForm, LeadForm, PromotionEventForm, SiteVisitForm, TripForm
from .models import EnterpriseContact, Lead, LeadStage, PromotionEvent, SiteVisit, Trip
from .selectors import (
    CHAIN_EVENTS_PER_YEAR,
    COMPREHENSIVE_EVENTS_PER_YEAR,
    TRIPS_PER_MONTH,
    investment_figures,
    lead_ledger,
    trip_ledger,
)
from .views import lead_convert

SLUG = "investment"

# --- leads -----------------------------------------------------------------------------------------

STAGE_BADGES: dict[str, str] = {
    LeadStage.CONTACT: "text-bg-light border",
    LeadStage.NEGOTIATING: "text-bg-info",
    LeadStage.SIGNED: "text-bg-primary",
    LeadStage.LANDED: "text-bg-success",
    LeadStage.DROPPED: "text-bg-secondary",
}


def stage_badge(lead: Lead) -> Badge:
    return (STAGE_BADGES.get(lead.stage, ""), lead.get_stage_display())


def _lead_stage_date(lead: Lead) -> date | None:
    dates: dict[str, date | None] = {
        LeadStage.CONTACT: lead.contacted_on,
        LeadStage.NEGOTIATING: lead.negotiating_on,
        LeadStage.SIGNED: lead.signed_on,
        LeadStage.LANDED: lead.landed_on,
        LeadStage.DROPPED: lead.dropped_on,
    }
    return dates.get(lead.stage)


register(
    LedgerSection(
        slug=SLUG,
        key="leads",
        title=_("Leads"),
        model=Lead,
        form_class=LeadForm,
        filterset_class=LeadFilter,
        queryset=lead_ledger,
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
        # The entry page shows every field; the export leaves out the trip (a date and a place, not a lead's).
        export_fields=[name for name in LEAD_FIELDS if name != "source_trip"],
        detail_template="taskforces/investment/lead_detail.html",
        detail_fields=LEAD_FIELDS,
        history_label=lambda row: row.name,
        order=10,
    )
)


# --- trips -----------------------------------------------------------------------------------------


register(
    LedgerSection(
        slug=SLUG,
        key="trips",
        title=_("Investment trips"),
        model=Trip,
        form_class=TripForm,
        filterset_class=TripFilter,
        queryset=trip_ledger,
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


def figures(*, user: User, taskforce: TaskForce) -> list[Figure]:
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
