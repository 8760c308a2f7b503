"""What marking Thai word breaks (core.linebreaks) costs a story page, page cache off.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB .venv/bin/python bench/thai_line_breaks.py

Renders the story page with the real content (`load_content` first if the database has no
stories) through Django's test client with the production settings, and prints wall time per
render (CPU time), median of BENCH_ROUNDS alternating rounds:

  off        marking turned off (WECITIZENS_THAI_WORD_BREAKS=False): the page as it was;
  first      the first render in a fresh process: builds the trie of PyThaiNLP's words and
             the site's names (gunicorn builds it before forking, `docker/gunicorn.conf.py`);
  changed    the first render after a name changed: no marked text is found, every text
             is segmented again (the trie is kept);
  warm       a later render: each marked text is found by its hash.

It also checks that marking adds no SQL query.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-thai-line-breaks-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from core import linebreaks  # noqa: E402
from stories.models import Story  # noqa: E402

STORY = "/stories/conversation-with-chanyarin-somporn/"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))


def forget_marked_texts(round_number):
    """As after a name changed: no marked text is found, in the cache or in this process."""
    linebreaks.store_names([*linebreaks.site_names(), f"ชื่อทดลอง{round_number}"])


def timed(client):
    """CPU milliseconds of one render (steadier than wall time on a shared machine)."""
    started = time.process_time()
    response = client.get(STORY)
    assert response.status_code == 200, response.status_code
    return (time.process_time() - started) * 1000


def main():
    if not Story.objects.exists():
        call_command("load_content", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    off, changed, warm = [], [], []
    with override_settings(WECITIZENS_PAGE_CACHE=False):
        with override_settings(WECITIZENS_THAI_WORD_BREAKS=False):
            timed(client)
            with CaptureQueriesContext(connection) as plain:
                client.get(STORY)
        with override_settings(WECITIZENS_THAI_WORD_BREAKS=True):
            first = timed(client)
            with CaptureQueriesContext(connection) as marked:
                html = client.get(STORY).content.decode()
        # Alternating rounds, so the machine's load weighs on each the same.
        for round_number in range(ROUNDS):
            with override_settings(WECITIZENS_THAI_WORD_BREAKS=False):
                off.append(timed(client))
            with override_settings(WECITIZENS_THAI_WORD_BREAKS=True):
                forget_marked_texts(round_number)
                changed.append(timed(client))
                warm.append(timed(client))
    print(f"story page {STORY}: {html.count('<wbr>')} breaks marked, {len(html)} characters")
    print(f"off      {statistics.median(off):7.1f} ms")
    print(f"first    {first:7.1f} ms  (the trie built in this render)")
    print(f"changed  {statistics.median(changed):7.1f} ms")
    print(f"warm     {statistics.median(warm):7.1f} ms")
    print(f"queries  {len(plain.captured_queries)} off, {len(marked.captured_queries)} marked")


if __name__ == "__main__":
    main()
