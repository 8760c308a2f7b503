"""Serving benchmark: what a page costs through Varnish, the page cache and Django, in one run.

Run through bench/serving.sh (it sets up the database and the environment). It starts, side by
side on loopback: gunicorn with the page cache (Redis) and Varnish in front of it (purged by
the site), a second gunicorn with the page cache off, and nginx serving static files of the
same sizes as the pages (the floor). For the home page, a city, a story and the story list it
measures requests/s and CPU per request (the server processes' CPU time over the run / the
requests served) through each, alternating round after round so load from elsewhere on a
shared machine falls on all of them. Then a flash crowd through Varnish: readers on one story
and its city while the story is edited every few seconds, counting what reached Django and
how many of those were renders (`X-Page-Cache: miss` in gunicorn's access log). Each worker's
memory (private, shared, PSS) is read after every phase. Output: Markdown on stdout, JSON.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from cities.models import City  # noqa: E402
from pagecache import varnish as varnish_purge  # noqa: E402
from stories.models import Story  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ACCESS_FORMAT = "%(r)s %(s)s %({x-page-cache}o)s"


def page_urls():
    city = City.objects.published().annotate(n=Count("stories")).order_by("-n").first()
    story = Story.objects.published().filter(city=city).newest_first().first()
    return {
        "home": "/",
        "city": city.get_absolute_url(),
        "story": story.get_absolute_url(),
        "story list": reverse("stories:story_list"),
    }, story


def wait_for(url, process, what):
    for _ in range(240):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{what} exited") from None
            time.sleep(0.5)
    raise SystemExit(f"{what} did not start")


def start(args, env=None, log=None):
    return subprocess.Popen(
        args,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=open(log or os.devnull, "a"),
        start_new_session=True,
    )


def start_gunicorn(port, page_cache, access_log, purge_urls=""):
    env = {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": access_log,
        "WECITIZENS_PAGE_CACHE": "1" if page_cache else "0",
        "WECITIZENS_VARNISH_PURGE_URLS": purge_urls,
    }
    process = start(
        [sys.executable, "-m", "gunicorn", "--config", "docker/gunicorn.conf.py",
         "--no-control-socket", "--access-logformat", ACCESS_FORMAT,
         "bench.settings_wsgi:application"],
        env, os.environ.get("BENCH_LOG"),
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{port}/healthz", process, "gunicorn")
    return process


def start_varnish(work, port, purge_port, backend_port):
    vcl = (ROOT / "docker" / "varnish" / "default.vcl").read_text()
    vcl = re.sub(r'\.host = "[^"]*";', '.host = "127.0.0.1";', vcl, count=1)
    vcl = re.sub(r'\.port = "[^"]*";', f'.port = "{backend_port}";', vcl, count=1)
    (work / "default.vcl").write_text(vcl)
    binary = shutil.which("varnishd") or "/usr/sbin/varnishd"
    process = start(
        [binary, "-F", "-j", "none", "-a", f"http=127.0.0.1:{port}",
         "-a", f"purge=127.0.0.1:{purge_port}", "-f", str(work / "default.vcl"),
         "-n", str(work / "varnish"), "-s", "malloc,64m", "-p", "http_gzip_support=off",
         "-T", "none"],
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{port}/", process, "varnishd")
    return process


def start_nginx(work, port, root):
    conf = work / "nginx.conf"
    conf.write_text(
        f"""daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/nginx.err;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; tcp_nopush on; default_type text/html;
  client_body_temp_path {work}/nb; proxy_temp_path {work}/np; fastcgi_temp_path {work}/nf;
  uwsgi_temp_path {work}/nu; scgi_temp_path {work}/ns;
  server {{ listen 127.0.0.1:{port}; root {root}; }} }}
"""
    )
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    process = start([binary, "-c", str(conf), "-e", str(work / "nginx.err")])
    wait_for(f"http://127.0.0.1:{port}/home.html", process, "nginx")
    return process


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def group_pids(process):
    """Every live process of the server's process group (master and workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) == process.pid:
                pids.append(int(entry.name))
        except ProcessLookupError:
            continue
    return pids


def cpu_seconds(process):
    """CPU time (user + system) of the server's live processes and of children they reaped."""
    total = 0
    for pid in group_pids(process):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / CLOCK_TICKS


def worker_memory(process):
    """Private, shared and proportional memory (MiB) of each gunicorn worker."""
    workers = []
    for pid in group_pids(process):
        if pid == process.pid:
            continue
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        kib = {key: int(value) for key, value in re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.M)}
        workers.append(
            {
                "pid": pid,
                "private": (kib["Private_Clean"] + kib["Private_Dirty"]) / 1024,
                "shared": (kib["Shared_Clean"] + kib["Shared_Dirty"]) / 1024,
                "pss": kib["Pss"] / 1024,
                "rss": kib["Rss"] / 1024,
            }
        )
    return sorted(workers, key=lambda worker: worker["pid"])


