"""The public side's forms: förfrågan om samråd and samtycke.

Validation here covers format and required fields; the de-identification guard runs on the
free-text fields afterwards (see guarded_fields() and guarded_forms.py), and the consent-reference
checks need the database (services/submissions.py).

There is deliberately no field for the person's name, personnummer, address or contact details.
"""

from __future__ import annotations

from flask import current_app
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from .. import clock
from .. import vocabulary as v
from ..vocabulary import OTHER_ORGANISATION, Basis, Kind
from .common import (
    MultiCheckboxField,
    NorrskenForm,
    add_months,
    as_choices,
    at_least_one,
    in_service_years,
    required_if,
    valid_work_phone,
    within_years,
)
from .dates import DatePartsField

DECLARATION_VERSION = "2026-11-v1"
DECLARATION_TEXT = (
    "Jag har tagit bort allt som kan identifiera personen: namn, personnummer, adress, "
    "telefonnummer och andra uppgifter som ensamma eller tillsammans kan avslöja vem det gäller."
)

CASE_DESCRIPTION_MAX = 4000
QUESTION_MAX = 1500
ACUTE_REASON_MAX = 1000


class SubmitterFields(NorrskenForm):
    """The professional's own work contact details: allowed, and not scanned as case text."""

    submitter_name = StringField(
        "Ditt namn",
        validators=[DataRequired("Skriv ditt namn."), Length(max=100)],
    )
    submitter_organisation = SelectField(
        "Din organisation",
        choices=as_choices([("", "Välj organisation"), *v.ORGANISATIONS]),
        validators=[DataRequired("Välj din organisation.")],
    )
    submitter_organisation_other = StringField(
        "Namn på din organisation",
        validators=[
            required_if(
                "submitter_organisation", {OTHER_ORGANISATION}, "Skriv namnet på din organisation."
            ),
            Length(max=100),
        ],
    )
    submitter_unit = StringField(
        "Enhet eller funktion",
        description="Till exempel vuxenenheten, akutmottagningen eller brottsoffer- och "
        "personsäkerhet.",
        validators=[DataRequired("Skriv din enhet eller funktion."), Length(max=100)],
    )
    submitter_phone = StringField(
        "Telefonnummer i tjänsten",
        validators=[DataRequired("Skriv ditt telefonnummer i tjänsten."), valid_work_phone],
    )
    submitter_email = StringField(
        "E-postadress i tjänsten",
        validators=[
            DataRequired("Skriv din e-postadress i tjänsten."),
            Length(max=120),
            Email("Skriv en e-postadress i formatet namn@organisation.se."),
        ],
    )
    submission_key = HiddenField()
    # Honeypot: hidden from people (and from screen readers), filled in by naive bots.
    webbadress = StringField("Lämna detta fält tomt")

    submitter_field_names = (
        "submitter_name",
        "submitter_organisation",
        "submitter_organisation_other",
        "submitter_unit",
        "submitter_phone",
        "submitter_email",
    )

    def submitter_data(self) -> dict:
        """The professional's details as stored, plus the submission key."""
        data = {name: self[name].data for name in self.submitter_field_names}
        if self.submitter_organisation.data != OTHER_ORGANISATION:
            data["submitter_organisation_other"] = None
        data["submission_key"] = self.submission_key.data
        return data


