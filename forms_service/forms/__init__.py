"""The WTForms forms, Swedish labels and messages.

Labels, hints and error messages are Swedish and follow the GOV.UK Design System's patterns (a
label and hint for every field, fieldsets with legends for choices). common.py holds the base
form and helpers, public.py the professionals' forms, coordinator.py the coordinator's.
Everything is importable from `forms_service.forms`.
"""

from .common import (
    ConfirmForm,
    FilterForm,
    MultiCheckboxField,
    NorrskenForm,
    add_months,
    as_choices,
    at_least_one,
    valid_work_phone,
)
from .coordinator import (
    AcuteMeetingForm,
    AgendaItemForm,
    AuditFilterForm,
    CodeForm,
    EnrolForm,
    LoginForm,
    NewPasswordFields,
    NoteForm,
    PasswordChangeForm,
    PeriodForm,
    PlanForm,
    QueueFilterForm,
    StatusForm,
)
from .dates import DatePartsField, TimeTextField
from .public import (
    ACUTE_REASON_MAX,
    CASE_DESCRIPTION_MAX,
    DECLARATION_TEXT,
    DECLARATION_VERSION,
    QUESTION_MAX,
    REPLY_MAX,
    CheckTextForm,
    ConsentForm,
    DeclarationForm,
    ReplyForm,
    RequestForm,
    SubmitterFields,
)

__all__ = [
    "ACUTE_REASON_MAX",
    "CASE_DESCRIPTION_MAX",
    "DECLARATION_TEXT",
    "DECLARATION_VERSION",
    "QUESTION_MAX",
    "REPLY_MAX",
    "AcuteMeetingForm",
    "AgendaItemForm",
    "AuditFilterForm",
    "CheckTextForm",
    "CodeForm",
    "ConfirmForm",
    "ConsentForm",
    "DatePartsField",
    "DeclarationForm",
    "EnrolForm",
    "FilterForm",
    "LoginForm",
    "MultiCheckboxField",
    "NewPasswordFields",
    "NorrskenForm",
    "NoteForm",
    "PasswordChangeForm",
    "PeriodForm",
    "PlanForm",
    "QueueFilterForm",
    "ReplyForm",
    "RequestForm",
    "StatusForm",
    "SubmitterFields",
    "TimeTextField",
    "add_months",
    "as_choices",
    "at_least_one",
    "valid_work_phone",
]
