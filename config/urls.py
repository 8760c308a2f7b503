from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from about import sitemaps as about_sitemaps
from about import views as about_views
from cities import sitemaps as cities_sitemaps
from cities.views import HomeView
from operations import views as operations_views
from projects import sitemaps as projects_sitemaps
from seo.views import robots_txt, sitemap_index
from stories import sitemaps as stories_sitemaps
from tags import sitemaps as tags_sitemaps

handler500 = "operations.views.server_error"  # a database outage answers 503

admin.site.site_header = "WeCitizens"
admin.site.site_title = "WeCitizens"

# Each app's sections of the sitemap, in the order the index lists them.
SITEMAPS = {
    **cities_sitemaps.SECTIONS,
    **projects_sitemaps.SECTIONS,
    **stories_sitemaps.SECTIONS,
    **tags_sitemaps.SECTIONS,
    **about_sitemaps.SECTIONS,
}

urlpatterns = [
    path("healthz", operations_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # --- Sitemap, robots.txt, open data API ---
    # An index of paginated sections (one document of 100,000 stories is 80 MB)
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", about_views.favicon, name="favicon"),
    path("api/", include("opendata.urls")),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("cities/", include("cities.urls")),
    path("", include("projects.urls")),
    path("", include("stories.urls")),
    path("portal/", include("portal.urls")),
    path("", include("privacy.urls")),
    path("", include("about.urls")),
    path("", include("accounts.urls")),
    path("", include("search.urls")),
    path("", include("stories.feed_urls")),
    # The Thai (or English) of what scripts show: the rich-text editor's menus.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    prefix_default_language=False,
)

if settings.WECITIZENS_SERVE_MEDIA:
    # Uploads are only JPEG, PNG or WebP (see core.images), so serving them from Django
    # is safe; a large deployment lets its web server or a CDN serve MEDIA_ROOT instead.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", operations_views.media),
    ]
