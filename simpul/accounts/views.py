"""Sign-in (password, then second factor), account page, and org admins' user management."""

from __future__ import annotations

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from simpul import access
from simpul.accounts import forms, selectors, services
from simpul.accounts.models import Organisation, User
from simpul.audit import services as audit

PENDING_NEXT = "simpul_next"


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or request.session.get(PENDING_NEXT) or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """Shown by django-axes after too many failed sign-ins (per account or per address): HTTP 429.

    Called by the sign-in view and again by AxesMiddleware for the same request: the page is
    built (and the lockout audited) once per request.
    """
    cached = getattr(request, "_simpul_lockout_response", None)
    if cached is not None:
        return cached
    if not isinstance(credentials, dict):
        credentials = original_response if isinstance(original_response, dict) else {}
    username = str(credentials.get("username") or request.POST.get("username") or "").strip().lower()[:150]
    user_id = User.objects.filter(username=username).values_list("pk", flat=True).first() if username else None
    audit.record(
        "auth.lockout",
        object_type="accounts.user" if user_id else "",
        object_id=user_id or "",
        request=request,
        extra={"known_user": bool(user_id)},
    )
    response = render(
        request,
        "accounts/login.html",
        {
            "form": forms.LoginForm(initial={"username": username}),
            "locked": True,
            "error": _("Terlalu banyak percobaan masuk yang gagal. Tunggu beberapa menit lalu coba lagi, atau hubungi admin organisasi Anda."),
        },
        status=429,
    )
    request._simpul_lockout_response = response  # type: ignore[attr-defined]
    return response


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect("core:home")
    form = forms.LoginForm(request.POST if request.method == "POST" else None)
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"].strip().lower(), password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, None, {"username": form.cleaned_data["username"]})
        if user is None:
            error = _("Nama pengguna atau kata sandi salah.")
            status = 401
        else:
            request.session[PENDING_NEXT] = _safe_next(request, "")
            login(request, user)
            if access.actor_for(user).needs_second_factor or services.has_confirmed_totp(user):
                return redirect("accounts:second_factor")
            return HttpResponseRedirect(_safe_next(request, reverse("core:home")))
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/login.html", {"form": form, "error": error, "next": request.GET.get("next", "")}, status=status)


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Verify the second factor; or enrol it at first sign-in."""
    user: User = request.user  # type: ignore[assignment]
    if getattr(user, "is_verified", lambda: False)():
        return redirect(_safe_next(request, reverse("core:home")))
    if not services.has_confirmed_totp(user):
        return _enrol(request, user)
    form = forms.CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "").replace("-", "")
        device = _verify_code(user, code)
        if device is not None:
            otp_login(request, device)
            kind = "recovery" if isinstance(device, StaticDevice) else "totp"
            audit.record("auth.2fa_verify", actor=user, obj=user, request=request, extra={"method": kind})
            if kind == "recovery":
                messages.warning(request, _("Anda masuk dengan kode pemulihan. Sisa kode: %(n)d.") % {"n": device.token_set.count()})
            target = _safe_next(request, reverse("core:home"))
            request.session.pop(PENDING_NEXT, None)
            return HttpResponseRedirect(target)
        audit.record("auth.2fa_failed", actor=user, obj=user, request=request)
        form.add_error("code", _("Kode salah atau kedaluwarsa. Coba kode yang baru muncul."))
        status = 401
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/second_factor.html", {"form": form}, status=status)


def _verify_code(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    for totp in TOTPDevice.objects.filter(user=user, confirmed=True):
        if totp.verify_is_allowed()[0] and totp.verify_token(code):
            return totp
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_is_allowed()[0] and static.verify_token(code.lower()):
            return static
    return None


def _qr_data_uri(uri: str) -> str:
    img = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def _enrol(request: HttpRequest, user: User) -> HttpResponse:
    device = services.totp_pending_device(user)
    form = forms.CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_confirm(user=user, device=device, code=form.cleaned_data["code"], request=request)
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error("code", msg)
            status = 401
        else:
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _safe_next(request, reverse("core:home"))})
    secret_b32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "secret": secret_b32, "qr": _qr_data_uri(device.config_url)},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("Anda telah keluar."))
    return redirect("accounts:login")


@require_POST
@login_required
def logout_all(request: HttpRequest) -> HttpResponse:
    services.sessions_revoke_all(user=request.user, request=request)  # type: ignore[arg-type]
    logout(request)
    messages.info(request, _("Anda telah keluar dari semua sesi di semua perangkat."))
    return redirect("accounts:login")


@login_required
@sensitive_post_parameters("old_password", "new_password", "new_password2")
def password_change(request: HttpRequest) -> HttpResponse:
    form = forms.PasswordChangeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(user=request.user, old_password=form.cleaned_data["old_password"], new_password=form.cleaned_data["new_password"])  # type: ignore[arg-type]
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.message_dict.items():
                    for e in errs:
                        form.add_error(field if field in form.fields else None, e)
            else:
                for e in exc.messages:
                    form.add_error("new_password", e)
            status = 400
        else:
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("Kata sandi diganti."))
            return redirect("core:home")
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/password_change.html", {"form": form, "forced": request.user.must_change_password}, status=status)  # type: ignore[union-attr]


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/account.html",
        {
            "seats": selectors.seat_labels(access.actor_for(request.user)),
            "has_totp": services.has_confirmed_totp(request.user),  # type: ignore[arg-type]
        },
    )


@require_POST
@login_required
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not services.has_confirmed_totp(user):
        return redirect("accounts:second_factor")
    codes = services.recovery_codes_regenerate(user=user)
    audit.record("auth.recovery_codes_new", actor=user, obj=user, request=request)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:account")})


# --- org admins: users of their own organisations ----------------------------------------------


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    access.check(request.user, "users.manage")
    orgs = access.visible(request.user, Organisation, "manage_users").select_related("region")
    return render(request, "accounts/org_list.html", {"orgs": orgs})


@login_required
def org_users(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access.get_or_404(request.user, Organisation, "manage_users", pk=org_id)
    tz_form = forms.TimeZoneForm(request.POST if request.method == "POST" else None, initial={"time_zone": org.time_zone})
    status = 200
    if request.method == "POST":
        if tz_form.is_valid():
            try:
                services.organisation_set_time_zone(actor=request.user, organisation=org, time_zone=tz_form.cleaned_data["time_zone"])
            except ValidationError as exc:
                _errors_to_form(tz_form, exc)
            else:
                messages.success(request, _("Zona waktu disimpan."))
                return redirect("accounts:org_users", org_id=org.pk)
        status = 400
    rows = selectors.org_members(actor=request.user, organisation=org)
    return render(request, "accounts/org_users.html", {"org": org, "rows": rows, "tz_form": tz_form}, status=status)


@login_required
def org_user_invite(request: HttpRequest, org_id: int) -> HttpResponse:
    org = access.get_or_404(request.user, Organisation, "manage_users", pk=org_id)
    form = forms.InviteForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.user_invite(actor=request.user, organisation=org, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
            status = 400
        else:
            return render(request, "accounts/temp_password.html", {"org": org, "target": user, "password": password, "new": True})
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/org_user_invite.html", {"org": org, "form": form}, status=status)


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


@login_required
def org_user_detail(request: HttpRequest, org_id: int, user_id: int) -> HttpResponse:
    org = access.get_or_404(request.user, Organisation, "manage_users", pk=org_id)
    target = access.get_or_404(request.user, User.objects.filter(memberships__organisation=org).distinct(), "edit", pk=user_id)
    roles = selectors.roles_in(user=target, organisation=org)
    form = forms.RolesForm(request.POST if request.method == "POST" else None, initial={"roles": roles})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set_roles(actor=request.user, organisation=org, user=target, roles=form.cleaned_data["roles"])
        except ValidationError as exc:
            _errors_to_form(form, exc)
            status = 400
        else:
            messages.success(request, _("Peran diperbarui."))
            return redirect("accounts:org_user_detail", org_id=org.pk, user_id=target.pk)
    elif request.method == "POST":
        status = 400
    active = selectors.membership_active(user=target, organisation=org)
    return render(request, "accounts/org_user_detail.html", {"org": org, "target": target, "form": form, "active": active}, status=status)


@require_POST
@login_required
def org_user_action(request: HttpRequest, org_id: int, user_id: int, action: str) -> HttpResponse:
    org = access.get_or_404(request.user, Organisation, "manage_users", pk=org_id)
    target = access.get_or_404(request.user, User.objects.filter(memberships__organisation=org).distinct(), "edit", pk=user_id)
    try:
        if action == "nonaktifkan":
            services.membership_deactivate(actor=request.user, organisation=org, user=target)
            messages.success(request, _("Pengguna dinonaktifkan di organisasi ini."))
        elif action == "aktifkan":
            services.membership_reactivate(actor=request.user, organisation=org, user=target)
            messages.success(request, _("Pengguna diaktifkan kembali."))
        elif action == "reset-sandi":
            password = services.user_reset_password(actor=request.user, user=target)
            return render(request, "accounts/temp_password.html", {"org": org, "target": target, "password": password, "new": False})
        elif action == "reset-2fa":
            services.user_reset_second_factor(actor=request.user, user=target)
            messages.success(request, _("Faktor kedua dihapus; pengguna mendaftar ulang saat masuk berikutnya."))
        else:
            return render(request, "core/error.html", {"title": _("Tidak ditemukan"), "message": _("Tindakan tidak dikenal.")}, status=404)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    return redirect("accounts:org_user_detail", org_id=org.pk, user_id=target.pk)
