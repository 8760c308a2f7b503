"""gunicorn settings for the production image (and the benchmarks that imitate it).

Every value can be overridden from the environment (GUNICORN_*), or on the command line.

Signals to the master process (PID 1 in the container: `docker compose kill -s HUP web`):

* HUP: graceful reload. Re-reads this file, starts new workers, then lets the old ones finish
  the requests they are serving (up to `graceful_timeout`) and exit. No request is dropped.
  The application is preloaded in the master (`preload_app`), so HUP does *not* load new
  code: deploy new code by starting a new container (or USR2, then WINCH and QUIT to the old
  master).
* TERM: graceful stop. Workers finish their current requests (up to `graceful_timeout`) and
  exit; `docker stop` sends TERM and waits 10 s by default, so give it
  `--time <graceful_timeout>`. INT and QUIT stop at once.
* TTIN / TTOU: one worker more / fewer, without a restart.
"""

import os


def _env(name, default):
    """The environment's value, or `default` when it is unset or empty."""
    value = os.environ.get(name, "")
    return value if value.strip() else default


def _int(name, default):
    return int(_env(name, default))


def available_cpus():
    """CPUs this process may run on (a container's cpuset, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


bind = _env("GUNICORN_BIND", "0.0.0.0:8000")

# Rendering a page is CPU work under the GIL, so processes, not threads, use the cores: two per
# CPU plus one keep them busy while others wait on PostgreSQL or Redis. The default stops at 17
# (8 CPUs): a container may see many more CPUs than its quota lets it use, and each worker
# holds its own database connection. Threads stay at 1 (the sync worker), whose `timeout`
# kills a request that hangs; with GUNICORN_THREADS > 1 gunicorn uses threaded workers, which
# keep connections alive (`keepalive`) but cannot time out a stuck request.
workers = _int("GUNICORN_WORKERS", min(2 * available_cpus() + 1, 17))
threads = _int("GUNICORN_THREADS", 1)

# A worker silent for this long is killed and replaced (sync workers: one request too slow).
timeout = _int("GUNICORN_TIMEOUT", 30)
# On HUP or TERM, workers get this long to finish the requests they are serving.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection stays open (threaded workers; behind a proxy).
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle each worker after about this many requests, so slow memory growth (caches,
# fragmentation) never accumulates; the jitter keeps workers from restarting all at once.
# Not much fewer: a new worker compiles its templates afresh, and a worker serving cached
# pages answers hundreds of requests a second (at 2,000 the benchmark saw every worker
# replaced every few seconds).
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2000)

# Load the app before forking so workers share its memory.
preload_app = True
# Workers' heartbeat files in memory, not on the container's overlay filesystem.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

accesslog = _env("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Common log format plus the time taken in microseconds (%(D)s), the forwarded client address
# and the referrer and user agent.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(D)sus "%({x-forwarded-for}i)s" "%(f)s" "%(a)s"'
)
forwarded_allow_ips = _env("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Move every object the master loaded into the collector's permanent generation before
    each fork. Without it, the first full collection in a worker writes to the header of every
    preloaded object (PyThaiNLP's ~80 MiB word list included), copying those shared pages into
    each worker: measured by bench/serving.py, a worker's private memory went from 3 to 107 MiB
    after its first hundred requests, and to 50 MiB with the freeze (RSS the same)."""
    import gc

    gc.freeze()


def on_starting(server):
    """Load PyThaiNLP's word list (~0.5 s, ~80 MiB) and the line-break trie once, before
    workers fork and share them."""
    from core import linebreaks, thai

    thai.preload()
    linebreaks.preload()
