"""Coordination and RAD pages."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul import access
from simpul.accounts.selectors import organisations_where
from simpul.coordination import exports, forms, selectors, services
from simpul.coordination.models import (
    ActionItem,
    ActionStatus,
    DataSource,
    Indicator,
    Meeting,
    Plan,
    TaskForce,
    Volunteer,
)
from simpul.core.formerrors import errors_to_form

MANAGERS = services.MANAGERS


def _orgs(user: Any) -> Any:
    return organisations_where(user, *MANAGERS)


def _with_org(form: Any, orgs: Any) -> Any:
    if orgs.count() > 1:
        form.fields["organisation"] = djforms.ModelChoiceField(label=_("Organisasi"), queryset=orgs, initial=orgs.first())
        form.order_fields(["organisation"])
    return form


def _handle(request: HttpRequest, form: Any, save: Any, ok: str, template: str, ctx: dict[str, Any]) -> HttpResponse:
    """POST handling shared by the pages: valid -> service -> redirect; else re-show with 400."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                target = save(form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, ok)
                return redirect(target)
        status = 400
    return render(request, template, {**ctx, "form": form}, status=status)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "coordination.use")
    today = timezone.localdate()
    tfs = list(access.visible(request.user, TaskForce).select_related("organisation", "region"))
    overdue = (
        access.visible(request.user, ActionItem).filter(status__in=("terbuka", "berjalan"), due_date__lt=today).select_related("task_force").order_by("due_date")[:20]
    )
    plans = list(access.visible(request.user, Plan, "progress").select_related("organisation"))
    can_edit_plan = {p.pk for p in access.visible(request.user, Plan, "edit")}
    return render(request, "coordination/index.html", {
        "task_forces": tfs, "overdue": list(overdue), "plans": plans, "can_edit_plan": can_edit_plan,
        "can_manage": access.can(request.user, "coordination.manage"),
        "can_keep_registry": access.can(request.user, "coordination.registry"),
    })


def _create_for_org(
    request: HttpRequest, form_class: Any, save_service: Any, detail: str, message: str, title: str
) -> HttpResponse:
    """A new task force or plan for one of the user's organisations (the first when none is chosen)."""
    access.check(request.user, "coordination.manage")
    orgs = _orgs(request.user)
    form = _with_org(form_class(request.POST or None, region_code=orgs.first().region_id if orgs.exists() else None), orgs)

    def save(d: dict[str, Any]) -> Any:
        org = d.pop("organisation", None) or orgs.first()
        obj = save_service(actor=request.user, organisation=org, data=d)
        return reverse(detail, kwargs={"pk": obj.pk})

    return _handle(request, form, save, message, "coordination/form.html", {"title": title})


@login_required
def taskforce_create(request: HttpRequest) -> HttpResponse:
    return _create_for_org(
        request, forms.TaskForceForm, services.taskforce_save, "coordination:taskforce_detail",
        _("Gugus tugas disimpan."), _("Gugus tugas / jaringan baru"),
    )


@login_required
def taskforce_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tf = access.get_or_404(request.user, TaskForce.objects.select_related("organisation", "region"), "view", pk=pk)
    can_edit = access.can(request.user, "edit", tf)
    today = timezone.localdate()
    items = [(a, a.is_overdue(today)) for a in tf.action_items.select_related("owner_org")]
    return render(request, "coordination/taskforce_detail.html", {
        "tf": tf, "can_edit": can_edit,
        "members": list(tf.members.select_related("organisation", "user")),
        "meetings": list(tf.meetings.all()[:50]),
        "items": items, "status_choices": ActionStatus.choices,
        "member_form": forms.MemberForm() if can_edit else None,
    })


