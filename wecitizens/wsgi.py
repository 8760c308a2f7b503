"""WSGI entry point; gunicorn serves `wecitizens.wsgi:application` with production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wecitizens.settings.production")

application = get_wsgi_application()
