"""What the worst accepted upload costs one worker: wall time and peak extra memory.

    .venv/bin/python bench/uploads.py [case ...]

For each case the image is made first (in this process), then a fresh Python process does what
an accepted upload costs a worker: validation (core.images.validate_image_file), the clean
copy that is stored (reencode_image), the responsive renditions (core.renditions) and the
share image (seo.share_images). It reports the wall and CPU time of those steps (CPU
time is the steadier figure on a shared machine) and the peak resident memory above what the
process used just before them (the kernel's VmHWM, reset just before, against the current RSS,
so the image's own bytes and Django are not counted). A refused image reports "refused" and
the cost of refusing it.

The cases are the worst images the limits let through: the largest pixel count in each format
(flat pictures, so that they fit in the byte limit, like the 116 KB PNG of 39.7 megapixels that
once cost 10-13 s and +447 MiB), and photo-like noise up to the byte limit. Targets: under 3 s
and 150 MiB for every accepted case. Figures of record are in docs/uploads.md.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _limits():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings

    limits = settings.WECITIZENS_MAX_IMAGE_PIXELS
    if isinstance(limits, int):  # before the limit was per format
        limits = dict.fromkeys(("JPEG", "PNG", "WEBP"), limits)
    return limits, settings.WECITIZENS_MAX_IMAGE_BYTES


def _size_for(pixels, ratio=4 / 3):
    """The largest width×height with this aspect ratio and at most `pixels` pixels."""
    height = int((pixels / ratio) ** 0.5)
    width = int(pixels // height)
    while width * height > pixels:
        width -= 1
    return min(width, 16383), min(height, 16383)


def _flat(size, mode):
    from PIL import Image, ImageDraw

    colour = {"RGBA": (255, 255, 255, 128), "CMYK": (0, 0, 0, 0)}.get(mode, "white")
    image = Image.new(mode, size, colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, min(size), max(1, min(size) // 16)):
        draw.rectangle((step, step, step + 40, step + 40), fill=(200, 0, 0, 255)[: len(mode)])
    return image


def _noise(size):
    from PIL import Image

    return Image.merge("RGB", [Image.effect_noise(size, 90) for _ in range(3)])


def make_cases():
    """{name: (file name, bytes)} of the worst images the current limits accept."""
    limits, max_bytes = _limits()
    from django.conf import settings

    progressive_limit = getattr(settings, "WECITIZENS_MAX_PROGRESSIVE_JPEG_PIXELS", limits["JPEG"])
    side = getattr(settings, "WECITIZENS_MAX_STORED_IMAGE_SIDE", 2000)
    cases = {}

    def encoded(image, image_format, **options):
        buffer = io.BytesIO()
        image.save(buffer, image_format, **options)
        return buffer.getvalue()

    def size_at(image_format, ratio=4 / 3):
        return _size_for(limits[image_format], ratio)

    png_size = size_at("PNG")
    cases["png-max-pixels-rgb"] = ("big.png", encoded(_flat(png_size, "RGB"), "PNG"))
    cases["png-max-pixels-rgba"] = ("big.png", encoded(_flat(png_size, "RGBA"), "PNG"))
    jpeg_size = size_at("JPEG")
    flat_jpeg = _flat(jpeg_size, "RGB")
    cases["jpeg-max-pixels-baseline"] = ("big.jpg", encoded(flat_jpeg, "JPEG", quality=90))
    cases["jpeg-max-pixels-progressive-444"] = (
        "big.jpg",
        encoded(flat_jpeg, "JPEG", quality=95, progressive=True, subsampling=0),
    )
    del flat_jpeg
    progressive_size = _size_for(progressive_limit)
    cases["jpeg-progressive-max-pixels-444"] = (
        "big.jpg",
        encoded(_flat(progressive_size, "RGB"), "JPEG", progressive=True, subsampling=0),
    )
    # Just under twice the stored side: the largest JPEG libjpeg cannot decode at a lower scale.
    undrafted = (2 * side - 1, 2 * side - 1)
    cases["jpeg-undrafted-baseline"] = ("big.jpg", encoded(_flat(undrafted, "RGB"), "JPEG"))
    cases["jpeg-undrafted-cmyk"] = ("big.jpg", encoded(_flat(undrafted, "CMYK"), "JPEG"))
    webp_size = size_at("WEBP")
    cases["webp-max-pixels"] = ("big.webp", encoded(_flat(webp_size, "RGB"), "WEBP", quality=80))
    # Photo-like noise as large as the byte limit allows.
    side = int((max_bytes / 3) ** 0.5)
    cases["png-noise-at-byte-limit"] = ("noise.png", encoded(_noise((side, side)), "PNG"))
    jpeg_side = min(int((limits["JPEG"]) ** 0.5), 1800)
    cases["jpeg-noise-444"] = (
        "noise.jpg",
        encoded(_noise((jpeg_side, jpeg_side)), "JPEG", quality=85, subsampling=0),
    )
    for name, (_file_name, data) in cases.items():
        if len(data) > max_bytes:
            print(f"{name}: {len(data)} bytes, over the byte limit", file=sys.stderr)
    return {name: value for name, value in cases.items() if len(value[1]) <= max_bytes}


def _status_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


def _reset_peak_rss():
    """Make the kernel's peak RSS (VmHWM) start again from the current RSS (Linux 4.0+)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def run_one(path, file_name):
    """In a fresh process: validate, re-encode, make renditions and the share image."""
    media = tempfile.mkdtemp(prefix="bench-uploads-")
    os.environ["MEDIA_ROOT"] = media
    _limits()
    from django.core.exceptions import ValidationError
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from core.images import reencode_image, validate_image_file
    from core.renditions import responsive_image
    from seo.share_images import share_rendition
    from stories.models import Story
    from tests.conftest import photo_bytes

    def pipeline(data, name):
        upload = SimpleUploadedFile(name, data)
        validate_image_file(upload)
        clean = reencode_image(upload)
        stored = default_storage.save(f"stories/{clean.name}", clean)
        story = Story(pk=1, hero_image=stored)
        responsive_image(story.hero_image)
        share_rendition(story)

    data = Path(path).read_bytes()
    with override_settings(MEDIA_ROOT=media):
        pipeline(photo_bytes((400, 300)), "warm.jpg")  # load the codecs first
        before = _status_kib("VmRSS")
        _reset_peak_rss()
        started, started_cpu = time.perf_counter(), time.process_time()
        outcome = "accepted"
        try:
            pipeline(data, file_name)
        except ValidationError as error:
            outcome = f"refused ({error.code})"
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - started_cpu
        peak = _status_kib("VmHWM")
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "extra_mib": (peak - before) / 1024,
                "outcome": outcome,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--one", nargs=2, metavar=("PATH", "NAME"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        run_one(*arguments.one)
        return
    cases = make_cases()
    folder = Path(tempfile.mkdtemp(prefix="bench-uploads-input-"))
    header = f"{'case':34} {'file':>9} {'pixels':>7} {'wall s':>7} {'CPU s':>6} {'extra MiB':>9}"
    print(f"{header}  outcome")
    for name, (file_name, data) in cases.items():
        if arguments.cases and name not in arguments.cases:
            continue
        path = folder / f"{name}-{file_name}"
        path.write_bytes(data)
        from PIL import Image

        with Image.open(path) as image:
            pixels = image.width * image.height
        result = subprocess.run(
            [sys.executable, __file__, "--one", str(path), file_name],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{name:34} {len(data) / 1024:7.0f}KB {pixels / 1e6:6.1f}M "
            f"{figures['seconds']:7.2f} {figures['cpu_seconds']:6.2f} "
            f"{figures['extra_mib']:9.0f}  {figures['outcome']}"
        )


if __name__ == "__main__":
    main()
