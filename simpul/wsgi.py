import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simpul.settings")
application = get_wsgi_application()
# Everything loaded so far (Django, the apps, URL patterns, translations) lives as long as the
# worker: move it out of the collector's way so that collections during requests only scan what
# requests create (measured: about 4 % more list-API requests per second; docs/performance.md).
gc.collect()
gc.freeze()
