"""Investment attraction task force (招商引资专班): leads, trips, promotion events, site visits,
contacts with head enterprises."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from core.money import MONEY
from projects.models import Project

from ..common.models import AttractionMode, Industry, LedgerEntry

__all__ = [
    "LEAD_STAGE_ORDER",
    "ContactMode",
    "EnterpriseContact",
    "Lead",
    "LeadStage",
    "PromotionEvent",
    "PromotionKind",
    "SiteVisit",
    "SourceRegion",
    "Trip",
]


class SourceRegion(models.TextChoices):
    """The target regions named in the notice."""

    BEIJING_TIANJIN_HEBEI = "jjj", _("Beijing–Tianjin–Hebei")
    YANGTZE_DELTA = "yrd", _("Yangtze River Delta")
    GREATER_BAY = "gba", _("Guangdong–Hong Kong–Macao Greater Bay Area")
    CENTRAL_PLAINS = "central_plains", _("Central Plains city cluster")
    OTHER = "other", _("Other region")


class LeadStage(models.TextChoices):
    CONTACT = "contact", _("Contact")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed")
    LANDED = "landed", _("Landed")
    DROPPED = "dropped", _("Dropped")


# The forward order of a lead's stages (DROPPED is outside it).
LEAD_STAGE_ORDER: list[str] = [LeadStage.CONTACT, LeadStage.NEGOTIATING, LeadStage.SIGNED, LeadStage.LANDED]


class Trip(LedgerEntry):
    """An out-of-county investment trip (外出招商). The campaign counts them per unit per month."""

    ledger_slug = "investment"
    project_path = None

    date = models.DateField(_("date"))
    end_date = models.DateField(_("return date"), null=True, blank=True)
    destination = models.CharField(_("destination"), max_length=100)
    region = models.CharField(_("region"), max_length=20, choices=SourceRegion.choices, default=SourceRegion.OTHER)
    unit = models.ForeignKey(Unit, verbose_name=_("unit that went"), on_delete=models.PROTECT, related_name="+")
    participants = models.CharField(_("who went"), max_length=300)
    companies_met = models.TextField(_("companies met"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investment trip")
        verbose_name_plural = _("investment trips")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")), name="trip_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.destination}"


class Lead(LedgerEntry):
    """An investment lead (招商线索), followed from first contact until the project lands.

    A signed lead becomes a register project in one step (`taskforces.investment.services.lead_convert_to_project`);
    `project` keeps the link.
    """

    ledger_slug = "investment"
    project_path = "project"

    name = models.CharField(_("intended project"), max_length=200)
    investor = models.CharField(_("investor"), max_length=200)
    investor_contact = models.CharField(_("investor contact"), max_length=100, blank=True)
    source_region = models.CharField(
        _("source region"), max_length=20, choices=SourceRegion.choices, default=SourceRegion.OTHER
    )
    source_place = models.CharField(_("source city"), max_length=100, blank=True)
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), null=True, blank=True, on_delete=models.PROTECT, related_name="leads"
    )
    attraction_mode = models.ForeignKey(
        AttractionMode,
        verbose_name=_("attraction mode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    intended_investment = models.DecimalField(_("intended investment (10k yuan)"), default=Decimal("0"), **MONEY)
    stage = models.CharField(_("stage"), max_length=20, choices=LeadStage.choices, default=LeadStage.CONTACT)
    contacted_on = models.DateField(_("first contact"), null=True, blank=True)
    negotiating_on = models.DateField(_("negotiations began"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    landed_on = models.DateField(_("landed on"), null=True, blank=True)
    dropped_on = models.DateField(_("dropped on"), null=True, blank=True)
    host_township = models.ForeignKey(
        Unit, verbose_name=_("host township"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency_handler = models.CharField(_("full-agency handler"), max_length=100, blank=True)
    source_trip = models.ForeignKey(
        Trip, verbose_name=_("found on trip"), null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    project = models.OneToOneField(
        Project,
        verbose_name=_("project in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="investment_lead",
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("investment lead")
        verbose_name_plural = _("investment leads")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["stage"]), models.Index(fields=["signed_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(intended_investment__gte=0), name="lead_investment_not_negative"),
            models.CheckConstraint(
                condition=~Q(stage__in=["signed", "landed"]) | Q(signed_on__isnull=False), name="lead_signed_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(stage="landed") | Q(landed_on__isnull=False), name="lead_landed_has_date"
            ),
            models.CheckConstraint(
                condition=Q(landed_on__isnull=True) | Q(signed_on__isnull=True) | Q(landed_on__gte=F("signed_on")),
                name="lead_lands_after_signing",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_signed(self) -> bool:
        return self.stage in (LeadStage.SIGNED, LeadStage.LANDED)


class PromotionKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive promotion")
    INDUSTRY_CHAIN = "industry_chain", _("Industry-chain promotion")


class PromotionEvent(LedgerEntry):
    """A promotion event (推介活动): at least 2 comprehensive and 5 industry-chain events a year."""

    ledger_slug = "investment"
    project_path = None

    kind = models.CharField(_("kind"), max_length=20, choices=PromotionKind.choices)
    chain = models.ForeignKey(
        Industry,
        verbose_name=_("industry chain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promotion_events",
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    organizer = models.ForeignKey(
        Unit, verbose_name=_("organizer"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    companies_attending = models.PositiveIntegerField(_("companies attending"), null=True, blank=True)
    projects_signed = models.PositiveSmallIntegerField(_("projects signed"), default=0)
    amount_signed = models.DecimalField(_("investment signed (10k yuan)"), default=Decimal("0"), **MONEY)
    results = models.TextField(_("results"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("promotion event")
        verbose_name_plural = _("promotion events")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="industry_chain") | Q(chain__isnull=False), name="promotion_chain_named"
            ),
            models.CheckConstraint(condition=Q(amount_signed__gte=0), name="promotion_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class SiteVisit(LedgerEntry):
    """A visit to a project site (每周下沉项目一线)."""

    ledger_slug = "investment"
    project_path = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="investment_site_visits"
    )
    date = models.DateField(_("date"))
    visitors = models.CharField(_("who went"), max_length=200)
    findings = models.TextField(pgettext_lazy("site visit", "findings"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site visit")
        verbose_name_plural = _("site visits")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.project}"


class ContactMode(models.TextChoices):
    VISIT = "visit", _("Visit to the enterprise")
    RECEPTION = "reception", _("Reception in the county")
    MEETING = "meeting", _("Meeting or signing")
    REMOTE = "remote", _("Phone or video call")
    OTHER = "other", _("Other")


class EnterpriseContact(LedgerEntry):
    """A contact with a head enterprise (头部企业: 大唐, 中船, 海大, 温氏, ...)."""

    ledger_slug = "investment"
    project_path = "lead__project"

    enterprise = models.CharField(_("enterprise"), max_length=100)
    date = models.DateField(_("date"))
    mode = models.CharField(
        _("kind of contact"), max_length=20, choices=ContactMode.choices, default=ContactMode.VISIT
    )
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    content = models.TextField(_("what was discussed"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    lead = models.ForeignKey(
        Lead,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprise_contacts",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("head-enterprise contact")
        verbose_name_plural = _("head-enterprise contacts")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.date}"
