"""Search provider of the cases module: a case by its number, cases naming a person found by
NIK, phone or name (blind indexes), and referrals received by a partner (by case number).
Rows are masked (initials, age band, masked NIK); reads go through the access layer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from simpul import access
from simpul.cases.models import Case, CaseParty, PartyRole, Referral, Stage
from simpul.core.search import MAX_HITS, Hit, Query
from simpul.people.nik import mask_nik
from simpul.people.search import person_ids
from simpul.people.services import initials


def _age_band(age: int | None) -> str:
    from simpul.cases.selectors import age_band

    return age_band(age)


def search(actor: access.Actor, query: Query) -> list[Hit]:
    hits: list[Hit] = []
    if "number" in query.kinds:
        number = query.text.replace(" ", "")
        for uid, num, stage in access.visible(actor, Case, "view").filter(number=number).values_list("uid", "number", "stage")[:5]:
            detail = str(Stage(stage).label) if stage in Stage.values else stage
            hits.append(Hit(_("Kasus"), num, detail, reverse("cases:detail", kwargs={"uid": uid})))
        for ref in access.visible(actor, Referral, "view_shared").filter(case__number=number).select_related("case").only("uid", "status", "case__number")[:5]:
            hits.append(Hit(_("Rujukan masuk"), ref.case.number, ref.get_status_display(), reverse("cases:referral_detail", kwargs={"uid": ref.uid})))
    wanted = {
        "nik": query.digits if "nik" in query.kinds else "",
        "phone": query.digits if "phone" in query.kinds else "",
        "name": query.text if "name" in query.kinds else "",
    }
    if any(wanted.values()) and actor.has_role("kepala", "manajer_kasus", "pendamping"):
        ids = person_ids(**wanted)
        if ids:
            parties = (
                CaseParty.objects.filter(person_id__in=ids, case__in=access.visible(actor, Case, "view").values("pk"))
                .select_related("case", "person")
                .order_by("-case__reported_at", "pk")[:MAX_HITS]
            )
            for p in parties:
                person = p.person
                age = getattr(p, "age_at_incident", None)
                detail = " · ".join(
                    x for x in (
                        str(PartyRole(p.role).label) if p.role in PartyRole.values else p.role,
                        initials(person.full_name),
                        _age_band(age) if age is not None else "",
                        mask_nik(person.nik) if person.nik else "",
                    ) if x
                )
                hits.append(Hit(_("Kasus"), p.case.number, detail, reverse("cases:detail", kwargs={"uid": p.case.uid})))
    return hits


def register() -> None:
    from simpul.core import search as registry

    registry.register_search(search)
