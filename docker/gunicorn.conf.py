"""gunicorn settings for the production image (and the benchmarks that imitate it)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Load the app before forking so workers share its memory.
preload_app = True
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Load PyThaiNLP's word list (~0.5 s, ~80 MiB) once, before workers fork and share it."""
    from wecitizens.thai import preload

    preload()
