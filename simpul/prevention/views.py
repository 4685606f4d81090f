"""Prevention pages: thin; parse, call a service or selector, render."""

from __future__ import annotations

import csv
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul import validators as v
from simpul.accounts.models import Organisation
from simpul.accounts.selectors import organisations_where
from simpul.core.exports import safe_cell
from simpul.core.formerrors import errors_to_form
from simpul.files import services as files_services
from simpul.files import views as files_views
from simpul.prevention import forms, selectors, services
from simpul.prevention.models import (
    Activity,
    ActivityType,
    Campaign,
    StakeholderGroup,
)


def _managed_orgs(user: Any) -> Any:
    return organisations_where(user, "kepala", "admin")


def _year(request: HttpRequest) -> int | None:
    return v.int_or_none(request.GET.get("tahun", ""), v.EARLIEST_EVENT.year, v.LATEST_PLAN.year)


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "prevention.use")
    year = _year(request)
    type_ = request.GET.get("jenis", "")
    if type_ not in ActivityType.values:
        type_ = ""
    rows = list(selectors.activities(actor=request.user, year=year, type=type_)[:200])
    return render(request, "prevention/list.html", {
        "rows": rows, "year": year, "type": type_, "types": ActivityType.choices,
        "can_manage": access.can(request.user, "prevention.manage"),
        "can_reference": access.can(request.user, "prevention.reference"),
    })