class RequestForm(SubmitterFields):
    """Förfrågan om samråd."""

    municipality = RadioField(
        "Personens hemkommun",
        description="Enligt överenskommelsen utreds och beviljas socialtjänstens insatser i "
        "hemkommunen (avsnitt 10.3).",
        choices=as_choices(v.MUNICIPALITIES),
        validators=[InputRequired("Välj personens hemkommun.")],
    )
    basis = RadioField(
        "Hur dras ärendet?",
        choices=as_choices(v.BASES),
        validators=[InputRequired("Välj om ärendet dras med samtycke eller avidentifierat.")],
    )
    consent_reference = StringField(
        "Samtyckets referens",
        description="Står på bekräftelsesidan du fick när samtycket registrerades, till exempel "
        "S-KM47-TR92.",
        validators=[
            required_if(
                "basis", {Basis.CONSENT}, "Skriv referensen till det registrerade samtycket."
            ),
            Length(max=20),
        ],
    )
    kind = RadioField(
        "Vilken sorts samråd behövs?",
        choices=as_choices(v.KINDS),
        validators=[InputRequired("Välj vilken sorts samråd som behövs.")],
    )
    acute_reason = TextAreaField(
        "Varför kan ärendet inte vänta till nästa ordinarie samråd?",
        validators=[
            required_if("kind", {Kind.ACUTE}, "Beskriv varför ärendet inte kan vänta."),
            Length(max=ACUTE_REASON_MAX, message=f"Skriv högst {ACUTE_REASON_MAX} tecken."),
        ],
    )
    purposes = MultiCheckboxField(
        "Vad är syftet med samrådet?",
        description="Välj ett eller flera.",
        choices=as_choices(v.PURPOSES),
        validators=[at_least_one("Välj minst ett syfte.")],
    )
    violence_forms = MultiCheckboxField(
        "Vilka former av våld förekommer?",
        description="Välj alla som stämmer.",
        choices=as_choices(v.VIOLENCE_FORMS),
        validators=[at_least_one("Välj minst en form av våld.")],
    )
    contexts = MultiCheckboxField(
        "I vilket sammanhang förekommer våldet?",
        description="Välj alla som stämmer.",
        choices=as_choices(v.CONTEXTS),
        validators=[at_least_one("Välj minst ett sammanhang.")],
    )
    children = RadioField(
        "Finns det barn i hushållet?",
        choices=as_choices(v.YES_NO_UNKNOWN),
        validators=[InputRequired("Välj om det finns barn i hushållet.")],
    )
    police_report = RadioField(
        "Är en polisanmälan gjord?",
        choices=as_choices(v.YES_NO_UNKNOWN),
        validators=[InputRequired("Välj om en polisanmälan är gjord.")],
    )
    risk_assessment = RadioField(
        "Är en riskbedömning gjord?",
        choices=as_choices(v.YES_NO),
        validators=[InputRequired("Välj om en riskbedömning är gjord.")],
    )
    risk_method = SelectField(
        "Med vilken metod? (valfritt)",
        choices=as_choices(v.RISK_METHODS),
        validators=[Optional()],
    )
    case_description = TextAreaField(
        "Ärendets karaktär",
        description="Beskriv ärendets karaktär, inte dess detaljer (överenskommelsen, avsnitt 12). "
        "Skriv inga namn, personnummer, adresser, exakta datum eller annat som kan avslöja vem "
        "det gäller.",
        validators=[
            DataRequired("Beskriv ärendets karaktär."),
            Length(max=CASE_DESCRIPTION_MAX, message=f"Skriv högst {CASE_DESCRIPTION_MAX} tecken."),
        ],
    )
    question = TextAreaField(
        "Frågeställning till samrådet",
        description="Vad vill du att samrådet ska hjälpa till med?",
        validators=[
            DataRequired("Skriv frågeställningen till samrådet."),
            Length(max=QUESTION_MAX, message=f"Skriv högst {QUESTION_MAX} tecken."),
        ],
    )
    parties_requested = MultiCheckboxField(
        "Vilka parter vill du ska delta?",
        description="Samordnaren bedömer vilka som deltar (överenskommelsen, avsnitt 12). "
        "Dras ärendet med samtycke kan bara de parter delta som samtycket omfattar.",
        choices=as_choices(v.PARTIES),
        validators=[at_least_one("Välj minst en part.")],
    )
    other_actors = StringField(
        "Andra aktörer som bör delta (valfritt)",
        description="Organisationer, inte personer. Till exempel Kvinnojouren eller "
        "Kriminalvården.",
        validators=[Optional(), Length(max=300, message="Skriv högst 300 tecken.")],
    )
    participation = RadioField(
        "Hur deltar du i samrådet?",
        choices=[],  # set per form: the on-site label names the configured meeting place
        validators=[InputRequired("Välj hur du deltar.")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        place = current_app.config["MEETING_PLACE"]
        self.participation.choices = as_choices(v.participation_choices(place))

    GUARDED = ("acute_reason", "case_description", "question", "other_actors")

    def guarded_fields(self) -> list[Field]:
        """The acute reason is only stored (and so only checked) for an acute request."""
        fields = super().guarded_fields()
        return fields if self.kind.data == Kind.ACUTE else fields[1:]


class DeclarationForm(NorrskenForm):
    """The check-answers page: the de-identification declaration."""

    declaration = BooleanField(
        DECLARATION_TEXT,
        validators=[
            DataRequired("Bekräfta att du har tagit bort allt som kan identifiera personen.")
        ],
    )


class ConsentForm(SubmitterFields):
    """Samtycke: that consent exists, its scope, and where the signed original is kept."""

    parties = MultiCheckboxField(
        "Vilka parter omfattar samtycket?",
        description="Samtycket gäller bara de parter som personen har godkänt.",
        choices=as_choices(v.PARTIES),
        validators=[at_least_one("Välj minst en part som samtycket omfattar.")],
    )
    other_parties = StringField(
        "Andra aktörer som samtycket omfattar (valfritt)",
        description="Organisationer, inte personer. Till exempel Kvinnojouren.",
        validators=[Optional(), Length(max=300, message="Skriv högst 300 tecken.")],
    )
    information_kinds = MultiCheckboxField(
        "Vilka sorters uppgifter får lämnas?",
        choices=as_choices(v.INFORMATION_KINDS),
        validators=[at_least_one("Välj minst en sorts uppgifter.")],
    )
    valid_from = DatePartsField(
        "Gäller från",
        description="Till exempel 23 11 2026.",
        validators=[InputRequired("Skriv från vilket datum samtycket gäller."), within_years],
    )
    valid_until = DatePartsField(
        "Gäller till och med",
        description="Formulärtjänsten godtar högst 12 månader efter startdatum. Det är "
        "formulärtjänstens eget val, inte ett krav i lag. Välj så kort tid som ärendet behöver. "
        "Till exempel 22 11 2027.",
        validators=[
            InputRequired("Skriv till och med vilket datum samtycket gäller."),
            within_years,
        ],
    )
    method = RadioField(
        "Hur lämnades samtycket?",
        choices=as_choices(v.CONSENT_METHODS),
        validators=[InputRequired("Välj hur samtycket lämnades.")],
    )
    original_kept_by = SelectField(
        "Var förvaras originalet eller dokumentationen?",
        description="Den organisation som har den underskrivna blanketten eller "
        "journalanteckningen.",
        choices=as_choices([("", "Välj organisation"), *v.ORGANISATIONS]),
        validators=[DataRequired("Välj var originalet förvaras.")],
    )
    original_kept_by_other = StringField(
        "Namn på organisationen",
        validators=[
            required_if(
                "original_kept_by", {OTHER_ORGANISATION}, "Skriv namnet på organisationen."
            ),
            Length(max=100),
        ],
    )
    original_case_reference = StringField(
        "Er egen ärendereferens",
        description="Diarienummer eller ärendenummer hos er, så att originalet kan hittas. "
        "Aldrig personnummer eller namn.",
        validators=[DataRequired("Skriv er egen ärendereferens."), Length(max=60)],
    )
    told_how_samrad_works = BooleanField(
        "Personen har fått veta hur samrådet går till.",
        validators=[DataRequired("Bekräfta att personen har fått veta hur samrådet går till.")],
    )
    told_who_takes_part = BooleanField(
        "Personen har fått veta vilka som deltar och vilka uppgifter som lämnas.",
        validators=[DataRequired("Bekräfta att personen har fått veta vilka som deltar.")],
    )
    told_can_withdraw = BooleanField(
        "Personen har fått veta att samtycket kan återkallas när som helst.",
        validators=[
            DataRequired("Bekräfta att personen har fått veta att samtycket kan återkallas.")
        ],
    )

    def validate_valid_until(self, field):
        start, end = self.valid_from.data, field.data
        if not (in_service_years(start) and in_service_years(end)):
            return  # reported at the field that is out of range
        if end < start:
            raise ValidationError("Slutdatumet måste vara samma dag som startdatumet eller senare.")
        if end > add_months(start, 12):
            raise ValidationError(
                "Formulärtjänsten godtar ett samtycke som gäller högst 12 månader "
                "(formulärtjänstens eget val, inte ett krav i lag). Välj ett tidigare datum."
            )
        if end < clock.today():
            raise ValidationError(
                "Slutdatumet har redan passerat. Ett utgånget samtycke kan inte registreras."
            )

    GUARDED = ("other_parties", "original_kept_by_other", "original_case_reference")


REPLY_MAX = 1500


class ReplyForm(NorrskenForm):
    """The submitter's answer to a request for more information (komplettering)."""

    GUARDED = ("text",)

    text = TextAreaField(
        "Ditt svar till samordnaren",
        description="Svara på det samordnaren frågar efter. Skriv ingenting som kan identifiera "
        "personen. Svaret kontrolleras som ärendetext.",
        validators=[
            DataRequired("Skriv ditt svar till samordnaren."),
            Length(max=REPLY_MAX, message=f"Skriv högst {REPLY_MAX} tecken."),
        ],
    )


class CheckTextForm(NorrskenForm):
    """The live de-identification hint: one text to check."""

    # No longer than the longest guarded field: the hint never scans more than could be sent.
    text = TextAreaField(validators=[Length(max=CASE_DESCRIPTION_MAX)])
