from core.sitemaps import BilingualSitemap
from projects.models import Person, ResearchProject


class ProjectSitemap(BilingualSitemap):
    model = ResearchProject
    changefreq = "monthly"
    priority = 0.5


class PersonSitemap(BilingualSitemap):
    model = Person
    changefreq = "monthly"
    priority = 0.4


SECTIONS = {"projects": ProjectSitemap, "people": PersonSitemap}
