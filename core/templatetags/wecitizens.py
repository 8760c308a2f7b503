import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language_info

from core import thai
from core.i18n import active_content_language, translated

register = template.Library()

BUDDHIST_ERA_OFFSET = 543


@register.filter
def tr(obj, field_name):
    """A translated field for inline use, wrapped in lang="…" when it fell back.

    `{{ city|tr:"name" }}` prints the name in the page's language, or the other
    language's text marked so screen readers pronounce it right.
    """
    if obj is None:
        return ""
    return inline_html(translated(obj, field_name))


def inline_html(value):
    """A TranslatedText as HTML: escaped, in `<span lang="…">` when it fell back."""
    if value.is_fallback:
        return format_html('<span lang="{}">{}</span>', value.language, value.text)
    return escape(value.text)


@register.filter
def fallback_language(obj, field_name):
    """The language code a field fell back to, or "" when it is in the page's language.

    For places where a span cannot go, such as `<option lang="…">`.
    """
    value = translated(obj, field_name)
    return value.language if value.is_fallback else ""


@register.inclusion_tag("includes/translated_block.html")
def translated_block(obj, field_name, is_html=False, css_class="prose"):
    """A block of translated text with a notice when it is shown in the other language."""
    value = translated(obj, field_name)
    if is_html:
        content = mark_safe(value.text)
    else:
        content = mark_safe(linebreaks(value.text, autoescape=True))
    return {
        "value": value,
        "content": content,
        "css_class": css_class,
        "source_language_name": get_language_info(value.language)["name_translated"],
    }


@register.filter
def year(value):
    """A Common Era year as readers of the page expect it: Buddhist Era on Thai pages."""
    if value in (None, ""):
        return ""
    if active_content_language() == "th":
        return int(value) + BUDDHIST_ERA_OFFSET
    return int(value)


@register.simple_tag
def year_range(start, end):
    if not start and not end:
        return ""
    if start and end and start != end:
        return f"{year(start)}–{year(end)}"
    return str(year(start or end))


@register.filter
def local_date(value):
    """A date in words; Thai pages show the Buddhist Era year (25 ตุลาคม 2567)."""
    if not value:
        return ""
    if hasattr(value, "astimezone"):
        value = timezone.localtime(value)
    return date_in_words(value, active_content_language())


def date_in_words(value, language):
    """What `local_date` writes for a date (or a local datetime) on a page in `language`."""
    # date_format(value, "j F") writes the same, after format lookups costing more than a card.
    shown_year = value.year + BUDDHIST_ERA_OFFSET if language == "th" else value.year
    return f"{value.day} {MONTHS[value.month]} {shown_year}"


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """This page's address in another language, query string kept."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    return url


@register.simple_tag
def other_languages():
    current = active_content_language()
    return [
        {"code": code, "name": get_language_info(code)["name_local"]}
        for code, _name in settings.LANGUAGES
        if code != current
    ]


@register.inclusion_tag("includes/picture.html")
def picture(obj, field_name, sizes="100vw", loading="lazy", decorative=False, css_class=""):
    """A responsive `<picture>` of an image field: WebP renditions, a JPEG fallback, the
    intrinsic width and height (no layout shift) and the alt text in `<field>_alt`.

    `loading="eager"` for an image at the top of the page (it is also fetched first);
    `decorative=True` for an image that repeats what the text beside it says (alt="").
    """
    from core.renditions import responsive_image

    image = responsive_image(getattr(obj, field_name, None))
    if image is None:
        return {"image": None}
    alt = None if decorative else translated(obj, f"{field_name}_alt")
    return {
        "image": image,
        # Written here rather than with filters in the template: a list page has one a card.
        "webp_srcset": image.srcset("webp"),
        "jpeg_srcset": image.srcset("jpeg"),
        "fallback_url": image.fallback.url,
        "sizes": sizes,
        "loading": loading,
        "alt_text": alt.text if alt else "",
        "alt_language": alt.language if alt and alt.is_fallback else "",
        "css_class": css_class,
    }


LANG_SPAN = re.compile(r'^<span lang="([a-z-]+)">(.*)</span>$', re.DOTALL)


@register.filter(is_safe=True)
def shorten(value, limit):
    """Text cut to at most `limit` characters on a word boundary (Thai words segmented).

    For excerpts, meta descriptions and snippets. HTML is reduced to its text; the
    `<span lang>` that `tr` adds to text in the other language is kept.
    """
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        return value
    is_html = isinstance(value, SafeData)
    value = str(value or "")
    language = ""
    if is_html:
        match = LANG_SPAN.match(value)
        if match:
            language, value = match.groups()
        value = thai.plain_text(value)
    text = thai.shorten(value, limit)
    if language:
        return format_html('<span lang="{}">{}</span>', language, text)
    return escape(text)
