"""Per-page cost inside one process, page cache off: a quick check while optimising a page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB .venv/bin/python bench/inprocess.py [pages]

Requests go through Django's test client with the production settings (no gunicorn, no
network), so a change can be compared in seconds. CPU time per request (time.process_time,
the figure that stays steady on a shared machine; PostgreSQL's own work is not in it), wall time,
SQL queries, and the share of the in-process floor (bench/urls.py's constant page through the
same middleware). The page benchmark (bench/pages.sh) stays the measure of record.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-inprocess-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")
STATIC_ROOT = Path(tempfile.gettempdir()) / "wecitizens-inprocess-static"
os.environ.setdefault("DJANGO_STATIC_ROOT", str(STATIC_ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import page_urls  # noqa: E402

FLOOR = "/bench-floor/20000/"


def cost(client, url, requests, batches):
    """(CPU ms, wall ms) per request: the lowest of `batches` batches, after a warm-up."""
    for _ in range(3):
        client.get(url)
    cpu, wall = [], []
    for _ in range(batches):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        for _ in range(requests):
            client.get(url)
        cpu.append((time.process_time() - started_cpu) / requests * 1000)
        wall.append((time.perf_counter() - started_wall) / requests * 1000)
    return min(cpu), statistics.median(wall)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="?", help="comma-separated page names (default: all)")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--batches", type=int, default=7)
    args = parser.parse_args()
    call_command("collectstatic", interactive=False, verbosity=0)
    urls = page_urls()
    names = args.pages.split(",") if args.pages else list(urls)
    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(WECITIZENS_PAGE_CACHE=False):
        floor_cpu, floor_wall = cost(client, FLOOR, args.requests, args.batches)
        print(f"{'floor':16} {floor_cpu:6.2f} ms CPU {floor_wall:6.2f} ms wall")
        for name in names:
            page_cpu, page_wall = cost(client, urls[name], args.requests, args.batches)
            with CaptureQueriesContext(connection) as queries:
                client.get(urls[name])
            print(
                f"{name:16} {page_cpu:6.2f} ms CPU {page_wall:6.2f} ms wall "
                f"{len(queries):2} queries  floor/page (CPU) {floor_cpu / page_cpu:6.1%}"
            )


if __name__ == "__main__":
    main()
