"""Purchased care: providers, the agreements care is bought under, their history, and the
referrals out (``kopt_vard``) that use them.

Agreements are edited by administrators (``purchasing.services`` records each saved state);
the referrals come from the extract and are read through ``purchasing.selectors``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ProviderKind, ReferralStatus


class Provider(models.Model):
    """A care provider the region buys from: a private company or another region."""

    code = models.CharField(_("kod"), max_length=50, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=6, choices=ProviderKind.choices)

    class Meta:
        verbose_name = _("vårdgivare")
        verbose_name_plural = _("vårdgivare")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Agreement(models.Model):
    """An agreement to buy care from one provider: what, at what price, how much, when, from whom."""

    code = models.CharField(_("avtalskod"), max_length=50, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("vårdgivare")
    )
    # The procedures covered: KVÅ codes (blank- or comma-separated) and/or whole medical care areas.
    kva_codes = models.TextField(_("KVÅ-koder"), blank=True)
    care_areas = models.ManyToManyField(
        "waitlists.MedicalCareArea",
        blank=True,
        related_name="+",
        verbose_name=_("medicinska områden"),
    )
    price_per_case = models.DecimalField(_("pris per fall (kr)"), max_digits=12, decimal_places=2)
    volume_ceiling = models.PositiveIntegerField(_("volymtak (fall)"), null=True, blank=True)
    money_ceiling = models.DecimalField(
        _("takbelopp (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    start = models.DateField(_("gäller från"))
    end = models.DateField(_("gäller till"))
    options = models.TextField(_("optioner"), blank=True)
    # An option taken up: the agreement runs to this day instead of ``end``.
    extended_to = models.DateField(_("förlängt till"), null=True, blank=True)
    clinics = models.ManyToManyField(
        "organisation.Clinic", related_name="+", verbose_name=_("kliniker som får skicka")
    )

    class Meta:
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")
        ordering = ["provider__name", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="agreement_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def last_day(self) -> date:
        """The agreement's last day, with an option taken up."""
        return max(self.end, self.extended_to) if self.extended_to else self.end

    def code_list(self) -> list[str]:
        return sorted({c.upper() for c in self.kva_codes.replace(",", " ").split() if c})


class AgreementVersion(models.Model):
    """One saved state of an agreement: who changed it, when, and what it then said."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    saved_at = models.DateTimeField(_("sparad"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How the change was made: the admin, an Excel sheet.
    how = models.CharField(_("hur"), max_length=100, blank=True)
    data = models.JSONField(_("innehåll"))
    changed = models.JSONField(_("ändrade fält"), default=list)

    class Meta:
        verbose_name = _("avtalsversion")
        verbose_name_plural = _("avtalsversioner")
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.code} v{self.number}"


class PurchasedReferral(models.Model):
    """One patient sent to another provider (kopt_vard), upserted by the referral's id."""

    source = models.CharField(_("källa"), max_length=40)
    referral_id = models.CharField(_("uppdrags-id"), max_length=64)
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    # Codes as delivered: the provider and agreement are matched when read, so an agreement
    # registered (or corrected) after the import still counts its referrals.
    provider_code = models.CharField(_("vårdgivarkod"), max_length=50)
    agreement_code = models.CharField(_("avtalskod"), max_length=50, blank=True)
    patient = models.CharField(_("patient (pseudonym)"), max_length=64, blank=True)
    phase = models.PositiveSmallIntegerField(_("fas"))
    kva_code = models.CharField(_("KVÅ-kod"), max_length=10, blank=True)
    sent_date = models.DateField(_("skickad"))
    performed_date = models.DateField(_("utförd"), null=True, blank=True)
    cost = models.DecimalField(
        _("kostnad (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=8, choices=ReferralStatus.choices)

    class Meta:
        verbose_name = _("remiss ut (köpt vård)")
        verbose_name_plural = _("remisser ut (köpt vård)")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "referral_id"], name="purchased_referral_unique"
            )
        ]
        indexes = [models.Index(fields=["sent_date", "unit"], name="purchased_referral_sent")]

    def __str__(self) -> str:
        return f"{self.source} {self.referral_id}"
