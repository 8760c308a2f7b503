"""Tag input for staff: tags are separated by commas only, because Thai phrases contain spaces.

taggit's default parser splits on spaces when no comma is present, which would turn
"เมืองแห่งการเรียนรู้ ยะลา" into two tags.
"""


def parse_tags(tagstring):
    if not tagstring:
        return []
    names = {" ".join(part.replace('"', " ").split()) for part in tagstring.split(",")}
    names.discard("")
    return sorted(names)


def edit_string_for_tags(tags):
    return ", ".join(sorted(tag.name for tag in tags))
