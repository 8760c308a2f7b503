"""Production settings plus the two floor pages the page benchmark compares against."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
