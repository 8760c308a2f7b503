"""The database restarts while readers are on the site: 503s during, recovery after.

gunicorn (docker/gunicorn.conf.py) serves the site from a throwaway PostgreSQL server
(tests/faults/postgres.py) with persistent connections; four threads read pages while the
server is stopped and started again.
"""

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.faults.postgres import ThrowawayPostgres

ROOT = Path(__file__).resolve().parents[2]
PG_PORT = int(os.environ.get("WECITIZENS_FAULT_PG_PORT", "18510"))
WEB_PORT = int(os.environ.get("WECITIZENS_FAULT_WEB_PORT", "18511"))
PAGES = ["/", "/stories/", "/en/cities/"]


def fetch(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{WEB_PORT}{path}", timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    postgres = ThrowawayPostgres(PG_PORT).init()
    postgres.start()
    server = None
    try:
        postgres.createdb("faults")
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url("faults"),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DJANGO_CONN_MAX_AGE": "60",
            "GUNICORN_BIND": f"127.0.0.1:{WEB_PORT}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
        subprocess.run([*manage, "load_content"], cwd=ROOT, env=env, check=True, timeout=300)
        log = open(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", "w")  # noqa: SIM115
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--config",
                "docker/gunicorn.conf.py",
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                if fetch("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield postgres
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        postgres.destroy()


class Readers:
    """Threads fetching pages in a loop, recording (time, status, body) of every answer."""

    def __init__(self, count=4):
        self.answers = []
        self.errors = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(count)]

    def read(self, n):
        while not self.stopping.is_set():
            path = PAGES[n % len(PAGES)]
            try:
                status, body = fetch(path)
                self.answers.append((time.monotonic(), status, body))
            except OSError as error:
                self.errors.append(error)
            time.sleep(0.02)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def since(self, moment):
        return [(status, body) for at, status, body in self.answers if at >= moment]


def test_a_database_restart_under_load_gives_friendly_503s_then_recovers(served_site):
    with Readers() as readers:
        time.sleep(1.5)
        stopped_at = time.monotonic()
        served_site.stop()
        time.sleep(2)
        started_at = time.monotonic()
        served_site.start()
        deadline = started_at + 20
        while time.monotonic() < deadline:
            recent = readers.since(time.monotonic() - 1)
            if recent and all(status == 200 for status, _ in recent):
                break
            time.sleep(0.2)
        recovered_at = time.monotonic()
        time.sleep(1.5)

    before = [status for at, status, _ in readers.answers if at < stopped_at]
    during = [(s, body) for at, s, body in readers.answers if stopped_at + 0.5 <= at < started_at]
    after = [status for status, _ in readers.since(recovered_at)]
    assert readers.errors == []
    assert before and set(before) == {200}
    assert during and {status for status, _ in during} == {503}
    assert all("Traceback" not in body and "<h1>" in body for _, body in during)
    assert after and set(after) == {200}, f"not recovered 20 s after the restart: {after[-10:]}"
    assert {status for _, status, _ in readers.answers} <= {200, 503}
