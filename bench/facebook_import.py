"""What importing a Facebook Page export costs: wall time and peak memory, at two sizes.

    .venv/bin/python bench/facebook_import.py [--posts 500 5000] [--photo-side 1280]

For each size an export is generated first (in this process): N posts of the seed's Thai text,
Facebook-escaped as the exporter writes it, each with two photos (photo-like JPEGs carrying
GPS EXIF, `--photo-side` pixels on the long side) and some with a link and hashtags. Then a fresh
Python process migrates a new SQLite database, loads the seed (cities and people to recognise)
and runs `import_facebook` on the ZIP, reporting the import's wall and CPU time and its peak
resident memory (the kernel's VmHWM, reset just before the import) against the RSS before it.

Target: 5,000 posts with 10,000 photos in under 10 minutes, with a peak that does not grow with
the archive. Figures of record are in docs/facebook-import.md.
"""

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHOTO_VARIANTS = 12


def _photos(side):
    """A few distinct photo-like JPEGs (gradients and noise, GPS EXIF) to reuse."""
    from PIL import Image, ImageFilter

    from tests.stories.facebook_exports import photo_with_gps

    photos = []
    size = (side, side * 3 // 4)
    for number in range(PHOTO_VARIANTS):
        base = photo_with_gps(size=size, colour=(40 + 15 * number, 120, 200 - 10 * number))
        with Image.open(io.BytesIO(base)) as image:
            exif = image.getexif()
            noise = Image.effect_noise(size, 30 + number).filter(ImageFilter.GaussianBlur(2))
            picture = Image.merge(
                "RGB",
                [
                    Image.blend(image.getchannel(0), noise, 0.5),
                    Image.linear_gradient("L").resize(size),
                    noise,
                ],
            )
            buffer = io.BytesIO()
            picture.save(buffer, "JPEG", quality=85, exif=exif)
        photos.append(buffer.getvalue())
    return photos


def build_export(path, posts, photo_side):
    """The ZIP of an export of `posts` posts with two photos each (photos stored, not
    deflated: JPEGs do not compress)."""
    from stories.management.commands.load_content import SEED_PATH
    from tests.stories.facebook_exports import facebook_json, post

    seed = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    texts = [f"{s['title_th']}\n\n{s['excerpt_th']}" for s in seed["stories"]]
    places = ["ย่านกะดีจีน", "ปากพูน", "อำเภอขลุง", "หัวหิน", "หาดใหญ่", "แก่งคอย", "ร้อยเอ็ด", ""]
    photos = _photos(photo_side)
    rnd = random.Random(posts)
    media = "this_profile's_activity_across_facebook/posts/media/Timeline"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        items = []
        for number in range(posts):
            text = (
                f"{rnd.choice(texts)} {rnd.choice(places)} #WeCitizens #เมืองแห่งการเรียนรู้ ({number})"
            )
            entries = []
            for side in ("a", "b"):
                uri = f"{media}/{number}{side}.jpg"
                archive.writestr(uri, photos[rnd.randrange(PHOTO_VARIANTS)], zipfile.ZIP_STORED)
                entries.append((uri, f"ภาพกิจกรรม {number}"))
            links = ["https://wecitizens.example/story"] if number % 5 == 0 else []
            items.append(
                post(text, timestamp=1_577_836_800 + 3_600 * number, photos=entries, links=links)
            )
        archive.writestr(
            "this_profile's_activity_across_facebook/posts/profile_posts_1.json",
            facebook_json(items),
        )
    return path


def _status_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_child(archive, database_url):
    """In a fresh process: a new database with the seed, then the import, measured."""
    work = Path(tempfile.mkdtemp(prefix="bench-facebook-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{work / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    from core.thai import preload

    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=io.StringIO())
    preload()
    before = _status_kib("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")
    started, started_cpu = time.perf_counter(), time.process_time()
    out = io.StringIO()
    call_command("import_facebook", str(archive), "--no-progress", stdout=out, stderr=io.StringIO())
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    peak = _status_kib("VmHWM")
    shutil.rmtree(work, ignore_errors=True)
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "cpu_seconds": round(cpu, 1),
                "rss_before_mib": round(before / 1024, 1),
                "peak_rss_mib": round(peak / 1024, 1),
                "report": out.getvalue().strip(),
            },
            ensure_ascii=False,
        )
    )


@contextmanager
def _database(server_url):
    """A new, empty PostgreSQL database on `server_url` (dropped afterwards), or None."""
    if not server_url:
        yield None
        return
    import psycopg2

    name = f"bench_facebook_{os.getpid()}"
    admin = psycopg2.connect(f"{server_url.rstrip('/')}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server_url.rstrip('/')}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--photo-side", type=int, default=1280)
    parser.add_argument(
        "--postgres",
        metavar="SERVER_URL",
        help="Import into a new database on this PostgreSQL server (e.g. "
        "postgres://postgres@127.0.0.1:5432), dropped afterwards; SQLite otherwise.",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        return run_child(options.child, options.database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    for posts in options.posts:
        with tempfile.TemporaryDirectory(prefix="bench-facebook-export-") as folder:
            archive = build_export(Path(folder) / "export.zip", posts, options.photo_side)
            size = archive.stat().st_size / 1024**2
            command = [sys.executable, __file__, "--child", str(archive)]
            with _database(options.postgres) as database_url:
                if database_url:
                    command += ["--database-url", database_url]
                result = subprocess.run(command, capture_output=True, text=True, check=True)
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{posts} posts, {2 * posts} photos of {options.photo_side}px, "
                f"archive {size:.0f} MB: {figures['seconds']} s "
                f"(CPU {figures['cpu_seconds']} s), RSS {figures['rss_before_mib']} MiB "
                f"before, peak {figures['peak_rss_mib']} MiB\n  {figures['report']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
