from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language_info

from core import thai
from core.dates import date_in_words, format_date, shown_year, years_in_era
from core.i18n import TranslatedText, active_content_language, translated
from core.linebreaks import word_breaks as break_between_words

register = template.Library()


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
def honorific_and_name(person):
    """A person's honorific and name for inline use, the honorific in the name's language
    (`Person.name_in`), each wrapped in lang="…" when it fell back."""
    honorific, name = person.name_in()
    if honorific:
        return format_html("{} {}", inline_html(honorific), inline_html(name))
    return inline_html(name)


@register.filter
def fallback_language(obj, field_name):
    """The language code a field fell back to, or "" when it is in the page's language.

    For places where a span cannot go, such as `<option lang="…">`.
    """
    value = translated(obj, field_name)
    return value.language if value.is_fallback else ""


@register.filter(is_safe=True)
def word_breaks(value):
    """Thai text (or HTML) that breaks lines only between words (`core.linebreaks`).

    For text shown in the page, never in an attribute, `<title>` or anything not HTML.
    """
    return break_between_words(value)


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
def era_years(text):
    """The four-digit Common Era years in `text` in the era of the page's language."""
    return years_in_era(str(text), active_content_language())


@register.filter
def year(value):
    """A Common Era year as readers of the page expect it: Buddhist Era on Thai pages."""
    if value in (None, ""):
        return ""
    return shown_year(int(value), active_content_language())


@register.simple_tag
def year_range(start, end):
    if not start and not end:
        return ""
    if start and end and start != end:
        return f"{year(start)}–{year(end)}"
    return str(year(start or end))


@register.filter
def local_date(value, format_name=None):
    """A date in Bangkok time with the year Thai readers expect: the Buddhist Era on Thai pages.

    `{{ story.published_at|local_date }}` writes it in words (25 ตุลาคม 2567, 25 October
    2024); `|local_date:"DATETIME_FORMAT"` in one of the locale's formats, like Django's
    `date` filter (25 ตุลาคม 2567, 14:30; Oct. 25, 2024, 2:30 p.m.).
    """
    if not value:
        return ""
    if hasattr(value, "astimezone"):
        value = timezone.localtime(value)
    language = active_content_language()
    if format_name is None:
        return date_in_words(value, language)
    return format_date(value, format_name, language)


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


@register.filter(is_safe=True)
def shorten(value, limit):
    """Text cut to at most `limit` characters on a word boundary (Thai words segmented).

    For excerpts, meta descriptions and snippets. HTML is reduced to its text. For a
    translated field, `{% tr_shorten obj "field" limit %}` keeps the `lang` of a fallback.
    """
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        return value
    text = str(value or "")
    if isinstance(value, SafeData):
        text = thai.plain_text(text)
    return escape(thai.shorten(text, limit))


@register.simple_tag
def tr_shorten(obj, field_name, limit):
    """`{{ obj|tr:field_name }}` cut like `shorten`: in `<span lang>` when it fell back."""
    return shortened_html(obj, field_name, int(limit)) or ""


def shortened_html(obj, field_name, limit, language=None):
    """What `tr_shorten` writes, or None when the field is empty in every language."""
    value = translated(obj, field_name, language)
    if not value:
        return None
    shortened = thai.shorten(value.text, limit)
    return inline_html(TranslatedText(shortened, value.language, value.is_fallback))
