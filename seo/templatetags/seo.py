import html
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from seo import metadata
from seo.share_images import SHARE_SIZE, share_image_field, share_image_url

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """`{% capture name %}…{% endcapture %}` renders its content once into a variable.

    base.html captures the title and description blocks, which the page, Open Graph and
    Twitter tags all repeat (a block can be defined only once in a template).
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("capture takes one variable name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


def _share_object(context):
    obj = context.get("object")
    return obj if obj is not None and hasattr(obj, "get_absolute_url") else None


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Canonical and hreflang links, feeds, Open Graph, Twitter card and JSON-LD for a page."""
    request = context["request"]
    obj = _share_object(context)
    tag = context.get("tag")
    title = html.unescape(strip_tags(context.get("page_title", ""))) or metadata.SITE_NAME
    description = html.unescape(strip_tags(context.get("page_description", ""))) or gettext(
        "Stories of the people and research behind Thailand's learning cities."
    )
    model = obj._meta.model_name if obj is not None else ""

    image_source = obj if share_image_field(obj) else None
    image = metadata.absolute(request, share_image_url(image_source))
    image_alt = metadata.text(image_source, "hero_image_alt") if image_source else ""
    image_width, image_height = SHARE_SIZE
    # A page shared with a picture of its own (a quote's card) gives it as `share_card`.
    share_card = context.get("share_card")
    if share_card:
        image = metadata.absolute(request, share_card["url"])
        image_alt = share_card["alt"]
        image_width, image_height = share_card["width"], share_card["height"]

    structured = []
    if model == "story":
        structured.append(metadata.story_data(request, obj, image))
    elif model == "city":
        structured.append(metadata.city_data(request, obj, image))
    elif model == "person":
        structured.append(metadata.person_data(request, obj))
    elif model == "researchproject":
        structured.append(metadata.project_data(request, obj))
    elif request.resolver_match and request.resolver_match.view_name == "home":
        structured.append(metadata.website_data(request))
    if not (request.resolver_match and request.resolver_match.view_name == "home"):
        structured.append(metadata.breadcrumb_data(metadata.breadcrumbs(request, title, obj, tag)))

    feeds = [
        ("application/rss+xml", gettext("Stories (RSS)"), reverse("feeds:stories_rss")),
        ("application/atom+xml", gettext("Stories (Atom)"), reverse("feeds:stories_atom")),
    ]
    if model == "city":
        name = metadata.text(obj, "name")
        feeds += [
            (
                "application/rss+xml",
                gettext("Stories from %(city)s (RSS)") % {"city": name},
                reverse("feeds:city_rss", kwargs={"slug": obj.slug}),
            ),
            (
                "application/atom+xml",
                gettext("Stories from %(city)s (Atom)") % {"city": name},
                reverse("feeds:city_atom", kwargs={"slug": obj.slug}),
            ),
        ]
    if tag is not None:
        feeds += [
            (
                "application/rss+xml",
                gettext("Stories tagged %(tag)s (RSS)") % {"tag": tag.name},
                reverse("feeds:tag_rss", kwargs={"slug": tag.slug}),
            ),
            (
                "application/atom+xml",
                gettext("Stories tagged %(tag)s (Atom)") % {"tag": tag.name},
                reverse("feeds:tag_atom", kwargs={"slug": tag.slug}),
            ),
        ]

    locale, alternate_locales = metadata.og_locales()
    feeds = [(kind, name, metadata.absolute(request, href)) for kind, name, href in feeds]
    return {
        "title": title,
        "description": description,
        "canonical": metadata.canonical_url(request),
        "alternates": metadata.language_alternates(request),
        "og_type": {"story": "article", "person": "profile"}.get(model, "website"),
        "og_locale": locale,
        "og_alternate_locales": alternate_locales,
        "image": image,
        "image_width": image_width,
        "image_height": image_height,
        "image_alt": image_alt or metadata.SITE_NAME,
        "story": obj if model == "story" else None,
        "site_name": metadata.SITE_NAME,
        "json_ld": [metadata.json_ld(data) for data in structured],
        "feeds": feeds,
    }


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, obj, title):
    """Share on LINE and Facebook (plain links, no third-party script) and copy the link."""
    request = context["request"]
    url = metadata.absolute(request, obj.get_absolute_url())
    return {
        "url": url,
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "line": "https://social-plugins.line.me/lineit/share?" + urlencode({"url": url}),
        "title": title,
    }
