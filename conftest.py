"""Shared fixtures. The demo organisations and users are created once per test database
(and again, idempotently, after a transactional test flushed them)."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.testing import TEST_PASSWORD, TEST_TOTP_KEY

pytest_plugins = ["tests.browser_fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from simpul.accounts.demo import create_demo_data

    with django_db_blocker.unblock():
        create_demo_data(password=TEST_PASSWORD, totp_key=TEST_TOTP_KEY)


@pytest.fixture
def demo(db: Any) -> dict[str, Any]:
    """The demo world: organisations by key and users by username."""
    from simpul.accounts import demo as demo_mod
    from simpul.accounts.models import User

    demo_mod.create_demo_data(password=TEST_PASSWORD, totp_key=TEST_TOTP_KEY)
    world: dict[str, Any] = {"org": {key: demo_mod.org(key) for key, *_ in demo_mod.ORGS}}
    world["user"] = {u.username: u for u in User.objects.filter(username__in=[u[0] for u in demo_mod.USERS])}
    return world


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    """Remove this process's throwaway keyring and attachment directory (var/ stays tidy)."""
    import os
    import shutil

    from django.conf import settings

    if not settings.configured or not getattr(settings, "TESTING", False):
        return
    keys = getattr(settings, "SIMPUL_KEYS_FILE", "")
    if keys and f"-{os.getpid()}." in keys and os.path.exists(keys):
        os.remove(keys)
    media = str(getattr(settings, "MEDIA_ROOT", ""))
    if media.endswith(f"-{os.getpid()}"):
        shutil.rmtree(media, ignore_errors=True)