def _activity_form(request: HttpRequest, org: Organisation | None, instance: Activity | None, orgs: Any = None) -> forms.ActivityForm:
    form = forms.ActivityForm(request.POST or None, instance=instance, organisation=org)
    if orgs is not None and orgs.count() > 1:
        form.fields["organisation"] = djforms.ModelChoiceField(label=_("Penyelenggara"), queryset=orgs, initial=org)
        form.order_fields(["organisation"])
    return form


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "prevention.manage")
    orgs = _managed_orgs(request.user)
    org = orgs.first()
    if request.method == "POST" and request.POST.get("organisation"):
        org = orgs.filter(pk=request.POST.get("organisation")).first() or org
    form = _activity_form(request, org, None, orgs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            chosen = data.pop("organisation", None) or org
            try:
                activity = services.activity_create(actor=request.user, organisation=chosen, data=data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Kegiatan disimpan. Tambahkan jumlah peserta per kelompok."))
                return redirect("prevention:activity_detail", pk=activity.pk)
        status = 400
    return render(request, "prevention/activity_form.html", {"form": form, "new": True}, status=status)


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_or_404(request.user, Activity, "edit", pk=pk)
    form = _activity_form(request, activity.organisation, activity)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.activity_update(actor=request.user, activity=activity, data=dict(form.cleaned_data))
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Perubahan disimpan."))
                return redirect("prevention:activity_detail", pk=activity.pk)
        status = 400
    return render(request, "prevention/activity_form.html", {"form": form, "activity": activity, "new": False}, status=status)


def _detail_context(request: HttpRequest, activity: Activity, **extra: Any) -> dict[str, Any]:
    can_edit = access.can(request.user, "edit", activity)
    counts = selectors.counts_of(activity)
    today = timezone.localdate()
    follow_ups = [(f, f.is_overdue(today)) for f in activity.follow_ups.select_related("owner_org")]
    ctx = {
        "activity": activity,
        "can_edit": can_edit,
        "can_attendees": access.can(request.user, "attendees", activity),
        "topics": [r.get_topic_display() for r in activity.topic_rows.all()],
        "partners": list(activity.partners.all()),
        "speakers": list(activity.speakers.all()),
        "sessions": list(activity.sessions.select_related("speaker")),
        "counts": counts,
        "counted": sum(c.count for c in counts),
        "n_attendees": activity.attendees.count(),
        "follow_ups": follow_ups,
        "speaker_form": forms.SpeakerForm(),
        "session_form": forms.SessionForm(activity=activity),
        "count_form": forms.CountForm(),
        "followup_form": forms.FollowUpForm(),
        "status_choices": forms.FollowUpStatusForm().fields["status"].choices,  # type: ignore[attr-defined]
        "attachments": list(files_services.attachments_for(request.user, activity)),
        "upload_form": files_views.upload_form() if can_edit else None,
    }
    ctx.update(extra)
    return ctx


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_or_404(request.user, Activity.objects.select_related("organisation", "region", "campaign"), "view", pk=pk)
    return render(request, "prevention/activity_detail.html", _detail_context(request, activity))


def _post_sub(request: HttpRequest, pk: int, form_key: str, make_form: Any, apply: Any) -> HttpResponse:
    activity = access.get_or_404(request.user, Activity.objects.select_related("organisation", "region", "campaign"), "edit", pk=pk)
    form = make_form(activity)
    if form.is_valid():
        try:
            apply(activity, form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect("prevention:activity_detail", pk=activity.pk)
    return render(request, "prevention/activity_detail.html", _detail_context(request, activity, **{form_key: form}), status=400)


@require_POST
@login_required
def speaker_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_sub(request, pk, "speaker_form", lambda a: forms.SpeakerForm(request.POST),
                     lambda a, d: services.speaker_add(actor=request.user, activity=a, **d))


@require_POST
@login_required
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_sub(request, pk, "session_form", lambda a: forms.SessionForm(request.POST, activity=a),
                     lambda a, d: services.session_add(actor=request.user, activity=a, **d))


@require_POST
@login_required
def count_set(request: HttpRequest, pk: int) -> HttpResponse:
    if request.POST.get("delete"):
        activity = access.get_or_404(request.user, Activity, "edit", pk=pk)
        try:
            services.count_delete(actor=request.user, activity=activity, row_id=int(request.POST["delete"]))
        except ValueError:
            pass
        return redirect("prevention:activity_detail", pk=activity.pk)
    return _post_sub(request, pk, "count_form", lambda a: forms.CountForm(request.POST),
                     lambda a, d: services.count_set(actor=request.user, activity=a, **d))


@require_POST
@login_required
def followup_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_sub(request, pk, "followup_form", lambda a: forms.FollowUpForm(request.POST),
                     lambda a, d: services.followup_add(actor=request.user, activity=a, data=d))


@require_POST
@login_required
def followup_status(request: HttpRequest, pk: int, fid: int) -> HttpResponse:
    activity = access.get_or_404(request.user, Activity, "edit", pk=pk)
    followup = selectors.followup_of(activity, fid)
    form = forms.FollowUpStatusForm(request.POST)
    if followup is None:
        return render(request, "core/error.html", {"title": _("Tidak ditemukan"), "message": _("Tindak lanjut tidak ditemukan.")}, status=404)
    if not form.is_valid():
        messages.error(request, _("Status tidak dikenal."))
        return redirect("prevention:activity_detail", pk=activity.pk)
    services.followup_set_status(actor=request.user, followup=followup, status=form.cleaned_data["status"])
    messages.success(request, _("Status tindak lanjut diperbarui."))
    return redirect("prevention:activity_detail", pk=activity.pk)


@require_POST
@login_required
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance scans, photos, materials: stored encrypted by the files module."""
    activity = access.get_or_404(request.user, Activity.objects.select_related("organisation", "region", "campaign"), "edit", pk=pk)
    form, att = files_views.handle_upload(request, owner=activity, organisation=activity.organisation)
    if att is None:
        return render(request, "prevention/activity_detail.html", _detail_context(request, activity, upload_form=form), status=400)
    messages.success(request, _("Lampiran diunggah."))
    return redirect("prevention:activity_detail", pk=activity.pk)


@login_required
def attendees(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_or_404(request.user, Activity, "attendees", pk=pk)
    form = forms.AttendeeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attendee_add(actor=request.user, activity=activity, data=form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Peserta ditambahkan ke daftar hadir."))
                return redirect("prevention:attendees", pk=activity.pk)
        status = 400
    rows = selectors.attendees(actor=request.user, activity=activity, request=request)
    return render(request, "prevention/attendees.html", {"activity": activity, "rows": rows, "form": form}, status=status)


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "prevention.use")
    orgs = _managed_orgs(request.user)
    can_create = orgs.exists()
    form = forms.CampaignForm(request.POST or None)
    status = 200
    if request.method == "POST":
        access.check(request.user, "prevention.manage")
        if form.is_valid():
            try:
                services.campaign_create(actor=request.user, organisation=orgs.first(), data=form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Kampanye disimpan."))
                return redirect("prevention:campaign_list")
        status = 400
    rows = access.visible(request.user, Campaign, "view").select_related("organisation")
    return render(request, "prevention/campaigns.html", {"rows": rows, "form": form, "can_create": can_create}, status=status)


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.get_or_404(request.user, Campaign, "view", pk=pk)
    result = selectors.reach(actor=request.user, campaign_id=campaign.pk)
    rows = list(selectors.activities(actor=request.user, campaign_id=campaign.pk)[:200])
    return render(request, "prevention/campaign_detail.html", {"campaign": campaign, "reach": result, "rows": rows})


def _reach_from_request(request: HttpRequest) -> tuple[forms.ReachFilterForm, selectors.Reach]:
    form = forms.ReachFilterForm(request.GET or None)
    params: dict[str, Any] = {}
    if form.is_valid():
        d = form.cleaned_data
        params = {"start": d.get("start"), "end": d.get("end"), "campaign_id": d["campaign"].pk if d.get("campaign") else None,
                  "topic": d.get("topic") or "", "type": d.get("type") or ""}
    return form, selectors.reach(actor=request.user, **params)


@login_required
def reach(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "prevention.reach")
    form, result = _reach_from_request(request)
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "prevention/reach.html", {"form": form, "reach": result, "query": request.GET.urlencode()}, status=status)


@login_required
def reach_csv(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "prevention.reach")
    form, result = _reach_from_request(request)
    if request.GET and not form.is_valid():
        return HttpResponse(_("Filter tidak valid."), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jangkauan-{timezone.localdate():%Y%m%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(["rincian", "kode", "label", "jumlah_orang"])
    writer.writerow(["total", "", _("Jumlah"), result.total])
    for b in result.breakdowns:
        for code, label, n in b.rows:
            writer.writerow([b.key, code, _csv_safe(str(label)), n])
    selectors.reach_exported(actor=request.user, request=request, fmt="csv")
    return response


def _csv_safe(value: str) -> str:
    return str(safe_cell(value))


@login_required
def groups(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "prevention.reference")
    form = forms.GroupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.group_save(actor=request.user, group=None, data=form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Kelompok peserta disimpan."))
                return redirect("prevention:groups")
        status = 400
    return render(request, "prevention/groups.html", {"rows": StakeholderGroup.objects.all(), "form": form}, status=status)


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.check(request.user, "prevention.reference")
    group = access.get_or_404(request.user, StakeholderGroup, "edit", pk=pk)
    form = forms.GroupForm(request.POST or None, instance=group)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.group_save(actor=request.user, group=group, data=form.cleaned_data)
            messages.success(request, _("Kelompok peserta disimpan."))
            return redirect("prevention:groups")
        status = 400
    return render(request, "prevention/group_edit.html", {"group": group, "form": form}, status=status)