def wrk(url, seconds, connections, script=None):
    command = ["wrk", "-t2" if connections > 8 else "-t1", f"-c{connections}", f"-d{seconds}s",
               "--latency", "--timeout", "10s"]  # fmt: skip
    if script:
        command += ["--script", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def latency(label):
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
    }


def measured(url, seconds, connections, servers):
    """One wrk run, with the CPU time the given server processes spent during it."""
    before = sum(cpu_seconds(server) for server in servers)
    run = wrk(url, seconds, connections)
    spent = sum(cpu_seconds(server) for server in servers) - before
    run["cpu_ms_per_request"] = 1000 * spent / max(run["requests"], 1)
    return run


def median_of(runs):
    return {
        key: statistics.median(run[key] for run in runs)
        for key in ("rps", "p50_ms", "p99_ms", "cpu_ms_per_request")
    } | {"errors": sum(run["errors"] for run in runs), "rounds": len(runs)}


def access_lines(path):
    try:
        return Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return []


class Editor(threading.Thread):
    """A member of staff saving the story every `every` seconds (a title edit, as in the
    admin: the same save, signals, content-version bump and Varnish ban)."""

    def __init__(self, story, every, seconds):
        super().__init__(daemon=True)
        self.story, self.every, self.seconds = story, every, seconds
        self.edits, self.failed = [], 0

    def run(self):
        deadline = time.monotonic() + self.seconds
        time.sleep(self.every)
        while time.monotonic() < deadline - 1:
            try:
                story = Story.objects.get(pk=self.story.pk)
                title = re.sub(r" \(\d+\)$", "", story.title_th)
                story.title_th = f"{title} ({len(self.edits) + 1})"
                story.save()
                self.edits.append(time.time())
            except Exception as error:
                self.failed += 1
                print(f"editor: {error}", file=sys.stderr)
            time.sleep(self.every)


def flash_crowd(varnish_port, story_url, city_url, connections, seconds, every, access_log, work):
    script = work / "crowd.lua"
    script.write_text(
        f'local paths = {{"{story_url}", "{city_url}"}}\nlocal n = 0\n'
        'request = function()\n  n = n + 1\n  return wrk.format("GET", paths[(n % 2) + 1])\nend\n'
    )
    story = Story.objects.get(slug=story_url.rstrip("/").rsplit("/", 1)[1])
    seen = len(access_lines(access_log))
    editor = Editor(story, every, seconds)
    editor.start()
    started = time.time()
    run = wrk(f"http://127.0.0.1:{varnish_port}", seconds, connections, script)
    ended = time.time()
    editor.join()
    varnish_purge.settled_ban.wait()
    time.sleep(0.5)
    reached = {"story": [0, 0], "city": [0, 0]}  # [requests, renders]
    lines = access_lines(access_log)[seen:]
    (work / f"crowd-{connections}.log").write_text(
        f"readers {started:.1f} - {ended:.1f}; edits "
        + " ".join(f"{edit:.1f}" for edit in editor.edits)
        + "\n"
        + "\n".join(lines)
    )
    for line in lines:
        for name, url in (("story", story_url), ("city", city_url)):
            if f"GET {url} " in line:
                reached[name][0] += 1
                reached[name][1] += line.endswith(" miss")
    run.update(
        connections=connections,
        seconds=seconds,
        edits=len(editor.edits),
        edit_failures=editor.failed,
        reached_django={name: counts[0] for name, counts in reached.items()},
        renders={name: counts[1] for name, counts in reached.items()},
    )
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--crowd-seconds", type=int, default=60)
    parser.add_argument("--crowds", default="32,256")
    parser.add_argument("--edit-every", type=float, default=5)
    parser.add_argument("--port", type=int, default=18800)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="serving-bench-"))
    work.chmod(0o755)  # nginx's worker runs as another user
    cached_port, uncached_port, varnish_port, purge_port, nginx_port = (
        args.port + offset for offset in range(5)
    )
    purge_url = f"http://127.0.0.1:{purge_port}/"
    os.environ["WECITIZENS_VARNISH_PURGE_URLS"] = purge_url
    from django.conf import settings

    settings.WECITIZENS_VARNISH_PURGE_URLS = [purge_url]
    urls, _ = page_urls()
    floor = work / "floor"
    floor.mkdir()
    client = Client(HTTP_HOST="127.0.0.1")
    sizes = {}
    for name, url in urls.items():
        body = client.get(url).content
        sizes[name] = len(body)
        (floor / f"{name.replace(' ', '-')}.html").write_bytes(body)

    cached_log, uncached_log = str(work / "cached.log"), str(work / "uncached.log")
    servers = {}
    try:
        servers["cached"] = start_gunicorn(cached_port, True, cached_log, purge_url)
        servers["uncached"] = start_gunicorn(uncached_port, False, uncached_log)
        servers["varnish"] = start_varnish(work, varnish_port, purge_port, cached_port)
        servers["nginx"] = start_nginx(work, nginx_port, floor)
        memory = {"started": {w: worker_memory(servers[w]) for w in ("cached", "uncached")}}
        bases = {
            "varnish": (f"http://127.0.0.1:{varnish_port}", ["varnish", "cached"]),
            "page cache": (f"http://127.0.0.1:{cached_port}", ["cached"]),
            "uncached": (f"http://127.0.0.1:{uncached_port}", ["uncached"]),
        }
        pages = {}
        for name, url in urls.items():
            for base, _ in bases.values():
                for _ in range(12):  # every worker warm, every cache filled
                    urllib.request.urlopen(base + url, timeout=60).read()
            targets = {target: base + url for target, (base, _) in bases.items()}
            targets["nginx floor"] = f"http://127.0.0.1:{nginx_port}/{name.replace(' ', '-')}.html"
            owners = {target: owner for target, (_, owner) in bases.items()}
            owners["nginx floor"] = ["nginx"]
            runs = {target: [] for target in targets}
            for _ in range(args.rounds):
                for target, target_url in targets.items():
                    servers_measured = [servers[owner] for owner in owners[target]]
                    runs[target].append(
                        measured(target_url, args.seconds, args.connections, servers_measured)
                    )
            pages[name] = {"url": url, "bytes": sizes[name]}
            pages[name] |= {target: median_of(found) for target, found in runs.items()}
            row = pages[name]
            print(
                f"{name:<11} {sizes[name]:>7} B  "
                + "  ".join(f"{target} {summary(row[target])}" for target in targets),
                flush=True,
            )
        memory["after pages"] = {w: worker_memory(servers[w]) for w in ("cached", "uncached")}
        crowds = []
        for connections in (int(n) for n in args.crowds.split(",")):
            crowd = flash_crowd(
                varnish_port, urls["story"], urls["city"], connections, args.crowd_seconds,
                args.edit_every, cached_log, work,
            )  # fmt: skip
            crowds.append(crowd)
            print(f"crowd {connections}: {json.dumps(crowd)}", flush=True)
        memory["after crowds"] = {w: worker_memory(servers[w]) for w in ("cached", "uncached")}
        # A longer run of uncached pages: does a worker's memory keep growing?
        soak = []
        for _ in range(int(os.environ.get("BENCH_SOAK_ROUNDS", "4"))):
            for url in urls.values():
                wrk(f"http://127.0.0.1:{uncached_port}{url}", args.seconds * 2, args.connections)
            soak.append(worker_memory(servers["uncached"]))
        memory["uncached soak"] = soak
    finally:
        for server in servers.values():
            stop(server)
    result = {"pages": pages, "crowds": crowds, "memory": memory, "work": str(work)}
    Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print_tables(result)


