"""Settings of the bench server: the project's settings with ``bench.bench_urls`` as the URL map.

Static files use Django's plain storage: the production manifest storage needs ``collectstatic``, which
the benches skip (wrk fetches no static file; ``{% static %}`` costs a dictionary lookup either way).
"""

from ocop.settings import *  # noqa: F403 (the whole production configuration, unchanged)
from ocop.settings import STORAGES

ROOT_URLCONF = "bench.bench_urls"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
