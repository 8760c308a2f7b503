"""Generate many published demo stories, with their search documents, for benchmarks.

Stories are written with bulk_create (no save(), no signals), so their search documents are
built here directly: the text is made of dictionary words, so its segmentation is known and
newmm need not run 100,000 times. Refuses to touch a database that holds real stories.
"""

import random
import time
from contextlib import contextmanager

from django.contrib.postgres.indexes import GinIndex
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from search.indexing import update_vectors
from search.models import ResultKind, SearchDocument
from stories.models import Story, StoryKind, StoryStatus

SLUG_PREFIX = "demo-"
BATCH = 2000
# Above this many stories, the search indexes are dropped while loading and built after.
REBUILD_INDEXES_FROM = 10_000
# Word mix: 35% common function words, 1% topical words (Zipf-weighted: เมือง is in about a
# quarter of the stories, the last ones in about 2%), the rest drawn from the whole dictionary.
COMMON_SHARE, TOPICAL_SHARE = 0.35, 0.01
# Words that readers of this site search for, most frequent first.
TOPICAL = [
    "เมือง", "การเรียนรู้", "ชาญฉลาด", "หาดใหญ่", "เทศบาลนคร", "ยะลา", "ร้อยเอ็ด", "เชียงใหม่",
    "งานวิจัย", "ชุมชน", "นวัตกรรม", "เศรษฐกิจ", "ย่านเมืองเก่า", "พัฒนา", "ประชาชน",
]  # fmt: skip


class Command(BaseCommand):
    help = "Bulk-insert generated published stories (Thai dictionary words) and index them."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=1000, help="How many (default 1000).")
        parser.add_argument("--seed", type=int, default=4, help="Random seed (default 4).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds stories that were not generated.",
        )

    def handle(self, *args, stories, seed, force, **options):
        if stories < 1:
            raise CommandError("--stories must be at least 1.")
        real = Story.objects.exclude(slug__startswith=SLUG_PREFIX).count()
        if real and not force:
            raise CommandError(
                f"This database holds {real} real stories: generate demo data in a database "
                "of its own, or pass --force."
            )
        from pythainlp.corpus import thai_stopwords, thai_words

        rng = random.Random(seed)
        vocabulary = sorted(thai_words())
        common = sorted(thai_stopwords())
        start = Story.objects.filter(slug__startswith=SLUG_PREFIX).count()
        began = time.monotonic()
        with self._search_indexes_built_after(stories >= REBUILD_INDEXES_FROM):
            for offset in range(start, start + stories, BATCH):
                count = min(BATCH, start + stories - offset)
                self._batch(rng, vocabulary, common, offset, count)
                self.stdout.write(f"  {offset + count - start}/{stories} stories", ending="\r")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE stories_story")
                cursor.execute("ANALYZE search_searchdocument")
        self.stdout.write(
            self.style.SUCCESS(f"Generated {stories} stories in {time.monotonic() - began:.0f} s.")
        )

    @contextmanager
    def _search_indexes_built_after(self, rebuild):
        """Building a GIN index once is much faster than updating it row by row."""
        indexes = [index for index in SearchDocument._meta.indexes if isinstance(index, GinIndex)]
        if not rebuild or connection.vendor != "postgresql":
            yield
            return
        with connection.schema_editor() as editor:
            for index in indexes:
                editor.remove_index(SearchDocument, index)
        try:
            yield
        finally:
            self.stdout.write("\n  building the search indexes")
            with connection.schema_editor() as editor:
                for index in indexes:
                    editor.add_index(SearchDocument, index)

    def _words(self, rng, vocabulary, common, count):
        weights = [1 / rank for rank in range(1, len(TOPICAL) + 1)]
        words = []
        for _ in range(count):
            draw = rng.random()
            if draw < COMMON_SHARE:
                words.append(rng.choice(common))
            elif draw < COMMON_SHARE + TOPICAL_SHARE:
                words.append(rng.choices(TOPICAL, weights)[0])
            else:
                words.append(rng.choice(vocabulary))
        return words

    @transaction.atomic
    def _batch(self, rng, vocabulary, common, offset, count):
        now = timezone.now()
        kinds = StoryKind.values
        texts = []
        stories = []
        for number in range(offset, offset + count):
            title = self._words(rng, vocabulary, common, rng.randint(4, 8))
            excerpt = self._words(rng, vocabulary, common, rng.randint(12, 20))
            body = self._words(rng, vocabulary, common, rng.randint(50, 80))
            texts.append((title, excerpt, body))
            stories.append(
                Story(
                    slug=f"{SLUG_PREFIX}{number}",
                    title_th="".join(title),
                    excerpt_th="".join(excerpt),
                    body_th=f"<p>{''.join(body)}</p>",
                    kind=rng.choice(kinds),
                    status=StoryStatus.PUBLISHED,
                    published_at=now - timezone.timedelta(minutes=rng.randint(60, 5 * 365 * 1440)),
                )
            )
        Story.objects.bulk_create(stories)
        created = Story.objects.filter(slug__in=[story.slug for story in stories]).values_list(
            "slug", "pk", "published_at"
        )
        by_slug = {slug: (pk, published_at) for slug, pk, published_at in created}
        documents = []
        for story, (title, excerpt, body) in zip(stories, texts, strict=True):
            pk, published_at = by_slug[story.slug]
            raw_title, raw_excerpt, raw_body = ("".join(words) for words in (title, excerpt, body))
            for language in ("th", "en"):
                documents.append(
                    SearchDocument(
                        kind=ResultKind.STORY,
                        object_id=pk,
                        language=language,
                        path=f"/{'en/' if language == 'en' else ''}stories/{story.slug}/",
                        title=raw_title,
                        title_language="th",
                        text=f"{raw_excerpt} {raw_body}",
                        text_language="th",
                        words_title=" ".join(title),
                        words_excerpt=" ".join(excerpt),
                        words_body=" ".join(body),
                        words_other="",
                        haystack=f"{raw_title} {raw_excerpt} {raw_body}".lower(),
                        is_public=True,
                        published_at=published_at,
                    )
                )
        created_documents = SearchDocument.objects.bulk_create(documents)
        update_vectors(
            SearchDocument.objects.filter(pk__in=[document.pk for document in created_documents])
        )
