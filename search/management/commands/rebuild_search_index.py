from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Rewrite every search document from the content. Run it after changes that bypass "
        "save(): loaddata, bulk_create, QuerySet.update, raw SQL."
    )

    def handle(self, *args, **options):
        counts = indexing.rebuild()
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
