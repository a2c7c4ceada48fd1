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
    PlanForm,
    QueueFilterForm,
    StatusForm,
)
from .public import (
    ACUTE_REASON_MAX,
    CASE_DESCRIPTION_MAX,
    DECLARATION_TEXT,
    DECLARATION_VERSION,
    QUESTION_MAX,
    CheckTextForm,
    ConsentForm,
    DeclarationForm,
    RequestForm,
    SubmitterFields,
)

__all__ = [
    "ACUTE_REASON_MAX",
    "CASE_DESCRIPTION_MAX",
    "DECLARATION_TEXT",
    "DECLARATION_VERSION",
    "QUESTION_MAX",
    "AcuteMeetingForm",
    "AgendaItemForm",
    "AuditFilterForm",
    "CheckTextForm",
    "CodeForm",
    "ConfirmForm",
    "ConsentForm",
    "DeclarationForm",
    "EnrolForm",
    "FilterForm",
    "LoginForm",
    "MultiCheckboxField",
    "NewPasswordFields",
    "NorrskenForm",
    "NoteForm",
    "PasswordChangeForm",
    "PlanForm",
    "QueueFilterForm",
    "RequestForm",
    "StatusForm",
    "SubmitterFields",
    "add_months",
    "as_choices",
    "at_least_one",
    "valid_work_phone",
]
