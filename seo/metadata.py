"""What search engines and share previews read about a page: canonical and alternate
addresses, Open Graph and Twitter card tags, and schema.org JSON-LD.

Everything here is built from the same published objects the page shows, and every address
is absolute, because it is read outside the site.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from core.i18n import active_content_language, translated
from core.siteurl import absolute_url

SITE_NAME = "WeCitizens"
LOGO_IMAGE = "img/icons/icon-512.png"  # square, as search engines want an organisation's logo
OG_LOCALES = {"th": "th_TH", "en": "en_US"}

# The characters json_script escapes: JSON-LD then cannot close its <script> element early.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """JSON-LD text safe to put inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))


def absolute(request, url):
    return absolute_url(request, url) if url else ""


def canonical_url(request):
    """This page's address without filters; a list keeps its page number after the first."""
    url = request.path
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1 and len(page) < 7:
        url += f"?page={int(page)}"
    return absolute(request, url)


def language_alternates(request):
    """[(hreflang, absolute URL)] for every language, and x-default (Thai, unprefixed)."""
    alternates = [
        (code, absolute(request, translate_url(request.path, code)))
        for code, _name in settings.LANGUAGES
    ]
    default = dict(alternates)[settings.LANGUAGE_CODE]
    return [*alternates, ("x-default", default)]


def text(obj, field):
    return translated(obj, field).text if obj is not None else ""


def _url(request, obj):
    return absolute(request, obj.get_absolute_url())


def _home(request):
    return absolute(request, reverse("home"))


def _organisation(request):
    return {
        "@type": "Organization",
        "name": SITE_NAME,
        "url": _home(request),
        "logo": {"@type": "ImageObject", "url": absolute(request, static(LOGO_IMAGE))},
    }


def _place(request, city):
    place = {"@type": "Place", "name": text(city, "name"), "url": _url(request, city)}
    if city.latitude is not None and city.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    address = {"@type": "PostalAddress", "addressCountry": "TH"}
    if text(city, "province"):
        address["addressRegion"] = text(city, "province")
    place["address"] = address
    return place


def _person(request, person):
    honorific, name = person.name_in()
    data = {"@type": "Person", "name": name.text, "url": _url(request, person)}
    if honorific:
        data["honorificPrefix"] = honorific.text
    if text(person, "role"):
        data["jobTitle"] = text(person, "role")
    if text(person, "affiliation"):
        data["affiliation"] = {"@type": "Organization", "name": text(person, "affiliation")}
    return data


def story_data(request, story, image_url):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": text(story, "title")[:110],
        "url": _url(request, story),
        "mainEntityOfPage": _url(request, story),
        "inLanguage": active_content_language(),
        "image": image_url,
        # Stories are published by the programme; no staff account is named in public.
        "author": _organisation(request),
        "publisher": _organisation(request),
        "dateModified": localtime(story.updated_at).isoformat(),
    }
    if story.published_at:
        data["datePublished"] = localtime(story.published_at).isoformat()
    if text(story, "excerpt"):
        data["description"] = text(story, "excerpt")
    if story.city_id and story.city.is_published:
        data["contentLocation"] = _place(request, story.city)
    people = story.public_people
    if people:
        data["about"] = [_person(request, person) for person in people]
    keywords = [tag.name for tag in story.tags.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    return data


def city_data(request, city, image_url):
    data = {"@context": "https://schema.org", **_place(request, city), "image": image_url}
    if text(city, "summary"):
        data["description"] = text(city, "summary")
    return data


def person_data(request, person):
    data = {"@context": "https://schema.org", **_person(request, person)}
    if person.photo:
        data["image"] = absolute(request, person.photo.url)
    if person.city_id and person.city.is_published:
        data["workLocation"] = _place(request, person.city)
    return data


def project_data(request, project):
    data = {
        "@context": "https://schema.org",
        "@type": "ResearchProject",
        "name": project.display_title,
        "url": _url(request, project),
        "location": _place(request, project.city),
    }
    if text(project, "summary"):
        data["description"] = text(project, "summary")
    return data


def website_data(request):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": _home(request),
        "inLanguage": active_content_language(),
    }


def breadcrumbs(request, page_title, obj=None, tag=None):
    """The trail from the home page to this page, as (name, absolute URL) pairs."""
    trail = [(gettext("Home"), _home(request))]
    cities = (gettext("Cities"), absolute(request, reverse("cities:city_list")))
    stories = (gettext("Stories"), absolute(request, reverse("stories:story_list")))
    model = obj._meta.model_name if obj is not None else ""
    if model == "city":
        trail += [cities, (text(obj, "name"), _url(request, obj))]
    elif model == "researchproject":
        trail += [cities, (text(obj.city, "name"), _url(request, obj.city))]
        trail.append((obj.display_title, _url(request, obj)))
    elif model == "person":
        if obj.city_id and obj.city.is_published:
            trail += [cities, (text(obj.city, "name"), _url(request, obj.city))]
        trail.append((obj.full_name, _url(request, obj)))
    elif model == "story":
        trail += [stories, (text(obj, "title"), _url(request, obj))]
    elif tag is not None:
        trail += [stories, (tag.name, absolute(request, tag.get_absolute_url()))]
    elif request.path != reverse("home"):
        trail.append((page_title, canonical_url(request)))
    return trail


def breadcrumb_data(trail):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": url}
            for index, (name, url) in enumerate(trail, start=1)
        ],
    }


def og_locales():
    current = active_content_language()
    return OG_LOCALES[current], [
        OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != current
    ]
