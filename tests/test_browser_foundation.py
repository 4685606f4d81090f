"""Foundation flows in a real Chromium: sign-in with 2FA, first-sign-in enrolment, language switch,
user management by an org admin. axe-core runs on every page visited; key pages are checked at
360 px for horizontal overflow. The fixtures themselves (CSP / foreign-request guards) are tested
at the bottom so a broken guard cannot silently pass every other browser test."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest

from tests.browser_fixtures import (
    PageWatch,
    _new_page,
    assert_no_horizontal_overflow,
    current_totp,
    sign_in,
)

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Baru-Sintetis-2026!"  # noqa: S105 - synthetic


def _unthrottle(user: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)


def _path(page: Any) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def test_sign_in_with_second_factor_lands_home(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    page.goto(f"{live_url}/masuk/")
    axe(page)
    page.fill("input[name=username]", "kepala.hss")
    page.fill("input[name=password]", "salah-sekali-123")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert _path(page).startswith("/masuk/")
    assert page.locator("[role=alert]").count() == 1
    axe(page)  # the error state too

    login(page, "kepala.hss")
    assert _path(page) == "/beranda/"
    assert page.locator("h1").inner_text() == "Beranda"
    # The header navigation for a kepala shows the home page and the account page.
    nav = page.locator("header nav")
    assert nav.get_by_role("link", name="Beranda").count() == 1
    assert nav.locator("[aria-current=page]").inner_text() == "Beranda"
    axe(page)


def test_second_factor_page_passes_axe_and_rejects_wrong_code(page: Any, live_url: str, axe: Any, demo: Any) -> None:
    page.goto(f"{live_url}/masuk/")
    page.fill("input[name=username]", "pendamping.hss")
    page.fill("input[name=password]", "uji-Simpul-2026!")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert _path(page) == "/masuk/2fa/"
    axe(page)
    wrong = f"{(int(current_totp()) + 1) % 1_000_000:06d}"
    page.fill("input[name=code]", wrong)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert _path(page) == "/masuk/2fa/"
    assert page.locator(".has-error").count() == 1
    axe(page)
    # Until the second factor is done, other pages send the user back to it.
    page.goto(f"{live_url}/beranda/")
    assert _path(page).startswith("/masuk/2fa/")


def test_first_sign_in_enrols_totp_then_forces_password_change(page: Any, live_url: str, axe: Any, demo: Any) -> None:
    from django_otp.oath import totp

    from simpul.accounts.services import user_invite

    user, temp = user_invite(
        actor=demo["user"]["admin.hss"],
        organisation=demo["org"]["uptd.hss"],
        username="pendamping-siti",
        first_name="Siti",
        last_name="Contoh",
        email="",
        roles=["pendamping"],
    )
    assert user.must_change_password

    page.goto(f"{live_url}/masuk/")
    page.fill("input[name=username]", "pendamping-siti")
    page.fill("input[name=password]", temp)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert _path(page) == "/masuk/2fa/"
    # Enrolment page: QR code and the secret to type by hand.
    assert page.locator("img.qr").count() == 1
    axe(page)
    secret = page.locator("[data-testid=totp-secret]").inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    # A wrong code is refused and the form is shown again.
    page.fill("input[name=code]", "000000" if f"{totp(key):06d}" != "000000" else "111111")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".has-error").count() == 1
    assert page.locator("[data-testid=totp-secret]").inner_text().strip() == secret  # same pending device
    axe(page)

    # django-otp throttles after a failure (1 s, doubling); lift it rather than sleeping.
    _unthrottle(user)
    page.fill("input[name=code]", f"{totp(key):06d}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    codes = page.locator("ul.codes code").all_inner_texts()
    assert len(codes) >= 5 and all(c.strip() for c in codes)
    axe(page)

    # Continue: the temporary password must be changed before anything else.
    with page.expect_navigation():
        page.click("main a.button")
    assert _path(page).startswith("/akun/kata-sandi/")
    assert page.locator(".msg.warning").count() == 1
    axe(page)
    page.goto(f"{live_url}/beranda/")
    assert _path(page).startswith("/akun/kata-sandi/")

    page.fill("input[name=old_password]", temp)
    page.fill("input[name=new_password]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD + "x")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".has-error").count() >= 1  # mismatch shown, form re-shown
    axe(page)
    page.fill("input[name=old_password]", temp)
    page.fill("input[name=new_password]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert _path(page) == "/beranda/"
    assert "Siti" in page.locator("main").inner_text()
    axe(page)

    user.refresh_from_db()
    assert not user.must_change_password
    assert user.check_password(NEW_PASSWORD)


def test_switch_language_to_english(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    login(page, "kepala.hss")
    assert page.locator("html").get_attribute("lang") == "id"
    page.select_option("#lang-select", "en")
    with page.expect_navigation() as nav:
        page.click("form.lang button[type=submit]")
    response = nav.value
    assert _path(page) == "/beranda/"  # back where the user was
    assert page.locator("html").get_attribute("lang") == "en"
    assert response is not None and response.headers.get("content-language") == "en"
    assert page.locator("#lang-select").input_value() == "en"
    main = page.locator("main").inner_text()
    # English catalogue of core: "Beranda" -> "Home", "Selamat datang" -> "Welcome".
    assert "Welcome" in main and "Selamat datang" not in main
    axe(page)
    # The choice sticks across pages (cookie), and can be switched back.
    page.goto(f"{live_url}/akun/")
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page)
    page.select_option("#lang-select", "id")
    with page.expect_navigation():
        page.click("form.lang button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "id"


def test_admin_adds_user_and_sees_temporary_password(page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    from simpul.accounts.models import User

    org = demo["org"]["uptd.hss"]
    login(page, "admin.hss")
    page.locator("header nav").get_by_role("link", name="Pengguna").click()
    page.wait_for_url(re.compile(r"/organisasi/$"))
    axe(page)
    page.locator("main").get_by_role("link", name=org.name).first.click()
    page.wait_for_url(re.compile(rf"/organisasi/{org.pk}/pengguna/$"))
    axe(page)
    page.get_by_role("link", name="Tambah pengguna").click()
    page.wait_for_url(re.compile(rf"/organisasi/{org.pk}/pengguna/undang/$"))
    axe(page)

    # Invalid first: no role chosen, bad username -> 400, errors shown, input kept.
    page.fill("input[name=username]", "Budi Sintetis!")
    page.fill("input[name=first_name]", "Budi")
    with page.expect_navigation() as nav:
        page.click("main form button[type=submit]")
    assert nav.value is not None and nav.value.status == 400
    assert page.locator("[role=alert]").count() >= 1
    assert page.input_value("input[name=first_name]") == "Budi"
    axe(page)

    page.fill("input[name=username]", "budi-sintetis")
    page.fill("input[name=last_name]", "Sintetis")
    page.check("input[name=roles][value=pendamping]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    password = page.locator("[data-testid=temp-password]").inner_text().strip()
    assert len(password) >= 10
    axe(page)
    created = User.objects.get(username="budi-sintetis")
    assert created.check_password(password) and created.must_change_password

    page.goto(f"{live_url}/organisasi/{org.pk}/pengguna/")
    row = page.locator("main table tbody tr", has_text="budi-sintetis")
    assert row.count() == 1
    assert "Budi Sintetis" in row.inner_text()
    row.get_by_role("link", name="budi-sintetis").click()
    page.wait_for_url(re.compile(rf"/pengguna/{created.pk}/$"))
    axe(page)


def test_no_horizontal_overflow_at_360px(mobile_page: Any, live_url: str, login: Any, axe: Any, demo: Any) -> None:
    page = mobile_page
    org = demo["org"]["uptd.hss"]
    page.goto(f"{live_url}/masuk/")
    assert_no_horizontal_overflow(page)
    axe(page)
    login(page, "admin.hss")
    assert _path(page) == "/beranda/"
    for path in (
        "/beranda/",
        "/akun/",
        "/organisasi/",
        f"/organisasi/{org.pk}/pengguna/",
        f"/organisasi/{org.pk}/pengguna/undang/",
        f"/organisasi/{org.pk}/pengguna/{demo['user']['pendamping.hss'].pk}/",
        "/akun/kata-sandi/",
    ):
        page.goto(live_url + path)
        assert _path(page) == path
        assert_no_horizontal_overflow(page)
        axe(page)


def test_public_pages_accessible_on_a_phone(mobile_page: Any, live_url: str, axe: Any, demo: Any) -> None:
    page = mobile_page
    for path in ("/", "/wilayah/pilih/", "/wilayah/pilih/?kode=63.06", "/wilayah/cari/?q=kandangan", "/tidak-ada-halaman/"):
        response = page.goto(live_url + path)
        assert response is not None and response.status == (404 if "tidak-ada" in path else 200), path
        assert_no_horizontal_overflow(page)
        axe(page)
    # The region search type-ahead (HTMX) fills results in place.
    page.goto(f"{live_url}/wilayah/pilih/")
    page.fill("#region-q", "Kandangan")
    page.locator("#region-results li", has_text="Kandangan").first.wait_for()
    axe(page)


def test_public_pages_work_without_javascript(nojs_page: Any, live_url: str, demo: Any) -> None:
    page = nojs_page
    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Masuk untuk petugas").click()
    page.wait_for_url(re.compile(r"/masuk/"))
    assert page.locator("input[name=username]").count() == 1
    # Region search without JS: the form submits as a normal page.
    page.goto(f"{live_url}/wilayah/pilih/")
    page.fill("#region-q", "Kandangan")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert "/wilayah/cari/" in page.url
    assert page.locator("main a", has_text="Kandangan").count() >= 1
    assert_no_horizontal_overflow(page)


# --- the guards themselves --------------------------------------------------------------------


def _drive(gen: Any, action: Any) -> list[str]:
    """Run a page generator like pytest would; return the teardown failure message, if any."""
    page = next(gen)
    action(page)
    try:
        next(gen)
    except StopIteration:
        return []
    except pytest.fail.Exception as exc:
        return [str(exc)]
    return []


def test_guard_fails_on_csp_violation(browser: Any, live_url: str, demo: Any) -> None:
    def inject_inline_script(page: Any) -> None:
        page.goto(f"{live_url}/masuk/")
        # A page script adding an inline <script> (what an XSS would do) is refused by the CSP.
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }")
        page.wait_for_timeout(100)
        assert page.evaluate("() => window.x") is None

    failures = _drive(_new_page(browser, live_url, width=800, height=600), inject_inline_script)
    assert failures and "CSP violation" in failures[0]


def test_guard_fails_and_blocks_foreign_request(browser: Any, live_url: str, demo: Any) -> None:
    seen: dict[str, Any] = {}

    def load_foreign_image(page: Any) -> None:
        page.goto(f"{live_url}/masuk/")
        seen["watch"] = page.simpul_watch
        # A top-level navigation is not covered by the CSP: only the route guard stops it.
        with pytest.raises(Exception, match="ERR_BLOCKED_BY_CLIENT"):
            page.goto("http://203.0.113.9/tracker")
        page.wait_for_timeout(200)

    failures = _drive(_new_page(browser, live_url, width=800, height=600), load_foreign_image)
    watch: PageWatch = seen["watch"]
    assert any("203.0.113.9" in u for u in watch.foreign_requests)
    assert failures and "foreign host" in failures[0]


def test_sign_in_helper_survives_reused_code(page: Any, live_url: str, demo: Any) -> None:
    """Two sign-ins of the same user in one 30 s window: the second must still work."""
    sign_in(page, live_url, "manajer_kasus.hss")
    assert _path(page) == "/beranda/"
    page.context.clear_cookies()
    sign_in(page, live_url, "manajer_kasus.hss")
    assert _path(page) == "/beranda/"


def test_axe_helper_reports_violations(page: Any, live_url: str, demo: Any) -> None:
    """axe really runs under the strict CSP: a deliberately broken page is reported."""
    from tests.browser_fixtures import format_violations, run_axe

    page.goto(f"{live_url}/masuk/")
    assert run_axe(page) == []
    page.evaluate(
        "() => { const i = document.createElement('input'); i.type = 'text'; document.querySelector('main form').append(i);"
        " const b = document.createElement('button'); document.querySelector('main').append(b); }"
    )
    bad = run_axe(page)
    ids = {v["id"] for v in bad}
    assert "button-name" in ids or "label" in ids, ids
    assert "main form" in format_violations(bad, page.url) or "<button" in format_violations(bad, page.url)


def test_overflow_helper_catches_wide_content_on_mobile(mobile_page: Any, live_url: str, demo: Any) -> None:
    page = mobile_page
    page.goto(f"{live_url}/masuk/")
    assert_no_horizontal_overflow(page)
    page.evaluate("() => { const d = document.createElement('div'); d.textContent = 'x'.repeat(90); document.querySelector('main').append(d); }")
    with pytest.raises(AssertionError, match="horizontal overflow"):
        assert_no_horizontal_overflow(page)
