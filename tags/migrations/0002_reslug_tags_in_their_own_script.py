"""Move tags from hashed ASCII slugs (/tags/tag-257e4fc9/) to slugs in their own script
(/tags/ข้าว/), leaving permanent redirects from every old address.

Both slug rules are copied here, frozen: the model's may change later, this history may not.
Reversing restores the hashed slugs and removes the redirects this migration wrote.
"""

import hashlib
import re
import unicodedata

from django.db import migrations
from django.utils.text import slugify

# The addresses under a tag's slug, without the language prefix (SlugRedirect's form).
TAG_PATHS = ("/tags/{}/", "/tags/{}/projects/", "/tags/{}/feed/rss/", "/tags/{}/feed/atom/")


def hashed_slug(name):
    slug = slugify(name)
    if not slug or not name.isascii():
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else f"tag-{digest}"
    return slug


def script_slug(name):
    characters = []
    for character in unicodedata.normalize("NFC", name).lower():
        if character == "-" or character.isspace():
            characters.append("-")
        elif unicodedata.category(character)[0] in "LMN" or character == "_":
            characters.append(character)
    return re.sub(r"-+", "-", "".join(characters)).strip("-_") or "tag"


def reslug(Tag, slug_for):
    """Give every tag `slug_for(name)`, with taggit's -1, -2… on a clash; returns {old: new}."""
    taken, moves = set(), {}
    for pk, name, slug in Tag.objects.order_by("pk").values_list("pk", "name", "slug"):
        base = slug_for(name)
        new, i = base, 1
        while new in taken:
            new, i = f"{base}-{i}", i + 1
        taken.add(new)
        if new != slug:
            moves[pk] = (slug, new)
    # Through a placeholder no slug rule makes, so that swapping two slugs breaks no uniqueness.
    for pk in moves:
        Tag.objects.filter(pk=pk).update(slug=f"~{pk}")
    for pk, (_old, new) in moves.items():
        Tag.objects.filter(pk=pk).update(slug=new)
    return dict(moves.values())


def to_script_slugs(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    SlugRedirect = apps.get_model("redirects", "SlugRedirect")
    for old, new in reslug(Tag, script_slug).items():
        for template in TAG_PATHS:
            old_path, new_path = template.format(old), template.format(new)
            SlugRedirect.objects.filter(new_path=old_path).update(new_path=new_path)
            SlugRedirect.objects.filter(old_path=new_path).delete()
            SlugRedirect.objects.update_or_create(
                old_path=old_path, defaults={"new_path": new_path, "is_automatic": True}
            )


def to_hashed_slugs(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    SlugRedirect = apps.get_model("redirects", "SlugRedirect")
    for old, new in reslug(Tag, hashed_slug).items():
        for template in TAG_PATHS:
            old_path, new_path = template.format(old), template.format(new)
            SlugRedirect.objects.filter(
                old_path=new_path, new_path=old_path, is_automatic=True
            ).delete()
            SlugRedirect.objects.filter(new_path=old_path).update(new_path=new_path)


class Migration(migrations.Migration):
    dependencies = [
        ("tags", "0001_initial"),
        ("redirects", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_script_slugs, to_hashed_slugs)]
