"""Medical care areas (groups of KVÅ codes) and the waiting-list summary derived from the snapshots.

The snapshots, referrals, population and KVÅ codes themselves are ``facts``'.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from facts.choices import KvaClassification
from organisation.models import Phase


class MedicalCareArea(models.Model):
    """A medical care area: a named group of KVÅ codes that regions compare waiting lists by."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    # The regional programme area (RPO) the group reports to, as the collaboration names it.
    programme_area = models.CharField(_("programområde"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("medicinskt område")
        verbose_name_plural = _("medicinska områden")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class MedicalCareAreaCode(models.Model):
    """A KVÅ code or code prefix that belongs to a medical care area; the longest matching prefix wins."""

    area = models.ForeignKey(MedicalCareArea, on_delete=models.CASCADE, related_name="codes")
    classification = models.CharField(
        _("klassifikation"), max_length=3, choices=KvaClassification.choices
    )
    prefix = models.CharField(
        _("KVÅ-kod eller början av kod"),
        max_length=10,
        help_text=_("T.ex. N för hela kapitlet, NF för höft och lår eller NFB49 för en enda kod."),
    )

    class Meta:
        verbose_name = _("KVÅ-kod i medicinskt område")
        verbose_name_plural = _("KVÅ-koder i medicinska områden")
        ordering = ["classification", "prefix"]
        constraints = [
            models.UniqueConstraint(
                fields=["classification", "prefix"], name="care_area_code_prefix_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_classification_display()} {self.prefix} → {self.area}"

    def save(self, *args, **kwargs):
        # KVÅ codes are upper case in every extract; a lower-case prefix would never match.
        self.prefix = self.prefix.strip().upper()
        super().save(*args, **kwargs)


class WaitingSummary(models.Model):
    """The waiting list of one snapshot counted per unit, phase, KVÅ code and home county: what reports,
    trends and the comparison across regions read.

    Derived from ``WaitingEntry`` by ``services.waiting_summary_sync``; a few
    thousand rows per snapshot instead of tens of thousands, so a report sums
    small integers instead of filtering every waiting patient. The writes that
    change the snapshots (an imported ``vantande`` file, held rows brought in)
    queue ``tasks.summarise_waiting_lists`` when they commit; reads never write
    it. Until that task has run (a moment, on the worker) a reader sees the
    summary as it was: the latest snapshot counted is the one shown by default,
    a snapshot asked for by date that is not yet counted shows nobody waiting,
    and a changed long-wait threshold (a setting) counts in at the next import
    or ``manage.py kps_waitlists_summary``. Fields marked
    "guarantee" follow the rule for those still waiting: phases 1–2, PVV and
    MOV left out.
    """

    snapshot_date = models.DateField(_("mätdatum"))
    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="+")
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    kva_code = models.CharField(_("KVÅ-kod"), max_length=10, blank=True)
    # The patients' home county; without one, the county of the region that treats them.
    home_county = models.CharField(_("hemlän"), max_length=2, blank=True)
    waiting = models.PositiveIntegerField(_("väntande"))
    guarantee = models.PositiveIntegerField(_("väntande inom vårdgarantin"))
    over_90 = models.PositiveIntegerField(_("väntat mer än 90 dagar (vårdgarantin)"))
    over_long = models.PositiveIntegerField(
        _("väntat längre än gränsen för långa väntetider (vårdgarantin)")
    )
    pvv = models.PositiveIntegerField(_("med PVV"))
    mov = models.PositiveIntegerField(_("med MOV"))
    past_target = models.PositiveIntegerField(_("medicinskt måldatum passerat"))
    with_target = models.PositiveIntegerField(_("med medicinskt måldatum"))
    # Waiting-time buckets (vårdgarantin): 0–30, 31–60, 61–90, 91–120, 121–180, 181–365, >365 days.
    bucket_0 = models.PositiveIntegerField("0–30")
    bucket_1 = models.PositiveIntegerField("31–60")
    bucket_2 = models.PositiveIntegerField("61–90")
    bucket_3 = models.PositiveIntegerField("91–120")
    bucket_4 = models.PositiveIntegerField("121–180")
    bucket_5 = models.PositiveIntegerField("181–365")
    bucket_6 = models.PositiveIntegerField(">365")
    wait_days = models.BigIntegerField(_("summa väntedagar (vårdgarantin)"))

    class Meta:
        verbose_name = _("sammanställning av väntelista")
        verbose_name_plural = _("sammanställningar av väntelistor")
        indexes = [models.Index(fields=["snapshot_date", "unit"], name="waiting_summary_day_unit")]

    def __str__(self) -> str:
        return f"{self.snapshot_date} {self.unit_id} {self.phase} {self.kva_code}: {self.waiting}"


class WaitingSummaryState(models.Model):
    """How far the summary has come: the last waiting entry counted and the long-wait threshold used."""

    last_entry_id = models.BigIntegerField(default=0)
    long_days = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sammanställningens läge")
        verbose_name_plural = _("sammanställningens läge")

    def __str__(self) -> str:
        return f"{self.last_entry_id} ({self.updated_at:%Y-%m-%d %H:%M})"


class RegionReportRow(models.Model):
    """One row of a region's aggregated waiting-list report (``vantanderapport``) as that region
    delivered it: counts per phase and KVÅ code, nothing about any person.

    Imported from the neighbours of the collaboration (source: their county code); a report
    replaces the same region's report of the same measurement day. Counts a region suppressed
    (too few to publish) are stored as no value, never as 0.
    """

    county_code = models.CharField(_("länskod"), max_length=2)
    snapshot_date = models.DateField(_("mätdatum"))
    phase = models.PositiveSmallIntegerField(_("fas"), choices=Phase.choices)
    # Empty: those without a (reported) KVÅ code.
    kva_code = models.CharField(_("KVÅ-kod"), max_length=10, blank=True)
    waiting = models.PositiveIntegerField(_("väntande"))
    guarantee = models.PositiveIntegerField(_("väntande inom vårdgarantin"))
    over_90 = models.PositiveIntegerField(_("väntat mer än 90 dagar (vårdgarantin)"))
    over_150 = models.PositiveIntegerField(
        _("väntat mer än 150 dagar (vårdgarantin)"), null=True, blank=True
    )
    pvv = models.PositiveIntegerField(_("med PVV"), null=True, blank=True)
    mov = models.PositiveIntegerField(_("med MOV"), null=True, blank=True)

    class Meta:
        verbose_name = _("rad i en regions väntelisterapport")
        verbose_name_plural = _("rader i regioners väntelisterapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["county_code", "snapshot_date", "phase", "kva_code"],
                name="region_report_row_unique",
            )
        ]
        indexes = [models.Index(fields=["snapshot_date", "county_code"], name="region_report_day")]

    def __str__(self) -> str:
        return (
            f"{self.county_code} {self.snapshot_date} {self.phase} {self.kva_code}: {self.waiting}"
        )
