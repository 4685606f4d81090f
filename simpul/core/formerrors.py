"""A service's ValidationError shown on the form that was submitted (one helper for every view)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def errors_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """Attach ``exc``'s messages to ``form``: field errors to their field when the form has it,
    everything else to the form as a whole (shown above the fields)."""
    if hasattr(exc, "error_dict"):
        for name, errs in exc.message_dict.items():
            for e in errs:
                form.add_error(name if name in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)
