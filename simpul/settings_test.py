"""Settings for the test suite: the production settings with test-only switches."""

import os

os.environ.setdefault("SIMPUL_TESTING", "1")
os.environ.setdefault("SIMPUL_INSECURE_HTTP", "1")

from simpul.settings import *  # noqa: E402,F403
from simpul.settings import CACHES, DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - speed, tests only
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file (not :memory:) so the live server's threads and concurrency tests get real connections;
    # one per test process, so parallel runs in one checkout do not collide.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_simpul_{os.getpid()}"}
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Plain names in tests: the live server serves static files from the apps (no collectstatic, no
# manifest left over from a demo run in the same var/). The page-weight test runs `simpul serve`.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - WhiteNoise warns when it is missing

# A keyring generated for the test run (never a real key), kept under var/.
# One per test process: parallel workers must never overwrite each other's keys.
SIMPUL_KEYS_FILE = str(VAR_DIR / f"test-keys-{os.getpid()}.json")  # noqa: F405
MEDIA_ROOT = VAR_DIR / f"test-attachments-{os.getpid()}"  # noqa: F405
