import json
from dataclasses import replace
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from about.models import AboutPage
from cities.models import Programme
from core.i18n import translated

THEME_COLOUR = "#0b6e4f"
# The icons `manage.py make_identity_images` renders from static/img/icons/icon.svg.
ICON_SIZES = (192, 512)
FAVICON_PATH = settings.BASE_DIR / "static" / "img" / "icons" / "favicon.ico"
ONE_DAY = 24 * 60 * 60


def first_paragraph(text):
    return replace(text, text=text.text.split("\n\n", 1)[0].strip())


class AboutView(TemplateView):
    template_name = "about/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["about"] = AboutPage.objects.first()
        programmes = list(Programme.objects.all())
        # Each programme's first paragraph says what it did and when; the rest is on its page.
        context["phases"] = [
            (programme, first_paragraph(translated(programme, "description")))
            for programme in programmes
        ]
        partners = []
        for programme in programmes:
            for name in (programme.partners or "").split(","):
                if name.strip() and name.strip() not in partners:
                    partners.append(name.strip())
        context["partners"] = partners
        return context


@require_safe
def web_app_manifest(request):
    """The web app manifest, named in the page's language."""
    manifest = {
        "name": gettext("WeCitizens: Thailand's learning cities"),
        "short_name": "WeCitizens",
        "lang": get_language(),
        "start_url": reverse("home"),
        "scope": "/",
        "display": "minimal-ui",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            *(
                {
                    "src": static(f"img/icons/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                }
                for size in ICON_SIZES
            ),
            {"src": static("img/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(
        json.dumps(manifest, ensure_ascii=False, indent=2),
        content_type="application/manifest+json",
    )


@cache
def _favicon_bytes():
    return FAVICON_PATH.read_bytes()


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page's <link rel="icon"> says."""
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={ONE_DAY}"
    return response
