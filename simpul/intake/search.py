"""Search provider of the intake module: a report by its tracking code, reports naming a person
by NIK, phone or name (blind indexes). Rows show the code, status and date: never a name."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from simpul import access
from simpul.core.search import MAX_HITS, Hit, Query
from simpul.crypto.blind import blind_index
from simpul.intake import codes
from simpul.intake.models import Report
from simpul.people.search import person_ids

FIELDS = ("uid", "tracking_code", "status", "received_at", "risk")


def _hit(report: Report, url: str) -> Hit:
    detail = " · ".join(x for x in (report.get_status_display(), formats.date_format(report.received_at, "j M Y"), report.get_risk_display() if report.risk else "") if x)
    return Hit(_("Pengaduan"), report.display_code, detail, url)


def search(actor: access.Actor, query: Query) -> list[Hit]:
    hits: list[Hit] = []
    officer = access.can(actor, "intake.queue")
    if "code" in query.kinds:
        code = codes.normalise_code(query.text)
        if code:
            for r in access.visible(actor, Report, "view").filter(tracking_code=code).only(*FIELDS)[:1]:
                hits.append(_hit(r, reverse("intake:detail", kwargs={"uid": r.uid})))
            if not hits:
                for r in access.visible(actor, Report, "own").filter(tracking_code=code).only(*FIELDS)[:1]:
                    hits.append(_hit(r, reverse("intake:field_list")))
    if not officer:
        return hits
    cond = Q(pk__in=[])
    if "nik" in query.kinds:
        cond |= Q(victim_nik_bidx=blind_index("nik", query.digits))
    if "phone" in query.kinds:
        key = blind_index("phone", query.digits)
        cond |= Q(victim_phone_bidx=key) | Q(reporter_phone_bidx=key)
    persons = person_ids(
        nik=query.digits if "nik" in query.kinds else "",
        phone=query.digits if "phone" in query.kinds else "",
        name=query.text if "name" in query.kinds else "",
    )
    if persons:
        cond |= Q(victim_person_id__in=persons) | Q(reporter_person_id__in=persons)
    if {"nik", "phone", "name"} & query.kinds:
        for r in access.visible(actor, Report, "view").filter(cond).only(*FIELDS).order_by("-received_at")[:MAX_HITS]:
            hits.append(_hit(r, reverse("intake:detail", kwargs={"uid": r.uid})))
    return hits


def register() -> None:
    from simpul.core import search as registry

    registry.register_search(search)
