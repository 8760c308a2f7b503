"""Search latency on PostgreSQL with many stories, beside a plain ILIKE '%…%' baseline.

Run through bench/run.sh, which prepares a database of its own. Measures, for each query:
- search: the search page's SQL (`search.query.find`: bounded count + first page, ranked) —
  what the view costs the database;
- page: the whole /search/?q=… response through Django (SQL, snippets, template);
- baseline: the same count + first page with ILIKE '%…%' over the stories' raw Thai columns.
Prints median and p99 over all runs, and the ratios.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402

from core import thai  # noqa: E402
from search.query import Query, find  # noqa: E402
from stories.models import Story  # noqa: E402

QUERIES = [
    "ชาญฉลาด", "การเรียนรู้", "เรียนรู้", "หาดใหญ่", "เทศบาลนครยะลา", "ร้อยเอ็ด",
    "ย่านเมืองเก่า", "นวัตกรรม", "งานวิจัย ชุมชน", "เศรษฐกิจ", "เมือง", "ประชาชน",
    "กระบือ", "สับปะรด", "ตะวันออก", "smart city", "Learning City", "ไม่มีคำนี้แน่นอนเลย",
    "Roi Et", "Hatyai", "Kad Jeen", "Chanyarin",
]  # fmt: skip
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
PAGE = settings.SEARCH_RESULTS_PER_PAGE


def timed(function):
    began = time.perf_counter()
    function()
    return (time.perf_counter() - began) * 1000


def search_sql(text):
    found = find(Query(text), "th")
    found.count()
    found[:PAGE]


def baseline_sql(text):
    condition = (
        Q(title_th__icontains=text) | Q(excerpt_th__icontains=text) | Q(body_th__icontains=text)
    )
    stories = Story.objects.published().filter(condition)
    stories.count()
    list(stories.newest_first()[:PAGE])


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL (set DATABASE_URL).")
    # As in production, but without needing collectstatic's manifest.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    stories = Story.objects.count()
    print(f"{stories} stories; {len(QUERIES)} queries x {ROUNDS} rounds")
    thai.preload()
    client = Client()
    for text in QUERIES:  # warm the caches once
        search_sql(text)
        baseline_sql(text)
        client.get("/search/", {"q": text})
    results = {"search": [], "page": [], "baseline": []}
    per_query = {text: {"page": [], "baseline": []} for text in QUERIES}
    for _ in range(ROUNDS):
        for text in QUERIES:
            results["search"].append(timed(lambda text=text: search_sql(text)))
            page = timed(lambda text=text: client.get("/search/", {"q": text}))
            baseline = timed(lambda text=text: baseline_sql(text))
            results["page"].append(page)
            results["baseline"].append(baseline)
            per_query[text]["page"].append(page)
            per_query[text]["baseline"].append(baseline)
    print(f"{'query':24} {'matches':>8} {'page ms':>8} {'ILIKE ms':>9}")
    for text, times in per_query.items():
        found = find(Query(text), "th")
        bound = ">" if found.capped else ">=" if found.at_least else ""
        matches = f"{bound}{found.total}"
        print(
            f"{text:24} {matches:>8} {statistics.median(times['page']):8.1f} "
            f"{statistics.median(times['baseline']):9.1f}"
        )
    summary = {}
    for name, values in results.items():
        summary[name] = (statistics.median(values), percentile(values, 0.99))
        print(f"{name:9} median {summary[name][0]:8.1f} ms   p99 {summary[name][1]:8.1f} ms")
    for name in ("search", "page"):
        print(
            f"baseline / {name}: median x{summary['baseline'][0] / summary[name][0]:.1f}, "
            f"p99 x{summary['baseline'][1] / summary[name][1]:.1f}"
        )
    median, p99 = summary["page"]
    verdict = "MET" if median < 50 and p99 < 150 else "NOT MET"
    print(f"target (page median < 50 ms, p99 < 150 ms): {verdict}")


if __name__ == "__main__":
    main()
