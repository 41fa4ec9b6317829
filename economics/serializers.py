"""The DRG API's query and answer: the answer's serializers are also its schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kps.api.fields import year_field
from organisation import access

from .choices import CareForm


class DrgQuery(serializers.Serializer):
    year = year_field(
        first=1990,
        last=2200,
        help_text=_("Året (KPP-raderna och vikterna gäller året)."),
        out_of_range=_("Året ska vara mellan 1990 och 2200."),
    )
    clinic = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("En klinik: dess enheter redovisas under units."),
        error_messages={"invalid": _("Kliniken anges med sitt id (ett heltal).")},
    )
    area = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Ett verksamhetsområde: bara dess kliniker."),
        error_messages={"invalid": _("Verksamhetsområdet anges med sitt id (ett heltal).")},
    )
    tertial = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=3,
        help_text=_(
            "1–3: bara rader i tertialen: en öppenvårdsrad i kontaktens tertial, en slutenvårdsrad "
            "i tertialen då vårdtillfället skrevs ut (utan känt vårdtillfälle räknas den då inte)."
        ),
        error_messages={
            "invalid": _("Tertialen ska vara 1, 2 eller 3."),
            "min_value": _("Tertialen ska vara 1, 2 eller 3."),
            "max_value": _("Tertialen ska vara 1, 2 eller 3."),
        },
    )
    care_form = serializers.ChoiceField(
        choices=CareForm.choices,
        required=False,
        help_text=_("OPPEN eller SLUTEN; utan den båda."),
        error_messages={"invalid_choice": _("Vårdformen ska vara OPPEN eller SLUTEN.")},
    )

    def validate(self, attrs):
        clinics = access.economics_clinics(self.context["request"].user)
        if attrs.get("clinic") and not clinics.filter(id=attrs["clinic"]).exists():
            raise serializers.ValidationError(
                {"clinic": _("Okänd klinik, eller en vars ekonomi du inte har tillgång till.")}
            )
        if attrs.get("area") and not clinics.filter(area_id=attrs["area"]).exists():
            raise serializers.ValidationError(
                {
                    "area": _(
                        "Okänt verksamhetsområde, eller ett vars ekonomi du inte har tillgång till."
                    )
                }
            )
        return attrs


class DrgFiguresSerializer(serializers.Serializer):
    contacts = serializers.IntegerField(help_text=_("Kontakter och vårdtillfällen med DRG-vikt."))
    points = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text=_("DRG-poäng: summan av vikterna.")
    )
    case_mix_index = serializers.DecimalField(
        max_digits=10,
        decimal_places=4,
        allow_null=True,
        help_text=_("Case mix-index: poäng ÷ kontakter."),
    )
    cost = serializers.DecimalField(
        max_digits=16, decimal_places=0, help_text=_("Kostnad i kronor (KPP).")
    )
    cost_per_point = serializers.DecimalField(
        max_digits=16,
        decimal_places=0,
        allow_null=True,
        help_text=_("Kostnad per DRG-poäng utan ytterfallen, kronor."),
    )
    outliers = serializers.IntegerField(help_text=_("Ytterfall, borträknade ur kostnad per poäng."))
    cost_per_point_all = serializers.DecimalField(
        max_digits=16,
        decimal_places=0,
        allow_null=True,
        help_text=_("Kostnad per DRG-poäng över alla fall."),
    )
    ungrouped = serializers.IntegerField(
        help_text=_("KPP-rader utan DRG eller utan vikt för DRG:n.")
    )
    without_contact = serializers.IntegerField(
        help_text=_(
            "Öppenvårdsrader vars kontakt inte finns bland kontakterna (makulerad eller ej levererad)."
        )
    )


class RowSerializer(DrgFiguresSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    previous_year = DrgFiguresSerializer(help_text=_("Samma mått året före."))


class ClinicRowSerializer(RowSerializer):
    area_id = serializers.IntegerField()
    area = serializers.CharField()
    specialty = serializers.CharField(help_text=_("Specialiteten kliniken jämförs inom; tom utan."))


class SpecialtySerializer(DrgFiguresSerializer):
    name = serializers.CharField()
    previous_year = DrgFiguresSerializer()
    clinics = ClinicRowSerializer(
        many=True, help_text=_("Specialitetens kliniker som du ser, lägst kostnad per poäng först.")
    )


class DrgReportSerializer(DrgFiguresSerializer):
    year = serializers.IntegerField()
    tertial = serializers.IntegerField(allow_null=True)
    care_form = serializers.CharField(allow_null=True)
    previous_year = DrgFiguresSerializer()
    areas = RowSerializer(many=True)
    clinics = ClinicRowSerializer(many=True)
    units = RowSerializer(many=True, help_text=_("Klinikens enheter, när en klinik är vald."))
    specialties = SpecialtySerializer(
        many=True,
        help_text=_(
            "Jämförelse inom specialitet: de valda klinikernas specialiteter med minst två kliniker."
        ),
    )


def _figures(f) -> dict:
    return {
        "contacts": f.contacts,
        "points": f.points,
        "case_mix_index": f.case_mix_index,
        "cost": f.cost,
        "cost_per_point": f.cost_per_point,
        "outliers": f.outliers,
        "cost_per_point_all": f.cost_per_point_all,
        "ungrouped": f.ungrouped,
        "without_contact": f.without_contact,
    }


def _row(row, **extra) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        **_figures(row.figures),
        "previous_year": _figures(row.previous),
        **extra,
    }


def report_data(report) -> dict:
    """The selector's report as the serializer's input."""
    return {
        "year": report.year,
        "tertial": report.tertial,
        "care_form": report.care_form,
        **_figures(report.region.figures),
        "previous_year": _figures(report.region.previous),
        "areas": [_row(a) for a in report.areas],
        "clinics": [_clinic(c) for c in report.clinics],
        "units": [_row(u) for u in report.units],
        "specialties": [
            {
                "name": sp.name,
                **_figures(sp.figures),
                "previous_year": _figures(sp.previous),
                "clinics": [_clinic(c) for c in sp.clinics],
            }
            for sp in report.specialties
        ],
    }


def _clinic(row) -> dict:
    return _row(row, area_id=row.area_id, area=row.area, specialty=row.specialty)
