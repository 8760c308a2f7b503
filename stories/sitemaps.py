from core.sitemaps import BilingualSitemap
from stories.models import Story


class StorySitemap(BilingualSitemap):
    model = Story
    changefreq = "weekly"
    priority = 0.6


SECTIONS = {"stories": StorySitemap}
