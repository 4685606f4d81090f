"""Access requests: the person's data from every registered provider, as a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul import access
from simpul.audit import services as audit
from simpul.people.models import Person
from simpul.privacy import registry
from simpul.privacy.models import SubjectRequest


@dataclass
class Export:
    content: bytes
    filename: str
    content_type: str


def person_sections(person: Person) -> list[registry.Section]:
    sections: list[registry.Section] = []
    for provider in registry.providers():
        sections.extend(provider.describe(person) or [])
    return sections


def access_export(*, actor: Any, req: SubjectRequest, fmt: str) -> Export:
    """Everything held about the request's person, decrypted, for the officer to hand over."""
    from simpul.privacy import exports

    access.check(actor, "act", req)
    if req.person_id is None:
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    if fmt not in ("xlsx", "pdf"):
        raise ValidationError(_("Format tidak dikenal."))
    person = req.person
    if person is None:  # pragma: no cover - person_id checked above
        raise ValidationError(_("Tentukan dulu orang yang dimaksud."))
    sections = person_sections(person)
    now = timezone.localtime()
    title = _("Data pribadi yang disimpan Simpul")
    intro = [
        (_("Organisasi"), str(req.organisation)),
        (_("Dibuat"), now.strftime("%d-%m-%Y %H:%M")),
        (_("Dasar"), _("Permintaan akses subjek data (UU 27/2022)")),
        (_("Nomor permintaan"), str(req.uid)[:8]),
    ]
    if fmt == "xlsx":
        content = exports.build_xlsx(title, intro, sections)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.build_pdf(title, intro, sections)
        ctype = "application/pdf"
    audit.record(
        "privacy.export",
        actor=actor,
        object_type="people.person",
        object_id=person.pk,
        organisation_id=req.organisation_id,
        extra={"providers": [p.name for p in registry.providers()], "format": fmt, "request": str(req.uid), "sections": len(sections)},
    )
    return Export(content, f"akses-data-{str(req.uid)[:8]}-{now:%Y%m%d}.{fmt}", ctype)
