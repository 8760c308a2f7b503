"""Purge Varnish when content changes, from the one place that marks every page out of date.

`pagecache.clock.bump_content_version` calls `purge_after_commit()`: once the transaction
commits, a `BAN` goes to every Varnish in `WECITIZENS_VARNISH_PURGE_URLS` (empty: no Varnish,
nothing sent). The VCL (docker/varnish/default.vcl) answers it by banning every page it keeps
for the site's content (not static files), so the next reader of any page gets it from Django,
whose page cache is exact on its own.

A ban only reaches objects already in the cache. A reader whose page was rendered from data of
before the commit, and reached Varnish just after the ban, would slip past it: Django's page
cache marks a page it saw the content version change under as not to be kept
(`pagecache.middleware`), and the ban is sent a second time `SETTLE_SECONDS` later, by when
any such page has arrived.

A purge that fails is retried a few times, briefly, then logged: it never raises into the
request that changed the content. A Varnish that missed a ban keeps serving pages until their
`s-maxage`, at most `WECITIZENS_PAGE_CACHE_SECONDS`.
"""

import logging
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings

from core.transactions import on_commit_once

logger = logging.getLogger(__name__)

ATTEMPTS = 3
RETRY_PAUSE_SECONDS = 0.2
TIMEOUT_SECONDS = 2
SETTLE_SECONDS = 2


def purge_urls():
    return list(getattr(settings, "WECITIZENS_VARNISH_PURGE_URLS", []))


def ban(url):
    """Send one BAN to one Varnish, retried; whether it was accepted."""
    for attempt in range(1, ATTEMPTS + 1):
        request = urllib.request.Request(url, method="BAN")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                if response.status == 200:
                    return True
                problem = f"status {response.status}"
        except urllib.error.HTTPError as error:
            problem = f"status {error.code}"
        except OSError as error:  # refused, unreachable, timed out
            problem = str(error)
        if attempt < ATTEMPTS:
            time.sleep(RETRY_PAUSE_SECONDS * attempt)
    logger.error("Varnish purge failed after %d attempts: %s: %s", ATTEMPTS, url, problem)
    return False


def ban_everywhere(urls):
    sent = [ban(url) for url in urls]  # every Varnish, even after one failed
    return all(sent)


class SettledBan:
    """The second ban, `SETTLE_SECONDS` after the last purge: one thread for a burst of
    changes (an import saves hundreds of rows), its deadline moved on by each."""

    def __init__(self):
        self.lock = threading.Lock()
        self.deadline = 0.0
        self.urls = []
        self.thread = None

    def schedule(self, urls):
        with self.lock:
            self.deadline = time.monotonic() + SETTLE_SECONDS
            self.urls = urls
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, name="varnish-ban", daemon=True)
                self.thread.start()

    def run(self):
        while True:
            with self.lock:
                wait = self.deadline - time.monotonic()
                if wait <= 0:
                    urls, self.thread = self.urls, None
                    break
            time.sleep(wait)
        ban_everywhere(urls)

    def wait(self):
        """Until the pending ban is sent (tests stop Varnish only after it)."""
        thread = self.thread
        if thread is not None:
            thread.join()


settled_ban = SettledBan()


def purge_now_and_after_settling():
    urls = purge_urls()
    if not urls:
        return
    ban_everywhere(urls)
    settled_ban.schedule(urls)


def purge_after_commit():
    """Purge every configured Varnish once the current transaction commits (at once if none):
    once per transaction, however many rows it changed."""
    if purge_urls():
        on_commit_once(purge_now_and_after_settling)
