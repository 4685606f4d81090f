"""Case notes (corrections keep the old version), tasks and their reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.access.core import AccessDenied
from simpul.audit.services import record
from simpul.cases.models import (
    Case,
    CaseNote,
    CaseTask,
    TaskStatus,
)
from simpul.cases.writes import _event

# --- Notes, tasks ------------------------------------------------------------------------------


@transaction.atomic
def note_add(*, actor: Any, case: Case, text: str) -> CaseNote:
    access.check(actor, "note", case)
    if not (text or "").strip():
        raise ValidationError({"text": _("Isian ini wajib diisi.")})
    note = CaseNote.objects.create(case=case, text=text, author=actor)
    _event(case, actor, "note.add", note=note.pk)
    record("case.note_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["text"], extra={"note": note.pk})
    return note


@transaction.atomic
def note_correct(*, actor: Any, note: CaseNote, text: str) -> CaseNote:
    """A correction is a new note; the previous version is kept (``replaces``)."""
    case = note.case
    access.check(actor, "note", case)
    if not note.is_current:
        raise ValidationError(_("Catatan ini sudah dikoreksi; koreksi versi terbaru."))
    if note.author_id != getattr(actor, "pk", None) and not access.can(actor, "approve", case):
        raise AccessDenied(_("Hanya penulis atau manajer kasus yang dapat mengoreksi catatan."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Isian ini wajib diisi.")})
    CaseNote.objects.filter(pk=note.pk).update(is_current=False)
    new = CaseNote.objects.create(case=case, text=text, author=actor, replaces=note)
    _event(case, actor, "note.correct", note=new.pk, replaces=note.pk)
    record("case.note_correct", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["text"], extra={"note": new.pk, "replaces": note.pk})
    return new


@transaction.atomic
def task_add(*, actor: Any, case: Case, title: str, due_date: dt.date, assignee: Any = None) -> CaseTask:
    access.check(actor, "task", case)
    if not (title or "").strip():
        raise ValidationError({"title": _("Isian ini wajib diisi.")})
    if assignee is not None and not access.can(assignee, "view", case):
        raise ValidationError({"assignee": _("Petugas ini tidak menangani kasus ini.")})
    task = CaseTask.objects.create(case=case, title=title, due_date=due_date, assignee=assignee or actor, created_by=actor)
    _event(case, actor, "task.add", task=task.pk, due=due_date.isoformat())
    record("case.task_add", actor=actor, obj=case, organisation_id=case.organisation_id, fields=["title", "due_date"], extra={"task": task.pk})
    return task


@transaction.atomic
def task_done(*, actor: Any, task: CaseTask) -> CaseTask:
    access.check(actor, "task", task.case)
    if task.status != TaskStatus.OPEN:
        raise ValidationError(_("Tugas ini sudah ditutup."))
    task.status = TaskStatus.DONE
    task.done_at = timezone.now()
    task.save(update_fields=["status", "done_at"])
    _event(task.case, actor, "task.done", task=task.pk)
    record("case.task_done", actor=actor, obj=task.case, organisation_id=task.case.organisation_id, extra={"task": task.pk})
    return task
