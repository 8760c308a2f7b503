"""A throwaway PostgreSQL server of our own, to stop and start without touching anyone else's.

The machine's shared cluster (127.0.0.1:5432) must never be restarted by a test. This one
lives in a temporary folder, listens on a port of its own and is run by the `postgres` OS user
when the tests run as root (initdb refuses root).
"""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def _binary(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    if not found[-1]:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")
    return found[-1]


class ThrowawayPostgres:
    def __init__(self, port):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="wc-faults-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.as_root = os.geteuid() == 0

    def _run(self, *command):
        if self.as_root:
            command = ("runuser", "-u", "postgres", "--", *command)
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)

    def init(self):
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            _binary("initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        return self

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            _binary("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self):
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def createdb(self, name):
        self._run(_binary("createdb"), "-h", "127.0.0.1", "-p", str(self.port), name)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
