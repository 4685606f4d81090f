"""The user guide: one page, the sections for the user's roles first; a printable handout (PDF)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from simpul import access
from simpul.guide import content, handout


def _sections(request: HttpRequest) -> list[content.Section]:
    if not access.can(request.user, "guide.read"):
        raise PermissionDenied
    return content.ordered_for(set(access.actor_for(request.user).roles))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    sections = _sections(request)
    mine = {s.key for s in sections if set(access.actor_for(request.user).roles) & set(s.roles)}
    return render(request, "guide/index.html", {"sections": sections, "mine": mine, "widths": content.WIDTHS})


@login_required
def handout_pdf(request: HttpRequest) -> HttpResponse:
    sections = _sections(request)
    response = HttpResponse(handout.build_pdf(sections), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="panduan-simpul.pdf"'
    return response
