"""What the cases module holds about a person, for the privacy core (access exports, erasure,
retention, breach register). Registered in CasesConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from simpul.cases.models import Case, CaseParty, Status


def describe_person(person: Any) -> list[Any]:
    from simpul.privacy.registry import Section

    sections = []
    for party in CaseParty.objects.filter(person=person).select_related("case", "case__organisation", "case__region"):
        c = party.case
        s = Section(_("Kasus %(n)s") % {"n": c.number})
        s.add(_("Peran"), party.get_role_display())
        s.add(_("UPTD PPA"), c.organisation.name)
        s.add(_("Jenis kasus"), c.get_jenis_kasus_display())
        s.add(_("Tahap"), c.get_stage_display())
        s.add(_("Status"), c.get_status_display())
        s.add(_("Tanggal lapor"), c.reported_at.strftime("%d-%m-%Y"))
        s.add(_("Wilayah kejadian"), f"{c.region_id} {c.region.name}")
        if party.age_at_incident is not None:
            s.add(_("Usia saat kejadian"), party.age_at_incident)
        if party.ampk_category:
            s.add(_("Kategori AMPK"), party.get_ampk_category_display())
        if party.abh_role:
            s.add(_("Peran ABH"), party.get_abh_role_display())
        services = ", ".join(sorted({sd.get_service_type_display() for sd in c.services.all()}))
        s.add(_("Layanan"), services or "—")
        referrals = ", ".join(f"{r.to_org} ({r.get_status_display()})" for r in c.referrals.select_related("to_org"))
        s.add(_("Rujukan"), referrals or "—")
        sections.append(s)
    return sections


def erase_person(person: Any, actor: Any) -> Any:
    """The person's identity is erased by the people provider (pseudonym). The case file keeps
    its narrative (chronology, notes) because it is needed for the service and the law; those
    texts are reviewed case by case, not blanked automatically. Nothing is cleared here."""
    from simpul.privacy.registry import ErasureResult

    return ErasureResult("cases", 0, [])


def case_holds(person: Any) -> list[str]:
    """Open cases keep the person's data (the case is still being handled)."""
    return [
        _("Kasus terbuka %(n)s") % {"n": n}
        for n in Case.objects.filter(parties__person=person, status=Status.OPEN).values_list("number", flat=True).distinct()
    ]


def retention_blocks(person_ids: set[int], cutoff: dt.datetime) -> Iterable[int]:
    """Persons in a case that is open or closed after ``cutoff`` are still needed."""
    from django.db.models import Q

    return set(
        CaseParty.objects.filter(person_id__in=person_ids)
        .filter(Q(case__status=Status.OPEN) | Q(case__closed_at__gte=cutoff))
        .values_list("person_id", flat=True)
    )


def persons_for_object(object_type: str, object_id: str) -> Iterable[int]:
    if not object_id.isdigit():
        return []
    if object_type == "cases.case":
        return list(CaseParty.objects.filter(case_id=int(object_id)).values_list("person_id", flat=True))
    if object_type == "cases.referral":
        from simpul.cases.models import Referral

        case_id = Referral.objects.filter(pk=int(object_id)).values_list("case_id", flat=True).first()
        return list(CaseParty.objects.filter(case_id=case_id).values_list("person_id", flat=True)) if case_id else []
    return []


def register() -> None:
    try:
        from simpul.privacy.registry import PersonDataProvider, register_provider
    except ImportError:  # pragma: no cover - privacy is installed
        return
    register_provider(
        PersonDataProvider(
            name="cases",
            describe=describe_person,
            erase=erase_person,
            holds=case_holds,
            retention_blocks=retention_blocks,
            persons_for_object=persons_for_object,
            order=30,
        )
    )
