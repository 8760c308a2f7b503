"""A real varnishd with the repository's VCL, in front of Django's live server.

CI installs Varnish (.ci/run); where varnishd is missing these tests fail, never skip.
"""

import http.client
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from pagecache import varnish as varnish_purge

VCL = Path(settings.BASE_DIR) / "docker" / "varnish" / "default.vcl"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render_vcl(backend_host, backend_port):
    """The repository's VCL with its backend pointed at the live server."""
    vcl = VCL.read_text()
    vcl, hosts = re.subn(r'\.host = "[^"]*";', f'.host = "{backend_host}";', vcl, count=1)
    vcl, ports = re.subn(r'\.port = "[^"]*";', f'.port = "{backend_port}";', vcl, count=1)
    assert hosts == ports == 1, "the VCL's backend has no .host and .port to point at"
    return vcl


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode()

    @property
    def hit(self):
        return self.headers["X-Cache"] == "hit"


@dataclass
class Varnish:
    port: int
    purge_port: int

    def request(self, path, method="GET", headers=None, port=None):
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=30)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path, **headers):
        return self.request(path, headers={k.replace("_", "-"): v for k, v in headers.items()})

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.purge_port}/"


@pytest.fixture(scope="session")
def varnishd_binary():
    binary = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")
    assert binary, "varnishd is missing: install Varnish (apt-get install varnish), as .ci/run does"
    return binary


@pytest.fixture
def varnish(varnishd_binary, live_server, settings, tmp_path):
    """varnishd on free ports (pages and purge), purged by the site on every content change;
    the page cache on behind it."""
    backend = live_server.url.rsplit(":", 1)[1]
    (tmp_path / "default.vcl").write_text(render_vcl("127.0.0.1", backend))
    port, purge_port = free_port(), free_port()
    process = subprocess.Popen(
        [
            varnishd_binary,
            "-F",
            "-j",
            "none",
            "-a",
            f"http=127.0.0.1:{port}",
            "-a",
            f"purge=127.0.0.1:{purge_port}",
            "-f",
            str(tmp_path / "default.vcl"),
            "-n",
            str(tmp_path / "varnish"),
            "-s",
            "malloc,32m",
            "-p",
            "http_gzip_support=off",
            "-T",
            "none",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    server = Varnish(port, purge_port)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.stdout.read().decode(errors="replace")
                pytest.fail(f"varnishd did not start:\n{output}")
            time.sleep(0.1)
    settings.WECITIZENS_PAGE_CACHE = True
    settings.WECITIZENS_VARNISH_PURGE_URLS = [server.purge_url]
    yield server
    varnish_purge.settled_ban.wait()
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
