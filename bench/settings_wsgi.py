"""WSGI entry point for the page benchmark: the production app with the floor page added."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
