"""The WTForms forms of the public side: förfrågan om samråd and samtycke.

Labels, hints and error messages are Swedish and follow the GOV.UK Design System's patterns
(a label and hint for every field, fieldsets with legends for choices). Validation here covers
format and required fields; the de-identification guard runs on the free-text fields afterwards
(see guarded_fields() and guarded_forms.py), and the consent-reference checks need the database
(services/submissions.py).

There is deliberately no field for the person's name, personnummer, address or contact details.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

import phonenumbers
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Field,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from . import clock
from . import vocabulary as v

# Control characters other than tab and line breaks are never valid in text (and PostgreSQL
# refuses NUL); they are reported at the field instead of reaching the database.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")

DECLARATION_VERSION = "2026-11-v1"
DECLARATION_TEXT = (
    "Jag har tagit bort allt som kan identifiera personen: namn, personnummer, adress, "
    "telefonnummer och andra uppgifter som ensamma eller tillsammans kan avslöja vem det gäller."
)

CASE_DESCRIPTION_MAX = 4000
QUESTION_MAX = 1500
ACUTE_REASON_MAX = 1000


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _required_if(other: str, values: set[str], message: str):
    """Required when `other` has one of `values`; otherwise the field is not validated at all."""

    def check(form, field):
        if form[other].data in values:
            if not (field.data or "").strip():
                raise StopValidation(message)
        else:
            field.errors[:] = []
            raise StopValidation()

    return check


def as_choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def valid_work_phone(_form, field):
    try:
        number = phonenumbers.parse(field.data or "", "SE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "Ange ditt telefonnummer i tjänsten med riktnummer, till exempel 063-14 30 00."
        )


def at_least_one(message: str):
    def check(_form, field):
        if not field.data:
            raise ValidationError(message)

    return check


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


class NorrskenForm(FlaskForm):
    """Base form: Swedish WTForms messages, and no control characters in any text field."""

    class Meta:
        locales = ("sv_SE", "sv")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and _CONTROL.search(field.data):
                field.errors = [
                    *field.errors,
                    "Texten innehåller otillåtna styrtecken. Skriv om texten utan dem.",
                ]
                valid = False
        return valid


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
            _required_if("submitter_organisation", {"annan"}, "Skriv namnet på din organisation."),
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
        if self.submitter_organisation.data != "annan":
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
        description="Står på kvittot när samtycket registrerades, till exempel S-KM47-TR92.",
        validators=[
            _required_if(
                "basis", {"samtycke"}, "Skriv referensen till det registrerade samtycket."
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
            _required_if("kind", {"akut"}, "Beskriv varför ärendet inte kan vänta."),
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
        choices=as_choices(v.PARTICIPATION),
        validators=[InputRequired("Välj hur du deltar.")],
    )

    def guarded_fields(self) -> list[Field]:
        """The free-text fields the de-identification guard checks, in page order."""
        fields = [self.case_description, self.question, self.other_actors]
        if self.kind.data == "akut":
            fields.insert(0, self.acute_reason)
        return fields


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
    valid_from = DateField(
        "Gäller från",
        description="Skriv datum som år-månad-dag, till exempel 2026-11-22.",
        validators=[InputRequired("Skriv från vilket datum samtycket gäller.")],
    )
    valid_until = DateField(
        "Gäller till och med",
        description="Formulärtjänsten godtar högst 12 månader efter startdatum. Det är "
        "formulärtjänstens eget val, inte ett krav i lag. Välj så kort tid som ärendet behöver.",
        validators=[InputRequired("Skriv till och med vilket datum samtycket gäller.")],
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
            _required_if("original_kept_by", {"annan"}, "Skriv namnet på organisationen."),
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
        if not start or not end:
            return
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

    def guarded_fields(self) -> list[Field]:
        return [self.original_case_reference, self.other_parties]


class ConfirmForm(NorrskenForm):
    """An empty form: the CSRF token for buttons such as "Återkalla"."""


class CheckTextForm(NorrskenForm):
    """The live de-identification hint: one text to check."""

    text = TextAreaField(validators=[Length(max=CASE_DESCRIPTION_MAX * 2)])


# --- Coordinator side -------------------------------------------------------------------------


class LoginForm(NorrskenForm):
    username = StringField("Användarnamn", validators=[DataRequired("Skriv ditt användarnamn.")])
    password = PasswordField("Lösenord", validators=[DataRequired("Skriv ditt lösenord.")])


class CodeForm(NorrskenForm):
    code = StringField(
        "Engångskod",
        description="Sex siffror från inloggningsappen i din telefon.",
        validators=[DataRequired("Skriv engångskoden."), Length(max=10)],
    )


class NewPasswordFields(NorrskenForm):
    new_password = PasswordField(
        "Nytt lösenord",
        description="Minst 12 tecken. En mening av flera ord är lätt att minnas och svår "
        "att gissa.",
        validators=[DataRequired("Välj ett lösenord."), Length(max=200)],
    )
    new_password_again = PasswordField(
        "Upprepa lösenordet",
        validators=[
            DataRequired("Skriv lösenordet en gång till."),
            EqualTo("new_password", "Lösenorden är inte likadana."),
        ],
    )


class EnrolForm(NewPasswordFields):
    code = StringField(
        "Engångskod från appen",
        description="Skanna QR-koden med inloggningsappen och skriv in koden den visar.",
        validators=[DataRequired("Skriv engångskoden från appen."), Length(max=10)],
    )
    totp_secret = HiddenField()


class PasswordChangeForm(NewPasswordFields):
    current_password = PasswordField(
        "Nuvarande lösenord", validators=[DataRequired("Skriv ditt nuvarande lösenord.")]
    )


class StatusForm(NorrskenForm):
    status = SelectField("Ny status", validators=[DataRequired("Välj en status.")])
    decline_reason = SelectField(
        "Skäl till att förfrågan avböjs",
        choices=as_choices([("", "Välj skäl"), *v.DECLINE_REASONS]),
        default="",
    )
    comment = TextAreaField(
        "Kommentar eller meddelande",
        description="Vid ”behöver komplettering” visas texten för den som skickade förfrågan. "
        "Den kontrolleras som ärendetext.",
        validators=[Length(max=1500, message="Skriv högst 1500 tecken.")],
    )

    def validate_decline_reason(self, field):
        if self.status.data == "avbojd" and not field.data:
            raise ValidationError("Välj varför förfrågan avböjs.")

    def validate_comment(self, field):
        if self.status.data == "komplettering" and not (field.data or "").strip():
            raise ValidationError("Skriv vad som behöver kompletteras.")
        if self.status.data == "avbojd" and not (field.data or "").strip():
            raise ValidationError("Skriv en kort motivering till att förfrågan avböjs.")


class NoteForm(NorrskenForm):
    text = TextAreaField(
        "Text",
        validators=[
            DataRequired("Skriv något."),
            Length(max=2000, message="Skriv högst 2000 tecken."),
        ],
    )


class PlanForm(NorrskenForm):
    meeting = SelectField("Samråd", validators=[DataRequired("Välj ett samråd.")])
    invited_parties = MultiCheckboxField(
        "Inbjudna parter",
        description="Förvalt: de parter som efterfrågades och socialtjänsten i hemkommunen.",
        choices=as_choices(v.PARTIES),
        validators=[at_least_one("Välj minst en part.")],
    )


class AgendaItemForm(NorrskenForm):
    invited_parties = MultiCheckboxField(
        "Inbjudna parter",
        choices=as_choices(v.PARTIES),
        validators=[at_least_one("Välj minst en part.")],
    )


class AcuteMeetingForm(NorrskenForm):
    day = DateField("Datum", validators=[InputRequired("Skriv datum.")])
    start_time = TimeField("Klockslag", validators=[InputRequired("Skriv klockslag.")])
    place = StringField(
        "Plats",
        default="Östersund",
        validators=[DataRequired("Skriv plats."), Length(max=120)],
    )


class QueueFilterForm(NorrskenForm):
    """The queue's filters: read from the query string, so no CSRF token is needed."""

    class Meta:
        csrf = False
        locales = ("sv_SE", "sv")

    status = MultiCheckboxField("Status", choices=as_choices(v.STATUSES), validators=[Optional()])
    kind = SelectField(
        "Sorts samråd", choices=as_choices([("", "Alla"), *v.KINDS]), validators=[Optional()]
    )
    basis = SelectField(
        "Grund", choices=as_choices([("", "Alla"), *v.BASES]), validators=[Optional()]
    )
    municipality = SelectField(
        "Hemkommun", choices=as_choices([("", "Alla"), *v.MUNICIPALITIES]), validators=[Optional()]
    )
    received_from = DateField("Inkommen från", validators=[Optional()])
    received_to = DateField("Inkommen till och med", validators=[Optional()])


class AuditFilterForm(NorrskenForm):
    class Meta:
        csrf = False
        locales = ("sv_SE", "sv")

    event_type = SelectField("Händelse", validators=[Optional()])
    actor = StringField("Vem", validators=[Optional(), Length(max=40)])
    day_from = DateField("Från", validators=[Optional()])
    day_to = DateField("Till och med", validators=[Optional()])
