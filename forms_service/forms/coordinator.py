"""The coordinator's forms: login, enrolment, password, status, notes, planning, filters."""

from __future__ import annotations

from flask import current_app
from wtforms import (
    BooleanField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from .. import vocabulary as v
from ..vocabulary import Status
from .common import (
    FilterForm,
    MultiCheckboxField,
    NorrskenForm,
    as_choices,
    at_least_one,
    within_years,
)
from .dates import DatePartsField, TimeTextField


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


class PasswordChangeForm(NewPasswordFields):
    current_password = PasswordField(
        "Nuvarande lösenord", validators=[DataRequired("Skriv ditt nuvarande lösenord.")]
    )


class StatusForm(NorrskenForm):
    """Change the status and/or write to the submitter: everything typed here is shown to the
    submitter (an internal note has its own form)."""

    status = SelectField("Status", default="")
    decline_reason = SelectField(
        "Skäl till att förfrågan avböjs (om du avböjer)",
        description="För statistiken. Visas inte för inlämnaren.",
        choices=as_choices([("", "Välj skäl"), *v.DECLINE_REASONS]),
        default="",
    )
    comment = TextAreaField(
        "Meddelande till inlämnaren",
        description="Visas på inlämnarens statussida. Skriv vad som behöver kompletteras, eller "
        "varför förfrågan avböjs. Kontrolleras som ärendetext.",
        validators=[Length(max=1500, message="Skriv högst 1500 tecken.")],
    )

    GUARDED = ("comment",)

    def validate_status(self, field):
        if not field.data and not (self.comment.data or "").strip():
            raise ValidationError("Välj en ny status eller skriv ett meddelande till inlämnaren.")

    def validate_decline_reason(self, field):
        if self.status.data == Status.DECLINED and not field.data:
            raise ValidationError("Välj varför förfrågan avböjs.")

    def validate_comment(self, field):
        if self.status.data == Status.NEEDS_INFO and not (field.data or "").strip():
            raise ValidationError("Skriv vad som behöver kompletteras.")
        if self.status.data == Status.DECLINED and not (field.data or "").strip():
            raise ValidationError("Skriv till inlämnaren varför förfrågan avböjs.")


class NoteForm(NorrskenForm):
    """Notes, messages, meeting notes and the annual commentary: one guarded text."""

    text = TextAreaField(
        "Text",
        validators=[
            DataRequired("Skriv något."),
            Length(max=2000, message="Skriv högst 2000 tecken."),
        ],
    )

    GUARDED = ("text",)


class PlanForm(NorrskenForm):
    meeting = SelectField("Samråd", validators=[DataRequired("Välj ett samråd.")])
    invited_parties = MultiCheckboxField(
        "Inbjudna parter",
        description="Förvalt: de parter som efterfrågades och socialtjänsten i hemkommunen.",
        choices=as_choices(v.PARTIES),
        validators=[at_least_one("Välj minst en part.")],
    )
    outside_consent = BooleanField(
        "Jag har kontrollerat att parter utanför samtycket ändå får bjudas in, till exempel "
        "för att ärendet tas upp avidentifierat med dem."
    )


class AgendaItemForm(NorrskenForm):
    invited_parties = MultiCheckboxField(
        "Inbjudna parter",
        choices=as_choices(v.PARTIES),
        validators=[at_least_one("Välj minst en part.")],
    )


class AcuteMeetingForm(NorrskenForm):
    day = DatePartsField(
        "Datum",
        description="Till exempel 24 11 2026.",
        validators=[InputRequired("Skriv datum."), within_years],
    )
    start_time = TimeTextField(
        "Klockslag",
        description="Timmar och minuter, till exempel 13.30.",
        validators=[InputRequired("Skriv klockslag.")],
    )
    place = StringField(
        "Plats",
        description="Visas också för den som skickade förfrågan, på statussidan. Skriv lokal "
        "eller ort, aldrig uppgifter om personen.",
        default=lambda: current_app.config["MEETING_PLACE"],
        validators=[
            DataRequired("Skriv plats."),
            Length(max=120, message="Skriv högst 120 tecken."),
        ],
    )

    GUARDED = ("place",)


class QueueFilterForm(FilterForm):
    """The queue's filters, from the query string."""

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
    received_from = DatePartsField("Inkommen från", validators=[Optional(), within_years])
    received_to = DatePartsField("Inkommen till och med", validators=[Optional(), within_years])


class PeriodForm(NorrskenForm):
    """The statistics page's own period (instead of a year or quarter)."""

    class Meta:
        csrf = False
        locales = ("sv_SE", "sv")

    fran = DatePartsField("Från", validators=[Optional(), within_years])
    till = DatePartsField("Till och med", validators=[Optional(), within_years])


class AuditFilterForm(FilterForm):
    """The audit log's filters, from the query string."""

    event_type = SelectField("Händelse", validators=[Optional()])
    actor = StringField("Vem", validators=[Optional(), Length(max=40)])
    day_from = DatePartsField("Från", validators=[Optional(), within_years])
    day_to = DatePartsField("Till och med", validators=[Optional(), within_years])
