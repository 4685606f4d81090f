"""Case work: parties, incidents, relationships, assessment, services, legal process, notes, tasks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.cases import forms, selectors, services
from simpul.cases.models import (
    PartyRole,
)
from simpul.cases.views.common import case_for, errors_to_form, form_action
from simpul.regions.models import Region


@login_required
def party_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "add_party")
    form = forms.PartyForm(request.POST or None, initial={"role": request.GET.get("peran", PartyRole.KORBAN)})

    def run(data: dict[str, Any]) -> Any:
        data = dict(data)
        role = data.pop("role")
        extra = {k: data.pop(k) for k in ("ampk_category", "abh_role", "unknown")}
        code = data.pop("address_region")
        person_fields = {k: v for k, v in data.items() if v not in ("", None, [])}
        if code:
            person_fields["address_region"] = Region.objects.get(code=code)
        return services.case_party_add(actor=request.user, case=case, role=role, **extra, **person_fields)

    return form_action(
        request, case, form, run, title=_("Tambah pihak"), submit=_("Simpan"), success=_("Pihak ditambahkan."),
        warnings_from=lambda result: result[1],
    )


PARTY_PERSON_FIELDS = (
    "full_name", "nik", "birth_date", "age_estimate", "sex", "disabilities", "education", "occupation",
    "marital_status", "nationality", "phone", "address_detail",
)


@login_required
def party_edit(request: HttpRequest, uid: Any, party_id: int) -> HttpResponse:
    """Correct a party's identity and attributes (a mistyped name, NIK or birth date)."""
    case = case_for(request, uid, "add_party")
    party = selectors.party_of(case, party_id)
    person = party.person
    initial = {name: getattr(person, name) for name in PARTY_PERSON_FIELDS}
    initial["address_region"] = person.address_region_id or ""
    if request.method == "GET":
        # Showing the form shows the identity: a view of identifying data (audited).
        selectors.audit_party_view(request.user, case, party, [n for n in PARTY_PERSON_FIELDS if initial.get(n)], request=request)
    form = forms.PartyPersonForm(request.POST or None, initial=initial)

    def run(data: dict[str, Any]) -> Any:
        data = dict(data)
        code = data.pop("address_region")
        fields = {k: (v if v not in ("",) else None) for k, v in data.items()}
        fields["disabilities"] = data.get("disabilities") or []
        fields["address_region"] = Region.objects.get(code=code) if code else None
        return services.case_party_update(actor=request.user, party=party, **fields)

    return form_action(
        request, case, form, run, title=_("Ubah data pihak"), submit=_("Simpan"), success=_("Data pihak diperbarui."),
        warnings_from=lambda result: result,
    )


@login_required
def incident_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "add_incident")
    form = forms.IncidentEntryForm(request.POST or None, initial={"region": case.region_id})
    return form_action(
        request, case, form,
        lambda d: services.incident_add(actor=request.user, case=case, **{**d, "region": d["region"] or None}),
        title=_("Catat kejadian"), submit=_("Simpan"), success=_("Kejadian dicatat."),
    )


@login_required
@require_POST
def relationship_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "add_incident")
    incident = selectors.latest_incident(case)
    if incident is None:
        messages.error(request, _("Catat kejadian terlebih dahulu."))
        return redirect("cases:detail", uid=case.uid)
    victims, perpetrators = selectors.parties_by_role(case)
    form = forms.RelationshipForm(
        request.POST, victims=[(p.pk, str(p.pk)) for p in victims], perpetrators=[(p.pk, str(p.pk)) for p in perpetrators]
    )
    return form_action(
        request, case, form,
        lambda d: services.relationship_set(actor=request.user, incident=incident, **d),
        title=_("Hubungan pelaku dengan korban"), submit=_("Simpan"), success=_("Hubungan dicatat."),
    )


@login_required
def assessment_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "assess")
    form = forms.AssessmentForm(request.POST or None, initial={"risk": case.risk})
    return form_action(
        request, case, form, lambda d: services.assessment_add(actor=request.user, case=case, **d),
        title=_("Asesmen biopsikososial"), submit=_("Simpan asesmen"), success=_("Asesmen disimpan."),
    )


@login_required
def service_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "service")
    providers = selectors.service_providers(case)
    form = forms.ServiceForm(request.POST or None, providers=[(o.pk, str(o)) for o in providers], initial={"start_date": timezone.localdate()})
    by_id = {o.pk: o for o in providers}
    return form_action(
        request, case, form,
        lambda d: services.service_add(actor=request.user, case=case, **{**d, "provider": by_id.get(d.get("provider") or 0)}),
        title=_("Catat layanan"), submit=_("Simpan"), success=_("Layanan dicatat."),
    )


@login_required
def legal_edit(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "legal")
    legal = selectors.legal_process_of(case)
    initial = {}
    if legal:
        initial = {f: getattr(legal, f) for f in ("police_report_number", "police_report_date", "stage", "stage_date", "diversion", "verdict_notes")}
    form = forms.LegalForm(request.POST or None, initial=initial)
    return form_action(
        request, case, form, lambda d: services.legal_save(actor=request.user, case=case, legal=legal, **d),
        title=_("Proses hukum"), submit=_("Simpan"), success=_("Proses hukum diperbarui."),
    )


@login_required
@require_POST
def note_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "note")
    form = forms.NoteForm(request.POST)
    return form_action(
        request, case, form, lambda d: services.note_add(actor=request.user, case=case, text=d["text"]),
        title=_("Catatan kasus"), submit=_("Simpan"), success=_("Catatan disimpan."),
    )


@login_required
def note_correct(request: HttpRequest, uid: Any, note_id: int) -> HttpResponse:
    case = case_for(request, uid, "note")
    note = selectors.note_of(case, note_id)
    form = forms.NoteForm(request.POST or None, initial={"text": note.text})
    return form_action(
        request, case, form, lambda d: services.note_correct(actor=request.user, note=note, text=d["text"]),
        title=_("Koreksi catatan (versi lama disimpan)"), submit=_("Simpan koreksi"), success=_("Catatan dikoreksi."),
    )


@login_required
@require_POST
def task_add(request: HttpRequest, uid: Any) -> HttpResponse:
    case = case_for(request, uid, "task")
    form = forms.TaskForm(request.POST)
    return form_action(
        request, case, form, lambda d: services.task_add(actor=request.user, case=case, **d),
        title=_("Tugas"), submit=_("Simpan"), success=_("Tugas ditambahkan."),
    )


@login_required
@require_POST
def task_done(request: HttpRequest, uid: Any, task_id: int) -> HttpResponse:
    case = case_for(request, uid, "task")
    task = selectors.task_of(case, task_id)
    try:
        services.task_done(actor=request.user, task=task)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("cases:detail", uid=case.uid)


@login_required
def consent_add(request: HttpRequest, uid: Any) -> HttpResponse:
    """Record the victims' consent from the case (through the privacy core). ``?lanjut=rujuk``
    returns to the referral form afterwards, so a referral never dead-ends on "no consent"."""
    case = case_for(request, uid, "assess")
    form = forms.ConsentForm(request.POST or None)
    then_refer = (request.GET.get("lanjut") or request.POST.get("lanjut")) == "rujuk"
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.case_consent_record(actor=request.user, case=case, **d)
            except ValidationError as exc:
                errors_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Persetujuan korban dicatat."))
                return redirect("cases:referral_add" if then_refer else "cases:detail", uid=case.uid)
        else:
            status = 400
    return render(
        request, "cases/consent.html",
        {"form": form, "case": case, "status": services.consent_status(case), "then_refer": then_refer},
        status=status,
    )
