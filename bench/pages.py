"""Page benchmark: every public page type against two floors, cache off and on.

Run through bench/pages.sh (it sets up the database and the environment). For each page type
it measures, in one run: requests/s, p50 and p99 latency (wrk on loopback against gunicorn
with docker/gunicorn.conf.py and production settings), SQL queries per request and HTML bytes
(Django's test client in this process, same settings), and the two floors: a Django view that
returns a constant page of the same size, and the same bytes served by WhiteNoise as a static
file. Output: a table on stdout and JSON (--json).
"""

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from cities.models import City  # noqa: E402
from projects.models import Person, ResearchProject  # noqa: E402
from stories.models import Story  # noqa: E402
from tags.models import Tag  # noqa: E402


def page_urls():
    stories = Story.objects.published()
    city = City.objects.published().annotate(n=Count("stories")).order_by("-n").first()
    story = stories.newest_first().first()
    tag = Tag.objects.annotate(n=Count("tagged_items")).order_by("-n").first()
    if tag is None:  # the real content has no tags yet: tag the newest stories of the bench copy
        for tagged in stories.newest_first()[:10]:
            tagged.tags.add("เมืองแห่งการเรียนรู้")
        tag = Tag.objects.get()
    return {
        "home": "/",
        "city list": reverse("cities:city_list"),
        "city": city.get_absolute_url(),
        "project": ResearchProject.objects.published().first().get_absolute_url(),
        "person": Person.objects.published().first().get_absolute_url(),
        "story list p1": reverse("stories:story_list"),
        "story list deep": reverse("stories:story_list") + "?page=100",
        "story": story.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "search": reverse("search:search") + "?q=%E0%B9%80%E0%B8%A1%E0%B8%B7%E0%B8%AD%E0%B8%87",
        "feed": reverse("feeds:stories_rss"),
        "sitemap index": "/sitemap.xml",
        "sitemap page": "/sitemap-stories.xml",
    }


def measure_in_process(urls, page_cache):
    """SQL queries per request (the second request, as a reader after the first gets it)."""
    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    with override_settings(WECITIZENS_PAGE_CACHE=page_cache):
        cache.clear()
        for name, url in urls.items():
            first = client.get(url)
            assert first.status_code == 200, (name, url, first.status_code)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            found[name] = {"url": url, "queries": len(queries), "bytes": len(response.content)}
    return found


def wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label):
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def median_run(runs):
    """The median of each figure over several wrk runs (errors are summed)."""
    return {
        "rps": statistics.median(run["rps"] for run in runs),
        "p50_ms": statistics.median(run["p50_ms"] for run in runs),
        "p99_ms": statistics.median(run["p99_ms"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "rounds": len(runs),
    }


def start_gunicorn(port, page_cache):
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    env["WECITIZENS_PAGE_CACHE"] = "1" if page_cache else "0"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "docker/gunicorn.conf.py",
         "--access-logfile", "/dev/null", "bench.settings_wsgi:application"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("BENCH_LOG", "/dev/null"), "a"),  # noqa: SIM115
        start_new_session=True,
    )  # fmt: skip
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:  # a worker still busy with a slow page
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def run(label, port, seconds, connections, page_cache, rounds):
    urls = page_urls()
    pages = measure_in_process(urls, page_cache)
    floor_dir = Path(settings.STATIC_ROOT) / "bench-floor"
    floor_dir.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_HOST="127.0.0.1")
    for name, page in pages.items():
        body = client.get(page["url"]).content
        page["static_file"] = f"bench-floor/{abs(hash(name))}.html"
        (Path(settings.STATIC_ROOT) / page["static_file"]).write_bytes(body)
    server = start_gunicorn(port, page_cache)
    base = f"http://127.0.0.1:{port}"
    try:
        for name, page in pages.items():
            for _ in range(10):  # warm every worker (templates, first cache fill) before timing
                urllib.request.urlopen(base + page["url"], timeout=30).read()
            targets = {
                "page": base + page["url"],
                "django_floor": f"{base}/bench-floor/{page['bytes']}/",
                "static_floor": f"{base}/{settings.STATIC_URL.strip('/')}/{page['static_file']}",
            }
            # The three alternate, round after round, so a burst of load from elsewhere on a
            # shared machine falls on all of them; each figure is the median of its rounds.
            runs = {target: [] for target in targets}
            for _ in range(rounds):
                for target, url in targets.items():
                    runs[target].append(wrk(url, seconds, connections))
            for target, measured in runs.items():
                page[target] = median_run(measured)
            page["ratio_django_floor"] = page["page"]["rps"] / max(page["django_floor"]["rps"], 0.1)
            page["ratio_static_floor"] = page["page"]["rps"] / max(page["static_floor"]["rps"], 0.1)
            print_row(label, name, page)
    finally:
        stop(server)
    return {
        "label": label,
        "page_cache": page_cache,
        "stories": Story.objects.count(),
        "pages": pages,
    }