@require_POST
@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    tf = access.get_or_404(request.user, TaskForce, "edit", pk=pk)
    form = forms.MemberForm(request.POST)
    if form.is_valid():
        try:
            services.member_add(actor=request.user, task_force=tf, data=form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Anggota ditambahkan."))
            return redirect("coordination:taskforce_detail", pk=tf.pk)
    return render(request, "coordination/form.html", {"form": form, "title": _("Tambah anggota"), "back": tf}, status=400)


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    tf = access.get_or_404(request.user, TaskForce, "edit", pk=pk)
    form = forms.MeetingForm(request.POST or None, task_force=tf)

    def save(d: dict[str, Any]) -> Any:
        m = services.meeting_save(actor=request.user, task_force=tf, data=d)
        return reverse("coordination:meeting_detail", kwargs={"pk": m.pk})

    return _handle(request, form, save, _("Rapat disimpan."), "coordination/form.html", {"title": _("Rapat baru"), "back": tf})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_or_404(request.user, Meeting.objects.select_related("task_force"), "view", pk=pk)
    can_edit = access.can(request.user, "edit", meeting.task_force)
    today = timezone.localdate()
    form = forms.ActionForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise access.AccessDenied()

        def save(d: dict[str, Any]) -> Any:
            services.action_add(actor=request.user, task_force=meeting.task_force, meeting=meeting, data=d)
            return reverse("coordination:meeting_detail", kwargs={"pk": meeting.pk})

        ctx = {"meeting": meeting, "can_edit": can_edit, "status_choices": ActionStatus.choices, "attendees": list(meeting.attendees.all()),
               "items": [(a, a.is_overdue(today)) for a in meeting.action_items.select_related("owner_org")]}
        return _handle(request, form, save, _("Tindakan ditambahkan."), "coordination/meeting_detail.html", ctx)
    return render(request, "coordination/meeting_detail.html", {
        "meeting": meeting, "can_edit": can_edit, "form": form, "status_choices": ActionStatus.choices, "attendees": list(meeting.attendees.all()),
        "items": [(a, a.is_overdue(today)) for a in meeting.action_items.select_related("owner_org")],
    })


@require_POST
@login_required
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_or_404(request.user, ActionItem.objects.select_related("task_force"), "view", pk=pk)
    form = forms.ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_set_status(actor=request.user, item=item, status=form.cleaned_data["status"])
        messages.success(request, _("Status tindakan diperbarui."))
    else:
        messages.error(request, _("Status tidak dikenal."))
    return redirect("coordination:taskforce_detail", pk=item.task_force_id)


def _registry_orgs(user: Any) -> Any:
    return organisations_where(user, "kepala", children=True).order_by("name")  # the named registry: not admin


@login_required
def volunteers(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "coordination.registry")
    rows = selectors.volunteers(request.user, request=request)
    return render(request, "coordination/volunteers.html", {"rows": rows})


@login_required
def volunteer_create(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "coordination.registry")
    form = forms.VolunteerForm(request.POST or None, orgs=_registry_orgs(request.user))

    def save(d: dict[str, Any]) -> Any:
        services.volunteer_save(actor=request.user, data=d)
        return "coordination:volunteers"

    return _handle(request, form, save, _("Relawan/Satgas disimpan."), "coordination/form.html", {"title": _("Relawan / Satgas baru")})


@login_required
def volunteer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    v = access.get_or_404(request.user, Volunteer.objects.select_related("organisation"), "edit", pk=pk)
    form = forms.VolunteerForm(request.POST or None, instance=v, orgs=_registry_orgs(request.user))
    if request.method == "GET":
        selectors.volunteer_viewed(request.user, v, request=request)

    def save(d: dict[str, Any]) -> Any:
        services.volunteer_save(actor=request.user, volunteer=v, data=d)
        return "coordination:volunteers"

    return _handle(request, form, save, _("Relawan/Satgas disimpan."), "coordination/form.html", {"title": _("Ubah relawan / Satgas")})


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    return _create_for_org(
        request, forms.PlanForm, services.plan_save, "coordination:plan_detail",
        _("Rencana aksi disimpan."), _("Rencana aksi daerah baru"),
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_or_404(request.user, Plan.objects.select_related("organisation", "region"), "view", pk=pk)
    programmes = list(plan.programmes.prefetch_related("activities__indicators__responsible"))
    return render(request, "coordination/plan_detail.html", {
        "plan": plan, "programmes": programmes, "can_edit": access.can(request.user, "edit", plan),
        "programme_form": forms.NameForm(prefix="p"), "activity_form": forms.NameForm(prefix="a"),
    })


@require_POST
@login_required
def programme_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_or_404(request.user, Plan, "edit", pk=pk)
    form = forms.NameForm(request.POST, prefix="p")
    if form.is_valid():
        services.programme_add(actor=request.user, plan=plan, **form.cleaned_data)
        messages.success(request, _("Program ditambahkan."))
        return redirect("coordination:plan_detail", pk=plan.pk)
    return render(request, "coordination/form.html", {"form": form, "title": _("Tambah program")}, status=400)


@require_POST
@login_required
def plan_activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_for(request.user, pk, "edit")
    form = forms.NameForm(request.POST, prefix="a")
    if form.is_valid():
        services.plan_activity_add(actor=request.user, programme=programme, **form.cleaned_data)
        messages.success(request, _("Kegiatan ditambahkan."))
        return redirect("coordination:plan_detail", pk=programme.plan_id)
    return render(request, "coordination/form.html", {"form": form, "title": _("Tambah kegiatan")}, status=400)


@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.plan_activity_for(request.user, pk, "edit")
    form = forms.IndicatorForm(request.POST or None)

    def save(d: dict[str, Any]) -> Any:
        ind = services.indicator_add(actor=request.user, activity=activity, data=d)
        return reverse("coordination:indicator_detail", kwargs={"pk": ind.pk})

    return _handle(request, form, save, _("Indikator disimpan."), "coordination/form.html", {"title": _("Indikator baru")})


def _indicator_page(request: HttpRequest, ind: Indicator, target_form: Any = None, real_form: Any = None, status: int = 200) -> HttpResponse:
    plan = ind.activity.programme.plan
    rows = [r for r in selectors.progress(plan=plan) if r.indicator.pk == ind.pk]
    return render(request, "coordination/indicator_detail.html", {
        "ind": ind, "plan": plan, "row": rows[0] if rows else None,
        "can_edit": access.can(request.user, "edit", ind), "can_realise": access.can(request.user, "realise", ind),
        "computed": ind.source == DataSource.COMPUTED,
        "target_form": target_form or forms.YearValueForm(prefix="t"), "real_form": real_form or forms.RealisationForm(prefix="r"),
        "realisations": list(ind.realisations.select_related("entered_by")),
    }, status=status)


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ind = selectors.indicator_for(request.user, pk, "view")
    return _indicator_page(request, ind)


@require_POST
@login_required
def target_set(request: HttpRequest, pk: int) -> HttpResponse:
    ind = selectors.indicator_for(request.user, pk, "edit")
    form = forms.YearValueForm(request.POST, prefix="t")
    if form.is_valid():
        try:
            services.target_set(actor=request.user, indicator=ind, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Target disimpan."))
            return redirect("coordination:indicator_detail", pk=ind.pk)
    return _indicator_page(request, ind, target_form=form, status=400)


@require_POST
@login_required
def realisation_set(request: HttpRequest, pk: int) -> HttpResponse:
    ind = selectors.indicator_for(request.user, pk, "realise")
    form = forms.RealisationForm(request.POST, prefix="r")
    if form.is_valid():
        try:
            services.realisation_set(actor=request.user, indicator=ind, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Realisasi disimpan."))
            return redirect("coordination:indicator_detail", pk=ind.pk)
    return _indicator_page(request, ind, real_form=form, status=400)


def _plan_progress(request: HttpRequest, pk: int, export: str = "") -> tuple[Plan, list[selectors.IndicatorRow]]:
    return selectors.plan_progress(request.user, pk, export=export, request=request)


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    plan, rows = _plan_progress(request, pk)
    return render(request, "coordination/progress.html", {
        "plan": plan, "rows": [(r, [(c, exports.status_label(c.status)) for c in r.cells]) for r in rows], "years": plan.years,
    })


@login_required
def progress_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan, rows = _plan_progress(request, pk, export="xlsx")
    response = HttpResponse(exports.build_xlsx(plan, rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="capaian-rad-{plan.pk}.xlsx"'
    return response


@login_required
def progress_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan, rows = _plan_progress(request, pk, export="pdf")
    response = HttpResponse(exports.build_pdf(plan, rows), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="capaian-rad-{plan.pk}.pdf"'
    return response
