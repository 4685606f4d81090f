"""Settings for the test suite: the production settings with test-only switches."""

import os

os.environ.setdefault("SIMPUL_TESTING", "1")
os.environ.setdefault("SIMPUL_INSECURE_HTTP", "1")

from simpul.settings import *  # noqa: E402,F403
from simpul.settings import CACHES, DATABASES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - speed, tests only
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - WhiteNoise warns when it is missing
