"""docker/gunicorn.conf.py: sane values, environment overrides, and a graceful reload."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings

CONFIG = settings.BASE_DIR / "docker" / "gunicorn.conf.py"


def test_master_freezes_its_objects_before_each_fork():
    code = (
        "import gc, runpy, sys\n"
        "config = runpy.run_path(sys.argv[1])\n"
        "before = gc.get_freeze_count()\n"
        "config['pre_fork'](None, None)\n"
        "print(before, gc.get_freeze_count())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(CONFIG)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    before, after = map(int, result.stdout.split())
    # Some Python builds freeze a few hundred objects of their own at start (3.12.1 here: 375).
    assert after - before > 1000  # the interpreter's and the config's objects, never collected


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()


def load_config(**env):
    """The config file's settings as gunicorn reads them, in a fresh interpreter with `env`."""
    code = (
        "import json, sys\n"
        "from gunicorn.app.base import Application\n"
        "from gunicorn.config import Config\n"
        "app = Application.__new__(Application)\n"
        "app.cfg = Config()\n"
        "app.load_config_from_file(sys.argv[1])  # validates each value, as gunicorn does\n"
        "print(json.dumps({n: s.get() for n, s in app.cfg.settings.items()}, default=repr))\n"
    )
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp", **env}
    result = subprocess.run(
        [sys.executable, "-c", code, str(CONFIG)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_follow_the_cpus_and_are_sane():
    config = load_config()
    cpus = len(os.sched_getaffinity(0))

    assert config["workers"] == min(2 * cpus + 1, 17)
    assert config["threads"] == 1
    assert config["worker_class"] == "sync"
    assert 10 <= config["timeout"] <= 120
    assert 10 <= config["graceful_timeout"] <= config["timeout"]
    assert 1 <= config["keepalive"] <= 75  # shorter than a proxy's upstream keep-alive
    assert config["max_requests"] >= 500
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["preload_app"] is True
    assert config["bind"] == ["0.0.0.0:8000"]
    assert config["accesslog"] == "-"
    assert "%(D)s" in config["access_log_format"]  # time taken, in microseconds


def test_environment_overrides_every_tunable():
    config = load_config(
        GUNICORN_BIND="127.0.0.1:9000",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="4",
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        GUNICORN_KEEPALIVE="2",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_MAX_REQUESTS_JITTER="50",
        GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.1",
    )

    assert config["bind"] == ["127.0.0.1:9000"]
    assert (config["workers"], config["threads"]) == (3, 4)
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (60, 20, 2)
    assert (config["max_requests"], config["max_requests_jitter"]) == (500, 50)
    assert config["forwarded_allow_ips"] == ["10.0.0.1"]


def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=5) as response:
        return response.status, response.read()


def worker_pids(master):
    children = f"/proc/{master}/task/{master}/children"
    with open(children) as listing:
        return set(listing.read().split())


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def start_gunicorn(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    with open(tmp_path / "gunicorn.log", "w") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(CONFIG),
                "config.wsgi:application",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _answers(path):
    try:
        return get(path)[0] == 200
    except OSError:
        return False


def test_hup_reloads_workers_without_a_failed_request_and_term_stops_gracefully(tmp_path):
    process = start_gunicorn(tmp_path)
    server_log = tmp_path / "gunicorn.log"
    try:
        assert wait_for(lambda: _answers("/healthz"), 30), server_log.read_text()
        old = worker_pids(process.pid)
        assert len(old) == 2

        process.send_signal(signal.SIGHUP)
        answers = []

        def replaced():
            answers.append(_answers("/healthz"))
            current = worker_pids(process.pid)
            return len(current) == 2 and not current & old

        assert wait_for(replaced, 20), server_log.read_text()
        assert all(answers), answers  # never refused or failed during the reload
        assert get("/healthz") == (200, b'{"status": "ok", "database": "ok", "cache": "ok"}')
        assert "Handling signal: hup" in server_log.read_text()
        assert '"GET /healthz HTTP/1.1" 200 ' in (tmp_path / "access.log").read_text()

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=35) == 0
        assert "Shutting down: Master" in server_log.read_text()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
