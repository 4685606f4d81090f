"""Download of attachments (streamed, decrypted, access-checked, audited) and the upload helper
other modules call from their own views."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from simpul import access
from simpul.files.forms import AttachmentUploadForm
from simpul.files.models import Attachment
from simpul.files.services import (
    AttachmentRejected,
    AttachmentUnreadable,
    ascii_filename,
    attachment_open,
    attachment_store,
    max_bytes,
)

log = logging.getLogger(__name__)


@require_GET
@login_required
def download(request: HttpRequest, uid: Any) -> StreamingHttpResponse:
    att = access.get_or_404(request.user, Attachment, "view", uid=uid)
    try:
        stream = attachment_open(actor=request.user, attachment=att, request=request)
    except AttachmentUnreadable:
        # Ids only in the log; the user sees the generic error page.
        log.error("attachment %s unreadable", att.pk)
        raise
    response = StreamingHttpResponse(stream, content_type=att.mime_type)
    response["Content-Disposition"] = f'attachment; filename="{ascii_filename(att.original_name, att.mime_type)}"'
    response["Content-Length"] = str(att.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def handle_upload(
    request: HttpRequest,
    *,
    owner: models.Model,
    organisation: Any,
    access_action: str = "edit",
) -> tuple[AttachmentUploadForm, Attachment | None]:
    """For a module's own POST view: validate the upload form and store the file.

    Returns ``(form, attachment)``; on a refused file ``attachment`` is None and the form carries
    the Indonesian error (re-render it with status 400). Access is checked by the service.
    """
    form = AttachmentUploadForm(request.POST, request.FILES, max_mb=max_bytes() // (1024 * 1024))
    if not form.is_valid():
        return form, None
    try:
        att = attachment_store(
            actor=request.user,
            owner=owner,
            uploaded_file=form.cleaned_data["berkas"],
            organisation=organisation,
            access_action=access_action,
            request=request,
        )
    except AttachmentRejected as exc:
        form.add_error("berkas", exc)
        return form, None
    return form, att


def upload_form() -> AttachmentUploadForm:
    return AttachmentUploadForm(max_mb=max_bytes() // (1024 * 1024))


