"""Sarabun, the site's typeface, for the pictures drawn with Pillow: quote cards and the
default share pictures.

Text is laid out by Raqm (HarfBuzz), which places Thai vowels and tone marks as a browser
does; Pillow's basic layout would leave a tone mark where the font draws it by default, high
above ผู้ or on top of the vowel of น้ำ. The files are the full fonts of fontpkg-sarabun, not
the web fonts in static/fonts, which are subsets split by script.
"""

from functools import lru_cache

import fontpkg_sarabun
from PIL import ImageFont

FONT_FILES = {
    "regular": fontpkg_sarabun.ROOT / "files" / "Sarabun-Regular.ttf",
    "semibold": fontpkg_sarabun.ROOT / "files" / "Sarabun-SemiBold.ttf",
    "bold": fontpkg_sarabun.ROOT / "files" / "Sarabun-Bold.ttf",
}


@lru_cache(maxsize=64)
def sarabun(size, weight="regular", layout=ImageFont.Layout.RAQM):
    """Sarabun at `size` pixels, shaped by Raqm unless another layout is asked for."""
    return ImageFont.truetype(str(FONT_FILES[weight]), size, layout_engine=layout)