def print_row(label, name, page):
    p = page["page"]
    print(
        f"{label:<14} {name:<16} {p['rps']:>8.1f} r/s  p50 {p['p50_ms']:>7.1f} ms  "
        f"p99 {p['p99_ms']:>7.1f} ms  {page['queries']:>2} q  {page['bytes']:>7} B  "
        f"django floor {page['django_floor']['rps']:>7.1f} ({page['ratio_django_floor']:.0%})  "
        f"static floor {page['static_floor']['rps']:>7.1f} ({page['ratio_static_floor']:.0%})"
        + (f"  ERRORS {p['errors']}" if p["errors"] else ""),
        flush=True,
    )


def compare(small_path, large_path):
    """How each page's p50 changes from the real content to the generated set."""
    small = {run["label"].split("/")[1]: run for run in json.loads(Path(small_path).read_text())}
    large = {run["label"].split("/")[1]: run for run in json.loads(Path(large_path).read_text())}
    for mode in small:
        print(f"p50 growth, {mode} ({small[mode]['stories']} -> {large[mode]['stories']} stories)")
        for name, page in small[mode]["pages"].items():
            if name not in large[mode]["pages"]:  # a page type measured in one run only
                continue
            before, after = page["page"]["p50_ms"], large[mode]["pages"][name]["page"]["p50_ms"]
            print(f"  {name:<16} {before:>7.1f} ms -> {after:>7.1f} ms  x{after / before:.2f}")


def figures_table(small_path, large_path):
    """The figures of both runs as one Markdown table (docs/scaling.md, the closing note)."""
    runs = {}
    for size, path in (("real", small_path), ("generated", large_path)):
        for run in json.loads(Path(path).read_text()):
            runs[size, run["label"].split("/")[1]] = run

    def cell(size, mode, name):
        page = runs[size, mode]["pages"].get(name)
        if page is None:
            return "–"
        measured = page["page"]
        return (
            f"{measured['rps']:,.0f} r/s, {measured['p50_ms']:.1f} ms, "
            f"{page['ratio_django_floor']:.0%}"
        )

    def growth(mode, name):
        small = runs["real", mode]["pages"].get(name)
        large = runs["generated", mode]["pages"].get(name)
        if not small or not large:
            return "–"
        return f"×{large['page']['p50_ms'] / small['page']['p50_ms']:.2f}"

    stories = {size: runs[size, "cache-off"]["stories"] for size in ("real", "generated")}
    print(
        "| page | queries | HTML bytes (real / generated) "
        f"| cache off, real ({stories['real']:,} stories): r/s, p50, vs Django floor "
        "| cache on, real "
        f"| cache off, generated ({stories['generated']:,} stories) | cache on, generated "
        "| p50 growth, cache off | p50 growth, cache on |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, page in runs["real", "cache-off"]["pages"].items():
        large = runs["generated", "cache-off"]["pages"].get(name, {})
        print(
            f"| {name} | {page['queries']} | {page['bytes']:,} / {large.get('bytes', 0):,} "
            f"| {cell('real', 'cache-off', name)} | {cell('real', 'cache-on', name)} "
            f"| {cell('generated', 'cache-off', name)} | {cell('generated', 'cache-on', name)} "
            f"| {growth('cache-off', name)} | {growth('cache-on', name)} |"
        )


def main():
    if sys.argv[1:2] == ["--compare"]:
        return compare(*sys.argv[2:4])
    if sys.argv[1:2] == ["--table"]:
        return figures_table(*sys.argv[2:4])
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--port", type=int, default=18710)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", choices=["off", "on", "both"], default="both")
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    modes = {"off": [False], "on": [True], "both": [False, True]}[args.cache]
    results = [
        run(f"{args.label}/cache-{'on' if mode else 'off'}", args.port, args.seconds,
            args.connections, mode, args.rounds)
        for mode in modes
    ]  # fmt: skip
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