def summary(run):
    errors = f" ERRORS {run['errors']}" if run["errors"] else ""
    return f"{run['rps']:>7.0f} r/s {run['cpu_ms_per_request']:.3f} ms{errors}"


def memory_row(workers):
    """Each worker's private / PSS memory in MiB."""
    return " ".join(f"{w['private']:.0f}/{w['pss']:.0f}" for w in workers)


def print_tables(result):
    print("\n| page | bytes | through Varnish: r/s, CPU/request | gunicorn + page cache "
          "| uncached | nginx floor (same size) | Varnish / floor (r/s) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for name, page in result["pages"].items():
        cells = [
            f"{page[t]['rps']:,.0f} r/s, {page[t]['cpu_ms_per_request']:.3f} ms"
            for t in ("varnish", "page cache", "uncached", "nginx floor")
        ]
        ratio = page["varnish"]["rps"] / max(page["nginx floor"]["rps"], 0.1)
        print(f"| {name} | {page['bytes']:,} | " + " | ".join(cells) + f" | {ratio:.0%} |")
    print("\n| readers | seconds | requests | r/s | p50 | p99 | errors | edits "
          "| reached Django (story, city) | renders (story, city) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for crowd in result["crowds"]:
        print(
            f"| {crowd['connections']} | {crowd['seconds']} | {crowd['requests']:,} "
            f"| {crowd['rps']:,.0f} | {crowd['p50_ms']:.2f} ms | {crowd['p99_ms']:.2f} ms "
            f"| {crowd['errors']} | {crowd['edits']} "
            f"| {crowd['reached_django']['story']}, {crowd['reached_django']['city']} "
            f"| {crowd['renders']['story']}, {crowd['renders']['city']} |"
        )
    print("\nworker memory, private/PSS MiB, per phase:")
    for phase, found in result["memory"].items():
        if phase == "uncached soak":
            for i, workers in enumerate(found):
                print(f"  soak {i + 1}: uncached {memory_row(workers)}")
            continue
        for server, workers in found.items():
            print(f"  {phase}: {server} {memory_row(workers)}")


if __name__ == "__main__":
    main()
