"""The coordinator's forms: login, enrolment, password, status, notes, planning, filters."""

from __future__ import annotations

from flask import current_app
from wtforms import (
    DateField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
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

    GUARDED = ("comment",)

    def validate_decline_reason(self, field):
        if self.status.data == Status.DECLINED and not field.data:
            raise ValidationError("Välj varför förfrågan avböjs.")

    def validate_comment(self, field):
        if self.status.data == Status.NEEDS_INFO and not (field.data or "").strip():
            raise ValidationError("Skriv vad som behöver kompletteras.")
        if self.status.data == Status.DECLINED and not (field.data or "").strip():
            raise ValidationError("Skriv en kort motivering till att förfrågan avböjs.")


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


class AgendaItemForm(NorrskenForm):
    invited_parties = MultiCheckboxField(
        "Inbjudna parter",
        choices=as_choices(v.PARTIES),
        validators=[at_least_one("Välj minst en part.")],
    )


class AcuteMeetingForm(NorrskenForm):
    day = DateField("Datum", validators=[InputRequired("Skriv datum."), within_years])
    start_time = TimeField("Klockslag", validators=[InputRequired("Skriv klockslag.")])
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
    received_from = DateField("Inkommen från", validators=[Optional(), within_years])
    received_to = DateField("Inkommen till och med", validators=[Optional(), within_years])


class AuditFilterForm(FilterForm):
    """The audit log's filters, from the query string."""

    event_type = SelectField("Händelse", validators=[Optional()])
    actor = StringField("Vem", validators=[Optional(), Length(max=40)])
    day_from = DateField("Från", validators=[Optional(), within_years])
    day_to = DateField("Till och med", validators=[Optional(), within_years])
