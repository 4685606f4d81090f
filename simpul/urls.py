"""URL map. Each module's ``urls.py`` is mounted at its ``URL_PREFIX`` (Indonesian paths).

Every pattern must have an access test for every role: tests/test_access_matrix.py
fails when one is missing.
"""

import importlib
import importlib.util

from django.apps import apps
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from simpul.api.api import api

urlpatterns = [
    path("bahasa/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("sistem/", admin.site.urls),  # Django admin: the system operator only
]

for _config in apps.get_app_configs():
    if not _config.name.startswith("simpul."):
        continue
    _name = f"{_config.name}.urls"
    if importlib.util.find_spec(_name) is None:
        continue
    _module = importlib.import_module(_name)
    urlpatterns.append(path(getattr(_module, "URL_PREFIX", f"{_config.label}/"), include(_name)))

handler400 = "simpul.core.views.error_400"
handler403 = "simpul.core.views.error_403"
handler404 = "simpul.core.views.error_404"
handler500 = "simpul.core.views.error_500"
