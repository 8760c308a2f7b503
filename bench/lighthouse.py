"""Lighthouse scores of the public pages, served as production serves them.

Run through `make lighthouse` (it installs Lighthouse from the npm registry into .lighthouse/).
Directly: `.venv/bin/python bench/lighthouse.py [--report-only] [--min-score 95] [--port N]
[--pages home,city-en]`.

It loads the real content into a fresh SQLite database, collects the static files, and starts
gunicorn with docker/gunicorn.conf.py and the production settings (DEBUG off, WhiteNoise, the
HTTPS redirect off because it serves plain HTTP on loopback). Then Lighthouse (mobile profile,
its default: a Moto G Power screen, simulated slow 4G and a 4x slower CPU) audits the home, a
city and a story page in Thai and in English in headless Chromium, one run each, and prints
the four category scores of each page and every audit that cost points. Reports (JSON and
HTML) go to test-artifacts/lighthouse/. The exit status is 1 if any score is below the
minimum, unless --report-only.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
CHROMIUM = os.environ.get("LIGHTHOUSE_CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "/",
    "home-en": "/en/",
    "city": "/cities/chiang-mai/",
    "city-en": "/en/cities/chiang-mai/",
    "story": "/stories/ciap-behind-the-idea/",
    "story-en": "/en/stories/ciap-behind-the-idea/",
}


def server_environment(work):
    secret = base64.urlsafe_b64encode(os.urandom(36)).decode()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": f"lighthouse-{secret}",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies without the Secure flag.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
        "GUNICORN_ACCESS_LOG": str(work / "access.log"),
    }


def prepare_site(env):
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_content"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *command, "-v0"], cwd=ROOT, env=env, check=True)


def start_gunicorn(env, port, log):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "docker/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "config.wsgi:application"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(1)
        if process.poll() is not None:
            break
    process.terminate()
    raise SystemExit(f"gunicorn did not start: see {log.name}")


def run_lighthouse(url, name):
    """One Lighthouse run; returns its JSON report (also saved, with the HTML one)."""
    base = REPORTS / name
    subprocess.run(
        ["node", str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
         f"--only-categories={','.join(CATEGORIES)}",
         "--output=json", "--output=html", f"--output-path={base}", "--quiet"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    return json.loads(base.with_suffix(".report.json").read_text())


def scores(report):
    return {
        key: round(report["categories"][key]["score"] * 100)
        if report["categories"][key]["score"] is not None
        else None
        for key in CATEGORIES
    }


def lost_points(report):
    """(category, audit id, score, title) of each weighted audit that did not pass."""
    lost = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append((key, ref["id"], audit["score"], audit["title"]))
    return lost


def print_table(results, minimum):
    header = f"{'page':<10} {'path':<38} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
    print(header)
    print("-" * len(header))
    for name, (path, page_scores) in results.items():
        cells = []
        for key in CATEGORIES:
            value = page_scores[key]
            mark = "" if value is not None and value >= minimum else " !"
            cells.append(f"{value if value is not None else '-'}{mark}".rjust(13))
        print(f"{name:<10} {path:<38} " + " ".join(cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-only", action="store_true", help="never fail on a low score")
    parser.add_argument("--min-score", type=int, default=95)
    parser.add_argument("--port", type=int, default=int(os.environ.get("LIGHTHOUSE_PORT", 18730)))
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    args = parser.parse_args()
    pages = {name: PAGES[name] for name in args.pages.split(",")}
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `make lighthouse` (it installs it).")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is missing at {CHROMIUM} (LIGHTHOUSE_CHROMIUM).")
    REPORTS.mkdir(parents=True, exist_ok=True)

    work = Path(tempfile.mkdtemp(prefix="wecitizens-lighthouse-"))
    env = server_environment(work)
    prepare_site(env)
    with open(REPORTS / "gunicorn.log", "w") as log:
        server = start_gunicorn(env, args.port, log)
        try:
            results, lost, failed = {}, {}, set()
            # Each page twice first: a serving worker has compiled its templates already.
            for path in [*pages.values(), *pages.values()]:
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}{path}", timeout=30).close()
            for name, path in pages.items():
                report = run_lighthouse(f"http://127.0.0.1:{args.port}{path}", name)
                results[name] = (path, scores(report))
                lost[name] = lost_points(report)
                failed.update(
                    k for k, a in report["audits"].items() if a["scoreDisplayMode"] == "error"
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker held open by a keep-alive connection
                server.kill()
                server.wait()
    shutil.rmtree(work, ignore_errors=True)

    print(f"\nLighthouse {report['lighthouseVersion']}, {report['configSettings']['formFactor']}")
    for name, audits in lost.items():
        for category, audit_id, score, title in audits:
            print(f"  {name}: {category} {audit_id} ({score:.2f}) {title}")
    if failed:
        print(f"  Audits that could not run in this Chromium: {', '.join(sorted(failed))}")
    print()
    print_table(results, args.min_score)
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/<page>.report.html")
    below = [
        f"{name} {key} {value}"
        for name, (_, page_scores) in results.items()
        for key, value in page_scores.items()
        if value is None or value < args.min_score
    ]
    if below and not args.report_only:
        print(f"Below {args.min_score}: " + ", ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
