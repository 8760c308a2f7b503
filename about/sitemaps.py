from about.models import AboutPage
from cities.sitemaps import PageSitemap


class AboutSitemap(PageSitemap):
    """The About page in both languages."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["about:about"]

    def lastmod(self, name):
        return AboutPage.objects.values_list("updated_at", flat=True).first()


SECTIONS = {"about": AboutSitemap}
