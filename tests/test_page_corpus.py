"""The page corpus (bench/page_corpus.py) records pages and finds each page that changed."""

import json
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "page_corpus.py"
SUBSET = "public/th/story,public/en/story-list,portal/th/dashboard,admin/stories.Story/change"


def corpus(*args):
    """Runs the corpus script in its own process, as a person would: its own throwaway
    database and settings, whatever database this test session uses."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )


def test_compare_reports_exactly_the_pages_that_changed(tmp_path):
    recorded = corpus("record", str(tmp_path), "--only", SUBSET)
    assert recorded.returncode == 0, recorded.stderr
    index_path = tmp_path / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    pages = index["pages"]
    assert set(pages) == {
        "public/th/story",
        "public/en/story-list",
        "portal/th/dashboard",
        "admin/stories.Story/change",
    }
    assert {page["status"] for page in pages.values()} == {200}
    assert all(page["queries"] > 0 for page in pages.values())
    story_page = tmp_path / pages["public/th/story"]["file"]
    assert b'lang="th"' in story_page.read_bytes()

    # One character of one page, and one page's query count, as a regression would change them.
    story_page.write_bytes(story_page.read_bytes().replace(b"<h1", b"<h1 ", 1))
    pages["portal/th/dashboard"]["queries"] += 1
    index_path.write_text(json.dumps(index), encoding="utf-8")

    compared = corpus("compare", str(tmp_path))
    assert compared.returncode == 1, compared.stderr
    reported = [line for line in compared.stdout.splitlines() if not line.startswith("    ")]
    dashboard_queries = pages["portal/th/dashboard"]["queries"]
    assert reported == [
        f"CHANGED portal/th/dashboard queries: {dashboard_queries} -> {dashboard_queries - 1}",
        f"DIFFERS public/th/story ({pages['public/th/story']['url']})",
        "4 pages compared, 2 difference(s)",
    ]
    assert re.search(r"^    -\s*<h1 ", compared.stdout, re.MULTILINE)  # the diff excerpt
    assert re.search(r"^    \+\s*<h1", compared.stdout, re.MULTILINE)
