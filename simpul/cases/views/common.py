"""Helpers shared by the case pages: the case of a URL (scoped), form errors, the generic form action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from simpul.cases import selectors
from simpul.cases.models import (
    Case,
)

PAGE_SIZES = (10, 25, 50, 100)


def errors_to_form(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errs in exc.message_dict.items():
            for e in errs:
                form.add_error(name if name in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def case_for(request: HttpRequest, uid: Any, action: str = "view") -> Case:
    """The case of the URL for the signed-in user: 404 if hidden, 403 if ``action`` is not allowed."""
    return selectors.case_of(request.user, uid, action)


def form_action(
    request: HttpRequest,
    case: Case,
    form: Any,
    run: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    submit: str,
    success: str,
    warnings_from: Callable[[Any], list[str]] | None = None,
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = run(form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
                status = 400
            else:
                for w in warnings_from(result) if warnings_from else []:
                    messages.warning(request, w)
                messages.success(request, success)
                return redirect("cases:detail", uid=case.uid)
        else:
            status = 400
    return render(request, "cases/form.html", {"form": form, "case": case, "title": title, "submit": submit}, status=status)
