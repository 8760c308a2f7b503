"""Python run afresh, in a new interpreter at the repository's root with only the environment a
test gives it: for settings read at import and scripts the container runs."""

import json
import os
import subprocess
import sys

from django.conf import settings


def run_python(*args, **env):
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp", **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def load_settings(module, *names, **env):
    """The given settings of `module`, imported in a fresh interpreter with only `env`."""
    code = (
        "import importlib, json, sys; "
        f"s = importlib.import_module({module!r}); "
        "print(json.dumps({n: getattr(s, n, None) for n in sys.argv[1:]}, default=str))"
    )
    result = run_python("-c", code, *names, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
