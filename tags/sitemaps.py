from core.sitemaps import BilingualSitemap
from tags.models import Tag


class TagSitemap(BilingualSitemap):
    """Public tags (`Tag.objects.public()`): those with a published story or project."""

    model = Tag
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Tag.objects.public().order_by("pk")

    # No lastmod: a tag's newest story means reading every tagging of the page's tags (0.3 s
    # at 100,000 stories), and lastmod is optional; the stories themselves carry theirs.
    lastmod = None


SECTIONS = {"tags": TagSitemap}
